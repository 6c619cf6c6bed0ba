/**
 * A small seeded pseudo-random generator (xoshiro128**, seeded through
 * splitmix32) for verifyGrad's random projections and test points. The same
 * seed gives the same sequence on every platform: everything is 32-bit integer
 * arithmetic (Math.imul, >>> 0).
 */
import { ArgumentError } from '@proj/graph';

/** The generator's state: four 32-bit words, not all zero. */
export type RngState = readonly [number, number, number, number];

const TWO_POW_32 = 4294967296;
const TWO_POW_53 = 9007199254740992;

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/** splitmix32: spreads one seed word into well-mixed words (to fill the state). */
function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** Folds any safe integer (negative ones and ones above 2^32 included) into a 32-bit word. */
function seedWord(seed: number): number {
  const lo = seed >>> 0;
  const hi = Math.floor(seed / TWO_POW_32) >>> 0;
  return (lo ^ Math.imul(hi, 0x9e3779b1)) >>> 0;
}

/**
 * A seeded generator (xoshiro128**) with NumPy-like helpers.
 *
 * @example
 * const rng = new Rng(23098);
 * rng.random();          // a float in [0, 1)
 * rng.normal(0, 1);      // a standard normal draw
 * rng.uniformArray(6, -1, 1); // Float64Array of 6 draws in [-1, 1)
 */
export class Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  /** The second value of the last Box-Muller pair, not yet used. */
  private spareNormal: number | undefined;

  constructor(seed: number | RngState = 0) {
    if (typeof seed === 'number') {
      if (!Number.isSafeInteger(seed)) {
        throw new ArgumentError({ op: 'Rng', argument: 'seed', expected: 'a safe integer', given: String(seed) });
      }
      const next = splitmix32(seedWord(seed));
      this.s0 = next();
      this.s1 = next();
      this.s2 = next();
      this.s3 = next();
    } else {
      if (!Array.isArray(seed) || seed.length !== 4 || !seed.every((w) => Number.isInteger(w) && w >= 0 && w < TWO_POW_32)) {
        throw new ArgumentError({ op: 'Rng', argument: 'seed', expected: 'a seed number or a state of four 32-bit words', given: String(seed) });
      }
      [this.s0, this.s1, this.s2, this.s3] = seed;
    }
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) {
      throw new ArgumentError({ op: 'Rng', argument: 'seed', expected: 'a state that is not all zeros', given: '[0, 0, 0, 0]' });
    }
  }

  /** The current state (a new Rng from it continues the same sequence). */
  get state(): RngState {
    return [this.s0, this.s1, this.s2, this.s3];
  }

  /** An independent copy at the same point of the sequence. */
  clone(): Rng {
    const r = new Rng(this.state);
    r.spareNormal = this.spareNormal;
    return r;
  }

  /** The next 32-bit unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5) >>> 0, 7), 9) >>> 0;
    const t = (this.s1 << 9) >>> 0;
    this.s2 = (this.s2 ^ this.s0) >>> 0;
    this.s3 = (this.s3 ^ this.s1) >>> 0;
    this.s1 = (this.s1 ^ this.s2) >>> 0;
    this.s0 = (this.s0 ^ this.s3) >>> 0;
    this.s2 = (this.s2 ^ t) >>> 0;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** A float in [0, 1) with 53 random bits (NumPy's `random()`). */
  random(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / TWO_POW_53;
  }

  /** A float in [low, high). */
  uniform(low = 0, high = 1): number {
    if (!(high >= low)) throw new ArgumentError({ op: 'Rng.uniform', argument: 'high', expected: `a number >= low (${low})`, given: String(high) });
    return low + (high - low) * this.random();
  }

  /** A normal draw (Box-Muller) with mean `loc` and standard deviation `scale`. */
  normal(loc = 0, scale = 1): number {
    if (!(scale >= 0)) throw new ArgumentError({ op: 'Rng.normal', argument: 'scale', expected: 'a non-negative number', given: String(scale) });
    let z: number;
    if (this.spareNormal !== undefined) {
      z = this.spareNormal;
      this.spareNormal = undefined;
    } else {
      // 1 - random() is in (0, 1]: log never sees 0.
      const r = Math.sqrt(-2 * Math.log(1 - this.random()));
      const theta = 2 * Math.PI * this.random();
      z = r * Math.cos(theta);
      this.spareNormal = r * Math.sin(theta);
    }
    return loc + scale * z;
  }

  /** An integer in [low, high) (unbiased: rejection sampling). */
  integers(low: number, high: number): number {
    if (!Number.isSafeInteger(low) || !Number.isSafeInteger(high) || high <= low || high - low > TWO_POW_32) {
      throw new ArgumentError({ op: 'Rng.integers', argument: 'high', expected: `integers with low < high <= low + 2^32`, given: `low=${low}, high=${high}` });
    }
    const span = high - low;
    const limit = TWO_POW_32 - (TWO_POW_32 % span);
    let x = this.nextUint32();
    while (x >= limit) x = this.nextUint32();
    return low + (x % span);
  }

  /** `n` floats in [low, high). */
  uniformArray(n: number, low = 0, high = 1): Float64Array {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = this.uniform(low, high);
    return out;
  }

  /** `n` normal draws with mean `loc` and standard deviation `scale`. */
  normalArray(n: number, loc = 0, scale = 1): Float64Array {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = this.normal(loc, scale);
    return out;
  }
}

/**
 * A generator from a seed, or the generator itself (NumPy's default_rng).
 *
 * @example
 * const rng = defaultRng(42); // same as new Rng(42)
 * defaultRng(rng) === rng;    // true
 */
export function defaultRng(seed: number | Rng = 0): Rng {
  return seed instanceof Rng ? seed : new Rng(seed);
}
