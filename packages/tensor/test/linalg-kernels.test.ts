/**
 * The kernels on their own (plain typed arrays, strides, offsets) against a
 * naive triple loop written here: block and tile edges, negative and large
 * strides, alpha/beta, and the exact integer kernels' wrapping.
 */
import { gemmBigInt, gemmComplex, gemmInt32 } from '../src/linalg/kernels/gemm-exact';
import { gemmF32 } from '../src/linalg/kernels/gemm-f32';
import { gemmF64 } from '../src/linalg/kernels/gemm-f64';
import { gemvF32, gerF32 } from '../src/linalg/kernels/gemv-f32';
import { gemvF64, gerF64 } from '../src/linalg/kernels/gemv-f64';

/** A strided m x n matrix inside a buffer: row-major, column-major or reversed. */
interface Strided {
  off: number;
  rs: number;
  cs: number;
  len: number;
}

function layout(m: number, n: number, kind: 'c' | 'f' | 'rev' | 'pad'): Strided {
  if (kind === 'c') return { off: 0, rs: n, cs: 1, len: m * n };
  if (kind === 'f') return { off: 0, rs: 1, cs: m, len: m * n };
  if (kind === 'rev') return { off: m * n - 1, rs: -n, cs: -1, len: m * n };
  return { off: 3, rs: 2 * n + 5, cs: 2, len: 3 + m * (2 * n + 5) };
}

// Multiples of 1/8 in [-2, 2]: every product and sum below is exact in float64.
const val = (i: number, j: number, s: number) => (((i * 7 + j * 13 + s * 5) % 33) - 16) / 8;

function fill(Ctor: new (n: number) => Float64Array | Float32Array, m: number, n: number, L: Strided, s: number): Float64Array | Float32Array {
  const a = new Ctor(L.len).fill(NaN);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) a[L.off + i * L.rs + j * L.cs] = val(i, j, s);
  return a;
}

const products = new Map<string, number[]>();

/** alpha * A @ B + beta * C0 for the val() matrices, by the textbook triple loop. */
function reference(m: number, n: number, k: number, alpha: number, beta: number, s: number): number[] {
  const key = `${m},${n},${k}`;
  let ab = products.get(key);
  if (ab === undefined) {
    ab = [];
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let acc = 0;
        for (let p = 0; p < k; p++) acc += val(i, p, 1) * val(p, j, 2);
        ab.push(acc);
      }
    }
    products.set(key, ab);
  }
  return ab.map((v, q) => alpha * v + (beta === 0 ? 0 : beta * val(Math.floor(q / n), q % n, s)));
}

const read = (c: ArrayLike<number>, m: number, n: number, L: Strided) => {
  const out: number[] = [];
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) out.push(c[L.off + i * L.rs + j * L.cs]!);
  return out;
};

const SIZES: [number, number, number][] = [[1, 1, 1], [2, 4, 3], [3, 5, 7], [5, 3, 2], [0, 3, 2], [3, 0, 2], [3, 2, 0], [130, 9, 260], [4, 1030, 3], [17, 33, 513], [129, 6, 1]];
const LAYOUTS = [['c', 'c', 'c'], ['f', 'rev', 'pad'], ['rev', 'pad', 'f'], ['pad', 'f', 'rev']] as const;

describe.each([
  ['gemmF64', Float64Array, gemmF64],
  ['gemmF32', Float32Array, gemmF32],
] as const)('%s', (_name, Ctor, gemm) => {
  test.each(SIZES)('m=%i n=%i k=%i, every layout, several alpha/beta', (m, n, k) => {
    for (const [la, lb, lc] of LAYOUTS) {
      for (const [alpha, beta] of [[1, 0], [0.5, 2], [-1, 1], [0, 0.5]]) {
        const A = layout(m, k, la);
        const B = layout(k, n, lb);
        const C = layout(m, n, lc);
        const a = fill(Ctor as never, m, k, A, 1) as Float64Array;
        const b = fill(Ctor as never, k, n, B, 2) as Float64Array;
        const c = fill(Ctor as never, m, n, C, 3) as Float64Array;
        (gemm as typeof gemmF64)(m, n, k, alpha!, a, A.off, A.rs, A.cs, b, B.off, B.rs, B.cs, beta!, c, C.off, C.rs, C.cs);
        const want = reference(m, n, k, alpha!, beta!, 3);
        const got = read(c, m, n, C);
        const tol = Ctor === Float32Array ? 1e-6 : 0;
        const worst = got.reduce((w, g, q) => Math.max(w, Math.abs(g - want[q]!) / Math.max(1, Math.abs(want[q]!))), 0);
        expect(worst).toBeLessThanOrEqual(tol);
        // Outside the matrix the buffer is untouched (NaN fill).
        if (lc === 'pad' && m * n > 0) expect(Number.isNaN(c[0]!)).toBe(true);
      }
    }
  });

  test('beta = 0 overwrites NaN in C; NaN in A propagates', () => {
    const c = new Ctor([NaN, NaN]) as Float64Array;
    (gemm as typeof gemmF64)(1, 2, 1, 1, new Ctor([2]) as Float64Array, 0, 1, 1, new Ctor([1, 3]) as Float64Array, 0, 2, 1, 0, c, 0, 2, 1);
    expect([...c]).toEqual([2, 6]);
    (gemm as typeof gemmF64)(1, 2, 1, 1, new Ctor([NaN]) as Float64Array, 0, 1, 1, new Ctor([1, 3]) as Float64Array, 0, 2, 1, 0, c, 0, 2, 1);
    expect([...c].every(Number.isNaN)).toBe(true);
  });
});

describe.each([
  ['gemvF64 / gerF64', Float64Array, gemvF64, gerF64],
  ['gemvF32 / gerF32', Float32Array, gemvF32, gerF32],
] as const)('%s', (_name, Ctor, gemv, ger) => {
  test.each([['c'], ['f'], ['rev'], ['pad']] as const)('A laid out %s', (la) => {
    const m = 5;
    const n = 7;
    const A = layout(m, n, la);
    const a = fill(Ctor as never, m, n, A, 1) as Float64Array;
    const x = new Ctor(2 * n) as Float64Array;
    for (let j = 0; j < n; j++) x[2 * (n - 1 - j)] = val(0, j, 2); // stride -2 from the end
    const y = new Ctor(m).map((_, i) => val(i, 0, 3)) as Float64Array;
    (gemv as typeof gemvF64)(m, n, 0.5, a, A.off, A.rs, A.cs, x, 2 * (n - 1), -2, 2, y, 0, 1);
    for (let i = 0; i < m; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += val(i, j, 1) * val(0, j, 2);
      expect(y[i]).toBeCloseTo(0.5 * s + 2 * val(i, 0, 3), 5);
    }
    const yv = new Ctor(n).map((_, j) => val(0, j, 4)) as Float64Array;
    const xv = new Ctor(m).map((_, i) => val(i, 0, 5)) as Float64Array;
    (ger as typeof gerF64)(m, n, -1.5, xv, 0, 1, yv, 0, 1, a, A.off, A.rs, A.cs);
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) expect(a[A.off + i * A.rs + j * A.cs]).toBeCloseTo(val(i, j, 1) - 1.5 * val(i, 0, 5) * val(0, j, 4), 5);
  });
});

describe('exact kernels', () => {
  test('gemmInt32 wraps modulo 2^32 and then to the output dtype', () => {
    const a = Int32Array.of(2 ** 30, 2 ** 30);
    const c = new Int32Array(1);
    gemmInt32(1, 1, 2, a, 0, 2, 1, a, 0, 1, 1, c, 0, 1, 1, false);
    expect(c[0]).toBe(0); // 2^61 mod 2^32
    const c8 = new Int8Array(1);
    gemmInt32(1, 1, 2, Int8Array.of(100, 100), 0, 2, 1, Int8Array.of(100, 100), 0, 1, 1, c8, 0, 1, 1, false);
    expect(c8[0]).toBe(32); // 20000 mod 256 as int8
    const cu = new Uint32Array(1);
    gemmInt32(1, 1, 1, Uint32Array.of(4294967295), 0, 1, 1, Uint32Array.of(2), 0, 1, 1, cu, 0, 1, 1, false);
    expect(cu[0]).toBe(4294967294);
    const cb = new Uint8Array(2);
    gemmInt32(1, 2, 2, Uint8Array.of(1, 0), 0, 2, 1, Uint8Array.of(0, 1, 1, 1), 0, 2, 1, cb, 0, 2, 1, true);
    expect([...cb]).toEqual([0, 1]);
  });
  test('gemmBigInt is exact modulo 2^64', () => {
    const c = new BigInt64Array(1);
    gemmBigInt(1, 1, 2, BigInt64Array.of(2n ** 40n, 3n), 0, 2, 1, BigInt64Array.of(2n ** 40n, -5n), 0, 1, 1, c, 0, 1, 1);
    expect(c[0]).toBe(-15n);
    const u = new BigUint64Array(1);
    gemmBigInt(1, 1, 1, BigUint64Array.of(2n ** 63n + 1n), 0, 1, 1, BigUint64Array.of(3n), 0, 1, 1, u, 0, 1, 1);
    expect(u[0]).toBe(2n ** 63n + 3n);
  });
  test('gemmComplex multiplies without conjugation', () => {
    const c = new Float64Array(2);
    gemmComplex(1, 1, 2, Float64Array.of(1, 2, 0, 1), 0, 4, 2, Float64Array.of(3, -1, 0, 1), 0, 2, 4, c, 0, 2, 2);
    // (1+2i)(3-i) + i*i = 5 + 5i - 1
    expect([...c]).toEqual([4, 5]);
  });
});
