/** The specialize family (gemm, sqr, ...), in the order the equilibrium tries them. */
import type { NodeRewriter } from '../../node-rewriter';

export const specializeRewrites: readonly NodeRewriter[] = [];
