/**
 * Complex exp, log and sqrt on {re, im} pairs, following C99 Annex G for
 * infinities, NaNs and signed zeros (as glibc does, and so NumPy), and
 * written to keep full precision where the textbook formulas lose it
 * (log near |z| = 1, sqrt of very large or very small values, exp whose
 * modulus overflows while its parts do not).
 */
import type { Complex } from './scalar-op';

const copysign = (mag: number, sgn: number): number => (sgn < 0 || Object.is(sgn, -0) ? -Math.abs(mag) : Math.abs(mag));

/**
 * e^z.
 *
 * @example
 * cexp({ re: 0, im: Math.PI }); // { re: -1, im: ~1.2e-16 }
 */
export function cexp(z: Complex): Complex {
  const { re: x, im: y } = z;
  // A real argument: exact real exp, and the sign of the zero imaginary part kept.
  if (y === 0) return { re: Math.exp(x), im: y };
  if (x === -Infinity) {
    // +0 cis(y); with an infinite or NaN angle the modulus 0 still wins (glibc's signs: +0, copysign(0, y)).
    return Number.isFinite(y) ? { re: 0 * Math.cos(y), im: 0 * Math.sin(y) } : { re: 0, im: copysign(0, y) };
  }
  if (x === Infinity && !Number.isFinite(y)) return { re: Infinity, im: NaN };
  if (x > 709) {
    // e^x overflows before it is multiplied by cos/sin: split it in two halves.
    const h = Math.exp(x / 2);
    return { re: h * Math.cos(y) * h, im: h * Math.sin(y) * h };
  }
  const e = Math.exp(x);
  return { re: e * Math.cos(y), im: e * Math.sin(y) };
}

/**
 * The principal natural logarithm (imaginary part in (-pi, pi]).
 *
 * @example
 * clog({ re: -1, im: 0 }); // { re: 0, im: Math.PI }
 */
export function clog(z: Complex): Complex {
  const { re: x, im: y } = z;
  const ax = Math.abs(x);
  const ay = Math.abs(y);
  const big = Math.max(ax, ay);
  const small = Math.min(ax, ay);
  let re: number;
  if (big > 0.5 && big < 2) {
    // log|z| = log1p(|z|^2 - 1) / 2, with |z|^2 - 1 = (big - 1)(big + 1) + small^2 kept accurate near |z| = 1.
    re = 0.5 * Math.log1p((big - 1) * (big + 1) + small * small);
  } else {
    re = Math.log(Math.hypot(x, y));
  }
  return { re, im: Math.atan2(y, x) };
}

/**
 * The principal square root (real part >= 0).
 *
 * @example
 * csqrt({ re: -4, im: 0 }); // { re: 0, im: 2 }
 */
export function csqrt(z: Complex): Complex {
  const { re: x, im: y } = z;
  if (y === Infinity || y === -Infinity) return { re: Infinity, im: y };
  if (Number.isNaN(x)) return { re: NaN, im: NaN };
  if (x === Infinity) return { re: Infinity, im: Number.isNaN(y) ? NaN : copysign(0, y) };
  if (x === -Infinity) return Number.isNaN(y) ? { re: NaN, im: Infinity } : { re: 0, im: copysign(Infinity, y) };
  if (Number.isNaN(y)) return { re: NaN, im: NaN };
  if (x === 0 && y === 0) return { re: 0, im: y };
  const ax = Math.abs(x);
  const ay = Math.abs(y);
  if (ax > 1e300 || ay > 1e300) {
    // |x| + |z| would overflow: sqrt(z) = 2 sqrt(z / 4), exact scalings.
    const r = csqrt({ re: x / 4, im: y / 4 });
    return { re: 2 * r.re, im: 2 * r.im };
  }
  if (ax < 1e-300 && ay < 1e-300) {
    // Subnormal parts lose digits in |x| + |z|: sqrt(z) = sqrt(z * 2^600) / 2^300.
    const r = csqrt({ re: x * 2 ** 600, im: y * 2 ** 600 });
    return { re: r.re * 2 ** -300, im: r.im * 2 ** -300 };
  }
  const t = Math.sqrt((ax + Math.hypot(x, y)) / 2);
  if (x >= 0) return { re: t, im: y / (2 * t) };
  return { re: ay / (2 * t), im: copysign(t, y) };
}
