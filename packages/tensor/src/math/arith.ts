/** The arithmetic user functions (pt.add, pt.sub, pt.mul, pt.trueDiv, pt.intDiv, pt.mod, pt.pow, pt.neg, pt.reciprocal, pt.sqr, pt.abs, pt.sign). */
import { applyElemwise } from '../elemwise/apply';
import { scalarAbs, scalarAdd, scalarMul, scalarNeg, scalarReciprocal, scalarSign, scalarSqr, scalarSub, scalarTrueDiv } from '../scalar/arith';
import { scalarIntDiv, scalarMod, scalarPow } from '../scalar/divmod';
import type { TensorLike } from '../basic/as-tensor';
import type { TensorVariable } from '../variable/tensor-variable';

/**
 * Elementwise sum of two or more tensors, with broadcasting.
 *
 * @example
 * pt.add(x, y, 1);
 */
export function add(...xs: TensorLike[]): TensorVariable {
  return applyElemwise(scalarAdd, ...xs);
}

/**
 * Elementwise a - b.
 *
 * @example
 * pt.sub(x, 1);
 */
export function sub(a: TensorLike, b: TensorLike): TensorVariable {
  return applyElemwise(scalarSub, a, b);
}

/**
 * Elementwise product of two or more tensors.
 *
 * @example
 * pt.mul(x, 2);
 */
export function mul(...xs: TensorLike[]): TensorVariable {
  return applyElemwise(scalarMul, ...xs);
}

/**
 * Elementwise a / b, a float result for any inputs (PyTensor's true_div: two
 * integer inputs give floatX; int8 / float32 gives float32).
 *
 * @example
 * pt.trueDiv(x, 2);
 */
export function trueDiv(a: TensorLike, b: TensorLike): TensorVariable {
  return applyElemwise(scalarTrueDiv, a, b);
}

/**
 * Elementwise -x.
 *
 * @example
 * pt.neg(x);
 */
export function neg(x: TensorLike): TensorVariable {
  return applyElemwise(scalarNeg, x);
}

/**
 * Elementwise floor division a // b (PyTensor's int_div, NumPy's floor_divide):
 * rounds toward -inf; an integer division by zero gives 0, a float one ±inf or NaN.
 *
 * @example
 * pt.intDiv([-7, 7], 2).evalNested(); // [-4, 3]
 */
export function intDiv(a: TensorLike, b: TensorLike): TensorVariable {
  return applyElemwise(scalarIntDiv, a, b);
}

/**
 * Alias of intDiv (PyTensor's floor_div).
 *
 * @example
 * pt.floorDiv(x, 2);
 */
export const floorDiv = intDiv;

/**
 * Elementwise remainder a % b with the sign of b (NumPy's mod / remainder);
 * 0 for an integer b of 0, NaN for a float one.
 *
 * @example
 * pt.mod([-7, 7], 3).evalNested(); // [2, 1]
 */
export function mod(a: TensorLike, b: TensorLike): TensorVariable {
  return applyElemwise(scalarMod, a, b);
}

/**
 * Elementwise a ** b. Integer powers wrap as NumPy's do; an integer raised to a
 * negative integer is an error when evaluated, as in NumPy. bool ** bool is int8.
 *
 * @example
 * pt.pow(x, 2);
 */
export function pow(a: TensorLike, b: TensorLike): TensorVariable {
  return applyElemwise(scalarPow, a, b);
}

/**
 * Elementwise 1 / x, a float result (int8 gives float32, int32 float64).
 *
 * @example
 * pt.reciprocal(x);
 */
export function reciprocal(x: TensorLike): TensorVariable {
  return applyElemwise(scalarReciprocal, x);
}

/**
 * Elementwise x * x, in x's dtype.
 *
 * @example
 * pt.sqr(x);
 */
export function sqr(x: TensorLike): TensorVariable {
  return applyElemwise(scalarSqr, x);
}

/**
 * Elementwise |x|; the modulus for complex x (complex128 gives float64).
 *
 * @example
 * pt.abs([-1.5, 2]).evalNested(); // [1.5, 2]
 */
export function abs(x: TensorLike): TensorVariable {
  return applyElemwise(scalarAbs, x);
}

/**
 * Elementwise sign: -1, 0 or 1 in x's dtype (NaN stays NaN). Not defined for bool or complex.
 *
 * @example
 * pt.sign([-2, 0, 3]).evalNested(); // [-1, 0, 1]
 */
export function sign(x: TensorLike): TensorVariable {
  return applyElemwise(scalarSign, x);
}
