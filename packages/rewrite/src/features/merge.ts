/**
 * Common subexpression elimination (PyTensor's MergeFeature / MergeOptimizer):
 * nodes with equal Ops on identical inputs, and constants with equal
 * signatures, are merged into one.
 */
import { type Apply, type Feature, type FunctionGraph, type Variable } from '@proj/graph';
import { replaceValidate, type GraphRewriter, type RewriteOptions, type RewriteStats } from '../graph-rewriter';

/** A constant with a signature (graph's Constant, tensor's TensorConstant). */
type SignedConstant = Variable & { signature(): string };

function isSignedConstant(v: Variable): v is SignedConstant {
  return v.isConstant() && typeof (v as Partial<SignedConstant>).signature === 'function';
}

function nodeKey(node: Apply): string {
  return `${node.op.hash()}(${node.inputs.map((v) => v.id).join(',')})`;
}

/**
 * Keeps a table of the graph's nodes by (Op, inputs) and of its constants by
 * signature, and schedules a merge whenever a node or constant equal to one
 * already there appears (when imported, or when an input change makes two equal).
 *
 * @example
 * const mf = new MergeFeature(); fg.attachFeature(mf); mf.scheduled; // pairs to merge
 */
export class MergeFeature implements Feature {
  private readonly byKey = new Map<string, Apply>();
  private readonly keyOf = new Map<Apply, string>();
  private readonly constants = new Map<string, Variable>();
  /** (duplicate, kept) pairs waiting to be merged. */
  readonly scheduled: [Variable, Variable][] = [];

  onAttach(fgraph: FunctionGraph): void {
    for (const node of fgraph.toposort()) this.onImport(fgraph, node);
  }

  onDetach(): void {
    this.byKey.clear();
    this.keyOf.clear();
    this.constants.clear();
    this.scheduled.length = 0;
  }

  onImport(fgraph: FunctionGraph, node: Apply): void {
    for (const v of node.inputs) if (isSignedConstant(v)) this.seeConstant(fgraph, v);
    this.register(fgraph, node);
  }

  onPrune(_fg: FunctionGraph, node: Apply): void {
    const key = this.keyOf.get(node);
    if (key !== undefined && this.byKey.get(key) === node) this.byKey.delete(key);
    this.keyOf.delete(node);
  }

  onChangeInput(fgraph: FunctionGraph, node: Apply | 'output', _i: number, _old: Variable, newVar: Variable): void {
    if (isSignedConstant(newVar)) this.seeConstant(fgraph, newVar);
    if (node === 'output' || !fgraph.applyNodes.has(node)) return;
    this.onPrune(fgraph, node);
    this.register(fgraph, node);
  }

  private seeConstant(fgraph: FunctionGraph, c: SignedConstant): void {
    const sig = c.signature();
    const known = this.constants.get(sig);
    if (known === undefined || !fgraph.variables.has(known)) this.constants.set(sig, c);
    else if (known !== c) this.scheduled.push([c, known]);
  }

  private register(fgraph: FunctionGraph, node: Apply): void {
    const key = nodeKey(node);
    const known = this.byKey.get(key);
    if (known !== undefined && known !== node && fgraph.applyNodes.has(known) && known.op.equals(node.op)) {
      node.outputs.forEach((o, i) => this.scheduled.push([o, known.outputs[i]!]));
    } else {
      this.byKey.set(key, node);
    }
    this.keyOf.set(node, key);
  }
}

/**
 * Merges what the MergeFeature finds until nothing is left (attaching one when
 * the graph has none). Replacements carry the reason 'merge'.
 *
 * @example
 * mergeOptimizer().rewrite(fg); // exp(x) + exp(x) now uses one exp node
 */
export class MergeOptimizer implements GraphRewriter {
  readonly kind = 'graph' as const;
  readonly name = 'merge';
  readonly tags: readonly string[] = ['merge', 'fast_run', 'fast_compile'];

  rewrite(fgraph: FunctionGraph, options: RewriteOptions = {}): RewriteStats {
    let feature = fgraph.features.find((f): f is MergeFeature => f instanceof MergeFeature);
    if (feature === undefined) {
      feature = new MergeFeature();
      fgraph.attachFeature(feature);
    }
    let fired = 0;
    // A read index instead of Array.shift (O(queue) per call): merges schedule
    // more merges as they go, so the queue is consumed while it grows.
    const queue = feature.scheduled;
    let head = 0;
    try {
      while (head < queue.length) {
        const [dup, kept] = queue[head++]!;
        if (!fgraph.variables.has(dup) || !fgraph.variables.has(kept) || dup === kept) continue;
        if (!dup.type.equals(kept.type)) continue;
        // Printing a node costs more than merging it: only for a trace.
        const nodeText = options.trace ? (dup.owner ? String(dup.owner) : String(dup)) : '';
        if (replaceValidate(fgraph, [[dup, kept]], this.name)) {
          fired++;
          options.trace?.recordFiring(this.name, nodeText, [[dup, kept]]);
        }
      }
    } finally {
      queue.splice(0, head);
    }
    return { fired };
  }
}

/** A new MergeOptimizer. */
export function mergeOptimizer(): MergeOptimizer {
  return new MergeOptimizer();
}
