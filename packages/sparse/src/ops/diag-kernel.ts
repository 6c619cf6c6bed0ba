/** Kernels of Diag and ConstructSparseFromList. */
import type { RawArray } from '@proj/tensor';
import type { Compressed } from '../values/kernels';
import { addAt } from '../values/kernels';

/** out[i] += the stored entries at (i, i), duplicates summed; O(nnz). `out` starts zeroed. */
export function diagonalOf(nMajor: number, a: Compressed, width: 1 | 2, isBool: boolean, out: RawArray): void {
  for (let i = 0; i < nMajor; i++) {
    for (let k = a.indptr[i]!; k < a.indptr[i + 1]!; k++) if (a.indices[k] === i) addAt(out, i, a.data, k, width, isBool);
  }
}

/**
 * The CSC structure of ConstructSparseFromList: column j stores values[r, j] at
 * row ilist[r] for every r, in the order of r (duplicates kept, summed by toarray).
 */
export function rowsToCsc(values: RawArray, vStrides: readonly number[], vOffset: number, rows: number, cols: number, ilist: Int32Array, width: 1 | 2, out: RawArray): Compressed {
  const indptr = new Int32Array(cols + 1);
  const indices = new Int32Array(rows * cols);
  const src = values as Float64Array;
  const dst = out as Float64Array;
  let n = 0;
  for (let j = 0; j < cols; j++) {
    for (let r = 0; r < rows; r++) {
      indices[n] = ilist[r]!;
      const off = vOffset + r * vStrides[0]! + j * vStrides[1]!;
      for (let w = 0; w < width; w++) dst[n * width + w] = src[off + w]!;
      n++;
    }
    indptr[j + 1] = n;
  }
  return { indptr, indices, data: out };
}
