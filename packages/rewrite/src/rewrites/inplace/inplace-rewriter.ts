/**
 * The in-place graph rewriter (PyTensor's insert_inplace_optimizer): walks the
 * nodes in topological order and, for each node with in-place versions, tries
 * them one by one (each overwrites one input), keeping the first the
 * DestroyHandler accepts and undoing the others.
 */
import { DestroyHandler, isDestroyHandler } from '../../features/destroy-handler';
import { replaceValidate, type GraphRewriter, type RewriteOptions, type RewriteStats } from '../../graph-rewriter';
import type { Apply, Feature, FunctionGraph, Op, Variable } from '@proj/graph';

/** Options of the in-place rewriters. */
export interface InplaceOptions {
  /**
   * Graph inputs the caller declares mutable: in-place nodes may overwrite
   * them (PyTensor's In(x, mutable=True)). By default no graph input may be.
   */
  mutableInputs?: (v: Variable, fgraph: FunctionGraph) => boolean;
}

/** One in-place version of a node. */
export interface InplaceCandidate {
  /** The position of the input it overwrites. */
  readonly destroys: number;
  /** Builds the outputs of the in-place node (same Types as the node's). */
  build(): readonly Variable[];
}

/** What an in-place rewriter is made from. */
export interface InplaceSpec {
  readonly name: string;
  /** The nodes it looks at. */
  readonly tracks: (op: Op) => boolean;
  /** The in-place versions of `node`, best first (none for a node that is in place already). */
  candidates(node: Apply): readonly InplaceCandidate[];
  /**
   * How the node copes with another of its inputs sharing the memory it
   * overwrites: 'copies' (its perform copies such an input first: Gemm),
   * 'same' (an identical Variable is fine, read element by element before the
   * write: Elemwise), 'none' (the candidate is skipped).
   */
  readonly aliasing: 'copies' | 'same' | 'none';
}

/**
 * The Variable whose memory `v` is a view of (following viewMap), as the DestroyHandler sees it.
 *
 * @example
 * viewRoot(pt.transpose(pt.dimshuffle(t, [0, 'x']))); // t
 */
export function viewRoot(v: Variable): Variable {
  let cur = v;
  for (;;) {
    const node = cur.owner;
    if (node === null || cur.index === null) return cur;
    const via = node.op.viewMap[cur.index];
    if (via === undefined || via.length === 0) return cur;
    cur = node.inputs[via[0]!]!;
  }
}

/**
 * The DestroyHandler of `fgraph`; one is attached when missing, with the graph
 * inputs `mutableInputs` accepts marked destroyable (also on one already there).
 *
 * @example
 * ensureDestroyHandler(fg, (v) => v.name === 'buffer');
 */
export function ensureDestroyHandler(fgraph: FunctionGraph, mutableInputs?: InplaceOptions['mutableInputs']): DestroyHandler {
  const mutable = mutableInputs === undefined ? [] : fgraph.inputs.filter((v) => mutableInputs(v, fgraph));
  const found = fgraph.features.find(isDestroyHandler);
  if (found !== undefined) {
    for (const v of mutable) found.allowDestroying(v);
    return found;
  }
  const dh = new DestroyHandler({ destroyableInputs: mutable });
  fgraph.attachFeature(dh);
  return dh;
}

function validates(f: Feature): boolean {
  return typeof (f as { validate?: unknown }).validate === 'function';
}

/** Whether another input of `node` reads the memory of input `i`. */
function aliased(node: Apply, i: number, tolerateSame: boolean): boolean {
  const v = node.inputs[i]!;
  const root = viewRoot(v);
  return node.inputs.some((w, j) => j !== i && !(tolerateSame && w === v) && viewRoot(w) === root);
}

/**
 * Every node except `node` that reads `root` or a view of it (the
 * DestroyHandler's readers), or undefined when `root` or one of its views is
 * a graph output (the caller gets that memory: it may not be overwritten).
 */
function otherReaders(fgraph: FunctionGraph, root: Variable, node: Apply): Apply[] | undefined {
  const readers: Apply[] = [];
  const stack = [root];
  const seen = new Set<Variable>();
  while (stack.length > 0) {
    const v = stack.pop()!;
    if (seen.has(v)) continue;
    seen.add(v);
    for (const c of fgraph.getClients(v)) {
      if (c.node === 'output') return undefined;
      if (c.node === node) continue;
      const reader = c.node;
      readers.push(reader);
      reader.outputs.forEach((o, k) => {
        if (reader.op.viewMap[k]?.includes(c.index)) stack.push(o);
      });
    }
  }
  return readers;
}

/** Whether `target` is computed from an output of `node` (a forward search that stops past target's position). */
function dependsOn(fgraph: FunctionGraph, target: Apply, node: Apply, pos: ReadonlyMap<Apply, number>): boolean {
  const limit = pos.get(target) ?? Infinity;
  const stack = [...node.outputs];
  const seen = new Set<Apply>();
  while (stack.length > 0) {
    for (const c of fgraph.getClients(stack.pop()!)) {
      if (c.node === 'output' || seen.has(c.node)) continue;
      if (c.node === target) return true;
      seen.add(c.node);
      // Nodes after target in a topological order cannot lead to it.
      if ((pos.get(c.node) ?? Infinity) < limit) stack.push(...c.node.outputs);
    }
  }
  return false;
}

/** The outcome of the local check of one in-place candidate. */
type Verdict = 'safe' | 'unsafe' | 'ask';

/**
 * The DestroyHandler's rules, checked locally for `node` overwriting input
 * `v` (so that most candidates cost no whole-graph validation): refused for a
 * constant, a graph input not marked destroyable, a graph output or a view of
 * one, a value
 * another node overwrites, or a value a node computed from `node`'s result
 * still reads; accepted when every other reader comes before `node` in the
 * current topological order (which honours all existing orderings, so it
 * stays a valid schedule); 'ask' (validate the whole graph) otherwise.
 */
function localVerdict(fgraph: FunctionGraph, dh: DestroyHandler, node: Apply, v: Variable, state: WalkState): Verdict {
  const root = viewRoot(v);
  if (root.isConstant() || state.outputs.has(root) || state.destroyed.has(root)) return 'unsafe';
  if (root.owner === null && !dh.isDestroyable(root)) return 'unsafe';
  const readers = otherReaders(fgraph, root, node);
  if (readers === undefined) return 'unsafe';
  const at = state.pos.get(node)!;
  if (readers.every((r) => (state.pos.get(r) ?? Infinity) < at)) return 'safe';
  if (readers.some((r) => (state.pos.get(r) ?? -1) > at && dependsOn(fgraph, r, node, state.pos))) return 'unsafe';
  return 'ask';
}

/** What the walk keeps: positions in a topological order, the graph outputs, the roots already overwritten. */
interface WalkState {
  pos: Map<Apply, number>;
  readonly outputs: Set<Variable>;
  readonly destroyed: Set<Variable>;
}

/** The roots the in-place nodes of the graph overwrite. */
function destroyedRoots(fgraph: FunctionGraph): Set<Variable> {
  const out = new Set<Variable>();
  for (const n of fgraph.applyNodes) for (const ins of Object.values(n.op.destroyMap)) for (const i of ins) out.add(viewRoot(n.inputs[i]!));
  return out;
}

/**
 * A graph rewriter that replaces nodes by in-place versions under the
 * DestroyHandler (attached when missing). Tagged 'inplace' and 'fast_run'.
 *
 * @example
 * new InplaceGraphRewriter(inplaceElemwiseSpec, { mutableInputs: (v) => v.name === 'acc' }).rewrite(fg);
 */
export class InplaceGraphRewriter implements GraphRewriter {
  readonly kind = 'graph' as const;
  readonly name: string;
  readonly tags: readonly string[] = ['inplace', 'fast_run'];

  constructor(
    readonly spec: InplaceSpec,
    readonly options: InplaceOptions = {},
  ) {
    this.name = spec.name;
  }

  /** The same rewriter with other options (which graph inputs are mutable). */
  withOptions(options: InplaceOptions): InplaceGraphRewriter {
    return new InplaceGraphRewriter(this.spec, options);
  }

  rewrite(fgraph: FunctionGraph, options: RewriteOptions = {}): RewriteStats {
    const dh = ensureDestroyHandler(fgraph, this.options.mutableInputs);
    // The local checks stand in for the DestroyHandler only when it is the one feature that validates.
    const onlyDh = fgraph.features.every((f) => !validates(f) || isDestroyHandler(f));
    const order = fgraph.toposort();
    const state: WalkState = { pos: new Map(order.map((n, i) => [n, i])), outputs: new Set(fgraph.outputs), destroyed: destroyedRoots(fgraph) };
    let fired = 0;
    for (const node of order) {
      if (!fgraph.applyNodes.has(node) || !this.spec.tracks(node.op)) continue;
      for (const cand of this.spec.candidates(node)) {
        const v = node.inputs[cand.destroys]!;
        if (this.spec.aliasing !== 'copies' && aliased(node, cand.destroys, this.spec.aliasing === 'same')) continue;
        const verdict = onlyDh ? localVerdict(fgraph, dh, node, v, state) : 'ask';
        if (verdict === 'unsafe') continue;
        const outs = cand.build();
        const pairs = node.outputs.map((o, k) => [o, outs[k]!] as const);
        if (!pairs.every(([o, n]) => n !== undefined && o.type.equals(n.type))) continue;
        const nodeText = options.trace ? String(node) : '';
        if (verdict === 'safe') {
          // Same inputs as the old node: no cycle can appear, so the (costly) cycle check is skipped.
          fgraph.replaceAll(pairs, { reason: this.name, checkCycles: false });
          // The in-place node takes the place of the old one in the order.
          for (const [, n] of pairs) if (n.owner !== null) state.pos.set(n.owner, state.pos.get(node)!);
        } else {
          if (!replaceValidate(fgraph, pairs, this.name)) continue;
          // The DestroyHandler may have needed another order: take the one the graph gives now.
          state.pos = new Map(fgraph.toposort().map((n, i) => [n, i]));
        }
        state.destroyed.add(viewRoot(v));
        // A replaced graph output is an output under its new Variable.
        for (const [o, n] of pairs) if (state.outputs.has(o)) state.outputs.add(n);
        fired++;
        options.trace?.recordFiring(this.name, nodeText, pairs.map(([o, n]) => [o, n]));
        break;
      }
    }
    // No whole-graph validation at the end: the local verdict applies the DestroyHandler's
    // rules to a topological order that honours every ordering (tests validate the results).
    return { fired };
  }
}
