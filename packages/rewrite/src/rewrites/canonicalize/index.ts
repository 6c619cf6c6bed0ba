/**
 * The canonicalize family, in the order the equilibrium tries them. Each
 * rewrite carries its own tags ('canonicalize', 'fast_run', and 'fast_compile'
 * when FAST_COMPILE should run it too).
 */
import type { NodeRewriter } from '../../node-rewriter';
import { addZero, mulByOne, negNeg } from './basic';

export const canonicalizeRewrites: readonly NodeRewriter[] = [mulByOne, addZero, negNeg];
