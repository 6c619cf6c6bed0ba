/**
 * The unary functions that keep zeros (f(0) = 0), applied to the stored values
 * of a sparse matrix only, as pytensor.sparse lists them: sin, tan, arcsin,
 * arctan, sinh, arcsinh, tanh, arctanh, rad2deg, deg2rad, rint, ceil, floor,
 * trunc, sign, log1p, expm1, sqr, sqrt (and abs). Structured gradients.
 *
 * @example
 * sp.sin(sp.csrMatrix('x')); // a csr matrix with the structure of x
 */
import type { SparseVariable } from '../type/sparse-variable';
import { structuredUnary } from './structured';

export const sin = (x: unknown): SparseVariable => structuredUnary('sin', x);
export const tan = (x: unknown): SparseVariable => structuredUnary('tan', x);
export const arcsin = (x: unknown): SparseVariable => structuredUnary('arcsin', x);
export const arctan = (x: unknown): SparseVariable => structuredUnary('arctan', x);
export const sinh = (x: unknown): SparseVariable => structuredUnary('sinh', x);
export const arcsinh = (x: unknown): SparseVariable => structuredUnary('arcsinh', x);
export const tanh = (x: unknown): SparseVariable => structuredUnary('tanh', x);
export const arctanh = (x: unknown): SparseVariable => structuredUnary('arctanh', x);
export const rad2deg = (x: unknown): SparseVariable => structuredUnary('rad2deg', x);
export const deg2rad = (x: unknown): SparseVariable => structuredUnary('deg2rad', x);
export const rint = (x: unknown): SparseVariable => structuredUnary('rint', x);
export const ceil = (x: unknown): SparseVariable => structuredUnary('ceil', x);
export const floor = (x: unknown): SparseVariable => structuredUnary('floor', x);
export const trunc = (x: unknown): SparseVariable => structuredUnary('trunc', x);
export const sign = (x: unknown): SparseVariable => structuredUnary('sign', x);
export const log1p = (x: unknown): SparseVariable => structuredUnary('log1p', x);
export const expm1 = (x: unknown): SparseVariable => structuredUnary('expm1', x);
export const sqr = (x: unknown): SparseVariable => structuredUnary('sqr', x);
export const sqrt = (x: unknown): SparseVariable => structuredUnary('sqrt', x);
export const abs = (x: unknown): SparseVariable => structuredUnary('abs', x);
