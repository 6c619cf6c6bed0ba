import { Apply, NullType, Op, gradNotImplemented, gradUndefined, type StorageCell, type Variable } from '@proj/graph';
import * as pt from '@proj/tensor';
import { NullTypeGradError, grad } from '../src';
import { scalarValue } from './grad-helpers';

/** x -> x, whose gradient is mathematically undefined (or not implemented). */
class NoGrad extends Op<{ kind: 'undefined' | 'notImplemented' }> {
  makeNode(x: Variable): Apply {
    return new Apply(this, [x], [x.type.makeVariable()]);
  }
  override perform(_node: Apply, [x]: readonly unknown[], [out]: StorageCell[]): void {
    out![0] = x;
  }
  override grad(inputs: readonly Variable[]): Variable[] {
    const x = inputs[0]!;
    return [this.props.kind === 'undefined' ? gradUndefined(this, 0, x, 'it is a step function') : gradNotImplemented(this, 0, x)];
  }
}

const undef = new NoGrad({ kind: 'undefined' });

describe('grad: NullType (undefined) gradients', () => {
  it('raises a NullTypeGradError carrying the why-null message (nullGradients: raise, default)', () => {
    const x = pt.dscalar('x');
    const cost = undef.call(x.mul(2)) as pt.TensorVariable;
    expect(() => grad(cost, x)).toThrow(NullTypeGradError);
    try {
      grad(cost, x);
    } catch (e) {
      const err = e as NullTypeGradError;
      expect(err.whyNull).toMatch(/grad method for input 0 .* of the NoGrad\{kind=undefined\} op is mathematically undefined\. it is a step function/);
      expect(err.message).toMatch(/wrt\[0\]/);
      expect(err.message).toContain(err.whyNull);
      expect(err.variable).toBe(x);
    }
  });

  it('names a gradient that is not implemented', () => {
    const x = pt.dscalar('x');
    const cost = new NoGrad({ kind: 'notImplemented' }).call(x) as pt.TensorVariable;
    expect(() => grad(cost, x)).toThrow(/is not implemented/);
  });

  it("returns the NullType variable with nullGradients: 'return'", () => {
    const x = pt.dscalar('x');
    const g = grad(undef.call(x), x, { nullGradients: 'return' });
    expect(g!.type).toBeInstanceOf(NullType);
    expect((g!.type as NullType).whyNull).toMatch(/mathematically undefined/);
  });

  it('makes the whole gradient null when one of its terms is null, and keeps other inputs unaffected', () => {
    const x = pt.dscalar('x');
    const y = pt.dscalar('y');
    const cost = (undef.call(x) as pt.TensorVariable).add(x.mul(y));
    const [gx, gy] = grad(cost, [x, y], { nullGradients: 'return' });
    expect(gx!.type).toBeInstanceOf(NullType);
    expect(scalarValue(gy!, new Map([[x, 3], [y, 1]]))).toBe(3);
    expect(() => grad(cost, [x, y])).toThrow(NullTypeGradError);
  });

  it('propagates a null gradient through later nodes without calling their gradients', () => {
    const x = pt.dvector('x');
    const cost = pt.sum(pt.exp(undef.call(pt.tanh(x)) as pt.TensorVariable));
    const g = grad(cost, x, { nullGradients: 'return' });
    expect(g!.type).toBeInstanceOf(NullType);
  });

  it('treats a NullType known gradient of the cost as undefined (PyTensor test_undefined_cost_grad)', () => {
    const a = pt.iscalar('a');
    const b = pt.iscalar('b');
    const cost = a.add(b);
    expect(() => grad(cost, [a, b], { knownGrads: [[cost, new NullType('unknown').makeVariable()]] })).toThrow(NullTypeGradError);
  });
});
