/**
 * Small helpers shared by the kernels of the extra ops (sort, cumsum, take,
 * choose, nonzero...): offset tables over strided values, reading integer
 * index arrays with NumPy's index modes, and the checks their Ops share.
 * Kernels here work on raw typed arrays, strides and offsets, never on get().
 */
import { ArgumentError, DtypeError, TypeMismatchError, type Variable } from '@proj/graph';
import { isBigInt, isComplex, isInteger, type Dtype } from '../dtype/dtypes';
import { rawView, sizeOf, type NDArray } from '../value/ndarray';
import { castArray } from '../value/convert';
import { TensorVariable } from '../variable/tensor-variable';
import { AxisError } from '../reduce/axis';
import { IndexError } from '../subtensor/errors';

/** How out-of-range indices are treated (NumPy's `mode` of take and choose). */
export type IndexMode = 'raise' | 'wrap' | 'clip';

const MODES: readonly IndexMode[] = ['raise', 'wrap', 'clip'];

/**
 * Checks an index mode option, naming the caller.
 *
 * @example
 * checkMode('pt.take', 'wrap'); // 'wrap'
 */
export function checkMode(op: string, mode: unknown): IndexMode {
  if (!MODES.includes(mode as IndexMode)) {
    throw new ArgumentError({ op, argument: 'mode', expected: "'raise', 'wrap' or 'clip'", given: JSON.stringify(mode) });
  }
  return mode as IndexMode;
}

/**
 * The raw offsets (relative to the first element) of every position of
 * `shape` in row-major order, for raw strides `strides`.
 *
 * @example
 * offsetTable([2, 2], [1, 2]); // Int32Array [0, 2, 1, 3] (a transposed 2x2)
 */
export function offsetTable(shape: readonly number[], strides: readonly number[]): Int32Array {
  const n = sizeOf(shape);
  const out = new Int32Array(n);
  const nd = shape.length;
  if (n === 0) return out;
  const idx = new Array<number>(nd).fill(0);
  let off = 0;
  for (let k = 0; k < n; k++) {
    out[k] = off;
    for (let d = nd - 1; d >= 0; d--) {
      idx[d]!++;
      off += strides[d]!;
      if (idx[d]! < shape[d]!) break;
      off -= strides[d]! * shape[d]!;
      idx[d] = 0;
    }
  }
  return out;
}

/**
 * The elements of an integer value (any strides) as indices into a dimension
 * of length `n`, in row-major order, resolved with `mode`: 'raise' accepts
 * [-n, n) (negative ones count from the end) and throws an IndexError
 * (NumPy's wording, naming `op` and `axis`) otherwise; 'wrap' takes them modulo n; 'clip' clamps to [0, n).
 *
 * @example
 * resolveIndices('Take', 1, idx, 3, 'wrap'); // [-1, 4] -> Int32Array [2, 1]
 */
export function resolveIndices(op: string, argument: number | string, a: NDArray, n: number, mode: IndexMode, axis = 0): Int32Array {
  const v = rawView(a);
  const offs = offsetTable(a.shape, v.strides);
  const out = new Int32Array(offs.length);
  const big = isBigInt(a.dtype);
  const data = v.data as unknown as ArrayLike<number | bigint>;
  for (let k = 0; k < offs.length; k++) {
    const raw = data[v.offset + offs[k]!]!;
    let i: number;
    if (mode === 'wrap') {
      if (n === 0) throw new ArgumentError({ op, argument, expected: 'a non-empty dimension to index (wrap mode)', given: 'a dimension of length 0' });
      i = big ? Number((((raw as bigint) % BigInt(n)) + BigInt(n)) % BigInt(n)) : ((((raw as number) % n) + n) % n);
    } else if (mode === 'clip') {
      if (n === 0) throw new ArgumentError({ op, argument, expected: 'a non-empty dimension to index (clip mode)', given: 'a dimension of length 0' });
      const x = big ? ((raw as bigint) < 0n ? -1 : (raw as bigint) >= BigInt(n) ? n : Number(raw)) : (raw as number);
      i = x < 0 ? 0 : x >= n ? n - 1 : x;
    } else {
      const x = big ? ((raw as bigint) < BigInt(-n) || (raw as bigint) >= BigInt(n) ? NaN : Number(raw)) : (raw as number);
      if (!(x >= -n && x < n)) {
        const e = new IndexError(
          { op, argument, expected: `indices in [${-n}, ${n}) for axis ${axis} of length ${n}`, given: `index ${String(raw)}` },
          `index ${String(raw)} is out of bounds for axis ${axis} with size ${n}`,
        );
        throw Object.assign(e, { index: Number(raw), axis, size: n });
      }
      i = x < 0 ? x + n : x;
    }
    out[k] = i;
  }
  return out;
}

/**
 * `a` with dtype `dtype`: itself when it already has it, else a cast copy (astype).
 *
 * @example
 * asDtype(int8Value, 'float64');
 */
export function asDtype(a: NDArray, dtype: Dtype): NDArray {
  return a.dtype === dtype ? a : castArray(a, dtype);
}

/**
 * Throws a TypeMismatchError naming `op` and `argument` unless `x` is a tensor.
 *
 * @example
 * const t = checkTensor('SortOp', 0, x);
 */
export function checkTensor(op: string, argument: number | string, x: Variable): TensorVariable {
  if (!(x instanceof TensorVariable)) throw new TypeMismatchError({ op, argument, expected: 'a tensor', given: `${x} of type ${x.type}` });
  return x;
}

/**
 * Throws a DtypeError unless `x` has an integer dtype (bool too when `allowBool`).
 *
 * @example
 * checkIntegerTensor('Take', 1, indices);
 */
export function checkIntegerTensor(op: string, argument: number | string, x: Variable, allowBool = false): TensorVariable {
  const t = checkTensor(op, argument, x);
  if (!(isInteger(t.dtype) || (allowBool && t.dtype === 'bool'))) {
    throw new DtypeError({ op, argument, expected: allowBool ? 'an integer or bool dtype' : 'an integer dtype', given: `${t.dtype} (${t})` });
  }
  return t;
}

/**
 * Throws a DtypeError unless `x` has a real (ordered) dtype.
 *
 * @example
 * checkRealTensor('SortOp', 0, x);
 */
export function checkRealTensor(op: string, argument: number | string, x: Variable): TensorVariable {
  const t = checkTensor(op, argument, x);
  if (isComplex(t.dtype)) throw new DtypeError({ op, argument, expected: 'a real dtype (complex values are not ordered here)', given: t.dtype });
  return t;
}

/**
 * One axis in [-ndim, ndim), made non-negative; an AxisError naming `op` otherwise.
 *
 * @example
 * normalizeAxis('pt.sort', -1, 3); // 2
 */
export function normalizeAxis(op: string, axis: unknown, ndim: number, argument = 'axis'): number {
  if (typeof axis !== 'number' || !Number.isInteger(axis)) {
    throw new AxisError({ op, argument, expected: 'an integer axis', given: `${String(axis)} (${typeof axis})` });
  }
  if (axis < -ndim || axis >= ndim) {
    const expected = ndim === 0 ? 'no axis for a 0-d input' : `an axis in [${-ndim}, ${ndim}) for a ${ndim}-d input`;
    throw new AxisError({ op, argument, expected, given: `axis ${axis} (ndim ${ndim})` });
  }
  return axis < 0 ? axis + ndim : axis;
}

/**
 * The raw offsets of the lines along `axis` (one per position of the other
 * dimensions, row-major), the raw stride along it and its length.
 *
 * @example
 * const { starts, stride, len } = lines(rawView(a), 1);
 */
export function lines(v: { shape: readonly number[]; strides: readonly number[]; offset: number }, axis: number): { starts: Int32Array; stride: number; len: number } {
  const shape = v.shape.filter((_, d) => d !== axis);
  const strides = v.strides.filter((_, d) => d !== axis);
  const starts = offsetTable(shape, strides);
  for (let k = 0; k < starts.length; k++) starts[k] = starts[k]! + v.offset;
  return { starts, stride: v.strides[axis]!, len: v.shape[axis]! };
}
