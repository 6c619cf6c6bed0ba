/**
 * csrMatrix / cscMatrix in both meanings: with a name (or nothing) they make a
 * symbolic sparse matrix, as pytensor.sparse.csr_matrix('x') does; with a value
 * (dense arrays, {data, indices, indptr, shape}, COO triplets, a sparse matrix)
 * they make a matrix, as scipy.sparse.csr_matrix(...) does.
 */
import { config } from '@proj/graph';
import type { Dtype } from '@proj/tensor';
import type { CSCMatrix, CSRMatrix, SparseFormat } from '../values/compressed';
import { cscMatrix as cscValue, csrMatrix as csrValue, type MakeOptions, type MatrixInput } from '../values/construct';
import { SparseType } from './sparse-type';
import type { SparseVariable } from './sparse-variable';

/**
 * A symbolic sparse matrix of `format` (PyTensor's pytensor.sparse.matrix).
 *
 * @example
 * const x = sp.sparseMatrix('csc', 'x', 'float32');
 */
export function sparseMatrix(format: SparseFormat, name?: string, dtype: Dtype | 'floatX' = config.floatX): SparseVariable {
  return new SparseType(format, dtype).makeVariable(name);
}

/**
 * A symbolic CSR matrix (`csrMatrix('x', 'float64')`), or a CSR matrix value
 * (`csrMatrix([[1, 0], [0, 2]])`, `csrMatrix({ data, indices, indptr, shape })`).
 *
 * @example
 * const x = sp.csrMatrix('x');            // symbolic
 * const a = sp.csrMatrix([[1, 0, 2]]);    // a value
 */
export function csrMatrix(name?: string, dtype?: Dtype | 'floatX'): SparseVariable;
export function csrMatrix(value: MatrixInput, options?: MakeOptions): CSRMatrix;
export function csrMatrix(a?: string | MatrixInput, b?: Dtype | 'floatX' | MakeOptions): SparseVariable | CSRMatrix {
  if (a === undefined || typeof a === 'string') return sparseMatrix('csr', a, (b as Dtype | 'floatX' | undefined) ?? config.floatX);
  return csrValue(a, b as MakeOptions | undefined);
}

/**
 * A symbolic CSC matrix (`cscMatrix('x')`), or a CSC matrix value (`cscMatrix(dense)`).
 *
 * @example
 * const y = sp.cscMatrix('y', 'float32');
 */
export function cscMatrix(name?: string, dtype?: Dtype | 'floatX'): SparseVariable;
export function cscMatrix(value: MatrixInput, options?: MakeOptions): CSCMatrix;
export function cscMatrix(a?: string | MatrixInput, b?: Dtype | 'floatX' | MakeOptions): SparseVariable | CSCMatrix {
  if (a === undefined || typeof a === 'string') return sparseMatrix('csc', a, (b as Dtype | 'floatX' | undefined) ?? config.floatX);
  return cscValue(a, b as MakeOptions | undefined);
}
