/**
 * Bitwise user functions: pt.and_, pt.or_, pt.xor, pt.invert and their NumPy
 * names. Integer and bool inputs only (on bool they are the logical
 * operators); a float input is a DtypeError.
 */
import { applyElemwise } from '../elemwise/apply';
import type { TensorLike } from '../basic/as-tensor';
import { scalarBitAnd, scalarBitOr, scalarBitXor, scalarInvert } from '../scalar/bitwise';
import type { TensorVariable } from '../variable/tensor-variable';

/**
 * Elementwise bitwise and (logical and for bool).
 *
 * @example
 * pt.and_(pt.gt(x, 0), pt.lt(x, 1));
 */
export function and_(a: TensorLike, b: TensorLike): TensorVariable {
  return applyElemwise(scalarBitAnd, a, b);
}

/**
 * Elementwise bitwise or (logical or for bool).
 *
 * @example
 * pt.or_(i, 0b100);
 */
export function or_(a: TensorLike, b: TensorLike): TensorVariable {
  return applyElemwise(scalarBitOr, a, b);
}

/**
 * Elementwise bitwise exclusive or.
 *
 * @example
 * pt.xor(i, 1);
 */
export function xor(a: TensorLike, b: TensorLike): TensorVariable {
  return applyElemwise(scalarBitXor, a, b);
}

/**
 * Elementwise bitwise not (~x; logical not for bool).
 *
 * @example
 * pt.invert(pt.isnan(x));
 */
export function invert(x: TensorLike): TensorVariable {
  return applyElemwise(scalarInvert, x);
}

/** NumPy's name for and_. @example pt.bitwiseAnd(i, j); */
export const bitwiseAnd = and_;
/** NumPy's name for or_. @example pt.bitwiseOr(i, j); */
export const bitwiseOr = or_;
/** NumPy's name for xor. @example pt.bitwiseXor(i, j); */
export const bitwiseXor = xor;
/** NumPy's name for invert. @example pt.bitwiseNot(i); */
export const bitwiseNot = invert;
