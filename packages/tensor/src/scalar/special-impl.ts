/**
 * The element functions of the special scalar ops, on float64 numbers: the
 * @stdlib/math implementations, with the edge values PyTensor's SciPy-based
 * versions give where stdlib differs (poles of psi and polygamma, the ends
 * of chi2sf's support), and numerically stable sigmoid / softplus. These are
 * also the functions generated code binds (see specialJsBindings).
 */
import digamma = require('@stdlib/math/base/special/digamma');
import trigammaStdlib = require('@stdlib/math/base/special/trigamma');
import polygammaStdlib = require('@stdlib/math/base/special/polygamma');
import gammainc = require('@stdlib/math/base/special/gammainc');
import gammaStdlib = require('@stdlib/math/base/special/gamma');
import erfcinvStdlib = require('@stdlib/math/base/special/erfcinv');
import erfcx = require('@stdlib/math/base/special/erfcx');

const isNonPositiveInteger = (x: number): boolean => x <= 0 && Number.isInteger(x);

/**
 * The gamma function. Below -170 stdlib's value underflows to 0 too early
 * (its reflection formula divides by gamma(1 - x), which overflows); there
 * gamma(x) = pi / (sin(pi x) gamma(1 - x)) is evaluated with gamma(1 - x)
 * split by the duplication formula, so the subnormal results down to about
 * -184 keep their digits.
 *
 * @example
 * gamma(5); // 24
 */
export function gamma(x: number): number {
  if (x < -170 && Number.isFinite(x) && !Number.isInteger(x)) {
    const k = Math.round(x);
    // sin(pi x) = (-1)^k sin(pi (x - k)), with x - k exact.
    const sinPiX = Math.sin(Math.PI * (x - k)) * (k % 2 === 0 ? 1 : -1);
    const y = 1 - x; // exact here
    // gamma(y) = 2^(y - 1) / sqrt(pi) * gamma(y / 2) * gamma((y + 1) / 2); the power of 2 comes last, where the result may become subnormal.
    return ((Math.PI * Math.sqrt(Math.PI)) / sinPiX / gammaStdlib(y / 2) / gammaStdlib((y + 1) / 2)) * Math.pow(2, 1 - y);
  }
  return gammaStdlib(x);
}

/**
 * The inverse complementary error function. In the far tail (v < 1e-100)
 * stdlib's rational approximation is good to about 2e-13 only: one Newton step
 * on log(erfc(t)) = log(v), with log(erfc(t)) = log(erfcx(t)) - t^2, brings it
 * to full precision.
 *
 * @example
 * erfcinv(1); // 0
 */
export function erfcinv(v: number): number {
  const t = erfcinvStdlib(v);
  if (!(v > 0 && v < 1e-100)) return t;
  const ex = erfcx(t);
  const h = Math.log(ex) - t * t - Math.log(v);
  // Newton: t - h / h', with h'(t) = -2 / (sqrt(pi) erfcx(t)).
  return t + (h * Math.sqrt(Math.PI) * ex) / 2;
}

/**
 * The digamma function psi(x) = d/dx log(gamma(x)). At the pole 0 it gives
 * the one-sided limits -inf (x = +0) and +inf (x = -0), as SciPy does; NaN at
 * the negative integers.
 *
 * @example
 * psi(1); // -0.5772156649015329 (minus the Euler-Mascheroni constant)
 */
export function psi(x: number): number {
  if (x === 0) return Object.is(x, -0) ? Infinity : -Infinity;
  return digamma(x);
}

/**
 * The trigamma function psi'(x) (polygamma of order 1): +inf at its (double)
 * poles 0, -1, -2, ...
 *
 * @example
 * triGamma(1); // pi^2 / 6
 */
export function triGamma(x: number): number {
  if (isNonPositiveInteger(x)) return Infinity;
  return trigammaStdlib(x);
}

/**
 * The polygamma function psi^(n)(x), the n-th derivative of psi; n a
 * non-negative integer (NaN otherwise). At the poles 0, -1, -2, ... it gives
 * SciPy's values (+inf for odd n, -inf for even n >= 2, psi's for n = 0).
 *
 * @example
 * polygamma(1, 1); // pi^2 / 6
 */
export function polygamma(n: number, x: number): number {
  if (!(n >= 0) || !Number.isInteger(n)) return NaN;
  if (n === 0) return psi(x);
  // Answered here: stdlib takes milliseconds to give NaN, or 0 at +inf.
  if (Number.isNaN(x) || x === -Infinity) return NaN;
  if (x === Infinity) return n % 2 === 1 ? 0 : -0;
  if (isNonPositiveInteger(x)) return n % 2 === 1 ? Infinity : -Infinity;
  const r = polygammaStdlib(n, x);
  if (Math.abs(r) === Infinity && x !== 0 && Math.abs(x) < 1) {
    // Overflow next to the pole at 0, where psi^(n)(x) ~ (-1)^(n+1) n! / x^(n+1): take that sign.
    const sign = (n % 2 === 1 ? 1 : -1) * (x < 0 && n % 2 === 0 ? -1 : 1);
    return sign * Infinity;
  }
  return r;
}

/**
 * The survival function of the chi-squared distribution with k degrees of
 * freedom at x (1 - cdf, the upper regularized incomplete gamma Q(k/2, x/2)).
 * 1 for x <= 0, 0 at x = inf, NaN for k <= 0, as scipy.stats.chi2.sf.
 *
 * @example
 * chi2sf(3.841458820694124, 1); // 0.05
 */
export function chi2sf(x: number, k: number): number {
  if (Number.isNaN(x) || Number.isNaN(k) || k <= 0) return NaN;
  if (x <= 0) return 1;
  if (x === Infinity) return 0;
  if (k === Infinity) return 1;
  return gammainc(x / 2, k / 2, true, true);
}

/**
 * The logistic sigmoid 1 / (1 + e^-x), written so that neither branch
 * overflows: for x < 0 it is e^x / (1 + e^x), which keeps the tiny values
 * (sigmoid(-740) is about 4.2e-322, not 0).
 *
 * @example
 * sigmoid(0); // 0.5
 */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/**
 * softplus(x) = log(1 + e^x), computed as log1p(e^-|x|) + max(x, 0) so that
 * it neither overflows for large x nor loses the small values for negative x.
 *
 * @example
 * softplus(1000); // 1000
 */
export function softplus(x: number): number {
  return Math.log1p(Math.exp(-Math.abs(x))) + Math.max(x, 0);
}

/**
 * log(1 - e^x) for x <= 0: log(-expm1(x)) above -ln 2, where 1 - e^x is tiny
 * and subtracting would lose it, log1p(-e^x) below, where e^x is tiny
 * (Maechler's split). NaN for x > 0, -inf at 0.
 *
 * @example
 * log1mexp(-1e-20); // -46.0517...
 */
export function log1mexp(x: number): number {
  return x > -Math.LN2 ? Math.log(-Math.expm1(x)) : Math.log1p(-Math.exp(x));
}
