/**
 * The float64 GEMM kernel: C <- alpha * A @ B + beta * C over strided
 * Float64Arrays (strides and offsets in elements, any sign). Cache-blocked in
 * the GotoBLAS way: a KC x NC panel of B and an MC x KC block of A are copied
 * into contiguous packed buffers, and a 2 x 4 register tile (eight local
 * accumulators) runs over them. Plain JS, one dtype only: sharing the code with
 * Float32Array would make every load polymorphic (slower in V8).
 */

const MR = 2;
const NR = 4;
const KC = 256;
const MC = 128;
const NC = 1024;

// Packing buffers, grown on demand and reused across calls (the kernel is synchronous).
let aPack = new Float64Array(0);
let bPack = new Float64Array(0);

/** Copies an mc x kc block of A into row pairs, k-major: [a(i,p), a(i+1,p)] for each p. */
function packA(a: Float64Array, off: number, rs: number, cs: number, mc: number, kc: number, dst: Float64Array): void {
  let q = 0;
  for (let i0 = 0; i0 < mc; i0 += MR) {
    const r0 = off + i0 * rs;
    if (i0 + 1 < mc) {
      for (let p = 0; p < kc; p++) {
        const o = r0 + p * cs;
        dst[q] = a[o]!;
        dst[q + 1] = a[o + rs]!;
        q += 2;
      }
    } else {
      for (let p = 0; p < kc; p++) {
        dst[q] = a[r0 + p * cs]!;
        dst[q + 1] = 0;
        q += 2;
      }
    }
  }
}

/** Copies a kc x nc panel of B into column quads, k-major, padding the last quad with zeros. */
function packB(b: Float64Array, off: number, rs: number, cs: number, kc: number, nc: number, dst: Float64Array): void {
  let q = 0;
  for (let j0 = 0; j0 < nc; j0 += NR) {
    const w = Math.min(NR, nc - j0);
    const c0 = off + j0 * cs;
    if (w === NR) {
      for (let p = 0; p < kc; p++) {
        const o = c0 + p * rs;
        dst[q] = b[o]!;
        dst[q + 1] = b[o + cs]!;
        dst[q + 2] = b[o + 2 * cs]!;
        dst[q + 3] = b[o + 3 * cs]!;
        q += 4;
      }
    } else {
      for (let p = 0; p < kc; p++) {
        const o = c0 + p * rs;
        for (let j = 0; j < NR; j++) dst[q + j] = j < w ? b[o + j * cs]! : 0;
        q += 4;
      }
    }
  }
}

/** Adds alpha * (the valid mi x nj corner of a 2 x 4 tile) to C. */
function storeEdge(
  c: Float64Array, o: number, rs: number, cs: number, mi: number, nj: number, alpha: number,
  c00: number, c01: number, c02: number, c03: number, c10: number, c11: number, c12: number, c13: number,
): void {
  const r0 = [c00, c01, c02, c03];
  const r1 = [c10, c11, c12, c13];
  for (let j = 0; j < nj; j++) c[o + j * cs] += alpha * r0[j]!;
  if (mi > 1) for (let j = 0; j < nj; j++) c[o + rs + j * cs] += alpha * r1[j]!;
}

/** C[mc x nc] += alpha * packed A block @ packed B panel. */
function macroKernel(mc: number, nc: number, kc: number, alpha: number, ap: Float64Array, bp: Float64Array, c: Float64Array, cOff: number, rs: number, cs: number): void {
  for (let j0 = 0; j0 < nc; j0 += NR) {
    const nj = Math.min(NR, nc - j0);
    const pb0 = j0 * kc;
    for (let i0 = 0; i0 < mc; i0 += MR) {
      let pa = i0 * kc;
      let pb = pb0;
      let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
      for (let p = 0; p < kc; p++) {
        const b0 = bp[pb]!, b1 = bp[pb + 1]!, b2 = bp[pb + 2]!, b3 = bp[pb + 3]!;
        const a0 = ap[pa]!, a1 = ap[pa + 1]!;
        c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
        c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
        pa += 2;
        pb += 4;
      }
      const o = cOff + i0 * rs + j0 * cs;
      const mi = Math.min(MR, mc - i0);
      if (mi === MR && nj === NR) {
        c[o] += alpha * c00; c[o + cs] += alpha * c01; c[o + 2 * cs] += alpha * c02; c[o + 3 * cs] += alpha * c03;
        const o1 = o + rs;
        c[o1] += alpha * c10; c[o1 + cs] += alpha * c11; c[o1 + 2 * cs] += alpha * c12; c[o1 + 3 * cs] += alpha * c13;
      } else {
        storeEdge(c, o, rs, cs, mi, nj, alpha, c00, c01, c02, c03, c10, c11, c12, c13);
      }
    }
  }
}

/**
 * C <- alpha * A @ B + beta * C for float64, A m x k, B k x n, C m x n, each
 * given by (data, offset, row stride, column stride) in elements. beta = 0
 * overwrites C (NaN in C does not propagate, as in BLAS); k = 0 leaves beta * C.
 * C must not share memory with A or B.
 *
 * @example
 * const c = new Float64Array(4);
 * gemmF64(2, 2, 2, 1, new Float64Array([1, 2, 3, 4]), 0, 2, 1, new Float64Array([5, 6, 7, 8]), 0, 2, 1, 0, c, 0, 2, 1); // c = [19, 22, 43, 50]
 */
export function gemmF64(
  m: number, n: number, k: number, alpha: number,
  a: Float64Array, aOff: number, aRs: number, aCs: number,
  b: Float64Array, bOff: number, bRs: number, bCs: number,
  beta: number,
  c: Float64Array, cOff: number, cRs: number, cCs: number,
): void {
  if (m === 0 || n === 0) return;
  scaleF64(m, n, beta, c, cOff, cRs, cCs);
  if (alpha === 0 || k === 0) return;
  const kcMax = Math.min(KC, k);
  const needA = (Math.min(MC, m) + MR) * kcMax;
  const needB = (Math.min(NC, n) + NR) * kcMax;
  if (aPack.length < needA) aPack = new Float64Array(needA);
  if (bPack.length < needB) bPack = new Float64Array(needB);
  const ap = aPack;
  const bp = bPack;
  for (let jc = 0; jc < n; jc += NC) {
    const nc = Math.min(NC, n - jc);
    for (let pc = 0; pc < k; pc += KC) {
      const kc = Math.min(KC, k - pc);
      packB(b, bOff + pc * bRs + jc * bCs, bRs, bCs, kc, nc, bp);
      for (let ic = 0; ic < m; ic += MC) {
        const mc = Math.min(MC, m - ic);
        packA(a, aOff + ic * aRs + pc * aCs, aRs, aCs, mc, kc, ap);
        macroKernel(mc, nc, kc, alpha, ap, bp, c, cOff + ic * cRs + jc * cCs, cRs, cCs);
      }
    }
  }
}

/** C <- beta * C (beta = 0 writes zeros, beta = 1 leaves C alone). */
function scaleF64(m: number, n: number, beta: number, c: Float64Array, off: number, rs: number, cs: number): void {
  if (beta === 1) return;
  for (let i = 0; i < m; i++) {
    const r = off + i * rs;
    if (beta === 0) for (let j = 0; j < n; j++) c[r + j * cs] = 0;
    else for (let j = 0; j < n; j++) c[r + j * cs] *= beta;
  }
}
