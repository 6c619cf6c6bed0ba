import { TypeMismatchError, Variable } from '@proj/graph';
import * as pt from '@proj/tensor';
import { grad } from '../src';
import { expectClose, finiteDiff, flatValue, randoms, scalarValue } from './grad-helpers';

describe('grad: knownGrads', () => {
  it('backpropagates known gradients with no cost (a Map or pairs)', () => {
    const x = pt.dvector('x');
    const y = pt.tanh(x).mul(x);
    const g = pt.dvector('g');
    const xv = [0.3, -1.2, 2];
    const gv = [1, -2, 0.5];
    const point = new Map<Variable, unknown>([[x, xv], [g, gv]]);
    // Expected: g . dy/dx, i.e. the gradient of sum(g * y) with g fixed.
    const want = finiteDiff(pt.sum(y.mul(pt.constant(gv, { dtype: 'float64' }))), x, point, [3]);
    expectClose(flatValue(grad(undefined, x, { knownGrads: new Map([[y, g]]) }), point), want);
    expectClose(flatValue(grad(null, x, { knownGrads: [[y, g]] }), point), want);
  });

  it('adds the gradients flowing from several known variables', () => {
    const x = pt.dscalar('x');
    const a = x.mul(2);
    const b = pt.exp(x);
    const ga = pt.dscalar('ga');
    const gb = pt.dscalar('gb');
    const g = grad(undefined, x, { knownGrads: [[a, ga], [b, gb]] });
    expect(scalarValue(g, new Map([[x, 0], [ga, 3], [gb, 5]]))).toBe(2 * 3 + 5);
  });

  it('uses a known gradient as the whole gradient of its variable (PyTensor semantics)', () => {
    const x = pt.dscalar('x');
    const y = x.mul(3);
    const cost = y.sqr();
    const gy = pt.dscalar('gy');
    const point = new Map([[x, 1], [gy, 10]]);
    // What flows back from the cost into y (2y) is replaced by the known 10.
    expect(scalarValue(grad(cost, x, { knownGrads: [[y, gy]] }), point)).toBe(30);
    // A known gradient of the cost replaces its seed.
    expect(scalarValue(grad(cost, x, { knownGrads: [[cost, gy]] }), point)).toBe(2 * 3 * 3 * 10);
  });

  it('returns the known gradient of an integer variable (PyTensor test_known_grads_integers)', () => {
    const k = pt.iscalar('k');
    const g = pt.dscalar('g');
    expect(scalarValue(grad(undefined, k, { knownGrads: [[k, g]] }), new Map([[g, 0.6]]))).toBe(0.6);
  });

  it('checks known gradients: Variables, continuous dtypes, the variable ndim, proper pairs', () => {
    const x = pt.dvector('x');
    const y = pt.exp(x);
    expect(() => grad(undefined, x, { knownGrads: [[y, [1, 2] as unknown as Variable]] })).toThrow(TypeMismatchError);
    expect(() => grad(undefined, x, { knownGrads: [[y, pt.ivector('gi')]] })).toThrow(/float gradient/);
    expect(() => grad(undefined, x, { knownGrads: [[y, pt.dmatrix('gm')]] })).toThrow(/1 dimensions/);
    expect(() => grad(undefined, x, { knownGrads: [[y]] as unknown as [Variable, Variable][] })).toThrow(/pair/);
    expect(() => grad(undefined, x, { knownGrads: 'y' as unknown as Map<Variable, Variable> })).toThrow(TypeMismatchError);
  });
});

describe('grad: integer and bool variables', () => {
  it('computes the gradient with respect to an integer input like a float one (PyTensor test_grad_int)', () => {
    const k = pt.ivector('k');
    const w = pt.dvector('w');
    const cost = pt.sum(pt.sigmoid(k.mul(w)).add(k.mul(0.5)));
    const kv = [1, -2, 3];
    const wv = randoms(7, 3);
    const gk = grad(cost, k);
    expect(gk.dtype).toBe('float64');
    // The same function on a float vector, differentiated numerically.
    const xf = pt.dvector('xf');
    const costF = pt.sum(pt.sigmoid(xf.mul(w)).add(xf.mul(0.5)));
    const want = finiteDiff(costF, xf, new Map<Variable, unknown>([[xf, kv], [w, wv]]), [3]);
    expectClose(flatValue(gk, new Map<Variable, unknown>([[k, kv], [w, wv]])), want);
  });

  it('blocks the gradient at integer-valued intermediate variables (zeros through them)', () => {
    const x = pt.dvector('x');
    const rounded = pt.cast(x.mul(10), 'int32'); // piecewise constant
    const cost = pt.sum(rounded.mul(1.5)).add(pt.sum(x));
    expect(flatValue(grad(cost, x), new Map([[x, [0.33, 0.71]]]))).toEqual([1, 1]);
  });

  it('gives zeros through a comparison (a bool output)', () => {
    const x = pt.dvector('x');
    const c = pt.sum(pt.cast(pt.ge(x, 0), 'float64')); // bool -> float, via a comparison
    expect(flatValue(grad(c, x), new Map([[x, [-1, 1]]]))).toEqual([0, 0]);
  });

  it('gives a float gradient for a bool input', () => {
    const b = pt.tensor({ dtype: 'bool', shape: [null], name: 'b' });
    const cost = pt.sum(b.mul(2.5)); // 2.5 is a float32 constant: a float32 cost
    const gb = grad(cost, b);
    expect(gb.dtype).toBe('float32');
    expect(flatValue(gb, new Map([[b, [true, false]]]))).toEqual([2.5, 2.5]);
  });
});
