/** The stabilize family, in the order the equilibrium tries them. */
import type { NodeRewriter } from '../../node-rewriter';
import { log1pFromLog } from './log1p';

export const stabilizeRewrites: readonly NodeRewriter[] = [log1pFromLog];
