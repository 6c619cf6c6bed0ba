import { ArgumentError, DisconnectedType, NullType, TypeMismatchError, evaluate, type Variable } from '@proj/graph';
import * as pt from '@proj/tensor';
import { DisconnectedInputError, GradientError, NullTypeGradError } from '../src/errors';
import { grad } from '../src/grad';
import { DisconnectedGrad, GradClip, GradScale, UndefinedGrad, ZeroGrad, disconnectedGrad, gradClip, gradScale, undefinedGrad, zeroGrad } from '../src/grad-ops';
import { Rop } from '../src/lop-rop';
import { flatValues } from '../src/numeric-grad';
import { verifyGrad } from '../src/verify-grad';

const vals = (v: unknown) => Array.from(flatValues(v as pt.NDArray));
const run = (v: Variable, givens: [Variable, unknown][]) => vals(evaluate([v], givens)[0]);

describe('the forward pass is a view of the input', () => {
  const fns: Record<string, (x: pt.TensorLike) => pt.TensorVariable> = {
    zeroGrad,
    disconnectedGrad,
    undefinedGrad,
    gradClip: (x) => gradClip(x, -1, 1),
    gradScale: (x) => gradScale(x, 3),
  };
  for (const [name, f] of Object.entries(fns)) {
    it(`${name}: same Type, the same array (viewMap 0 -> 0), the input's shape`, () => {
      const x = pt.dmatrix('x');
      const y = f(x);
      expect(y.type.equals(x.type)).toBe(true);
      const node = y.owner!;
      expect(node.op.viewMap).toEqual({ 0: [0] });
      const value = pt.toNDArray([[1, 2], [3, 4]], 'float64');
      expect(evaluate([y], [[x, value]])[0]).toBe(value);
      expect(node.op.inferShape!(undefined, node, [[2, 5]])).toEqual([[2, 5]]);
    });
  }

  it('accepts numbers and arrays (as constants) and refuses non-tensors', () => {
    expect(vals(zeroGrad(2).eval())).toEqual([2]);
    expect(vals(gradScale([1.5, 2.5], 2).eval())).toEqual([1.5, 2.5]);
    expect(() => new ZeroGrad().call(new DisconnectedType().makeVariable())).toThrow(TypeMismatchError);
    expect(() => new ZeroGrad().makeNode(pt.dvector(), pt.dvector())).toThrow(/one input/);
  });

  it('Ops are values: equal props, equal Ops', () => {
    expect(new ZeroGrad().equals(new ZeroGrad())).toBe(true);
    expect(new ZeroGrad().equals(new DisconnectedGrad())).toBe(false);
    expect(new GradClip(-1, 1).equals(new GradClip(-1, 1))).toBe(true);
    expect(new GradClip(-1, 1).equals(new GradClip(-2, 1))).toBe(false);
    expect(new GradScale(2).equals(new GradScale(2))).toBe(true);
    expect(new GradScale(2).equals(new GradScale(-2))).toBe(false);
    expect(String(new GradClip(-1, 1))).toBe('GradClip{lowerBound=-1, upperBound=1}');
    expect(String(new GradScale(0.5))).toBe('GradScale{multiplier=0.5}');
  });
});

describe('zeroGrad', () => {
  it('truncates the gradient to zero; the input stays connected', () => {
    const x = pt.dvector('x');
    const g = grad(pt.sum(zeroGrad(pt.sqr(x))), x, { disconnectedInputs: 'raise' });
    expect(run(g, [[x, [1, -2, 3]]]).map((v) => v + 0)).toEqual([0, 0, 0]); // + 0 turns -0 into 0
  });

  it('holds the expression constant: d(c * x)/dx = c, with c = x', () => {
    const x = pt.dvector('x');
    const g = grad(pt.sum(pt.mul(zeroGrad(x), x)), x);
    expect(run(g, [[x, [1, -2, 3]]])).toEqual([1, -2, 3]);
  });

  it('its R-operator is zero', () => {
    const x = pt.dvector('x');
    const v = pt.dvector('v');
    const r = Rop(pt.sum(zeroGrad(x), { axis: 0 }), x, v);
    expect(run(r, [[x, [1, 2]], [v, [1, 1]]])).toEqual([0]);
    expect(new ZeroGrad().Rop([x], [null])).toEqual([null]);
  });
});

describe('disconnectedGrad', () => {
  it('disconnects: grad with disconnectedInputs "raise" raises, "ignore" gives zeros', () => {
    const x = pt.dvector('x');
    const cost = pt.sum(pt.exp(disconnectedGrad(x)));
    expect(() => grad(cost, x, { disconnectedInputs: 'raise' })).toThrow(DisconnectedInputError);
    expect(run(grad(cost, x, { disconnectedInputs: 'ignore' }), [[x, [1, 2]]])).toEqual([0, 0]);
  });

  it('the gradient still flows through the other uses of x', () => {
    const x = pt.dvector('x');
    const g = grad(pt.sum(pt.mul(disconnectedGrad(x), x)), x);
    expect(run(g, [[x, [1, -2, 3]]])).toEqual([1, -2, 3]);
  });

  it('its gradient is a DisconnectedType, its connection pattern false, its R-operator null', () => {
    const x = pt.dvector('x');
    const y = disconnectedGrad(x);
    const op = y.owner!.op as DisconnectedGrad;
    expect(op.grad([x], [pt.dvector()])[0]!.type).toBeInstanceOf(DisconnectedType);
    expect(op.connectionPattern(y.owner!)).toEqual([[false]]);
    expect(op.Rop([x], [pt.dvector()])).toEqual([null]);
    expect(() => Rop(y, x, pt.dvector('v'))).toThrow(DisconnectedInputError);
  });
});

describe('undefinedGrad', () => {
  it('grad through it raises NullTypeGradError naming the Op', () => {
    const x = pt.dvector('x');
    const cost = pt.sum(pt.sqr(undefinedGrad(x)));
    let err: unknown;
    try {
      grad(cost, x);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(NullTypeGradError);
    expect((err as NullTypeGradError).whyNull).toMatch(/UndefinedGrad/);
    expect((err as NullTypeGradError).whyNull).toMatch(/mathematically undefined/);
  });

  it('with nullGradients "return" the gradient is a NullType variable', () => {
    const x = pt.dvector('x');
    const g = grad(pt.sum(undefinedGrad(x)), x, { nullGradients: 'return' });
    expect(g!.type).toBeInstanceOf(NullType);
  });

  it('a gradient that does not go through it is fine', () => {
    const x = pt.dvector('x');
    const y = pt.dvector('y');
    const g = grad(pt.sum(pt.add(undefinedGrad(y), pt.sqr(x))), x);
    expect(run(g, [[x, [1, 2]], [y, [5, 6]]])).toEqual([2, 4]);
    expect(new UndefinedGrad().Rop([x], [pt.dvector()])).toEqual([null]);
  });
});

describe('gradClip', () => {
  it("clips the incoming gradient (the reference's example): grad(gradClip(x, -1, 1) ** 2) at 2 is 1; grad(x ** 2) is 4", () => {
    const x = pt.dscalar('x');
    const z = grad(pt.pow(gradClip(x, -1, 1), 2), x);
    const z2 = grad(pt.pow(x, 2), x);
    expect(run(z, [[x, 2]])).toEqual([1]);
    expect(run(z2, [[x, 2]])).toEqual([4]);
    // Inside the bounds nothing changes; below the lower bound it is clipped to -1.
    expect(run(z, [[x, 0.25]])).toEqual([0.5]);
    expect(run(z, [[x, -3]])).toEqual([-1]);
  });

  it('clips elementwise and keeps float32 gradients float32', () => {
    const x = pt.fvector('x');
    const g = grad(pt.sum(pt.mul(gradClip(x, -0.1, 0.2), [3, -3, 0.1])), x);
    expect(g.dtype).toBe('float32');
    expect(run(g, [[x, new Float32Array([1, 1, 1])]])).toEqual([Math.fround(0.2), Math.fround(-0.1), Math.fround(0.1)]);
  });

  it('infinite bounds clip one side only; lowerBound > upperBound or NaN is an error', () => {
    const x = pt.dvector('x');
    const g = grad(pt.sum(pt.mul(gradClip(x, 0, Infinity), [5, -5])), x);
    expect(run(g, [[x, [1, 1]]])).toEqual([5, 0]);
    expect(() => gradClip(x, 1, -1)).toThrow(ArgumentError);
    expect(() => gradClip(x, 1, -1)).toThrow("GradClip: argument 'upperBound' expected a bound >= lowerBound (1), got -1");
    expect(() => gradClip(x, NaN, 1)).toThrow(/lowerBound/);
    expect(() => new GradClip(0, 0)).not.toThrow();
  });

  it('its R-operator passes the evaluation point through', () => {
    const x = pt.dvector('x');
    const v = pt.dvector('v');
    const r = Rop(gradClip(x, -1, 1).dimshuffle(0, 'x'), x, v);
    expect(run(r, [[x, [1, 2]], [v, [10, -1]]])).toEqual([10, -1]);
    expect(r.owner!.inputs[0]!.owner!.op).toEqual(new GradClip(-1, 1));
  });

  it('verifyGrad passes when the bounds do not bite, and fails when they do', () => {
    expect(() => verifyGrad((x) => gradClip(pt.exp(x), -10, 10), [[0.1, 0.5]])).not.toThrow();
    expect(() => verifyGrad((x) => gradClip(pt.exp(x), -0.1, 0.1), [[0.1, 0.5]])).toThrow(GradientError);
  });
});

describe('gradScale', () => {
  it("scales the gradient (the reference's example): grad(gradScale(sin(x), -1)) at 2 is -cos(2) ≈ 0.416", () => {
    const x = pt.fscalar('x');
    const fx = pt.sin(x);
    const fp = grad(fx, x);
    const fpp = grad(gradScale(fx, -1), x);
    expect(fpp.dtype).toBe('float32');
    expect(run(fp, [[x, 2]])[0]).toBeCloseTo(-0.416, 3);
    expect(run(fpp, [[x, 2]])[0]).toBeCloseTo(0.416, 3);
    expect(run(fpp, [[x, 2]])[0]).toBeCloseTo(-Math.cos(2), 6);
  });

  it('scales elementwise; a multiplier of 0 zeroes it; bad multipliers are errors', () => {
    const x = pt.dvector('x');
    expect(run(grad(pt.sum(pt.sqr(gradScale(x, 0.5))), x), [[x, [1, 3]]])).toEqual([1, 3]);
    expect(run(grad(pt.sum(gradScale(x, 0)), x), [[x, [1, 3]]])).toEqual([0, 0]);
    expect(() => gradScale(x, NaN)).toThrow(/multiplier/);
    expect(() => gradScale(x, Infinity)).toThrow(/finite number/);
  });

  it('its R-operator passes the evaluation point through', () => {
    const x = pt.dvector('x');
    const v = pt.dvector('v');
    expect(run(Rop(gradScale(x, 5), x, v), [[x, [1, 2]], [v, [3, 4]]])).toEqual([3, 4]);
    expect(new GradScale(5).Rop([x], [null])).toEqual([null]);
  });

  it('verifyGrad passes with multiplier 1 and catches any other (a deliberately wrong gradient)', () => {
    expect(() => verifyGrad((x) => gradScale(pt.tanh(x), 1), [[0.3, -0.2]])).not.toThrow();
    let err: GradientError | undefined;
    try {
      verifyGrad((x) => gradScale(pt.tanh(x), 2), [[0.3, -0.2]]);
    } catch (e) {
      err = e as GradientError;
    }
    expect(err).toBeInstanceOf(GradientError);
    expect(err!.argIndex).toBe(0);
    expect(err!.val2! / err!.val1!).toBeCloseTo(2, 5);
    expect(err!.relErr).toBeCloseTo(1 / 3, 5);
  });
});
