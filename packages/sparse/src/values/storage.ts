/**
 * Converting user data and index arrays into the raw typed arrays a sparse
 * matrix stores: data in the raw storage of its dtype (complex interleaved,
 * bool as 0/1 bytes, int64 as BigInt64Array), indices/indptr as Int32Array.
 */
import { ArgumentError } from '@proj/graph';
import {
  checkDtype,
  copyArray,
  dtypeWidth,
  isNDArray,
  rawArrayCtor,
  rawView,
  toNDArray,
  typedArrayDtype,
  type Dtype,
  type NDArray,
  type RawArray,
} from '@proj/tensor';
import { SparseFormatError } from './errors';

/** The largest index / size the int32 index dtype holds. */
export const INDEX_MAX = 2147483647;

/** Stored values as the user may give them. */
export type DataLike = RawArray | NDArray | ArrayLike<number | bigint | boolean | { re: number; im: number }>;

/** Index arrays as the user may give them (converted to Int32Array). */
export type IndexLike = Int32Array | ArrayLike<number | bigint>;

function isComplexLike(v: unknown): boolean {
  return typeof v === 'object' && v !== null && typeof (v as { re?: unknown }).re === 'number';
}

/**
 * The dtype of plain JS values: complex128 if any is {re, im}, float64 if any is a
 * number, int64 if all are BigInts, bool if all are booleans (float64 when empty).
 */
export function inferJsDtype(values: unknown): Dtype {
  let sawNumber = false;
  let sawBigInt = false;
  let sawBool = false;
  const stack: unknown[] = [values];
  while (stack.length > 0) {
    const v = stack.pop();
    if (Array.isArray(v)) for (const e of v) stack.push(e);
    else if (ArrayBuffer.isView(v)) return typedArrayDtype(v) ?? 'float64';
    else if (isComplexLike(v)) return 'complex128';
    else if (typeof v === 'number') sawNumber = true;
    else if (typeof v === 'bigint') sawBigInt = true;
    else if (typeof v === 'boolean') sawBool = true;
  }
  if (sawNumber) return 'float64';
  if (sawBigInt) return 'int64';
  if (sawBool) return 'bool';
  return 'float64';
}

/** The raw numbers of a 1-D value, contiguous from 0 (copied only when needed). */
function contiguousRaw(a: NDArray): RawArray {
  const v = rawView(a);
  const n = a.shape[0]! * v.width;
  if (v.offset === 0 && (a.shape[0]! <= 1 || v.strides[0] === v.width)) return v.data.length === n ? v.data : (v.data.subarray(0, n) as RawArray);
  return rawView(copyArray(a)).data;
}

/**
 * `data` as the raw storage of `dtype` (inferred when not given). A typed array that
 * already is that storage is used as is (no copy, like SciPy's copy=False); other
 * values are converted, refusing conversions that lose information.
 */
export function toRawData(data: DataLike, dtype: Dtype | 'floatX' | undefined, op: string): { raw: RawArray; dtype: Dtype } {
  const want = dtype === undefined ? undefined : checkDtype(dtype, op);
  if (isNDArray(data)) {
    if (data.shape.length !== 1) {
      throw new ArgumentError({ op, argument: 'data', expected: 'a 1-d array of stored values', given: `an array of shape (${data.shape.join(', ')})` });
    }
    const d = want ?? data.dtype;
    return { raw: contiguousRaw(toNDArray(data, d, { op })), dtype: d };
  }
  if (ArrayBuffer.isView(data)) {
    const d = want ?? typedArrayDtype(data) ?? 'float64';
    if (data.constructor === rawArrayCtor(d)) return { raw: data as RawArray, dtype: d };
    return { raw: contiguousRaw(toNDArray(data, d, { op })), dtype: d };
  }
  const values = Array.from(data as ArrayLike<unknown>);
  const d = want ?? inferJsDtype(values);
  return { raw: contiguousRaw(toNDArray(values, d, { op })), dtype: d };
}

/** `x` as an Int32Array (as is when it already is one), checking every entry fits. */
export function toIndexArray(x: IndexLike, name: string, op: string): Int32Array {
  if (x instanceof Int32Array) return x;
  if (x === null || typeof x !== 'object' || typeof (x as ArrayLike<unknown>).length !== 'number') {
    throw new ArgumentError({ op, argument: name, expected: 'an array of integers', given: String(x) });
  }
  const n = x.length;
  const out = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const v = x[k];
    const num = typeof v === 'bigint' ? Number(v) : v;
    if (typeof num !== 'number' || !Number.isInteger(num)) {
      throw new SparseFormatError(op, `${name}[${k}] = ${String(v)} is not an integer`, name);
    }
    if (num > INDEX_MAX || num < -INDEX_MAX - 1) {
      throw new SparseFormatError(op, `${name}[${k}] = ${String(v)} does not fit the int32 index dtype`, name);
    }
    out[k] = num;
  }
  return out;
}

/** A new raw data array of `dtype` holding `n` elements. */
export function newRaw(dtype: Dtype, n: number): RawArray {
  const Ctor = rawArrayCtor(dtype);
  return new Ctor(n * dtypeWidth(dtype));
}

/** One stored element as toNested gives it: number, BigInt, boolean or [re, im]. */
export function readElement(raw: RawArray, k: number, dtype: Dtype): number | bigint | boolean | [number, number] {
  if (dtypeWidth(dtype) === 2) return [raw[2 * k] as number, raw[2 * k + 1] as number];
  if (dtype === 'bool') return raw[k] !== 0;
  return raw[k]!;
}
