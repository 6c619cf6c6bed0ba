/**
 * @proj/backend-wasm: WebAssembly (SIMD) kernels and a linker that runs graphs on them.
 * Under construction: this placeholder lets the package build, type-check and
 * pack until its first sources land (see DESIGN.md for what it will hold).
 */

/**
 * The npm name of this package.
 *
 * @example
 * import { packageName } from '@proj/backend-wasm';
 * packageName; // '@proj/backend-wasm'
 */
export const packageName = '@proj/backend-wasm';
