/**
 * Elementwise fusion at link time: a chain of Elemwise nodes whose
 * intermediate results feed only the next Elemwise node (and are not outputs)
 * runs as one generated loop. Broadcasting commutes with elementwise functions,
 * so computing every step at the final output's shape gives the same values;
 * each step keeps its node's dtype (float32 steps are rounded as the node's
 * output would be).
 */
import type { Apply, FunctionGraph, Variable } from '@proj/graph';
import type { Ref, ScalarProgram, Step } from './program';

/** Which nodes are computed inside a later node's loop, and where each node's inputs are read. */
export interface FusionPlan {
  /** Nodes whose value is computed inside their consumer's kernel (their own thunk does nothing). */
  readonly absorbed: ReadonlySet<Apply>;
  /** The step at which a node's inputs are really read (its fusion root's step). */
  readonly readStep: ReadonlyMap<Apply, number>;
}

/**
 * Plans fusion over a schedule; `fusible(node)` says whether a node has a WASM elementwise kernel.
 *
 * @example
 * const plan = planFusion(fgraph, schedule, (n) => elemwiseSupported(n));
 */
export function planFusion(fgraph: FunctionGraph, schedule: readonly Apply[], fusible: (node: Apply) => boolean): FusionPlan {
  const readers = new Map<Variable, Set<Apply>>();
  for (const node of schedule) for (const v of node.inputs) (readers.get(v) ?? readers.set(v, new Set()).get(v)!).add(node);
  const outputs = new Set(fgraph.outputs);
  const ok = new Set(schedule.filter(fusible));
  const consumer = new Map<Apply, Apply>();
  for (const node of ok) {
    const out = node.outputs[0]!;
    const r = readers.get(out);
    if (outputs.has(out) || r === undefined || r.size !== 1) continue;
    const [c] = r;
    if (ok.has(c!)) consumer.set(node, c!);
  }
  const stepOf = new Map(schedule.map((n, k) => [n, k] as const));
  const readStep = new Map<Apply, number>();
  for (const node of consumer.keys()) {
    let root = node;
    while (consumer.has(root)) root = consumer.get(root)!;
    readStep.set(node, stepOf.get(root)!);
  }
  return { absorbed: new Set(consumer.keys()), readStep };
}

/** Adds a step to the program being built and returns its ref. */
export type PushStep = (step: Step) => Ref;

/**
 * The program of a fusion root: its absorbed producers become steps, every
 * other input a leaf (each Variable once). `emitNode(node, args, push)` adds
 * a node's steps (one for a plain scalar op, several for a Composite) and
 * returns the ref of its result.
 *
 * @example
 * const { program, leaves } = fusedProgram(root, plan.absorbed, literalOf, emitNode);
 */
export function fusedProgram(
  root: Apply,
  absorbed: ReadonlySet<Apply>,
  literal: (node: Apply, k: number) => number | undefined,
  emitNode: (node: Apply, args: readonly Ref[], push: PushStep) => Ref,
): { program: ScalarProgram; leaves: Variable[] } {
  const leaves: Variable[] = [];
  const steps: Step[] = [];
  const memo = new Map<Variable, Ref>();
  const push: PushStep = (step) => {
    steps.push(step);
    return { kind: 'step', index: steps.length - 1 };
  };
  const visit = (node: Apply): Ref => {
    const args = node.inputs.map((v, k): Ref => {
      const lit = literal(node, k);
      if (lit !== undefined) return { kind: 'const', value: lit };
      const known = memo.get(v);
      if (known) return known;
      let ref: Ref;
      if (v.owner !== null && absorbed.has(v.owner)) ref = visit(v.owner);
      else {
        ref = { kind: 'in', index: leaves.length };
        leaves.push(v);
      }
      memo.set(v, ref);
      return ref;
    });
    return emitNode(node, args, push);
  };
  const out = visit(root);
  return { program: { nin: leaves.length, steps, outputs: [out] }, leaves };
}
