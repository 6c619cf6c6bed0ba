/**
 * @proj/graph: the graph IR every package builds on (PyTensor's pytensor.graph).
 *
 * @example
 * import { FunctionGraph, debugprint, evaluate } from '@proj/graph';
 */
export { Apply, Constant, Variable, describeThing, freshId } from './basic';
export { clone, cloneGetEquiv, cloneReplace, type CloneMap, type CloneOptions, type Replacements } from './clone';
export { config, parseFlags, FLAGS_ENV, type Config, type ConfigFlags } from './config';
export { equalComputations } from './equal';
export {
  AllocationError,
  ArgumentError,
  ConfigError,
  DtypeError,
  InconsistencyError,
  MethodNotDefinedError,
  MissingInputError,
  NodeError,
  ProjError,
  ShapeError,
  TestValueError,
  TypeMismatchError,
  type AllocationErrorInfo,
  type ArgumentErrorInfo,
} from './errors';
export { checkOptions, closestOption, optionKeys } from './options';
export { describeNode, evaluate, nodeError, resolveGivens, type EvaluateOptions, type Givens } from './evaluate';
export { ChangeLog, type Client, type Feature } from './features';
export { FunctionGraph, type FunctionGraphOptions, type ReplaceOptions } from './fgraph';
export { DisconnectedType, NullType, disconnectedType, gradNotImplemented, gradUndefined } from './null-type';
export {
  Op,
  type AliasMap,
  type ComputeMap,
  type OpProps,
  type ShapeTuple,
  type StorageCell,
  type StorageMap,
  type Thunk,
} from './op';
export {
  OpFromGraph,
  hasInnerGraph,
  type HasInnerGraph,
  type LopOverride,
  type OpFromGraphOptions,
  type RopOverride,
} from './op-from-graph';
export { debugprint, type DebugprintOptions } from './print/debugprint';
export { toDot, type DotOptions } from './print/dot';
export { toHtml, toHtml as d3viz, type Drawable, type HtmlOptions } from './print/html';
export { charId, type IdsType } from './print/ids';
export { deepFreeze, stableKey, type Hashable } from './props';
export { SharedVariable, ownSharedValue, type BorrowOptions, type SharedContainer, type SharedOptions } from './shared';
export { computeTestValue, getTestValue, getTestValues, hasTestValue, missingTestMessage } from './test-value';
export { addTagTrace, formatTrace, userStackFrames, type Tag } from './trace';
export { ancestors, applysBetween, graphInputs, ioToposort, orphans, toposort, varsBetween, type Orderings } from './traversal';
export { GenericType, Type, generic, type FilterOptions } from './type';
