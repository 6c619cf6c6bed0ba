// Construction, conversion and structural sparse Ops against SciPy fixtures
// (tools/fixtures/gen_sparse_basic.py): DenseFromSparse, SparseFromDense, CSM,
// CSMProperties, Transpose, Neg, Cast, EnsureSortedIndices, Remove0, clean,
// Diag, SquareDiagonal, HStack, VStack, SparseBlockDiagonal, ConstructSparseFromList.
import { asTensorVariable, constant, rawArrayCtor, toNested, type Dtype, type NDArray, type RawArray } from '@proj/tensor';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CSCMatrix, CSRMatrix, type CompressedMatrix } from '../src/values';
import { asSparseVariable } from '../src/type/as-sparse';
import { denseFromSparse, csrFromDense, cscFromDense } from '../src/ops/convert';
import { csmProperties, csr, csc } from '../src/ops/csm';
import { transpose, neg, ensureSortedIndices, remove0, clean } from '../src/ops/structure';
import { cast } from '../src/ops/cast';
import { hstack, vstack, blockDiag } from '../src/ops/stack';
import { diag, squareDiagonal, constructSparseFromList } from '../src/ops/diag';

type Enc = number | string | boolean | number[];
interface Structure {
  format: string;
  shape: number[];
  dtype: string;
  data: Enc[];
  indices: number[];
  indptr: number[];
}
interface Dense {
  shape: number[];
  dtype: string;
  values: Enc[];
}
interface Joined {
  keys: string[];
  format: 'csr' | 'csc';
  dtype: string;
  dense: Dense;
}
interface Fixtures {
  inputs: Record<string, Structure>;
  toarray: Record<string, Dense>;
  transpose: Record<string, { format: string; dense: Dense }>;
  neg: Record<string, Structure>;
  sorted: Record<string, Structure>;
  remove0: Record<string, Structure>;
  clean: Record<string, Structure>;
  cast: Record<string, Structure>;
  diag: Record<string, Dense>;
  dense_inputs: Record<string, Dense>;
  from_dense: Record<string, Structure>;
  square_diagonal: Dense;
  stack: Record<string, Joined>;
  block_diag: Record<string, Joined>;
  construct_from_list: { x_shape: number[]; values: Dense; ilist: number[]; dense: Dense };
}

const fx = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'sparse-basic.json'), 'utf8')) as Fixtures;

function rawData(values: Enc[], dtype: Dtype): RawArray {
  if (dtype === 'int64') return BigInt64Array.from(values.map((v) => BigInt(v as string)));
  if (dtype.startsWith('complex')) return (dtype === 'complex64' ? Float32Array : Float64Array).from((values as number[][]).flat());
  const Ctor = rawArrayCtor(dtype) as unknown as { from(x: number[]): RawArray };
  return Ctor.from(values.map((v) => (typeof v === 'boolean' ? (v ? 1 : 0) : (v as number))));
}

function build(s: Structure): CSRMatrix | CSCMatrix {
  const parts = { data: rawData(s.data, s.dtype as Dtype), indices: s.indices, indptr: s.indptr, shape: s.shape };
  return s.format === 'csr' ? new CSRMatrix(parts, { dtype: s.dtype as Dtype }) : new CSCMatrix(parts, { dtype: s.dtype as Dtype });
}

function denseValue(d: Dense): NDArray {
  const vals = d.values.map((v) => (d.dtype === 'int64' ? BigInt(v as string) : Array.isArray(v) ? { re: v[0]!, im: v[1]! } : v));
  const nested = d.shape.length === 2 ? Array.from({ length: d.shape[0]! }, (_, i) => vals.slice(i * d.shape[1]!, (i + 1) * d.shape[1]!)) : vals;
  return constant(nested, { dtype: d.dtype as Dtype }).data as NDArray;
}

function encData(m: CompressedMatrix): Enc[] {
  const out: Enc[] = [];
  for (let k = 0; k < m.nnz; k++) {
    if (m.width === 2) out.push([m.data[2 * k] as number, m.data[2 * k + 1] as number]);
    else if (m.dtype === 'bool') out.push(m.data[k] !== 0);
    else if (m.dtype === 'int64') out.push(String(m.data[k]));
    else out.push(m.data[k] as number);
  }
  return out;
}

function structureOf(m: CompressedMatrix): Structure {
  return { format: m.format, shape: [...m.shape], dtype: m.dtype, data: encData(m), indices: Array.from(m.indices), indptr: Array.from(m.indptr) };
}

function denseOf(a: NDArray): Dense {
  const nested = toNested(a) as unknown[];
  const flat = a.shape.length === 2 ? (nested.flat() as unknown[]) : nested;
  return { shape: [...a.shape], dtype: a.dtype, values: flat.map((v) => (typeof v === 'bigint' ? String(v) : (v as Enc))) };
}

const keys = Object.keys(fx.inputs);
const input = (k: string) => asSparseVariable(build(fx.inputs[k]!));

describe('DenseFromSparse', () => {
  it.each(keys)('%s: toarray sums duplicates', (k) => {
    const m = build(fx.inputs[k]!);
    const before = structureOf(m);
    expect(denseOf(denseFromSparse(asSparseVariable(m)).eval() as NDArray)).toEqual(fx.toarray[k]);
    expect(denseOf(denseFromSparse(m, { structured: false }).eval() as NDArray)).toEqual(fx.toarray[k]);
    expect(structureOf(m)).toEqual(before);
  });

  it('refuses a dense input with the op and argument named', () => {
    expect(() => denseFromSparse(asTensorVariable([[1, 2]]))).toThrow(/denseFromSparse: input 0 expected a sparse matrix/);
  });
});

describe('SparseFromDense', () => {
  it.each(Object.keys(fx.from_dense))('%s', (key) => {
    const [name, format] = key.split(':') as [string, 'csr' | 'csc'];
    const x = constant(denseValue(fx.dense_inputs[name]!));
    const out = (format === 'csr' ? csrFromDense(x) : cscFromDense(x)).eval();
    expect(structureOf(out)).toEqual(fx.from_dense[key]);
  });

  it('needs a matrix', () => {
    expect(() => csrFromDense(asTensorVariable([1, 2]))).toThrow(/2-d/);
  });
});

describe('CSM and CSMProperties', () => {
  it.each(keys)('%s: properties are the stored arrays, CSM rebuilds the matrix', (k) => {
    const s = fx.inputs[k]!;
    const [data, indices, indptr, shape] = csmProperties(input(k)).map((v) => v.eval() as NDArray);
    expect(denseOf(indices!).values).toEqual(s.indices);
    expect(denseOf(indptr!).values).toEqual(s.indptr);
    expect(denseOf(shape!).values).toEqual(s.shape);
    expect(denseOf(data!).values).toEqual(s.data);
    const rebuilt = (s.format === 'csr' ? csr : csc)(constant(data!), constant(indices!), constant(indptr!), constant(shape!)).eval();
    expect(structureOf(rebuilt)).toEqual(s);
  });

  it('checks the structure when it runs', () => {
    const bad = csr(asTensorVariable([1.0, 2.0]), constant([0, 5], { dtype: 'int32' }), constant([0, 1, 2], { dtype: 'int32' }), [2, 3]);
    expect(() => bad.eval()).toThrow(/column|index|range/i);
  });

  it('refuses float indices', () => {
    expect(() => csr(asTensorVariable([1.0]), asTensorVariable([0.5]), constant([0, 1], { dtype: 'int32' }), [1, 1])).toThrow(/integer/);
  });
});

describe('Transpose and Neg', () => {
  it.each(keys)('%s: transpose swaps the format', (k) => {
    const t = transpose(input(k));
    expect(t.format).toBe(fx.transpose[k]!.format);
    const v = t.eval();
    expect(v.format).toBe(fx.transpose[k]!.format);
    expect(denseOf(v.toarray())).toEqual(fx.transpose[k]!.dense);
  });

  it.each(Object.keys(fx.neg))('%s: neg keeps the structure', (k) => {
    expect(structureOf(neg(input(k)).eval())).toEqual(fx.neg[k]);
  });
});

describe('EnsureSortedIndices, Remove0, clean', () => {
  it.each(keys)('%s', (k) => {
    const m = build(fx.inputs[k]!);
    const before = structureOf(m);
    expect(structureOf(ensureSortedIndices(m).eval())).toEqual(fx.sorted[k]);
    expect(structureOf(remove0(m).eval())).toEqual(fx.remove0[k]);
    expect(structureOf(clean(m).eval())).toEqual(fx.clean[k]);
    expect(structureOf(m)).toEqual(before);
  });
});

describe('Cast', () => {
  it.each(Object.keys(fx.cast))('%s', (key) => {
    const [k, dtype] = key.split(':') as [string, Dtype];
    const out = cast(input(k), dtype).eval();
    expect(out.dtype).toBe(dtype);
    expect(denseOf(out.toarray())).toEqual(denseOf(build(fx.cast[key]!).toarray()));
  });
});

describe('Diag and SquareDiagonal', () => {
  it.each(Object.keys(fx.diag))('%s: diag', (k) => {
    expect(denseOf(diag(input(k)).eval() as NDArray)).toEqual(fx.diag[k]);
  });

  it('diag refuses a non-square matrix', () => {
    expect(() => diag(input('dup_csr')).eval()).toThrow(/square/);
  });

  it('squareDiagonal', () => {
    const out = squareDiagonal(constant([1.0, 0.0, -2.5], { dtype: 'float64' })).eval();
    expect(out.format).toBe('csc');
    expect(denseOf(out.toarray())).toEqual(fx.square_diagonal);
  });
});

describe('HStack, VStack, block diagonal', () => {
  it.each(Object.keys(fx.stack))('%s', (key) => {
    const c = fx.stack[key]!;
    const fn = key.startsWith('h') ? hstack : vstack;
    const out = fn(c.keys.map(input), { format: c.format, dtype: key.endsWith('float32') ? 'float32' : undefined });
    expect(out.format).toBe(c.format);
    const v = out.eval();
    expect(v.dtype).toBe(c.dtype);
    expect(denseOf(v.toarray())).toEqual(c.dense);
  });

  it('hstack refuses blocks with different row counts', () => {
    expect(() => hstack([input('a_csr'), input('dup_csr')]).eval()).toThrow(/rows/);
  });

  it.each(Object.keys(fx.block_diag))('%s', (key) => {
    const c = fx.block_diag[key]!;
    const v = blockDiag(c.keys.map(input), { format: c.format }).eval();
    expect(v.format).toBe(c.format);
    expect(v.dtype).toBe(c.dtype);
    expect(denseOf(v.toarray())).toEqual(c.dense);
  });
});

describe('ConstructSparseFromList', () => {
  it('places rows, adding repeated ones', () => {
    const c = fx.construct_from_list;
    const x = constant(new Array(c.x_shape[0]).fill(0).map(() => new Array(c.x_shape[1]).fill(0.0)), { dtype: 'float64' });
    const out = constructSparseFromList(x, constant(denseValue(c.values)), constant(c.ilist, { dtype: 'int64' })).eval();
    expect(out.format).toBe('csc');
    expect(denseOf(out.toarray())).toEqual(c.dense);
  });
});
