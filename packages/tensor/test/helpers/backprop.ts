/**
 * A small reverse-mode walk for the tensor tests: @proj/gradient sits above
 * @proj/tensor, so the tests of Op gradients call each node's Lop themselves.
 */
import { DisconnectedType, disconnectedType, ioToposort, type Variable } from '@proj/graph';
import { constant } from '../../src/basic/as-tensor';
import { add } from '../../src/math/arith';
import { TensorVariable } from '../../src/variable/tensor-variable';

/** d cost / d each of `wrt`, calling each node's Lop in reverse topological order (undefined: disconnected). */
export function backpropAll(cost: TensorVariable, wrt: readonly TensorVariable[]): (TensorVariable | undefined)[] {
  const grads = new Map<Variable, Variable>([[cost, constant(1, { dtype: 'float64' })]]);
  for (const node of ioToposort(wrt, [cost]).reverse()) {
    const gouts = node.outputs.map((o) => grads.get(o) ?? disconnectedType());
    if (gouts.every((g) => g.type instanceof DisconnectedType)) continue;
    const gins = node.op.Lop(node.inputs, node.outputs, gouts);
    node.inputs.forEach((inp, i) => {
      const g = gins[i];
      if (!(g instanceof TensorVariable)) return;
      const prev = grads.get(inp);
      grads.set(inp, prev instanceof TensorVariable ? add(prev, g) : g);
    });
  }
  return wrt.map((w) => grads.get(w) as TensorVariable | undefined);
}

/** d cost / d wrt. */
export function backprop(cost: TensorVariable, wrt: TensorVariable): TensorVariable {
  return backpropAll(cost, [wrt])[0] as TensorVariable;
}

/** Every number of nested arrays, flattened. */
export const flatNums = (v: unknown): number[] => (Array.isArray(v) ? v.flatMap(flatNums) : [Number(v)]);

/** Nested arrays of `shape` from flat row-major values. */
export function nest(values: readonly number[], shape: readonly number[]): unknown {
  if (shape.length === 0) return values[0];
  const inner = shape.slice(1).reduce((p, s) => p * s, 1);
  return Array.from({ length: shape[0]! }, (_, i) => nest(values.slice(i * inner, (i + 1) * inner), shape.slice(1)));
}
