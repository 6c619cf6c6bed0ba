/**
 * In-place versions of the Ops with an `inplace` / `destructive` flag:
 * IncSubtensor (and the advanced ones) and the BLAS Ops Gemm, Gemv, Ger,
 * each overwriting its input 0.
 */
import type { Apply, Op } from '@proj/graph';
import { AdvancedIncSubtensor, AdvancedIncSubtensor1, Gemm, Gemv, Ger, IncSubtensor } from '@proj/tensor';
import { InplaceGraphRewriter, type InplaceSpec } from './inplace-rewriter';

/** A spec whose single candidate is `remake(op)` applied to the same inputs, overwriting input 0. */
function flagSpec<T extends Op>(name: string, tracks: (op: Op) => op is T, remake: (op: T) => Op, aliasing: InplaceSpec['aliasing']): InplaceSpec {
  return {
    name,
    tracks,
    candidates: (node: Apply) => [{ destroys: 0, build: () => remake(node.op as T).makeNode(...node.inputs).outputs }],
    aliasing,
  };
}

/**
 * IncSubtensor / AdvancedIncSubtensor1 / AdvancedIncSubtensor -> the same
 * with inplace: true (x[idx] written in x's own array). Skipped when y reads
 * x's memory (a view of x written while it is read).
 *
 * @example
 * inplaceIncSubtensor.rewrite(fg); // IncSubtensorInplace{...}
 */
export const inplaceIncSubtensor = new InplaceGraphRewriter(
  flagSpec(
    'inplaceIncSubtensor',
    (op): op is IncSubtensor | AdvancedIncSubtensor1 | AdvancedIncSubtensor =>
      (op instanceof IncSubtensor || op instanceof AdvancedIncSubtensor1 || op instanceof AdvancedIncSubtensor) && !op.props.inplace,
    // incSubtensor(x, y) -> incSubtensor{inplace}(x, y)
    (op) => {
      if (op instanceof IncSubtensor) return new IncSubtensor(op.idxList, { ...op.props, inplace: true });
      if (op instanceof AdvancedIncSubtensor1) return new AdvancedIncSubtensor1({ ...op.props, inplace: true });
      return new AdvancedIncSubtensor(op.props.idxList, { ...op.props, inplace: true });
    },
    'none',
  ),
);

/**
 * Gemm{no_inplace} -> Gemm{inplace} (z overwritten; an x or y sharing z's memory is copied by Gemm itself).
 *
 * @example
 * inplaceGemm.rewrite(fg);
 */
export const inplaceGemm = new InplaceGraphRewriter(
  // gemm(z, a, x, y, b) -> gemm_inplace(z, a, x, y, b)
  flagSpec('inplaceGemm', (op): op is Gemm => op instanceof Gemm && !op.props.inplace, () => new Gemm(true), 'copies'),
);

/**
 * Gemv{no_inplace} -> Gemv{inplace} (y overwritten).
 *
 * @example
 * inplaceGemv.rewrite(fg);
 */
export const inplaceGemv = new InplaceGraphRewriter(
  // gemv(y, a, A, x, b) -> gemv_inplace(y, a, A, x, b)
  flagSpec('inplaceGemv', (op): op is Gemv => op instanceof Gemv && !op.props.inplace, () => new Gemv(true), 'copies'),
);

/**
 * Ger{non-destructive} -> Ger{destructive} (A overwritten).
 *
 * @example
 * inplaceGer.rewrite(fg);
 */
export const inplaceGer = new InplaceGraphRewriter(
  // ger(A, a, x, y) -> ger_destructive(A, a, x, y)
  flagSpec('inplaceGer', (op): op is Ger => op instanceof Ger && !op.props.destructive, () => new Ger(true), 'copies'),
);
