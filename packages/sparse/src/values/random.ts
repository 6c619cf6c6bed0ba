/**
 * Seeded random sparse matrices (scipy.sparse.random): exactly
 * round(density * rows * cols) entries at distinct uniformly drawn positions.
 * The generator is sfc32 seeded through splitmix32, so a seed gives the same
 * matrix on every platform (the values do not match NumPy's generator).
 */
import { ArgumentError } from '@proj/graph';
import { checkDtype, dtypeWidth, integerRange, isBigInt, isComplex, isFloat, type Dtype } from '@proj/tensor';
import type { CSCMatrix, CSRMatrix, SparseFormat } from './compressed';
import { fromCOO } from './construct';
import { INDEX_MAX, newRaw } from './storage';

export interface RandomOptions {
  /** 'csr' (default) or 'csc'. */
  readonly format?: SparseFormat;
  /** float64 by default. Floats are uniform in [0, 1); integers uniform over the dtype's range; bool is true. */
  readonly dtype?: Dtype | 'floatX';
  /** Seed (any integer); absent: a fresh one from Math.random. */
  readonly seed?: number;
}

/** A small fast seeded generator of uniform 32-bit integers and doubles. */
export class SeededRandom {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  constructor(seed: number) {
    let s = seed >>> 0 ^ Math.floor(seed / 4294967296) >>> 0;
    const next = (): number => {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    for (let i = 0; i < 12; i++) this.uint32();
  }
  /** Uniform in [0, 2^32). */
  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }
  /** Uniform in [0, 1) with 53 random bits. */
  uniform(): number {
    return ((this.uint32() >>> 5) * 67108864 + (this.uint32() >>> 6)) / 9007199254740992;
  }
  /** Uniform integer in [0, n), n <= 2^53. */
  below(n: number): number {
    return Math.floor(this.uniform() * n);
  }
  /** An independent generator in the same state (the same draws follow from both). */
  clone(): SeededRandom {
    const g = Object.create(SeededRandom.prototype) as SeededRandom;
    g.a = this.a;
    g.b = this.b;
    g.c = this.c;
    g.d = this.d;
    return g;
  }
  /** The four 32-bit words of the state (equal states give equal draws). */
  get state(): readonly [number, number, number, number] {
    return [this.a >>> 0, this.b >>> 0, this.c >>> 0, this.d >>> 0];
  }
}

/** Python's round(): halves go to the even neighbour. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * A random rows x cols sparse matrix with exactly round(density * rows * cols)
 * stored entries (Python's rounding), at distinct positions, indices sorted.
 *
 * @example
 * const a = random(100, 50, 0.01, { seed: 42 });
 * a.nnz; // 50
 */
export function random(rows: number, cols: number, density = 0.01, options: RandomOptions = {}): CSRMatrix | CSCMatrix {
  const op = 'random';
  for (const [name, v] of [['rows', rows], ['cols', cols]] as const) {
    if (!Number.isInteger(v) || v < 0 || v > INDEX_MAX) {
      throw new ArgumentError({ op, argument: name, expected: `an integer in [0, ${INDEX_MAX}]`, given: String(v) });
    }
  }
  if (typeof density !== 'number' || !(density >= 0 && density <= 1)) {
    throw new ArgumentError({ op, argument: 'density', expected: 'a number in [0, 1]', given: String(density) });
  }
  const total = rows * cols;
  if (total > Number.MAX_SAFE_INTEGER) {
    throw new ArgumentError({ op, argument: 'shape', expected: 'rows * cols <= 2^53', given: `${rows} x ${cols}` });
  }
  const k = roundHalfEven(density * total);
  if (k > INDEX_MAX) throw new ArgumentError({ op, argument: 'density', expected: `at most ${INDEX_MAX} entries`, given: `${k}` });
  const dtype = checkDtype(options.dtype ?? 'float64', op);
  const rng = new SeededRandom(options.seed ?? Math.floor(Math.random() * 4294967296));
  // Floyd's algorithm: k distinct positions in O(k).
  const chosen = new Set<number>();
  for (let j = total - k; j < total; j++) {
    const t = rng.below(j + 1);
    chosen.add(chosen.has(t) ? j : t);
  }
  const row = new Int32Array(k);
  const col = new Int32Array(k);
  let n = 0;
  for (const p of chosen) {
    row[n] = Math.floor(p / cols);
    col[n] = p % cols;
    n++;
  }
  const data = newRaw(dtype, k);
  fillRandom(data, k, dtype, rng);
  return fromCOO({ row, col, data, shape: [rows, cols] }, { format: options.format ?? 'csr', dtype });
}

function fillRandom(data: ReturnType<typeof newRaw>, k: number, dtype: Dtype, rng: SeededRandom): void {
  const out = data as Float64Array;
  if (isFloat(dtype) || isComplex(dtype)) {
    for (let i = 0; i < k * dtypeWidth(dtype); i++) out[i] = rng.uniform();
    // float32 rounding may reach 1.0: keep the half-open interval.
    if (dtype === 'float32' || dtype === 'complex64') for (let i = 0; i < out.length; i++) if (out[i] === 1) out[i] = 0.99999994;
  } else if (dtype === 'bool') {
    (data as Uint8Array).fill(1);
  } else if (isBigInt(dtype)) {
    const big = data as BigInt64Array;
    for (let i = 0; i < k; i++) big[i] = (BigInt(rng.uint32()) << 32n) | BigInt(rng.uint32());
  } else {
    const [lo, hi] = integerRange(dtype);
    const span = Number(hi) - Number(lo) + 1;
    for (let i = 0; i < k; i++) out[i] = Number(lo) + rng.below(span);
  }
}
