/**
 * Alloc and fill canonicalizations (PyTensor's local_useless_alloc and
 * local_useless_fill): a broadcast that cannot change its value's shape is
 * the value itself.
 */
import type { Apply, FunctionGraph } from '@proj/graph';
import { Alloc, TensorVariable, scalarSecond } from '@proj/tensor';
import { nodeRewriter } from '../../node-rewriter';
import { canonicalTags as tags, elemwiseTrack, exactly } from './util';
import { isLengthOf } from './shape';

/**
 * alloc(x, *shape) -> x when x has as many dimensions as the result and every
 * length is x's own (x.shape[d], or the length x's Type states): nothing is
 * broadcast, so the copy is x. Without an Assert Op, lengths that are only
 * equal at run time are left alone.
 */
export const uselessAlloc = nodeRewriter({
  name: 'uselessAlloc',
  tags,
  tracks: [Alloc],
  apply(_fg: FunctionGraph, node: Apply) {
    // alloc(x, *x.shape) -> x
    const x = node.inputs[0] as TensorVariable;
    const lengths = node.inputs.slice(1);
    if (x.ndim !== lengths.length || !lengths.every((len, d) => isLengthOf(len, x, d))) return undefined;
    const rep = exactly(node.outputs[0]!, x);
    return rep && [rep];
  },
});

/**
 * fill(m, y) -> y when m cannot stretch y: in every dimension m has length 1,
 * or y a known length other than 1 (a length unknown until run time may be 1).
 */
export const uselessFill = nodeRewriter({
  name: 'uselessFill',
  tags,
  tracks: [elemwiseTrack(scalarSecond)],
  apply(_fg: FunctionGraph, node: Apply) {
    // fill(m, y) -> y
    const [m, y] = node.inputs as TensorVariable[];
    const fixed = m!.type.shape.every((s, d) => s === 1 || (y!.type.shape[d] !== null && y!.type.shape[d] !== 1));
    if (!fixed) return undefined;
    const rep = exactly(node.outputs[0]!, y);
    return rep && [rep];
  },
});
