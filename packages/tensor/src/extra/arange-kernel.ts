/**
 * The arange kernel, following NumPy exactly: length ceil((stop - start) / step)
 * (exact integer difference for integer arguments, else float64), the first
 * two values start and start + step cast to the dtype, then
 * value[i] = first + i * (second - first) in the dtype's arithmetic.
 */
import { ArgumentError } from '@proj/graph';
import { dtypeBits, isBigInt, isInteger, isUnsignedInt, type Dtype } from '../dtype/dtypes';
import { allocRaw, fromRaw, rawView, type NDArray } from '../value/ndarray';

/** A scalar argument of arange: its value as a float, and exactly when it is an integer. */
export interface ArangeScalar {
  readonly num: number;
  readonly big: bigint | undefined;
}

/**
 * The value of a 0-d real value as a float64 and, for integer dtypes, exactly.
 *
 * @example
 * readScalar(value); // { num: 3, big: 3n }
 */
export function readScalar(a: NDArray): ArangeScalar {
  const v = rawView(a);
  const x = v.data[v.offset]!;
  if (typeof x === 'bigint') return { num: Number(x), big: x };
  if (isInteger(a.dtype) || a.dtype === 'bool') return { num: x, big: BigInt(x) };
  return { num: x, big: undefined };
}

/**
 * The number of elements of arange(start, stop, step) (NumPy's rule), or
 * throws an ArgumentError naming `op` for a zero, NaN or too large length.
 *
 * @example
 * arangeLength('ARange', s(0), s(1), s(0.3)); // 4
 */
export function arangeLength(op: string, start: ArangeScalar, stop: ArangeScalar, step: ArangeScalar): number {
  if (step.num === 0) throw new ArgumentError({ op, argument: 'step', expected: 'a non-zero step', given: '0' });
  const exact = start.big !== undefined && stop.big !== undefined && step.big !== undefined;
  const q = exact ? Number(stop.big! - start.big!) / step.num : (stop.num - start.num) / step.num;
  if (Number.isNaN(q)) throw new ArgumentError({ op, argument: 'inputs', expected: 'start, stop and step giving a defined length', given: `NaN (start ${start.num}, stop ${stop.num}, step ${step.num})` });
  const len = Math.ceil(q);
  if (len > 2 ** 31 - 1) throw new ArgumentError({ op, argument: 'inputs', expected: 'a length below 2**31', given: `${len}` });
  return Math.max(0, len);
}

function toIntDtype(x: ArangeScalar | { num: number; big: bigint | undefined }, dtype: Dtype): bigint {
  const b = x.big ?? BigInt(Math.trunc(x.num));
  const bits = dtypeBits(dtype);
  return isUnsignedInt(dtype) ? BigInt.asUintN(bits, b) : BigInt.asIntN(bits, b);
}

/**
 * The values of arange(start, stop, step) in `dtype` (a real, non-bool dtype).
 *
 * @example
 * arangeKernel('ARange', s(0), s(5), s(2), 'int64'); // [0, 2, 4]
 */
export function arangeKernel(op: string, start: ArangeScalar, stop: ArangeScalar, step: ArangeScalar, dtype: Dtype): NDArray {
  const n = arangeLength(op, start, stop, step);
  const out = allocRaw(op, dtype, [n]);
  if (n === 0) return fromRaw(dtype, out, [0]);
  const exact = start.big !== undefined && step.big !== undefined;
  const next = exact ? { num: 0, big: start.big! + step.big! } : { num: start.num + step.num, big: undefined };
  if (isInteger(dtype)) {
    const bits = dtypeBits(dtype);
    const wrap = isUnsignedInt(dtype) ? (x: bigint) => BigInt.asUintN(bits, x) : (x: bigint) => BigInt.asIntN(bits, x);
    const first = toIntDtype(start, dtype);
    const second = toIntDtype(next, dtype);
    const delta = wrap(second - first);
    if (isBigInt(dtype)) {
      const o = out as BigInt64Array;
      o[0] = first;
      if (n > 1) o[1] = second;
      for (let i = 2; i < n; i++) o[i] = wrap(first + BigInt(i) * delta);
    } else {
      // Narrow integers: exact in float64, and the typed array wraps on store.
      const o = out as Int32Array;
      const f = Number(first);
      const d = Number(delta);
      o[0] = f;
      if (n > 1) o[1] = Number(second);
      for (let i = 2; i < n; i++) o[i] = f + i * d;
    }
    return fromRaw(dtype, out, [n]);
  }
  const o = out as Float64Array;
  const nextNum = next.big !== undefined ? Number(next.big) : next.num;
  if (dtype === 'float32') {
    const f = Math.fround(start.num);
    const d = Math.fround(Math.fround(nextNum) - f);
    o[0] = f;
    if (n > 1) o[1] = nextNum;
    // C float arithmetic: i converted to float, each operation rounded to float.
    for (let i = 2; i < n; i++) o[i] = Math.fround(f + Math.fround(Math.fround(i) * d));
  } else {
    const f = start.num;
    const d = nextNum - f;
    o[0] = f;
    if (n > 1) o[1] = nextNum;
    for (let i = 2; i < n; i++) o[i] = f + i * d;
  }
  return fromRaw(dtype, out, [n]);
}
