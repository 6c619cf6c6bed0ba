/**
 * The sparse products: Dot(sparse, dense) -> StructuredDot (the forward values
 * are the same; only the gradients differ, and gradients are built before
 * rewriting), and StructuredDot -> StructuredDotCSR / StructuredDotCSC, the
 * format-specific Ops on the raw arrays (PyTensor's local_structured_dot).
 */
import type { Variable } from '@proj/graph';
import * as pt from '@proj/tensor';
import { Dot, SparseVariable, StructuredDot, StructuredDotCSC, StructuredDotCSR, csmProperties } from '@proj/sparse';
import { nodeRewriter } from '../../node-rewriter';

const isDenseMatrix = (v: Variable): v is pt.TensorVariable => v instanceof pt.TensorVariable && v.ndim === 2;

/** dot(x, y) -> structuredDot(x, y) for a sparse x and a dense matrix y (a dense output either way). */
export const localDotToStructuredDot = nodeRewriter({
  name: 'localDotToStructuredDot',
  tracks: [Dot],
  tags: ['canonicalize', 'fast_run'],
  apply: (_fg, node) => {
    const [x, y] = node.inputs as [Variable, Variable];
    if (!(x instanceof SparseVariable) || !isDenseMatrix(y)) return undefined;
    return [new StructuredDot().call(x, y)];
  },
});

/**
 * structuredDot(a, b) -> StructuredDotCSR(data, indices, indptr, b) for a CSR a,
 * StructuredDotCSC(data, indices, indptr, rows, b) for a CSC a. Like PyTensor,
 * which leaves local_structured_dot unregistered, this is not in FAST_RUN: it
 * pays a CSMProperties copy of a's arrays unless a is made by CSM (then
 * localCsmPropertiesCsm cancels both). Select it by name:
 * FAST_RUN_QUERY.including('localStructuredDot').
 */
export const localStructuredDot = nodeRewriter({
  name: 'localStructuredDot',
  tracks: [StructuredDot],
  tags: ['specialize'],
  apply: (_fg, node) => {
    const [a, b] = node.inputs as [Variable, Variable];
    if (!(a instanceof SparseVariable) || !isDenseMatrix(b)) return undefined;
    const [data, indices, indptr, shape] = csmProperties(a);
    if (a.format === 'csr') return [new StructuredDotCSR().call(data, indices, indptr, b)];
    return [new StructuredDotCSC().call(data, indices, indptr, shape.get(0) as pt.TensorVariable, b)];
  },
});
