/**
 * Kernels of the sparse products (StructuredDot, Dot, the gradients): loops
 * over the raw typed arrays of a compressed matrix whose cost grows with nnz
 * (times the number of dense columns), never with rows x cols. Both formats
 * are handled as they are: a CSR matrix is read row by row (gather), a CSC
 * matrix column by column (scatter), with no conversion. Dense operands are
 * read through their strides (so transposes are free); outputs are written
 * through strides too.
 */

/** Numbers read by index (any real typed array). */
export type NumIn = { readonly [i: number]: number; readonly length: number };
/** Numbers written by index. */
export type NumOut = { [i: number]: number; readonly length: number };

/** A strided 2-d view: element (r, c) is at off + r * rs + c * cs. */
export interface Strided {
  readonly data: NumIn;
  readonly off: number;
  readonly rs: number;
  readonly cs: number;
}

/**
 * out(m x n) = A @ B for A in CSR form (majors are rows): out[i, :] = sum over
 * the stored (i, j, v) of v * B[j, :]. `out` is written (not accumulated),
 * through strides `o`.
 */
export function csrTimesDense(
  m: number, n: number, indptr: Int32Array, indices: Int32Array, data: NumIn, b: Strided, out: NumOut, oOff: number, ors: number, ocs: number,
): void {
  const bd = b.data;
  const brs = b.rs;
  const bcs = b.cs;
  if (n === 1) {
    if (out instanceof Float64Array && bd instanceof Float64Array && data instanceof Float64Array) {
      csrTimesVectorF64(m, indptr, indices, data, bd, b.off, brs, out, oOff, ors);
      return;
    }
    const bOff = b.off;
    for (let i = 0; i < m; i++) {
      let s = 0;
      for (let k = indptr[i]!, e = indptr[i + 1]!; k < e; k++) s += data[k]! * bd[bOff + indices[k]! * brs]!;
      out[oOff + i * ors] = s;
    }
    return;
  }
  if (bcs === 1 && ocs === 1 && out instanceof Float64Array && bd instanceof Float64Array && data instanceof Float64Array) {
    csrTimesDenseF64(m, n, indptr, indices, data, bd, b.off, brs, out, oOff, ors);
    return;
  }
  if (bcs === 1 && ocs === 1) {
    // Contiguous rows of B and of out: a row axpy per stored entry.
    const acc = new Float64Array(n);
    for (let i = 0; i < m; i++) {
      acc.fill(0);
      for (let k = indptr[i]!, e = indptr[i + 1]!; k < e; k++) {
        const v = data[k]!;
        const base = b.off + indices[k]! * brs;
        for (let c = 0; c < n; c++) acc[c] += v * bd[base + c]!;
      }
      const ob = oOff + i * ors;
      for (let c = 0; c < n; c++) out[ob + c] = acc[c]!;
    }
    return;
  }
  const acc = new Float64Array(n);
  for (let i = 0; i < m; i++) {
    acc.fill(0);
    for (let k = indptr[i]!, e = indptr[i + 1]!; k < e; k++) {
      const v = data[k]!;
      const base = b.off + indices[k]! * brs;
      for (let c = 0; c < n; c++) acc[c] += v * bd[base + c * bcs]!;
    }
    for (let c = 0; c < n; c++) out[oOff + i * ors + c * ocs] = acc[c]!;
  }
}

/** SpMV in float64 (monomorphic): out[i] = sum over row i of A of v * x[j]. */
function csrTimesVectorF64(
  m: number, indptr: Int32Array, indices: Int32Array, data: Float64Array, x: Float64Array, xOff: number, xs: number, out: Float64Array, oOff: number, os: number,
): void {
  if (xOff === 0 && xs === 1 && oOff === 0 && os === 1) {
    for (let i = 0; i < m; i++) {
      let s = 0;
      for (let k = indptr[i]!, e = indptr[i + 1]!; k < e; k++) s += data[k]! * x[indices[k]!]!;
      out[i] = s;
    }
    return;
  }
  for (let i = 0; i < m; i++) {
    let s = 0;
    for (let k = indptr[i]!, e = indptr[i + 1]!; k < e; k++) s += data[k]! * x[xOff + indices[k]! * xs]!;
    out[oOff + i * os] = s;
  }
}

/** The float64, contiguous-rows case of csrTimesDense (monomorphic: one array type). */
function csrTimesDenseF64(
  m: number, n: number, indptr: Int32Array, indices: Int32Array, data: Float64Array, bd: Float64Array, bOff: number, brs: number, out: Float64Array, oOff: number, ors: number,
): void {
  for (let i = 0; i < m; i++) {
    const ob = oOff + i * ors;
    out.fill(0, ob, ob + n);
    for (let k = indptr[i]!, e = indptr[i + 1]!; k < e; k++) {
      const v = data[k]!;
      const base = bOff + indices[k]! * brs;
      for (let c = 0; c < n; c++) out[ob + c] += v * bd[base + c]!;
    }
  }
}

/**
 * out(m x n) = A @ B for A in CSC form with `kMajor` columns: for the stored
 * (i, j, v) of column j, out[i, :] += v * B[j, :]. `out` is zeroed first
 * (through its strides), then accumulated in float64 and stored.
 */
export function cscTimesDense(
  m: number, n: number, kMajor: number, indptr: Int32Array, indices: Int32Array, data: NumIn, b: Strided, out: NumOut, oOff: number, ors: number, ocs: number,
): void {
  const acc = new Float64Array(m * n);
  const bd = b.data;
  for (let j = 0; j < kMajor; j++) {
    const s = indptr[j]!;
    const e = indptr[j + 1]!;
    if (s === e) continue;
    const base = b.off + j * b.rs;
    for (let k = s; k < e; k++) {
      const v = data[k]!;
      const ab = indices[k]! * n;
      for (let c = 0; c < n; c++) acc[ab + c] += v * bd[base + c * b.cs]!;
    }
  }
  for (let i = 0; i < m; i++) for (let c = 0; c < n; c++) out[oOff + i * ors + c * ocs] = acc[i * n + c]!;
}

/**
 * The structured gradient of A @ B with respect to A's stored values: for each
 * stored entry k at (row i, column j), g[k] = sum_c gz[i, c] * B[j, c]
 * (PyTensor's StructuredDotGradCSR / CSC). `rowIsMajor`: CSR (true) or CSC.
 */
export function structuredDotGradData(
  nMajor: number, rowIsMajor: boolean, indptr: Int32Array, indices: Int32Array, n: number, b: Strided, gz: Strided, out: NumOut,
): void {
  const bd = b.data;
  const gd = gz.data;
  for (let p = 0; p < nMajor; p++) {
    for (let k = indptr[p]!, e = indptr[p + 1]!; k < e; k++) {
      const q = indices[k]!;
      const i = rowIsMajor ? p : q;
      const j = rowIsMajor ? q : p;
      let s = 0;
      const gb = gz.off + i * gz.rs;
      const bb = b.off + j * b.rs;
      for (let c = 0; c < n; c++) s += gd[gb + c * gz.cs]! * bd[bb + c * b.cs]!;
      out[k] = s;
    }
  }
}

/** A compressed product's arrays (data in float64). */
export interface CompressedF64 {
  indptr: Int32Array;
  indices: Int32Array;
  data: Float64Array;
}

/**
 * C = A @ B for A (m x k) and B (k x n) both given with rows as majors (CSR):
 * Gustavson's algorithm with a dense accumulator of n entries and a marker
 * array; cost O(flops + m + n) plus sorting each output row. Indices of each
 * row come out sorted; entries that sum to zero are left out (as SciPy's
 * csr_matmat does). Duplicates and unsorted indices in the inputs are fine.
 */
export function csrTimesCsr(
  m: number, n: number,
  aptr: Int32Array, aind: Int32Array, adat: NumIn,
  bptr: Int32Array, bind: Int32Array, bdat: NumIn,
): CompressedF64 {
  const mark = new Int32Array(n).fill(-1);
  const acc = new Float64Array(n);
  const indptr = new Int32Array(m + 1);
  let cap = Math.max(16, aind.length + bind.length);
  let indices = new Int32Array(cap);
  let data = new Float64Array(cap);
  const row: number[] = [];
  let nnz = 0;
  for (let i = 0; i < m; i++) {
    row.length = 0;
    for (let ka = aptr[i]!, ea = aptr[i + 1]!; ka < ea; ka++) {
      const j = aind[ka]!;
      const v = adat[ka]!;
      for (let kb = bptr[j]!, eb = bptr[j + 1]!; kb < eb; kb++) {
        const c = bind[kb]!;
        if (mark[c] !== i) {
          mark[c] = i;
          acc[c] = 0;
          row.push(c);
        }
        acc[c] += v * bdat[kb]!;
      }
    }
    row.sort((x, y) => x - y);
    if (nnz + row.length > cap) {
      cap = Math.max(cap * 2, nnz + row.length);
      const ni = new Int32Array(cap);
      ni.set(indices.subarray(0, nnz));
      const nd = new Float64Array(cap);
      nd.set(data.subarray(0, nnz));
      indices = ni;
      data = nd;
    }
    for (const c of row) {
      const v = acc[c]!;
      if (v === 0) continue;
      indices[nnz] = c;
      data[nnz] = v;
      nnz++;
    }
    indptr[i + 1] = nnz;
  }
  return { indptr, indices: indices.slice(0, nnz), data: data.slice(0, nnz) };
}

/**
 * SamplingDot's values: for each stored entry k of p at (row i, column j),
 * out[k] = p[k] * sum_c x[i, c] * y[j, c] (x is m x K, y is n x K).
 */
export function samplingDotData(
  nMajor: number, rowIsMajor: boolean, indptr: Int32Array, indices: Int32Array, pData: NumIn, kDim: number, x: Strided, y: Strided, out: NumOut,
): void {
  const xd = x.data;
  const yd = y.data;
  for (let p = 0; p < nMajor; p++) {
    for (let k = indptr[p]!, e = indptr[p + 1]!; k < e; k++) {
      const q = indices[k]!;
      const i = rowIsMajor ? p : q;
      const j = rowIsMajor ? q : p;
      const xb = x.off + i * x.rs;
      const yb = y.off + j * y.rs;
      let s = 0;
      for (let c = 0; c < kDim; c++) s += xd[xb + c * x.cs]! * yd[yb + c * y.cs]!;
      out[k] = pData[k]! * s;
    }
  }
}

/**
 * Sums of a compressed matrix's stored values: by major slice (rows of CSR,
 * columns of CSC; `byMajor`) or by minor index, into a float64 accumulator.
 */
export function compressedSums(nMajor: number, nMinor: number, byMajor: boolean, indptr: Int32Array, indices: Int32Array, data: NumIn): Float64Array {
  const out = new Float64Array(byMajor ? nMajor : nMinor);
  for (let p = 0; p < nMajor; p++) {
    let s = 0;
    for (let k = indptr[p]!, e = indptr[p + 1]!; k < e; k++) {
      if (byMajor) s += data[k]!;
      else out[indices[k]!] += data[k]!;
    }
    if (byMajor) out[p] = s;
  }
  return out;
}
