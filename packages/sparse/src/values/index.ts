/**
 * Sparse values: CSRMatrix / CSCMatrix (SciPy's compressed formats), their
 * constructors, seeded random matrices and Matrix Market input/output.
 */
export { SparseFormatError } from './errors';
export { CompressedMatrix, CSRMatrix, CSCMatrix, isSparseMatrix } from './compressed';
export type { SparseFormat, CompressedParts, CompressedOptions, SparseElement } from './compressed';
export { fromDense, fromCOO } from './construct';
export type { COOParts, MakeOptions, FormatOptions, MatrixInput } from './construct';
export type { DataLike, IndexLike } from './storage';
export { random, SeededRandom, type RandomOptions } from './random';
export { mmread, mmwrite, type MMReadOptions, type MMWriteOptions } from './mmio';
export { sparseEqual } from './equal';
