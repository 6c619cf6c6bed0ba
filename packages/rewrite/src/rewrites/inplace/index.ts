/** In-place rewrites (Elemwise, IncSubtensor, Gemm): run last, under the DestroyHandler. */
import type { GraphRewriter } from '../../graph-rewriter';
import type { NodeRewriter } from '../../node-rewriter';

export const inplaceRewriters: readonly (NodeRewriter | GraphRewriter)[] = [];
