/**
 * From a tensor graph of Elemwise nodes to the Composite computing it: what
 * elementwise fusion uses, and a convenient way to write a Composite by hand.
 */
import { ArgumentError, type Variable } from '@proj/graph';
import { isBigInt, isComplex } from '../dtype/dtypes';
import { Elemwise } from '../elemwise/elemwise';
import { DimShuffle } from '../shape/dimshuffle';
import { rawView, sizeOf } from '../value/ndarray';
import { TensorConstant, TensorVariable } from '../variable/tensor-variable';
import { Composite } from './composite';
import type { ScalarNode, ScalarProgram, ScalarRef } from './composite-js';

/**
 * The value of a constant that can live inside a scalar program: one element,
 * held exactly in a JS number (complex never; int64 only as a safe integer),
 * possibly behind the DimShuffle that aligned it.
 * Undefined otherwise.
 *
 * @example
 * scalarConstantValue(pt.constant(2)); // 2
 */
export function scalarConstantValue(v: Variable): number | undefined {
  // Elemwise aligns a 0-d constant to its other inputs with a DimShuffle: still one element.
  if (v.owner !== null && v.owner.op instanceof DimShuffle) return scalarConstantValue(v.owner.inputs[0]!);
  if (!(v instanceof TensorConstant) || isComplex(v.dtype) || sizeOf(v.data.shape) !== 1) return undefined;
  const raw = rawView(v.data);
  const x = raw.data[raw.offset]!;
  if (typeof x === 'bigint') return Number.isSafeInteger(Number(x)) ? Number(x) : undefined;
  return isBigInt(v.dtype) ? undefined : x;
}

/**
 * The Composite computing `output` from `inputs`: every Variable between them
 * must be the output of an Elemwise or a one-element constant (inlined). Shared
 * subexpressions become one program node.
 *
 * @example
 * const x = pt.dvector('x'), y = pt.dvector('y');
 * const c = compositeFromGraph([x, y], pt.exp(x).mul(y)); // Composite{exp(i0) * i1}
 * new Elemwise(c).call(x, y); // the same values, one loop
 */
export function compositeFromGraph(inputs: readonly TensorVariable[], output: TensorVariable): Composite {
  const refs = new Map<Variable, ScalarRef>();
  inputs.forEach((v, index) => refs.set(v, { kind: 'input', index }));
  const nodes: ScalarNode[] = [];
  // Iterative post-order walk (deep chains must not overflow the stack).
  const stack: [Variable, boolean][] = [[output, false]];
  while (stack.length > 0) {
    const [v, expanded] = stack.pop()!;
    if (refs.has(v)) continue;
    const value = scalarConstantValue(v);
    if (value !== undefined) {
      refs.set(v, { kind: 'const', value, dtype: (v as TensorVariable).dtype });
      continue;
    }
    const owner = v.owner;
    if (owner === null || !(owner.op instanceof Elemwise) || owner.outputs.length !== 1) {
      throw new ArgumentError({ op: 'compositeFromGraph', argument: 'output', expected: 'a graph of Elemwise nodes and one-element constants above the given inputs', given: `${v} (${owner === null ? 'not computed from the inputs' : owner.op.name})` });
    }
    if (!expanded) {
      stack.push([v, true]);
      for (const x of [...owner.inputs].reverse()) if (!refs.has(x)) stack.push([x, false]);
      continue;
    }
    const args = owner.inputs.map((x) => refs.get(x)!);
    const inner = owner.op.scalarOp;
    if (inner instanceof Composite) {
      // A Composite inside: splice its program in, so the result stays one flat program.
      refs.set(v, spliceProgram(inner.program, args, nodes));
    } else {
      nodes.push({ op: inner, inputs: args, dtype: (v as TensorVariable).dtype });
      refs.set(v, { kind: 'node', index: nodes.length - 1 });
    }
  }
  return new Composite({ inputDtypes: inputs.map((v) => v.dtype), nodes, output: refs.get(output)! });
}

/** Appends `program`'s nodes to `nodes` with its inputs bound to `args`; the reference of its output. */
function spliceProgram(program: ScalarProgram, args: readonly ScalarRef[], nodes: ScalarNode[]): ScalarRef {
  const base = nodes.length;
  const map = (r: ScalarRef): ScalarRef => (r.kind === 'input' ? args[r.index]! : r.kind === 'node' ? { kind: 'node', index: base + r.index } : r);
  for (const n of program.nodes) nodes.push({ op: n.op, inputs: n.inputs.map(map), dtype: n.dtype });
  return map(program.output);
}
