/** In-place rewrites (Elemwise, IncSubtensor, Gemm): run last, under the DestroyHandler. */
import type { GraphRewriter } from '../../graph-rewriter';
import type { NodeRewriter } from '../../node-rewriter';
import { inplaceElemwise } from './elemwise';
import type { InplaceOptions } from './inplace-rewriter';
import { inplaceGemm, inplaceGemv, inplaceGer, inplaceIncSubtensor } from './ops';

/**
 * In the order they run. The BLAS and IncSubtensor rewrites go first: they
 * gain more from writing in place than an Elemwise does, and an Elemwise that
 * took their input first would block them.
 */
export const inplaceRewriters: readonly (NodeRewriter | GraphRewriter)[] = [inplaceGemm, inplaceGemv, inplaceGer, inplaceIncSubtensor, inplaceElemwise];

/**
 * The in-place rewriters with options (which graph inputs the caller declares mutable).
 *
 * @example
 * new SequenceDB('inplace', entriesOf(inplaceRewritersWith({ mutableInputs: (v) => v.name === 'acc' })));
 */
export function inplaceRewritersWith(options: InplaceOptions): GraphRewriter[] {
  return [inplaceGemm, inplaceGemv, inplaceGer, inplaceIncSubtensor, inplaceElemwise].map((r) => r.withOptions(options));
}
