/**
 * The exponential, logarithm and square-root user functions (pt.exp, pt.log,
 * pt.sqrt, ...). Discrete inputs give floats (int8 -> float32, int32 -> float64).
 */
import { applyElemwise } from '../elemwise/apply';
import { scalarExp, scalarExp2, scalarExpm1, scalarLog, scalarLog10, scalarLog1p, scalarLog2, scalarSqrt } from '../scalar/transcendental';
import type { TensorLike } from '../basic/as-tensor';
import type { TensorVariable } from '../variable/tensor-variable';

/**
 * Elementwise square root: NaN for negative reals, the principal root for complex values.
 *
 * @example
 * pt.sqrt([4, 2]).eval(); // float32 [2, 1.4142135]
 */
export function sqrt(x: TensorLike): TensorVariable {
  return applyElemwise(scalarSqrt, x);
}

/**
 * Elementwise e^x (complex values too).
 *
 * @example
 * pt.exp(pt.dvector('x')); // Elemwise{exp}, float64
 */
export function exp(x: TensorLike): TensorVariable {
  return applyElemwise(scalarExp, x);
}

/**
 * Elementwise 2^x.
 *
 * @example
 * pt.exp2([3, -1]).eval(); // float32 [8, 0.5]
 */
export function exp2(x: TensorLike): TensorVariable {
  return applyElemwise(scalarExp2, x);
}

/**
 * Elementwise natural logarithm: log(0) = -inf, log(-1) = NaN for reals; the principal branch for complex values.
 *
 * @example
 * pt.log(pt.dvector('x')); // Elemwise{log}
 */
export function log(x: TensorLike): TensorVariable {
  return applyElemwise(scalarLog, x);
}

/**
 * Elementwise base-2 logarithm.
 *
 * @example
 * pt.log2([8, 0.5]).eval(); // float32 [3, -1]
 */
export function log2(x: TensorLike): TensorVariable {
  return applyElemwise(scalarLog2, x);
}

/**
 * Elementwise base-10 logarithm.
 *
 * @example
 * pt.log10([100, 0.1]).eval(); // float64 [2, -1]
 */
export function log10(x: TensorLike): TensorVariable {
  return applyElemwise(scalarLog10, x);
}

/**
 * Elementwise log(1 + x), accurate for small x.
 *
 * @example
 * pt.log1p(1e-20).eval(); // 1e-20 (log(1 + 1e-20) would give 0)
 */
export function log1p(x: TensorLike): TensorVariable {
  return applyElemwise(scalarLog1p, x);
}

/**
 * Elementwise e^x - 1, accurate for small x.
 *
 * @example
 * pt.expm1(1e-20).eval(); // 1e-20
 */
export function expm1(x: TensorLike): TensorVariable {
  return applyElemwise(scalarExpm1, x);
}
