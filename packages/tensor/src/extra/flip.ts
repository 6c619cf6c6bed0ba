/**
 * Flip: the order of elements reversed along some axes, as a view with
 * negative strides (NumPy's flip, PyTensor's pt.flip). The gradients of the
 * cumulative ops use it.
 */
import { checkOptions, Apply, Op, type FunctionGraph, type ShapeTuple, type StorageCell, type Variable } from '@proj/graph';
import { asTensorVariable, type TensorLike } from '../basic/as-tensor';
import { AxisError, normalizeAxes, type AxisArg } from '../reduce/axis';
import { fromRaw, rawView, type NDArray } from '../value/ndarray';
import type { TensorVariable } from '../variable/tensor-variable';
import { checkTensor } from './strided';

/**
 * `x` reversed along `axes` (sorted, distinct, non-negative), as a view.
 *
 * @example
 * new Flip([0]).call(x); // x[::-1]
 */
export class Flip extends Op<{ axes: readonly number[] }> {
  constructor(axes: readonly number[]) {
    axes.forEach((a, i) => {
      if (!Number.isInteger(a) || a < 0 || axes.indexOf(a) !== i) {
        throw new AxisError({ op: 'Flip', argument: 'axes', expected: 'distinct non-negative integer axes', given: `[${axes.join(', ')}]` });
      }
    });
    super({ axes: [...axes].sort((p, q) => p - q) });
  }

  override get name(): string {
    return `Flip{axes=[${this.props.axes.join(', ')}]}`;
  }

  override toString(): string {
    return this.name;
  }

  override get viewMap(): Readonly<Record<number, readonly number[]>> {
    return { 0: [0] };
  }

  makeNode(x: Variable): Apply {
    const t = checkTensor(this.name, 0, x);
    const bad = this.props.axes.find((a) => a >= t.ndim);
    if (bad !== undefined) throw new AxisError({ op: this.name, argument: 'axes', expected: `axes in [0, ${t.ndim}) for a ${t.ndim}-d input`, given: `axis ${bad}` });
    return new Apply(this, [t], [t.type.makeVariable()]);
  }

  override perform(_node: Apply, [x]: readonly unknown[], out: StorageCell[]): void {
    const a = x as NDArray;
    const strides = [...a.strides];
    let offset = a.offset;
    for (const d of this.props.axes) {
      if (a.shape[d]! > 0) offset += (a.shape[d]! - 1) * strides[d]!;
      strides[d] = -strides[d]!;
    }
    out[0]![0] = fromRaw(a.dtype, rawView(a).data, a.shape, a.shape.length === 0 ? [] : strides, offset);
  }

  override inferShape(_fg: FunctionGraph | undefined, _node: Apply, [shape]: readonly ShapeTuple[]): ShapeTuple[] {
    return [shape!];
  }

  override grad(_inputs: readonly Variable[], [gz]: readonly Variable[]): Variable[] {
    return [this.call(gz!)];
  }

  override Rop(_inputs: readonly Variable[], [ev]: readonly (Variable | null)[]): (Variable | null)[] {
    return [ev === null || ev === undefined ? null : this.call(ev)];
  }
}

/**
 * `x` with the order of elements reversed along `axis` (all axes by default), a view.
 *
 * @example
 * pt.flip(x, { axis: -1 });
 */
export function flip(x: TensorLike, options: { axis?: AxisArg } = {}): TensorVariable {
  checkOptions('pt.flip', options, ['axis']);
  const t = asTensorVariable(x);
  const axes = normalizeAxes('pt.flip', options.axis, t.ndim) ?? [...Array(t.ndim).keys()];
  if (axes.length === 0) return t;
  return new Flip(axes).call(t) as TensorVariable;
}
