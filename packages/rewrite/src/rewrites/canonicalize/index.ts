/**
 * The canonicalize family, in the order the equilibrium tries them on a node
 * (the first that fires wins): removals of useless nodes, merges of
 * consecutive nodes, algebra, flattening and constant collection, then moves
 * (DimShuffle lifted, reductions moved onto their input). Each rewrite carries
 * its own tags ('canonicalize', 'fast_run'; FAST_COMPILE runs none of these).
 */
import type { NodeRewriter } from '../../node-rewriter';
import { uselessAlloc, uselessFill } from './alloc';
import { addNegToSub, mulNeg, negMulConst, singleInputAddMul, subNegToAdd, subSelf } from './arith';
import { addZero, mulByOne, negNeg } from './basic';
import { mergeCasts, uselessCast } from './cast';
import { dimShuffleLift, mergeDimShuffles, uselessDimShuffle } from './dimshuffle';
import { divByConst, divSelf, zeroDiv } from './division';
import { collectAddConstants, collectMulConstants, flattenAdd, flattenMul } from './flatten';
import { powOne, powZero } from './pow';
import { mergeReductions, reduceOfDimShuffle, reduceOverBroadcastable, sumOfAlloc, uselessReduce } from './reduce';
import { mergeReshapes, mergeSpecifyShapes, uselessReshape, uselessSpecifyShape } from './shape';
import { uselessSubtensor } from './subtensor';

export const canonicalizeRewrites: readonly NodeRewriter[] = [
  // Nodes that compute their input.
  uselessDimShuffle,
  uselessReshape,
  uselessSpecifyShape,
  uselessAlloc,
  uselessFill,
  uselessSubtensor,
  uselessCast,
  uselessReduce,
  singleInputAddMul,
  // Consecutive nodes merged.
  mergeDimShuffles,
  mergeReshapes,
  mergeSpecifyShapes,
  mergeCasts,
  mergeReductions,
  // Algebra.
  mulByOne,
  addZero,
  negNeg,
  subSelf,
  subNegToAdd,
  addNegToSub,
  negMulConst,
  mulNeg,
  divSelf,
  zeroDiv,
  divByConst,
  powZero,
  powOne,
  flattenAdd,
  flattenMul,
  collectAddConstants,
  collectMulConstants,
  // Moves.
  sumOfAlloc,
  reduceOverBroadcastable,
  reduceOfDimShuffle,
  dimShuffleLift,
];
