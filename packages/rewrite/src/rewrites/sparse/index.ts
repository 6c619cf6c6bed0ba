/**
 * Sparse rewrites, by the phase they run in (in the order the equilibrium
 * tries them). localStructuredDot is listed in specialize but only runs when
 * a query names it (it carries no fast_run tag; see dot.ts).
 */
import type { NodeRewriter } from '../../node-rewriter';
import { localCsmPropertiesCsm } from './csm';
import { localDotToStructuredDot, localStructuredDot } from './dot';
import { localTransposeTranspose } from './transpose';
import { localUsmm } from './usmm';

export { localCsmPropertiesCsm, localDotToStructuredDot, localStructuredDot, localTransposeTranspose, localUsmm };

export const sparseCanonicalizeRewrites: readonly NodeRewriter[] = [localTransposeTranspose, localCsmPropertiesCsm, localDotToStructuredDot];
export const sparseSpecializeRewrites: readonly NodeRewriter[] = [localCsmPropertiesCsm, localUsmm, localStructuredDot];
