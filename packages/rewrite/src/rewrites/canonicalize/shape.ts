/**
 * Reshape and SpecifyShape canonicalizations (PyTensor's local_useless_reshape,
 * local_reshape_chain, local_useless_specify_shape and
 * local_merge_consecutive_specify_shape).
 */
import type { Apply, FunctionGraph, Variable } from '@proj/graph';
import { MakeVector, Reshape, Shape, ShapeI, SpecifyShape, TensorVariable, constantScalarInt } from '@proj/tensor';
import { nodeRewriter } from '../../node-rewriter';
import { canonicalTags as tags, exactly } from './util';

/**
 * Whether the scalar `len` is certainly the length of dimension `d` of `x`:
 * x.shape[d] itself, or a constant equal to the length x's Type states.
 *
 * @example
 * isLengthOf(pt.shapeI(x, 0), x, 0); // true
 */
export function isLengthOf(len: Variable, x: TensorVariable, d: number): boolean {
  const node = len.owner;
  if (node !== null && node.op instanceof ShapeI && node.op.i === d && node.inputs[0] === x) return true;
  const known = x.type.shape[d];
  return known !== null && known !== undefined && constantScalarInt(len) === known;
}

/** Whether the shape vector `shp` certainly holds x's own shape (x.shape, or its lengths one by one). */
function isShapeOf(shp: Variable, x: TensorVariable): boolean {
  const node = shp.owner;
  if (node !== null && node.op instanceof Shape) return node.inputs[0] === x;
  if (node !== null && node.op instanceof MakeVector) return node.inputs.length === x.ndim && node.inputs.every((len, d) => isLengthOf(len, x, d));
  return false;
}

/** reshape(x, shp) -> x when the new shape is x's own (x.shape, or the same lengths known statically). */
export const uselessReshape = nodeRewriter({
  name: 'uselessReshape',
  tags,
  tracks: [Reshape],
  apply(_fg: FunctionGraph, node: Apply) {
    // reshape(x, x.shape) -> x
    const x = node.inputs[0] as TensorVariable;
    const out = node.outputs[0] as TensorVariable;
    if (out.ndim !== x.ndim) return undefined;
    const sameStatic = x.type.shape.every((s, d) => s !== null && out.type.shape[d] === s);
    if (!sameStatic && !isShapeOf(node.inputs[1]!, x)) return undefined;
    const rep = exactly(out, x);
    return rep && [rep];
  },
});

/** reshape(reshape(x, s1), s2) -> reshape(x, s2): only the last shape counts. */
export const mergeReshapes = nodeRewriter({
  name: 'mergeReshapes',
  tags,
  tracks: [Reshape],
  apply(_fg: FunctionGraph, node: Apply) {
    // reshape(reshape(x, s1), s2) -> reshape(x, s2)
    const inner = node.inputs[0]!.owner;
    if (inner === null || !(inner.op instanceof Reshape)) return undefined;
    const rep = exactly(node.outputs[0]!, node.op.call(inner.inputs[0]!, node.inputs[1]!));
    return rep && [rep];
  },
});

/** The length given for each dimension of a SpecifyShape node (null where none is). */
function specifiedLengths(node: Apply): (Variable | null)[] {
  let k = 1;
  return (node.op as SpecifyShape).known.map((known) => (known ? node.inputs[k++]! : null));
}

/** specifyShape(x, lengths) -> x when x's Type already states every given length, or it is x.shape[d] itself. */
export const uselessSpecifyShape = nodeRewriter({
  name: 'uselessSpecifyShape',
  tags,
  tracks: [SpecifyShape],
  apply(_fg: FunctionGraph, node: Apply) {
    // specifyShape(x, x.shape) -> x
    const x = node.inputs[0] as TensorVariable;
    if (!specifiedLengths(node).every((len, d) => len === null || isLengthOf(len, x, d))) return undefined;
    const rep = exactly(node.outputs[0]!, x);
    return rep && [rep];
  },
});

/** specifyShape(specifyShape(x, s1), s2) -> specifyShape(x, s2 where given, else s1). */
export const mergeSpecifyShapes = nodeRewriter({
  name: 'mergeSpecifyShapes',
  tags,
  tracks: [SpecifyShape],
  apply(_fg: FunctionGraph, node: Apply) {
    // specifyShape(specifyShape(x, s1), s2) -> specifyShape(x, s2 or s1)
    const inner = node.inputs[0]!.owner;
    if (inner === null || !(inner.op instanceof SpecifyShape)) return undefined;
    const outer = specifiedLengths(node);
    const first = specifiedLengths(inner);
    const merged = outer.map((len, d) => len ?? first[d]!);
    const op = new SpecifyShape(merged.map((len) => len !== null));
    const rep = exactly(node.outputs[0]!, op.call(inner.inputs[0]!, ...merged.filter((len): len is Variable => len !== null)));
    return rep && [rep];
  },
});
