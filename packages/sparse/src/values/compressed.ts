/**
 * CSRMatrix and CSCMatrix: SciPy's compressed sparse row / column matrices.
 * Both share CompressedMatrix, whose methods work on "major" slices (rows of a
 * CSR matrix, columns of a CSC matrix), so neither format is converted to the
 * other unless an operation needs it. Costs grow with nnz, not rows x cols.
 */
import { castArray, checkDtype, dtypeWidth, fromRaw, rawView, type Dtype, type NDArray, type RawArray } from '@proj/tensor';
import {
  indicesSorted,
  scatterToDense,
  sortIndicesInPlace,
  summedDuplicates,
  transposeCompressed,
  withoutZeros,
  addAt,
  type Compressed,
} from './kernels';
import { newRaw, readElement, toIndexArray, toRawData, type DataLike, type IndexLike } from './storage';
import { checkCompressed, checkShape, type AxisNames } from './validate';
import { SparseFormatError } from './errors';

export type SparseFormat = 'csr' | 'csc';

/** (data, indices, indptr, shape), as SciPy's csr_matrix((data, indices, indptr), shape). */
export interface CompressedParts {
  readonly data: DataLike;
  readonly indices: IndexLike;
  readonly indptr: IndexLike;
  readonly shape: readonly number[];
}

export interface CompressedOptions {
  /** The dtype of the stored values; inferred from `data` when absent. */
  readonly dtype?: Dtype | 'floatX';
  /** Validate the structure (default true). */
  readonly check?: boolean;
  /** The caller's name for error messages. */
  readonly op?: string;
}

/** One stored or dense element: number, BigInt (int64/uint64), boolean, or [re, im]. */
export type SparseElement = number | bigint | boolean | [number, number];

const NAMES: Record<SparseFormat, AxisNames> = {
  csr: { major: 'rows', minorIndex: 'column', minorPlural: 'columns' },
  csc: { major: 'cols', minorIndex: 'row', minorPlural: 'rows' },
};

/** The shared body of CSRMatrix and CSCMatrix. */
export abstract class CompressedMatrix {
  readonly format: SparseFormat;
  readonly dtype: Dtype;
  readonly shape: readonly [number, number];
  readonly ndim = 2;
  private dataArr: RawArray;
  private indicesArr: Int32Array;
  private indptrArr: Int32Array;
  // Cached structure facts; cleared whenever the arrays are replaced by a method or setter.
  private sortedCache: boolean | undefined;
  private canonicalCache: boolean | undefined;

  protected constructor(format: SparseFormat, parts: CompressedParts, options: CompressedOptions = {}) {
    this.format = format;
    const op = options.op ?? (this.format === 'csr' ? 'CSRMatrix' : 'CSCMatrix');
    if (parts === null || typeof parts !== 'object') {
      throw new SparseFormatError(op, `expected { data, indices, indptr, shape }, got ${String(parts)}`);
    }
    this.shape = Object.freeze(checkShape(parts.shape, op));
    const { raw, dtype } = toRawData(parts.data, options.dtype, op);
    this.dtype = dtype;
    this.dataArr = raw;
    this.indicesArr = toIndexArray(parts.indices, 'indices', op);
    this.indptrArr = toIndexArray(parts.indptr, 'indptr', op);
    if (options.check ?? true) this.check(op);
  }

  /** Validates the structure (SciPy's check_format); throws a SparseFormatError. */
  check(op = 'check'): void {
    checkCompressed(this.majorDim, this.minorDim, this.indptrArr, this.indicesArr, this.dataArr, this.width, NAMES[this.format], op);
  }

  /** Stored values in the dtype's raw storage (complex: re, im interleaved). */
  get data(): RawArray {
    return this.dataArr;
  }
  set data(v: RawArray) {
    this.dataArr = v;
  }
  get indices(): Int32Array {
    return this.indicesArr;
  }
  set indices(v: Int32Array) {
    this.indicesArr = v;
    this.sortedCache = this.canonicalCache = undefined;
  }
  get indptr(): Int32Array {
    return this.indptrArr;
  }
  set indptr(v: Int32Array) {
    this.indptrArr = v;
    this.sortedCache = this.canonicalCache = undefined;
  }

  /** Number of stored entries, explicit zeros and duplicates included (SciPy's nnz). */
  get nnz(): number {
    return this.indptrArr[this.indptrArr.length - 1] ?? 0;
  }
  /** Rows for CSR, columns for CSC. */
  get majorDim(): number {
    return this.format === 'csr' ? this.shape[0] : this.shape[1];
  }
  get minorDim(): number {
    return this.format === 'csr' ? this.shape[1] : this.shape[0];
  }
  /** Raw numbers per stored element: 2 for complex, else 1. */
  get width(): 1 | 2 {
    return dtypeWidth(this.dtype);
  }

  /** Whether the indices of every row (CSR) / column (CSC) are non-decreasing. */
  get hasSortedIndices(): boolean {
    this.sortedCache ??= indicesSorted(this.majorDim, this.indptrArr, this.indicesArr, false);
    return this.sortedCache;
  }
  /** Sorted indices and no duplicates (SciPy's has_canonical_format). */
  get hasCanonicalFormat(): boolean {
    this.canonicalCache ??= indicesSorted(this.majorDim, this.indptrArr, this.indicesArr, true);
    return this.canonicalCache;
  }

  private parts(): Compressed {
    return { indptr: this.indptrArr, indices: this.indicesArr, data: this.dataArr };
  }
  private replace(c: Compressed, sorted: boolean | undefined, canonical: boolean | undefined): void {
    this.dataArr = c.data;
    this.indicesArr = c.indices;
    this.indptrArr = c.indptr;
    this.sortedCache = sorted;
    this.canonicalCache = canonical;
  }

  /**
   * The dense matrix as an NDArray (duplicates summed).
   *
   * @example
   * csrMatrix([[0, 2], [3, 0]]).toarray(); // ndarray [[0, 2], [3, 0]]
   */
  toarray(): NDArray {
    const [rows, cols] = this.shape;
    const out = newRaw(this.dtype, rows * cols);
    scatterToDense(rows, cols, this.format === 'csr', this.parts(), this.width, this.dtype === 'bool', out);
    return fromRaw(this.dtype, out, [rows, cols]);
  }

  /**
   * The matrix in CSR format: `this` when it already is CSR (like SciPy's
   * copy=False), else an O(nnz + rows + cols) conversion with sorted indices.
   */
  tocsr(): CSRMatrix {
    if (this instanceof CSRMatrix) return this;
    const c = transposeCompressed(this.majorDim, this.minorDim, this.parts(), this.width);
    return makeCompressed('csr', c, this.shape, this.dtype);
  }

  /** The matrix in CSC format (see tocsr). */
  tocsc(): CSCMatrix {
    if (this instanceof CSCMatrix) return this;
    const c = transposeCompressed(this.majorDim, this.minorDim, this.parts(), this.width);
    return makeCompressed('csc', c, this.shape, this.dtype);
  }

  /**
   * The transpose, sharing this matrix's arrays: a CSR matrix's transpose is a
   * CSC matrix with the same data, indices and indptr (no data movement).
   */
  transpose(): CompressedMatrix {
    const other = this.format === 'csr' ? 'csc' : 'csr';
    return makeCompressed(other, this.parts(), [this.shape[1], this.shape[0]], this.dtype);
  }
  get T(): CompressedMatrix {
    return this.transpose();
  }

  /** A copy with its own arrays. */
  copy(): this {
    const p = this.parts();
    const c = makeCompressed(this.format, { indptr: p.indptr.slice(), indices: p.indices.slice(), data: p.data.slice() as RawArray }, this.shape, this.dtype);
    return c as this;
  }

  /** Sorts the indices of every row (CSR) / column (CSC) in place, with their values. Returns this. */
  sortIndices(): this {
    if (!this.hasSortedIndices) {
      sortIndicesInPlace(this.majorDim, this.parts(), this.width);
      this.sortedCache = true;
      this.canonicalCache = undefined;
    }
    return this;
  }

  /** A copy with sorted indices (SciPy's sorted_indices). */
  sortedIndices(): this {
    return this.copy().sortIndices();
  }

  /** Removes the stored zeros, in place. Returns this. */
  eliminateZeros(): this {
    const sorted = this.sortedCache === true ? true : undefined;
    const canonical = this.canonicalCache === true ? true : undefined;
    this.replace(withoutZeros(this.majorDim, this.parts(), this.width), sorted, canonical);
    return this;
  }

  /** Sorts the indices and sums duplicates, in place (SciPy's sum_duplicates). Returns this. */
  sumDuplicates(): this {
    if (this.hasCanonicalFormat) return this;
    this.sortIndices();
    this.replace(summedDuplicates(this.majorDim, this.parts(), this.width, this.dtype === 'bool'), true, true);
    return this;
  }

  /**
   * A copy whose values are cast to `dtype` with NumPy's astype rules (floats to
   * integers truncate, integers wrap, bool is x != 0).
   *
   * @example
   * csrMatrix([[1.5, 0]]).astype('int32').data; // Int32Array [1]
   */
  astype(dtype: Dtype | 'floatX'): this {
    const d = checkDtype(dtype, 'astype');
    const p = this.parts();
    const values = fromRaw(this.dtype, p.data, [this.nnz]);
    const data = rawView(castArray(values, d)).data;
    return makeCompressed(this.format, { indptr: p.indptr.slice(), indices: p.indices.slice(), data }, this.shape, d) as this;
  }

  /**
   * The element at (i, j), duplicates summed (negative indices count from the end).
   * O(entries of one row/column). Meant for tests and inspection, not for loops.
   */
  get(i: number, j: number): SparseElement {
    const [rows, cols] = this.shape;
    const r = i < 0 ? i + rows : i;
    const c = j < 0 ? j + cols : j;
    if (!Number.isInteger(r) || !Number.isInteger(c) || r < 0 || r >= rows || c < 0 || c >= cols) {
      throw new SparseFormatError('get', `index (${i}, ${j}) out of range for shape [${rows}, ${cols}]`);
    }
    const [major, minor] = this.format === 'csr' ? [r, c] : [c, r];
    const acc = newRaw(this.dtype, 1);
    for (let k = this.indptrArr[major]!; k < this.indptrArr[major + 1]!; k++) {
      if (this.indicesArr[k] === minor) addAt(acc, 0, this.dataArr, k, this.width, this.dtype === 'bool');
    }
    return readElement(acc, 0, this.dtype);
  }

  toString(): string {
    return `<${this.shape[0]}x${this.shape[1]} sparse matrix of dtype ${this.dtype} with ${this.nnz} stored elements in ${this.format.toUpperCase()} format>`;
  }
}

/**
 * A compressed sparse row matrix (SciPy's csr_matrix).
 *
 * @example
 * const a = new CSRMatrix({ data: [1, 2], indices: [1, 0], indptr: [0, 1, 2], shape: [2, 2] });
 * a.get(0, 1); // 1
 */
export class CSRMatrix extends CompressedMatrix {
  declare readonly format: 'csr';
  constructor(parts: CompressedParts, options: CompressedOptions = {}) {
    super('csr', parts, options);
  }
  override transpose(): CSCMatrix {
    return super.transpose() as CSCMatrix;
  }
  override get T(): CSCMatrix {
    return this.transpose();
  }
}

/**
 * A compressed sparse column matrix (SciPy's csc_matrix).
 *
 * @example
 * const a = new CSCMatrix({ data: [1, 2], indices: [1, 0], indptr: [0, 1, 2], shape: [2, 2] });
 * a.get(1, 0); // 1
 */
export class CSCMatrix extends CompressedMatrix {
  declare readonly format: 'csc';
  constructor(parts: CompressedParts, options: CompressedOptions = {}) {
    super('csc', parts, options);
  }
  override transpose(): CSRMatrix {
    return super.transpose() as CSRMatrix;
  }
  override get T(): CSRMatrix {
    return this.transpose();
  }
}

/** Wraps already-valid arrays (made by a kernel) without checking or copying. */
export function makeCompressed(format: 'csr', c: Compressed, shape: readonly number[], dtype: Dtype): CSRMatrix;
export function makeCompressed(format: 'csc', c: Compressed, shape: readonly number[], dtype: Dtype): CSCMatrix;
export function makeCompressed(format: SparseFormat, c: Compressed, shape: readonly number[], dtype: Dtype): CSRMatrix | CSCMatrix;
export function makeCompressed(format: SparseFormat, c: Compressed, shape: readonly number[], dtype: Dtype): CSRMatrix | CSCMatrix {
  const parts = { data: c.data, indices: c.indices, indptr: c.indptr, shape };
  return format === 'csr' ? new CSRMatrix(parts, { dtype, check: false }) : new CSCMatrix(parts, { dtype, check: false });
}

/** Whether `x` is a CSRMatrix or CSCMatrix. */
export function isSparseMatrix(x: unknown): x is CSRMatrix | CSCMatrix {
  return x instanceof CSRMatrix || x instanceof CSCMatrix;
}
