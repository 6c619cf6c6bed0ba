/**
 * Graph walks. None of them recurse: a 100,000-node chain walks in constant
 * stack depth.
 */
import type { Apply, Variable } from './basic';
import { InconsistencyError } from './errors';

/** Node -> nodes that must be computed before it (besides its inputs' owners). */
export type Orderings = ReadonlyMap<Apply, readonly Apply[]>;

/**
 * Every Variable that `outputs` depend on, stopping at `blockers` (included,
 * not walked through), in depth-first order from the outputs.
 *
 * @example
 * ancestors([z]); // [z, ...the variables z is computed from]
 */
export function ancestors(outputs: readonly Variable[], blockers: Iterable<Variable> = []): Variable[] {
  const block = new Set(blockers);
  const seen = new Set<Variable>();
  const result: Variable[] = [];
  const stack = [...outputs].reverse();
  while (stack.length > 0) {
    const v = stack.pop()!;
    if (seen.has(v)) continue;
    seen.add(v);
    result.push(v);
    if (v.owner && !block.has(v)) {
      const ins = v.owner.inputs;
      for (let i = ins.length - 1; i >= 0; i--) if (!seen.has(ins[i]!)) stack.push(ins[i]!);
    }
  }
  return result;
}

/**
 * The inputs of the graph of `outputs`: ancestors with no owner, and blockers reached.
 *
 * @example
 * graphInputs([x.add(y)]); // [x, y]
 */
export function graphInputs(outputs: readonly Variable[], blockers: Iterable<Variable> = []): Variable[] {
  const block = new Set(blockers);
  return ancestors(outputs, block).filter((v) => v.owner === null || block.has(v));
}

/**
 * The Apply nodes between `inputs` and `outputs`: those `outputs` depend on,
 * without walking past `inputs`.
 */
export function applysBetween(inputs: Iterable<Variable>, outputs: readonly Variable[]): Apply[] {
  // One Set, read twice: `inputs` may be a one-shot iterator, and an array would make each lookup O(n).
  const blockers = new Set(inputs);
  const nodes: Apply[] = [];
  const seen = new Set<Apply>();
  for (const v of ancestors(outputs, blockers)) {
    const node = v.owner;
    if (node && !seen.has(node) && !blockers.has(v)) {
      seen.add(node);
      nodes.push(node);
    }
  }
  return nodes;
}

/** The Variables between `inputs` and `outputs` (both ends included). */
export function varsBetween(inputs: Iterable<Variable>, outputs: readonly Variable[]): Variable[] {
  return ancestors(outputs, inputs);
}

/**
 * The Apply nodes between `inputs` and `outputs` in a deterministic topological
 * order: each node comes after the owners of its inputs and after the nodes that
 * `orderings` puts before it. Depth-first, inputs taken left to right, so the same
 * graph always gives the same order. Throws an InconsistencyError on a cycle.
 *
 * @example
 * ioToposort([x, y], [z]).map(String); // ['Mul(x, y)', 'Add(Mul.0, x)']
 */
export function ioToposort(inputs: Iterable<Variable>, outputs: readonly Variable[], orderings?: Orderings): Apply[] {
  // A Set is used as is (FunctionGraph.importNode passes its variables: copying them per import was O(n)).
  const blockers: ReadonlySet<Variable> = inputs instanceof Set ? inputs : new Set(inputs);
  const order: Apply[] = [];
  const state = new Map<Apply, 1 | 2>(); // 1: on the stack, 2: done
  const deps = (node: Apply): Apply[] => {
    const out: Apply[] = [];
    for (const v of node.inputs) if (v.owner && !blockers.has(v)) out.push(v.owner);
    const extra = orderings?.get(node);
    if (extra) out.push(...extra);
    return out;
  };
  for (const root of outputs) {
    if (!root.owner || blockers.has(root) || state.get(root.owner) === 2) continue;
    const stack: { node: Apply; deps: Apply[]; next: number }[] = [{ node: root.owner, deps: deps(root.owner), next: 0 }];
    state.set(root.owner, 1);
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      if (top.next < top.deps.length) {
        const d = top.deps[top.next++]!;
        const s = state.get(d);
        if (s === 2) continue;
        if (s === 1) {
          throw new InconsistencyError(`The graph contains a cycle through ${d} (a node needs its own output)`);
        }
        state.set(d, 1);
        stack.push({ node: d, deps: deps(d), next: 0 });
      } else {
        stack.pop();
        state.set(top.node, 2);
        order.push(top.node);
      }
    }
  }
  return order;
}

/** The Apply nodes computing `outputs` from the graph's free inputs, in topological order. */
export function toposort(outputs: readonly Variable[], orderings?: Orderings): Apply[] {
  return ioToposort([], outputs, orderings);
}

/**
 * The constants and other owner-less Variables that `outputs` depend on which
 * are not in `inputs` (PyTensor's orphans).
 */
export function orphans(inputs: Iterable<Variable>, outputs: readonly Variable[]): Variable[] {
  const ins = new Set(inputs);
  return ancestors(outputs, ins).filter((v) => v.owner === null && !ins.has(v));
}
