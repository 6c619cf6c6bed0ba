/**
 * Take (NumPy's take along one axis, with its modes) and its gradient
 * TakeGrad (a scatter-add of gz into zeros shaped like x), and the user
 * functions take and compress. Written here rather than on advanced indexing
 * so that take needs no other Op; the two compute the same.
 */
import {
  checkOptions,
  optionKeys,
  Apply,
  ShapeError,
  Op,
  disconnectedType,
  type FunctionGraph,
  type ShapeTuple,
  type StorageCell,
  type Variable,
} from '@proj/graph';
import { asTensorVariable, type TensorLike } from '../basic/as-tensor';
import { AxisError } from '../reduce/axis';
import { flatten } from '../shape/reshape';
import { TensorType } from '../type/tensor-type';
import type { NDArray } from '../value/ndarray';
import type { TensorVariable } from '../variable/tensor-variable';
import { checkIntegerTensor, checkMode, checkTensor, normalizeAxis, resolveIndices, type IndexMode } from './strided';
import { takeGradKernel, takeKernel } from './take-kernel';

type TakeProps = { axis: number; mode: IndexMode };

function checkAxisProp(op: string, axis: number): void {
  if (!Number.isInteger(axis) || axis < 0) throw new AxisError({ op, argument: 'axis', expected: 'a non-negative integer axis (the user functions take negative ones)', given: String(axis) });
}

/**
 * x.take(indices, axis, mode): out.shape = x.shape[:axis] + indices.shape +
 * x.shape[axis+1:]. Indices are any integer tensor; 'raise' accepts [-n, n).
 *
 * @example
 * new Take(0, 'raise').call(x, indices);
 */
export class Take extends Op<TakeProps> {
  constructor(axis: number, mode: IndexMode = 'raise') {
    checkAxisProp('Take', axis);
    super({ axis, mode: checkMode('Take', mode) });
  }

  override get name(): string {
    return `Take{axis=${this.props.axis}, mode=${this.props.mode}}`;
  }

  override toString(): string {
    return this.name;
  }

  makeNode(x: Variable, indices: Variable): Apply {
    const t = checkTensor(this.name, 0, x);
    const i = checkIntegerTensor(this.name, 1, indices);
    const { axis } = this.props;
    if (axis >= t.ndim) throw new AxisError({ op: this.name, argument: 'axis', expected: `an axis in [0, ${t.ndim}) for a ${t.ndim}-d input`, given: `axis ${axis}` });
    const s = t.type.shape;
    return new Apply(this, [t, i], [new TensorType(t.dtype, [...s.slice(0, axis), ...i.type.shape, ...s.slice(axis + 1)]).makeVariable()]);
  }

  override perform(_node: Apply, [x, indices]: readonly unknown[], out: StorageCell[]): void {
    const a = x as NDArray;
    const ind = indices as NDArray;
    const { axis, mode } = this.props;
    const idx = resolveIndices(this.name, 1, ind, a.shape[axis]!, mode, axis);
    out[0]![0] = takeKernel(a, idx, ind.shape, axis);
  }

  override inferShape(_fg: FunctionGraph | undefined, _node: Apply, [xs, is]: readonly ShapeTuple[]): ShapeTuple[] {
    const { axis } = this.props;
    return [[...xs!.slice(0, axis), ...is!, ...xs!.slice(axis + 1)]];
  }

  override connectionPattern(): boolean[][] {
    return [[true], [false]];
  }

  override grad([x, indices]: readonly Variable[], [gz]: readonly Variable[]): Variable[] {
    return [new TakeGrad(this.props.axis, this.props.mode).call(gz!, indices!, x!), disconnectedType()];
  }

  override Rop(inputs: readonly Variable[], [ev]: readonly (Variable | null)[]): (Variable | null)[] {
    return [ev === null || ev === undefined ? null : this.call(ev, inputs[1]!)];
  }
}

/**
 * The gradient of Take: zeros shaped like x (input 2, read for its shape and
 * dtype only) with gz (input 0) added at the indices (input 1) along `axis`.
 *
 * @example
 * new TakeGrad(0, 'raise').call(gz, indices, x);
 */
export class TakeGrad extends Op<TakeProps> {
  constructor(axis: number, mode: IndexMode = 'raise') {
    checkAxisProp('TakeGrad', axis);
    super({ axis, mode: checkMode('TakeGrad', mode) });
  }

  override get name(): string {
    return `TakeGrad{axis=${this.props.axis}, mode=${this.props.mode}}`;
  }

  override toString(): string {
    return this.name;
  }

  makeNode(gz: Variable, indices: Variable, x: Variable): Apply {
    const g = checkTensor(this.name, 0, gz);
    const i = checkIntegerTensor(this.name, 1, indices);
    const t = checkTensor(this.name, 2, x);
    const { axis } = this.props;
    if (axis >= t.ndim) throw new AxisError({ op: this.name, argument: 'axis', expected: `an axis in [0, ${t.ndim})`, given: `axis ${axis}` });
    if (g.ndim !== t.ndim - 1 + i.ndim) throw new ShapeError({ op: this.name, argument: 0, expected: `a gradient with ${t.ndim - 1 + i.ndim} dimensions`, given: `${g.ndim} dimensions (${g.type})` });
    return new Apply(this, [g, i, t], [t.type.makeVariable()]);
  }

  override perform(_node: Apply, [gz, indices, x]: readonly unknown[], out: StorageCell[]): void {
    const g = gz as NDArray;
    const ind = indices as NDArray;
    const a = x as NDArray;
    const { axis, mode } = this.props;
    const want = [...a.shape.slice(0, axis), ...ind.shape, ...a.shape.slice(axis + 1)];
    if (g.shape.length !== want.length || g.shape.some((s, d) => s !== want[d])) {
      throw new ShapeError({ op: this.name, argument: 0, expected: `a gradient of shape (${want.join(', ')})`, given: `shape (${g.shape.join(', ')})` });
    }
    const idx = resolveIndices(this.name, 1, ind, a.shape[axis]!, mode, axis);
    out[0]![0] = takeGradKernel(g, idx, axis, a);
  }

  override inferShape(_fg: FunctionGraph | undefined, _node: Apply, shapes: readonly ShapeTuple[]): ShapeTuple[] {
    return [shapes[2]!];
  }

  override connectionPattern(): boolean[][] {
    return [[true], [false], [false]];
  }

  override grad([, indices]: readonly Variable[], [g]: readonly Variable[]): Variable[] {
    return [new Take(this.props.axis, this.props.mode).call(g!, indices!), disconnectedType(), disconnectedType()];
  }

  override Rop(inputs: readonly Variable[], [ev]: readonly (Variable | null)[]): (Variable | null)[] {
    return [ev === null || ev === undefined ? null : this.call(ev, inputs[1]!, inputs[2]!)];
  }
}

/** Options of take. */
export interface TakeOptions {
  /** The axis to take along (negative counts from the end); undefined/null: the flattened input. */
  readonly axis?: number | null;
  /** 'raise' (default: indices in [-n, n)), 'wrap' (modulo n) or 'clip' (clamped to [0, n)). */
  readonly mode?: IndexMode;
}

const TAKE_KEYS = optionKeys<TakeOptions>({ axis: true, mode: true });

/**
 * Elements of `x` at `indices` along `axis` (NumPy's take; the flattened x by
 * default). The result has shape x.shape[:axis] + indices.shape + x.shape[axis+1:].
 *
 * @example
 * pt.take(x, [0, 2], { axis: 1 }); // columns 0 and 2
 */
export function take(x: TensorLike, indices: TensorLike, options: TakeOptions = {}): TensorVariable {
  checkOptions('pt.take', options, TAKE_KEYS);
  let t = asTensorVariable(x);
  const mode = checkMode('pt.take', options.mode ?? 'raise');
  let axis: number;
  if (options.axis === undefined || options.axis === null) {
    t = flatten(t);
    axis = 0;
  } else axis = normalizeAxis('pt.take', options.axis, t.ndim);
  return new Take(axis, mode).call(t, asTensorVariable(indices)) as TensorVariable;
}
