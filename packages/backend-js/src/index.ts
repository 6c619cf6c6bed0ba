/**
 * @proj/backend-js: compile(): modes, the VM linker and JS code generation for fused loops.
 * Under construction: this placeholder lets the package build, type-check and
 * pack until its first sources land (see DESIGN.md for what it will hold).
 */

/**
 * The npm name of this package.
 *
 * @example
 * import { packageName } from '@proj/backend-js';
 * packageName; // '@proj/backend-js'
 */
export const packageName = '@proj/backend-js';
