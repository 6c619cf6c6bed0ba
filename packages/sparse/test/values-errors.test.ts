// Every validation error names the problem, and structures that SciPy accepts
// (unsorted indices, duplicates, explicit zeros, empty shapes) are accepted.
import { ArgumentError } from '@proj/graph';
import { CSCMatrix, CSRMatrix, SparseFormatError, cscMatrix, csrMatrix, fromCOO, fromDense } from '../src';

function message(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(SparseFormatError);
    expect(e).toBeInstanceOf(ArgumentError);
    return (e as Error).message;
  }
  throw new Error('expected a SparseFormatError');
}

const ok = { data: [1, 2, 3], indices: [2, 0, 1], indptr: [0, 2, 2, 3], shape: [3, 3] };

describe('structure validation when a matrix is made', () => {
  it('accepts unsorted indices, duplicates and explicit zeros', () => {
    expect(csrMatrix(ok).nnz).toBe(3);
    expect(csrMatrix({ data: [0, 1, 1], indices: [1, 1, 0], indptr: [0, 3], shape: [1, 2] }).get(0, 1)).toBe(1);
    expect(new CSRMatrix({ data: [], indices: [], indptr: [0], shape: [0, 0] }).nnz).toBe(0);
  });

  it('indptr not monotone', () => {
    expect(message(() => csrMatrix({ data: [1, 2, 3, 4, 5], indices: [0, 1, 2, 3, 4], indptr: [0, 1, 2, 5, 4, 5], shape: [5, 5] }))).toBe(
      'csrMatrix: indptr must be non-decreasing: indptr[3] = 5 > indptr[4] = 4',
    );
  });

  it('index out of range (column for CSR, row for CSC; negative too)', () => {
    const indices = [0, 1, 2, 3, 4, 0, 1, 2, 3, 4, 0, 1, 7];
    expect(message(() => csrMatrix({ data: new Float64Array(13), indices, indptr: [0, 5, 10, 13], shape: [3, 5] }))).toBe(
      'csrMatrix: column index 7 out of range for 5 columns (at position 12)',
    );
    expect(message(() => cscMatrix({ data: [1], indices: [3], indptr: [0, 1, 1], shape: [3, 2] }))).toBe('cscMatrix: row index 3 out of range for 3 rows (at position 0)');
    expect(message(() => new CSRMatrix({ data: [1], indices: [-1], indptr: [0, 1], shape: [1, 2] }))).toBe('CSRMatrix: column index -1 out of range for 2 columns (at position 0)');
  });

  it('lengths that disagree', () => {
    expect(message(() => csrMatrix({ data: new Float64Array(9), indices: new Int32Array(9), indptr: [0, 5, 10], shape: [2, 9] }))).toBe('csrMatrix: indptr[-1] = 10 but data has 9 entries');
    expect(message(() => csrMatrix({ data: [1, 2], indices: [0, 1], indptr: [0, 1, 2, 2], shape: [4, 2] }))).toBe('csrMatrix: indptr has 4 entries, expected rows + 1 = 5');
    expect(message(() => new CSCMatrix({ data: [1, 2], indices: [0, 1], indptr: [0, 2], shape: [2, 2] }))).toBe('CSCMatrix: indptr has 2 entries, expected cols + 1 = 3');
    expect(message(() => csrMatrix({ data: [1, 2], indices: [0], indptr: [0, 1], shape: [1, 2] }))).toBe('csrMatrix: indices has 1 entries but data has 2');
    expect(message(() => new CSRMatrix({ data: new Float64Array(3), indices: [0], indptr: [0, 1], shape: [1, 2] }, { dtype: 'complex128' }))).toBe(
      'CSRMatrix: complex data needs an even number of raw values (re, im), got 3',
    );
  });

  it('indptr[0] and the shape', () => {
    expect(message(() => csrMatrix({ data: [1], indices: [0], indptr: [1, 1], shape: [1, 2] }))).toBe('csrMatrix: indptr[0] = 1 but must be 0');
    expect(message(() => csrMatrix({ ...ok, shape: [3] }))).toBe('csrMatrix: shape must be [rows, cols], got [3]');
    expect(message(() => csrMatrix({ ...ok, shape: [3, -1] }))).toBe('csrMatrix: shape must hold non-negative integers, got [3, -1]');
    expect(message(() => csrMatrix({ ...ok, shape: [3, 2 ** 31] }))).toBe('csrMatrix: shape [3, 2147483648] does not fit the int32 index dtype (max 2147483647)');
  });

  it('indices that are not int32 integers', () => {
    expect(message(() => csrMatrix({ ...ok, indices: [2, 0.5, 1] }))).toBe('csrMatrix: indices[1] = 0.5 is not an integer');
    expect(message(() => csrMatrix({ ...ok, indptr: [0, 2, 2, 2 ** 31] }))).toBe('csrMatrix: indptr[3] = 2147483648 does not fit the int32 index dtype');
    expect(csrMatrix({ ...ok, indices: new BigInt64Array([2n, 0n, 1n]) }).indices).toEqual(new Int32Array([2, 0, 1]));
  });

  it('COO triplets out of range or of different lengths', () => {
    expect(message(() => fromCOO({ row: [0, 3], col: [0, 0], data: [1, 2], shape: [3, 3] }))).toBe('fromCOO: row index 3 out of range for 3 rows (at position 1)');
    expect(message(() => fromCOO({ row: [0, 1], col: [0, 5], data: [1, 2], shape: [3, 3] }))).toBe('fromCOO: column index 5 out of range for 3 columns (at position 1)');
    expect(message(() => fromCOO({ row: [0, 1], col: [0], data: [1, 2], shape: [3, 3] }))).toBe('fromCOO: row, col and data must have one length, got 2, 1 and 2');
  });

  it('check: false skips validation; check() validates later', () => {
    const bad = csrMatrix({ data: [1], indices: [9], indptr: [0, 1], shape: [1, 2] }, { check: false });
    expect(message(() => bad.check())).toBe('check: column index 9 out of range for 2 columns (at position 0)');
  });

  it('data that would lose information, dense inputs that are not 2-d, bad formats', () => {
    expect(() => csrMatrix({ ...ok, data: [1.5, 2, 3] }, { dtype: 'int32' })).toThrow(/1.5 \(not an integer\)/);
    expect(() => fromDense([1, 2, 3])).toThrow(ArgumentError);
    expect(() => fromDense([[1]], { format: 'coo' as never })).toThrow(/'csr' or 'csc'/);
    expect(() => csrMatrix({ ...ok }, { dtype: 'float16' as never })).toThrow(/dtype/);
  });

  it('get checks its indices', () => {
    const a = csrMatrix(ok);
    expect(a.get(-1, -2)).toBe(3);
    expect(() => a.get(3, 0)).toThrow('get: index (3, 0) out of range for shape [3, 3]');
  });
});

describe('typed storage', () => {
  it('uses a typed array of the dtype raw storage as is', () => {
    const data = new Float32Array([1, 2, 3]);
    const indices = new Int32Array([2, 0, 1]);
    const a = csrMatrix({ data, indices, indptr: [0, 2, 2, 3], shape: [3, 3] });
    expect(a.dtype).toBe('float32');
    expect(a.data).toBe(data);
    expect(a.indices).toBe(indices);
  });

  it('int64 stays exact, bool and complex are supported', () => {
    const big = csrMatrix({ row: [0, 0], col: [0, 0], data: [2n ** 62n, 2n ** 62n - 1n], shape: [1, 1] });
    expect(big.dtype).toBe('int64');
    expect(big.get(0, 0)).toBe(2n ** 63n - 1n);
    expect(csrMatrix([[true, false]]).get(0, 0)).toBe(true);
    const c = csrMatrix({ data: [{ re: 1, im: -2 }], indices: [1], indptr: [0, 1], shape: [1, 2] });
    expect(c.dtype).toBe('complex128');
    expect(c.get(0, 1)).toEqual([1, -2]);
  });

  it('hasSortedIndices is recomputed after the indices are replaced', () => {
    const a = csrMatrix({ data: [1, 2], indices: [0, 1], indptr: [0, 2], shape: [1, 2] });
    expect(a.hasSortedIndices).toBe(true);
    a.indices = new Int32Array([1, 0]);
    expect(a.hasSortedIndices).toBe(false);
    expect(a.sortIndices().hasSortedIndices).toBe(true);
    expect(a.data).toEqual(new Float64Array([2, 1]));
  });

  it('toString describes the matrix', () => {
    expect(String(csrMatrix(ok))).toBe('<3x3 sparse matrix of dtype float64 with 3 stored elements in CSR format>');
  });
});
