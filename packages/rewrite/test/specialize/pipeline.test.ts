/**
 * The stabilize, specialize and in-place rewrites inside the whole FAST_RUN
 * pipeline (with canonicalize and fusion around them): each graph ends up
 * with the stable / specialized form, computes what the original computes on
 * seeded random inputs, and leaves its inputs unchanged.
 */
import { FunctionGraph } from '@proj/graph';
import * as pt from '@proj/tensor';
import { FAST_RUN_QUERY, rewriteGraph } from '../../src';
import { expectClose, printed, randomArray, snapshot, values } from '../stabilize/check';

const x = pt.dvector('x');
const m = pt.dmatrix('m');
const a = pt.dmatrix('a');
const b = pt.dmatrix('b');

const cases: [string, pt.TensorVariable, RegExp, [number, number]][] = [
  ['log(1 - sigmoid(x))', pt.log(pt.sub(1, pt.sigmoid(x))), /softplus/, [-4, 4]],
  ['exp(x) - 1', pt.sub(pt.exp(x), 1), /expm1/, [-2, 2]],
  ['log(1 - exp(x))', pt.log(pt.sub(1, pt.exp(x))), /log1mexp/, [-3, -0.1]],
  ['log(sum(exp(m), axis=1))', pt.log(pt.sum(pt.exp(m), { axis: 1 })), /Max\{axis=1\}/, [-3, 3]],
  ['exp(m) + 2 * dot(a, b)', pt.add(pt.exp(m), pt.mul(2, pt.dot(a, b))), /Gemm\{inplace\}/, [-1, 1]],
  ['dot(a, b)', pt.dot(a, b), /Gemm/, [-1, 1]],
  ['pow(x, 2)', pt.pow(x, 2), /sqr/, [-2, 2]],
  ['x * -1', pt.mul(x, -1), /neg/, [-2, 2]],
  ['pow(x, -0.5)', pt.pow(x, -0.5), /reciprocal\(sqrt/, [0.1, 3]],
];

describe.each(cases)('FAST_RUN on %s', (_text, out, form, [lo, hi]) => {
  it('reaches the stable / specialized form with the same values and unchanged inputs', () => {
    const fg = new FunctionGraph([x, m, a, b], [out], { clone: false });
    const inputs = [randomArray('float64', [3], 1, lo, hi), randomArray('float64', [3, 4], 2, lo, hi), randomArray('float64', [3, 5], 3, lo, hi), randomArray('float64', [5, 4], 4, lo, hi)];
    const kept = inputs.map(snapshot);
    const before = values(fg, inputs);
    rewriteGraph(fg, FAST_RUN_QUERY);
    fg.checkIntegrity();
    expect(printed(fg)).toMatch(form);
    expect(fg.outputs[0]!.type.equals(out.type)).toBe(true);
    expectClose(values(fg, inputs)[0]!, before[0]!, 1e-12, 1e-14);
    inputs.forEach((v, i) => expect(snapshot(v)).toEqual(kept[i]));
  });
});
