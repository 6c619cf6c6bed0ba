/**
 * The special-function user functions (pt.erf, pt.gamma, pt.psi, pt.chi2sf,
 * pt.sigmoid, pt.softplus, ...). Real-only: complex inputs are a DtypeError.
 * Discrete inputs give floats (int8 -> float32, int32 -> float64).
 */
import { applyElemwise } from '../elemwise/apply';
import {
  scalarChi2sf,
  scalarErf,
  scalarErfc,
  scalarErfcinv,
  scalarErfinv,
  scalarGamma,
  scalarGammaln,
  scalarLog1mexp,
  scalarPolygamma,
  scalarPsi,
  scalarSigmoid,
  scalarSoftplus,
  scalarTriGamma,
} from '../scalar/special';
import type { TensorLike } from '../basic/as-tensor';
import type { TensorVariable } from '../variable/tensor-variable';

/**
 * Elementwise error function erf(x) = 2/sqrt(pi) * integral of e^(-t^2) from 0 to x.
 *
 * @example
 * pt.erf([0, 1]).eval(); // float32 [0, 0.8427008]
 */
export function erf(x: TensorLike): TensorVariable {
  return applyElemwise(scalarErf, x);
}

/**
 * Elementwise complementary error function 1 - erf(x), accurate where erf(x) is close to 1.
 *
 * @example
 * pt.erfc(pt.dvector('x'));
 */
export function erfc(x: TensorLike): TensorVariable {
  return applyElemwise(scalarErfc, x);
}

/**
 * Elementwise inverse error function: erfinv(+-1) = +-inf, NaN outside [-1, 1].
 *
 * @example
 * pt.erfinv(pt.dvector('x'));
 */
export function erfinv(x: TensorLike): TensorVariable {
  return applyElemwise(scalarErfinv, x);
}

/**
 * Elementwise inverse complementary error function: erfcinv(0) = inf, erfcinv(2) = -inf, NaN outside [0, 2].
 *
 * @example
 * pt.erfcinv(pt.dvector('x'));
 */
export function erfcinv(x: TensorLike): TensorVariable {
  return applyElemwise(scalarErfcinv, x);
}

/**
 * Elementwise gamma function.
 *
 * @example
 * pt.gamma([5]).eval(); // float32 [24]
 */
export function gamma(x: TensorLike): TensorVariable {
  return applyElemwise(scalarGamma, x);
}

/**
 * Elementwise log |gamma(x)|, finite where gamma(x) overflows.
 *
 * @example
 * pt.gammaln(pt.dvector('x'));
 */
export function gammaln(x: TensorLike): TensorVariable {
  return applyElemwise(scalarGammaln, x);
}

/**
 * Elementwise digamma function psi(x) = d/dx gammaln(x).
 *
 * @example
 * pt.psi(pt.dvector('x'));
 */
export function psi(x: TensorLike): TensorVariable {
  return applyElemwise(scalarPsi, x);
}

/**
 * Elementwise trigamma function psi'(x) (PyTensor's tri_gamma), the derivative of psi.
 *
 * @example
 * pt.triGamma(pt.dvector('x'));
 */
export function triGamma(x: TensorLike): TensorVariable {
  return applyElemwise(scalarTriGamma, x);
}

/**
 * Elementwise logistic sigmoid 1 / (1 + e^-x), stable for large |x| (also known as expit).
 *
 * @example
 * pt.sigmoid([0]).eval(); // float32 [0.5]
 */
export function sigmoid(x: TensorLike): TensorVariable {
  return applyElemwise(scalarSigmoid, x);
}

/**
 * Elementwise softplus log(1 + e^x), without overflow for large x.
 *
 * @example
 * pt.softplus(pt.dvector('x'));
 */
export function softplus(x: TensorLike): TensorVariable {
  return applyElemwise(scalarSoftplus, x);
}

/**
 * Elementwise log(1 - e^x) (PyTensor's log1mexp), accurate where 1 - e^x is
 * close to 0 or to 1; NaN for x > 0.
 *
 * @example
 * pt.log1mexp([-1e-20]).eval(); // [-46.0517...]
 */
export function log1mexp(x: TensorLike): TensorVariable {
  return applyElemwise(scalarLog1mexp, x);
}

/**
 * Elementwise polygamma function psi^(n)(x), the n-th derivative of psi; the
 * order n must be of an integer dtype. The output dtype is the float of x.
 *
 * @example
 * pt.polygamma(1, pt.dvector('x')); // the same as pt.triGamma(x)
 */
export function polygamma(n: TensorLike, x: TensorLike): TensorVariable {
  return applyElemwise(scalarPolygamma, n, x);
}

/**
 * Elementwise survival function (1 - cdf) of the chi-squared distribution
 * with k degrees of freedom, evaluated at x (scipy.stats.chi2.sf(x, k)).
 *
 * @example
 * pt.chi2sf(3.841458820694124, 1).eval(); // ~0.05
 */
export function chi2sf(x: TensorLike, k: TensorLike): TensorVariable {
  return applyElemwise(scalarChi2sf, x, k);
}
