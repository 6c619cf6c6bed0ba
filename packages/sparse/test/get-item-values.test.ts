// Values of the sparse indexing Ops against SciPy (tools/fixtures/gen_sparse_getitem.py):
// GetItemScalar, GetItem2d, GetItemList, GetItem2Lists, through x.get(...) and the
// functions, on CSR and CSC inputs with unsorted indices, explicit zeros and duplicates.
import { evaluate, type Variable } from '@proj/graph';
import * as pt from '@proj/tensor';
import type { NDArray } from '@proj/tensor';
import { CSCMatrix, CSRMatrix, type CompressedMatrix } from '../src/values';
import { asSparseVariable } from '../src/type/as-sparse';
import { SparseType } from '../src/type/sparse-type';
import { getItemScalar } from '../src/ops/get-item-scalar';
import { getItem2d } from '../src/ops/get-item-2d';
import { getItemList } from '../src/ops/get-item-list';
import { getItem2Lists } from '../src/ops/get-item-2lists';
import { encArray, expectedResult, loadGetItemFixtures, matrixOf, resultOf, sliceText, sortStored, storedOf } from './get-item-helpers';

const fx = loadGetItemFixtures();
const input = (k: string) => matrixOf(fx.inputs[k]!);
// A symbolic matrix of the input's Type, given its value at evaluation time.
function symbolic(k: string) {
  const m = input(k);
  const x = new SparseType(m.format, m.dtype).makeVariable('x');
  return { m, x, run: (v: Variable) => evaluate([v], new Map([[x, m]]))[0] };
}

describe('the fixture inputs', () => {
  it('have unsorted indices and explicit zeros, in both formats', () => {
    const ms = Object.keys(fx.inputs).map(input);
    expect(new Set(ms.map((m) => m.format))).toEqual(new Set(['csr', 'csc']));
    for (const m of ms) {
      expect(m.hasSortedIndices).toBe(false);
      expect(storedOf(m).some(([, , v]) => v === 0 || v === '0' || (Array.isArray(v) && v[0] === 0 && v[1] === 0))).toBe(true);
    }
  });
});

describe('GetItemScalar: x.get(i, j)', () => {
  it.each(fx.scalar.map((c) => [`${c.key}[${c.index.join(', ')}]`, c] as const))('%s', (_name, c) => {
    const { m, x, run } = symbolic(c.key);
    const before = storedOf(m);
    const out = x.get(c.index[0], c.index[1]);
    expect(out).toBeInstanceOf(pt.TensorVariable);
    expect((out as pt.TensorVariable).type.shape).toEqual([]);
    expect((out as pt.TensorVariable).dtype).toBe(m.dtype);
    expect(encArray(run(out) as NDArray)).toEqual(c.value);
    // Symbolic integer scalars as indices give the same value.
    const [i, j] = [pt.scalar('i', 'int32'), pt.scalar('j', 'int64')];
    const v = getItemScalar(x, i, j).eval(new Map<unknown, unknown>([[x, m], [i, c.index[0]], [j, c.index[1]]]) as never);
    expect(encArray(v as NDArray)).toEqual(c.value);
    expect(storedOf(m)).toEqual(before);
  });
});

describe('GetItem2d: x.get(a:b:s, c:d:t)', () => {
  it.each(fx.slice2d.map((c) => [`${c.key}[${c.slices.map(sliceText).join(', ')}]`, c] as const))('%s', (_name, c) => {
    const { m, x, run } = symbolic(c.key);
    const before = storedOf(m);
    const out = x.get(sliceText(c.slices[0]), sliceText(c.slices[1]));
    expect((out.type as SparseType).format).toBe(m.format);
    const v = run(out) as CompressedMatrix;
    expect(resultOf(v)).toEqual(expectedResult(c.result));
    v.check();
    expect(storedOf(m)).toEqual(before);
  });

  it.each(fx.slice1.map((c) => [`${c.key}[${sliceText(c.slice)}]`, c] as const))('one slice: %s', (_name, c) => {
    const { x, run } = symbolic(c.key);
    const slice = pt.slice(...c.slice);
    expect(resultOf(run(x.get(slice)) as CompressedMatrix)).toEqual(expectedResult(c.result));
    expect(resultOf(run(getItem2d(x, [slice])) as CompressedMatrix)).toEqual(expectedResult(c.result));
  });

  it('takes symbolic bounds and steps (int scalars), folds constant ones', () => {
    const c = fx.slice2d.find((e) => e.key === 'f_csc' && e.slices[0][2] === -2 && e.slices[1][2] === 3)!;
    const { m, x } = symbolic('f_csc');
    const [a, b, s] = [pt.scalar('a', 'int64'), pt.scalar('b', 'int32'), pt.scalar('s', 'int8')];
    const [r0, r1] = c.slices;
    const out = getItem2d(x, [pt.slice(a, b, s), pt.slice(pt.constant(r1[0]), r1[1], r1[2])]);
    expect(out.owner!.inputs).toHaveLength(4);
    const v = out.eval(new Map<unknown, unknown>([[x, m], [a, r0[0]], [b, r0[1]], [s, r0[2]]]) as never);
    expect(resultOf(v)).toEqual(expectedResult(c.result));
  });

  it('infers static shapes from a constant, and symbolic shapes that agree with perform', () => {
    const m = input('f_csr');
    const c = asSparseVariable(m);
    const fixed = c.get('1:4', '::-2');
    expect((fixed.type as SparseType).shape).toEqual([...(fixed as unknown as { eval(): CompressedMatrix }).eval().shape]);
    const x = new SparseType('csr', 'float64').makeVariable('x');
    const a = pt.scalar('a', 'int64');
    const out = x.get(pt.slice(a, null, -1), '1:');
    expect((out.type as SparseType).shape).toEqual([null, null]);
    const node = out.owner!;
    const [shape] = node.op.inferShape!(undefined, node, [[...m.shape], []]);
    for (const start of [-7, -2, 0, 3, 9]) {
      const givens = new Map<unknown, unknown>([[x, m], [a, start]]) as never;
      const got = shape!.map((d) => (typeof d === 'number' ? d : Number(pt.toNested((d as pt.TensorVariable).eval(givens) as NDArray))));
      expect(got).toEqual([...(out.eval(givens) as CompressedMatrix).shape]);
    }
  });
});

describe('GetItemList: x.get([i0, i1, ...])', () => {
  it.each(fx.list.map((c) => [`${c.key}[[${c.rows.join(', ')}]]`, c] as const))('%s', (_name, c) => {
    const { m, x, run } = symbolic(c.key);
    const before = storedOf(m);
    const out = x.get(c.rows);
    expect((out.type as SparseType).format).toBe(m.format);
    const v = run(out) as CompressedMatrix;
    expect(resultOf(v)).toEqual(expectedResult(c.result));
    v.check();
    // An integer vector tensor (of any integer dtype) as the index gives the same rows.
    const idx = pt.vector('idx', 'int16');
    const w = getItemList(x, idx).eval(new Map<unknown, unknown>([[x, m], [idx, Int16Array.from(c.rows)]]) as never);
    expect(resultOf(w)).toEqual(expectedResult(c.result));
    expect(storedOf(m)).toEqual(before);
  });

  it('an empty list gives a 0-row matrix', () => {
    const { x, run } = symbolic('f_csc');
    const v = run(x.get([])) as CompressedMatrix;
    expect(v.shape).toEqual([0, 6]);
    expect(v.format).toBe('csc');
    expect(v.nnz).toBe(0);
  });
});

describe('GetItem2Lists: x.get([i...], [j...])', () => {
  it.each(fx.lists2.map((c) => [`${c.key}[[${c.rows.join(', ')}], [${c.cols.join(', ')}]]`, c] as const))('%s', (_name, c) => {
    const { m, x, run } = symbolic(c.key);
    const out = x.get(c.rows, c.cols) as pt.TensorVariable;
    expect(out).toBeInstanceOf(pt.TensorVariable);
    expect(out.dtype).toBe(m.dtype);
    expect(out.type.shape).toEqual([c.rows.length]);
    expect(encArray(run(out) as NDArray)).toEqual(c.value);
    const v = getItem2Lists(x, Int32Array.from(c.rows), pt.constant(c.cols, { dtype: 'int64' })).eval(new Map([[x, m]]) as never);
    expect(encArray(v as NDArray)).toEqual(c.value);
  });
});

describe('no densifying', () => {
  // 1e6 x 1e6 with four entries: a dense copy (8 TB) could not be made, so every
  // result below shows the kernels only touch the entries and the index arrays.
  const n = 1_000_000;
  const coo = { rows: [3, 999_999, 3, 500_000], cols: [999_998, 0, 7, 500_000], vals: [1.5, -2, 0, 4] };
  const mats = ['csr', 'csc'].map((f) => {
    const major = f === 'csr' ? coo.rows : coo.cols;
    const minor = f === 'csr' ? coo.cols : coo.rows;
    const order = [0, 1, 2, 3].sort((a, b) => major[a]! - major[b]!);
    const indptr = new Int32Array(n + 1);
    for (const k of order) indptr[major[k]! + 1]!++;
    for (let i = 0; i < n; i++) indptr[i + 1]! += indptr[i]!;
    const parts = { data: order.map((k) => coo.vals[k]!), indices: order.map((k) => minor[k]!), indptr, shape: [n, n] };
    return f === 'csr' ? new CSRMatrix(parts) : new CSCMatrix(parts);
  });

  it.each([0, 1])('format %#: slices, rows, elements of a 1e6 x 1e6 matrix', (f) => {
    const m = mats[f]!;
    const x = asSparseVariable(m);
    const s = x.get('3:4', '::-1').eval() as CompressedMatrix;
    expect(s.shape).toEqual([1, n]);
    expect(storedOf(s)).toEqual(sortStored(storedOf(m).filter(([r]) => r === 3).map(([, c, v]) => [0, n - 1 - c, v])));
    const rows = x.get([999_999, 3]).eval() as CompressedMatrix;
    expect(rows.shape).toEqual([2, n]);
    expect(storedOf(rows)).toEqual([[0, 0, -2], [1, 7, 0], [1, 999_998, 1.5]]);
    const v = x.get([500_000, 3, 3], [500_000, 7, 999_998]).eval() as NDArray;
    expect(encArray(v).data).toEqual([4, 0, 1.5]);
    expect(encArray(x.get(-1, 0).eval() as NDArray).data).toEqual([-2]);
  });
});
