/**
 * Kernels over compressed structures, shared by CSR and CSC: a CSR matrix is
 * "major = rows, minor = columns", a CSC matrix the other way round. Every
 * kernel costs O(nnz + major + minor), never O(rows x cols) (except toDense).
 * `width` is 2 for complex data (re, im interleaved), else 1. Data elements are
 * numbers or BigInts; `+` on two elements of one array works for both.
 */
import type { RawArray } from '@proj/tensor';

/** A compressed structure: indptr (major + 1), indices and data (nnz * width). */
export interface Compressed {
  readonly indptr: Int32Array;
  readonly indices: Int32Array;
  readonly data: RawArray;
}

type Num = Float64Array; // element access typed as numbers; BigInt arrays add the same way

/** Whether stored element k is zero (both parts for complex). */
export function isZeroAt(data: RawArray, k: number, width: 1 | 2): boolean {
  if (width === 2) return data[2 * k] === 0 && data[2 * k + 1] === 0;
  const v = data[k];
  return v === 0 || v === 0n;
}

/** dst[i] += src[k] (logical or for bool, which is what NumPy's bool sum-of-duplicates gives). */
export function addAt(dst: RawArray, i: number, src: RawArray, k: number, width: 1 | 2, isBool: boolean): void {
  if (width === 2) {
    (dst as Num)[2 * i] += (src as Num)[2 * k]!;
    (dst as Num)[2 * i + 1] += (src as Num)[2 * k + 1]!;
  } else if (isBool) {
    (dst as Uint8Array)[i] = dst[i] !== 0 || src[k] !== 0 ? 1 : 0;
  } else {
    (dst as Num)[i] += (src as Num)[k]!;
  }
}

/** dst[i] = src[k]. */
export function copyAt(dst: RawArray, i: number, src: RawArray, k: number, width: 1 | 2): void {
  if (width === 2) {
    (dst as Num)[2 * i] = (src as Num)[2 * k]!;
    (dst as Num)[2 * i + 1] = (src as Num)[2 * k + 1]!;
  } else {
    (dst as Num)[i] = (src as Num)[k]!;
  }
}

function emptyLike(data: RawArray, n: number): RawArray {
  const Ctor = data.constructor as new (n: number) => RawArray;
  return new Ctor(n);
}

/**
 * The same matrix compressed along the other axis (CSR <-> CSC, SciPy's
 * csr_tocsc): a counting sort by minor index. The result has sorted indices;
 * duplicates and explicit zeros are kept. O(nnz + major + minor).
 */
export function transposeCompressed(nMajor: number, nMinor: number, a: Compressed, width: 1 | 2): Compressed {
  const { indptr, indices, data } = a;
  const nnz = indptr[nMajor]!;
  const outPtr = new Int32Array(nMinor + 1);
  for (let k = 0; k < nnz; k++) outPtr[indices[k]! + 1]!++;
  for (let j = 0; j < nMinor; j++) outPtr[j + 1]! += outPtr[j]!;
  const next = outPtr.slice(0, nMinor);
  const outIdx = new Int32Array(nnz);
  const outData = emptyLike(data, nnz * width);
  for (let i = 0; i < nMajor; i++) {
    for (let k = indptr[i]!; k < indptr[i + 1]!; k++) {
      const dest = next[indices[k]!]!++;
      outIdx[dest] = i;
      copyAt(outData, dest, data, k, width);
    }
  }
  return { indptr: outPtr, indices: outIdx, data: outData };
}

/**
 * COO triplets compressed along `major` (SciPy's coo_tocsr), without summing
 * duplicates: entries of one major slice keep their input order.
 */
export function compressCOO(nMajor: number, major: Int32Array, minor: Int32Array, data: RawArray, width: 1 | 2): Compressed {
  const nnz = major.length;
  const indptr = new Int32Array(nMajor + 1);
  for (let k = 0; k < nnz; k++) indptr[major[k]! + 1]!++;
  for (let i = 0; i < nMajor; i++) indptr[i + 1]! += indptr[i]!;
  const next = indptr.slice(0, nMajor);
  const indices = new Int32Array(nnz);
  const out = emptyLike(data, nnz * width);
  for (let k = 0; k < nnz; k++) {
    const dest = next[major[k]!]!++;
    indices[dest] = minor[k]!;
    copyAt(out, dest, data, k, width);
  }
  return { indptr, indices, data: out };
}

/**
 * Whether every major slice has non-decreasing indices (SciPy's
 * has_sorted_indices), or strictly increasing ones when `strict` (canonical format).
 */
export function indicesSorted(nMajor: number, indptr: Int32Array, indices: Int32Array, strict: boolean): boolean {
  for (let i = 0; i < nMajor; i++) {
    for (let k = indptr[i]! + 1; k < indptr[i + 1]!; k++) {
      if (strict ? indices[k - 1]! >= indices[k]! : indices[k - 1]! > indices[k]!) return false;
    }
  }
  return true;
}

/** Sorts the indices (and their data) of every major slice, in place. Stable. */
export function sortIndicesInPlace(nMajor: number, a: Compressed, width: 1 | 2): void {
  const { indptr, indices, data } = a;
  let order: number[] = [];
  for (let i = 0; i < nMajor; i++) {
    const start = indptr[i]!;
    const end = indptr[i + 1]!;
    let sorted = true;
    for (let k = start + 1; k < end && sorted; k++) sorted = indices[k - 1]! <= indices[k]!;
    if (sorted) continue;
    const len = end - start;
    order = new Array<number>(len);
    for (let t = 0; t < len; t++) order[t] = start + t;
    order.sort((p, q) => indices[p]! - indices[q]! || p - q);
    const idx = indices.slice(start, end);
    const vals = data.slice(start * width, end * width) as RawArray;
    for (let t = 0; t < len; t++) {
      indices[start + t] = idx[order[t]! - start]!;
      copyAt(data, start + t, vals, order[t]! - start, width);
    }
  }
}

/** A copy without the stored zeros (SciPy's eliminate_zeros), order kept. */
export function withoutZeros(nMajor: number, a: Compressed, width: 1 | 2): Compressed {
  const { indptr, indices, data } = a;
  const nnz = indptr[nMajor]!;
  let kept = 0;
  for (let k = 0; k < nnz; k++) if (!isZeroAt(data, k, width)) kept++;
  const outPtr = new Int32Array(nMajor + 1);
  const outIdx = new Int32Array(kept);
  const outData = emptyLike(data, kept * width);
  let n = 0;
  for (let i = 0; i < nMajor; i++) {
    for (let k = indptr[i]!; k < indptr[i + 1]!; k++) {
      if (isZeroAt(data, k, width)) continue;
      outIdx[n] = indices[k]!;
      copyAt(outData, n, data, k, width);
      n++;
    }
    outPtr[i + 1] = n;
  }
  return { indptr: outPtr, indices: outIdx, data: outData };
}

/**
 * A copy with the duplicates of each slice summed, for sorted indices (SciPy's
 * csr_sum_duplicates): explicit zeros and sums that cancel are kept.
 */
export function summedDuplicates(nMajor: number, a: Compressed, width: 1 | 2, isBool: boolean): Compressed {
  const { indptr, indices, data } = a;
  let unique = 0;
  for (let i = 0; i < nMajor; i++) {
    for (let k = indptr[i]!; k < indptr[i + 1]!; k++) if (k === indptr[i] || indices[k] !== indices[k - 1]) unique++;
  }
  const outPtr = new Int32Array(nMajor + 1);
  const outIdx = new Int32Array(unique);
  const outData = emptyLike(data, unique * width);
  let n = 0;
  for (let i = 0; i < nMajor; i++) {
    for (let k = indptr[i]!; k < indptr[i + 1]!; k++) {
      if (k > indptr[i]! && indices[k] === indices[k - 1]) {
        addAt(outData, n - 1, data, k, width, isBool);
      } else {
        outIdx[n] = indices[k]!;
        copyAt(outData, n, data, k, width);
        n++;
      }
    }
    outPtr[i + 1] = n;
  }
  return { indptr: outPtr, indices: outIdx, data: outData };
}

/**
 * Adds the stored entries into a zero-filled row-major dense buffer of
 * rows x cols (duplicates summed, as SciPy's toarray).
 */
export function scatterToDense(rows: number, cols: number, csr: boolean, a: Compressed, width: 1 | 2, isBool: boolean, out: RawArray): void {
  const { indptr, indices, data } = a;
  const nMajor = csr ? rows : cols;
  for (let i = 0; i < nMajor; i++) {
    for (let k = indptr[i]!; k < indptr[i + 1]!; k++) {
      const pos = csr ? i * cols + indices[k]! : indices[k]! * cols + i;
      addAt(out, pos, data, k, width, isBool);
    }
  }
}
