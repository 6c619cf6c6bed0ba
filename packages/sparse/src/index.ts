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
