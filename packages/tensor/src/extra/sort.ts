/**
 * Sorting: SortOp and ArgSortOp (PyTensor's pytensor.tensor.sort), the
 * PermuteAlongAxis Op their gradients use, and the user functions sort and
 * argsort. The axis is a prop (a non-negative integer); axis undefined/null in
 * the user functions sorts the flattened input. Every kind sorts stably here
 * (NumPy guarantees it only for 'stable' and 'mergesort'); NaNs go last.
 */
import {
  checkOptions,
  optionKeys,
  Apply,
  ArgumentError,
  Op,
  ShapeError,
  disconnectedType,
  type FunctionGraph,
  type ShapeTuple,
  type StorageCell,
  type Variable,
} from '@proj/graph';
import { asTensorVariable, type TensorLike } from '../basic/as-tensor';
import { flatGrad } from '../scalar/zero-grad';
import { flatten } from '../shape/reshape';
import { TensorType } from '../type/tensor-type';
import type { NDArray } from '../value/ndarray';
import type { TensorVariable } from '../variable/tensor-variable';
import { permuteKernel, sortKernel } from './sort-kernel';
import { checkIntegerTensor, checkRealTensor, checkTensor, normalizeAxis } from './strided';
import { AxisError } from '../reduce/axis';

/** NumPy's sort kinds (all stable here). */
export type SortKind = 'quicksort' | 'mergesort' | 'heapsort' | 'stable';

const KINDS: readonly SortKind[] = ['quicksort', 'mergesort', 'heapsort', 'stable'];

/** Shared props and checks of SortOp and ArgSortOp. */
abstract class SortBase extends Op<{ axis: number; kind: SortKind }> {
  constructor(axis: number, kind: SortKind = 'quicksort') {
    if (!Number.isInteger(axis) || axis < 0) {
      throw new AxisError({ op: new.target.name, argument: 'axis', expected: 'a non-negative integer axis (the user functions take negative ones)', given: String(axis) });
    }
    if (!KINDS.includes(kind)) throw new ArgumentError({ op: new.target.name, argument: 'kind', expected: KINDS.map((k) => `'${k}'`).join(', '), given: JSON.stringify(kind) });
    super({ axis, kind });
  }

  get axis(): number {
    return this.props.axis;
  }

  override get name(): string {
    return `${this.constructor.name}{axis=${this.axis}, kind=${this.props.kind}}`;
  }

  override toString(): string {
    return this.name;
  }

  protected checked(x: Variable): TensorVariable {
    const t = checkRealTensor(this.name, 0, x);
    if (this.axis >= t.ndim) {
      throw new AxisError({ op: this.name, argument: 'axis', expected: `an axis in [0, ${t.ndim}) for a ${t.ndim}-d input`, given: `axis ${this.axis}` });
    }
    return t;
  }

  override inferShape(_fg: FunctionGraph | undefined, _node: Apply, [shape]: readonly ShapeTuple[]): ShapeTuple[] {
    return [shape!];
  }
}

/**
 * The input sorted along `axis` (same shape and dtype).
 *
 * @example
 * new SortOp(0, 'stable').call(x);
 */
export class SortOp extends SortBase {
  makeNode(x: Variable): Apply {
    const t = this.checked(x);
    return new Apply(this, [t], [t.type.makeVariable()]);
  }

  override perform(_node: Apply, [x]: readonly unknown[], out: StorageCell[]): void {
    out[0]![0] = sortKernel(x as NDArray, this.axis, 'values');
  }

  // sort(x)[i] = x[idx[i]], so gx[idx[i]] = gz[i]: gz gathered with the inverse permutation.
  override Lop(inputs: readonly Variable[], _outputs: readonly Variable[], [gz]: readonly Variable[]): Variable[] {
    const x = inputs[0] as TensorVariable;
    const idx = new ArgSortOp(this.axis, this.props.kind).call(x);
    const inv = new ArgSortOp(this.axis, 'stable').call(idx);
    return [new PermuteAlongAxis(this.axis).call(gz!, inv)];
  }

  override grad(inputs: readonly Variable[], outputGrads: readonly Variable[]): Variable[] {
    return this.Lop(inputs, [], outputGrads);
  }

  override Rop(inputs: readonly Variable[], [ev]: readonly (Variable | null)[]): (Variable | null)[] {
    if (ev === null || ev === undefined) return [null];
    const idx = new ArgSortOp(this.axis, this.props.kind).call(inputs[0]!);
    return [new PermuteAlongAxis(this.axis).call(ev, idx)];
  }
}

/**
 * The int64 indices that sort the input along `axis` (NumPy's argsort).
 *
 * @example
 * new ArgSortOp(1).call(x);
 */
export class ArgSortOp extends SortBase {
  makeNode(x: Variable): Apply {
    const t = this.checked(x);
    return new Apply(this, [t], [new TensorType('int64', t.type.shape).makeVariable()]);
  }

  override perform(_node: Apply, [x]: readonly unknown[], out: StorageCell[]): void {
    out[0]![0] = sortKernel(x as NDArray, this.axis, 'indices');
  }

  // Indices are piecewise constant in x (PyTensor: zeros).
  override grad(inputs: readonly Variable[], _outputGrads?: readonly Variable[]): Variable[] {
    return [flatGrad(inputs[0] as TensorVariable)];
  }
}

/**
 * Reorders `x` along `axis` by an int permutation of the same shape:
 * out[..., i, ...] = x[..., perm[..., i, ...], ...] (take_along_axis for
 * permutations; the gradient of sort). Each line of perm must hold every
 * index once; its gradient is the inverse permutation applied to gz.
 *
 * @example
 * new PermuteAlongAxis(0).call(x, argsort(x, { axis: 0 }));
 */
export class PermuteAlongAxis extends Op<{ axis: number }> {
  constructor(axis: number) {
    if (!Number.isInteger(axis) || axis < 0) throw new AxisError({ op: 'PermuteAlongAxis', argument: 'axis', expected: 'a non-negative integer axis', given: String(axis) });
    super({ axis });
  }

  override get name(): string {
    return `PermuteAlongAxis{axis=${this.props.axis}}`;
  }

  override toString(): string {
    return this.name;
  }

  makeNode(x: Variable, perm: Variable): Apply {
    const xt = checkTensor(this.name, 0, x);
    const pt = checkIntegerTensor(this.name, 1, perm);
    if (this.props.axis >= xt.ndim) throw new AxisError({ op: this.name, argument: 'axis', expected: `an axis in [0, ${xt.ndim})`, given: `axis ${this.props.axis}` });
    if (pt.ndim !== xt.ndim) throw new ShapeError({ op: this.name, argument: 1, expected: `a permutation with ${xt.ndim} dimensions (as x)`, given: `${pt.ndim} dimensions` });
    const shape = xt.type.shape.map((s, d) => s ?? pt.type.shape[d]!);
    xt.type.shape.forEach((s, d) => {
      const p = pt.type.shape[d];
      if (s !== null && p !== null && p !== s) throw new ShapeError({ op: this.name, argument: 1, expected: `the shape of x (${xt.type.shape.join(', ')})`, given: `(${pt.type.shape.join(', ')})` });
    });
    return new Apply(this, [xt, pt], [new TensorType(xt.dtype, shape).makeVariable()]);
  }

  override perform(_node: Apply, [x, perm]: readonly unknown[], out: StorageCell[]): void {
    const a = x as NDArray;
    const p = perm as NDArray;
    if (a.shape.length !== p.shape.length || a.shape.some((s, d) => s !== p.shape[d])) {
      throw new ShapeError({ op: this.name, argument: 1, expected: `a permutation of the shape of x (${a.shape.join(', ')})`, given: `shape (${p.shape.join(', ')})` });
    }
    out[0]![0] = permuteKernel(a, p, this.props.axis, (detail) => new ArgumentError({ op: this.name, argument: 1, expected: 'a permutation of 0..n-1 on every line', given: detail }));
  }

  override inferShape(_fg: FunctionGraph | undefined, _node: Apply, [shape]: readonly ShapeTuple[]): ShapeTuple[] {
    return [shape!];
  }

  override connectionPattern(): boolean[][] {
    return [[true], [false]];
  }

  override Lop(inputs: readonly Variable[], _outputs: readonly Variable[], [gz]: readonly Variable[]): Variable[] {
    const inv = new ArgSortOp(this.props.axis, 'stable').call(inputs[1]!);
    return [new PermuteAlongAxis(this.props.axis).call(gz!, inv), disconnectedType()];
  }

  override grad(inputs: readonly Variable[], outputGrads: readonly Variable[]): Variable[] {
    return this.Lop(inputs, [], outputGrads);
  }

  override Rop(inputs: readonly Variable[], [ev]: readonly (Variable | null)[]): (Variable | null)[] {
    return [ev === null || ev === undefined ? null : this.call(ev, inputs[1]!)];
  }
}

/** Options of sort and argsort. */
export interface SortOptions {
  /** The axis (negative counts from the end); null sorts the flattened input. Default -1. */
  readonly axis?: number | null;
  /** The algorithm NumPy would use; every kind is stable here. Default 'quicksort'. */
  readonly kind?: SortKind;
  /** Same as kind 'stable' (PyTensor's `stable`); not together with `kind`. */
  readonly stable?: boolean;
  /** NumPy's structured-array `order`: not applicable to tensors, an error when given. */
  readonly order?: unknown;
}

function parse(fn: string, x: TensorLike, options: SortOptions): { t: TensorVariable; axis: number; kind: SortKind } {
  if (options.order !== undefined && options.order !== null) throw new ArgumentError({ op: fn, argument: 'order', expected: 'nothing (order is for structured arrays)', given: String(options.order) });
  if (options.stable !== undefined && options.kind !== undefined) throw new ArgumentError({ op: fn, argument: 'stable', expected: 'either kind or stable, not both', given: `kind '${options.kind}' and stable ${options.stable}` });
  const kind: SortKind = options.stable ? 'stable' : options.kind ?? 'quicksort';
  if (!KINDS.includes(kind)) throw new ArgumentError({ op: fn, argument: 'kind', expected: KINDS.map((k) => `'${k}'`).join(', '), given: JSON.stringify(kind) });
  let t = asTensorVariable(x);
  checkRealTensor(fn, 0, t);
  const ax = options.axis === undefined ? -1 : options.axis;
  if (ax === null) {
    t = flatten(t);
    return { t, axis: 0, kind };
  }
  return { t, axis: normalizeAxis(fn, ax, t.ndim), kind };
}

const SORT_KEYS = optionKeys<SortOptions>({ axis: true, kind: true, stable: true, order: true });

/**
 * A sorted copy of `x` along `axis` (default -1; null for the flattened
 * input), NaNs last (NumPy's sort).
 *
 * @example
 * pt.sort(x, { axis: 0, kind: 'stable' });
 */
export function sort(x: TensorLike, options: SortOptions = {}): TensorVariable {
  checkOptions('pt.sort', options, SORT_KEYS);
  const { t, axis, kind } = parse('pt.sort', x, options);
  return new SortOp(axis, kind).call(t) as TensorVariable;
}

/**
 * The int64 indices that sort `x` along `axis` (default -1; null for the
 * flattened input). Ties keep their order (stable), NaNs go last.
 *
 * @example
 * pt.argsort(x, { axis: null });
 */
export function argsort(x: TensorLike, options: SortOptions = {}): TensorVariable {
  checkOptions('pt.argsort', options, SORT_KEYS);
  const { t, axis, kind } = parse('pt.argsort', x, options);
  return new ArgSortOp(axis, kind).call(t) as TensorVariable;
}
