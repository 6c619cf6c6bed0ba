import { ArgumentError, NullType, TypeMismatchError, Variable, config } from '@proj/graph';
import * as pt from '@proj/tensor';
import { grad } from '../src';
import { expectClose, finiteDiff, flatValue, randoms, scalarValue } from './grad-helpers';

describe('grad: values against finite differences', () => {
  it('differentiates sum(tanh(x)^2) for a vector', () => {
    const x = pt.dvector('x');
    const cost = pt.sum(pt.sqr(pt.tanh(x)));
    const point = new Map([[x, [0.1, -0.5, 2, 0.7]]]);
    const g = grad(cost, x);
    expect(g.dtype).toBe('float64');
    expect(g.ndim).toBe(1);
    expectClose(flatValue(g, point), finiteDiff(cost, x, point, [4]));
  });

  it('differentiates a matrix expression with broadcasting and reductions', () => {
    const a = pt.dmatrix('a');
    const b = pt.dvector('b');
    const cost = pt.sum(pt.exp(a.mul(b)).mul(pt.sigmoid(a)), { axis: 1 }).sum();
    const av = [randoms(1, 3), randoms(2, 3)];
    const bv = randoms(3, 3);
    const point = new Map<Variable, unknown>([[a, av], [b, bv]]);
    const [ga, gb] = grad(cost, [a, b]);
    expectClose(flatValue(ga!, point), finiteDiff(cost, a, point, [2, 3]));
    expectClose(flatValue(gb!, point), finiteDiff(cost, b, point, [3]));
  });

  it('returns one gradient for one wrt and a list shaped like a list of wrt (duplicates included)', () => {
    const x = pt.dscalar('x');
    const y = pt.dscalar('y');
    const cost = x.mul(y).add(x.sqr());
    const single = grad(cost, x);
    expect(single).toBeInstanceOf(pt.TensorVariable);
    const list = grad(cost, [y, x, y]);
    expect(list).toHaveLength(3);
    const point = new Map([[x, 3], [y, 5]]);
    expect(list.map((g) => scalarValue(g, point))).toEqual([3, 11, 3]);
    expect(scalarValue(single, point)).toBe(11);
    expect(grad(cost, [])).toEqual([]);
  });

  it('gives 1 as the gradient of the cost with respect to itself, and handles constants as wrt', () => {
    const x = pt.dscalar('x');
    const cost = pt.exp(x);
    expect(scalarValue(grad(cost, cost), new Map([[x, 1]]))).toBe(1);
    // PyTensor's test_grad_constant: the gradient with respect to a constant is computed like any other.
    const one = pt.constant(1.0, { dtype: 'float64' });
    const y = pt.dscalar('y');
    expect(scalarValue(grad(one.add(y), one), new Map([[y, 0.5]]))).toBe(1);
  });

  it('keeps float32 gradients float32 (the output gradient is cast to the output dtype)', () => {
    // PyTensor's test_downcast_dtype.
    const x = pt.fscalar('x');
    const y = x.mul(2);
    const z = pt.lscalar('z');
    const c = y.add(z);
    const [dx, dy, dz, dc] = grad(c, [x, y, z, c]);
    expect(c.dtype).toBe('float64');
    expect(dx!.dtype).toBe('float32');
    expect(['float32', 'float64']).toContain(dy!.dtype);
    expect(['float32', 'float64']).toContain(dz!.dtype);
    expect(dc!.dtype).toBe('float64');
    expect(scalarValue(dx!, new Map<Variable, unknown>([[x, 1], [z, 2]]))).toBe(2);
  });

  it('seeds an integer cost with floatX ones', () => {
    const x = pt.dscalar('x');
    const cost = pt.cast(x, 'int32');
    const [g] = grad(cost, [x]);
    expect(g!.dtype).toBe(config.floatX);
    expect(scalarValue(g!, new Map([[x, 2.5]]))).toBe(0);
  });
});

describe('grad: multi-output nodes', () => {
  it('differentiates through the max output of maxAndArgmax', () => {
    const x = pt.dmatrix('x');
    const [m] = pt.maxAndArgmax(x, { axis: 1 });
    const cost = pt.sum(pt.sqr(m!)).add(pt.sum(x));
    const point = new Map([[x, [[0.1, 0.9, -0.3], [2, -1, 0.5]]]]);
    expectClose(flatValue(grad(cost, x), point), finiteDiff(cost, x, point, [2, 3]), 1e-6, 1e-7);
  });

  it('uses both outputs: the argmax output adds nothing (it is integer-valued)', () => {
    const x = pt.dvector('x');
    const [m, i] = pt.maxAndArgmax(x, { axis: 0 });
    const cost = m!.mul(3).add(pt.cast(i!, 'float64').mul(100));
    const point = new Map([[x, [0.5, 2, -1]]]);
    expect(flatValue(grad(cost, x), point)).toEqual([0, 3, 0]);
  });

  it('gives zeros (not an error) when the cost uses only the integer argmax output', () => {
    const x = pt.dvector('x');
    const [, i] = pt.maxAndArgmax(x, { axis: 0 });
    const cost = pt.cast(i!, 'float64');
    const g = grad(cost, x);
    expect(g.dtype).toBe('float64');
    expect(flatValue(g, new Map([[x, [0.5, 2, -1]]]))).toEqual([0, 0, 0]);
  });
});

describe('grad: considerConstant', () => {
  it('does not backpropagate through a variable held constant', () => {
    const x = pt.dscalar('x');
    const y = pt.dscalar('y');
    const a = x.mul(y);
    const cost = a.mul(x); // x^2 y
    const point = new Map([[x, 3], [y, 2]]);
    expect(scalarValue(grad(cost, x), point)).toBe(12);
    expect(scalarValue(grad(cost, x, { considerConstant: [a] }), point)).toBe(6); // a only
  });

  it('still gives the gradient of the constant variable itself, and of a wrt held constant', () => {
    const x = pt.dscalar('x');
    const y = pt.dscalar('y');
    const a = x.mul(y);
    const cost = a.mul(x);
    const point = new Map([[x, 3], [y, 2]]);
    const [ga, gy] = grad(cost, [a, y], { considerConstant: [a], disconnectedInputs: 'ignore' });
    expect(scalarValue(ga!, point)).toBe(3);
    expect(scalarValue(gy!, point)).toBe(0); // y only reaches the cost through a
    // PyTensor's test_grad_constant: x + y with x held constant, wrt x, is 1.
    expect(scalarValue(grad(x.add(y), x, { considerConstant: [x] }), point)).toBe(1);
  });

  it('refuses a considerConstant element that is no Variable', () => {
    const x = pt.dscalar('x');
    expect(() => grad(x.sqr(), x, { considerConstant: [3 as unknown as Variable] })).toThrow(TypeMismatchError);
  });
});

describe('grad: names', () => {
  it('names gradients (dcost/dx) when the cost and wrt are named (addNames, default true)', () => {
    const x = pt.dvector('x');
    const w = pt.dvector('w');
    const cost = pt.sum(x.mul(w));
    cost.name = 'c';
    const [gx, gw] = grad(cost, [x, w]);
    expect(gx!.name).toBe('(dc/dx)');
    expect(gw!.name).toBe('(dc/dw)');
  });

  it('does not name with addNames: false, an unnamed cost or an unnamed wrt', () => {
    const x = pt.dvector('x');
    const named = pt.sum(pt.exp(x));
    named.name = 'c';
    expect(grad(named, x, { addNames: false }).name).toBeUndefined();
    expect(grad(pt.sum(pt.exp(x)), x).name).toBeUndefined();
    const anon = pt.dvector();
    const c2 = pt.sum(pt.exp(anon));
    c2.name = 'c';
    expect(grad(c2, anon).name).toBeUndefined();
  });

  it('never renames a variable the caller gave (a known gradient)', () => {
    const x = pt.dscalar('x');
    const y = x.mul(2);
    const g = pt.dscalar('g').mul(1);
    g.name = 'mine';
    const cost = pt.exp(y);
    cost.name = 'c';
    grad(cost, y, { knownGrads: [[y, g]] });
    expect(g.name).toBe('mine');
  });
});

describe('grad: argument errors', () => {
  const x = pt.dvector('x');

  it('requires a scalar cost', () => {
    expect(() => grad(pt.exp(x), x)).toThrow(TypeMismatchError);
    expect(() => grad(pt.exp(x), x)).toThrow(/scalar/);
  });

  it('requires a cost or knownGrads', () => {
    expect(() => grad(undefined, x)).toThrow(ArgumentError);
    expect(() => grad(null, x, { knownGrads: new Map() })).toThrow(/knownGrads/);
  });

  it('refuses a cost that is no Variable, and a NullType cost', () => {
    expect(() => grad(3 as unknown as Variable, x)).toThrow(TypeMismatchError);
    const nullCost = new NullType('made up').makeVariable();
    expect(() => grad(nullCost, x)).toThrow(/made up/);
  });

  it('refuses wrt elements that are no Variables', () => {
    const cost = pt.sum(x);
    expect(() => grad(cost, [x, 'y' as unknown as Variable])).toThrow(TypeMismatchError);
    expect(() => grad(cost, [x, 'y' as unknown as Variable])).toThrow(/wrt\[1\]/);
  });

  it('refuses unknown option values', () => {
    const cost = pt.sum(x);
    expect(() => grad(cost, x, { disconnectedInputs: 'loud' as 'raise' })).toThrow(/disconnectedInputs/);
    expect(() => grad(cost, x, { returnDisconnected: 'nothing' as 'none' })).toThrow(/returnDisconnected/);
    expect(() => grad(cost, x, { nullGradients: 'nan' as 'raise' })).toThrow(/nullGradients/);
  });
});
