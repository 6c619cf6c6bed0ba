/**
 * The canonical form of one indexing entry of x.get(...), shared by basic
 * (Subtensor) and advanced (AdvancedSubtensor) indexing.
 */
import type { TensorVariable } from '../variable/tensor-variable';

/** A slice bound: a number, a symbolic integer scalar, or null (the default). */
export type SliceBound = number | TensorVariable | null;

/** One entry of an index after parsing. */
export type IndexEntry =
  | { readonly kind: 'int'; readonly value: number | TensorVariable }
  | { readonly kind: 'slice'; readonly start: SliceBound; readonly stop: SliceBound; readonly step: SliceBound }
  | { readonly kind: 'newaxis' }
  | { readonly kind: 'ellipsis' }
  /** An integer or bool tensor (advanced indexing), given as a tensor or as nested arrays. */
  | { readonly kind: 'array'; readonly value: TensorVariable };

/** A slice object for x.get: pt.slice(1, null, -1) is NumPy's 1::-1. */
export class Slice {
  constructor(
    readonly start: SliceBound = null,
    readonly stop: SliceBound = null,
    readonly step: SliceBound = null,
  ) {}

  toString(): string {
    const b = (v: SliceBound) => (v === null ? '' : String(v));
    return this.step === null ? `${b(this.start)}:${b(this.stop)}` : `${b(this.start)}:${b(this.stop)}:${b(this.step)}`;
  }
}

/**
 * A slice for x.get (NumPy's start:stop:step).
 *
 * @example
 * x.get(pt.slice(1, null, 2)); // x[1::2]
 */
export function slice(start: SliceBound = null, stop: SliceBound = null, step: SliceBound = null): Slice {
  return new Slice(start, stop, step);
}

/** The marker for a new length-1 axis in x.get (NumPy's np.newaxis / None). */
export const newaxis: unique symbol = Symbol('newaxis');

/** The marker for "all remaining dimensions" in x.get (NumPy's ...). */
export const ellipsis: unique symbol = Symbol('ellipsis');

/** What x.get accepts per position. */
export type IndexArg = number | string | Slice | typeof newaxis | typeof ellipsis | null | TensorVariable | readonly unknown[] | ArrayBufferView;
