/**
 * Ops that leave values alone and change only how gradients flow through them
 * (PyTensor's ZeroGrad, DisconnectedGrad, UndefinedGrad, GradClip, GradScale).
 * Each is a view of its input in the forward pass; the rewriter may remove them
 * once gradients have been taken.
 */
import {
  Apply,
  ArgumentError,
  Op,
  TypeMismatchError,
  describeThing,
  disconnectedType,
  gradUndefined,
  type AliasMap,
  type FunctionGraph,
  type OpProps,
  type ShapeTuple,
  type StorageCell,
  type Variable,
} from '@proj/graph';
import { asTensorVariable, clip, constant, isFloat, mul, toNDArray, zerosLike, TensorVariable, type TensorLike } from '@proj/tensor';

export { disconnectedType, gradNotImplemented, gradUndefined } from '@proj/graph';

/**
 * The common forward pass: output = input (the same array, a view), the
 * input's Type and shape. Subclasses define how gradients go back.
 */
abstract class GradViewOp<P extends OpProps = OpProps> extends Op<P> {
  override get viewMap(): AliasMap {
    return { 0: [0] };
  }

  makeNode(...inputs: Variable[]): Apply {
    if (inputs.length !== 1) {
      throw new ArgumentError({ op: this.toString(), argument: 'inputs', expected: 'one input', given: `${inputs.length}` });
    }
    const x = inputs[0]!;
    if (!(x instanceof TensorVariable)) {
      throw new TypeMismatchError({ op: this.toString(), argument: 0, expected: 'a tensor', given: describeThing(x) });
    }
    return new Apply(this, [x], [x.type.makeVariable()]);
  }

  override perform(_node: Apply, [x]: readonly unknown[], out: StorageCell[]): void {
    out[0]![0] = x;
  }

  override inferShape(_fg: FunctionGraph | undefined, _node: Apply, [xs]: readonly ShapeTuple[]): ShapeTuple[] {
    return [xs!];
  }

  /** Forward-mode derivatives pass through unchanged (PyTensor's ViewOp.R_op), through the same Op. */
  override Rop(_inputs: readonly Variable[], [ev]: readonly (Variable | null)[]): (Variable | null)[] {
    return [ev === null || ev === undefined ? null : this.call(ev)];
  }
}

/** Keeps Variables as they are and turns anything else into a tensor constant. */
function asInput(x: Variable | TensorLike): Variable {
  return x instanceof TensorVariable ? x : asTensorVariable(x);
}

/** A scalar constant of `like`'s dtype when it is a float one (so gradients keep their dtype). */
function scalarLike(like: TensorVariable, value: number): TensorVariable {
  if (!isFloat(like.dtype)) return constant(value);
  return constant(toNDArray(value, like.dtype, { allowDowncast: true }), { dtype: like.dtype });
}

/**
 * Identity forward; the gradient through it is zero (a zero tensor, still
 * connected). Its R-operator is zero too.
 *
 * @example
 * grad(zeroGrad(x).mul(x).sum(), x); // x: d(c * x)/dx with c = x held constant
 */
export class ZeroGrad extends GradViewOp {
  override grad(_inputs: readonly Variable[], [gz]: readonly Variable[]): Variable[] {
    return [zerosLike(gz as TensorVariable)];
  }

  override Rop(_inputs: readonly Variable[], [ev]: readonly (Variable | null)[]): (Variable | null)[] {
    return [ev === null || ev === undefined ? null : zerosLike(ev as TensorVariable)];
  }
}

/**
 * Identity forward; the input is disconnected from the output for gradients
 * (no gradient is computed through the expression below it at all). Its
 * R-operator is null (no forward-mode derivative flows through either).
 *
 * @example
 * grad(disconnectedGrad(x).mul(y).sum(), x, { disconnectedInputs: 'raise' }); // DisconnectedInputError
 */
export class DisconnectedGrad extends GradViewOp {
  override grad(_inputs: readonly Variable[], _outputGrads: readonly Variable[]): Variable[] {
    return [disconnectedType()];
  }

  override connectionPattern(_node: Apply): boolean[][] {
    return [[false]];
  }

  override Rop(_inputs: readonly Variable[], _evalPoints: readonly (Variable | null)[]): (Variable | null)[] {
    return [null];
  }
}

/**
 * Identity forward; the gradient through it is undefined (a NullType one), so
 * asking grad for a gradient that depends on it raises NullTypeGradError.
 * Its R-operator is null, as in PyTensor.
 *
 * @example
 * grad(undefinedGrad(x).sum(), x); // NullTypeGradError
 */
export class UndefinedGrad extends GradViewOp {
  override grad(inputs: readonly Variable[], _outputGrads: readonly Variable[]): Variable[] {
    return inputs.map((x, i) => gradUndefined(this, i, x, 'undefinedGrad was applied to it.'));
  }

  override Rop(_inputs: readonly Variable[], _evalPoints: readonly (Variable | null)[]): (Variable | null)[] {
    return [null];
  }
}

function checkBound(op: string, name: string, v: unknown): number {
  if (typeof v !== 'number' || Number.isNaN(v)) {
    throw new ArgumentError({ op, argument: name, expected: 'a number (±Infinity allowed)', given: describeThing(v) });
  }
  return v;
}

/**
 * Identity forward; the incoming gradient is clipped elementwise to
 * [lowerBound, upperBound] on its way back. Unlike PyTensor (whose GradClip
 * has no props), the bounds are props: GradClips with different bounds differ.
 *
 * @example
 * new GradClip(-1, 1).call(x);
 */
export class GradClip extends GradViewOp<{ lowerBound: number; upperBound: number }> {
  constructor(lowerBound: number, upperBound: number) {
    const lo = checkBound('GradClip', 'lowerBound', lowerBound);
    const hi = checkBound('GradClip', 'upperBound', upperBound);
    if (!(hi >= lo)) {
      throw new ArgumentError({ op: 'GradClip', argument: 'upperBound', expected: `a bound >= lowerBound (${lo})`, given: String(hi) });
    }
    super({ lowerBound: lo, upperBound: hi });
  }

  get lowerBound(): number {
    return this.props.lowerBound;
  }

  get upperBound(): number {
    return this.props.upperBound;
  }

  override grad(_inputs: readonly Variable[], [gz]: readonly Variable[]): Variable[] {
    const g = gz as TensorVariable;
    return [clip(g, scalarLike(g, this.lowerBound), scalarLike(g, this.upperBound))];
  }
}

/**
 * Identity forward; the incoming gradient is multiplied by `multiplier` on its
 * way back (-1 reverses it). The multiplier is a prop.
 *
 * @example
 * new GradScale(-1).call(x);
 */
export class GradScale extends GradViewOp<{ multiplier: number }> {
  constructor(multiplier: number) {
    if (typeof multiplier !== 'number' || !Number.isFinite(multiplier)) {
      throw new ArgumentError({ op: 'GradScale', argument: 'multiplier', expected: 'a finite number', given: describeThing(multiplier) });
    }
    super({ multiplier });
  }

  get multiplier(): number {
    return this.props.multiplier;
  }

  override grad(_inputs: readonly Variable[], [gz]: readonly Variable[]): Variable[] {
    const g = gz as TensorVariable;
    return [mul(g, scalarLike(g, this.multiplier))];
  }
}

/**
 * `x`, held constant for gradients: its gradient is truncated to zero (the
 * graph below it is still traversed; see disconnectedGrad to skip it).
 *
 * @example
 * const y = zeroGrad(x.sqr());
 * grad(y.add(x).sum(), x); // ones: only the `+ x` term contributes
 */
export function zeroGrad(x: TensorLike): TensorVariable {
  return new ZeroGrad().call(asInput(x)) as TensorVariable;
}

/**
 * `x`, treated as a constant by gradients: they are not propagated through it
 * at all (faster than zeroGrad; a gradient that only reaches an input through
 * it is disconnected).
 *
 * @example
 * grad(disconnectedGrad(x).mul(x).sum(), x); // x: the first factor is constant
 */
export function disconnectedGrad(x: TensorLike): TensorVariable {
  return new DisconnectedGrad().call(asInput(x)) as TensorVariable;
}

/**
 * `x`, whose gradient is undefined: taking a gradient through it raises
 * NullTypeGradError, naming this Op.
 *
 * @example
 * grad(undefinedGrad(x).sum(), x); // throws NullTypeGradError
 */
export function undefinedGrad(x: TensorLike): TensorVariable {
  return new UndefinedGrad().call(asInput(x)) as TensorVariable;
}

/**
 * `x` in the forward pass; in the backward pass the gradient reaching it is
 * clipped to [lowerBound, upperBound]. An ArgumentError when lowerBound > upperBound.
 *
 * @example
 * const x = pt.dscalar('x');
 * grad(gradClip(x, -1, 1).sqr(), x).eval({ x: 2 }); // 1 (grad(x ** 2, x) is 4)
 */
export function gradClip(x: TensorLike, lowerBound: number, upperBound: number): TensorVariable {
  return new GradClip(lowerBound, upperBound).call(asInput(x)) as TensorVariable;
}

/**
 * `x` in the forward pass; in the backward pass the gradient reaching it is
 * multiplied by `multiplier`.
 *
 * @example
 * const x = pt.dscalar('x');
 * grad(gradScale(pt.sin(x), -1), x).eval({ x: 2 }); // -cos(2) ≈ 0.416
 */
export function gradScale(x: TensorLike, multiplier: number): TensorVariable {
  return new GradScale(multiplier).call(asInput(x)) as TensorVariable;
}
