/**
 * Small helpers for the gradients of the transcendental and special scalar
 * ops: literal constants in the dtype of the op's output (so a float32 graph
 * stays float32), and the complex test (these gradients are real-only, as in
 * PyTensor).
 */
import { constant } from '../basic/as-tensor';
import { isComplex, isDiscrete } from '../dtype/dtypes';
import { mul } from '../math/arith';
import type { TensorConstant, TensorVariable } from '../variable/tensor-variable';

/**
 * The number `value` as a constant of `like`'s dtype (rounded once to float32
 * when `like` is float32).
 *
 * @example
 * mul(gz, lit(0.5, out)); // 0.5 in out's dtype
 */
export function lit(value: number, like: TensorVariable): TensorConstant {
  const v = like.dtype === 'float32' ? Math.fround(value) : value;
  return constant(v, { dtype: like.dtype });
}

/** Whether any of the variables is complex (the real-only gradients then give undefined: not implemented). */
export function anyComplex(...vs: readonly TensorVariable[]): boolean {
  return vs.some((v) => isComplex(v.dtype));
}

/**
 * `x` in the float dtype of `like` when `x` is discrete (x * 1.0), so that
 * products such as x * x in a gradient cannot wrap around in integer arithmetic.
 *
 * @example
 * const xf = toFloat(x, out); mul(xf, xf);
 */
export function toFloat(x: TensorVariable, like: TensorVariable): TensorVariable {
  return isDiscrete(x.dtype) ? mul(x, lit(1, like)) : x;
}
