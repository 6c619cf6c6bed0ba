/**
 * Value equality of sparse matrices, for tests: same shape, dtype and the same
 * dense values, whatever the format, index order, duplicates or explicit zeros.
 */
import type { CompressedMatrix } from './compressed';

/**
 * Whether `a` and `b` hold the same matrix (shape, dtype and values; NaN equals
 * NaN, 0 equals -0). O(nnz + rows + cols).
 *
 * @example
 * sparseEqual(csrMatrix([[1, 0]]), cscMatrix([[1, 0]])); // true
 */
export function sparseEqual(a: CompressedMatrix, b: CompressedMatrix): boolean {
  if (a.dtype !== b.dtype || a.shape[0] !== b.shape[0] || a.shape[1] !== b.shape[1]) return false;
  const x = a.tocsr().copy().sumDuplicates().eliminateZeros();
  const y = b.tocsr().copy().sumDuplicates().eliminateZeros();
  if (x.nnz !== y.nnz) return false;
  for (let k = 0; k < x.indptr.length; k++) if (x.indptr[k] !== y.indptr[k]) return false;
  for (let k = 0; k < x.nnz; k++) if (x.indices[k] !== y.indices[k]) return false;
  const p = x.data;
  const q = y.data;
  for (let k = 0; k < p.length; k++) {
    const u = p[k];
    const v = q[k];
    if (u !== v && !(Number.isNaN(u) && Number.isNaN(v))) return false;
  }
  return true;
}
