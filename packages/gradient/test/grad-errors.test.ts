import { Apply, ArgumentError, MethodNotDefinedError, Op, ProjError, ShapeError, TypeMismatchError, disconnectedType, type StorageCell, type Variable } from '@proj/graph';
import * as pt from '@proj/tensor';
import { DisconnectedInputError, GradientError, NullTypeGradError, grad } from '../src';
import { flatValue } from './grad-helpers';

type Rule = (inputs: readonly Variable[], gz: Variable) => unknown;

/** An Op with one output of `dtype` whose Lop is whatever the test gives. */
class Custom extends Op<{ tag: string }> {
  constructor(tag: string, private readonly rule?: Rule, private readonly outDtype?: pt.Dtype) {
    super({ tag });
  }
  makeNode(...xs: Variable[]): Apply {
    const t = xs[0] as pt.TensorVariable;
    return new Apply(this, xs, [new pt.TensorType(this.outDtype ?? t.dtype, t.type.shape).makeVariable()]);
  }
  override perform(_node: Apply, [x]: readonly unknown[], [out]: StorageCell[]): void {
    out![0] = x;
  }
  override Lop(inputs: readonly Variable[], _outputs: readonly Variable[], [gz]: readonly Variable[]): Variable[] {
    if (!this.rule) return super.Lop(inputs, _outputs, [gz!]);
    return this.rule(inputs, gz!) as Variable[];
  }
}

describe('grad: checks of what Ops return (the Op contract)', () => {
  const x = pt.dvector('x');
  const cost = (op: Op) => pt.sum(op.call(x) as pt.TensorVariable);

  it('names an Op without a gradient (MethodNotDefinedError)', () => {
    const op = new Custom('nograd');
    expect(() => grad(cost(op), x)).toThrow(MethodNotDefinedError);
    expect(() => grad(cost(op), x)).toThrow(/Custom\{tag=nograd\} has no gradient/);
  });

  it('refuses a result that is no array, or of the wrong length', () => {
    expect(() => grad(cost(new Custom('one', (_i, gz) => gz)), x)).toThrow(/an array of gradients/);
    expect(() => grad(cost(new Custom('two', (_i, gz) => [gz, gz])), x)).toThrow(ArgumentError);
    expect(() => grad(cost(new Custom('two', (_i, gz) => [gz, gz])), x)).toThrow(/1 gradients \(one per input\), got 2/);
  });

  it('refuses gradients that are no Variables (null is not a gradient)', () => {
    expect(() => grad(cost(new Custom('null', () => [null])), x)).toThrow(TypeMismatchError);
    expect(() => grad(cost(new Custom('null', () => [null])), x)).toThrow(/disconnectedType\(\)/);
  });

  it('refuses a gradient with another number of dimensions, naming the Op', () => {
    const op = new Custom('ndim', (_i, gz) => [pt.sum(gz as pt.TensorVariable)]);
    expect(() => grad(cost(op), x)).toThrow(ShapeError);
    expect(() => grad(cost(op), x)).toThrow(/Custom\{tag=ndim\}\.Lop: input 0 expected a gradient with 1 dimensions/);
  });

  it('refuses an integer-valued gradient', () => {
    const op = new Custom('int', (inputs) => [pt.zerosLike(inputs[0] as pt.TensorVariable, 'int32')]);
    expect(() => grad(cost(op), x)).toThrow(/float dtype/);
  });

  it('replaces a gradient through an integer-valued output by zeros, and refuses a non-zero constant there', () => {
    const leaky = new Custom('leak', (_i, gz) => [pt.mul(gz as pt.TensorVariable, 2)], 'int32');
    const c = pt.sum(pt.cast(leaky.call(x) as pt.TensorVariable, 'float64'));
    // The cast from int32 gives zeros anyway; a known gradient on the int output forces a non-zero one in.
    const out = leaky.call(x) as pt.TensorVariable;
    const g = grad(undefined, x, { knownGrads: [[out, pt.onesLike(out, 'float64')]] });
    expect(flatValue(g, new Map([[x, [1, 2]]]))).toEqual([0, 0]);
    expect(flatValue(grad(c, x), new Map([[x, [1, 2]]]))).toEqual([0, 0]);
    const constant = new Custom('const', () => [pt.constant([3, 3], { dtype: 'float64' })], 'int32');
    const out2 = constant.call(x) as pt.TensorVariable;
    expect(() => grad(undefined, x, { knownGrads: [[out2, pt.onesLike(out2, 'float64')]] })).toThrow(/non-zero constant/);
  });

  it('ignores what an Op returns for an input its connection pattern marks as disconnected', () => {
    class Half extends Custom {
      override connectionPattern(): boolean[][] {
        return [[true], [false]];
      }
    }
    const y = pt.dvector('y');
    const op = new Half('half', (_i, gz) => [gz, pt.mul(gz as pt.TensorVariable, 100)]);
    const c = pt.sum(op.call(x, y) as pt.TensorVariable);
    expect(() => grad(c, y)).toThrow(DisconnectedInputError);
    expect(flatValue(grad(c, x), new Map([[x, [1, 2]], [y, [3, 4]]]))).toEqual([1, 1]);
  });

  it('checks the shape of connection patterns', () => {
    class Bad extends Custom {
      override connectionPattern(): boolean[][] {
        return [[true, true]];
      }
    }
    expect(() => grad(cost(new Bad('bad', (_i, gz) => [gz])), x)).toThrow(/connectionPattern: expected 1 rows \(one per input\) of 1 booleans/);
  });

  it('accepts DisconnectedType for a connected input (no gradient flows)', () => {
    const op = new Custom('disc', () => [disconnectedType()]);
    expect(() => grad(cost(op), x)).toThrow(DisconnectedInputError);
  });
});

describe('gradient errors', () => {
  it('are ProjErrors with their fields', () => {
    const e = new GradientError({ argIndex: 1, errPos: [0, 2], shape: [2, 3], val1: 1.5, val2: 1.25, absErr: 0.25, relErr: 0.0909, absTol: 1e-4, relTol: 1e-4 });
    expect(e).toBeInstanceOf(ProjError);
    expect(e.name).toBe('GradientError');
    expect([e.argIndex, e.errPos, e.shape, e.val1, e.val2, e.absErr, e.relErr, e.absTol, e.relTol]).toEqual([1, [0, 2], [2, 3], 1.5, 1.25, 0.25, 0.0909, 1e-4, 1e-4]);
    expect(e.message).toMatch(/At position \[0, 2\] of argument 1 with shape \[2, 3\]/);
    expect(e.message).toMatch(/abs\. error = 0\.250000, abs\. tolerance = 0\.000100000/);
    const n = new NullTypeGradError('msg', 'why');
    expect(n).toBeInstanceOf(ProjError);
    expect([n.name, n.whyNull, n.variable]).toEqual(['NullTypeGradError', 'why', undefined]);
    const d = new DisconnectedInputError('msg');
    expect([d.name, d.variable, d.position]).toEqual(['DisconnectedInputError', undefined, undefined]);
  });
});
