/**
 * Repeat (NumPy's repeat: each element, or each slice along an axis, a given
 * number of times) and its adjoint RepeatSum (sums the copies back), which
 * is Repeat's gradient for per-element repeats.
 */
import {
  checkOptions,
  optionKeys,
  Apply,
  ArgumentError,
  DtypeError,
  Op,
  ShapeError,
  TypeMismatchError,
  disconnectedType,
  type FunctionGraph,
  type ShapeTuple,
  type StorageCell,
  type Variable,
} from '@proj/graph';
import { dtypeWidth, isBigInt, isInteger } from '../dtype/dtypes';
import { TensorType } from '../type/tensor-type';
import { fromRaw, sizeOf, type NDArray } from '../value/ndarray';
import { TensorConstant, TensorVariable } from '../variable/tensor-variable';
import { asTensorVariable, type TensorLike } from '../basic/as-tensor';
import { cast } from '../math/cast';
import { sum } from '../reduce/sum';
import { intValues, shapeText } from '../shape/make-vector';
import { reshape } from '../shape/reshape';
import { shapeI, shapeTuple } from '../shape/shape';
import { blockSizes, contiguousRaw, newRaw, repeatKernel, repeatSumKernel } from './kernel';
import { mulLengths, normalizeAxisIndex, type Length } from './util';

type RepeatProps = { axis: number | null };

function checkAxis(op: string, axis: number | null): void {
  if (axis !== null && (!Number.isInteger(axis) || axis < 0)) {
    throw new ArgumentError({ op, argument: 'axis', expected: 'a non-negative integer axis or null (flattened)', given: String(axis) });
  }
}

/** Checks x and repeats for Repeat/RepeatSum and returns the static repeats (undefined if unknown). */
function checkInputs(op: string, axis: number | null, x: Variable, repeats: Variable): [TensorVariable, TensorVariable, number[] | undefined] {
  if (!(x instanceof TensorVariable)) throw new TypeMismatchError({ op, argument: 0, expected: 'a tensor', given: `${x} of type ${x.type}` });
  if (axis !== null && axis >= x.ndim) normalizeAxisIndex(op, axis, x.ndim);
  if (!(repeats instanceof TensorVariable) || repeats.ndim > 1) {
    throw new TypeMismatchError({ op, argument: 1, expected: 'an integer scalar or vector (the repeats)', given: `${repeats} of type ${repeats.type}` });
  }
  if (!isInteger(repeats.dtype) || repeats.dtype === 'uint64') {
    throw new DtypeError({ op, argument: 1, expected: 'repeats of an integer dtype other than uint64', given: repeats.dtype });
  }
  const reps = repeats instanceof TensorConstant ? intValues(repeats.data) : undefined;
  if (reps?.some((r) => r < 0)) throw new ShapeError({ op, argument: 1, expected: 'non-negative repeats', given: `[${reps.join(', ')}] (negative dimensions are not allowed)` });
  return [x, repeats, reps];
}

/** The static length of a repeats vector (a constant's too), or null. */
function vectorLength(r: TensorVariable): number | null {
  return r instanceof TensorConstant ? (r.data.shape[0] ?? 1) : r.ndim === 1 ? r.type.shape[0]! : 1;
}

/** The repeats as one count per slice (a scalar or a length-1 vector broadcast to n). */
function perSlice(op: string, reps: readonly number[], scalar: boolean, n: number): number[] {
  if (scalar || reps.length === 1) return new Array<number>(n).fill(reps[0]!);
  if (reps.length !== n) {
    throw new ShapeError({ op, argument: 1, expected: `${n} repeats (one per slice) or one`, given: `${reps.length} (operands could not be broadcast together with shape (${n},) (${reps.length},))` });
  }
  return [...reps];
}

/**
 * Repeats the elements of x (flattened when `axis` is null) or its slices
 * along `axis` (PyTensor's Repeat, NumPy's repeat). Inputs: x and the repeats,
 * an integer scalar (the same for all) or vector (one per slice).
 *
 * @example
 * new Repeat(0).call(x, constant([2, 1])); // rows of x: the first twice
 */
export class Repeat extends Op<RepeatProps> {
  constructor(axis: number | null = null) {
    checkAxis('Repeat', axis);
    super({ axis });
  }

  get axis(): number | null {
    return this.props.axis;
  }

  override get name(): string {
    return `Repeat{axis=${this.axis ?? 'None'}}`;
  }

  override toString(): string {
    return this.name;
  }

  makeNode(x: Variable, repeats: Variable): Apply {
    const [t, r, reps] = checkInputs(this.name, this.axis, x, repeats);
    const axis = this.axis;
    const lens = axis === null ? [t.type.shape.every((s) => s !== null) ? sizeOf(t.type.shape as number[]) : null] : [...t.type.shape];
    const d = axis ?? 0;
    const n = lens[d]!;
    const count = r.ndim === 1 ? (reps?.length ?? r.type.shape[0]!) : null;
    if (count !== null && count !== 1 && n !== null && count !== n) perSlice(this.name, new Array<number>(count).fill(0), false, n);
    let len: number | null = null;
    if (reps !== undefined && (r.ndim === 0 || reps.length === 1)) len = reps[0] === 1 ? n : n === null ? null : n * reps[0]!;
    else if (reps !== undefined) len = reps.reduce((p, q) => p + q, 0);
    lens[d] = len;
    return new Apply(this, [t, r], [new TensorType(t.dtype, lens).makeVariable()]);
  }

  override perform(_node: Apply, [xv, rv]: readonly unknown[], out: StorageCell[]): void {
    const a = xv as NDArray;
    const r = rv as NDArray;
    const reps0 = intValues(r);
    if (reps0.some((v) => v < 0)) throw new ShapeError({ op: this.name, argument: 1, expected: 'non-negative repeats', given: `[${reps0.join(', ')}] (negative dimensions are not allowed)` });
    const { outer, n, inner } = blockSizes(a.shape, this.axis, dtypeWidth(a.dtype));
    const reps = perSlice(this.name, reps0, r.shape.length === 0, n);
    const total = reps.reduce((p, q) => p + q, 0);
    const shape = this.axis === null ? [total] : a.shape.map((s, d) => (d === this.axis ? total : s));
    const raw = newRaw(a.dtype, sizeOf(shape));
    repeatKernel(contiguousRaw(a), reps, outer, inner, raw);
    out[0]![0] = fromRaw(a.dtype, raw, shape);
  }

  override inferShape(_fg: FunctionGraph | undefined, node: Apply, [xs]: readonly ShapeTuple[]): ShapeTuple[] {
    const o = node.outputs[0] as TensorVariable;
    const r = node.inputs[1] as TensorVariable;
    const d = this.axis ?? 0;
    const n: Length = this.axis === null ? mulLengths(xs!) : xs![d]!;
    const count = vectorLength(r);
    let len: Length;
    if (o.type.shape[d] !== null) len = o.type.shape[d]!;
    else if (r.ndim === 0) len = mulLengths([n, r]);
    else if (count === 1) len = mulLengths([n, sum(r)]);
    else if (count !== null) len = cast(sum(r), 'int64');
    else len = shapeI(o, d); // whether the repeats broadcast is known only at run time
    return [this.axis === null ? [len] : xs!.map((s, i) => (i === d ? len : s))];
  }

  override connectionPattern(): boolean[][] {
    return [[true], [false]];
  }

  /** Sums the gradient over the copies of each element. */
  override grad([x, repeats]: readonly Variable[], [gz]: readonly Variable[]): Variable[] {
    const t = x as TensorVariable;
    const r = repeats as TensorVariable;
    const g = gz as TensorVariable;
    let gx: TensorVariable;
    if (r.ndim === 0) {
      // Same repeats for all: the copies get their own axis (after the repeated one), which is summed.
      const at = this.axis === null ? t.ndim : this.axis + 1;
      const shape: (number | TensorVariable)[] = shapeTuple(t);
      shape.splice(at, 0, r);
      gx = sum(reshape(g, shape), { axis: at });
    } else {
      const summed = new RepeatSum(this.axis).call(g, r) as TensorVariable;
      gx = this.axis === null ? reshape(summed, shapeTuple(t), { ndim: t.ndim }) : summed;
    }
    return [gx, disconnectedType()];
  }

  override Rop([, r]: readonly Variable[], [ev]: readonly (Variable | null)[]): (Variable | null)[] {
    return [ev === null || ev === undefined ? null : this.call(ev, r!)];
  }
}

/**
 * The adjoint of Repeat: sums each run of repeats[i] consecutive slices of gz
 * along `axis` (a flat gz when `axis` is null) into slice i. Its output has
 * repeats.length slices (or as many as gz has elements over sum(repeats)
 * when the repeats are a scalar).
 *
 * @example
 * new RepeatSum(0).call(gz, constant([2, 1])); // [gz[0] + gz[1], gz[2]]
 */
export class RepeatSum extends Op<RepeatProps> {
  constructor(axis: number | null = null) {
    checkAxis('RepeatSum', axis);
    super({ axis });
  }

  get axis(): number | null {
    return this.props.axis;
  }

  override get name(): string {
    return `RepeatSum{axis=${this.axis ?? 'None'}}`;
  }

  override toString(): string {
    return this.name;
  }

  makeNode(gz: Variable, repeats: Variable): Apply {
    const [g, r, reps] = checkInputs(this.name, this.axis, gz, repeats);
    if (this.axis === null && g.ndim !== 1) {
      throw new TypeMismatchError({ op: this.name, argument: 0, expected: 'a vector (axis null sums a flat gradient)', given: `${g} of type ${g.type}` });
    }
    const d = this.axis ?? 0;
    const shape = [...g.type.shape];
    const count = r.ndim === 1 ? vectorLength(r) : 1;
    const len = shape[d]!;
    if (count !== 1) shape[d] = count;
    else shape[d] = reps !== undefined && reps[0]! > 0 && len !== null && len % reps[0]! === 0 ? len / reps[0]! : null;
    return new Apply(this, [g, r], [new TensorType(g.dtype, shape).makeVariable()]);
  }

  override perform(_node: Apply, [gv, rv]: readonly unknown[], out: StorageCell[]): void {
    const g = gv as NDArray;
    const r = rv as NDArray;
    const d = this.axis ?? 0;
    const reps0 = intValues(r);
    const len = g.shape[d]!;
    // Scalar (or length-1) repeats: as many slices as fit; else one per entry.
    const n = r.shape.length === 0 || reps0.length === 1 ? (reps0[0] === 0 ? 0 : len / reps0[0]!) : reps0.length;
    if (!Number.isInteger(n) || n < 0) {
      throw new ShapeError({ op: this.name, argument: 0, expected: `a length along axis ${d} that is a multiple of the repeats (${reps0[0]})`, given: `shape ${shapeText(g.shape)}` });
    }
    const reps = perSlice(this.name, reps0, r.shape.length === 0, n);
    const total = reps.reduce((p, q) => p + q, 0);
    if (total !== len) {
      throw new ShapeError({ op: this.name, argument: 0, expected: `length ${total} along axis ${d} (the sum of the repeats)`, given: `shape ${shapeText(g.shape)}` });
    }
    const shape = g.shape.map((s, i) => (i === d ? n : s));
    const { outer, inner } = blockSizes(g.shape, d, dtypeWidth(g.dtype));
    const raw = newRaw(g.dtype, sizeOf(shape));
    repeatSumKernel(contiguousRaw(g), reps, outer, inner, raw, isBigInt(g.dtype));
    out[0]![0] = fromRaw(g.dtype, raw, shape);
  }

  override inferShape(_fg: FunctionGraph | undefined, node: Apply, [gs]: readonly ShapeTuple[]): ShapeTuple[] {
    const o = node.outputs[0] as TensorVariable;
    const d = this.axis ?? 0;
    return [gs!.map((s, i) => (i !== d ? s : o.type.shape[d] ?? shapeI(o, d)))];
  }

  override connectionPattern(): boolean[][] {
    return [[true], [false]];
  }

  override grad([, r]: readonly Variable[], [gz]: readonly Variable[]): Variable[] {
    return [new Repeat(this.axis).call(gz!, r!), disconnectedType()];
  }

  override Rop([, r]: readonly Variable[], [ev]: readonly (Variable | null)[]): (Variable | null)[] {
    return [ev === null || ev === undefined ? null : this.call(ev, r!)];
  }
}

/** Options of repeat. */
export interface RepeatOptions {
  /** The axis to repeat along (negative counts from the end); undefined/null repeats the flattened array. */
  axis?: number | null;
}

const REPEAT_KEYS = optionKeys<RepeatOptions>({ axis: true });

/**
 * Repeats each element of `x` (NumPy's repeat): `repeats` times for a scalar,
 * repeats[i] times the i-th slice for a vector; along `axis`, or over the
 * flattened array when no axis is given.
 *
 * @example
 * repeat(x, 2, { axis: 0 }); // each row twice
 * repeat(x, [1, 0, 3]); // the flat elements 1, 0 and 3 times
 */
export function repeat(x: TensorLike, repeats: TensorLike, options: RepeatOptions = {}): TensorVariable {
  checkOptions('pt.repeat', options, REPEAT_KEYS);
  const t = asTensorVariable(x);
  const axis = options.axis === undefined || options.axis === null ? null : normalizeAxisIndex('pt.repeat', options.axis, t.ndim);
  const r = asTensorVariable(repeats);
  if (r.ndim > 1) throw new TypeMismatchError({ op: 'pt.repeat', argument: 'repeats', expected: 'an integer scalar or vector (the dimension of repeats should not exceed 1)', given: `${r} of type ${r.type}` });
  return new Repeat(axis).call(t, r) as TensorVariable;
}
