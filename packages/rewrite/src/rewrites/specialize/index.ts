/** The specialize family (gemm, sqr, ...), in the order the equilibrium tries them. */
import type { NodeRewriter } from '../../node-rewriter';
import { dotToGemm, gemmFromDot } from './gemm';
import { mulMinusOneToNeg, subFromZeroToNeg } from './neg';
import { powHalfToSqrt, powMinusHalfToRsqrt, powMinusOneToReciprocal, powTwoToSqr } from './pow';

export const specializeRewrites: readonly NodeRewriter[] = [
  gemmFromDot,
  dotToGemm,
  powTwoToSqr,
  powHalfToSqrt,
  powMinusOneToReciprocal,
  powMinusHalfToRsqrt,
  mulMinusOneToNeg,
  subFromZeroToNeg,
];
