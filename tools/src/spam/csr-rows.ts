/**
 * Row gathering on CSR matrices (SciPy's `a[rows]` for an index array), used to
 * cut minibatches and the train/test sides out of the TF-IDF matrix.
 */
import { ArgumentError } from '@proj/graph';
import * as sp from '@proj/sparse';

/**
 * A new CSR matrix of the given rows of `a`, in the given order (repeats
 * allowed); `a` is not modified.
 *
 * @example
 * takeRows(sp.csrMatrix([[1, 0], [0, 2], [3, 0]]), [2, 0]).toarray(); // [[3, 0], [1, 0]]
 */
export function takeRows(a: sp.CSRMatrix, rows: ArrayLike<number>): sp.CSRMatrix {
  const [m, n] = a.shape;
  const src = a.indptr;
  const indptr = new Int32Array(rows.length + 1);
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k]!;
    if (!Number.isInteger(r) || r < 0 || r >= m) {
      throw new ArgumentError({ op: 'takeRows', argument: `rows[${k}]`, expected: `a row index in [0, ${m})`, given: String(r) });
    }
    indptr[k + 1] = indptr[k]! + src[r + 1]! - src[r]!;
  }
  const nnz = indptr[rows.length]!;
  const indices = new Int32Array(nnz);
  const srcData = a.data as Float64Array;
  const data = new (srcData.constructor as Float64ArrayConstructor)(nnz);
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k]!;
    const s = src[r]!;
    const len = src[r + 1]! - s;
    indices.set(a.indices.subarray(s, s + len), indptr[k]!);
    data.set(srcData.subarray(s, s + len), indptr[k]!);
  }
  return sp.csrMatrix({ data, indices, indptr, shape: [rows.length, n] }, { dtype: a.dtype, check: false });
}
