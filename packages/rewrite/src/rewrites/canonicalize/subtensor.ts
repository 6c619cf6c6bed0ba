/**
 * Subtensor canonicalizations (PyTensor's local_useless_subtensor /
 * local_useless_slice): indexing that selects all of x is x.
 */
import type { Apply, FunctionGraph, Variable } from '@proj/graph';
import { Subtensor, TensorVariable } from '@proj/tensor';
import { nodeRewriter } from '../../node-rewriter';
import { canonicalTags as tags, exactly } from './util';
import { isLengthOf } from './shape';

/** One entry of a Subtensor's index pattern. */
type IdxListEntry = Subtensor['idxList'][number];

/**
 * Whether the slice entry selects the whole dimension `d` of x: start absent
 * or 0, step absent or 1, stop absent, x.shape[d], or a constant at least as
 * large as the length x's Type states.
 */
function isFullSlice(e: IdxListEntry, x: TensorVariable, d: number, next: () => Variable): boolean {
  if (e.kind !== 'slice') return false;
  const start = e.start === 'sym' ? next() : e.start;
  const stop = e.stop === 'sym' ? next() : e.stop;
  const step = e.step === 'sym' ? next() : e.step;
  if (!(start === null || start === 0) || !(step === null || step === 1)) return false;
  if (stop === null) return true;
  const known = x.type.shape[d];
  if (typeof stop === 'number') return known !== null && known !== undefined && stop >= known;
  return isLengthOf(stop, x, d);
}

/** x[:, 0:, :n] -> x (every entry a slice selecting the whole dimension). */
export const uselessSubtensor = nodeRewriter({
  name: 'uselessSubtensor',
  tags,
  tracks: [Subtensor],
  apply(_fg: FunctionGraph, node: Apply) {
    // x[:, :] -> x
    const x = node.inputs[0] as TensorVariable;
    let k = 1;
    const next = () => node.inputs[k++]!;
    if (!(node.op as Subtensor).idxList.every((e, d) => isFullSlice(e, x, d, next))) return undefined;
    const rep = exactly(node.outputs[0]!, x);
    return rep && [rep];
  },
});
