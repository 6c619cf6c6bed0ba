/**
 * Elemwise -> the same Elemwise writing its output into one of its inputs
 * (inplacePattern {0: i}), PyTensor's inplace_elemwise_optimizer.
 */
import { Apply, type Op, type Type } from '@proj/graph';
import { Elemwise, TensorType, TensorVariable, type ScalarOp } from '@proj/tensor';
import { InplaceGraphRewriter, type InplaceCandidate, type InplaceSpec } from './inplace-rewriter';

/** Whether `op` is a plain Elemwise (not a subclass with props of its own) that is not in place yet. */
function plainElemwise(op: Op): op is Elemwise {
  return op.constructor === Elemwise && Object.keys((op as Elemwise).props.inplacePattern).length === 0;
}

// Ops are immutable values: one in-place Elemwise per (scalar op, input), made on first use.
const inplaceOps = new WeakMap<ScalarOp, Map<number, Elemwise>>();

/** Elemwise{scalar}[0:i]. */
function inplaceOp(scalar: ScalarOp, i: number): Elemwise {
  let byInput = inplaceOps.get(scalar);
  if (byInput === undefined) inplaceOps.set(scalar, (byInput = new Map()));
  let op = byInput.get(i);
  if (op === undefined) byInput.set(i, (op = new Elemwise(scalar, { 0: i })));
  return op;
}

/** Same dtype and the same static shape (a cheaper TensorType.equals). */
function sameTensorType(a: Type, b: Type): boolean {
  if (!(a instanceof TensorType) || !(b instanceof TensorType) || a.constructor !== b.constructor || a.dtype !== b.dtype) return false;
  return a.shape.length === b.shape.length && a.shape.every((l, d) => l === b.shape[d]);
}

/**
 * The in-place versions of an Elemwise node: one per input that has exactly
 * the output's Type (same dtype, same static shape: nothing broadcast into it).
 */
function elemwiseCandidates(node: Apply): InplaceCandidate[] {
  const op = node.op as Elemwise;
  const out = node.outputs[0]!;
  if (node.outputs.length !== 1) return [];
  return node.inputs.flatMap((v, i) => {
    if (!(v instanceof TensorVariable) || !sameTensorType(v.type, out.type)) return [];
    // elemwise(x, y) -> elemwise[0:i](x, y), writing into input i; same inputs, so the same output Type.
    return [{ destroys: i, build: () => new Apply(inplaceOp(op.scalarOp, i), [...node.inputs], [out.type.makeVariable()]).outputs }];
  });
}

/**
 * The in-place Elemwise specification (an identical Variable in two inputs is read before each write, so it is allowed).
 *
 * @example
 * new InplaceGraphRewriter(inplaceElemwiseSpec, { mutableInputs: (v) => v.name === 'acc' });
 */
export const inplaceElemwiseSpec: InplaceSpec = {
  name: 'inplaceElemwise',
  tracks: plainElemwise,
  candidates: elemwiseCandidates,
  aliasing: 'same',
};

/**
 * Elemwise -> in-place Elemwise where the DestroyHandler allows it: never into
 * a constant, a graph input (unless declared mutable), a graph output or a
 * value another node still reads afterwards.
 *
 * @example
 * inplaceElemwise.withOptions({ mutableInputs: (v) => v.name === 'acc' }).rewrite(fg);
 */
export const inplaceElemwise = new InplaceGraphRewriter(inplaceElemwiseSpec);
