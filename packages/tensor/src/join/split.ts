/**
 * Split (cuts a tensor into pieces of given lengths along an axis; the
 * inverse of Join) and the user function split.
 */
import {
  checkOptions,
  optionKeys,
  Apply,
  ArgumentError,
  DisconnectedType,
  NullType,
  Op,
  ShapeError,
  TypeMismatchError,
  disconnectedType,
  type FunctionGraph,
  type ShapeTuple,
  type StorageCell,
  type Variable,
} from '@proj/graph';
import { dtypeWidth, isInteger, rawArrayCtor } from '../dtype/dtypes';
import { TensorType } from '../type/tensor-type';
import { fromRaw, type NDArray } from '../value/ndarray';
import { TensorVariable } from '../variable/tensor-variable';
import { asTensorVariable, constant, type TensorLike } from '../basic/as-tensor';
import { zerosLike } from '../basic/fill';
import { constantScalarInt, intValues, makeVector, staticVectorEntries, vectorEntryVariables } from '../shape/make-vector';
import { shapeI } from '../shape/shape';
import { blockSizes, contiguousRaw, splitKernel } from './kernel';
import { join, type AxisLike } from './join';
import { checkIntScalar, normalizeAxisIndex, type Length } from './util';

/**
 * Cuts a tensor into `nSplits` pieces along an axis (PyTensor's Split).
 * Inputs: x, the axis (an integer scalar, constant or symbolic), and the
 * lengths of the pieces (an integer vector of length nSplits, which must sum
 * to x's length along the axis). Each piece is a new array.
 *
 * @example
 * new Split(2).callAll(x, constant(0), constant([1, 2])); // x[:1], x[1:3]
 */
export class Split extends Op<{ nSplits: number }> {
  constructor(nSplits: number) {
    if (!Number.isInteger(nSplits) || nSplits < 0) throw new ArgumentError({ op: 'Split', argument: 'nSplits', expected: 'a non-negative integer', given: String(nSplits) });
    super({ nSplits });
  }

  get nSplits(): number {
    return this.props.nSplits;
  }

  override get name(): string {
    return `Split{${this.nSplits}}`;
  }

  override toString(): string {
    return this.name;
  }

  makeNode(x: Variable, axis: Variable, splits: Variable): Apply {
    if (!(x instanceof TensorVariable) || x.ndim === 0) {
      throw new TypeMismatchError({ op: this.name, argument: 0, expected: 'a tensor with at least 1 dimension', given: `${x} of type ${x.type}` });
    }
    checkIntScalar(this.name, axis, 1, true);
    if (!(splits instanceof TensorVariable) || splits.ndim !== 1 || !isInteger(splits.dtype)) {
      throw new TypeMismatchError({ op: this.name, argument: 2, expected: 'an integer vector (the lengths of the pieces)', given: `${splits} of type ${splits.type}` });
    }
    const entries = staticVectorEntries(splits);
    if (entries !== undefined && entries.length !== this.nSplits) {
      throw new ShapeError({ op: this.name, argument: 2, expected: `${this.nSplits} split lengths`, given: `${entries.length}` });
    }
    const known = constantScalarInt(axis);
    let shapes: (number | null)[][];
    if (known === undefined) shapes = new Array(this.nSplits).fill(0).map(() => new Array<null>(x.ndim).fill(null));
    else {
      const a = normalizeAxisIndex(this.name, known, x.ndim, 1);
      entries?.forEach((e, i) => {
        if (e !== null && e < 0) throw new ShapeError({ op: this.name, argument: 2, expected: 'non-negative lengths', given: `length ${e} for piece ${i}` });
      });
      const len = x.type.shape[a];
      if (entries !== undefined && len !== null && entries.every((e) => e !== null)) {
        const total = (entries as number[]).reduce((p, q) => p + q, 0);
        if (total !== len) throw new ShapeError({ op: this.name, argument: 2, expected: `split lengths summing to ${len} (the length of axis ${a})`, given: `lengths summing to ${total}` });
      }
      shapes = new Array(this.nSplits).fill(0).map((_, i) => x.type.shape.map((s, d) => (d === a ? entries?.[i] ?? null : s)));
    }
    return new Apply(this, [x, axis, splits], shapes.map((sh) => new TensorType(x.dtype, sh).makeVariable()));
  }

  override perform(_node: Apply, [xv, axisValue, splitsValue]: readonly unknown[], out: StorageCell[]): void {
    const a = xv as NDArray;
    const axis = normalizeAxisIndex(this.name, intValues(axisValue as NDArray)[0]!, a.shape.length, 1);
    const lens = intValues(splitsValue as NDArray);
    if (lens.length !== this.nSplits) {
      throw new ShapeError({ op: this.name, argument: 2, expected: `${this.nSplits} split lengths`, given: `${lens.length} (the length of splits is not equal to nSplits)` });
    }
    const neg = lens.findIndex((l) => l < 0);
    if (neg >= 0) throw new ShapeError({ op: this.name, argument: 2, expected: 'non-negative lengths', given: `length ${lens[neg]} for piece ${neg} (split sizes cannot be negative)` });
    const total = lens.reduce((p, q) => p + q, 0);
    if (total !== a.shape[axis]) {
      throw new ShapeError({ op: this.name, argument: 2, expected: `split lengths summing to ${a.shape[axis]} (the length of axis ${axis})`, given: `lengths [${lens.join(', ')}] (split sizes sum to ${total}; expected ${a.shape[axis]})` });
    }
    const { outer, inner } = blockSizes(a.shape, axis, dtypeWidth(a.dtype));
    const pieces = splitKernel(contiguousRaw(a), lens, outer, inner, rawArrayCtor(a.dtype));
    pieces.forEach((raw, i) => {
      const shape = [...a.shape];
      shape[axis] = lens[i]!;
      out[i]![0] = fromRaw(a.dtype, raw, shape);
    });
  }

  override inferShape(_fg: FunctionGraph | undefined, node: Apply, [xs]: readonly ShapeTuple[]): ShapeTuple[] {
    const known = constantScalarInt(node.inputs[1]!);
    const entries = vectorEntryVariables(node.inputs[2] as TensorVariable);
    return node.outputs.map((o, i) => {
      const t = o.type as TensorType;
      return t.shape.map((s, d) => {
        if (s !== null) return s;
        if (known !== undefined && d !== normalizeAxisIndex(this.name, known, t.ndim, 1)) return xs![d]!;
        const e = known !== undefined ? entries?.[i] : undefined;
        // Lengths that cannot be read here are read from the piece itself.
        return e !== undefined && e !== null ? e : shapeI(o as TensorVariable, d);
      });
    });
  }

  override connectionPattern(node: Apply): boolean[][] {
    return node.inputs.map((_, i) => node.outputs.map(() => i === 0));
  }

  /** The gradients of the pieces joined back along the axis (zeros for pieces without one). */
  override Lop(inputs: readonly Variable[], outputs: readonly Variable[], outputGrads: readonly Variable[]): Variable[] {
    const [x, axis] = inputs as TensorVariable[];
    const nul = outputGrads.find((g) => g.type instanceof NullType);
    if (nul !== undefined) return [nul, disconnectedType(), disconnectedType()];
    if (outputGrads.every((g) => g.type instanceof DisconnectedType)) return [disconnectedType(), disconnectedType(), disconnectedType()];
    const gs = outputGrads.map((g, i) => (g.type instanceof DisconnectedType ? zerosLike(outputs[i] as TensorVariable) : (g as TensorVariable)));
    const gx = gs.length === 0 ? zerosLike(x!) : join(constantScalarInt(axis!) ?? axis!, ...gs);
    return [gx, disconnectedType(), disconnectedType()];
  }

  override grad(inputs: readonly Variable[], outputGrads: readonly Variable[]): Variable[] {
    return this.Lop(inputs, this.makeNode(inputs[0]!, inputs[1]!, inputs[2]!).outputs, outputGrads);
  }

  override Rop(inputs: readonly Variable[], [ev]: readonly (Variable | null)[]): (Variable | null)[] {
    if (ev === null || ev === undefined) return new Array<null>(this.nSplits).fill(null);
    return this.callAll(ev, inputs[1]!, inputs[2]!);
  }
}

/** Options of split. */
export interface SplitOptions {
  /** The axis to cut along (default 0): a number (negative counts from the end) or an integer scalar. */
  axis?: AxisLike;
  /** The number of pieces: needed when `splitsSize` is a symbolic vector of unknown length. */
  nSplits?: number;
}

function splitsVector(op: string, splitsSize: readonly (Length | TensorLike)[] | TensorVariable): TensorVariable {
  if (splitsSize instanceof TensorVariable) {
    if (splitsSize.ndim !== 1 || !isInteger(splitsSize.dtype)) {
      throw new TypeMismatchError({ op, argument: 'splitsSize', expected: 'an integer vector or an array of lengths', given: `${splitsSize} of type ${splitsSize.type}` });
    }
    return splitsSize;
  }
  if (!Array.isArray(splitsSize)) throw new TypeMismatchError({ op, argument: 'splitsSize', expected: 'an array of lengths or an integer vector', given: String(splitsSize) });
  const entries = splitsSize.map((e, i) => {
    if (typeof e === 'number') {
      if (!Number.isInteger(e) || e < 0) throw new ArgumentError({ op, argument: `splitsSize[${i}]`, expected: 'a non-negative integer', given: String(e) });
      return e;
    }
    const t = asTensorVariable(e);
    if (t.ndim !== 0 || !isInteger(t.dtype)) throw new TypeMismatchError({ op, argument: `splitsSize[${i}]`, expected: 'an integer scalar', given: `${t} of type ${t.type}` });
    return t;
  });
  if (entries.every((e): e is number => typeof e === 'number')) return new TensorType('int64', [entries.length]).makeConstant(BigInt64Array.from(entries, (e) => BigInt(e)));
  return makeVector(entries, 'int64');
}

const SPLIT_KEYS = optionKeys<SplitOptions>({ axis: true, nSplits: true });

/**
 * Cuts `x` into pieces of the lengths `splitsSize` along `axis` (PyTensor's
 * split; the lengths must sum to x's length along the axis).
 *
 * @example
 * const [a, b, c] = split(x, [3, 2, 1]); // x[:3], x[3:5], x[5:6]
 */
export function split(x: TensorLike, splitsSize: readonly (Length | TensorLike)[] | TensorVariable, options: SplitOptions = {}): TensorVariable[] {
  checkOptions('pt.split', options, SPLIT_KEYS);
  const op = 'pt.split';
  const t = asTensorVariable(x);
  const splits = splitsVector(op, splitsSize);
  const len = splits.type.shape[0] ?? null;
  const n = options.nSplits ?? len;
  if (n === null) throw new ArgumentError({ op, argument: 'nSplits', expected: 'the number of pieces (the length of splitsSize is not known)', given: 'undefined' });
  if (len !== null && n !== len) throw new ArgumentError({ op, argument: 'nSplits', expected: `the length of splitsSize (${len})`, given: String(n) });
  const axis = options.axis ?? 0;
  let ax: TensorVariable;
  if (typeof axis === 'number') ax = constant(normalizeAxisIndex(op, axis, t.ndim), { dtype: 'int64' });
  else if (axis instanceof TensorVariable) ax = axis;
  else throw new TypeMismatchError({ op, argument: 'axis', expected: 'a number or an integer scalar tensor', given: String(axis) });
  return new Split(n).callAll(t, ax, splits) as TensorVariable[];
}
