/**
 * Kernels for the sparse <-> dense conversions: reading a dense array at the
 * stored positions of a compressed pattern (O(nnz)), used by the structured
 * gradient of DenseFromSparse.
 */
import type { RawArray } from '@proj/tensor';
import type { Compressed } from '../values/kernels';

/** A strided dense 2-d buffer: strides and offset count raw numbers (complex: 2 per element). */
export interface DenseView {
  readonly data: RawArray;
  readonly strides: readonly number[];
  readonly offset: number;
}

/**
 * out[k] = dense[row(k), col(k)] for every stored entry k of the pattern `a`
 * (CSR when `csr`, else CSC); `out` has the dense array's storage type and
 * starts zeroed. A position stored twice gets the value once (on its first
 * entry, 0 on the others), so the result, as a matrix, is the dense one masked
 * by the pattern. O(nnz + nMinor).
 */
export function sampleDense(nMajor: number, nMinor: number, csr: boolean, a: Compressed, width: 1 | 2, dense: DenseView, out: RawArray): void {
  const { indptr, indices } = a;
  const seen = new Int32Array(nMinor).fill(-1);
  const [sMajor, sMinor] = csr ? [dense.strides[0]!, dense.strides[1]!] : [dense.strides[1]!, dense.strides[0]!];
  const src = dense.data as Float64Array;
  const dst = out as Float64Array;
  for (let i = 0; i < nMajor; i++) {
    for (let k = indptr[i]!; k < indptr[i + 1]!; k++) {
      if (seen[indices[k]!] === i) continue;
      seen[indices[k]!] = i;
      const off = dense.offset + i * sMajor + indices[k]! * sMinor;
      if (width === 2) {
        dst[2 * k] = src[off]!;
        dst[2 * k + 1] = src[off + 1]!;
      } else {
        dst[k] = src[off]!;
      }
    }
  }
}
