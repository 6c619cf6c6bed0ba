/**
 * Graph rewriters (PyTensor's GraphRewriter family): whole-graph passes. The
 * walking rewriter applies node rewriters to every node in in-to-out or
 * out-to-in order; every replacement goes through replaceValidate.
 */
import { InconsistencyError, TypeMismatchError, type Apply, type Feature, type FunctionGraph, type Variable } from '@proj/graph';
import { resultPairs, tracksNode, type NodeRewriter } from './node-rewriter';
import { now, type RewriteTrace } from './trace';

/** Options every graph rewriter takes. */
export interface RewriteOptions {
  /** Record firings and timings here. */
  trace?: RewriteTrace;
}

/** What a graph rewriter reports. */
export interface RewriteStats {
  /** How many replacements it made. */
  fired: number;
}

/** A whole-graph rewrite. */
export interface GraphRewriter {
  readonly kind: 'graph';
  readonly name: string;
  readonly tags: readonly string[];
  rewrite(fgraph: FunctionGraph, options?: RewriteOptions): RewriteStats;
}

/** A feature that can refuse the current graph (the DestroyHandler does). */
export interface ValidatingFeature extends Feature {
  /** Throws (an InconsistencyError) when the graph is not acceptable. */
  validate(fgraph: FunctionGraph): void;
}

function isValidating(f: Feature): f is ValidatingFeature {
  return typeof (f as Partial<ValidatingFeature>).validate === 'function';
}

/** Runs the validate method of every validating feature of `fgraph`. */
export function validateGraph(fgraph: FunctionGraph): void {
  for (const f of fgraph.features) if (isValidating(f)) f.validate(fgraph);
}

/**
 * Replaces each old Variable by its new one (fgraph.replaceAll, `reason` passed
 * to the features), then validates the graph. When a feature refuses the result,
 * every change is undone and false is returned (the error when `rethrow`);
 * other errors are rethrown after the undo.
 *
 * @example
 * replaceValidate(fg, [[xTimesOne, x]], 'mulByOne'); // true
 */
export function replaceValidate(fgraph: FunctionGraph, pairs: readonly (readonly [Variable, Variable])[], reason: string, rethrow = false): boolean {
  const uses = pairs.map(([o]) => [...fgraph.getClients(o)]);
  const done: number[] = [];
  try {
    pairs.forEach(([o, n], k) => {
      // FunctionGraph's own cycle check walks every ancestor of n for every
      // client (O(graph) per replacement); createsCycle looks only at the new
      // nodes and walks the old graph only when it cannot tell otherwise.
      if (createsCycle(fgraph, o, n)) throw new InconsistencyError(`${reason}: replacing ${o} by ${n} would create a cycle (${n} is computed from a user of ${o})`);
      fgraph.replace(o, n, { reason, checkCycles: false });
      done.push(k);
    });
    validateGraph(fgraph);
    return true;
  } catch (e) {
    for (const k of done.reverse()) {
      const [o, n] = pairs[k]!;
      for (const c of uses[k]!) {
        const current = c.node === 'output' ? fgraph.outputs[c.index] : c.node.inputs[c.index];
        if (current === n && (c.node === 'output' || fgraph.applyNodes.has(c.node))) fgraph.changeNodeInput(c.node, c.index, o, { reason: `revert ${reason}`, checkCycles: false });
      }
    }
    // Only a refusal (InconsistencyError) means "do not rewrite"; anything else is a bug to report.
    if (rethrow || !(e instanceof InconsistencyError)) throw e;
    return false;
  }
}

/**
 * Whether making every current client of `o` use `n` would create a cycle:
 * whether `n` is computed from `o` through a node already in the graph (a new
 * node of the replacement may use `o` itself: it keeps it). New nodes are
 * walked freely; an old Variable the new subgraph reads is known safe when it
 * has no owner, is an input of o's node, or its node reads only such
 * Variables (the common cases: rewrites build from the node's inputs, merges
 * point at a twin with the same inputs); otherwise its ancestors are walked.
 */
function createsCycle(fgraph: FunctionGraph, o: Variable, n: Variable): boolean {
  const direct = new Set<Variable>(o.owner?.inputs ?? []);
  let near: Set<Variable> | undefined;
  // Variables a few steps above o's node cannot depend on o (the graph is acyclic):
  // rewrites mostly rebuild from there (flattening, fusion of a small tree).
  const upstream = (v: Variable): boolean => {
    if (v.owner === null || direct.has(v)) return true;
    near ??= ancestorsNear(o, 4, 128);
    return near.has(v);
  };
  const stack: Variable[] = [n];
  const seen = new Set<Variable>();
  while (stack.length > 0) {
    const v = stack.pop()!;
    if (seen.has(v)) continue;
    seen.add(v);
    // o itself is only reached through new nodes here (old paths stop below): they keep using it.
    if (v === o) continue;
    const node = v.owner;
    if (node === null) continue;
    if (!fgraph.applyNodes.has(node)) {
      for (const i of node.inputs) stack.push(i);
      continue;
    }
    if (upstream(v) || node.inputs.every(upstream)) continue;
    if (dependsOnVar(v, o)) return true;
  }
  return false;
}

/** The Variables at most `levels` steps above o's node (at most about `cap` of them). */
function ancestorsNear(o: Variable, levels: number, cap: number): Set<Variable> {
  const out = new Set<Variable>();
  let frontier: Variable[] = [...(o.owner?.inputs ?? [])];
  for (let l = 0; l < levels && frontier.length > 0 && out.size < cap; l++) {
    const next: Variable[] = [];
    for (const v of frontier) {
      if (out.has(v)) continue;
      out.add(v);
      if (v.owner !== null) next.push(...v.owner.inputs);
    }
    frontier = next;
  }
  return out;
}

/** Whether `v` is `o` or computed from it (walks v's ancestors). */
function dependsOnVar(v: Variable, o: Variable): boolean {
  const seen = new Set<Apply>();
  const stack: Variable[] = [v];
  while (stack.length > 0) {
    const x = stack.pop()!;
    if (x === o) return true;
    const node = x.owner;
    if (node === null || seen.has(node)) continue;
    seen.add(node);
    for (const i of node.inputs) stack.push(i);
  }
  return false;
}

/**
 * Tries `rewriter` on `node` and makes its replacement. Returns whether it fired.
 * A replacement whose Type differs from (and cannot be converted to) the old
 * Variable's is a TypeMismatchError naming the rewrite.
 */
export function applyNodeRewriter(fgraph: FunctionGraph, rewriter: NodeRewriter, node: Apply, trace?: RewriteTrace): boolean {
  const t0 = now();
  let pairs: [Variable, Variable][] | undefined;
  try {
    pairs = resultPairs(node, rewriter.apply(fgraph, node));
  } finally {
    trace?.addRewriteTime(rewriter.name, now() - t0);
  }
  if (pairs === undefined) return false;
  const changes: [Variable, Variable][] = [];
  for (const [o, n] of pairs) {
    if (o === n) continue;
    let converted: Variable;
    try {
      converted = o.type.filterVariable(n, true);
    } catch {
      throw new TypeMismatchError({ op: `rewrite '${rewriter.name}'`, argument: `replacement of ${o}`, expected: `a Variable of type ${o.type}`, given: `${n} of type ${n.type}` });
    }
    changes.push([o, converted]);
  }
  if (changes.length === 0) return false;
  // Printing a node costs more than most rewrites: only for a trace.
  const nodeText = trace ? String(node) : '';
  if (!replaceValidate(fgraph, changes, rewriter.name)) return false;
  trace?.recordFiring(rewriter.name, nodeText, changes);
  return true;
}

/** The order in which a walking rewriter visits nodes. */
export type WalkOrder = 'in2out' | 'out2in';

/** Options of WalkingGraphRewriter. */
export interface WalkingOptions {
  name?: string;
  tags?: readonly string[];
  /** Default 'in2out' (inputs first). */
  order?: WalkOrder;
  /** Do not visit nodes that replacements bring in (default false: visit them too). */
  ignoreNewTrees?: boolean;
}

/**
 * Visits every node once (and, unless ignoreNewTrees, each node a replacement
 * brings in) and applies the first of its node rewriters that fires
 * (PyTensor's WalkingGraphRewriter, in2out / out2in). Iterative: no recursion.
 *
 * @example
 * new WalkingGraphRewriter([mulByOne, addZero], { order: 'out2in' }).rewrite(fg);
 */
export class WalkingGraphRewriter implements GraphRewriter {
  readonly kind = 'graph' as const;
  readonly name: string;
  readonly tags: readonly string[];
  readonly order: WalkOrder;
  readonly ignoreNewTrees: boolean;
  readonly rewriters: readonly NodeRewriter[];

  constructor(rewriters: NodeRewriter | readonly NodeRewriter[], options: WalkingOptions = {}) {
    this.rewriters = Array.isArray(rewriters) ? [...(rewriters as readonly NodeRewriter[])] : [rewriters as NodeRewriter];
    this.order = options.order ?? 'in2out';
    this.ignoreNewTrees = options.ignoreNewTrees ?? false;
    this.name = options.name ?? `${this.order}(${this.rewriters.map((r) => r.name).join(', ')})`;
    this.tags = options.tags ?? [];
  }

  rewrite(fgraph: FunctionGraph, options: RewriteOptions = {}): RewriteStats {
    // in2out takes nodes from the front of the topological order, out2in from
    // the back; new nodes go to the back (visited last in2out, next out2in).
    const queue = fgraph.toposort();
    let head = 0;
    const visited = new Set<Apply>();
    const importer: Feature = { onImport: (_fg, node) => void queue.push(node) };
    if (!this.ignoreNewTrees) fgraph.attachFeature(importer);
    let fired = 0;
    try {
      while (this.order === 'in2out' ? head < queue.length : queue.length > 0) {
        const node = this.order === 'in2out' ? queue[head++]! : queue.pop()!;
        // A refused replacement is undone by re-importing the old nodes: visit each node once.
        if (!fgraph.applyNodes.has(node) || visited.has(node)) continue;
        visited.add(node);
        for (const r of this.rewriters) {
          if (!tracksNode(r, node)) continue;
          if (applyNodeRewriter(fgraph, r, node, options.trace)) {
            fired++;
            break;
          }
        }
      }
    } finally {
      if (!this.ignoreNewTrees) fgraph.removeFeature(importer);
    }
    return { fired };
  }
}

/**
 * Runs graph rewriters one after the other (PyTensor's SequentialGraphRewriter).
 *
 * @example
 * new SequentialGraphRewriter('canonicalize', [merge, walk]).rewrite(fg);
 */
export class SequentialGraphRewriter implements GraphRewriter {
  readonly kind = 'graph' as const;
  readonly tags: readonly string[];

  constructor(
    readonly name: string,
    readonly rewriters: readonly GraphRewriter[],
    tags: readonly string[] = [],
  ) {
    this.tags = tags;
  }

  rewrite(fgraph: FunctionGraph, options: RewriteOptions = {}): RewriteStats {
    let fired = 0;
    for (const r of this.rewriters) {
      const t0 = now();
      fired += r.rewrite(fgraph, options).fired;
      options.trace?.addRewriteTime(r.name, now() - t0);
    }
    return { fired };
  }
}

/** Wraps a node rewriter into an in2out walking graph rewriter of the same name. */
export function asGraphRewriter(r: NodeRewriter | GraphRewriter): GraphRewriter {
  return r.kind === 'graph' ? r : new WalkingGraphRewriter(r, { name: r.name, tags: r.tags });
}
