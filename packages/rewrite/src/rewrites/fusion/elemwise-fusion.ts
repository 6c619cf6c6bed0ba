/**
 * Elementwise fusion (PyTensor's FusionOptimizer, for single-output groups):
 * a tree of Elemwise nodes whose intermediate values are used nowhere else
 * becomes one Elemwise over a Composite, so a backend runs one loop instead of
 * one loop (and one temporary array) per node.
 */
import type { Apply, FunctionGraph, Variable } from '@proj/graph';
import { Elemwise, TensorType, compositeFromGraph, isJsNumberDtype, scalarConstantValue, type TensorVariable } from '@proj/tensor';
import { replaceValidate, type GraphRewriter, type RewriteOptions, type RewriteStats } from '../../graph-rewriter';

/** Most tensor inputs a fused node takes (PyTensor bounds it too: each input costs a pointer and strides in the loop). */
export const MAX_FUSED_INPUTS = 32;

/**
 * Whether `node` may join a fused group: a non-in-place, single-output Elemwise on dtypes JS numbers hold.
 *
 * @example
 * isFusible(pt.exp(x).owner!); // true for a float x; false for an int64 x
 */
export function isFusible(node: Apply): boolean {
  if (!(node.op instanceof Elemwise) || node.outputs.length !== 1) return false;
  if (Object.keys(node.op.props.inplacePattern).length > 0) return false;
  const out = node.outputs[0]!.type;
  if (!(out instanceof TensorType) || !isJsNumberDtype(out.dtype)) return false;
  return node.inputs.every((v) => v.type instanceof TensorType && (isJsNumberDtype(v.type.dtype) || scalarConstantValue(v) !== undefined));
}

/**
 * Scalar ops cheap enough to compute twice rather than store and read back
 * (a few cycles against a memory round trip): a value of one of these used in
 * several places is recomputed inside each fused group that needs it.
 */
export const CHEAP_TO_RECOMPUTE = new Set(['add', 'sub', 'mul', 'neg', 'abs', 'sqr', 'lt', 'gt', 'le', 'ge', 'eq', 'neq', 'maximum', 'minimum', 'identity', 'switch']);

/** Whether two static shapes have their length-1 (broadcast) dimensions in the same places. */
function sameBroadcast(a: readonly (number | null)[], b: readonly (number | null)[]): boolean {
  return a.length === b.length && a.every((l, d) => (l === 1) === (b[d] === 1));
}

/** A group to fuse: its nodes, the one whose output leaves the group, the nodes it recomputes, and the group's inputs. */
interface Group {
  readonly root: Apply;
  readonly nodes: Set<Apply>;
  readonly recomputed: ReadonlySet<Apply>;
  readonly inputs: TensorVariable[];
}

/**
 * The external tensor inputs of a group, in the order a depth-first walk from
 * the root meets them (the order of the Composite's i0, i1...); one-element
 * constants are inlined into the program and are not inputs.
 */
function externalInputs(nodes: ReadonlySet<Apply>, root: Apply): TensorVariable[] {
  const seen = new Set<Variable>();
  const out: TensorVariable[] = [];
  const stack: Variable[] = [root.outputs[0]!];
  while (stack.length > 0) {
    const v = stack.pop()!;
    if (seen.has(v)) continue;
    seen.add(v);
    if (v.owner !== null && nodes.has(v.owner)) {
      for (let i = v.owner.inputs.length - 1; i >= 0; i--) stack.push(v.owner.inputs[i]!);
    } else if (scalarConstantValue(v) === undefined) out.push(v as TensorVariable);
  }
  return out;
}

/**
 * Grows a group from `root` towards the inputs: a producer joins when it is
 * fusible, all of its output's clients are already in the group (so no value
 * escapes but the root's), it broadcasts like the root (a producer broadcast
 * inside the loop would be recomputed per element), and the input bound holds.
 * Then cheap producers used elsewhere too join as recomputed copies.
 */
function growGroup(fgraph: FunctionGraph, root: Apply, taken: ReadonlySet<Apply>, graphOutputs: ReadonlySet<Variable>): Group {
  const nodes = new Set<Apply>([root]);
  const rootShape = (root.outputs[0]!.type as TensorType).shape;
  // The group's tensor inputs so far, kept up to date as producers join (linear in the group's size).
  const open = new Set<Variable>(root.inputs.filter((v) => scalarConstantValue(v) === undefined));
  // Producers with a client not (yet) in the group: retried when the group has grown.
  const waiting = new Set<Variable>();
  const tryJoin = (v: Variable): Apply | undefined => {
    const p = v.owner;
    if (p === null || nodes.has(p) || taken.has(p) || graphOutputs.has(v) || !isFusible(p)) return undefined;
    if (!sameBroadcast((v.type as TensorType).shape, rootShape)) return undefined;
    if (!fgraph.getClients(v).every((c) => c.node !== 'output' && nodes.has(c.node))) {
      waiting.add(v);
      return undefined;
    }
    const added = new Set(p.inputs.filter((x) => !open.has(x) && scalarConstantValue(x) === undefined));
    if (open.size - 1 + added.size > MAX_FUSED_INPUTS) return undefined;
    nodes.add(p);
    waiting.delete(v);
    open.delete(v);
    for (const x of added) open.add(x);
    return p;
  };
  const frontier = [root];
  while (frontier.length > 0) {
    while (frontier.length > 0) {
      const node = frontier.pop()!;
      for (const v of node.inputs) {
        const p = tryJoin(v);
        if (p !== undefined) frontier.push(p);
      }
    }
    for (const v of [...waiting]) {
      const p = tryJoin(v);
      if (p !== undefined) frontier.push(p);
    }
  }
  // A cheap producer still needed elsewhere is recomputed inside the group (from its own inputs; no deeper).
  const recomputed = new Set<Apply>();
  for (const v of waiting) {
    const p = v.owner!;
    if (nodes.has(p) || !CHEAP_TO_RECOMPUTE.has((p.op as Elemwise).scalarOp.name) || !sameBroadcast((v.type as TensorType).shape, rootShape)) continue;
    const added = new Set(p.inputs.filter((x) => !open.has(x) && scalarConstantValue(x) === undefined));
    if (open.size - 1 + added.size > MAX_FUSED_INPUTS) continue;
    nodes.add(p);
    recomputed.add(p);
    open.delete(v);
    for (const x of added) open.add(x);
  }
  return { root, nodes, recomputed, inputs: externalInputs(nodes, root) };
}

/**
 * The fusion pass: finds maximal groups from the outputs backwards, and
 * replaces each group of two or more nodes by one Elemwise over the Composite
 * of its program. An intermediate value used outside a group ends it: it is
 * computed once and read by the group, unless it is the result of one cheap op
 * (CHEAP_TO_RECOMPUTE), which the group then recomputes from that op's inputs.
 *
 * @example
 * // exp(x) * y + tanh(z) - sqr(x) -> Elemwise{Composite{((exp(i0) * i1) + tanh(i2)) - sqr(i0)}}(x, y, z)
 * elemwiseFusion.rewrite(fg);
 */
export const elemwiseFusion: GraphRewriter = {
  kind: 'graph',
  name: 'elemwiseFusion',
  tags: ['fusion', 'fast_run'],
  rewrite(fgraph: FunctionGraph, options: RewriteOptions = {}): RewriteStats {
    const order = fgraph.toposort();
    const taken = new Set<Apply>();
    const graphOutputs = new Set<Variable>(fgraph.outputs);
    const groups: Group[] = [];
    // Outputs first: every group starts at the last node of its tree.
    for (let k = order.length - 1; k >= 0; k--) {
      const node = order[k]!;
      if (taken.has(node) || !isFusible(node)) continue;
      const g = growGroup(fgraph, node, taken, graphOutputs);
      g.nodes.forEach((n) => g.recomputed.has(n) || taken.add(n));
      if (g.nodes.size >= 2 && g.inputs.length > 0) groups.push(g);
    }
    let fired = 0;
    // Downstream groups are replaced first; an upstream replacement then rewires their input.
    for (const g of groups) {
      // Every client of this root recomputed it: it is no longer in the graph.
      if (!fgraph.applyNodes.has(g.root)) continue;
      const old = g.root.outputs[0]! as TensorVariable;
      const composite = compositeFromGraph(g.inputs, old);
      const fused = new Elemwise(composite).call(...g.inputs) as TensorVariable;
      if (!fused.type.equals(old.type)) continue;
      const nodeText = String(g.root);
      if (!replaceValidate(fgraph, [[old, fused]], this.name)) continue;
      options.trace?.recordFiring(this.name, nodeText, [[old, fused]]);
      fired++;
    }
    return { fired };
  },
};
