/**
 * DestroyHandler (PyTensor's DestroyHandler): checks the in-place nodes of a
 * graph (destroyMap, through the views of viewMap) and orders each destroyer
 * after every other reader of the value it overwrites.
 */
import { InconsistencyError, ioToposort, type Apply, type Feature, type FunctionGraph, type Orderings, type Variable } from '@proj/graph';
import type { ValidatingFeature } from '../graph-rewriter';

/** Options of DestroyHandler. */
export interface DestroyHandlerOptions {
  /** Graph inputs that in-place nodes may overwrite (by default none may be). */
  destroyableInputs?: Iterable<Variable>;
}

/**
 * Refuses (InconsistencyError) a graph in which an in-place node overwrites
 * a constant, a graph input not marked destroyable, a graph output, a value
 * another in-place node also overwrites, or a value (or a view of it) that
 * another node still needs after the overwrite. Its orderings() put each
 * destroyer after the other readers.
 *
 * @example
 * fg.attachFeature(new DestroyHandler({ destroyableInputs: [fg.inputs[0]] }));
 */
export class DestroyHandler implements ValidatingFeature {
  private readonly destroyable: Set<Variable>;

  constructor(options: DestroyHandlerOptions = {}) {
    this.destroyable = new Set(options.destroyableInputs ?? []);
  }

  /** Marks a graph input as one in-place nodes may overwrite. */
  allowDestroying(v: Variable): void {
    this.destroyable.add(v);
  }

  /** Whether a graph input is marked as one in-place nodes may overwrite. */
  isDestroyable(v: Variable): boolean {
    return this.destroyable.has(v);
  }

  onAttach(fgraph: FunctionGraph): void {
    this.validate(fgraph);
  }

  /**
   * The Variable whose memory `v` shares: follows viewMap. Not destroyMap (as
   * PyTensor's DestroyHandler): an in-place result is a new value once its input
   * is overwritten, so a chain of in-place nodes, each overwriting the result of
   * the previous one, is one destroyer per value.
   */
  private root(v: Variable): Variable {
    let cur = v;
    for (;;) {
      const node = cur.owner;
      if (node === null || cur.index === null) return cur;
      const via = node.op.viewMap[cur.index];
      if (via === undefined || via.length === 0) return cur;
      cur = node.inputs[via[0]!]!;
    }
  }

  /** Root Variable -> the nodes that overwrite it. */
  private destroyers(fgraph: FunctionGraph): Map<Variable, Apply[]> {
    const out = new Map<Variable, Apply[]>();
    for (const node of fgraph.applyNodes) {
      for (const ins of Object.values(node.op.destroyMap)) {
        for (const i of ins) {
          const r = this.root(node.inputs[i]!);
          out.set(r, [...(out.get(r) ?? []), node]);
        }
      }
    }
    return out;
  }

  /** The Variables that are views of `root` (through viewMap, any depth). */
  private views(fgraph: FunctionGraph, root: Variable): Variable[] {
    const out: Variable[] = [];
    const stack = [root];
    while (stack.length > 0) {
      const v = stack.pop()!;
      for (const c of fgraph.getClients(v)) {
        if (c.node === 'output') continue;
        const node = c.node;
        node.outputs.forEach((o, k) => {
          if (node.op.viewMap[k]?.includes(c.index)) {
            out.push(o);
            stack.push(o);
          }
        });
      }
    }
    return out;
  }

  /** Every node except `destroyer` that reads `root` or a view of it. */
  private readers(fgraph: FunctionGraph, root: Variable, destroyer: Apply): Apply[] {
    const readers = new Set<Apply>();
    const stack = [root];
    const seen = new Set<Variable>();
    while (stack.length > 0) {
      const v = stack.pop()!;
      if (seen.has(v)) continue;
      seen.add(v);
      for (const c of fgraph.getClients(v)) {
        if (c.node === 'output' || c.node === destroyer) continue;
        readers.add(c.node);
        // Outputs that are views of v read it too, later.
        c.node.outputs.forEach((o, k) => {
          if ((c.node as Apply).op.viewMap[k]?.includes(c.index)) stack.push(o);
        });
      }
    }
    return [...readers];
  }

  orderings(fgraph: FunctionGraph): Orderings {
    const order = new Map<Apply, Apply[]>();
    for (const [root, nodes] of this.destroyers(fgraph)) {
      for (const d of nodes) order.set(d, [...(order.get(d) ?? []), ...this.readers(fgraph, root, d)]);
    }
    return order;
  }

  /** Throws an InconsistencyError naming the in-place node and what it would overwrite. */
  validate(fgraph: FunctionGraph): void {
    const outputs = new Set(fgraph.outputs);
    for (const [root, nodes] of this.destroyers(fgraph)) {
      const d = nodes[0]!;
      if (root.isConstant()) throw new InconsistencyError(`DestroyHandler: ${d} overwrites the constant ${root}`);
      if (root.owner === null && !this.destroyable.has(root)) {
        throw new InconsistencyError(`DestroyHandler: ${d} overwrites the graph input ${root}, which is not marked destroyable`);
      }
      if (nodes.length > 1) throw new InconsistencyError(`DestroyHandler: ${root} is overwritten by several nodes (${nodes.map(String).join(', ')})`);
      if (outputs.has(root)) throw new InconsistencyError(`DestroyHandler: ${d} overwrites ${root}, an output of the graph`);
      const outView = this.views(fgraph, root).find((v) => outputs.has(v));
      if (outView !== undefined) throw new InconsistencyError(`DestroyHandler: ${d} overwrites ${root}, whose view ${outView} is an output of the graph`);
    }
    try {
      ioToposort(fgraph.inputs, fgraph.outputs, this.orderings(fgraph));
    } catch (e) {
      if (!(e instanceof InconsistencyError)) throw e;
      const culprits = [...this.destroyers(fgraph)].map(([r, n]) => `${n[0]} overwrites ${r}`).join('; ');
      throw new InconsistencyError(`DestroyHandler: a value is overwritten in place while another node still needs it afterwards (${culprits}): ${e.message}`);
    }
  }
}

/** Whether `f` is a DestroyHandler. */
export function isDestroyHandler(f: Feature): f is DestroyHandler {
  return f instanceof DestroyHandler;
}
