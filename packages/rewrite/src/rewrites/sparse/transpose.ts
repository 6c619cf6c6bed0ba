/**
 * transpose(transpose(x)) -> x: two format flips (CSR -> CSC -> CSR) that
 * copy the matrix twice and give it back unchanged.
 */
import { Transpose } from '@proj/sparse';
import { nodeRewriter } from '../../node-rewriter';

/** transpose(transpose(x)) -> x. */
export const localTransposeTranspose = nodeRewriter({
  name: 'localTransposeTranspose',
  tracks: [Transpose],
  tags: ['canonicalize', 'fast_run', 'fast_compile'],
  apply: (_fg, node) => {
    const inner = node.inputs[0]!.owner;
    if (inner === null || !(inner.op instanceof Transpose)) return undefined;
    return [inner.inputs[0]!];
  },
});
