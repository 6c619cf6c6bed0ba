import { ArgumentError, ShapeError, Type, TypeMismatchError, type FilterOptions, type Variable } from '@proj/graph';
import { checkDtype, type Dtype } from '../dtype/dtypes';
import { copyArray, isNDArray, sizeOf, toNested, type NDArray } from '../value/ndarray';
import { toNDArray } from '../value/convert';
import { TensorVariable, TensorConstant } from '../variable/tensor-variable';

/** A static shape: a length per dimension, null where it is not known. */
export type StaticShape = readonly (number | null)[];

function checkShape(shape: unknown, op: string): (number | null)[] {
  if (!Array.isArray(shape)) throw new ArgumentError({ op, argument: 'shape', expected: 'an array of lengths (number or null)', given: String(shape) });
  return shape.map((s, i) => {
    if (s === null || s === undefined) return null;
    if (typeof s !== 'number' || !Number.isInteger(s) || s < 0) {
      throw new ArgumentError({ op, argument: `shape[${i}]`, expected: 'a non-negative integer or null', given: String(s) });
    }
    return s;
  });
}

function shapeText(shape: readonly (number | null)[]): string {
  if (shape.length === 1) return `(${shape[0] ?? '?'},)`;
  return `(${shape.map((s) => s ?? '?').join(', ')})`;
}

/**
 * The Type of dense tensors: a dtype and a static shape (null for unknown
 * lengths). `broadcastable[i]` is true when dimension i is known to be 1.
 *
 * @example
 * const t = new TensorType('float64', [null, 3]);
 * t.ndim; // 2
 * t.filter([[1, 2, 3]]); // a 1x3 float64 ndarray
 */
export class TensorType extends Type<NDArray> {
  readonly dtype: Dtype;
  readonly shape: readonly (number | null)[];

  constructor(dtype: Dtype | 'floatX', shape: StaticShape = []) {
    super();
    this.dtype = checkDtype(dtype, 'TensorType');
    this.shape = Object.freeze(checkShape(shape, 'TensorType'));
  }

  get ndim(): number {
    return this.shape.length;
  }

  get broadcastable(): boolean[] {
    return this.shape.map((s) => s === 1);
  }

  hash(): string {
    return `TensorType(${this.dtype},${this.shape.map((s) => s ?? '?').join(',')})`;
  }

  toString(): string {
    return `TensorType(${this.dtype}, shape=${shapeText(this.shape)})`;
  }

  /** A TensorType like this one with some parts changed. */
  clone(options: { dtype?: Dtype; shape?: StaticShape } = {}): TensorType {
    return new TensorType(options.dtype ?? this.dtype, options.shape ?? this.shape);
  }

  /**
   * Converts `value` to an ndarray of this dtype and number of dimensions,
   * checking the static shape. Numbers, BigInts, booleans, nested arrays, typed
   * arrays and ndarrays are accepted; a conversion that loses information is a
   * DtypeError unless `allowDowncast`; `strict` accepts only ndarrays already of this Type.
   */
  filter(value: unknown, options: FilterOptions = {}): NDArray {
    const op = `${this}.filter`;
    let arr: NDArray;
    if (options.strict) {
      if (!isNDArray(value) || value.dtype !== this.dtype) {
        throw new TypeMismatchError({ op, argument: 'value', expected: `an ndarray of dtype ${this.dtype} (strict)`, given: this.describeValue(value) });
      }
      arr = value;
    } else {
      arr = toNDArray(value, this.dtype, { allowDowncast: options.allowDowncast ?? false, op });
    }
    if (arr.shape.length !== this.ndim) {
      throw new ShapeError({ op, argument: 'value', expected: `${this.ndim} dimensions`, given: `${arr.shape.length} dimensions (shape ${shapeText(arr.shape)})` });
    }
    this.shape.forEach((s, i) => {
      if (s !== null && arr.shape[i] !== s) {
        throw new ShapeError({ op, argument: 'value', expected: `shape ${shapeText(this.shape)}`, given: `shape ${shapeText(arr.shape)}` });
      }
    });
    return arr;
  }

  /** Whether every value of `other` is a value of this Type (same dtype, compatible static shape). */
  override isSuperType(other: Type): boolean {
    if (!(other instanceof TensorType) || other.dtype !== this.dtype || other.ndim !== this.ndim) return false;
    return this.shape.every((s, i) => s === null || s === other.shape[i]);
  }

  override makeVariable(name?: string): TensorVariable {
    return new TensorVariable(this, null, null, name);
  }

  override makeConstant(value: unknown, name?: string): TensorConstant {
    return new TensorConstant(this, value, name);
  }

  override valueSignature(value: NDArray): string {
    const flat = JSON.stringify(toNested(value), (_k, v) => (typeof v === 'bigint' ? `${v}n` : Number.isNaN(v) ? 'NaN' : v === Infinity ? 'Inf' : v === -Infinity ? '-Inf' : Object.is(v, -0) ? '-0' : v));
    return `${value.dtype}${shapeText(value.shape)}${flat}`;
  }

  override copyValue(value: NDArray): NDArray {
    return copyArray(value);
  }

  override valueToString(value: NDArray): string {
    if (sizeOf(value.shape) > 20) return `TensorConstant{${this.dtype}, shape=${shapeText(value.shape)}}`;
    return JSON.stringify(toNested(value), (_k, v) => (typeof v === 'bigint' ? Number(v) : v));
  }

  override describeValue(value: unknown): string {
    if (isNDArray(value)) return `ndarray(dtype=${value.dtype}, shape=${shapeText(value.shape)})`;
    return super.describeValue(value);
  }

  /**
   * A Variable of this Type computing the same as `v` when `v` is a tensor of the
   * same dtype and ndim whose static shape is compatible.
   */
  override convertVariable(v: Variable): Variable | undefined {
    if (this.isSuperType(v.type)) return v;
    return undefined;
  }
}

