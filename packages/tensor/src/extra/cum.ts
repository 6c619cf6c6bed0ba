/**
 * Cumulative sums and products: CumOp (PyTensor's, mode 'add' or 'mul') and
 * the user functions cumsum and cumprod. Output dtypes follow NumPy and
 * pt.sum: bool and signed integers accumulate in int64, unsigned ones in
 * uint64, floats and complex in their own dtype.
 */
import { checkOptions, Apply, ArgumentError, type FunctionGraph, Op, type ShapeTuple, type StorageCell, type Variable } from '@proj/graph';
import { isSignedInt, isUnsignedInt, type Dtype } from '../dtype/dtypes';
import { asTensorVariable, type TensorLike } from '../basic/as-tensor';
import { mul, trueDiv } from '../math/arith';
import { AxisError } from '../reduce/axis';
import { flatten } from '../shape/reshape';
import { TensorType } from '../type/tensor-type';
import type { NDArray } from '../value/ndarray';
import type { TensorVariable } from '../variable/tensor-variable';
import { cumKernel } from './cum-kernel';
import { flip } from './flip';
import { checkTensor, normalizeAxis } from './strided';

/**
 * The accumulation dtype of cumsum/cumprod for an input dtype (NumPy's).
 *
 * @example
 * cumDtype('int8'); // 'int64'
 */
export function cumDtype(d: Dtype): Dtype {
  if (d === 'bool' || (isSignedInt(d) && d !== 'int64')) return 'int64';
  if (isUnsignedInt(d) && d !== 'uint64') return 'uint64';
  return d;
}

/**
 * The cumulative sum ('add') or product ('mul') along a non-negative `axis`.
 *
 * @example
 * new CumOp(0, 'add').call(x); // Cumsum{axis=0}
 */
export class CumOp extends Op<{ axis: number; mode: 'add' | 'mul' }> {
  constructor(axis: number, mode: 'add' | 'mul' = 'add') {
    if (mode !== 'add' && mode !== 'mul') throw new ArgumentError({ op: 'CumOp', argument: 'mode', expected: "'add' or 'mul'", given: JSON.stringify(mode) });
    if (!Number.isInteger(axis) || axis < 0) throw new AxisError({ op: 'CumOp', argument: 'axis', expected: 'a non-negative integer axis (the user functions take negative ones)', given: String(axis) });
    super({ axis, mode });
  }

  get axis(): number {
    return this.props.axis;
  }

  get mode(): 'add' | 'mul' {
    return this.props.mode;
  }

  override get name(): string {
    return `${this.mode === 'add' ? 'Cumsum' : 'Cumprod'}{axis=${this.axis}}`;
  }

  override toString(): string {
    return this.name;
  }

  makeNode(x: Variable): Apply {
    const t = checkTensor(this.name, 0, x);
    if (this.axis >= t.ndim) throw new AxisError({ op: this.name, argument: 'axis', expected: `an axis in [0, ${t.ndim}) for a ${t.ndim}-d input`, given: `axis ${this.axis}` });
    return new Apply(this, [t], [new TensorType(cumDtype(t.dtype), t.type.shape).makeVariable()]);
  }

  override perform(node: Apply, [x]: readonly unknown[], out: StorageCell[]): void {
    out[0]![0] = cumKernel(x as NDArray, this.axis, this.mode, (node.outputs[0]!.type as TensorType).dtype);
  }

  override inferShape(_fg: FunctionGraph | undefined, _node: Apply, [shape]: readonly ShapeTuple[]): ShapeTuple[] {
    return [shape!];
  }

  // add: the reversed cumsum of gz. mul (PyTensor's formula): reversed cumsum of (cumprod(x) * gz), divided by x.
  override Lop(inputs: readonly Variable[], outputs: readonly Variable[], [gz]: readonly Variable[]): Variable[] {
    const x = inputs[0] as TensorVariable;
    const g = gz as TensorVariable;
    const rev = (v: TensorVariable) => flip(v, { axis: this.axis });
    const revCumsum = (v: TensorVariable) => rev(new CumOp(this.axis, 'add').call(rev(v)) as TensorVariable);
    if (this.mode === 'add') return [revCumsum(g)];
    const fx = (outputs[0] as TensorVariable | undefined) ?? (this.call(x) as TensorVariable);
    return [trueDiv(revCumsum(mul(fx, g)), x)];
  }

  override grad(inputs: readonly Variable[], outputGrads: readonly Variable[]): Variable[] {
    return this.Lop(inputs, [], outputGrads);
  }

  // cumsum is linear; cumprod has no Rop (MethodNotDefinedError, as PyTensor).
  override Rop(inputs: readonly Variable[], evalPoints: readonly (Variable | null)[]): (Variable | null)[] {
    if (this.mode === 'mul') return super.Rop(inputs, evalPoints);
    const ev = evalPoints[0];
    return [ev === null || ev === undefined ? null : this.call(ev)];
  }
}

function cum(fn: string, x: TensorLike, axis: number | null | undefined, mode: 'add' | 'mul'): TensorVariable {
  let t = asTensorVariable(x);
  let ax: number;
  if (axis === undefined || axis === null) {
    t = flatten(t);
    ax = 0;
  } else ax = normalizeAxis(fn, axis, t.ndim);
  return new CumOp(ax, mode).call(t) as TensorVariable;
}

/**
 * The cumulative sum along `axis` (the flattened input when undefined or
 * null), NumPy's cumsum. Integers accumulate exactly in int64/uint64.
 *
 * @example
 * pt.cumsum(x, { axis: -1 });
 */
export function cumsum(x: TensorLike, options: { axis?: number | null } = {}): TensorVariable {
  checkOptions('pt.cumsum', options, ['axis']);
  return cum('pt.cumsum', x, options.axis, 'add');
}

/**
 * The cumulative product along `axis` (the flattened input when undefined or
 * null), NumPy's cumprod. The gradient divides by x (PyTensor's formula), so
 * it is NaN where x is 0.
 *
 * @example
 * pt.cumprod(x, { axis: 0 });
 */
export function cumprod(x: TensorLike, options: { axis?: number | null } = {}): TensorVariable {
  checkOptions('pt.cumprod', options, ['axis']);
  return cum('pt.cumprod', x, options.axis, 'mul');
}
