// Gradients of the sparse products (packages/sparse/src/ops/structured-dot.ts):
// structured gradients are compared with finite differences that perturb only
// the stored entries of the sparse input; dense gradients with ordinary ones.
import { evaluate, type Variable } from '@proj/graph';
import * as pt from '@proj/tensor';
import { CSCMatrix, CSM, CSRMatrix, CompressedMatrix, SparseType, SparseVariable, StructuredDot, StructuredDotGradCSC, StructuredDotGradCSR, cscMatrix, csrMatrix, denseFromSparse, dot, structuredDot, trueDot } from '@proj/sparse';
import { grad } from '../src';
import { randoms } from './grad-helpers';

/** A sparse matrix with unsorted indices, an explicit zero and random values. */
function messy(format: 'csr' | 'csc', seed: number): CompressedMatrix {
  // 4 x 3 (CSR: 4 rows) / 3 x 4 transposed pattern for CSC is fine: shapes given below.
  const indptr = [0, 2, 2, 5, 6];
  const indices = [2, 0, 1, 2, 0, 1];
  const data = randoms(seed, 6);
  data[1] = 0; // explicit zero
  return format === 'csr'
    ? new CSRMatrix({ data, indices, indptr, shape: [4, 3] })
    : new CSCMatrix({ data, indices: [2, 0, 1, 3, 0, 1], indptr: [0, 2, 2, 5, 6], shape: [4, 4] });
}

function dense(shape: number[], seed: number): pt.NDArray {
  return pt.fromRaw('float64', new Float64Array(randoms(seed, shape[0]! * shape[1]!)), shape);
}

/** Central differences of f over the stored entries of a (structured). */
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
  const out: number[] = [];
  for (let k = 0; k < base.length; k++) {
    const p = base.slice();
    p[k] += eps;
    const m = base.slice();
    m[k] -= eps;
    out.push((f(pt.fromRaw('float64', p, b.shape)) - f(pt.fromRaw('float64', m, b.shape))) / (2 * eps));
  }
  return out;
}

function close(got: ArrayLike<number>, want: readonly number[], tol = 1e-6): void {
  expect(got.length).toBe(want.length);
  for (let i = 0; i < want.length; i++) expect(Math.abs(got[i]! - want[i]!)).toBeLessThan(tol * (1 + Math.abs(want[i]!)));
}

describe.each(['csr', 'csc'] as const)('structuredDot gradient (%s)', (format) => {
  const av = messy(format, 1);
  const [m, k] = av.shape;
  const n = 2;
  const bv = dense([k, n], 2);
  const wv = dense([m, n], 3);
  const a = new SparseType(format, 'float64').makeVariable('a');
  const b = pt.dmatrix('b');
  const cost = pt.sum(pt.mul(structuredDot(a, b) as pt.TensorVariable, pt.asTensorVariable(wv)));
  const value = (x: CompressedMatrix, y: pt.NDArray): number => Number(pt.toNested(evaluate([cost], new Map<Variable, unknown>([[a, x], [b, y]]))[0] as pt.NDArray));

  it('sparse gradient of a (same format and pattern, via StructuredDotGrad), dense gradient of b', () => {
    const [ga, gb] = grad(cost, [a, b] as Variable[]) as Variable[];
    expect(ga).toBeInstanceOf(SparseVariable);
    expect((ga as SparseVariable).format).toBe(format);
    expect(ga!.owner!.op).toBeInstanceOf(CSM);
    expect(ga!.owner!.inputs[0]!.owner!.op).toBeInstanceOf(format === 'csr' ? StructuredDotGradCSR : StructuredDotGradCSC);
    expect(gb).toBeInstanceOf(pt.TensorVariable);
    expect(gb!.owner!.op).toBeInstanceOf(StructuredDot);
    const [gav, gbv] = evaluate([ga!, gb!], new Map<Variable, unknown>([[a, av], [b, bv]])) as [CompressedMatrix, pt.NDArray];
    expect(gav.format).toBe(format);
    expect(Array.from(gav.indices)).toEqual(Array.from(av.indices));
    expect(Array.from(gav.indptr)).toEqual(Array.from(av.indptr));
    close(gav.data as Float64Array, fdStored((x) => value(x, bv), av));
    close(pt.rawView(gbv).data as Float64Array, fdDense((y) => value(av, y), bv));
  });
});

/** Central differences of f over every entry of a dense matrix given as raw values. */
function fdAll(f: (v: Float64Array) => number, base: Float64Array, eps = 1e-6): number[] {
  const out: number[] = [];
  for (let k = 0; k < base.length; k++) {
    const p = base.slice();
    p[k] += eps;
    const m = base.slice();
    m[k] -= eps;
    out.push((f(p) - f(m)) / (2 * eps));
  }
  return out;
}

describe.each(['csr', 'csc'] as const)('dot / trueDot regular gradients (%s)', (format) => {
  const xv = messy(format, 4);
  const [m, k] = xv.shape;
  const n = 3;
  const yv = dense([k, n], 5);
  const wv = dense([m, n], 6);
  const x = new SparseType(format, 'float64').makeVariable('x');
  const y = pt.dmatrix('y');
  const xDense = Float64Array.from(pt.rawView(xv.toarray()).data as Float64Array);
  const toSparse = (d: Float64Array): CompressedMatrix => {
    const a = pt.fromRaw('float64', d, [m, k]);
    return format === 'csr' ? csrMatrix(a) : cscMatrix(a);
  };

  it('dot(sparse, dense): dense gradients, full (regular)', () => {
    const cost = pt.sum(pt.mul(dot(x, y), pt.asTensorVariable(wv)));
    const value = (a: CompressedMatrix, b: pt.NDArray) => Number(pt.toNested(evaluate([cost], new Map<Variable, unknown>([[x, a], [y, b]]))[0] as pt.NDArray));
    const [gx, gy] = grad(cost, [x, y] as Variable[]) as Variable[];
    expect(gx).toBeInstanceOf(pt.TensorVariable);
    const [gxv, gyv] = evaluate([gx!, gy!], new Map<Variable, unknown>([[x, xv], [y, yv]])) as [pt.NDArray, pt.NDArray];
    close(pt.rawView(gxv).data as Float64Array, fdAll((d) => value(toSparse(d), yv), xDense));
    close(pt.rawView(gyv).data as Float64Array, fdDense((b) => value(xv, b), yv));
  });

  it('dot(dense, sparse) and dot(sparse, sparse)', () => {
    const z = pt.dmatrix('z');
    const zv = dense([n, m], 7);
    const w2 = dense([n, k], 8);
    const cost = pt.sum(pt.mul(dot(z, x), pt.asTensorVariable(w2)));
    const value = (a: pt.NDArray, b: CompressedMatrix) => Number(pt.toNested(evaluate([cost], new Map<Variable, unknown>([[z, a], [x, b]]))[0] as pt.NDArray));
    const [gz, gx] = grad(cost, [z, x] as Variable[]) as Variable[];
    const [gzv, gxv] = evaluate([gz!, gx!], new Map<Variable, unknown>([[z, zv], [x, xv]])) as [pt.NDArray, pt.NDArray];
    close(pt.rawView(gzv).data as Float64Array, fdDense((a) => value(a, xv), zv));
    close(pt.rawView(gxv).data as Float64Array, fdAll((d) => value(zv, toSparse(d)), xDense));

    // sparse @ sparse (the other format for the right operand): dense regular gradients.
    const s = new SparseType(format === 'csr' ? 'csc' : 'csr', 'float64').makeVariable('s');
    const sDense = new Float64Array(randoms(9, k * n)).map((v, i) => (i % 3 === 1 ? 0 : v));
    const toS = (d: Float64Array): CompressedMatrix => (format === 'csr' ? cscMatrix(pt.fromRaw('float64', d, [k, n])) : csrMatrix(pt.fromRaw('float64', d, [k, n])));
    const sv = toS(sDense);
    const cost2 = pt.sum(pt.mul(dot(x, s), pt.asTensorVariable(wv)));
    const value2 = (a: CompressedMatrix, b: CompressedMatrix) => Number(pt.toNested(evaluate([cost2], new Map<Variable, unknown>([[x, a], [s, b]]))[0] as pt.NDArray));
    const [g1, g2] = grad(cost2, [x, s] as Variable[]) as Variable[];
    const [g1v, g2v] = evaluate([g1!, g2!], new Map<Variable, unknown>([[x, xv], [s, sv]])) as [pt.NDArray, pt.NDArray];
    close(pt.rawView(g1v).data as Float64Array, fdAll((d) => value2(toSparse(d), sv), xDense));
    close(pt.rawView(g2v).data as Float64Array, fdAll((d) => value2(xv, toS(d)), sDense));
  });

  it('dot with dense vectors: sparse @ vector and vector @ sparse', () => {
    const v = pt.dvector('v');
    const u = pt.dvector('u');
    const vv = pt.fromRaw('float64', new Float64Array(randoms(21, k)), [k]);
    const uv = pt.fromRaw('float64', new Float64Array(randoms(22, m)), [m]);
    const w1 = pt.asTensorVariable(pt.fromRaw('float64', new Float64Array(randoms(23, m)), [m]));
    const w2 = pt.asTensorVariable(pt.fromRaw('float64', new Float64Array(randoms(24, k)), [k]));
    const cost = pt.add(pt.sum(pt.mul(dot(x, v), w1)), pt.sum(pt.mul(dot(u, x), w2)));
    const at = (a: CompressedMatrix, b: pt.NDArray, c: pt.NDArray) => Number(pt.toNested(evaluate([cost], new Map<Variable, unknown>([[x, a], [v, b], [u, c]]))[0] as pt.NDArray));
    const gs = grad(cost, [x, v, u] as Variable[]) as Variable[];
    const [gxv, gvv, guv] = evaluate(gs, new Map<Variable, unknown>([[x, xv], [v, vv], [u, uv]])) as pt.NDArray[];
    expect(gvv!.shape).toEqual([k]);
    expect(guv!.shape).toEqual([m]);
    close(pt.rawView(gxv!).data as Float64Array, fdAll((d) => at(toSparse(d), vv, uv), xDense));
    close(pt.rawView(gvv!).data as Float64Array, fdAll((d) => at(xv, pt.fromRaw('float64', d, [k]), uv), Float64Array.from(pt.rawView(vv).data as Float64Array)));
    close(pt.rawView(guv!).data as Float64Array, fdAll((d) => at(xv, vv, pt.fromRaw('float64', d, [m])), Float64Array.from(pt.rawView(uv).data as Float64Array)));
  });

  it('trueDot(sparse, dense): sparse gradient of x; y dense by default, sparse with gradPreservesDense false', () => {
    for (const gradPreservesDense of [true, false]) {
      const cost = pt.sum(pt.mul(denseFromSparse(trueDot(x, y, { gradPreservesDense }), { structured: false }), pt.asTensorVariable(wv)));
      const [gx, gy] = grad(cost, [x, y] as Variable[]) as Variable[];
      expect(gx).toBeInstanceOf(SparseVariable);
      if (gradPreservesDense) expect(gy).toBeInstanceOf(pt.TensorVariable);
      else expect(gy).toBeInstanceOf(SparseVariable);
      const value = (a: CompressedMatrix, b: pt.NDArray) => Number(pt.toNested(evaluate([cost], new Map<Variable, unknown>([[x, a], [y, b]]))[0] as pt.NDArray));
      const [gxv, gyv] = evaluate([gx!, gy!], new Map<Variable, unknown>([[x, xv], [y, yv]]));
      const gxd = (gxv as CompressedMatrix).toarray();
      close(pt.rawView(gxd).data as Float64Array, fdAll((d) => value(toSparse(d), yv), xDense));
      const gyd = gyv instanceof CompressedMatrix ? gyv.toarray() : (gyv as pt.NDArray);
      close(pt.rawView(gyd).data as Float64Array, fdDense((b) => value(xv, b), yv));
    }
  });
});
