// Gradients of the sparse arithmetic and elementwise Ops (packages/sparse/src/ops/
// arith, scale, structured, unary). The cost is sum(W * dense(out)); sparse
// inputs are checked by finite differences that perturb only their stored
// entries (structured), dense inputs by ordinary ones.
import { evaluate, type Variable } from '@proj/graph';
import * as pt from '@proj/tensor';
import * as st from '@proj/sparse';
import * as un from '@proj/sparse';
import { grad } from '../src';
import { randoms } from './grad-helpers';
import { CSCMatrix, CSRMatrix, DenseFromSparse, SparseType, SparseVariable, add, addSSData, colScale, mul, rowScale, structuredAddSV, sub, type CompressedMatrix } from '@proj/sparse';

const SHAPE: [number, number] = [3, 4];
// CSR pattern (rows unsorted, no duplicates); CSC uses the same arrays as columns of a 4 x 3... so it is built by transposing.
const PTR = [0, 2, 3, 6];
const IDX = [2, 0, 3, 3, 1, 0];

/** A 3 x 4 matrix with unsorted indices and (unless `noZero`) an explicit zero, values in [lo, hi]. */
function messy(format: 'csr' | 'csc', seed: number, lo = -1, hi = 1, noZero = false): CompressedMatrix {
  const data = randoms(seed, IDX.length, lo, hi);
  if (!noZero) data[3] = 0;
  const csr = new CSRMatrix({ data, indices: IDX, indptr: PTR, shape: SHAPE });
  if (format === 'csr') return csr;
  // CSC with reversed (unsorted) row order in every column, same entries.
  const c = csr.tocsc();
  const idx = Array.from(c.indices), dat = Array.from(c.data as Float64Array);
  for (let j = 0; j < 4; j++) {
    const s = c.indptr[j]!, e = c.indptr[j + 1]!;
    idx.splice(s, e - s, ...idx.slice(s, e).reverse());
    dat.splice(s, e - s, ...dat.slice(s, e).reverse());
  }
  return new CSCMatrix({ data: dat, indices: idx, indptr: c.indptr, shape: SHAPE });
}
/** Another pattern (overlapping the first). */
function other(format: 'csr' | 'csc', seed: number): CompressedMatrix {
  const m = new CSRMatrix({ data: randoms(seed, 5), indices: [1, 2, 0, 3, 2], indptr: [0, 2, 3, 5], shape: SHAPE });
  return format === 'csr' ? m : m.tocsc();
}
const dense = (shape: number[], seed: number, lo = -1, hi = 1): pt.NDArray =>
  pt.fromRaw('float64', new Float64Array(randoms(seed, shape.reduce((a, b) => a * b, 1), lo, hi)), shape);

function fdStored(f: (a: CompressedMatrix) => number, a: CompressedMatrix, eps = 1e-6): number[] {
  const out: number[] = [];
  for (let k = 0; k < a.nnz; k++) {
    const p = a.copy();
    (p.data as Float64Array)[k] += eps;
    const m = a.copy();
    (m.data as Float64Array)[k] -= eps;
    out.push((f(p) - f(m)) / (2 * eps));
  }
  return out;
}
function fdDense(f: (b: pt.NDArray) => number, b: pt.NDArray, eps = 1e-6): number[] {
  const base = Float64Array.from(pt.rawView(b).data as Float64Array);
  return Array.from(base, (_v, k) => {
    const p = base.slice(), m = base.slice();
    p[k] += eps;
    m[k] -= eps;
    return (f(pt.fromRaw('float64', p, b.shape)) - f(pt.fromRaw('float64', m, b.shape))) / (2 * eps);
  });
}
/** The gradient at the stored positions of `a` (CSR/CSC positions read through get). */
function atStored(g: CompressedMatrix, a: CompressedMatrix): number[] {
  const out: number[] = [];
  for (let i = 0; i < a.majorDim; i++) {
    for (let k = a.indptr[i]!; k < a.indptr[i + 1]!; k++) {
      const j = a.indices[k]!;
      out.push(Number(a.format === 'csr' ? g.get(i, j) : g.get(j, i)));
    }
  }
  return out;
}
function close(got: readonly number[], want: readonly number[], tol = 1e-5): void {
  expect(got.length).toBe(want.length);
  got.forEach((g, i) => expect(Math.abs(g - want[i]!)).toBeLessThan(tol * (1 + Math.abs(want[i]!))));
}

type Build = (...xs: Variable[]) => Variable;
interface GradCase {
  name: string;
  build: Build;
  values: (format: 'csr' | 'csc') => (CompressedMatrix | pt.NDArray)[];
}

const X = (f: 'csr' | 'csc') => messy(f, 1);
const POS = (f: 'csr' | 'csc') => messy(f, 2, 0.1, 0.9, true);
const unaryCase = (name: string, fn: Build, vals: (f: 'csr' | 'csc') => CompressedMatrix = X): GradCase => ({ name, build: fn, values: (f) => [vals(f)] });
const CASES: GradCase[] = [
  { name: 'add sparse+sparse', build: add, values: (f) => [X(f), other(f === 'csr' ? 'csc' : 'csr', 3)] },
  { name: 'add sparse+dense', build: add, values: (f) => [X(f), dense(SHAPE, 4)] },
  { name: 'sub sparse-sparse', build: sub, values: (f) => [X(f), other(f, 3)] },
  { name: 'sub dense-sparse', build: sub, values: (f) => [dense(SHAPE, 4), X(f)] },
  { name: 'addSSData', build: addSSData, values: (f) => [X(f), messy(f, 5)] },
  // SciPy's product stores no zero results, so an explicit zero of x hides y's gradient there (structured, as in PyTensor): no explicit zero here.
  { name: 'mul sparse*sparse', build: mul, values: (f) => [messy(f, 1, -1, 1, true), other(f, 3)] },
  { name: 'mul sparse*dense', build: mul, values: (f) => [X(f), dense(SHAPE, 4)] },
  { name: 'mul sparse*scalar', build: mul, values: (f) => [X(f), dense([], 6)] },
  { name: 'mul sparse*vector (MulSV)', build: mul, values: (f) => [X(f), dense([4], 7)] },
  { name: 'structuredAddSV', build: structuredAddSV, values: (f) => [X(f), dense([4], 7)] },
  { name: 'colScale', build: colScale, values: (f) => [X(f), dense([4], 7)] },
  { name: 'rowScale', build: rowScale, values: (f) => [X(f), dense([3], 8)] },
  unaryCase('structuredSigmoid', st.structuredSigmoid),
  unaryCase('structuredExp', st.structuredExp),
  unaryCase('structuredLog', st.structuredLog, POS),
  { name: 'structuredPow', build: st.structuredPow, values: (f) => [POS(f), dense([], 9, 1.5, 2.5)] },
  { name: 'structuredMinimum', build: st.structuredMinimum, values: (f) => [X(f), dense([], 10, 0.2, 0.3)] },
  { name: 'structuredMaximum', build: st.structuredMaximum, values: (f) => [X(f), dense([], 10, 0.2, 0.3)] },
  { name: 'structuredAdd', build: st.structuredAdd, values: (f) => [X(f), dense([], 11)] },
  ...(['sin', 'tan', 'arctan', 'sinh', 'arcsinh', 'tanh', 'rad2deg', 'deg2rad', 'expm1', 'sqr'] as const).map((n) => unaryCase(n, un[n])),
  ...(['arcsin', 'arctanh', 'log1p', 'sqrt', 'abs', 'sign', 'rint', 'floor', 'ceil', 'trunc'] as const).map((n) => unaryCase(n, un[n], POS)),
];

describe.each(['csr', 'csc'] as const)('sparse arithmetic gradients (%s)', (format) => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_n, c) => {
    const values = c.values(format);
    const vars = values.map((v) => (v instanceof CSRMatrix || v instanceof CSCMatrix ? new SparseType(v.format, 'float64').makeVariable() : new pt.TensorType('float64', v.shape.map(() => null)).makeVariable()));
    const out = c.build(...vars);
    const outDense = (out instanceof SparseVariable ? new DenseFromSparse().call(out) : out) as pt.TensorVariable;
    const w = dense(SHAPE, 99);
    const cost = pt.sum(pt.mul(outDense, pt.asTensorVariable(w)));
    const grads = grad(cost, vars) as Variable[];
    const gv = evaluate(grads, new Map<Variable, unknown>(vars.map((v, i) => [v, values[i]] as const)));
    const costAt = (vals: unknown[]): number => Number(pt.toNested(evaluate([cost], new Map<Variable, unknown>(vars.map((v, i) => [v, vals[i]] as const)))[0] as pt.NDArray));
    values.forEach((val, i) => {
      const withI = (x: unknown): number => costAt(values.map((v, j) => (j === i ? x : v)));
      if (val instanceof CSRMatrix || val instanceof CSCMatrix) {
        expect(grads[i]).toBeInstanceOf(SparseVariable);
        close(atStored(gv[i] as CompressedMatrix, val), fdStored(withI, val));
      } else {
        expect(grads[i]).toBeInstanceOf(pt.TensorVariable);
        const g = gv[i] as pt.NDArray;
        expect([...g.shape]).toEqual([...(val as pt.NDArray).shape]);
        const flat = g.shape.length === 2 ? (pt.toNested(g) as number[][]).flat() : g.shape.length === 1 ? (pt.toNested(g) as number[]) : [Number(pt.toNested(g))];
        close(flat, fdDense(withI, val as pt.NDArray));
      }
    });
  });
});
