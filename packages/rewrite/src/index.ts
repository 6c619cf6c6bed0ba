/**
 * @proj/rewrite: the rewriting machinery (PyTensor's pytensor.graph.rewriting):
 * node rewriters and the pattern DSL, graph rewriters (walking, equilibrium),
 * databases and pipelines, rewrite traces, and the FunctionGraph features that
 * rewriting needs (merge, shapes, destroy handling). Nothing registers itself
 * on import: databases and pipelines are plain values built from these exports.
 *
 * @example
 * import { EquilibriumGraphRewriter, exampleRewrites, constantFolding } from '@proj/rewrite';
 * new EquilibriumGraphRewriter([...exampleRewrites, constantFolding]).rewrite(fg);
 */
export { nodeRewriter, resultPairs, tracksNode, type NodeRewriter, type NodeRewriterSpec, type OpClass, type RewriteResult, type Track } from './node-rewriter';
export {
  buildPattern,
  constantValue,
  scalarConstantValue,
  matchPattern,
  p,
  patternRewriter,
  patternToString,
  type Bindings,
  type ConstPattern,
  type ConstVarPattern,
  type OpMatcher,
  type OpPattern,
  type Pattern,
  type PatternRewriterSpec,
  type VarPattern,
} from './pattern';
export {
  SequentialGraphRewriter,
  WalkingGraphRewriter,
  applyNodeRewriter,
  asGraphRewriter,
  replaceValidate,
  validateGraph,
  type GraphRewriter,
  type RewriteOptions,
  type RewriteStats,
  type ValidatingFeature,
  type WalkOrder,
  type WalkingOptions,
} from './graph-rewriter';
export { EquilibriumGraphRewriter, NonConvergenceError, type EquilibriumOptions } from './equilibrium';
export { EquilibriumDB, RewriteDB, RewriteDatabaseQuery, SequenceDB, runPipeline, type DBEntry, type DBItem, type Phase, type Pipeline, type QuerySpec } from './db';
export { RewriteTrace, type RewriteEvent } from './trace';
export { MergeFeature, MergeOptimizer, mergeOptimizer } from './features/merge';
export { ShapeFeature } from './features/shape-feature';
export { DestroyHandler, isDestroyHandler, type DestroyHandlerOptions } from './features/destroy-handler';
export { constantFolding } from './rewrites/constant-folding';
export { addZero, exampleRewrites, mulByOne, negNeg } from './rewrites/canonicalize/basic';
export { log1pFromLog } from './rewrites/stabilize/log1p';
export { canonicalizeRewrites } from './rewrites/canonicalize';
export { uselessAlloc, uselessFill } from './rewrites/canonicalize/alloc';
export { addNegToSub, mulNeg, negMulConst, singleInputAddMul, subNegToAdd, subSelf } from './rewrites/canonicalize/arith';
export { mergeCasts, uselessCast } from './rewrites/canonicalize/cast';
export { composeShuffles, dimShuffleLift, mergeDimShuffles, uselessDimShuffle } from './rewrites/canonicalize/dimshuffle';
export { divByConst, divSelf, zeroDiv } from './rewrites/canonicalize/division';
export { collectAddConstants, collectMulConstants, flattenAdd, flattenMul } from './rewrites/canonicalize/flatten';
export { powOne, powZero } from './rewrites/canonicalize/pow';
export { mergeReductions, reduceOfDimShuffle, reduceOverBroadcastable, sumOfAlloc, uselessReduce, withAxes } from './rewrites/canonicalize/reduce';
export { isLengthOf, mergeReshapes, mergeSpecifyShapes, uselessReshape, uselessSpecifyShape } from './rewrites/canonicalize/shape';
export { uselessSubtensor } from './rewrites/canonicalize/subtensor';
export { exactly, filledLike, losslessCast } from './rewrites/canonicalize/util';
export { stabilizeRewrites } from './rewrites/stabilize';
export { expm1FromExp } from './rewrites/stabilize/expm1';
export { logOneMinusSigmoid, logSigmoid, oneMinusSigmoid } from './rewrites/stabilize/sigmoid';
export { log1mexpFromExpm1, log1mexpFromLog } from './rewrites/stabilize/log1mexp';
export { logSumExp } from './rewrites/stabilize/logsumexp';
export { specializeRewrites } from './rewrites/specialize';
export { dotToGemm, gemmFromDot } from './rewrites/specialize/gemm';
export { powHalfToSqrt, powMinusHalfToRsqrt, powMinusOneToReciprocal, powTwoToSqr } from './rewrites/specialize/pow';
export { mulMinusOneToNeg, subFromZeroToNeg } from './rewrites/specialize/neg';
export { gradOpRewrites, removeDisconnectedGrad, removeGradClip, removeGradScale, removeUndefinedGrad, removeZeroGrad } from './rewrites/grad-ops';
export { fusionRewriters } from './rewrites/fusion';
export { CHEAP_TO_RECOMPUTE, elemwiseFusion, isFusible, MAX_FUSED_INPUTS } from './rewrites/fusion/elemwise-fusion';
export { inplaceRewriters, inplaceRewritersWith } from './rewrites/inplace';
export { InplaceGraphRewriter, ensureDestroyHandler, viewRoot, type InplaceCandidate, type InplaceOptions, type InplaceSpec } from './rewrites/inplace/inplace-rewriter';
export { inplaceElemwise, inplaceElemwiseSpec } from './rewrites/inplace/elemwise';
export { inplaceGemm, inplaceGemv, inplaceGer, inplaceIncSubtensor } from './rewrites/inplace/ops';
export { sparseCanonicalizeRewrites, sparseSpecializeRewrites, localCsmPropertiesCsm, localDotToStructuredDot, localStructuredDot, localTransposeTranspose, localUsmm } from './rewrites/sparse';
export { FAST_COMPILE_QUERY, FAST_RUN_QUERY, entriesOf, optdb, rewriteGraph } from './optdb';
