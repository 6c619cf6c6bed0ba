/**
 * The canonical form of a slice (Python's slice.indices, PyTensor's
 * get_canonical_form_slice), written once over "integers" that are either JS
 * numbers or int64 scalar tensors: with numbers it runs at perform time, with
 * symbolic bounds or lengths it builds the graph inferShape returns. Number
 * operands fold, so a slice with a known positive step gives a small graph.
 */
import { ArgumentError } from '@proj/graph';
import { add, intDiv, sub } from '../math/arith';
import { cast } from '../math/cast';
import { lt, maximum, minimum } from '../math/compare';
import { switch_ } from '../math/condition';
import { int64Scalar } from '../shape/make-vector';
import type { TensorVariable } from '../variable/tensor-variable';

/** An integer known now (a number) or at run time (an integer scalar tensor). */
export type Int = number | TensorVariable;
type Bool = boolean | TensorVariable;

const isNum = (a: Int): a is number => typeof a === 'number';

// Symbolic operands are int64 so that sums of int8 bounds cannot wrap.
function asInt64(a: Int): TensorVariable {
  if (isNum(a)) return int64Scalar(a);
  return a.dtype === 'int64' ? a : cast(a, 'int64');
}

const iadd = (a: Int, b: Int): Int => (isNum(a) && isNum(b) ? a + b : add(asInt64(a), asInt64(b)));
const isub = (a: Int, b: Int): Int => (isNum(a) && isNum(b) ? a - b : sub(asInt64(a), asInt64(b)));
const imax = (a: Int, b: Int): Int => (isNum(a) && isNum(b) ? Math.max(a, b) : maximum(asInt64(a), asInt64(b)));
const imin = (a: Int, b: Int): Int => (isNum(a) && isNum(b) ? Math.min(a, b) : minimum(asInt64(a), asInt64(b)));
const ifloorDiv = (a: Int, b: Int): Int => (isNum(a) && isNum(b) ? Math.floor(a / b) : intDiv(asInt64(a), asInt64(b)));
const ilt = (a: Int, b: Int): Bool => (isNum(a) && isNum(b) ? a < b : lt(asInt64(a), asInt64(b)));

function iwhere(c: Bool, a: Int, b: Int): Int {
  if (typeof c === 'boolean') return c ? a : b;
  if (isNum(a) && isNum(b) && a === b) return a;
  return switch_(c, asInt64(a), asInt64(b));
}

/** A slice in canonical form: 0 <= start, stop within the clipped range, and the number of elements. */
export interface CanonicalSlice {
  readonly start: Int;
  readonly stop: Int;
  readonly step: Int;
  readonly length: Int;
}

/**
 * The canonical start, stop, step and length of `start:stop:step` over a
 * dimension of length `n` (null bounds are the defaults), with negative
 * bounds counted from the end and out-of-range bounds clipped, as NumPy does.
 * A step of 0 known now is an ArgumentError.
 *
 * @example
 * canonicalSlice(null, null, -1, 5); // { start: 4, stop: -1, step: -1, length: 5 }
 * canonicalSlice(1, null, null, shapeI(x, 0)).length; // max(n - min(1, n), 0) as a graph
 */
export function canonicalSlice(start: Int | null, stop: Int | null, step: Int | null, n: Int, op = 'slice'): CanonicalSlice {
  const st: Int = step ?? 1;
  if (st === 0) throw new ArgumentError({ op, argument: 'step', expected: 'a non-zero slice step', given: '0 (slice step cannot be zero)' });
  const neg = ilt(st, 0);
  const lower = iwhere(neg, -1, 0);
  const upper = iwhere(neg, isub(n, 1), n);
  const clamp = (b: Int | null, dflt: Int): Int => {
    if (b === null) return dflt;
    const fromEnd = imax(iadd(b, n), lower);
    const fromStart = imin(b, upper);
    if (isNum(b)) return b < 0 ? fromEnd : fromStart;
    return iwhere(ilt(b, 0), fromEnd, fromStart);
  };
  const s = clamp(start, iwhere(neg, upper, lower));
  const e = clamp(stop, iwhere(neg, lower, upper));
  // ceil((e - s) / st) for either sign of st: (e - s + st - sign(st)) // st.
  const sign = iwhere(neg, -1, 1);
  const length = imax(0, ifloorDiv(isub(iadd(isub(e, s), st), sign), st));
  return { start: s, stop: e, step: st, length };
}

/**
 * The number of elements of `start:stop:step` over a length `n` known now.
 *
 * @example
 * sliceLength(1, null, 2, 6); // 3
 */
export function sliceLength(start: number | null, stop: number | null, step: number | null, n: number): number {
  return canonicalSlice(start, stop, step, n).length as number;
}
