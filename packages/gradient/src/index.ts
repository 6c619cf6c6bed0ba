/**
 * @proj/gradient: the gradient driver: grad, Lop, Rop, jacobian, hessian, verifyGrad.
 * Under construction: this placeholder lets the package build, type-check and
 * pack until its first sources land (see DESIGN.md for what it will hold).
 */

/**
 * The npm name of this package.
 *
 * @example
 * import { packageName } from '@proj/gradient';
 * packageName; // '@proj/gradient'
 */
export const packageName = '@proj/gradient';
