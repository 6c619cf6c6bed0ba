import type { ConformanceCase } from './case-types';
import { gradientCases } from './cases-gradient';
import { sparseCases } from './cases-sparse';
import { tensorCases } from './cases-tensor';

export type { CaseFamily, CaseInput, ConformanceCase, DenseCase, DenseInput, SparseInput } from './case-types';

/**
 * The table of graphs every backend must compute exactly as the reference
 * evaluator does (to floating-point tolerance): the dense tensor Op families,
 * the sparse Ops, and gradient graphs (grad of a small model, jacobian, Rop).
 *
 * @example
 * for (const c of conformanceCases) console.log(c.family, c.name);
 */
export const conformanceCases: readonly ConformanceCase[] = [...tensorCases, ...sparseCases, ...gradientCases];
