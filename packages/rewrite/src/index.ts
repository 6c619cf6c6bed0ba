/**
 * @proj/rewrite: the rewriting machinery and the standard rewrite databases.
 * Under construction: this placeholder lets the package build, type-check and
 * pack until its first sources land (see DESIGN.md for what it will hold).
 */

/**
 * The npm name of this package.
 *
 * @example
 * import { packageName } from '@proj/rewrite';
 * packageName; // '@proj/rewrite'
 */
export const packageName = '@proj/rewrite';
