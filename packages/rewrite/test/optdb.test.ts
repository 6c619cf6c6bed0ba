import { evaluate, FunctionGraph } from '@proj/graph';
import { gradScale, zeroGrad } from '@proj/gradient';
import * as pt from '@proj/tensor';
import { FAST_COMPILE_QUERY, FAST_RUN_QUERY, rewriteGraph } from '../src';
import { expectSameArray, ops, randArray, rng } from './canonicalize/check';

/** Rewrites a graph over `inputs` with `query` and checks that its values did not change. */
function rewritten(inputs: pt.TensorVariable[], outputs: pt.TensorVariable[], query: typeof FAST_RUN_QUERY, shapes: number[][]): FunctionGraph {
  const fg = new FunctionGraph(inputs, outputs);
  const r = rng(11);
  const values = fg.inputs.map((v, i) => randArray(r, (v as pt.TensorVariable).dtype, shapes[i]!));
  const givens = () => fg.inputs.map((v, i) => [v, values[i]] as const);
  const before = evaluate(fg.outputs, givens()) as pt.NDArray[];
  rewriteGraph(fg, query);
  fg.checkIntegrity();
  const after = evaluate(fg.outputs, givens()) as pt.NDArray[];
  after.forEach((a, i) => expectSameArray(a, before[i]!));
  return fg;
}

// The structure is checked before fusion and in-place versions change the Ops.
const STRUCTURE = FAST_RUN_QUERY.excluding('fusion', 'inplace');

describe('the standard pipeline', () => {
  const x = pt.dvector('x');
  const build = () => pt.add(pt.mul(zeroGrad(pt.exp(x)), 1), pt.mul(pt.constant(2.0), pt.constant(3.0)), pt.neg(pt.neg(pt.exp(x))));

  it('FAST_RUN removes grad Ops, x * 1 and neg(neg(.)), folds constants and merges', () => {
    const fg = rewritten([x], [build()], STRUCTURE, [[4]]);
    const names = ops(fg);
    expect(names.filter((n) => n === 'Elemwise{exp}')).toHaveLength(1);
    expect(names.some((n) => /ZeroGrad|neg/.test(n))).toBe(false);
    expect(names.filter((n) => n === 'Elemwise{mul}')).toHaveLength(0);
    rewritten([x], [build()], FAST_RUN_QUERY, [[4]]);
  });

  it('FAST_COMPILE only removes grad Ops, folds constants and merges', () => {
    const fg = rewritten([x], [build()], FAST_COMPILE_QUERY, [[4]]);
    const names = ops(fg);
    expect(names.some((n) => /ZeroGrad/.test(n))).toBe(false);
    expect(names.filter((n) => n === 'Elemwise{exp}')).toHaveLength(1);
    expect(names.filter((n) => n === 'Elemwise{neg}')).toHaveLength(2);
    expect(names).toContain('Elemwise{mul}');
    const six = fg.outputs[0]!.owner!.inputs.find((v) => v.isConstant()) as pt.TensorConstant;
    expect(pt.toNested(six.data)).toEqual([6]);
  });

  it(".excluding('negNeg') switches that one rewrite off", () => {
    const fg = rewritten([x], [build()], STRUCTURE.excluding('negNeg'), [[4]]);
    expect(ops(fg).filter((n) => n === 'Elemwise{neg}')).toHaveLength(2);
    expect(ops(fg).some((n) => /ZeroGrad/.test(n))).toBe(false);
  });

  it('canonicalizes a larger graph: shapes, division, powers, flattening, reductions', () => {
    const m = pt.dmatrix('m');
    const terms = pt.add(pt.sub(m, pt.neg(m.T.T)), pt.trueDiv(pt.reshape(m, m.shape), 4), pt.pow(m, 1), pt.add(pt.mul(gradScale(m, 3), 0.5), 0));
    const s = pt.sum(pt.sum(terms, { axis: 0 }));
    const fg = rewritten([m], [s, pt.sum(pt.alloc(pt.constant(2.5), 3, 4))], STRUCTURE, [[3, 2]]);
    const names = ops(fg);
    for (const gone of ['Transpose', 'Reshape', 'pow', 'true_div', 'sub', 'neg', 'GradScale', 'Alloc']) expect(names.some((n) => n.includes(gone))).toBe(false);
    expect(names.filter((n) => n.startsWith('Sum'))).toEqual(['Sum{axes=None}']);
    expect(names.filter((n) => n === 'Elemwise{add}')).toHaveLength(1);
    expect(pt.toNested((fg.outputs[1] as pt.TensorConstant).data)).toBe(30);
    rewritten([m], [s], FAST_RUN_QUERY, [[3, 2]]);
  });
});
