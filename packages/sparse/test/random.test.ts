// The sparse probability Ops (Poisson, Binomial, Multinomial): reproducibility
// from the generator state, shapes/formats/dtypes, patterns, and the moments of
// many draws against the distributions' (mean and variance within a few
// standard errors, with fixed seeds so the tests are deterministic).
import { ArgumentError, DtypeError, NullType, DisconnectedType, ShapeError, TypeMismatchError, evaluate, type Variable } from '@proj/graph';
import * as pt from '@proj/tensor';
import * as sp from '../src';
import { CSCMatrix, CSRMatrix, SeededRandom, type CompressedMatrix } from '../src/values';

const seq = (n: number) => Array.from({ length: n }, (_, i) => i);

/** Values of a sparse matrix's stored entries, as numbers. */
const stored = (m: CompressedMatrix) => Array.from(m.data as ArrayLike<number | bigint>, Number);

function moments(xs: number[]): { mean: number; variance: number } {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1);
  return { mean, variance };
}

/** Checks mean and variance of draws against the distribution's, within `z` standard errors. */
function expectMoments(xs: number[], mean: number, variance: number, z = 5): void {
  const m = moments(xs);
  const n = xs.length;
  expect(Math.abs(m.mean - mean)).toBeLessThan(z * Math.sqrt(variance / n) + 1e-12);
  // The sample variance's standard error is about variance * sqrt(2 / n) (plus excess kurtosis, covered by z).
  expect(Math.abs(m.variance - variance)).toBeLessThan(z * variance * Math.sqrt(2 / n) * 1.5 + 1e-12);
}

/** A one-row-per-draw matrix: `reps` rows holding the same values (to draw many samples in one call). */
function repeatedRows(values: number[], reps: number, format: 'csr' | 'csc', dtype: pt.Dtype = 'float64'): CompressedMatrix {
  const dense = seq(reps).map(() => values);
  return format === 'csr' ? sp.csrMatrix(dense, { dtype }) : sp.cscMatrix(dense, { dtype });
}

describe('Poisson', () => {
  const x = sp.csrMatrix('x');

  it('draws the same values for the same seed and different ones for another', () => {
    const xv = repeatedRows([0.5, 3, 20], 50, 'csr');
    const a = sp.poisson(x, { rng: 11 }).eval(new Map([[x, xv]]));
    const b = sp.poisson(x, { rng: 11 }).eval(new Map([[x, xv]]));
    const c = sp.poisson(x, { rng: 12 }).eval(new Map([[x, xv]]));
    expect(sp.sparseEqual(a, b)).toBe(true);
    expect(sp.sparseEqual(a, c)).toBe(false);
  });

  it('keeps the format and dtype, stores only where x does, and never changes x or the state', () => {
    for (const format of ['csr', 'csc'] as const) {
      for (const dtype of ['float32', 'float64', 'int32', 'int64'] as const) {
        const xs = sp.sparseMatrix(format, 'x', dtype);
        const xv = format === 'csr' ? sp.csrMatrix([[0, 4, 0], [9, 0, 2]], { dtype }) : sp.cscMatrix([[0, 4, 0], [9, 0, 2]], { dtype });
        const before = stored(xv);
        const g = new SeededRandom(5);
        const state = g.state;
        const y = sp.poisson(xs, { rng: g });
        expect(y.type).toEqual(xs.type);
        const out = y.eval(new Map([[xs, xv]]));
        expect(out.format).toBe(format);
        expect(out.dtype).toBe(dtype);
        expect(out.shape).toEqual([2, 3]);
        const dense = pt.toNested(out.toarray()) as number[][];
        [[0, 0], [0, 2], [1, 1]].forEach(([i, j]) => expect(Number(dense[i!]![j!])).toBe(0));
        expect(stored(xv)).toEqual(before);
        expect(g.state).toEqual(state);
      }
    }
  });

  it('has the mean and variance of Poisson(lam) for small and large lam', () => {
    for (const lam of [0.3, 4, 25, 400]) {
      const xv = repeatedRows([lam], 4000, 'csr');
      const out = sp.poisson(x, { rng: 1234 }).eval(new Map([[x, xv]]));
      const dense = (pt.toNested(out.toarray()) as number[][]).map((r) => r[0]!);
      expectMoments(dense, lam, lam);
    }
  });

  it('returns the advanced state as its first output', () => {
    const rng = sp.randomGenerator(3);
    const y = sp.poisson(x, { rng });
    const next = sp.nextRng(y);
    expect(next.type).toBeInstanceOf(sp.RandomGeneratorType);
    const xv = repeatedRows([2], 10, 'csr');
    const [g1] = evaluate([next], [[x, xv]]) as [SeededRandom];
    expect(g1.state).not.toEqual((rng.getValue() as SeededRandom).state);
    // Drawing with the advanced state gives new values.
    const y2 = sp.poisson(x, { rng: g1 }).eval(new Map([[x, xv]]));
    expect(sp.sparseEqual(y2, y.eval(new Map([[x, xv]])))).toBe(false);
  });

  it('has no gradient (NullType) and refuses bad input', () => {
    const y = sp.poisson(x, { rng: 1 });
    const [gRng, gx] = y.owner!.op.grad!(y.owner!.inputs, [y]);
    expect(gRng!.type).toBeInstanceOf(DisconnectedType);
    expect(gx!.type).toBeInstanceOf(NullType);
    expect(() => sp.poisson(sp.sparseMatrix('csr', 'z', 'complex128'), { rng: 1 })).toThrow(DtypeError);
    expect(() => sp.poisson(x, { rng: pt.dscalar('r') })).toThrow(TypeMismatchError);
    expect(() => sp.poisson(x, { rng: 1 }).eval(new Map([[x, sp.csrMatrix([[-1, 0]])]]))).toThrow(/finite means >= 0/);
  });
});

describe('Binomial', () => {
  const n = pt.lscalar('n');
  const p = pt.dscalar('p');
  const shape = pt.lvector('shape');

  it('has the four Ops of the reference with their formats and dtypes', () => {
    expect([sp.csrFbinomial, sp.cscFbinomial, sp.csrDbinomial, sp.cscDbinomial].map((o) => [o.props.format, o.props.dtype])).toEqual([
      ['csr', 'float32'], ['csc', 'float32'], ['csr', 'float64'], ['csc', 'float64'],
    ]);
    for (const op of [sp.csrFbinomial, sp.cscDbinomial]) {
      const y = op.call(sp.randomGenerator(1), n, p, shape) as sp.SparseVariable;
      expect(y.format).toBe(op.props.format);
      expect(y.dtype).toBe(op.props.dtype);
      const v = y.eval(new Map<Variable, unknown>([[n, 5], [p, 0.3], [shape, [7, 9]]]));
      expect(v).toBeInstanceOf(op.props.format === 'csr' ? CSRMatrix : CSCMatrix);
      expect(v.dtype).toBe(op.props.dtype);
      expect(v.shape).toEqual([7, 9]);
      expect(v.hasCanonicalFormat).toBe(true);
      expect(stored(v).every((k) => k >= 1 && k <= 5 && Number.isInteger(k))).toBe(true);
    }
  });

  it('is reproducible from the seed', () => {
    const a = sp.binomial(4, 0.2, [30, 40], { rng: 9 }).eval();
    const b = sp.binomial(4, 0.2, [30, 40], { rng: 9 }).eval();
    const c = sp.binomial(4, 0.2, [30, 40], { rng: 10 }).eval();
    expect(sp.sparseEqual(a, b)).toBe(true);
    expect(sp.sparseEqual(a, c)).toBe(false);
  });

  it('has the mean and variance of Binomial(n, p) over every position (zeros included)', () => {
    const cases: [number, number][] = [[1, 0.01], [3, 0.2], [20, 0.5], [200, 0.3], [1000, 0.97]];
    cases.forEach(([nn, pp], i) => {
      for (const format of ['csr', 'csc'] as const) {
        const v = sp.binomial(nn, pp, [60, 100], { rng: 100 + i, format }).eval();
        const all = (pt.toNested(v.toarray()) as number[][]).flat();
        expectMoments(all, nn * pp, nn * pp * (1 - pp));
      }
    });
  });

  it('gives nothing for p = 0 and n everywhere for p = 1', () => {
    expect(sp.binomial(5, 0, [4, 4], { rng: 1 }).eval().nnz).toBe(0);
    const full = sp.binomial(5, 1, [4, 3], { rng: 1 }).eval();
    expect(full.nnz).toBe(12);
    expect(stored(full)).toEqual(new Array(12).fill(5));
  });

  it('has no gradient for n and p, and refuses bad input', () => {
    const y = sp.binomial(n, p, shape, { rng: 1 });
    const g = y.owner!.op.grad!(y.owner!.inputs, [y]);
    expect(g[1]!.type).toBeInstanceOf(NullType);
    expect(g[2]!.type).toBeInstanceOf(NullType);
    expect(g[3]!.type).toBeInstanceOf(DisconnectedType);
    expect(() => new sp.Binomial('coo' as 'csr', 'float64')).toThrow(ArgumentError);
    expect(() => new sp.Binomial('csr', 'complex128')).toThrow(DtypeError);
    expect(() => sp.binomial(p, p, shape, { rng: 1 })).toThrow(/integer scalar n/);
    expect(() => sp.binomial(n, n, shape, { rng: 1 })).toThrow(/float scalar p/);
    expect(() => sp.binomial(3, 1.5, [2, 2], { rng: 1 }).eval()).toThrow(/p in \[0, 1\]/);
    expect(() => sp.binomial(3, 0.5, [2, 2, 2], { rng: 1 }).eval()).toThrow(/expected a shape of length 2, got length 3/);
    expect(() => sp.binomial(3, 0.5, new pt.TensorType('int64', [3]).makeVariable(), { rng: 1 })).toThrow(ShapeError);
  });
});

describe('Multinomial', () => {
  const pvar = sp.csrMatrix('p');

  it('draws counts on the stored pattern that sum to n per row, reproducibly', () => {
    const pv = sp.csrMatrix({ data: [0.2, 0.5, 0.3, 1, 0.6, 0.4], indices: [3, 0, 1, 2, 0, 4], indptr: [0, 3, 4, 6], shape: [3, 5] });
    const y = sp.multinomial(10, pvar, { rng: 4 });
    expect(y.type).toEqual(pvar.type);
    const a = y.eval(new Map([[pvar, pv]]));
    const b = sp.multinomial(10, pvar, { rng: 4 }).eval(new Map([[pvar, pv]]));
    expect(sp.sparseEqual(a, b)).toBe(true);
    expect(Array.from(a.indptr)).toEqual(Array.from(pv.indptr));
    expect(Array.from(a.indices)).toEqual(Array.from(pv.indices));
    const d = stored(a);
    expect(d[0]! + d[1]! + d[2]!).toBe(10);
    expect(d[3]).toBe(10);
    expect(d[4]! + d[5]!).toBe(10);
  });

  it('takes one count per row, and CSC input', () => {
    const pc = sp.cscMatrix([[0.5, 0.5, 0], [0, 0.25, 0.75]]);
    const pcv = sp.cscMatrix('pc');
    const out = sp.multinomial(pt.constant([4, 8], { dtype: 'int64' }), pcv, { rng: 2 }).eval(new Map([[pcv, pc]]));
    expect(out.format).toBe('csc');
    const rows = pt.toNested(out.toarray()) as number[][];
    expect(rows[0]![0]! + rows[0]![1]!).toBe(4);
    expect(rows[1]![1]! + rows[1]![2]!).toBe(8);
    expect(rows[0]![2]).toBe(0);
    expect(rows[1]![0]).toBe(0);
    expect(() => sp.multinomial(pt.constant([4, 8, 1], { dtype: 'int64' }), pcv, { rng: 2 }).eval(new Map([[pcv, pc]]))).toThrow(/expected one count per row of p \(2\), got a vector of length 3/);
  });

  it('has the multinomial means and variances n p_k, n p_k (1 - p_k)', () => {
    const probs = [0.1, 0.6, 0.3];
    const pv = repeatedRows(probs, 3000, 'csr');
    const out = sp.multinomial(20, pvar, { rng: 77 }).eval(new Map([[pvar, pv]]));
    const rows = pt.toNested(out.toarray()) as number[][];
    probs.forEach((pk, k) => expectMoments(rows.map((r) => r[k]!), 20 * pk, 20 * pk * (1 - pk)));
  });

  it('has no gradient and refuses bad probabilities', () => {
    const y = sp.multinomial(3, pvar, { rng: 1 });
    const g = y.owner!.op.grad!(y.owner!.inputs, [y]);
    expect(g[1]!.type).toBeInstanceOf(NullType);
    expect(g[2]!.type).toBeInstanceOf(NullType);
    expect(() => y.eval(new Map([[pvar, sp.csrMatrix([[0.9, 0.9, 0.1]])]]))).toThrow(/summing to at most 1/);
    expect(() => y.eval(new Map([[pvar, sp.csrMatrix([[-0.1, 1.1]])]]))).toThrow(/probabilities in \[0, 1\]/);
    expect(() => sp.multinomial(3, sp.sparseMatrix('csr', 'q', 'int32'), { rng: 1 })).toThrow(DtypeError);
  });
});

describe('randomGenerator', () => {
  it('is a shared generator whose value is copied on getValue, and checks its seed', () => {
    const rng = sp.randomGenerator(8, 'rng');
    expect(rng.name).toBe('rng');
    const a = rng.getValue() as SeededRandom;
    a.uniform();
    expect((rng.getValue() as SeededRandom).state).toEqual(new SeededRandom(8).state);
    expect(() => sp.randomGenerator(1.5)).toThrow(ArgumentError);
    expect(() => sp.randomGeneratorType.filter('x')).toThrow(TypeMismatchError);
    expect(sp.randomGeneratorType.filter(3).state).toEqual(new SeededRandom(3).state);
  });
});
