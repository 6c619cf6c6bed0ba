/**
 * DimShuffle canonicalizations (PyTensor's local_dimshuffle_lift and
 * local_useless_dimshuffle): identity shuffles removed, shuffles of shuffles
 * merged into one, and shuffles moved below an Elemwise used only by them.
 */
import type { Apply, FunctionGraph } from '@proj/graph';
import { DimShuffle, Elemwise, TensorVariable, type ShuffleEntry } from '@proj/tensor';
import { nodeRewriter } from '../../node-rewriter';
import { canonicalTags as tags, exactly, singleClient } from './util';

/**
 * The shuffle `outer` applied after `inner`, as one pattern over inner's input.
 *
 * @example
 * composeShuffles([1, 'x', 0], [2, 0, 'x', 1]); // [0, 1, 'x', 'x']
 */
export function composeShuffles(inner: readonly ShuffleEntry[], outer: readonly ShuffleEntry[]): ShuffleEntry[] {
  return outer.map((e) => (e === 'x' ? 'x' : inner[e]!));
}

/** DimShuffle{0, 1, ..., n-1}(x) -> x. */
export const uselessDimShuffle = nodeRewriter({
  name: 'uselessDimShuffle',
  tags,
  tracks: [DimShuffle],
  apply(_fg: FunctionGraph, node: Apply) {
    // DimShuffle{0..n-1}(x) -> x
    if (!(node.op as DimShuffle).isIdentity) return undefined;
    const rep = exactly(node.outputs[0]!, node.inputs[0]);
    return rep && [rep];
  },
});

/** DimShuffle{b}(DimShuffle{a}(x)) -> DimShuffle{a then b}(x), or x when that is the identity. */
export const mergeDimShuffles = nodeRewriter({
  name: 'mergeDimShuffles',
  tags,
  tracks: [DimShuffle],
  apply(_fg: FunctionGraph, node: Apply) {
    // ds_b(ds_a(x)) -> ds_ab(x)
    const innerNode = node.inputs[0]!.owner;
    if (innerNode === null || !(innerNode.op instanceof DimShuffle)) return undefined;
    const x = innerNode.inputs[0] as TensorVariable;
    const op = new DimShuffle(x.ndim, composeShuffles(innerNode.op.newOrder, (node.op as DimShuffle).newOrder));
    const rep = exactly(node.outputs[0]!, op.isIdentity ? x : (op.call(x) as TensorVariable));
    return rep && [rep];
  },
});

/**
 * DimShuffle{o}(elemwise(x, y)) -> elemwise(DimShuffle{o}(x), DimShuffle{o}(y))
 * when the Elemwise output is used only by the shuffle: the shuffle then meets
 * the inputs' own shuffles (merged) and constants (folded), and the algebraic
 * patterns see through it. Dropped dimensions must be length 1 in every input.
 */
export const dimShuffleLift = nodeRewriter({
  name: 'dimShuffleLift',
  tags,
  tracks: [DimShuffle],
  apply(fgraph: FunctionGraph, node: Apply) {
    // ds(elemwise(x, y)) -> elemwise(ds(x), ds(y))
    const v = node.inputs[0]!;
    const el = v.owner;
    if (el === null || !(el.op instanceof Elemwise) || el.outputs.length !== 1 || Object.keys(el.op.props.inplacePattern).length > 0) return undefined;
    if (!singleClient(fgraph, v)) return undefined;
    const op = node.op as DimShuffle;
    const inputs = el.inputs as TensorVariable[];
    if (!op.drop.every((d) => inputs.every((x) => x.type.shape[d] === 1))) return undefined;
    const shuffled = inputs.map((x) => (op.isIdentity ? x : (op.call(x) as TensorVariable)));
    const rep = exactly(node.outputs[0]!, el.op.call(...shuffled));
    return rep && [rep];
  },
});
