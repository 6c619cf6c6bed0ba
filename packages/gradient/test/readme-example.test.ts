import * as pt from '@proj/tensor';
import { grad, hessian, Rop, verifyGrad } from '../src';

describe('the README example', () => {
  it('runs and gives the documented values', () => {
    const x = pt.dvector('x');
    const cost = pt.tanh(x).sqr().sum();
    const gx = grad(cost, x);
    const H = hessian(cost, x);
    const v = pt.dvector('v');
    const jv = Rop(pt.tanh(x), x, v);
    const xs = [0.3, -0.7];
    const t = xs.map(Math.tanh);
    expect(pt.toNested(gx.eval({ x: xs })) as number[]).toEqual(t.map((ti) => expect.closeTo(2 * ti * (1 - ti * ti), 12)));
    const h = pt.toNested(H.eval({ x: xs })) as number[][];
    // d2/dx2 tanh(x)^2 = 2(1 - t^2)(1 - 3 t^2); off-diagonal 0
    expect(h[0]![0]).toBeCloseTo(2 * (1 - t[0]! ** 2) * (1 - 3 * t[0]! ** 2), 10);
    expect(h[0]![1]).toBe(0);
    expect(pt.toNested(jv.eval([[x, xs], [v, [1, 2]]])) as number[]).toEqual([expect.closeTo(1 - t[0]! ** 2, 12), expect.closeTo(2 * (1 - t[1]! ** 2), 12)]);
    expect(() => verifyGrad((a) => pt.tanh(a).sum(), [[0.1, 0.2]])).not.toThrow();
  });
});
