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
export { stabilizeRewrites } from './rewrites/stabilize';
export { specializeRewrites } from './rewrites/specialize';
export { gradOpRewrites } from './rewrites/grad-ops';
export { fusionRewriters } from './rewrites/fusion';
export { inplaceRewriters } from './rewrites/inplace';
export { sparseCanonicalizeRewrites, sparseSpecializeRewrites } from './rewrites/sparse';
export { FAST_COMPILE_QUERY, FAST_RUN_QUERY, entriesOf, optdb, rewriteGraph } from './optdb';
