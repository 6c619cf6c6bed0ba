import { config, Variable } from '@proj/graph';
import * as pt from '@proj/tensor';
import { grad } from '../src';
import { expectClose, finiteDiff, flatValue, scalarValue } from './grad-helpers';

const sig = (v: number) => 1 / (1 + Math.exp(-v));

/** f, and its second derivative written out (for a second, independent check). */
const cases: [string, (x: pt.TensorVariable) => pt.TensorVariable, (v: number) => number][] = [
  ['exp', pt.exp, (v) => Math.exp(v)],
  ['tanh', pt.tanh, (v) => -2 * Math.tanh(v) * (1 - Math.tanh(v) ** 2)],
  ['sigmoid', pt.sigmoid, (v) => sig(v) * (1 - sig(v)) * (1 - 2 * sig(v))],
  ['softplus', pt.softplus, (v) => sig(v) * (1 - sig(v))],
];

describe('grad of grad: second derivatives', () => {
  it.each(cases)('of %s match finite differences of the first derivative', (_name, f, second) => {
    const x = pt.dscalar('x');
    const g1 = grad(f(x), x);
    const g2 = grad(g1, x);
    for (const v of [-2.5, -0.3, 0, 0.8, 3]) {
      const point = new Map([[x, v]]);
      expectClose([scalarValue(g2, point)], finiteDiff(g1, x, point, [], 1e-5), 1e-6, 1e-8);
      expectClose([scalarValue(g2, point)], [second(v)], 1e-9, 1e-12);
    }
  });

  it('differentiates a vector gradient again (the gradient of sum(grad))', () => {
    const x = pt.dvector('x');
    const cost = pt.sum(pt.softplus(x).mul(pt.tanh(x)));
    const g1 = grad(cost, x);
    const s = pt.sum(g1.mul(g1));
    const g2 = grad(s, x);
    const point = new Map<Variable, unknown>([[x, [0.4, -1.1, 2.2]]]);
    expectClose(flatValue(g2, point), finiteDiff(s, x, point, [3], 1e-5), 1e-6, 1e-8);
  });

  it('third derivative of exp(2x) is 8 exp(2x)', () => {
    const x = pt.dscalar('x');
    let g: pt.TensorVariable = pt.exp(x.mul(2));
    for (let k = 0; k < 3; k++) g = grad(g, x);
    expect(scalarValue(g, new Map([[x, 0.5]]))).toBeCloseTo(8 * Math.exp(1), 12);
  });
});

describe('grad on a long chain', () => {
  it('builds and evaluates the gradient of a 100,000-node chain without recursion', () => {
    config.changeFlags({ tracebackLimit: 0 }, () => {
      const x = pt.dscalar('x');
      const c = pt.constant(1.000001, { dtype: 'float64' });
      let y: pt.TensorVariable = x;
      for (let k = 0; k < 100_000; k++) y = pt.mul(y, c);
      const g = grad(y, x);
      expect(g.name).toBeUndefined();
      expect(scalarValue(g, new Map([[x, 2]]))).toBeCloseTo(1.000001 ** 100_000, 8);
    });
  }, 120_000);
});
