/**
 * Removal of the gradient-only Ops (PyTensor removes its ViewOps and GradClip
 * the same way): ZeroGrad, DisconnectedGrad, UndefinedGrad, GradClip and
 * GradScale are identities in the forward graph, so once gradients have been
 * taken op(x) is x. FAST_COMPILE runs these too.
 */
import type { Apply, FunctionGraph } from '@proj/graph';
import { DisconnectedGrad, GradClip, GradScale, UndefinedGrad, ZeroGrad } from '@proj/gradient';
import { nodeRewriter, type NodeRewriter, type OpClass } from '../node-rewriter';

const tags = ['canonicalize', 'fast_run', 'fast_compile', 'grad_ops'] as const;

/** A rewriter named `name` that replaces the output of an `opClass` node by its input. */
function removal(name: string, opClass: OpClass): NodeRewriter {
  return nodeRewriter({
    name,
    tags,
    tracks: [opClass],
    // op(x) -> x
    apply: (_fg: FunctionGraph, node: Apply) => [node.inputs[0]!],
  });
}

/** zeroGrad(x) -> x. */
export const removeZeroGrad = removal('removeZeroGrad', ZeroGrad);

/** disconnectedGrad(x) -> x. */
export const removeDisconnectedGrad = removal('removeDisconnectedGrad', DisconnectedGrad);

/** undefinedGrad(x) -> x. */
export const removeUndefinedGrad = removal('removeUndefinedGrad', UndefinedGrad);

/** gradClip(x, lo, hi) -> x. */
export const removeGradClip = removal('removeGradClip', GradClip);

/** gradScale(x, k) -> x. */
export const removeGradScale = removal('removeGradScale', GradScale);

/**
 * The gradient-Op removals, each switchable by name, all tagged
 * 'canonicalize', 'fast_run', 'fast_compile' (and 'grad_ops' for the group).
 *
 * @example
 * new EquilibriumGraphRewriter(gradOpRewrites).rewrite(fg); // no ZeroGrad/GradClip/... left
 */
export const gradOpRewrites: readonly NodeRewriter[] = [removeZeroGrad, removeDisconnectedGrad, removeUndefinedGrad, removeGradClip, removeGradScale];
