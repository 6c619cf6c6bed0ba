/** Removal of the gradient-only Ops (ZeroGrad, DisconnectedGrad, GradClip, GradScale, ...). */
import type { NodeRewriter } from '../node-rewriter';

export const gradOpRewrites: readonly NodeRewriter[] = [];
