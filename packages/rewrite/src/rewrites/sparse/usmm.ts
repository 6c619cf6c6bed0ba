/**
 * z - alpha * dot(x, y) -> usmm(-alpha, x, y, z) (PyTensor's local_usmm), and
 * the same for z + alpha * dot(x, y), z - dot(x, y) and z + dot(x, y): one
 * sparse product with a scale and an add, like gemm for dense matrices.
 */
import type { Apply, FunctionGraph, Variable } from '@proj/graph';
import * as pt from '@proj/tensor';
import { Dot, SparseVariable, StructuredDot, usmm } from '@proj/sparse';
import { nodeRewriter } from '../../node-rewriter';

function isElemwiseOf(node: Apply | null, scalar: pt.ScalarOp): node is Apply {
  return node !== null && node.op instanceof pt.Elemwise && node.op.scalarOp.equals(scalar) && Object.keys(node.op.props.inplacePattern).length === 0;
}

/** A product of two matrices, at least one sparse, with a dense output used only by `user`. */
function sparseProduct(fg: FunctionGraph, v: Variable): [Variable, Variable] | undefined {
  const node = v.owner;
  if (node === null || !(node.op instanceof Dot || node.op instanceof StructuredDot)) return undefined;
  if (!(v instanceof pt.TensorVariable) || v.ndim !== 2 || fg.getClients(v).length !== 1) return undefined;
  const [x, y] = node.inputs as [Variable, Variable];
  if (!(x instanceof SparseVariable || x instanceof pt.TensorVariable) || !(y instanceof SparseVariable || y instanceof pt.TensorVariable)) return undefined;
  if (x.type.ndim !== 2 || y.type.ndim !== 2) return undefined;
  return [x, y];
}

/** A scalar-like alpha (0-d, or every static length 1) as a 0-d tensor. */
function scalarOf(v: Variable): pt.TensorVariable | undefined {
  if (!(v instanceof pt.TensorVariable)) return undefined;
  if (v.ndim === 0) return v;
  return v.type.shape.every((s) => s === 1) ? pt.dimshuffle(v, []) : undefined;
}

/** alpha * dot(x, y) or dot(x, y) (alpha = 1): [alpha or undefined, x, y]. */
function scaledProduct(fg: FunctionGraph, v: Variable): [pt.TensorVariable | undefined, Variable, Variable] | undefined {
  const direct = sparseProduct(fg, v);
  if (direct) return [undefined, ...direct];
  const m = v.owner;
  if (!isElemwiseOf(m, pt.scalarMul) || m.inputs.length !== 2 || fg.getClients(v).length !== 1) return undefined;
  for (const k of [0, 1]) {
    const prod = sparseProduct(fg, m.inputs[k]!);
    const alpha = prod && scalarOf(m.inputs[1 - k]!);
    if (prod && alpha) return [alpha, ...prod];
  }
  return undefined;
}

/** z does not broadcast against the product: a static length 1 on one side only would. */
function sameShapeKind(z: pt.TensorVariable, prod: pt.TensorVariable): boolean {
  return z.ndim === 2 && z.type.shape.every((s, d) => (s === 1) === (prod.type.shape[d] === 1));
}

/** z - alpha * dot(x, y) -> usmm(-alpha, x, y, z); z + alpha * dot(x, y) -> usmm(alpha, x, y, z). */
export const localUsmm = nodeRewriter({
  name: 'localUsmm',
  tracks: [(op) => op instanceof pt.Elemwise && (op.scalarOp.equals(pt.scalarSub) || op.scalarOp.equals(pt.scalarAdd))],
  tags: ['specialize', 'fast_run'],
  apply: (fg, node) => {
    if (node.inputs.length !== 2) return undefined;
    const isSub = isElemwiseOf(node, pt.scalarSub);
    const out = node.outputs[0] as pt.TensorVariable;
    for (const k of isSub ? [1] : [1, 0]) {
      const z = node.inputs[1 - k]!;
      const term = node.inputs[k]!;
      const found = scaledProduct(fg, term);
      if (!found || !(z instanceof pt.TensorVariable) || !sameShapeKind(z, term as pt.TensorVariable)) continue;
      const [alpha, x, y] = found;
      const one = pt.constant(1, { dtype: out.dtype });
      const a = alpha ?? one;
      let result: pt.TensorVariable;
      try {
        result = usmm(isSub ? pt.neg(a) : a, x, y, z);
      } catch {
        return undefined; // dtypes Usmm refuses (complex, 64-bit integers): leave the graph as it is
      }
      if (result.dtype !== out.dtype) return undefined;
      return [result];
    }
    return undefined;
  },
});
