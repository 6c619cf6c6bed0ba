// Gradients of sparse indexing (@proj/sparse src/ops/get-item*.ts). GetItemList and
// GetItem2Lists have regular gradients (sparse, in x's format): checked with
// verifyGrad through CSM (the stored values are a dense input; a full pattern
// covers every position), and on a sparse input with finite differences that
// perturb its stored entries (unsorted, explicit zeros, duplicates).
// sparseGrad(x.get(rows)) gives a sparse (CSC) gradient for a dense x.
// GetItemScalar and GetItem2d have no gradient (the reference: not implemented).
import { evaluate, type Variable } from '@proj/graph';
import * as pt from '@proj/tensor';
import {
  CSCMatrix,
  CSRMatrix,
  CompressedMatrix,
  ConstructSparseFromList,
  GetItem2ListsGrad,
  GetItemListGrad,
  SparseType,
  SparseVariable,
  csm,
  denseFromSparse,
  getItem2Lists,
  getItemList,
  sparseGrad,
} from '@proj/sparse';
import { NullTypeGradError } from '../src/errors';
import { grad } from '../src/grad';
import { referenceCompile, verifyGrad, type CompileFunction } from '../src/verify-grad';

type Fmt = 'csr' | 'csc';
// 4 x 5 (CSR) / 5 x 4 (CSC): unsorted indices, an explicit zero, (2, 1) stored twice, major 1 empty.
const PAT = { indices: [3, 0, 4, 1, 2, 1, 0], indptr: [0, 3, 3, 6, 7] };
const DATA = [0.5, -1.0, 0.0, 2.0, 1.5, -0.5, 3.0];
const shapeOf = (f: Fmt): [number, number] => (f === 'csr' ? [4, 5] : [5, 4]);
// Every position stored (row-major for CSR, column-major for CSC): verifyGrad then covers the whole regular gradient.
const FULL = { indices: Array.from({ length: 20 }, (_, k) => k % 5), indptr: [0, 5, 10, 15, 20] };
const FULL_DATA = Array.from({ length: 20 }, (_, k) => Math.sin(k + 1));
const i32 = (xs: number[]) => pt.constant(xs, { dtype: 'int32' });

function sparseOf(d: pt.TensorVariable, format: Fmt, p = PAT): SparseVariable {
  return csm(format, d, i32(p.indices), i32(p.indptr), shapeOf(format));
}

function valueOf(format: Fmt): CompressedMatrix {
  const parts = { data: DATA, ...PAT, shape: shapeOf(format) };
  return format === 'csr' ? new CSRMatrix(parts) : new CSCMatrix(parts);
}

/** Central differences of cost(x) over the stored entries of the value m. */
function storedFiniteDiff(cost: Variable, x: Variable, m: CompressedMatrix, eps = 1e-6): number[] {
  return Array.from({ length: m.nnz }, (_, k) => {
    const at = (delta: number) => {
      const c = m.copy();
      (c.data as Float64Array)[k]! += delta;
      return Number(pt.toNested(evaluate([cost], new Map([[x, c]]))[0] as pt.NDArray));
    };
    return (at(eps) - at(-eps)) / (2 * eps);
  });
}

/** The gradient of cost with respect to the sparse x at m: a sparse matrix of x's format agreeing with finite differences on every stored entry. */
function checkAtStored(cost: Variable, x: SparseVariable, m: CompressedMatrix, OpClass: unknown): void {
  const g = grad(cost, x) as Variable;
  expect(g).toBeInstanceOf(SparseVariable);
  expect((g.type as SparseType).format).toBe(x.format);
  expect(g.owner!.op).toBeInstanceOf(OpClass as never);
  const gv = evaluate([g], new Map([[x, m]]))[0] as CompressedMatrix;
  expect(gv.format).toBe(x.format);
  const dense = pt.toNested(gv.toarray()) as number[][];
  const fd = storedFiniteDiff(cost, x, m);
  for (let i = 0; i < m.majorDim; i++) {
    for (let k = m.indptr[i]!; k < m.indptr[i + 1]!; k++) {
      const [r, c] = m.format === 'csr' ? [i, m.indices[k]!] : [m.indices[k]!, i];
      expect(dense[r]![c]).toBeCloseTo(fd[k]!, 6);
    }
  }
}

const weights = (rows: number, cols: number) => pt.constant(Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => 0.3 * i - 0.7 * j + 0.1 * i * j + 0.5)), { dtype: 'float64' });

describe.each(['csr', 'csc'] as const)('GetItemList gradient (%s)', (format) => {
  const rows = [2, 0, 2, -1]; // a repeated row and a negative one

  it('verifyGrad through CSM, on the pattern and on a full pattern', () => {
    verifyGrad((d) => denseFromSparse(sparseOf(d, format).get(rows) as SparseVariable, { structured: false }), [DATA]);
    verifyGrad((d) => denseFromSparse(getItemList(sparseOf(d, format), rows)), [DATA]);
    verifyGrad((d) => denseFromSparse(sparseOf(d, format, FULL).get(rows) as SparseVariable, { structured: false }), [FULL_DATA]);
  });

  it('is a sparse matrix in x`s format (GetItemListGrad) matching finite differences at the stored entries', () => {
    const x = new SparseType(format, 'float64').makeVariable('x');
    const cost = pt.sum(pt.mul(denseFromSparse(x.get(rows) as SparseVariable, { structured: false }), weights(rows.length, shapeOf(format)[1])));
    checkAtStored(cost, x, valueOf(format), GetItemListGrad);
  });

  it('is regular: a full dense output gradient reaches rows x does not store', () => {
    const x = new SparseType(format, 'float64').makeVariable('x');
    const w = weights(rows.length, shapeOf(format)[1]);
    const cost = pt.sum(pt.mul(denseFromSparse(x.get(rows) as SparseVariable, { structured: false }), w));
    const g = evaluate([grad(cost, x) as Variable], new Map([[x, valueOf(format)]]))[0] as CompressedMatrix;
    // Row 2 is picked twice and row -1 once: the gradient there is the sum of the weight rows that picked it, stored or not.
    const wv = pt.toNested(w.data) as number[][];
    const gd = pt.toNested(g.toarray()) as number[][];
    const n = shapeOf(format)[0];
    gd.forEach((row, r) => {
      const want = row.map((_, j) => rows.reduce((s, ri, t) => s + ((ri + n) % n === r ? wv[t]![j]! : 0), 0));
      row.forEach((v, j) => expect(v).toBeCloseTo(want[j]!, 12));
    });
  });
});

describe.each(['csr', 'csc'] as const)('GetItem2Lists gradient (%s)', (format) => {
  const [rows, cols] = [[2, 0, 2, 3, 2], [1, 3, 1, 0, -1]]; // (2, 1) picked twice, (2, -1) and (0, 3) not stored in CSR

  it('verifyGrad through CSM, on the pattern and on a full pattern', () => {
    verifyGrad((d) => sparseOf(d, format).get(rows, cols) as pt.TensorVariable, [DATA]);
    verifyGrad((d) => getItem2Lists(sparseOf(d, format, FULL), rows, cols), [FULL_DATA]);
  });

  it('is a sparse matrix in x`s format (GetItem2ListsGrad) matching finite differences at the stored entries', () => {
    const x = new SparseType(format, 'float64').makeVariable('x');
    const cost = pt.sum(pt.mul(x.get(rows, cols) as pt.TensorVariable, pt.constant([1.5, -2, 0.25, 3, -1], { dtype: 'float64' })));
    checkAtStored(cost, x, valueOf(format), GetItem2ListsGrad);
  });
});

describe('sparseGrad(x.get(rows)) of a dense matrix', () => {
  const X = Array.from({ length: 5 }, (_, i) => Array.from({ length: 3 }, (_, j) => Math.cos(3 * i + j)));
  const rows = [4, 0, 4, -2];
  // verifyGrad compares dense arrays: this compiler hands sparse results over as dense ones.
  const densify: CompileFunction = (inputs, outputs) => {
    const fn = referenceCompile(inputs, outputs);
    return (...values) => (fn(...values) as unknown[]).map((v) => (v instanceof CompressedMatrix ? v.toarray() : v));
  };

  it('verifyGrad (the sparse gradient made dense for the comparison)', () => {
    verifyGrad((w) => sparseGrad(w.get(rows)), [X], { compile: densify });
  });

  it('is a CSC matrix (ConstructSparseFromList) equal to the dense gradient of x.get(rows)', () => {
    const w = pt.matrix('w', 'float64');
    const u = weights(rows.length, 3);
    const sparseG = grad(pt.sum(pt.mul(sparseGrad(w.get(rows)), u)), w) as Variable;
    const denseG = grad(pt.sum(pt.mul(w.get(rows), u)), w) as Variable;
    expect(sparseG).toBeInstanceOf(SparseVariable);
    expect((sparseG.type as SparseType).format).toBe('csc');
    expect(sparseG.owner!.op).toBeInstanceOf(ConstructSparseFromList);
    expect(denseG).toBeInstanceOf(pt.TensorVariable);
    const givens = new Map([[w, pt.constant(X, { dtype: 'float64' }).data]]);
    const [sv, dv] = evaluate([sparseG, denseG], givens) as [CompressedMatrix, pt.NDArray];
    // Only the picked rows are stored: 4 entries (3 columns each), not 5 x 3.
    expect(sv.nnz).toBe(rows.length * 3);
    expect(pt.toNested(sv.toarray())).toEqual(pt.toNested(dv));
  });
});

describe('GetItemScalar and GetItem2d have no gradient (not implemented in the reference)', () => {
  it.each([
    ['GetItemScalar', (x: SparseVariable) => x.get(1, -1) as pt.TensorVariable],
    ['GetItem2d', (x: SparseVariable) => pt.sum(denseFromSparse(x.get('1:', '::2') as SparseVariable))],
  ] as const)('%s: a NullTypeGradError saying so', (name, f) => {
    const x = new SparseType('csr', 'float64').makeVariable('x');
    const cost = f(x);
    expect(() => grad(cost, x)).toThrow(NullTypeGradError);
    expect(() => grad(cost, x)).toThrow(new RegExp(`grad method for input 0 \\(x\\) of the ${name}.* op is not implemented`));
  });
});
