/**
 * Dense values: @stdlib/ndarray ndarrays for every dtype stdlib has, and
 * BigIntNDArray (same protocol) for int64/uint64, which stdlib lacks. Kernels
 * never use get/set: they take `rawView(a)`, the typed array of raw numbers
 * with strides and offset in those numbers.
 */
import BooleanArray = require('@stdlib/array/bool');
import Complex64Array = require('@stdlib/array/complex64');
import Complex128Array = require('@stdlib/array/complex128');
import StdlibNDArray = require('@stdlib/ndarray/ctor');
import reinterpretBoolean = require('@stdlib/strided/base/reinterpret-boolean');
import reinterpret64 = require('@stdlib/strided/base/reinterpret-complex64');
import reinterpret128 = require('@stdlib/strided/base/reinterpret-complex128');
import { AllocationError } from '@proj/graph';
import { dtypeBits, dtypeWidth, isBigInt, rawArrayCtor, type Dtype, type RawArray } from '../dtype/dtypes';

export type Order = 'row-major' | 'column-major';

/** The ndarray protocol every dense value follows (stdlib's ndarray-like). */
export interface NDArray {
  readonly dtype: Dtype;
  readonly data: unknown;
  readonly shape: number[];
  readonly strides: number[];
  readonly offset: number;
  readonly order: Order;
  readonly ndims: number;
  readonly length: number;
  readonly flags: Record<string, boolean>;
  get(...indices: number[]): unknown;
  set(...args: unknown[]): NDArray;
}

/** Raw numbers of a value, with strides and offset counted in raw numbers. */
export interface RawView {
  readonly data: RawArray;
  readonly shape: readonly number[];
  readonly strides: readonly number[];
  readonly offset: number;
  /** 2 for complex (re, im interleaved; stride 1 in elements is 2 raw numbers), else 1. */
  readonly width: 1 | 2;
}

function product(shape: readonly number[]): number {
  let n = 1;
  for (const s of shape) n *= s;
  return n;
}

/** Row-major strides (in elements) of a contiguous array of `shape`. */
export function contiguousStrides(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= Math.max(shape[i]!, 1);
  }
  return strides;
}

/**
 * An ndarray with int64 or uint64 elements stored exactly in a BigInt64Array /
 * BigUint64Array, following stdlib's ndarray protocol (get/set use BigInt).
 *
 * @example
 * const a = new BigIntNDArray('int64', new BigInt64Array([1n, 2n]), [2], [1], 0);
 * a.get(1); // 2n
 */
export class BigIntNDArray implements NDArray {
  readonly ndims: number;
  readonly length: number;
  readonly flags: Record<string, boolean>;

  constructor(
    readonly dtype: 'int64' | 'uint64',
    readonly data: BigInt64Array | BigUint64Array,
    readonly shape: number[],
    readonly strides: number[] = contiguousStrides(shape),
    readonly offset = 0,
    readonly order: Order = 'row-major',
  ) {
    this.ndims = shape.length;
    this.length = product(shape);
    const c = isRowMajorContiguous(shape, strides);
    this.flags = { ROW_MAJOR_CONTIGUOUS: c, COLUMN_MAJOR_CONTIGUOUS: shape.length <= 1 && c, READONLY: false };
  }

  private index(indices: readonly number[]): number {
    let k = this.offset;
    for (let i = 0; i < this.ndims; i++) k += indices[i]! * this.strides[i]!;
    return k;
  }

  get(...indices: number[]): bigint {
    return this.data[this.index(indices)]!;
  }

  set(...args: unknown[]): this {
    const value = args[args.length - 1] as bigint;
    this.data[this.index(args.slice(0, -1) as number[])] = BigInt(value);
    return this;
  }
}

function isRowMajorContiguous(shape: readonly number[], strides: readonly number[]): boolean {
  const want = contiguousStrides(shape);
  return shape.every((s, i) => s <= 1 || strides[i] === want[i]);
}

/**
 * Wraps raw numbers (see RawView) as a value of `dtype`, without copying.
 * Strides and offset are in elements.
 *
 * @example
 * fromRaw('float64', new Float64Array([1, 2, 3, 4]), [2, 2]);
 */
export function fromRaw(
  dtype: Dtype,
  raw: RawArray,
  shape: readonly number[],
  strides: readonly number[] = contiguousStrides(shape),
  offset = 0,
): NDArray {
  const sh = [...shape];
  // stdlib wants one (ignored) stride for 0-d arrays.
  const st = shape.length === 0 ? [0] : [...strides];
  if (isBigInt(dtype)) {
    return new BigIntNDArray(dtype as 'int64' | 'uint64', raw as BigInt64Array | BigUint64Array, sh, st, offset);
  }
  let buffer: unknown = raw;
  const r = raw as Uint8Array | Float32Array | Float64Array;
  const buf = r.buffer as ArrayBuffer;
  if (dtype === 'bool') buffer = new BooleanArray(buf, r.byteOffset, r.length);
  else if (dtype === 'complex64') buffer = new Complex64Array(buf, r.byteOffset, r.length / 2);
  else if (dtype === 'complex128') buffer = new Complex128Array(buf, r.byteOffset, r.length / 2);
  return new StdlibNDArray(dtype as never, buffer as never, sh, st, offset, 'row-major') as unknown as NDArray;
}

/** The most raw numbers one typed array can hold in this engine (V8: 2**32). */
export const MAX_RAW_LENGTH = 2 ** 32;

/**
 * The largest single array an Op may allocate (4 GiB). Larger requests are
 * refused up front: the engine may grant them lazily and then swap or get the
 * process killed while filling them, which is a hang rather than an error.
 */
export const MAX_ALLOC_BYTES = 2 ** 32;

/**
 * A new zero-filled typed array for `shape` elements of `dtype`. Too many
 * elements, or an engine that cannot find the memory, give an AllocationError
 * naming `op`, the shape, the dtype and the bytes needed, instead of the
 * engine's bare RangeError ("Invalid typed array length").
 *
 * @example
 * allocRaw('Alloc', 'float64', [2, 3]); // Float64Array(6)
 * allocRaw('Alloc', 'float64', [1e6, 1e6]); // AllocationError: ... 8000000000000 bytes
 */
export function allocRaw(op: string, dtype: Dtype, shape: readonly number[]): RawArray {
  const length = product(shape) * dtypeWidth(dtype);
  const bytes = (product(shape) * dtypeBits(dtype)) / 8;
  const fail = (why: string): never => {
    throw new AllocationError({
      op,
      argument: 'shape',
      expected: why,
      given: `shape [${shape.join(', ')}] of ${dtype}: ${product(shape)} elements, ${bytes} bytes`,
      shape,
      dtype,
      bytes,
    });
  };
  if (!Number.isSafeInteger(length) || length > MAX_RAW_LENGTH) fail(`an array of at most ${MAX_RAW_LENGTH / dtypeWidth(dtype)} elements (the largest typed array)`);
  if (bytes > MAX_ALLOC_BYTES) fail(`an array of at most ${MAX_ALLOC_BYTES} bytes (MAX_ALLOC_BYTES)`);
  try {
    return new (rawArrayCtor(dtype))(length);
  } catch (e) {
    if (e instanceof RangeError) return fail(`an array the engine can allocate (${e.message})`);
    throw e;
  }
}

/**
 * A new zero-filled contiguous value; `op` names the caller in an AllocationError.
 *
 * @example
 * zerosArray('float32', [2, 2]);
 */
export function zerosArray(dtype: Dtype, shape: readonly number[], op = 'zerosArray'): NDArray {
  return fromRaw(dtype, allocRaw(op, dtype, shape), shape);
}

/** The raw numbers behind a value, with strides and offset in raw numbers. */
export function rawView(a: NDArray): RawView {
  const width = dtypeWidth(a.dtype);
  let data: RawArray;
  if (a.dtype === 'bool') data = reinterpretBoolean(a.data as never, 0);
  else if (a.dtype === 'complex64') data = reinterpret64(a.data as never, 0);
  else if (a.dtype === 'complex128') data = reinterpret128(a.data as never, 0);
  else data = a.data as RawArray;
  if (width === 1) return { data, shape: a.shape, strides: a.strides, offset: a.offset, width };
  return { data, shape: a.shape, strides: a.strides.map((s) => s * 2), offset: a.offset * 2, width };
}

/** Number of elements of a shape. */
export function sizeOf(shape: readonly number[]): number {
  return product(shape);
}

/**
 * A contiguous row-major copy of any strided value (negative and zero strides included).
 *
 * @example
 * copyArray(x.T).strides; // row-major strides of the transposed shape
 */
export function copyArray(a: NDArray): NDArray {
  const src = rawView(a);
  const out = allocRaw('copyArray', a.dtype, a.shape);
  forEachOffset(a.shape, src.strides, src.offset, (off, k) => {
    if (src.width === 1) (out as Float64Array)[k] = (src.data as Float64Array)[off]!;
    else {
      (out as Float64Array)[2 * k] = (src.data as Float64Array)[off]!;
      (out as Float64Array)[2 * k + 1] = (src.data as Float64Array)[off + 1]!;
    }
  });
  return fromRaw(a.dtype, out, a.shape);
}

/**
 * Calls `fn(offset, k)` for every element in row-major order, where `offset`
 * indexes the raw data (given raw strides/offset) and k counts from 0.
 * A helper for cold paths (conversion, printing); hot kernels loop themselves.
 */
export function forEachOffset(shape: readonly number[], strides: readonly number[], offset: number, fn: (offset: number, k: number) => void): void {
  const nd = shape.length;
  const n = sizeOf(shape);
  if (n === 0) return;
  const idx = new Array<number>(nd).fill(0);
  let off = offset;
  for (let k = 0; k < n; k++) {
    fn(off, k);
    for (let d = nd - 1; d >= 0; d--) {
      idx[d]!++;
      off += strides[d]!;
      if (idx[d]! < shape[d]!) break;
      off -= strides[d]! * shape[d]!;
      idx[d] = 0;
    }
  }
}

/** Whether `x` follows the ndarray protocol (a stdlib ndarray or a BigIntNDArray). */
export function isNDArray(x: unknown): x is NDArray {
  return (
    typeof x === 'object' &&
    x !== null &&
    typeof (x as NDArray).dtype === 'string' &&
    Array.isArray((x as NDArray).shape) &&
    Array.isArray((x as NDArray).strides) &&
    typeof (x as NDArray).offset === 'number' &&
    typeof (x as NDArray).get === 'function'
  );
}

/**
 * The elements as nested JS arrays (row-major): numbers, BigInts for int64/uint64,
 * booleans for bool, [re, im] pairs for complex. A 0-d value gives the element itself.
 *
 * @example
 * toNested(x.eval({ x: [[1, 2], [3, 4]] })); // [[1, 2], [3, 4]]
 */
export function toNested(a: NDArray): unknown {
  const v = rawView(a);
  const flat: unknown[] = [];
  forEachOffset(a.shape, v.strides, v.offset, (off) => {
    if (v.width === 2) flat.push([(v.data as Float64Array)[off], (v.data as Float64Array)[off + 1]]);
    else if (a.dtype === 'bool') flat.push((v.data as Uint8Array)[off] !== 0);
    else flat.push(v.data[off]);
  });
  if (a.shape.length === 0) return flat[0];
  let level: unknown[] = flat;
  for (let d = a.shape.length - 1; d >= 1; d--) {
    const size = a.shape[d]!;
    const next: unknown[] = [];
    for (let i = 0; i < level.length; i += size) next.push(level.slice(i, i + size));
    if (size === 0) for (let i = 0; i < sizeOf(a.shape.slice(0, d)); i++) next.push([]);
    level = next;
  }
  return level;
}
