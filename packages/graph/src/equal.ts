import type { Variable } from './basic';
import { ArgumentError } from './errors';

/**
 * Whether `xs` and `ys` compute the same thing: the same Ops applied in the same
 * way, with `inXs[i]` standing for `inYs[i]`, equal constants, and otherwise
 * the very same input Variables. Walks both graphs together without recursion.
 *
 * @example
 * equalComputations([x.add(y)], [x.add(y)]); // true: two graphs, one computation
 */
export function equalComputations(
  xs: readonly Variable[],
  ys: readonly Variable[],
  inXs: readonly Variable[] = [],
  inYs: readonly Variable[] = [],
): boolean {
  if (xs.length !== ys.length) return false;
  if (inXs.length !== inYs.length) {
    throw new ArgumentError({ op: 'equalComputations', argument: 'inYs', expected: `${inXs.length} variables (as many as inXs)`, given: `${inYs.length}` });
  }
  // inXs[i] stands for inYs[i] and for nothing else, in both directions.
  const inMap = new Map<Variable, Variable>();
  const inBack = new Map<Variable, Variable>();
  for (let i = 0; i < inXs.length; i++) {
    const x = inXs[i]!;
    const y = inYs[i]!;
    if (!x.type.equals(y.type)) return false;
    inMap.set(x, y);
    inBack.set(y, x);
  }
  // Pairs already known (or being checked) to compute the same thing. Not a
  // one-to-one map: one node used twice equals two equal nodes, as in PyTensor.
  const common = new Map<Variable, Set<Variable>>();
  const stack: [Variable, Variable][] = xs.map((x, i) => [x, ys[i]!]);
  while (stack.length > 0) {
    const [x, y] = stack.pop()!;
    const partner = inMap.get(x);
    if (partner !== undefined || inBack.has(y)) {
      if (partner !== y) return false;
      continue;
    }
    let seen = common.get(x);
    if (seen?.has(y)) continue;
    if (!x.type.equals(y.type)) return false;
    if (x.isConstant() || y.isConstant()) {
      if (!(x.isConstant() && y.isConstant()) || constantSignature(x) !== constantSignature(y)) return false;
    } else if (x.owner === null || y.owner === null) {
      if (x !== y) return false;
    } else {
      const nx = x.owner;
      const ny = y.owner;
      if (x.index !== y.index || !nx.op.equals(ny.op) || nx.inputs.length !== ny.inputs.length || nx.outputs.length !== ny.outputs.length) {
        return false;
      }
      nx.inputs.forEach((v, i) => stack.push([v, ny.inputs[i]!]));
    }
    if (seen === undefined) {
      seen = new Set();
      common.set(x, seen);
    }
    seen.add(y);
  }
  return true;
}

// Constants of every package (graph's Constant, TensorConstant...) expose signature().
function constantSignature(v: Variable): string {
  return (v as unknown as { signature(): string }).signature();
}
