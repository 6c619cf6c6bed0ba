/**
 * Seeded random numbers for the tools (the differential tests, the examples,
 * the main job): mulberry32, and a small class on top of it.
 */
import { seededRandom } from '@proj/backend-js';

/**
 * mulberry32: a 32-bit seeded generator of floats in [0, 1) (the conformance
 * suite's, so one implementation serves the packages and the tools).
 *
 * @example
 * const rand = mulberry32(42);
 * rand(); // the same number on every run
 */
export const mulberry32: (seed: number) => () => number = seededRandom;

/**
 * Uniform floats, integers, picks and normal draws from one seed.
 *
 * @example
 * const rng = new Prng(7);
 * rng.int(1, 6); rng.pick(['a', 'b']); rng.gaussian();
 */
export class Prng {
  readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  /** An integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)]!;
  }
  /** A standard normal draw (Box-Muller). */
  gaussian(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }
}
