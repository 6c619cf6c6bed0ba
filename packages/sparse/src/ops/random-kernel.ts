/**
 * Samplers of the sparse probability Ops on a SeededRandom: Poisson (Knuth's
 * product method for small means, Hörmann's PTRS above), binomial (inversion
 * for small n*p, Hörmann's BTRS above), a zero-truncated binomial, and
 * multinomial by conditional binomials (as NumPy does). Exact distributions,
 * not approximations; the draws do not match NumPy's stream.
 */
import type { SeededRandom } from '../values/random';

const LOG_FACTORIAL_TABLE_SIZE = 256;
const LOG_FACTORIAL = (() => {
  const t = new Float64Array(LOG_FACTORIAL_TABLE_SIZE);
  for (let k = 2; k < LOG_FACTORIAL_TABLE_SIZE; k++) t[k] = t[k - 1]! + Math.log(k);
  return t;
})();
const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/** log(k!) for an integer k >= 0: a table below 256, Stirling's series above (error < 1e-15 relative). */
export function logFactorial(k: number): number {
  if (k < LOG_FACTORIAL_TABLE_SIZE) return LOG_FACTORIAL[k]!;
  const n = k + 1;
  const n2 = n * n;
  return (n - 0.5) * Math.log(n) - n + HALF_LOG_2PI + (1 / 12 - (1 / 360 - 1 / (1260 * n2)) / n2) / n;
}

/** One Poisson(lam) draw, lam >= 0 and finite. */
export function poissonDraw(rng: SeededRandom, lam: number): number {
  if (lam === 0) return 0;
  if (lam < 10) {
    // Knuth: count uniforms until their product falls below exp(-lam); about lam + 1 draws.
    const limit = Math.exp(-lam);
    let k = 0;
    let prod = rng.uniform();
    while (prod > limit) {
      k++;
      prod *= rng.uniform();
    }
    return k;
  }
  // PTRS (Hörmann 1993), the method NumPy uses for lam >= 10.
  const slam = Math.sqrt(lam);
  const loglam = Math.log(lam);
  const b = 0.931 + 2.53 * slam;
  const a = -0.059 + 0.02483 * b;
  const invAlpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const u = rng.uniform() - 0.5;
    const v = rng.uniform();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + lam + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (Math.log(v) + Math.log(invAlpha) - Math.log(a / (us * us) + b) <= -lam + k * loglam - logFactorial(k)) return k;
  }
}

/** One Binomial(n, p) draw, n >= 0 an integer, 0 <= p <= 1. */
export function binomialDraw(rng: SeededRandom, n: number, p: number): number {
  if (n === 0 || p === 0) return 0;
  if (p === 1) return n;
  // Draw the rarer outcome: both methods below want p <= 1/2.
  if (p > 0.5) return n - binomialDraw(rng, n, 1 - p);
  const q = 1 - p;
  if (n * p < 10) {
    // Inversion through the pmf recursion P(k) = P(k-1) * (n-k+1)/k * p/q; q^n >= e^-20, no underflow.
    const s = p / q;
    const a = (n + 1) * s;
    let r = Math.exp(n * Math.log1p(-p));
    let u = rng.uniform();
    let k = 0;
    while (u > r && k < n) {
      u -= r;
      k++;
      r *= a / k - s;
    }
    return k;
  }
  // BTRS (Hörmann 1993): transformed rejection with a squeeze.
  const spq = Math.sqrt(n * p * q);
  const b = 1.15 + 2.53 * spq;
  const a = -0.0873 + 0.0248 * b + 0.01 * p;
  const c = n * p + 0.5;
  const vr = 0.92 - 4.2 / b;
  const alpha = (2.83 + 5.1 / b) * spq;
  const lpq = Math.log(p / q);
  const m = Math.floor((n + 1) * p);
  const h = logFactorial(m) + logFactorial(n - m);
  for (;;) {
    const u = rng.uniform() - 0.5;
    let v = rng.uniform();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + c);
    if (k < 0 || k > n) continue;
    if (us >= 0.07 && v <= vr) return k;
    v = Math.log((v * alpha) / (a / (us * us) + b));
    if (v <= h - logFactorial(k) - logFactorial(n - k) + (k - m) * lpq) return k;
  }
}

/**
 * One Binomial(n, p) draw conditioned on being >= 1, where q0 = P(X >= 1) > 0.
 * Rejection when q0 is large; inversion of the truncated pmf when it is small
 * (then n*p is small and the loop short).
 */
export function truncatedBinomialDraw(rng: SeededRandom, n: number, p: number, q0: number): number {
  if (q0 >= 0.25) {
    for (;;) {
      const k = binomialDraw(rng, n, p);
      if (k > 0) return k;
    }
  }
  const q = 1 - p;
  const s = p / q;
  let r = n * p * Math.exp((n - 1) * Math.log1p(-p));
  let u = rng.uniform() * q0;
  let k = 1;
  while (u > r && k < n) {
    u -= r;
    k++;
    r *= ((n - k + 1) / k) * s;
  }
  return k;
}

/**
 * Multinomial counts of `n` trials over the probabilities pv[from..to), written
 * to out[from..to) (NumPy's method: a binomial per category, conditioned on the
 * trials left). The last category takes what remains.
 */
export function multinomialInto(rng: SeededRandom, n: number, pv: ArrayLike<number>, from: number, to: number, out: Float64Array): void {
  let remaining = n;
  let psum = 1;
  for (let j = from; j < to; j++) {
    if (j === to - 1) {
      out[j] = remaining;
      break;
    }
    const pj = pv[j]!;
    const k = remaining > 0 && psum > 0 ? binomialDraw(rng, remaining, Math.min(1, Math.max(0, pj / psum))) : 0;
    out[j] = k;
    remaining -= k;
    psum -= pj;
  }
}
