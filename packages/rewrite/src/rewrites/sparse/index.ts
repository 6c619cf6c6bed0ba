/** Sparse rewrites, by the phase they run in. */
import type { NodeRewriter } from '../../node-rewriter';

export const sparseCanonicalizeRewrites: readonly NodeRewriter[] = [];
export const sparseSpecializeRewrites: readonly NodeRewriter[] = [];
