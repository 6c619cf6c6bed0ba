/**
 * Cast canonicalizations (PyTensor's local_useless_elemwise for casts and
 * local_cast_cast): casts that change nothing are removed, and a cast
 * through a dtype that loses nothing is skipped.
 */
import type { Apply, FunctionGraph } from '@proj/graph';
import { Elemwise, TensorVariable, cast, castScalarOp, isComplex, type Dtype } from '@proj/tensor';
import { nodeRewriter } from '../../node-rewriter';
import { canonicalTags as tags, exactly, losslessCast } from './util';

/** The target dtype of a plain Elemwise cast node, or undefined. */
function castTarget(node: Apply | null): Dtype | undefined {
  if (node === null || !(node.op instanceof Elemwise) || Object.keys(node.op.props.inplacePattern).length > 0) return undefined;
  const to = (node.outputs[0] as TensorVariable).dtype;
  return node.op.scalarOp.equals(castScalarOp(to)) ? to : undefined;
}

const isCast = (op: unknown): boolean => op instanceof Elemwise && op.scalarOp.name.startsWith('Cast{');

/** cast(x, x.dtype) -> x. */
export const uselessCast = nodeRewriter({
  name: 'uselessCast',
  tags,
  tracks: [isCast],
  apply(_fg: FunctionGraph, node: Apply) {
    // cast(x, x.dtype) -> x
    const x = node.inputs[0] as TensorVariable;
    if (castTarget(node) !== x.dtype) return undefined;
    const rep = exactly(node.outputs[0]!, x);
    return rep && [rep];
  },
});

/** cast(cast(x, t1), t2) -> cast(x, t2) when every value of x's dtype survives t1 unchanged. */
export const mergeCasts = nodeRewriter({
  name: 'mergeCasts',
  tags,
  tracks: [isCast],
  apply(_fg: FunctionGraph, node: Apply) {
    // cast(cast(x, t1), t2) -> cast(x, t2)
    const inner = node.inputs[0]!.owner;
    const t1 = castTarget(inner);
    const t2 = castTarget(node);
    if (t1 === undefined || t2 === undefined) return undefined;
    const x = inner!.inputs[0] as TensorVariable;
    // pt.cast refuses complex to real (ambiguous); such a pair is left alone.
    if (!losslessCast(x.dtype, t1) || (isComplex(x.dtype) && !isComplex(t2))) return undefined;
    const rep = exactly(node.outputs[0]!, cast(x, t2));
    return rep && [rep];
  },
});
