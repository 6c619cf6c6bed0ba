// R-operators of the sparse arithmetic and elementwise Ops, against central
// differences along the tangent (sparse tangents share the pattern of their
// point, as structured Ops read tangents on that pattern only).
import { evaluate, type Variable } from '@proj/graph';
import * as pt from '@proj/tensor';
import * as st from '@proj/sparse';
import * as un from '@proj/sparse';
import { Rop } from '../src';
import { randoms } from './grad-helpers';
import { CSCMatrix, CSRMatrix, SparseType, add, addSSData, colScale, mul, rowScale, type CompressedMatrix } from '@proj/sparse';

type Val = CompressedMatrix | pt.NDArray;
const isSparse = (v: unknown): v is CompressedMatrix => v instanceof CSRMatrix || v instanceof CSCMatrix;

/** A 3 x 4 matrix with unsorted indices (pattern `k`), values from `seed`. */
function sparse(format: 'csr' | 'csc', seed: number, k = 0, lo = -1, hi = 1): CompressedMatrix {
  const pats = [
    { indptr: [0, 2, 3, 6], indices: [2, 0, 3, 3, 1, 0] },
    { indptr: [0, 2, 3, 5], indices: [1, 2, 0, 3, 2] },
  ];
  const p = pats[k]!;
  const m = new CSRMatrix({ data: randoms(seed, p.indices.length, lo, hi), ...p, shape: [3, 4] });
  return format === 'csr' ? m : m.tocsc();
}
const dense = (shape: number[], seed: number, lo = -1, hi = 1): pt.NDArray =>
  pt.fromRaw('float64', new Float64Array(randoms(seed, shape.reduce((a, b) => a * b, 1), lo, hi)), shape);

/** point + h * tangent (same pattern for sparse values). */
function step(v: Val, t: Val, h: number): Val {
  if (isSparse(v)) {
    const c = v.copy();
    const d = c.data as Float64Array, td = (t as CompressedMatrix).data as Float64Array;
    for (let k = 0; k < d.length; k++) d[k]! += h * td[k]!;
    return c;
  }
  const a = Float64Array.from(pt.rawView(v).data as Float64Array), b = pt.rawView(t as pt.NDArray).data as Float64Array;
  return pt.fromRaw('float64', a.map((x, k) => x + h * b[k]!), v.shape);
}
const flat = (v: unknown): number[] => {
  const d = isSparse(v) ? v.toarray() : (v as pt.NDArray);
  return (pt.toNested(d) as number[][]).flat();
};

interface RopCase {
  name: string;
  build: (...xs: Variable[]) => Variable;
  points: (f: 'csr' | 'csc') => [Val[], Val[]];
}
const P = (f: 'csr' | 'csc', seed: number, lo = -1, hi = 1) => sparse(f, seed, 0, lo, hi);
const CASES: RopCase[] = [
  { name: 'add ss', build: add, points: (f) => [[P(f, 1), sparse(f, 2, 1)], [P(f, 3), sparse(f, 4, 1)]] },
  { name: 'add sd', build: add, points: (f) => [[P(f, 1), dense([3, 4], 2)], [P(f, 3), dense([3, 4], 4)]] },
  { name: 'addSSData', build: addSSData, points: (f) => [[P(f, 1), P(f, 2)], [P(f, 3), P(f, 4)]] },
  { name: 'mul ss', build: mul, points: (f) => [[P(f, 1), sparse(f, 2, 1)], [P(f, 3), sparse(f, 4, 1)]] },
  { name: 'mul sd', build: mul, points: (f) => [[P(f, 1), dense([3, 4], 2)], [P(f, 3), dense([3, 4], 4)]] },
  { name: 'mul scalar', build: mul, points: (f) => [[P(f, 1), dense([], 2)], [P(f, 3), dense([], 4)]] },
  { name: 'mul sv', build: mul, points: (f) => [[P(f, 1), dense([4], 2)], [P(f, 3), dense([4], 4)]] },
  { name: 'colScale', build: colScale, points: (f) => [[P(f, 1), dense([4], 2)], [P(f, 3), dense([4], 4)]] },
  { name: 'rowScale', build: rowScale, points: (f) => [[P(f, 1), dense([3], 2)], [P(f, 3), dense([3], 4)]] },
  { name: 'sin', build: un.sin, points: (f) => [[P(f, 1)], [P(f, 3)]] },
  { name: 'sqrt', build: un.sqrt, points: (f) => [[P(f, 1, 0.1, 0.9)], [P(f, 3)]] },
  { name: 'floor', build: un.floor, points: (f) => [[P(f, 1, 0.1, 0.9)], [P(f, 3)]] },
  { name: 'structuredExp', build: st.structuredExp, points: (f) => [[P(f, 1)], [P(f, 3)]] },
  { name: 'structuredPow', build: st.structuredPow, points: (f) => [[P(f, 1, 0.1, 0.9), dense([], 2, 1.5, 2)], [P(f, 3), dense([], 4)]] },
  { name: 'structuredAdd', build: st.structuredAdd, points: (f) => [[P(f, 1), dense([], 2)], [P(f, 3), dense([], 4)]] },
];

describe.each(['csr', 'csc'] as const)('sparse arithmetic Rop (%s)', (format) => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_n, c) => {
    const [xs, ts] = c.points(format);
    const vars = xs.map((v) => (isSparse(v) ? new SparseType(v.format, 'float64').makeVariable() : new pt.TensorType('float64', v.shape.map(() => null)).makeVariable()));
    const evs = ts.map((t, i) => (isSparse(t) ? new SparseType(t.format, 'float64').makeVariable() : new pt.TensorType('float64', (xs[i] as pt.NDArray).shape.map(() => null)).makeVariable()));
    const out = c.build(...vars);
    const r = Rop(out, vars, evs);
    const givens = (vals: Val[]) => new Map<Variable, unknown>([...vars.map((v, i) => [v, vals[i]] as const), ...evs.map((v, i) => [v, ts[i]] as const)]);
    const [got] = evaluate([r], givens(xs));
    const h = 1e-6;
    const plus = flat(evaluate([out], givens(xs.map((x, i) => step(x, ts[i]!, h))))[0]);
    const minus = flat(evaluate([out], givens(xs.map((x, i) => step(x, ts[i]!, -h))))[0]);
    const want = plus.map((p, k) => (p - minus[k]!) / (2 * h));
    const g = flat(got);
    expect(g.length).toBe(want.length);
    g.forEach((v, k) => expect(Math.abs(v - want[k]!)).toBeLessThan(1e-5 * (1 + Math.abs(want[k]!))));
  });
});
