/**
 * Roll (NumPy's roll: elements shifted cyclically along an axis, or through
 * the flattened array) and the user function roll.
 */
import {
  checkOptions,
  optionKeys,
  Apply,
  ArgumentError,
  Op,
  TypeMismatchError,
  disconnectedType,
  type FunctionGraph,
  type ShapeTuple,
  type StorageCell,
  type Variable,
} from '@proj/graph';
import { dtypeWidth } from '../dtype/dtypes';
import { fromRaw, sizeOf, type NDArray } from '../value/ndarray';
import { TensorVariable } from '../variable/tensor-variable';
import { asTensorVariable, type TensorLike } from '../basic/as-tensor';
import { neg } from '../math/arith';
import { cast } from '../math/cast';
import { blockSizes, contiguousRaw, newRaw, rollKernel } from './kernel';
import { checkIntScalar, intScalarValue, normalizeAxisIndex } from './util';

/**
 * Shifts the elements of x cyclically by `shift` places along `axis`, or
 * through the flattened array (keeping x's shape) when `axis` is null
 * (NumPy's roll). Inputs: x and the shift, an integer scalar (negative
 * shifts go the other way; any size is taken modulo the length).
 *
 * @example
 * new Roll(0).call(x, constant(1)); // [a, b, c] -> [c, a, b]
 */
export class Roll extends Op<{ axis: number | null }> {
  constructor(axis: number | null = null) {
    if (axis !== null && (!Number.isInteger(axis) || axis < 0)) {
      throw new ArgumentError({ op: 'Roll', argument: 'axis', expected: 'a non-negative integer axis or null (flattened)', given: String(axis) });
    }
    super({ axis });
  }

  get axis(): number | null {
    return this.props.axis;
  }

  override get name(): string {
    return `Roll{axis=${this.axis ?? 'None'}}`;
  }

  override toString(): string {
    return this.name;
  }

  makeNode(x: Variable, shift: Variable): Apply {
    if (!(x instanceof TensorVariable)) throw new TypeMismatchError({ op: this.name, argument: 0, expected: 'a tensor', given: `${x} of type ${x.type}` });
    if (this.axis !== null) normalizeAxisIndex(this.name, this.axis, x.ndim);
    checkIntScalar(this.name, shift, 1, true);
    return new Apply(this, [x, shift], [x.type.makeVariable()]);
  }

  override perform(_node: Apply, [xv, sv]: readonly unknown[], out: StorageCell[]): void {
    const a = xv as NDArray;
    const { outer, n, inner } = blockSizes(a.shape, this.axis, dtypeWidth(a.dtype));
    const raw = newRaw(a.dtype, sizeOf(a.shape));
    if (raw.length > 0) {
      const shift = ((intScalarValue(sv) % n) + n) % n;
      rollKernel(contiguousRaw(a), shift, outer, n, inner, raw);
    }
    out[0]![0] = fromRaw(a.dtype, raw, a.shape);
  }

  override inferShape(_fg: FunctionGraph | undefined, _node: Apply, [xs]: readonly ShapeTuple[]): ShapeTuple[] {
    return [xs!];
  }

  override connectionPattern(): boolean[][] {
    return [[true], [false]];
  }

  /** Rolling back by the same shift. */
  override grad([, shift]: readonly Variable[], [gz]: readonly Variable[]): Variable[] {
    // In int64, so that the most negative int8 shift (say) negates exactly.
    const s = shift as TensorVariable;
    return [this.call(gz!, neg(s.dtype === 'int64' ? s : cast(s, 'int64'))), disconnectedType()];
  }

  override Rop([, shift]: readonly Variable[], [ev]: readonly (Variable | null)[]): (Variable | null)[] {
    return [ev === null || ev === undefined ? null : this.call(ev, shift!)];
  }
}

/** Options of roll. */
export interface RollOptions {
  /** The axis (or axes, one per shift) to roll along; undefined/null rolls the flattened array. */
  axis?: number | readonly number[] | null;
}

function shiftScalar(s: TensorLike, i: number): TensorVariable {
  if (typeof s === 'number' && !Number.isInteger(s)) throw new ArgumentError({ op: 'pt.roll', argument: `shift[${i}]`, expected: 'an integer', given: String(s) });
  const t = asTensorVariable(s);
  return checkIntScalar('pt.roll', t, 'shift', true);
}

const ROLL_KEYS = optionKeys<RollOptions>({ axis: true });

/**
 * `x` with its elements shifted cyclically by `shift` places (NumPy's roll):
 * along `axis`, along several axes (a shift per axis; a single shift or axis
 * is repeated), or through the flattened array when no axis is given.
 *
 * @example
 * roll(x, 1); // the last element comes first
 * roll(m, [1, -1], { axis: [0, 1] });
 */
export function roll(x: TensorLike, shift: TensorLike | readonly TensorLike[], options: RollOptions = {}): TensorVariable {
  checkOptions('pt.roll', options, ROLL_KEYS);
  const t = asTensorVariable(x);
  const shifts = Array.isArray(shift) ? (shift as readonly TensorLike[]) : [shift as TensorLike];
  const axisArg = options.axis;
  if (axisArg === undefined || axisArg === null) {
    // Rolls through the flattened array compose by adding their shifts.
    return shifts.reduce<TensorVariable>((acc, s, i) => new Roll(null).call(acc, shiftScalar(s, i)) as TensorVariable, t);
  }
  const axes = (typeof axisArg === 'number' ? [axisArg] : [...axisArg]).map((a) => normalizeAxisIndex('pt.roll', a, t.ndim));
  const n = Math.max(axes.length, shifts.length);
  if ((axes.length !== n && axes.length !== 1) || (shifts.length !== n && shifts.length !== 1)) {
    throw new ArgumentError({ op: 'pt.roll', argument: 'axis', expected: `as many axes as shifts (or one of either)`, given: `${axes.length} axes and ${shifts.length} shifts ('shift' and 'axis' should be scalars or 1D sequences)` });
  }
  let out = t;
  for (let i = 0; i < n; i++) out = new Roll(axes[axes.length === 1 ? 0 : i]!).call(out, shiftScalar(shifts[shifts.length === 1 ? 0 : i]!, i)) as TensorVariable;
  return out;
}
