// End to end: compiled functions read sparse shared variables and update them
// (a sparse weight matrix, and a shared random generator advanced by an update).
import * as pt from '@proj/tensor';
import * as sp from '@proj/sparse';
import { compile } from '../src/compile';

describe('compile with sparse shared variables', () => {
  it('reads the current matrix at each call and writes the update after it', () => {
    const w = sp.shared(sp.csrMatrix([[0, 1, 0], [2, 0, 3]]), 'w');
    const x = pt.dmatrix('x');
    const f = compile([x], sp.structuredDot(w, x), { updates: [[w, sp.mul(w, pt.constant(2))]] });
    const xv = pt.toNDArray([[1, 1], [1, 0], [0, 1]], 'float64');
    expect(pt.toNested(f(xv) as pt.NDArray)).toEqual([[1, 0], [2, 5]]);
    // The update doubled w: the next call sees it.
    expect(pt.toNested(f(xv) as pt.NDArray)).toEqual([[2, 0], [4, 10]]);
    const now = w.getValue();
    expect(now.format).toBe('csr');
    expect(pt.toNested(now.toarray())).toEqual([[0, 4, 0], [8, 0, 12]]);
    // setValue between calls is seen by the function.
    w.setValue(sp.csrMatrix([[1, 0, 0], [0, 0, 0]]));
    expect(pt.toNested(f(xv) as pt.NDArray)).toEqual([[1, 1], [0, 0]]);
  });

  it('advances a shared generator through an update: new draws per call, reproducible from the seed', () => {
    const run = (seed: number) => {
      const rng = sp.randomGenerator(seed, 'rng');
      const lam = sp.shared(sp.csrMatrix([[3, 0, 5], [0, 8, 0]]), 'lam');
      const y = sp.poisson(lam, { rng });
      const f = compile([], y.toarray(), { updates: [[rng, sp.nextRng(y)]] });
      return [f(), f(), f()].map((v) => pt.toNested(v as pt.NDArray));
    };
    const a = run(21);
    expect(run(21)).toEqual(a);
    expect(a[0]).not.toEqual(a[1]);
    expect(run(22)).not.toEqual(a);
    // Zeros of lam stay zero.
    for (const m of a as number[][][]) expect([m[0]![1], m[1]![0], m[1]![2]]).toEqual([0, 0, 0]);
  });
});
