/**
 * Comparison user functions (pt.lt, pt.gt, pt.le, pt.ge, pt.eq, pt.neq and
 * their NumPy names), the predicates isnan / isinf, maximum / minimum, and
 * isclose / allclose. Comparisons give bool tensors.
 */
import { isDiscrete } from '../dtype/dtypes';
import { applyElemwise } from '../elemwise/apply';
import { asTensorVariable, type TensorLike } from '../basic/as-tensor';
import { all } from '../reduce/max';
import { scalarEq, scalarGe, scalarGt, scalarIsinf, scalarIsnan, scalarLe, scalarLt, scalarMaximum, scalarMinimum, scalarNeq } from '../scalar/compare';
import type { TensorVariable } from '../variable/tensor-variable';
import { abs, add, mul, sign, sub } from './arith';
import { and_, invert, or_ } from './bitwise';
import { cast } from './cast';
import { checkOptions, optionKeys } from '@proj/graph';

/**
 * Elementwise a < b (bool).
 *
 * @example
 * pt.lt(x, 0);
 */
export function lt(a: TensorLike, b: TensorLike): TensorVariable {
  return applyElemwise(scalarLt, a, b);
}

/**
 * Elementwise a > b (bool).
 *
 * @example
 * pt.gt(x, y);
 */
export function gt(a: TensorLike, b: TensorLike): TensorVariable {
  return applyElemwise(scalarGt, a, b);
}

/**
 * Elementwise a <= b (bool).
 *
 * @example
 * pt.le(x, y);
 */
export function le(a: TensorLike, b: TensorLike): TensorVariable {
  return applyElemwise(scalarLe, a, b);
}

/**
 * Elementwise a >= b (bool).
 *
 * @example
 * pt.ge(x, 1);
 */
export function ge(a: TensorLike, b: TensorLike): TensorVariable {
  return applyElemwise(scalarGe, a, b);
}

/**
 * Elementwise a == b (bool; int64 values compare exactly).
 *
 * @example
 * pt.eq(x, y);
 */
export function eq(a: TensorLike, b: TensorLike): TensorVariable {
  return applyElemwise(scalarEq, a, b);
}

/**
 * Elementwise a != b (bool).
 *
 * @example
 * pt.neq(x, 0);
 */
export function neq(a: TensorLike, b: TensorLike): TensorVariable {
  return applyElemwise(scalarNeq, a, b);
}

/** NumPy's name for lt. @example pt.less(x, y); */
export const less = lt;
/** NumPy's name for gt. @example pt.greater(x, y); */
export const greater = gt;
/** NumPy's name for le. @example pt.lessEqual(x, y); */
export const lessEqual = le;
/** NumPy's name for ge. @example pt.greaterEqual(x, y); */
export const greaterEqual = ge;
/** NumPy's name for eq. @example pt.equal(x, y); */
export const equal = eq;
/** NumPy's name for neq. @example pt.notEqual(x, y); */
export const notEqual = neq;

/**
 * Elementwise test for NaN (bool; always false for integers).
 *
 * @example
 * pt.isnan([1, NaN]).evalNested(); // [false, true]
 */
export function isnan(x: TensorLike): TensorVariable {
  return applyElemwise(scalarIsnan, x);
}

/**
 * Elementwise test for +inf or -inf (bool).
 *
 * @example
 * pt.isinf([1, -Infinity]).evalNested(); // [false, true]
 */
export function isinf(x: TensorLike): TensorVariable {
  return applyElemwise(scalarIsinf, x);
}

/**
 * Elementwise maximum; NaN propagates (np.maximum). The gradient goes to the
 * larger input (to a on ties).
 *
 * @example
 * pt.maximum(x, 0);
 */
export function maximum(a: TensorLike, b: TensorLike): TensorVariable {
  return applyElemwise(scalarMaximum, a, b);
}

/**
 * Elementwise minimum; NaN propagates (np.minimum).
 *
 * @example
 * pt.minimum(x, 1);
 */
export function minimum(a: TensorLike, b: TensorLike): TensorVariable {
  return applyElemwise(scalarMinimum, a, b);
}

/** Tolerances of isclose / allclose (NumPy's defaults). */
export interface IscloseOptions {
  rtol?: number;
  atol?: number;
  /** Whether NaNs in the same place count as close. */
  equalNan?: boolean;
}

const ISCLOSE_KEYS = optionKeys<IscloseOptions>({ rtol: true, atol: true, equalNan: true });

/**
 * Elementwise |a - b| <= atol + rtol * |b| (bool), as numpy.isclose: infinities
 * are close only to the same infinity; NaN is close to NaN only with
 * `equalNan`. Integer inputs are compared as float64 (as NumPy does).
 *
 * @example
 * pt.isclose(x, y, { rtol: 1e-6 });
 */
export function isclose(a: TensorLike, b: TensorLike, options: IscloseOptions = {}): TensorVariable {
  checkOptions('pt.isclose', options, ISCLOSE_KEYS);
  const { rtol = 1e-5, atol = 1e-8, equalNan = false } = options;
  const toFloat = (v: TensorVariable) => (isDiscrete(v.dtype) ? cast(v, 'float64') : v);
  const x = toFloat(asTensorVariable(a));
  const y = toFloat(asTensorVariable(b));
  // PyTensor's isclose, term by term.
  const closePrelim = le(abs(sub(x, y)), add(atol, mul(rtol, abs(y))));
  const xNan = isnan(x);
  const yNan = isnan(y);
  const xInf = isinf(x);
  const yInf = isinf(y);
  const nansOrInfs = or_(or_(xNan, yNan), or_(xInf, yInf));
  const close = and_(closePrelim, invert(nansOrInfs));
  const infEq = and_(and_(xInf, yInf), eq(mul(xInf, sign(x)), mul(yInf, sign(y))));
  const closeWithInfs = or_(close, infEq);
  return equalNan ? or_(closeWithInfs, and_(xNan, yNan)) : closeWithInfs;
}

/**
 * Whether all elements are close (a 0-d bool), as numpy.allclose.
 *
 * @example
 * pt.allclose(x, y).eval();
 */
export function allclose(a: TensorLike, b: TensorLike, options: IscloseOptions = {}): TensorVariable {
  checkOptions('pt.allclose', options, ISCLOSE_KEYS);
  return all(isclose(a, b, options));
}

