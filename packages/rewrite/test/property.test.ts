import { FunctionGraph, debugprint, evaluate, type Variable } from '@proj/graph';
import * as pt from '@proj/tensor';
import fc from 'fast-check';
import { EquilibriumGraphRewriter, constantFolding, exampleRewrites, mergeOptimizer, runPipeline, type Pipeline } from '../src';

/** A random elementwise expression over x, y and a few constants, as a recipe. */
type Expr = { leaf: 'x' | 'y' | 0 | 1 | 2 | 0.5 } | { op: 'add' | 'mul' | 'sub'; a: Expr; b: Expr } | { op: 'neg' | 'exp' | 'log1p+'; a: Expr };

const exprArb: fc.Arbitrary<Expr> = fc.letrec<{ e: Expr }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ leaf: fc.constantFrom('x' as const, 'y' as const, 0 as const, 1 as const, 2 as const, 0.5 as const) }),
    fc.record({ op: fc.constantFrom('add' as const, 'mul' as const, 'sub' as const), a: tie('e'), b: tie('e') }),
    fc.record({ op: fc.constantFrom('neg' as const, 'exp' as const, 'log1p+' as const), a: tie('e') }),
  ),
})).e;

function build(e: Expr, x: Variable, y: Variable): pt.TensorVariable {
  if ('leaf' in e) return e.leaf === 'x' ? (x as pt.TensorVariable) : e.leaf === 'y' ? (y as pt.TensorVariable) : pt.constant(e.leaf);
  const a = build(e.a, x, y);
  switch (e.op) {
    case 'add':
      return pt.add(a, build(e.b, x, y));
    case 'mul':
      return pt.mul(a, build(e.b, x, y));
    case 'sub':
      return pt.sub(a, build(e.b, x, y));
    case 'neg':
      return pt.neg(a);
    case 'exp':
      return pt.exp(pt.mul(a, 0.1));
    case 'log1p+':
      // log(1 + a*a): always defined, and the log1p rewrite applies.
      return pt.log(pt.add(1, pt.mul(a, a)));
  }
}

const close = (a: number, b: number) => (Number.isNaN(a) && Number.isNaN(b)) || a === b || Math.abs(a - b) <= 1e-9 * (1 + Math.abs(a));

describe('rewritten random elementwise graphs', () => {
  const pipeline: Pipeline = [
    { name: 'merge', rewriter: mergeOptimizer() },
    { name: 'canonicalize', rewriter: new EquilibriumGraphRewriter([...exampleRewrites, constantFolding, mergeOptimizer()]) },
  ];

  it('compute the same values and never change their inputs', () => {
    fc.assert(
      fc.property(exprArb, exprArb, fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 3, maxLength: 3 }), fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 3, maxLength: 3 }), (e1, e2, xs, ys) => {
        const x = pt.dvector('x');
        const y = pt.dvector('y');
        const outs = [build(e1, x, y), build(e2, x, y)].map((o) => (o.ndim === 0 ? pt.add(o, pt.mul(x, 0)) : o));
        const userGraph = debugprint(outs);
        const fg = new FunctionGraph([x, y], outs);
        const xv = pt.toNDArray(xs, 'float64');
        const yv = pt.toNDArray(ys, 'float64');
        const want = evaluate(outs, [[x, xv], [y, yv]]).map((v) => [pt.toNested(v as pt.NDArray)].flat() as number[]);
        runPipeline(fg, pipeline);
        fg.checkIntegrity();
        const got = evaluate(fg.outputs, [[fg.inputs[0]!, xv], [fg.inputs[1]!, yv]]).map((v) => [pt.toNested(v as pt.NDArray)].flat() as number[]);
        expect(got.length).toBe(want.length);
        got.forEach((g, k) => {
          const w = want[k]!;
          const wb = w.length === 1 ? [w[0]!, w[0]!, w[0]!] : w;
          const gb = g.length === 1 ? [g[0]!, g[0]!, g[0]!] : g;
          gb.forEach((v, i) => expect(close(v, wb[i]!)).toBe(true));
        });
        expect(pt.toNested(xv)).toEqual(xs);
        expect(pt.toNested(yv)).toEqual(ys);
        // The user's graph is never changed: the FunctionGraph works on a copy.
        expect(debugprint(outs)).toBe(userGraph);
      }),
      { seed: 20261122, numRuns: 150 },
    );
  });
});
