/** Bad-input rows of @proj/sparse: malformed structures at construction and inside compiled functions. */
import { ArgumentError } from '@proj/graph';
import * as sp from '@proj/sparse';
import { compile } from '@proj/backend-js';
import type { BadInputSection } from './row';

/** A CSR value built without validation (as a buggy producer would), then given to a compiled function. */
function unchecked(parts: { data: number[]; indices: number[]; indptr: number[]; shape: [number, number] }): sp.CSRMatrix {
  return sp.csrMatrix(parts, { check: false });
}

function spSumOf(value: sp.CSRMatrix): unknown {
  const a = sp.csrMatrix('a');
  return compile([a], sp.spSum(a, { axis: 0 }))(value);
}

/** @proj/sparse rows. */
export const SPARSE_ROWS: BadInputSection = {
  pkg: '@proj/sparse',
  rows: [
    {
      kind: 'unknown option',
      input: 'sp.spSum(x, { axes: 0 })',
      run: () => sp.spSum(sp.csrMatrix('x'), { axes: 0 } as never),
      error: ArgumentError,
      message: /^sp\.spSum: argument 'options' expected one of the options axis, sparseGrad, got 'axes' \(did you mean 'axis'\?\)$/,
    },
    {
      kind: 'unknown option',
      input: "sp.csrMatrix(dense, { dtyp: 'float32' })",
      run: () => sp.csrMatrix([[0, 1], [2, 0]], { dtyp: 'float32' } as never),
      error: ArgumentError,
      message: /^sp\.csrMatrix: argument 'options' expected one of the options dtype, check, got 'dtyp' \(did you mean 'dtype'\?\)$/,
    },
    {
      kind: 'malformed sparse: indptr not monotone',
      input: 'sp.csrMatrix({ data: [1, 2], indices: [0, 1], indptr: [0, 2, 1], shape: [2, 2] })',
      run: () => sp.csrMatrix({ data: [1, 2], indices: [0, 1], indptr: [0, 2, 1], shape: [2, 2] }),
      error: sp.SparseFormatError,
      message: /^csrMatrix: indptr must be non-decreasing: indptr\[1\] = 2 > indptr\[2\] = 1$/,
    },
    {
      kind: 'malformed sparse: index out of range',
      input: 'sp.csrMatrix({ data: [1, 2], indices: [0, 5], indptr: [0, 1, 2], shape: [2, 2] })',
      run: () => sp.csrMatrix({ data: [1, 2], indices: [0, 5], indptr: [0, 1, 2], shape: [2, 2] }),
      error: sp.SparseFormatError,
      message: /^csrMatrix: column index 5 out of range for 2 columns \(at position 1\)$/,
    },
    {
      kind: 'malformed sparse: lengths disagree',
      input: 'sp.csrMatrix({ data: [1, 2, 3], indices: [0, 1], indptr: [0, 1, 2], shape: [2, 2] })',
      run: () => sp.csrMatrix({ data: [1, 2, 3], indices: [0, 1], indptr: [0, 1, 2], shape: [2, 2] }),
      error: sp.SparseFormatError,
      message: /^csrMatrix: indices has 2 entries but data has 3$/,
    },
    {
      kind: 'malformed sparse: lengths disagree',
      input: 'sp.csrMatrix({ data: [1, 2], indices: [0, 1], indptr: [0, 2], shape: [2, 2] })',
      run: () => sp.csrMatrix({ data: [1, 2], indices: [0, 1], indptr: [0, 2], shape: [2, 2] }),
      error: sp.SparseFormatError,
      message: /^csrMatrix: indptr has 2 entries, expected rows \+ 1 = 3$/,
    },
    {
      kind: 'malformed sparse given to a compiled function: indptr not monotone',
      input: 'f(csrMatrix({ ..., indptr: [0, 2, 1] }, { check: false })) with f = compile([a], sp.spSum(a, { axis: 0 }))',
      run: () => spSumOf(unchecked({ data: [1, 2], indices: [0, 1], indptr: [0, 2, 1], shape: [2, 2] })),
      error: sp.SparseFormatError,
      message: /indptr must be non-decreasing/,
    },
    {
      kind: 'malformed sparse given to a compiled function: index out of range',
      input: 'f(csrMatrix({ ..., indices: [0, 5] }, { check: false }))',
      run: () => spSumOf(unchecked({ data: [1, 2], indices: [0, 5], indptr: [0, 1, 2], shape: [2, 2] })),
      error: sp.SparseFormatError,
      message: /column index 5 out of range for 2 columns/,
    },
    {
      kind: 'malformed sparse given to a compiled function: lengths disagree',
      input: 'f(csrMatrix({ data: [1, 2, 3], indices: [0, 1], ... }, { check: false }))',
      run: () => spSumOf(unchecked({ data: [1, 2, 3], indices: [0, 1], indptr: [0, 1, 2], shape: [2, 2] })),
      error: sp.SparseFormatError,
      message: /indices has 2 entries but data has 3/,
    },
  ],
};
