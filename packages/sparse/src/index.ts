/**
 * @proj/sparse: SciPy-like CSR/CSC sparse values, SparseType and the sparse Ops.
 * Under construction: this placeholder lets the package build, type-check and
 * pack until its first sources land (see DESIGN.md for what it will hold).
 */

/**
 * The npm name of this package.
 *
 * @example
 * import { packageName } from '@proj/sparse';
 * packageName; // '@proj/sparse'
 */
export const packageName = '@proj/sparse';
