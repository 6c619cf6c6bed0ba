/**
 * Making CSR/CSC matrices the ways SciPy does: from (data, indices, indptr,
 * shape), from a dense array, from COO triplets (duplicates summed), or from
 * another sparse matrix.
 */
import { checkOptions, optionKeys, ArgumentError } from '@proj/graph';
import { checkDtype, dtypeWidth, isNDArray, rawView, toNDArray, type Dtype, type NDArray } from '@proj/tensor';
import {
  CSCMatrix,
  CSRMatrix,
  isSparseMatrix,
  makeCompressed,
  type CompressedMatrix,
  type CompressedParts,
  type SparseFormat,
} from './compressed';
import { SparseFormatError } from './errors';
import { compressCOO, copyAt, isZeroAt } from './kernels';
import { INDEX_MAX, inferJsDtype, newRaw, toIndexArray, toRawData, type DataLike, type IndexLike } from './storage';
import { checkShape } from './validate';

/** COO triplets: entry k is data[k] at (row[k], col[k]). */
export interface COOParts {
  readonly row: IndexLike;
  readonly col: IndexLike;
  readonly data: DataLike;
  readonly shape: readonly number[];
}

export interface MakeOptions {
  /** dtype of the stored values (default: the input's; float64 for JS numbers). */
  readonly dtype?: Dtype | 'floatX';
  /** Validate a (data, indices, indptr) structure (default true). */
  readonly check?: boolean;
}

export interface FormatOptions extends MakeOptions {
  /** 'csr' (default) or 'csc'. */
  readonly format?: SparseFormat;
}

/** Anything csrMatrix / cscMatrix accept. */
export type MatrixInput = CompressedParts | COOParts | CompressedMatrix | NDArray | unknown[];

function isCOO(x: unknown): x is COOParts {
  return typeof x === 'object' && x !== null && 'row' in x && 'col' in x && 'data' in x;
}

function isParts(x: unknown): x is CompressedParts {
  return typeof x === 'object' && x !== null && 'indptr' in x && 'indices' in x && 'data' in x;
}

function checkFormat(format: unknown, op: string): SparseFormat {
  if (format !== 'csr' && format !== 'csc') {
    throw new ArgumentError({ op, argument: 'format', expected: "'csr' or 'csc'", given: JSON.stringify(format) });
  }
  return format;
}

function make(format: SparseFormat, x: MatrixInput, options: MakeOptions, op: string): CSRMatrix | CSCMatrix {
  if (isSparseMatrix(x)) {
    const m = format === 'csr' ? x.tocsr() : x.tocsc();
    return options.dtype === undefined ? m : m.astype(options.dtype);
  }
  if (isParts(x)) {
    const o = { dtype: options.dtype, check: options.check, op };
    return format === 'csr' ? new CSRMatrix(x, o) : new CSCMatrix(x, o);
  }
  if (isCOO(x)) return fromCOO(x, { ...options, format });
  return fromDense(x, { ...options, format });
}

const MAKE_KEYS = optionKeys<MakeOptions>({ dtype: true, check: true });

/**
 * A CSR matrix from a dense array, (data, indices, indptr, shape), COO triplets
 * { row, col, data, shape } (duplicates summed), or another sparse matrix.
 *
 * @example
 * csrMatrix([[0, 1], [2, 0]]);
 * csrMatrix({ data: [1, 2], indices: [1, 0], indptr: [0, 1, 2], shape: [2, 2] });
 * csrMatrix({ row: [0, 0], col: [1, 1], data: [1, 2], shape: [1, 2] }).get(0, 1); // 3
 */
export function csrMatrix(x: MatrixInput, options: MakeOptions = {}): CSRMatrix {
  checkOptions('sp.csrMatrix', options, MAKE_KEYS);
  return make('csr', x, options, 'csrMatrix') as CSRMatrix;
}

/**
 * A CSC matrix from the same inputs as csrMatrix.
 *
 * @example
 * cscMatrix([[0, 1], [2, 0]]).indptr; // Int32Array [0, 1, 2]
 */
export function cscMatrix(x: MatrixInput, options: MakeOptions = {}): CSCMatrix {
  checkOptions('sp.cscMatrix', options, MAKE_KEYS);
  return make('csc', x, options, 'cscMatrix') as CSCMatrix;
}

const FORMAT_KEYS = optionKeys<FormatOptions>({ dtype: true, check: true, format: true });

/**
 * The non-zeros of a dense 2-d array (nested arrays or an NDArray) as a CSR
 * (default) or CSC matrix, with sorted indices and no explicit zeros.
 * O(rows x cols), as any dense input must be.
 *
 * @example
 * fromDense([[0, 3], [0, 0]], { format: 'csc' }).nnz; // 1
 */
export function fromDense(dense: NDArray | unknown[], options: FormatOptions = {}): CSRMatrix | CSCMatrix {
  checkOptions('sp.fromDense', options, FORMAT_KEYS);
  const op = 'fromDense';
  const format = checkFormat(options.format ?? 'csr', op);
  const dtype = options.dtype !== undefined ? checkDtype(options.dtype, op) : isNDArray(dense) ? dense.dtype : inferJsDtype(dense);
  const a = toNDArray(dense, dtype, { op });
  if (a.shape.length !== 2) {
    throw new ArgumentError({ op, argument: 'dense', expected: 'a 2-d array', given: `an array of shape (${a.shape.join(', ')})` });
  }
  const [rows, cols] = checkShape(a.shape, op);
  const v = rawView(a);
  const width = dtypeWidth(dtype);
  const csr = format === 'csr';
  const [nMajor, nMinor] = csr ? [rows, cols] : [cols, rows];
  const [sMajor, sMinor] = csr ? [v.strides[0]!, v.strides[1]!] : [v.strides[1]!, v.strides[0]!];
  // Offsets are in raw numbers; isZeroAt/copyAt count in elements, so read via element k = off / width.
  let nnz = 0;
  for (let i = 0; i < nMajor; i++) {
    for (let j = 0; j < nMinor; j++) if (!isZeroAt(v.data, (v.offset + i * sMajor + j * sMinor) / width, width)) nnz++;
  }
  if (nnz > INDEX_MAX) throw new SparseFormatError(op, `${nnz} non-zeros do not fit the int32 index dtype`);
  const indptr = new Int32Array(nMajor + 1);
  const indices = new Int32Array(nnz);
  const data = newRaw(dtype, nnz);
  let n = 0;
  for (let i = 0; i < nMajor; i++) {
    for (let j = 0; j < nMinor; j++) {
      const k = (v.offset + i * sMajor + j * sMinor) / width;
      if (isZeroAt(v.data, k, width)) continue;
      indices[n] = j;
      copyAt(data, n, v.data, k, width);
      n++;
    }
    indptr[i + 1] = n;
  }
  return makeCompressed(format, { indptr, indices, data }, [rows, cols], dtype);
}

/**
 * A CSR (default) or CSC matrix from COO triplets, duplicates summed and indices
 * sorted (SciPy's coo.tocsr()); explicit zeros are kept. O(nnz + rows + cols).
 *
 * @example
 * fromCOO({ row: [0, 0, 1], col: [1, 1, 0], data: [1, 2, 5], shape: [2, 2] }).toarray(); // [[0, 3], [5, 0]]
 */
export function fromCOO(coo: COOParts, options: FormatOptions = {}): CSRMatrix | CSCMatrix {
  checkOptions('sp.fromCOO', options, FORMAT_KEYS);
  const op = 'fromCOO';
  const format = checkFormat(options.format ?? 'csr', op);
  const [rows, cols] = checkShape(coo.shape, op);
  const row = toIndexArray(coo.row, 'row', op);
  const col = toIndexArray(coo.col, 'col', op);
  const { raw, dtype } = toRawData(coo.data, options.dtype, op);
  const width = dtypeWidth(dtype);
  if (row.length !== col.length || row.length * width !== raw.length) {
    throw new SparseFormatError(op, `row, col and data must have one length, got ${row.length}, ${col.length} and ${raw.length / width}`);
  }
  for (let k = 0; k < row.length; k++) {
    if (row[k]! < 0 || row[k]! >= rows) throw new SparseFormatError(op, `row index ${row[k]} out of range for ${rows} rows (at position ${k})`, 'row');
    if (col[k]! < 0 || col[k]! >= cols) throw new SparseFormatError(op, `column index ${col[k]} out of range for ${cols} columns (at position ${k})`, 'col');
  }
  const csr = format === 'csr';
  const c = compressCOO(csr ? rows : cols, csr ? row : col, csr ? col : row, raw, width);
  return makeCompressed(format, c, [rows, cols], dtype).sumDuplicates();
}
