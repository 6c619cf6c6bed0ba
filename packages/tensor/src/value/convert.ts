/**
 * Converting user values (numbers, BigInts, booleans, nested arrays, typed
 * arrays, ndarrays) into dense values of a given dtype, refusing conversions
 * that lose information unless asked to (PyTensor's TensorType.filter rules).
 */
import { DtypeError, ShapeError } from '@proj/graph';
import {
  canCastSafely,
  dtypeWidth,
  integerRange,
  isBigInt,
  isComplex,
  isDiscrete,
  rawArrayCtor,
  type Dtype,
  type RawArray,
} from '../dtype/dtypes';
import { copyArray, forEachOffset, fromRaw, isNDArray, rawView, sizeOf, type NDArray } from './ndarray';

/** A complex number as user code gives it (stdlib's Complex128 has re/im too). */
export interface ComplexLike {
  readonly re: number;
  readonly im: number;
}

function isComplexLike(x: unknown): x is ComplexLike {
  return typeof x === 'object' && x !== null && typeof (x as ComplexLike).re === 'number' && typeof (x as ComplexLike).im === 'number';
}


/** The dtype a typed array stands for. */
export function typedArrayDtype(a: ArrayBufferView): Dtype | undefined {
  if (a instanceof Float64Array) return 'float64';
  if (a instanceof Float32Array) return 'float32';
  if (a instanceof Int8Array) return 'int8';
  if (a instanceof Int16Array) return 'int16';
  if (a instanceof Int32Array) return 'int32';
  if (a instanceof BigInt64Array) return 'int64';
  if (a instanceof Uint8Array || a instanceof Uint8ClampedArray) return 'uint8';
  if (a instanceof Uint16Array) return 'uint16';
  if (a instanceof Uint32Array) return 'uint32';
  if (a instanceof BigUint64Array) return 'uint64';
  return undefined;
}

/** Shape of nested arrays; throws a ShapeError for ragged ones. Iterative. */
export function nestedShape(x: unknown, op: string): number[] {
  const shape: number[] = [];
  let level: unknown = x;
  while (Array.isArray(level) || (ArrayBuffer.isView(level) && !(level instanceof DataView))) {
    const len = (level as ArrayLike<unknown>).length;
    shape.push(len);
    if (len === 0 || !Array.isArray(level)) break;
    level = level[0];
  }
  // Verify every branch has the same shape.
  const stack: [unknown, number][] = [[x, 0]];
  while (stack.length > 0) {
    const [v, d] = stack.pop()!;
    if (d === shape.length) {
      if (Array.isArray(v)) throw new ShapeError({ op, argument: 'value', expected: `nested arrays of shape (${shape.join(', ')})`, given: 'a ragged nested array (more levels in one branch)' });
      continue;
    }
    const isSeq = Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView));
    if (!isSeq || (v as ArrayLike<unknown>).length !== shape[d]) {
      throw new ShapeError({ op, argument: 'value', expected: `nested arrays of shape (${shape.join(', ')})`, given: `a ragged nested array (a branch of length ${isSeq ? (v as ArrayLike<unknown>).length : 'scalar'} at depth ${d})` });
    }
    if (Array.isArray(v)) for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], d + 1]);
  }
  return shape;
}

function flatten(x: unknown, ndim: number): unknown[] {
  if (ndim === 0) return [x];
  const out: unknown[] = [];
  const stack: [unknown, number][] = [[x, 0]];
  while (stack.length > 0) {
    const [v, d] = stack.pop()!;
    if (d === ndim - 1) {
      const seq = v as ArrayLike<unknown>;
      for (let i = 0; i < seq.length; i++) out.push(seq[i]);
    } else {
      const seq = v as unknown[];
      for (let i = seq.length - 1; i >= 0; i--) stack.push([seq[i], d + 1]);
    }
  }
  return out;
}

/** The smallest dtype that holds a JS scalar (PyTensor's autocasting rule for Python numbers). */
export function scalarDtype(x: unknown): Dtype | undefined {
  if (typeof x === 'boolean') return 'bool';
  if (typeof x === 'bigint') return x >= -(1n << 63n) && x < 1n << 63n ? 'int64' : x >= 0n && x < 1n << 64n ? 'uint64' : undefined;
  if (isComplexLike(x)) return 'complex128';
  if (typeof x === 'number') return Number.isInteger(x) ? undefined : 'float64';
  return undefined;
}

function describe(v: unknown): string {
  if (isComplexLike(v)) return `${v.re}${v.im < 0 ? '-' : '+'}${Math.abs(v.im)}i`;
  return typeof v === 'bigint' ? `${v}n` : String(v);
}

/**
 * Stores one JS scalar into raw storage at `k` (in elements) for `dtype`,
 * checking that nothing is lost unless `allowDowncast`.
 */
function store(raw: RawArray, k: number, v: unknown, dtype: Dtype, allowDowncast: boolean, op: string): void {
  const lossy = (why: string): never => {
    throw new DtypeError({ op, argument: 'value', expected: `values exactly representable as ${dtype} (or allowDowncast)`, given: `${describe(v)} (${why})` });
  };
  if (isComplex(dtype)) {
    let re: number;
    let im = 0;
    if (isComplexLike(v)) ({ re, im } = v);
    else if (typeof v === 'boolean') re = v ? 1 : 0;
    else if (typeof v === 'bigint') re = Number(v);
    else if (typeof v === 'number') re = v;
    else return lossy('not a number');
    if (dtype === 'complex64' && !allowDowncast && (Math.fround(re) !== re && !Number.isNaN(re) || Math.fround(im) !== im && !Number.isNaN(im))) lossy('rounds in float32');
    (raw as Float64Array)[2 * k] = re;
    (raw as Float64Array)[2 * k + 1] = im;
    return;
  }
  if (isComplexLike(v)) {
    if (v.im !== 0 && !allowDowncast) lossy('has an imaginary part');
    v = v.re;
  }
  if (typeof v === 'boolean') v = v ? 1 : 0;
  if (isBigInt(dtype)) {
    let b: bigint;
    if (typeof v === 'bigint') b = v;
    else if (typeof v === 'number') {
      if (!Number.isFinite(v)) return lossy('not finite');
      if (!Number.isInteger(v)) {
        if (!allowDowncast) lossy('not an integer');
        v = Math.trunc(v);
      }
      b = BigInt(v as number);
    } else return lossy('not a number');
    const [lo, hi] = integerRange(dtype);
    if ((b < lo || b > hi) && !allowDowncast) lossy(`outside the ${dtype} range`);
    (raw as BigInt64Array)[k] = b; // typed-array assignment wraps, as NumPy's astype does
    return;
  }
  let n: number;
  if (typeof v === 'bigint') {
    n = Number(v);
    if (BigInt(n) !== v && !allowDowncast) lossy('loses precision as a number');
  } else if (typeof v === 'number') n = v;
  else return lossy('not a number');
  if (isDiscrete(dtype)) {
    if (!Number.isFinite(n) && !allowDowncast) lossy('not finite');
    if (!Number.isInteger(n) && !allowDowncast) lossy('not an integer');
    const [lo, hi] = integerRange(dtype);
    if ((n < Number(lo) || n > Number(hi)) && !allowDowncast) lossy(`outside the ${dtype} range`);
    if (dtype === 'bool') n = n !== 0 ? 1 : 0;
  } else if (dtype === 'float32' && !allowDowncast && Math.fround(n) !== n && !Number.isNaN(n)) {
    lossy('rounds in float32');
  }
  (raw as Float64Array)[k] = n;
}

/** What `toNDArray` may do. */
export interface ConvertOptions {
  allowDowncast?: boolean;
  /** The caller's name for error messages. */
  op?: string;
}

/**
 * A dense value of `dtype` from nested arrays, a JS scalar, a typed array or an
 * ndarray. Values are checked one by one (a JS value must be exactly
 * representable); an ndarray of another dtype converts only when its dtype
 * casts safely (NumPy's 'safe'), unless `allowDowncast`. Always returns a new array
 * unless `x` already is an ndarray of `dtype`.
 *
 * @example
 * toNDArray([[1, 2], [3, 4]], 'int8');
 * toNDArray(0.1, 'float32'); // DtypeError: 0.1 rounds in float32
 */
export function toNDArray(x: unknown, dtype: Dtype, options: ConvertOptions = {}): NDArray {
  const op = options.op ?? 'toNDArray';
  const allowDowncast = options.allowDowncast ?? false;
  if (isNDArray(x)) {
    if (x.dtype === dtype) return x;
    if (!allowDowncast && !canCastSafely(x.dtype, dtype)) {
      throw new DtypeError({ op, argument: 'value', expected: `an array whose dtype casts safely to ${dtype} (or allowDowncast)`, given: `an array of dtype ${x.dtype}` });
    }
    return castArray(x, dtype);
  }
  const typed = ArrayBuffer.isView(x) && !(x instanceof DataView) ? typedArrayDtype(x) : undefined;
  if (typed !== undefined && typed !== dtype && !allowDowncast && !canCastSafely(typed, dtype)) {
    throw new DtypeError({ op, argument: 'value', expected: `a typed array whose dtype casts safely to ${dtype} (or allowDowncast)`, given: `a ${(x as object).constructor.name} (${typed})` });
  }
  const shape = nestedShape(x, op);
  const flat = flatten(x, shape.length);
  const Ctor = rawArrayCtor(dtype);
  const raw = new Ctor(flat.length * dtypeWidth(dtype));
  const down = allowDowncast || typed !== undefined; // a typed array was already checked by dtype
  for (let k = 0; k < flat.length; k++) store(raw, k, flat[k], dtype, down, op);
  return fromRaw(dtype, raw, shape);
}

/**
 * A contiguous copy of `a` converted to `dtype` (NumPy's astype: floats to
 * integers truncate, out-of-range integers wrap, bool is x != 0).
 */
export function castArray(a: NDArray, dtype: Dtype): NDArray {
  if (a.dtype === dtype) return copyArray(a);
  const src = rawView(a);
  const Ctor = rawArrayCtor(dtype);
  const n = sizeOf(a.shape);
  const out = new Ctor(n * dtypeWidth(dtype));
  const toBig = isBigInt(dtype);
  const fromBig = isBigInt(a.dtype);
  const d = src.data as unknown as ArrayLike<number | bigint>;
  forEachOffset(a.shape, src.strides, src.offset, (off, k) => {
    if (src.width === 2) {
      const re = d[off] as number;
      if (dtypeWidth(dtype) === 2) {
        (out as Float64Array)[2 * k] = re;
        (out as Float64Array)[2 * k + 1] = d[off + 1] as number;
      } else writeReal(out, k, re, dtype, toBig);
      return;
    }
    const v = d[off]!;
    if (dtypeWidth(dtype) === 2) {
      (out as Float64Array)[2 * k] = Number(v);
      return;
    }
    if (fromBig && toBig) (out as BigInt64Array)[k] = v as bigint;
    else writeReal(out, k, fromBig ? Number(v) : (v as number), dtype, toBig);
  });
  return fromRaw(dtype, out, a.shape);
}

function writeReal(out: RawArray, k: number, v: number, dtype: Dtype, toBig: boolean): void {
  if (dtype === 'bool') (out as Uint8Array)[k] = v !== 0 ? 1 : 0;
  else if (toBig) (out as BigInt64Array)[k] = Number.isFinite(v) ? BigInt(Math.trunc(v)) : 0n;
  else (out as Float64Array)[k] = isDiscrete(dtype) ? Math.trunc(v) : v;
}
