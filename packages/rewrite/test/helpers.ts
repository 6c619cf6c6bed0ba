import { FunctionGraph, evaluate, type Variable } from '@proj/graph';
import * as pt from '@proj/tensor';

/** Evaluates the graph's outputs with values for its inputs, in order, as nested arrays. */
export function run(fg: FunctionGraph, ...values: unknown[]): unknown[] {
  const outs = evaluate(fg.outputs, fg.inputs.map((v, i) => [v, values[i]] as const));
  return outs.map((o) => pt.toNested(o as pt.NDArray));
}

/** The Op names of the graph's nodes, in topological order. */
export function opNames(fg: FunctionGraph): string[] {
  return fg.toposort().map((n) => n.op.toString());
}

/** A graph over `inputs` without cloning (the test keeps its Variables). */
export function graph(inputs: Variable[], outputs: Variable[]): FunctionGraph {
  return new FunctionGraph(inputs, outputs, { clone: false });
}
