/**
 * float32 matrix-vector kernels over strided Float32Arrays (offsets and
 * strides in elements): gemv (y <- alpha * A @ x + beta * y) and ger
 * (A <- A + alpha * x y^T). The float64 twins live in gemv-f64.ts.
 */

/**
 * y <- alpha * A @ x + beta * y, A m x n. beta = 0 overwrites y (BLAS
 * convention); y must not share memory with A or x.
 *
 * @example
 * const y = new Float32Array(2);
 * gemvF32(2, 2, 1, new Float32Array([1, 2, 3, 4]), 0, 2, 1, new Float32Array([1, 1]), 0, 1, 0, y, 0, 1); // y = [3, 7]
 */
export function gemvF32(
  m: number, n: number, alpha: number,
  a: Float32Array, aOff: number, aRs: number, aCs: number,
  x: Float32Array, xOff: number, xs: number,
  beta: number,
  y: Float32Array, yOff: number, ys: number,
): void {
  if (beta !== 1) for (let i = 0; i < m; i++) y[yOff + i * ys] = beta === 0 ? 0 : beta * y[yOff + i * ys]!;
  if (alpha === 0 || n === 0) return;
  if (Math.abs(aCs) <= Math.abs(aRs)) {
    // Rows are the contiguous direction: one dot product per row.
    for (let i = 0; i < m; i++) {
      const r = aOff + i * aRs;
      let s0 = 0;
      let s1 = 0;
      let j = 0;
      for (; j + 1 < n; j += 2) {
        s0 += a[r + j * aCs]! * x[xOff + j * xs]!;
        s1 += a[r + (j + 1) * aCs]! * x[xOff + (j + 1) * xs]!;
      }
      if (j < n) s0 += a[r + j * aCs]! * x[xOff + j * xs]!;
      y[yOff + i * ys] += alpha * (s0 + s1);
    }
  } else {
    // Columns are the contiguous direction: y += (alpha * x[j]) * column j.
    for (let j = 0; j < n; j++) {
      const t = alpha * x[xOff + j * xs]!;
      const c = aOff + j * aCs;
      for (let i = 0; i < m; i++) y[yOff + i * ys] += t * a[c + i * aRs]!;
    }
  }
}

/**
 * A <- A + alpha * x y^T (rank-1 update), A m x n, in place. A must not share
 * memory with x or y.
 *
 * @example
 * const a = new Float32Array(4);
 * gerF32(2, 2, 1, new Float32Array([1, 2]), 0, 1, new Float32Array([3, 4]), 0, 1, a, 0, 2, 1); // a = [3, 4, 6, 8]
 */
export function gerF32(
  m: number, n: number, alpha: number,
  x: Float32Array, xOff: number, xs: number,
  y: Float32Array, yOff: number, ys: number,
  a: Float32Array, aOff: number, aRs: number, aCs: number,
): void {
  if (alpha === 0) return;
  for (let i = 0; i < m; i++) {
    const t = alpha * x[xOff + i * xs]!;
    const r = aOff + i * aRs;
    for (let j = 0; j < n; j++) a[r + j * aCs] += t * y[yOff + j * ys]!;
  }
}
