import { DisconnectedType, Variable } from '@proj/graph';
import * as pt from '@proj/tensor';
import { DisconnectedInputError, grad } from '../src';
import { flatValue, scalarValue } from './grad-helpers';

describe('grad: disconnected inputs', () => {
  const x = pt.dvector('x');
  const y = pt.dvector('y');
  const cost = pt.sum(pt.exp(x));

  it("raises a DisconnectedInputError naming the variable by default ('raise')", () => {
    expect(() => grad(cost, [x, y])).toThrow(DisconnectedInputError);
    try {
      grad(cost, [x, y]);
    } catch (e) {
      const err = e as DisconnectedInputError;
      expect(err.variable).toBe(y);
      expect(err.position).toBe(1);
      expect(err.message).toMatch(/wrt\[1\] \(y of type TensorType\(float64, shape=\(\?,\)\)\)/);
      expect(err.message).toMatch(/not part of the computational graph/);
    }
  });

  it("warns through process.emitWarning with 'warn' and returns zeros", () => {
    const spy = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      const [, gy] = grad(cost, [x, y], { disconnectedInputs: 'warn' });
      expect(spy).toHaveBeenCalledTimes(1);
      expect(String(spy.mock.calls[0]![0])).toMatch(/wrt\[1\] \(y/);
      expect(spy.mock.calls[0]![1]).toBe('DisconnectedInputWarning');
      expect(flatValue(gy!, new Map([[y, [1, 2]]]))).toEqual([0, 0]);
    } finally {
      spy.mockRestore();
    }
  });

  it("says nothing with 'ignore'", () => {
    const spy = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      const [gx, gy] = grad(cost, [x, y], { disconnectedInputs: 'ignore' });
      expect(spy).not.toHaveBeenCalled();
      expect(flatValue(gx!, new Map([[x, [0]]]))).toEqual([1]);
      expect(flatValue(gy!, new Map([[y, [5, 6, 7]]]))).toEqual([0, 0, 0]);
    } finally {
      spy.mockRestore();
    }
  });

  it("returnDisconnected: 'zero' (default) gives float zeros shaped like wrt, also for an integer wrt", () => {
    const k = pt.ivector('k');
    const [gk] = grad(cost, [k], { disconnectedInputs: 'ignore' });
    expect(gk!.dtype).toBe('float64');
    expect(flatValue(gk!, new Map([[k, [1, 2]]]))).toEqual([0, 0]);
    const f = pt.fvector('f');
    expect(grad(cost, f, { disconnectedInputs: 'ignore' }).dtype).toBe('float32');
  });

  it("returnDisconnected: 'none' gives null, 'disconnected' a DisconnectedType variable", () => {
    const [gx, gy] = grad(cost, [x, y], { disconnectedInputs: 'ignore', returnDisconnected: 'none' });
    expect(gx).toBeInstanceOf(Variable);
    expect(gy).toBeNull();
    const gd = grad(cost, y, { disconnectedInputs: 'ignore', returnDisconnected: 'disconnected' });
    expect(gd!.type).toBeInstanceOf(DisconnectedType);
  });

  it('treats an input used only through a disconnected connection (its shape) as disconnected', () => {
    const c = pt.sum(pt.cast(x.shape, 'float64'));
    expect(() => grad(c, x)).toThrow(DisconnectedInputError);
    expect(flatValue(grad(c, x, { disconnectedInputs: 'ignore' }), new Map([[x, [1, 2]]]))).toEqual([0, 0]);
  });

  it('treats an input whose only gradient terms are DisconnectedType as disconnected', () => {
    // fill(x, y): x only gives the shape; its gradient is DisconnectedType.
    const s = pt.dscalar('s');
    const c = pt.sum(pt.fill(x, s));
    expect(() => grad(c, x)).toThrow(DisconnectedInputError);
    const point = new Map<Variable, unknown>([[x, [1, 2, 3]], [s, 2]]);
    expect(scalarValue(grad(c, s), point)).toBe(3);
  });

  it('raises for a cost whose known gradient is DisconnectedType (PyTensor test_disconnected_cost_grad)', () => {
    const a = pt.iscalar('a');
    const b = pt.iscalar('b');
    const c = a.add(b);
    expect(() => grad(c, [a, b], { knownGrads: [[c, new DisconnectedType().makeVariable()]] })).toThrow(DisconnectedInputError);
  });

  it('does not report a wrt that is a known-gradient variable or the cost', () => {
    const z = pt.dscalar('z');
    const g = pt.dscalar('g');
    expect(scalarValue(grad(undefined, z, { knownGrads: [[z, g]] }), new Map([[g, 4]]))).toBe(4);
  });
});
