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
  const paired = new Map<Variable, Variable>();
  const pairedBack = new Map<Variable, Variable>();
  inXs.forEach((x, i) => {
    paired.set(x, inYs[i]!);
    pairedBack.set(inYs[i]!, x);
  });
  const stack: [Variable, Variable][] = xs.map((x, i) => [x, ys[i]!]);
  while (stack.length > 0) {
    const [x, y] = stack.pop()!;
    const known = paired.get(x);
    if (known !== undefined) {
      if (known !== y) return false;
      continue;
    }
    if (pairedBack.has(y)) return false;
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
    paired.set(x, y);
    pairedBack.set(y, x);
  }
  return true;
}

// Constants of every package (graph's Constant, TensorConstant...) expose signature().
function constantSignature(v: Variable): string {
  return (v as unknown as { signature(): string }).signature();
}
