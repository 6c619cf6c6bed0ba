/**
 * MakeVector (a vector from scalars) and the helpers that turn the shape
 * arguments users write — a number, a list of numbers and symbolic scalars,
 * x.shape, an int vector — into what shape Ops take, reading static lengths
 * wherever they are known.
 */
import {
  Apply,
  ArgumentError,
  DtypeError,
  Op,
  TypeMismatchError,
  config,
  type ShapeTuple,
  type StorageCell,
  type Variable,
} from '@proj/graph';
import { canCastSafely, dtypeWidth, isBigInt, isDiscrete, isInteger, rawArrayCtor, upcast, type Dtype } from '../dtype/dtypes';
import { TensorType } from '../type/tensor-type';
import { fromRaw, rawView, sizeOf, type NDArray } from '../value/ndarray';
import { TensorConstant, TensorVariable } from '../variable/tensor-variable';
import { asTensorVariable, type TensorLike } from '../basic/as-tensor';
import { zerosLike } from '../basic/fill';
import { split } from '../join/split';
import { cast } from '../math/cast';
import { dimshuffle } from './dimshuffle';
import { Shape, ShapeI, shapeTuple } from './shape';

/**
 * A vector from 0-d tensors, each cast (safely) to `dtype` (PyTensor's MakeVector).
 * Shape vectors built from a mix of numbers and symbolic lengths are MakeVectors.
 *
 * @example
 * new MakeVector('int64').call(n, m); // [n, m] as an lvector
 */
export class MakeVector extends Op<{ dtype: Dtype }> {
  constructor(dtype: Dtype = 'int64') {
    super({ dtype });
  }

  get dtype(): Dtype {
    return this.props.dtype;
  }

  override get name(): string {
    return `MakeVector{dtype=${this.dtype}}`;
  }

  override toString(): string {
    return this.name;
  }

  makeNode(...xs: Variable[]): Apply {
    xs.forEach((x, i) => {
      if (!(x instanceof TensorVariable) || x.ndim !== 0) {
        throw new TypeMismatchError({ op: this.name, argument: i, expected: 'a 0-d tensor (scalar)', given: `${x} of type ${x.type}` });
      }
      if (!canCastSafely(x.dtype, this.dtype)) {
        throw new DtypeError({ op: this.name, argument: i, expected: `a dtype that casts safely to ${this.dtype}`, given: x.dtype });
      }
    });
    return new Apply(this, xs, [new TensorType(this.dtype, [xs.length]).makeVariable()]);
  }

  override perform(_node: Apply, inputs: readonly unknown[], out: StorageCell[]): void {
    const width = dtypeWidth(this.dtype);
    const Ctor = rawArrayCtor(this.dtype);
    const raw = new Ctor(inputs.length * width);
    inputs.forEach((x, k) => {
      const v = rawView(x as NDArray);
      const value = v.data[v.offset]!;
      if (width === 2) {
        (raw as Float64Array)[2 * k] = Number(value);
        (raw as Float64Array)[2 * k + 1] = v.width === 2 ? (v.data[v.offset + 1] as number) : 0;
      } else if (isBigInt(this.dtype)) {
        (raw as BigInt64Array)[k] = BigInt(value);
      } else {
        (raw as Float64Array)[k] = Number(value);
      }
    });
    out[0]![0] = fromRaw(this.dtype, raw, [inputs.length]);
  }

  override inferShape(_fg: unknown, node: Apply): ShapeTuple[] {
    return [[node.inputs.length]];
  }

  override grad(inputs: readonly Variable[], [gz]: readonly Variable[]): Variable[] {
    // An integer vector lets no gradient through (PyTensor gives zeros of floatX).
    if (isDiscrete(this.dtype)) return inputs.map((x) => zerosLike(x as TensorVariable, config.floatX));
    // Element i's gradient is gz[i]: split gz into length-1 pieces and drop their axis.
    const pieces = split(gz as TensorVariable, inputs.map(() => 1));
    return pieces.map((p, i) => cast(dimshuffle(p, []), (inputs[i] as TensorVariable).dtype));
  }
}

/**
 * A vector from scalars (numbers or 0-d tensors); the dtype defaults to their upcast.
 *
 * @example
 * makeVector([2, n], 'int64');
 */
export function makeVector(entries: readonly TensorLike[], dtype?: Dtype): TensorVariable {
  const xs = entries.map((e) => asTensorVariable(e));
  const d = dtype ?? (xs.length === 0 ? 'int64' : upcast(xs[0]!.dtype, ...xs.slice(1).map((x) => x.dtype)));
  return new MakeVector(d).call(...xs) as TensorVariable;
}

/**
 * The elements of a 0-d or 1-d discrete value as JS numbers (int64 via Number).
 *
 * @example
 * intValues(shapeValue); // [2, 3]
 */
export function intValues(a: NDArray): number[] {
  const v = rawView(a);
  const out: number[] = [];
  const n = sizeOf(a.shape);
  if (a.shape.length === 0) return [Number(v.data[v.offset]!)];
  // Shape vectors are 1-d: walk the one stride.
  const stride = v.strides[0]!;
  for (let k = 0; k < n; k++) out.push(Number(v.data[v.offset + k * stride]!));
  return out;
}

/**
 * The value of an integer scalar known when the graph is built: a 0-d integer
 * constant, or the length of a statically known dimension (ShapeI); else undefined.
 *
 * @example
 * constantScalarInt(shapeI(pt.tensor({ shape: [3] }), 0)); // 3
 */
export function constantScalarInt(v: Variable): number | undefined {
  if (v instanceof TensorConstant && v.ndim === 0 && isDiscrete(v.dtype)) return intValues(v.data)[0];
  if (v.owner?.op instanceof ShapeI) {
    const s = (v.owner.inputs[0] as TensorVariable).type.shape[v.owner.op.i];
    return s ?? undefined;
  }
  return undefined;
}

/**
 * What is known when the graph is built about the entries of an integer vector:
 * a number per entry (null where unknown), or undefined when even its length is.
 *
 * @example
 * staticVectorEntries(shape(pt.tensor({ shape: [2, null] }))); // [2, null]
 */
export function staticVectorEntries(v: TensorVariable): (number | null)[] | undefined {
  if (v instanceof TensorConstant && v.ndim === 1) return intValues(v.data);
  const op = v.owner?.op;
  if (op instanceof Shape) return [...(v.owner!.inputs[0] as TensorVariable).type.shape];
  if (op instanceof MakeVector) return v.owner!.inputs.map((x) => constantScalarInt(x) ?? null);
  const n = v.type.shape[0];
  return n === null || n === undefined ? undefined : new Array<null>(n).fill(null);
}

/**
 * The entries of a shape vector usable as lengths in inferShape: numbers,
 * ShapeI scalars (never negative), null for entries that might be -1.
 *
 * @example
 * vectorEntryVariables(asShapeVector('f', [2, n])); // [2, null]
 */
export function vectorEntryVariables(v: TensorVariable): (number | TensorVariable | null)[] | undefined {
  if (v instanceof TensorConstant && v.ndim === 1) return intValues(v.data);
  const op = v.owner?.op;
  if (op instanceof Shape) return shapeTuple(v.owner!.inputs[0] as TensorVariable);
  if (op instanceof MakeVector) return v.owner!.inputs.map((x) => constantScalarInt(x) ?? (x.owner?.op instanceof ShapeI ? (x as TensorVariable) : null));
  return undefined;
}

/** A shape argument: a length, a list of lengths (numbers or int scalars), or an int vector. */
export type ShapeArg = number | readonly (number | TensorVariable)[] | TensorVariable;

function checkEntry(op: string, e: unknown, i: number): number | TensorVariable {
  if (typeof e === 'number') {
    if (!Number.isInteger(e)) throw new ArgumentError({ op, argument: `shape[${i}]`, expected: 'an integer', given: String(e) });
    return e;
  }
  if (e instanceof TensorVariable) {
    if (e.ndim !== 0 || !isInteger(e.dtype)) {
      throw new TypeMismatchError({ op, argument: `shape[${i}]`, expected: 'an integer scalar (0-d tensor)', given: `${e} of type ${e.type}` });
    }
    return e;
  }
  throw new TypeMismatchError({ op, argument: `shape[${i}]`, expected: 'a number or an integer scalar tensor', given: typeof e === 'bigint' ? `bigint ${e}` : String(e) });
}

/**
 * The entries of a shape argument, one per dimension: numbers where known,
 * int scalars otherwise. A symbolic vector is split when its entries can be
 * read (a constant, x.shape, a MakeVector).
 *
 * @example
 * shapeEntries('pt.zeros', x.shape); // [Shape_i{0}(x), Shape_i{1}(x)] for a matrix x
 */
export function shapeEntries(op: string, shape: ShapeArg): (number | TensorVariable)[] {
  if (typeof shape === 'number') return [checkEntry(op, shape, 0)];
  if (shape instanceof TensorVariable) {
    if (shape.ndim === 0) return [checkEntry(op, shape, 0)];
    if (shape.ndim !== 1 || !isInteger(shape.dtype)) {
      throw new TypeMismatchError({ op, argument: 'shape', expected: 'an integer vector or scalar', given: `${shape} of type ${shape.type}` });
    }
    if (shape instanceof TensorConstant) return intValues(shape.data);
    if (shape.owner?.op instanceof Shape) return shapeTuple(shape.owner.inputs[0] as TensorVariable);
    if (shape.owner?.op instanceof MakeVector) return shape.owner.inputs.map((x) => constantScalarInt(x) ?? (x as TensorVariable));
    throw new ArgumentError({
      op,
      argument: 'shape',
      expected: 'a list of lengths, x.shape, or a constant vector (the entries of this symbolic vector cannot be read without indexing)',
      given: `${shape} of type ${shape.type}`,
    });
  }
  if (!Array.isArray(shape)) throw new TypeMismatchError({ op, argument: 'shape', expected: 'a number, an array of lengths or an integer vector', given: String(shape) });
  return (shape as readonly unknown[]).map((e, i) => checkEntry(op, e, i));
}

/**
 * A shape argument as one integer vector (the form Reshape takes): int64
 * constants for lists of numbers, a MakeVector when some entries are symbolic,
 * symbolic int vectors as they are.
 *
 * @example
 * asShapeVector('pt.reshape', [2, -1]); // TensorConstant int64 [2, -1]
 */
export function asShapeVector(op: string, shape: ShapeArg): TensorVariable {
  if (shape instanceof TensorVariable && shape.ndim === 1) {
    if (!isInteger(shape.dtype)) throw new TypeMismatchError({ op, argument: 'shape', expected: 'an integer vector', given: `${shape} of type ${shape.type}` });
    return shape;
  }
  const entries = shape instanceof TensorVariable || typeof shape === 'number' ? [checkEntry(op, shape, 0)] : shapeEntries(op, shape);
  if (entries.every((e): e is number => typeof e === 'number')) {
    return new TensorType('int64', [entries.length]).makeConstant(BigInt64Array.from(entries, (e) => BigInt(e)));
  }
  const scalars = entries.map((e) => (typeof e === 'number' ? int64Scalar(e) : e));
  // Entries of another integer dtype are accepted when they cast safely to int64 (uint64 does not).
  return new MakeVector('int64').call(...scalars) as TensorVariable;
}

/**
 * A 0-d int64 constant (for shape arguments given as numbers).
 *
 * @example
 * int64Scalar(3).dtype; // 'int64'
 */
export function int64Scalar(n: number): TensorConstant {
  return new TensorType('int64', []).makeConstant(fromRaw('int64', BigInt64Array.of(BigInt(n)), []));
}

/**
 * Text of a shape for messages, NumPy style.
 *
 * @example
 * shapeText([4]); // '(4,)'; shapeText([2, null]) is '(2, ?)'
 */
export function shapeText(shape: readonly (number | null | string)[]): string {
  const parts = shape.map((s) => (s === null ? '?' : String(s)));
  return parts.length === 1 ? `(${parts[0]},)` : `(${parts.join(', ')})`;
}
