/**
 * Canonicalizations of add, sub and neg nodes (PyTensor's
 * local_sub_neg_to_add, local_add_neg_to_sub, the x - x case of its
 * AlgebraicCanonizer, local_useless_elemwise for one-input add/mul, and the
 * signs of products: -(c * x) -> (-c) * x, x * (-y) -> -(x * y)).
 */
import type { Apply, FunctionGraph } from '@proj/graph';
import { TensorVariable, applyElemwise, neg, scalarAdd, scalarMul, scalarNeg, scalarSub } from '@proj/tensor';
import { nodeRewriter } from '../../node-rewriter';
import { p, patternRewriter } from '../../pattern';
import { canonicalTags as tags, elemwiseTrack, exactly, filledLike, foldNow, isElemwiseOf, singleClient, unitConstant } from './util';

/** x - x -> zeros shaped like x (of the output's dtype). */
export const subSelf = patternRewriter({
  name: 'subSelf',
  tags,
  from: p.sub(p.var('x'), p.var('x')),
  to: (b, node) => filledLike(node.outputs[0]!, b.x!, 0),
});

/**
 * Whether negating a value of dtype `d` commutes with computing in `out`:
 * always for floats; for integers only in the same dtype (neg wraps: neg of
 * uint8 1 is 255, which a wider add would not wrap back).
 */
function negCommutes(d: string, out: string): boolean {
  return d.startsWith('float') || d.startsWith('complex') || d === out;
}

/** negCommutes, or `v` is a one-element integer constant whose negation does not wrap (2 but not uint8 1 or int8 -128). */
function negExact(v: TensorVariable, out: string): boolean {
  if (negCommutes(v.dtype, out)) return true;
  const c = unitConstant(v);
  if (c === undefined) return false;
  if (v.dtype.startsWith('uint') || v.dtype === 'bool') return c === 0;
  const bits = Number(v.dtype.replace('int', ''));
  return c !== -(2 ** (bits - 1));
}

const outDtype = (node: Apply): string => (node.outputs[0] as TensorVariable).dtype;

/** x - (-y) -> x + y. */
export const subNegToAdd = patternRewriter({
  name: 'subNegToAdd',
  tags,
  from: p.sub(p.var('x'), p.neg(p.var('y'))),
  to: (b, node) => (negCommutes(b.y!.dtype, outDtype(node)) ? exactly(node.outputs[0]!, applyElemwise(scalarAdd, b.x!, b.y!)) : undefined),
});

/** x + (-y) -> x - y (either order of the add). */
export const addNegToSub = patternRewriter({
  name: 'addNegToSub',
  tags,
  from: p.add(p.var('x'), p.neg(p.var('y'))),
  to: (b, node) => (negCommutes(b.y!.dtype, outDtype(node)) ? exactly(node.outputs[0]!, applyElemwise(scalarSub, b.x!, b.y!)) : undefined),
});

/** add(x) -> x, mul(x) -> x: a one-input sum or product is its input. */
export const singleInputAddMul = nodeRewriter({
  name: 'singleInputAddMul',
  tags,
  tracks: [elemwiseTrack(scalarAdd), elemwiseTrack(scalarMul)],
  apply(_fg: FunctionGraph, node: Apply) {
    // add(x) -> x, mul(x) -> x
    if (node.inputs.length !== 1) return undefined;
    const rep = exactly(node.outputs[0]!, node.inputs[0]);
    return rep && [rep];
  },
});

/** -(c * x * ...) -> (-c) * x * ..., for a one-element constant c (the product used only here). */
export const negMulConst = nodeRewriter({
  name: 'negMulConst',
  tags,
  tracks: [elemwiseTrack(scalarNeg)],
  apply(fgraph: FunctionGraph, node: Apply) {
    // -(c * x) -> (-c) * x
    const inner = node.inputs[0]!;
    const mul = inner.owner;
    if (!isElemwiseOf(mul, scalarMul) || !singleClient(fgraph, inner)) return undefined;
    const k = mul.inputs.findIndex((v) => unitConstant(v) !== undefined);
    if (k < 0 || !negExact(mul.inputs[k] as TensorVariable, outDtype(node))) return undefined;
    // The negated constant is computed in the constant's own dtype, as neg would.
    const negated = foldNow(neg(mul.inputs[k] as TensorVariable));
    const factors = mul.inputs.map((v, i) => (i === k ? negated : v)) as TensorVariable[];
    const rep = exactly(node.outputs[0]!, applyElemwise(scalarMul, ...factors));
    return rep && [rep];
  },
});

/**
 * mul(x, -y, -z, w) -> mul(x, y, z, w) and mul(x, -y) -> -(mul(x, y)): signs
 * are gathered in front of the product (where negMulConst can fold them into
 * a constant, and negNeg cancel them). Each neg must be used only here.
 */
export const mulNeg = nodeRewriter({
  name: 'mulNeg',
  tags,
  tracks: [elemwiseTrack(scalarMul)],
  apply(fgraph: FunctionGraph, node: Apply) {
    // x * (-y) -> -(x * y)
    let negs = 0;
    const factors = (node.inputs as TensorVariable[]).map((v) => {
      if (!isElemwiseOf(v.owner, scalarNeg) || !singleClient(fgraph, v) || !negExact(v.owner.inputs[0] as TensorVariable, outDtype(node))) return v;
      negs++;
      return v.owner.inputs[0] as TensorVariable;
    });
    if (negs === 0) return undefined;
    const product = applyElemwise(scalarMul, ...factors);
    const rep = exactly(node.outputs[0]!, negs % 2 === 0 ? product : neg(product));
    return rep && [rep];
  },
});
