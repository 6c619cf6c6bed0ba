import { FunctionGraph, debugprint, evaluate, type Variable } from '@proj/graph';
import * as pt from '@proj/tensor';
import fc from 'fast-check';
import { EquilibriumGraphRewriter, canonicalizeRewrites, constantFolding, gradOpRewrites, mergeOptimizer } from '../../src';

/** A random expression over two (2, 3) matrices, a length-3 vector and a few constants, as a recipe. */
type Expr =
  | { leaf: 'x' | 'y' | 'v' | 0 | 1 | 2 | 0.5 }
  | { op: 'add' | 'mul' | 'sub'; a: Expr; b: Expr }
  | { op: 'neg' | 'exp' | 'div2' | 'div4' | 'pow0' | 'pow1' | 'TT' | 'reshape' | 'sumKeep' | 'sub-self'; a: Expr };

const exprArb: fc.Arbitrary<Expr> = fc.letrec<{ e: Expr }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ leaf: fc.constantFrom('x' as const, 'y' as const, 'v' as const, 0 as const, 1 as const, 2 as const, 0.5 as const) }),
    fc.record({ op: fc.constantFrom('add' as const, 'mul' as const, 'sub' as const), a: tie('e'), b: tie('e') }),
    fc.record({ op: fc.constantFrom('neg' as const, 'exp' as const, 'div2' as const, 'div4' as const, 'pow0' as const, 'pow1' as const, 'TT' as const, 'reshape' as const, 'sumKeep' as const, 'sub-self' as const), a: tie('e') }),
  ),
})).e;

/** Any expression as a matrix (vectors and scalars broadcast against a zero matrix). */
function asMatrix(t: pt.TensorVariable, x: pt.TensorVariable): pt.TensorVariable {
  return t.ndim === 2 ? t : pt.add(t, pt.mul(x, 0));
}

function build(e: Expr, x: pt.TensorVariable, y: pt.TensorVariable, v: pt.TensorVariable): pt.TensorVariable {
  if ('leaf' in e) return e.leaf === 'x' ? x : e.leaf === 'y' ? y : e.leaf === 'v' ? v : pt.constant(e.leaf);
  const a = build(e.a, x, y, v);
  switch (e.op) {
    case 'add':
      return pt.add(a, build(e.b, x, y, v));
    case 'mul':
      return pt.mul(a, build(e.b, x, y, v));
    case 'sub':
      return pt.sub(a, build(e.b, x, y, v));
    case 'neg':
      return pt.neg(a);
    case 'exp':
      return pt.exp(pt.mul(a, 0.1));
    case 'div2':
      return pt.trueDiv(a, 2);
    case 'div4':
      return pt.trueDiv(a, pt.constant(4, { dtype: 'int8' }));
    case 'pow0':
      return pt.pow(a, 0);
    case 'pow1':
      return pt.pow(a, 1);
    case 'TT':
      return asMatrix(a, x).T.T;
    case 'reshape': {
      const m = asMatrix(a, x);
      return pt.reshape(m, m.shape);
    }
    case 'sumKeep':
      return pt.sum(asMatrix(a, x), { axis: 0, keepdims: true });
    case 'sub-self':
      return pt.sub(a, a);
  }
}

const close = (a: number, b: number) => (Number.isNaN(a) && Number.isNaN(b)) || a === b || Math.abs(a - b) <= 1e-9 * (1 + Math.abs(b));
const flat = (v: unknown) => [pt.toNested(v as pt.NDArray)].flat(Infinity as 1) as number[];

describe('the canonicalize phase on random graphs', () => {
  const canonicalize = new EquilibriumGraphRewriter([...gradOpRewrites, constantFolding, ...canonicalizeRewrites, mergeOptimizer()]);
  const matrix = fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 6, maxLength: 6 });

  it('keeps values, dtypes and shapes, and never changes the inputs', () => {
    fc.assert(
      fc.property(exprArb, exprArb, matrix, matrix, (e1, e2, xs, ys) => {
        const x = pt.dmatrix('x');
        const y = pt.dmatrix('y');
        const v = pt.dvector('v');
        const outs = [build(e1, x, y, v), build(e2, x, y, v)].map((o) => asMatrix(o, x));
        const userGraph = debugprint(outs);
        const fg = new FunctionGraph([x, y, v], outs);
        const xv = pt.toNDArray([xs.slice(0, 3), xs.slice(3)], 'float64');
        const yv = pt.toNDArray([ys.slice(0, 3), ys.slice(3)], 'float64');
        const vv = pt.toNDArray(ys.slice(0, 3), 'float64');
        const run = (g: FunctionGraph) => evaluate(g.outputs, g.inputs.map((i: Variable, k) => [i, [xv, yv, vv][k]] as const)) as pt.NDArray[];
        const want = run(fg);
        canonicalize.rewrite(fg);
        fg.checkIntegrity();
        const got = run(fg);
        got.forEach((g, k) => {
          expect(g.dtype).toBe(want[k]!.dtype);
          expect([...g.shape]).toEqual([...want[k]!.shape]);
          const w = flat(want[k]);
          flat(g).forEach((val, i) => expect(close(val, w[i]!)).toBe(true));
        });
        expect(flat(xv)).toEqual(xs);
        expect(debugprint(outs)).toBe(userGraph);
      }),
      { seed: 20261122, numRuns: 120 },
    );
  });
});
