import { seededRandom } from '@proj/backend-js';

/** Distance in units in the last place between two doubles (0 when both are NaN or equal, Infinity when one is NaN). */
export function ulpDiff(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b) ? 0 : Infinity;
  if (a === b) return Object.is(a, b) ? 0 : a === 0 ? 0 : 0;
  const buf = new DataView(new ArrayBuffer(16));
  buf.setFloat64(0, a);
  buf.setFloat64(8, b);
  const ia = toOrdered(buf.getBigInt64(0));
  const ib = toOrdered(buf.getBigInt64(8));
  const d = ia > ib ? ia - ib : ib - ia;
  return Number(d);
}

function toOrdered(bits: bigint): bigint {
  return bits < 0n ? -(bits & 0x7fffffffffffffffn) : bits;
}

/** A seeded uniform generator (the conformance suite's mulberry32). */
export const rng = seededRandom;

/** Values spread over many binades in [-hi, hi] plus the special values. */
export function wideValues(n: number, lo: number, hi: number, seed = 7): Float64Array {
  const r = rng(seed);
  const out = new Float64Array(n);
  const specials = [0, -0, NaN, Infinity, -Infinity, 5e-324, -5e-324, 2.2250738585072014e-308, 1e-310, -1e-310, 1, -1, 0.5, 2];
  specials.forEach((v, i) => (out[i] = v));
  for (let i = specials.length; i < n; i++) {
    const u = r();
    // Half uniform in [lo, hi], half log-uniform in magnitude (tiny to hi), random sign.
    if (i % 2 === 0) out[i] = lo + (hi - lo) * u;
    else {
      const mag = Math.exp(Math.log(1e-300) + (Math.log(Math.max(Math.abs(lo), Math.abs(hi))) - Math.log(1e-300)) * u);
      const v = r() < 0.5 ? -mag : mag;
      out[i] = Math.min(hi, Math.max(lo, v));
    }
  }
  return out;
}
