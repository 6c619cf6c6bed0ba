import { ArgumentError, Variable } from '@proj/graph';
import * as pt from '@proj/tensor';
import { grad, subgraphGrad } from '../src';
import { expectClose, finiteDiff, flatValue, nest, randoms } from './grad-helpers';

/** x (n) times w (n, m) without a Dot Op: sum over rows of x[:, None] * w. */
const denseElementwise = (x: pt.TensorVariable, w: pt.TensorVariable) => pt.sum(x.dimshuffle(0, 'x').mul(w), { axis: 0 });

/** The MLP of PyTensor's subgraph_grad example, layer by layer. */
function mlp(dense: (x: pt.TensorVariable, w: pt.TensorVariable) => pt.TensorVariable) {
  const x = pt.dvector('x');
  const t = pt.dvector('t');
  const w1 = pt.shared(nest(randoms(11, 12), [3, 4]), 'w1');
  const w2 = pt.shared(nest(randoms(12, 8), [4, 2]), 'w2');
  const a1 = pt.tanh(dense(x, w1));
  const a2 = pt.tanh(dense(a1, w2));
  const cost2 = pt.sum(pt.sqr(a2.sub(t))).add(pt.sqr(pt.sum(w2)));
  const cost1 = pt.sqr(pt.sum(w1));
  const point = new Map<Variable, unknown>([[t, randoms(13, 2)], [x, randoms(14, 3)]]);
  return { x, t, w1, w2, a1, cost1, cost2, point };
}

describe('subgraphGrad', () => {
  it.each([
    ['pt.dot', (x: pt.TensorVariable, w: pt.TensorVariable) => pt.dot(x, w)],
    ['elementwise dense layers', denseElementwise],
  ])('backpropagates layer by layer through an MLP (%s) as grad does on the whole cost', (_name, dense) => {
    const { x, w1, w2, a1, cost1, cost2, point } = mlp(dense);
    const trueGrads = grad(cost2.add(cost1), [w2, w1]);
    // PyTensor's example: params = [[w2], [w1]], costs = [cost2, cost1], ends = [[a1], [x]].
    const params = [[w2], [w1]];
    const costs = [cost2, cost1];
    const ends = [[a1], [x]];
    let next: [Variable, Variable][] | undefined;
    const paramGrads: Variable[] = [];
    for (let i = 0; i < 2; i++) {
      const [pg, eg] = subgraphGrad(params[i]!, ends[i]!, { start: next, cost: costs[i] });
      next = ends[i]!.map((e, k) => [e, eg[k]!]);
      paramGrads.push(...pg);
    }
    paramGrads.forEach((g, i) => expectClose(flatValue(g, point), flatValue(trueGrads[i]!, point), 1e-10, 1e-12));
    // And against finite differences of the whole cost.
    const total = cost2.add(cost1);
    const w1v = w1.getValue();
    expectClose(flatValue(paramGrads[1]!, point), finiteDiff(total, w1, new Map([...point, [w1, pt.toNested(w1v)]]), [3, 4]), 1e-6, 1e-8);
    // The gradient with respect to the input x (the last end).
    expectClose(flatValue(next![0]![1], point), finiteDiff(total, x, point, [3]), 1e-6, 1e-8);
  });

  it('returns the gradients from start and from cost separately with details', () => {
    const w = pt.dscalar('w');
    const x = pt.dscalar('x');
    const y = w.mul(x).mul(3);
    const cost = pt.sqr(w);
    const gy = pt.dscalar('gy');
    const [wrtGrads, endGrads, fromStart, fromCost] = subgraphGrad([w], [x], { start: [[y, gy]], cost, details: true });
    const point = new Map([[w, 5], [x, 2], [gy, 10]]);
    expect(flatValue(fromStart![0]!, point)).toEqual([3 * 2 * 10]);
    expect(flatValue(fromCost![0]!, point)).toEqual([2 * 5]);
    expect(flatValue(wrtGrads[0]!, point)).toEqual([60 + 10]);
    expect(flatValue(endGrads[0]!, point)).toEqual([3 * 5 * 10]);
    const [, , s2, c2] = subgraphGrad([w], [x], { cost, details: true });
    expect(s2).toBeNull();
    expect(flatValue(c2![0]!, point)).toEqual([10]);
  });

  it('holds the end variables constant and ignores disconnected inputs', () => {
    const x = pt.dscalar('x');
    const y = pt.exp(x);
    const z = pt.dscalar('z');
    const cost = y.mul(2);
    const [[gx, gz], [gy]] = subgraphGrad([x, z], [y], { cost });
    const point = new Map([[x, 0.5], [z, 1]]);
    expect(flatValue(gx!, point)).toEqual([0]); // x reaches the cost only through the end y
    expect(flatValue(gz!, point)).toEqual([0]);
    expect(flatValue(gy!, point)).toEqual([2]);
  });

  it('needs a cost or start gradients, and lists of variables', () => {
    const x = pt.dscalar('x');
    expect(() => subgraphGrad([x], [x])).toThrow(ArgumentError);
    expect(() => subgraphGrad([x], [x], {})).toThrow(/a cost, or start gradients/);
    expect(() => subgraphGrad(x as unknown as Variable[], [x], { cost: x })).toThrow(/list of Variables/);
    expect(() => subgraphGrad([x], x as unknown as Variable[], { cost: x })).toThrow(/list of Variables/);
  });
});
