// Gradients of samplingDot and spSum (packages/sparse/src/ops/sampling-dot.ts,
// sp-sum.ts) against finite differences; structured gradients perturb only the
// stored entries of the sparse input.
import { evaluate, type Variable } from '@proj/graph';
import * as pt from '@proj/tensor';
import { CSCMatrix, CSRMatrix, CompressedMatrix, SparseType, SparseVariable, cscMatrix, csrMatrix, denseFromSparse, samplingDot, spSum } from '@proj/sparse';
import { grad } from '../src';
import { randoms } from './grad-helpers';

function messy(format: 'csr' | 'csc', seed: number): CompressedMatrix {
  const data = randoms(seed, 6);
  data[1] = 0;
  const parts = { data, indices: [2, 0, 1, 2, 0, 1], indptr: [0, 2, 2, 5, 6], shape: [4, 3] };
  return format === 'csr' ? new CSRMatrix(parts) : new CSCMatrix({ ...parts, shape: [3, 4] });
}
const dense = (shape: number[], seed: number) => pt.fromRaw('float64', new Float64Array(randoms(seed, shape[0]! * (shape[1] ?? 1))), shape);
const raw = (a: pt.NDArray) => Float64Array.from(pt.rawView(a).data as Float64Array);

function fd(f: (v: Float64Array) => number, base: Float64Array, only?: (k: number) => boolean, eps = 1e-6): number[] {
  return Array.from(base, (_, k) => {
    if (only && !only(k)) return 0;
    const p = base.slice();
    p[k] += eps;
    const m = base.slice();
    m[k] -= eps;
    return (f(p) - f(m)) / (2 * eps);
  });
}
function close(got: ArrayLike<number>, want: readonly number[], tol = 1e-6): void {
  expect(got.length).toBe(want.length);
  for (let i = 0; i < want.length; i++) expect(Math.abs(got[i]! - want[i]!)).toBeLessThan(tol * (1 + Math.abs(want[i]!)));
}

describe.each(['csr', 'csc'] as const)('%s', (format) => {
  const pv = messy(format, 11);
  const [m, n] = pv.shape;
  const k = 2;
  const x = pt.dmatrix('x');
  const y = pt.dmatrix('y');
  const p = new SparseType(format, 'float64').makeVariable('p');
  const xv = dense([m, k], 12);
  const yv = dense([n, k], 13);

  it('samplingDot: dense gradients of x and y', () => {
    const w = pt.asTensorVariable(dense([m, n], 14));
    const cost = pt.sum(pt.mul(denseFromSparse(samplingDot(x, y, p), { structured: false }), w));
    const value = (a: pt.NDArray, b: pt.NDArray) => Number(pt.toNested(evaluate([cost], new Map<Variable, unknown>([[x, a], [y, b], [p, pv]]))[0] as pt.NDArray));
    const [gx, gy] = grad(cost, [x, y] as Variable[]) as Variable[];
    const [gxv, gyv] = evaluate([gx!, gy!], new Map<Variable, unknown>([[x, xv], [y, yv], [p, pv]])) as pt.NDArray[];
    close(raw(gxv!), fd((d) => value(pt.fromRaw('float64', d, [m, k]), yv), raw(xv)));
    close(raw(gyv!), fd((d) => value(xv, pt.fromRaw('float64', d, [n, k])), raw(yv)));
  });

  describe.each([null, 0, 1] as const)('spSum axis %s', (axis) => {
    const w = axis === null ? pt.asTensorVariable(1.7) : pt.asTensorVariable(dense([axis === 0 ? n : m], 15));
    const pDense = raw(pv.toarray());
    const stored = new Set<number>();
    for (let q = 0; q < pv.majorDim; q++) {
      for (let kk = pv.indptr[q]!; kk < pv.indptr[q + 1]!; kk++) {
        const [i, j] = format === 'csr' ? [q, pv.indices[kk]!] : [pv.indices[kk]!, q];
        stored.add(i * n + j);
      }
    }
    const toSparse = (d: Float64Array) => (format === 'csr' ? csrMatrix(pt.fromRaw('float64', d, [m, n])) : cscMatrix(pt.fromRaw('float64', d, [m, n])));
    it.each([true, false])('sparseGrad %s: sparse gradient in x\'s format', (sparseGrad) => {
      const cost = pt.sum(pt.mul(spSum(p, { axis, sparseGrad }), w));
      const value = (a: CompressedMatrix) => Number(pt.toNested(evaluate([cost], new Map<Variable, unknown>([[p, a]]))[0] as pt.NDArray));
      const g = grad(cost, p as Variable) as Variable;
      expect(g).toBeInstanceOf(SparseVariable);
      expect((g as SparseVariable).format).toBe(format);
      const gv = evaluate([g], new Map<Variable, unknown>([[p, pv]]))[0] as CompressedMatrix;
      // structured: only the stored entries (perturbing explicit zeros too); regular: every entry.
      const want = fd((d) => value(toSparse(d)), pDense, sparseGrad ? (kk) => stored.has(kk) : undefined);
      close(raw(gv.toarray()), want);
    });
  });
});
