/**
 * Node rewriters (PyTensor's NodeRewriter / node_rewriter): small named units
 * that look at one Apply node and return its replacement or nothing.
 */
import { ArgumentError, Op, type Apply, type FunctionGraph, type Variable } from '@proj/graph';

/** An Op class (matches its instances and subclasses' instances). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type OpClass = abstract new (...args: any[]) => Op;

/**
 * What a rewriter tracks: an Op class, one Op value (matched with equals), or a
 * predicate on the Op.
 */
export type Track = OpClass | Op | ((op: Op) => boolean);

/**
 * What apply returns: the new outputs in the order of node.outputs, a map
 * old output -> new Variable, or false/undefined when the rewrite does not apply.
 */
export type RewriteResult = readonly Variable[] | ReadonlyMap<Variable, Variable> | false | undefined;

/**
 * A named local rewrite. `tracks` (absent: every node) says which nodes it is
 * tried on; `apply` returns the replacement or undefined.
 */
export interface NodeRewriter {
  readonly kind: 'node';
  readonly name: string;
  readonly tracks: readonly Track[] | undefined;
  readonly tags: readonly string[];
  apply(fgraph: FunctionGraph, node: Apply): RewriteResult;
}

/** What nodeRewriter takes. */
export interface NodeRewriterSpec {
  name: string;
  tracks?: readonly Track[];
  tags?: readonly string[];
  apply(fgraph: FunctionGraph, node: Apply): RewriteResult;
}

/**
 * Defines a node rewriter.
 *
 * @example
 * const dropIdentity = nodeRewriter({
 *   name: 'dropIdentity', tracks: [Identity], tags: ['canonicalize'],
 *   // identity(x) -> x
 *   apply: (_fg, node) => [node.inputs[0]!],
 * });
 */
export function nodeRewriter(spec: NodeRewriterSpec): NodeRewriter {
  if (typeof spec.name !== 'string' || spec.name.length === 0) {
    throw new ArgumentError({ op: 'nodeRewriter', argument: 'name', expected: 'a non-empty name', given: String(spec.name) });
  }
  return Object.freeze({ kind: 'node' as const, name: spec.name, tracks: spec.tracks, tags: Object.freeze([...(spec.tags ?? [])]), apply: spec.apply });
}

/** Whether `t` is an Op class (rather than a predicate function). */
function isOpClass(t: Track): t is OpClass {
  return typeof t === 'function' && (t === Op || t.prototype instanceof Op);
}

/** Whether the rewriter should be tried on `node` (its tracks accept the node's Op). */
export function tracksNode(rewriter: Pick<NodeRewriter, 'tracks'>, node: Apply): boolean {
  if (rewriter.tracks === undefined) return true;
  return rewriter.tracks.some((t) => {
    if (t instanceof Op) return t.equals(node.op);
    if (isOpClass(t)) return node.op instanceof t;
    return (t as (op: Op) => boolean)(node.op);
  });
}

/** The (old, new) pairs of a rewrite result, or undefined when it did not apply. */
export function resultPairs(node: Apply, result: RewriteResult): [Variable, Variable][] | undefined {
  if (result === false || result === undefined) return undefined;
  if (result instanceof Map) return [...result.entries()];
  const outs = result as readonly Variable[];
  if (outs.length !== node.outputs.length) {
    throw new ArgumentError({ op: 'NodeRewriter', argument: 'result', expected: `${node.outputs.length} replacement(s) for ${node}`, given: `${outs.length}` });
  }
  return node.outputs.map((o, i) => [o, outs[i]!]);
}
