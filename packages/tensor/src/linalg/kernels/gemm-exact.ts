/**
 * Matrix products for the dtypes the float kernels do not cover: integers up
 * to 32 bits and bool (exact, wrapping as NumPy's integer dot does), int64 /
 * uint64 (BigInt, exact modulo 2^64) and complex (interleaved re, im).
 * C <- A @ B, A m x k, B k x n; offsets and strides in raw numbers. Each walks
 * rows of B with a row accumulator (i-p-j order), so a row-major B streams.
 */

/** Typed arrays of the integer dtypes up to 32 bits (and bool's bytes). */
export type Int32FamilyArray = Int8Array | Int16Array | Int32Array | Uint8Array | Uint16Array | Uint32Array;

/**
 * C <- A @ B for integer dtypes up to 32 bits: products and sums modulo 2^32
 * (Math.imul), then stored in C's dtype, which wraps as NumPy's does. With
 * `bool`, C gets 1 where any product is non-zero (NumPy's bool dot).
 *
 * @example
 * const c = new Int32Array(1);
 * gemmInt32(1, 1, 2, new Int32Array([2, 3]), 0, 2, 1, new Int32Array([4, 5]), 0, 1, 1, c, 0, 1, 1, false); // c = [23]
 */
export function gemmInt32(
  m: number, n: number, k: number,
  a: Int32FamilyArray, aOff: number, aRs: number, aCs: number,
  b: Int32FamilyArray, bOff: number, bRs: number, bCs: number,
  c: Int32FamilyArray, cOff: number, cRs: number, cCs: number,
  bool: boolean,
): void {
  const acc = new Int32Array(n);
  for (let i = 0; i < m; i++) {
    acc.fill(0);
    const ar = aOff + i * aRs;
    for (let p = 0; p < k; p++) {
      const av = a[ar + p * aCs]!;
      if (av === 0) continue;
      const br = bOff + p * bRs;
      // Int32Array stores wrap modulo 2^32, which is what the C-side sum does too.
      for (let j = 0; j < n; j++) acc[j] += Math.imul(av, b[br + j * bCs]!);
    }
    const cr = cOff + i * cRs;
    if (bool) for (let j = 0; j < n; j++) c[cr + j * cCs] = acc[j] !== 0 ? 1 : 0;
    else for (let j = 0; j < n; j++) c[cr + j * cCs] = acc[j]!;
  }
}

/**
 * C <- A @ B for int64 / uint64 values, exact modulo 2^64 (as NumPy's wrap).
 *
 * @example
 * const c = new BigInt64Array(1);
 * gemmBigInt(1, 1, 2, BigInt64Array.of(2n, 3n), 0, 2, 1, BigInt64Array.of(4n, 5n), 0, 1, 1, c, 0, 1, 1); // c = [23n]
 */
export function gemmBigInt(
  m: number, n: number, k: number,
  a: BigInt64Array | BigUint64Array, aOff: number, aRs: number, aCs: number,
  b: BigInt64Array | BigUint64Array, bOff: number, bRs: number, bCs: number,
  c: BigInt64Array | BigUint64Array, cOff: number, cRs: number, cCs: number,
): void {
  // A BigInt64Array accumulator wraps each partial sum to 64 bits, which keeps the BigInts small.
  const acc = new BigInt64Array(n);
  for (let i = 0; i < m; i++) {
    acc.fill(0n);
    const ar = aOff + i * aRs;
    for (let p = 0; p < k; p++) {
      const av = a[ar + p * aCs]!;
      if (av === 0n) continue;
      const br = bOff + p * bRs;
      for (let j = 0; j < n; j++) acc[j] = acc[j]! + av * b[br + j * bCs]!;
    }
    const cr = cOff + i * cRs;
    for (let j = 0; j < n; j++) c[cr + j * cCs] = acc[j]!;
  }
}

/**
 * C <- A @ B for complex values stored as interleaved (re, im) pairs; offsets
 * and strides count raw numbers (an element stride of 1 is 2). No conjugation
 * (NumPy's dot / matmul).
 *
 * @example
 * const c = new Float64Array(2);
 * gemmComplex(1, 1, 1, new Float64Array([0, 1]), 0, 2, 2, new Float64Array([0, 1]), 0, 2, 2, c, 0, 2, 2); // c = [-1, 0]
 */
export function gemmComplex(
  m: number, n: number, k: number,
  a: Float64Array | Float32Array, aOff: number, aRs: number, aCs: number,
  b: Float64Array | Float32Array, bOff: number, bRs: number, bCs: number,
  c: Float64Array | Float32Array, cOff: number, cRs: number, cCs: number,
): void {
  const acc = new Float64Array(2 * n);
  for (let i = 0; i < m; i++) {
    acc.fill(0);
    const ar = aOff + i * aRs;
    for (let p = 0; p < k; p++) {
      const o = ar + p * aCs;
      const re = a[o]!;
      const im = a[o + 1]!;
      const br = bOff + p * bRs;
      for (let j = 0; j < n; j++) {
        const q = br + j * bCs;
        const bre = b[q]!;
        const bim = b[q + 1]!;
        acc[2 * j] += re * bre - im * bim;
        acc[2 * j + 1] += re * bim + im * bre;
      }
    }
    const cr = cOff + i * cRs;
    for (let j = 0; j < n; j++) {
      c[cr + j * cCs] = acc[2 * j]!;
      c[cr + j * cCs + 1] = acc[2 * j + 1]!;
    }
  }
}
