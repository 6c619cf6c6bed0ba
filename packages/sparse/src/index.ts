/**
 * @proj/sparse: SciPy-like CSR/CSC sparse values (and, as they land, SparseType
 * and the sparse Ops of pytensor.sparse).
 *
 * @example
 * import * as sp from '@proj/sparse';
 * const a = sp.csrMatrix([[0, 1.5], [2, 0]]);
 * a.tocsc().transpose().toarray();
 * sp.mmread(sp.mmwrite(a));
 */
export * from './values';
export * from './type/sparse-type';
export * from './type/sparse-variable';
export * from './type/constructors';
export * from './type/as-sparse';
export { DenseFromSparse, SparseFromDense, SparseSampleDense, denseFromSparse, csrFromDense, cscFromDense } from './ops/convert';
export { CSM, CSMProperties, CSMGrad, CSR, CSC, csm, csr, csc, csmProperties, csmData, csmIndices, csmIndptr, csmShape } from './ops/csm';
export { Transpose, Neg, EnsureSortedIndices, Remove0, transpose, neg, ensureSortedIndices, remove0, clean, spOnesLike, spZerosLike } from './ops/structure';
export { Cast, cast, bcast, wcast, icast, lcast, fcast, dcast, ccast, zcast } from './ops/cast';
export { HStack, VStack, SparseBlockDiagonal, hstack, vstack, blockDiag, type StackOptions } from './ops/stack';
export { SquareDiagonal, Diag, ConstructSparseFromList, squareDiagonal, diag, constructSparseFromList } from './ops/diag';
