import { MethodNotDefinedError, Op, OpFromGraph, Variable } from '@proj/graph';
import * as pt from '@proj/tensor';
import { Lop, Rop, grad } from '../src';
import { expectClose, finiteDiff, flatValue, randoms, scalarValue } from './grad-helpers';

describe('grad through OpFromGraph', () => {
  const a = pt.dvector('a');
  const b = pt.dvector('b');

  it('differentiates the inner graph when no lopOverrides is given', () => {
    const op = new OpFromGraph([a, b], [pt.exp(a.mul(b)).add(pt.tanh(a))], { name: 'f' });
    const x = pt.dvector('x');
    const y = pt.dvector('y');
    const cost = pt.sum(pt.sqr(op.call(x, y) as pt.TensorVariable));
    const point = new Map<Variable, unknown>([[x, randoms(1, 3)], [y, randoms(2, 3)]]);
    const [gx, gy] = grad(cost, [x, y]);
    expectClose(flatValue(gx!, point), finiteDiff(cost, x, point, [3]));
    expectClose(flatValue(gy!, point), finiteDiff(cost, y, point, [3]));
  });

  it('handles several outputs, an output that is an input, one used twice, and the same variable at two inputs', () => {
    const op = new OpFromGraph([a, b], [a, a.mul(b), pt.sum(a.mul(b)).dimshuffle('x')]);
    const x = pt.dvector('x');
    const [o0, o1, o2] = op.callAll(x, x) as pt.TensorVariable[];
    const cost = pt.sum(o0!.mul(3)).add(pt.sum(pt.sqr(o1!))).add(pt.sum(o2!));
    const point = new Map<Variable, unknown>([[x, [0.5, -1, 2]]]);
    expectClose(flatValue(grad(cost, x), point), finiteDiff(cost, x, point, [3]));
  });

  it('lets an unused output and an input disconnected from the used outputs alone', () => {
    const op = new OpFromGraph([a, b], [pt.exp(a), pt.exp(b)]);
    const x = pt.dvector('x');
    const y = pt.dvector('y');
    const [ox] = op.callAll(x, y) as pt.TensorVariable[];
    const cost = pt.sum(ox!);
    expect(flatValue(grad(cost, x), new Map([[x, [0, 1]], [y, [5, 5]]]))).toEqual([1, Math.E]);
    expect(() => grad(cost, y)).toThrow(/not part of the computational graph/);
  });

  it('uses lopOverrides when given', () => {
    const op = new OpFromGraph([a], [pt.exp(a)], {
      lopOverrides: (_inputs, _outputs, [g]) => [pt.mul(g as pt.TensorVariable, 7)],
    });
    const x = pt.dvector('x');
    expect(flatValue(grad(pt.sum(op.call(x) as pt.TensorVariable), x), new Map([[x, [1, 2]]]))).toEqual([7, 7]);
  });

  it('differentiates nested OpFromGraphs and shared variables inside them', () => {
    const w = pt.shared([0.5, -2], 'w');
    const inner = new OpFromGraph([a], [pt.tanh(a.mul(w))]);
    const outer = new OpFromGraph([b], [pt.exp(inner.call(b) as pt.TensorVariable)]);
    const x = pt.dvector('x');
    const cost = pt.sum(outer.call(x.mul(2)) as pt.TensorVariable);
    const point = new Map<Variable, unknown>([[x, [0.3, 0.1]]]);
    expectClose(flatValue(grad(cost, x), point), finiteDiff(cost, x, point, [2]));
    expectClose(flatValue(grad(cost, w), point), finiteDiff(cost, w, new Map([...point, [w, [0.5, -2]]]), [2]));
  });

  it('gives second derivatives through the inner graph', () => {
    const s = pt.dscalar('s');
    const op = new OpFromGraph([s], [pt.sigmoid(s)]);
    const x = pt.dscalar('x');
    const g2 = grad(grad(op.call(x) as pt.TensorVariable, x), x);
    const v = 0.7;
    const sg = 1 / (1 + Math.exp(-v));
    expect(scalarValue(g2, new Map([[x, v]]))).toBeCloseTo(sg * (1 - sg) * (1 - 2 * sg), 12);
  });
});

describe('Lop and Rop through OpFromGraph', () => {
  const a = pt.dmatrix('a');

  it('Rop uses the inner graph (forward mode through its Ops)', () => {
    const op = new OpFromGraph([a], [pt.sum(a.T, { axis: 0 }).reshape([-1])]);
    const x = pt.dmatrix('x');
    const v = pt.dmatrix('v');
    const y = op.call(x) as pt.TensorVariable;
    const r = Rop(y, x, v);
    const vv = [[1, 2, 3], [4, 5, 6]];
    expect(flatValue(r, new Map([[x, [[0, 0, 0], [0, 0, 0]]], [v, vv]]))).toEqual([6, 15]);
  });

  it('Rop uses ropOverrides when given, and names an inner Op without Rop', () => {
    const withOverride = new OpFromGraph([a], [pt.exp(a)], { ropOverrides: (_i, [ev]) => [pt.mul(ev as pt.TensorVariable, 2)] });
    const x = pt.dmatrix('x');
    const v = pt.dmatrix('v');
    expect(flatValue(Rop(withOverride.call(x), x, v), new Map([[v, [[1, 2]]]]))).toEqual([2, 4]);
    const inner = new OpFromGraph([a], [pt.exp(a)]);
    const point = new Map([[x, [[0, 1]]], [v, [[1, 2]]]]);
    if (pt.Elemwise.prototype.Rop === Op.prototype.Rop) {
      // Elemwise has no Rop yet: the error names the inner Op.
      expect(() => Rop(inner.call(x), x, v)).toThrow(MethodNotDefinedError);
      expect(() => Rop(inner.call(x), x, v)).toThrow(/Rop: Elemwise\{exp\} does not implement the R-operator/);
    } else {
      expectClose(flatValue(Rop(inner.call(x), x, v), point), [1, 2 * Math.E]);
    }
    // Through gradients (useOpRopImplementation: false) any differentiable inner graph works.
    const r = Rop(inner.call(x), x, v, { useOpRopImplementation: false });
    expectClose(flatValue(r, point), [1, 2 * Math.E]);
  });

  it('Lop differentiates the inner graph', () => {
    const op = new OpFromGraph([a], [pt.exp(a).mul(a)]);
    const x = pt.dmatrix('x');
    const u = pt.dmatrix('u');
    const l = Lop(op.call(x), x, u);
    expectClose(flatValue(l, new Map([[x, [[0, 1]]], [u, [[1, 3]]]])), [1, 3 * 2 * Math.E]);
  });
});
