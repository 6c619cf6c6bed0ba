/**
 * Kernels joining compressed matrices of one format, O(total nnz + major):
 * along the major axis (CSR rows under each other, CSC columns side by side)
 * or along the minor axis (CSR rows side by side, CSC columns under each other).
 * Minor offsets shift the indices (block diagonals use both).
 */
import type { RawArray } from '@proj/tensor';
import type { Compressed } from '../values/kernels';

/** Pieces stacked along the major axis; piece p's indices are shifted by minorOffsets[p]. */
export function joinMajor(parts: readonly Compressed[], majors: readonly number[], minorOffsets: readonly number[], width: 1 | 2, out: RawArray): Compressed {
  const nMajor = majors.reduce((a, b) => a + b, 0);
  const nnz = parts.reduce((a, p, i) => a + p.indptr[majors[i]!]!, 0);
  const indptr = new Int32Array(nMajor + 1);
  const indices = new Int32Array(nnz);
  const dst = out as Float64Array;
  let row = 0;
  let n = 0;
  parts.forEach((p, i) => {
    const base = n;
    const m = p.indptr[majors[i]!]!;
    for (let k = 0; k < m; k++) indices[base + k] = p.indices[k]! + minorOffsets[i]!;
    const src = p.data as Float64Array;
    for (let k = 0; k < m * width; k++) dst[base * width + k] = src[k]!;
    for (let r = 0; r < majors[i]!; r++) indptr[row + r + 1] = base + p.indptr[r + 1]!;
    row += majors[i]!;
    n += m;
  });
  return { indptr, indices, data: out };
}

/** Pieces (each with nMajor slices) side by side along the minor axis: slice i is the pieces' slices i in order. */
export function joinMinor(parts: readonly Compressed[], nMajor: number, minorOffsets: readonly number[], width: 1 | 2, out: RawArray): Compressed {
  const nnz = parts.reduce((a, p) => a + p.indptr[nMajor]!, 0);
  const indptr = new Int32Array(nMajor + 1);
  const indices = new Int32Array(nnz);
  const dst = out as Float64Array;
  let n = 0;
  for (let i = 0; i < nMajor; i++) {
    parts.forEach((p, q) => {
      const src = p.data as Float64Array;
      for (let k = p.indptr[i]!; k < p.indptr[i + 1]!; k++) {
        indices[n] = p.indices[k]! + minorOffsets[q]!;
        for (let w = 0; w < width; w++) dst[n * width + w] = src[k * width + w]!;
        n++;
      }
    });
    indptr[i + 1] = n;
  }
  return { indptr, indices, data: out };
}
