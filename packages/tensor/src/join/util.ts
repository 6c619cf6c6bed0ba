/**
 * Helpers shared by the joining and repeating Ops: NumPy's axis check, the
 * reading of integer scalar inputs, and arithmetic on lengths that are
 * numbers when known and symbolic scalars otherwise (for inferShape).
 */
import { TypeMismatchError, type Variable } from '@proj/graph';
import { isInteger, isSignedInt } from '../dtype/dtypes';
import type { NDArray } from '../value/ndarray';
import { TensorVariable } from '../variable/tensor-variable';
import { cast } from '../math/cast';
import { add, mul } from '../math/arith';
import { AxisError } from '../reduce/axis';
import { intValues } from '../shape/make-vector';

/**
 * `axis` in [-ndim, ndim) as a non-negative index, or an AxisError with
 * NumPy's message (axis 2 is out of bounds for array of dimension 2).
 *
 * @example
 * normalizeAxisIndex('Join', -1, 3); // 2
 */
export function normalizeAxisIndex(op: string, axis: number, ndim: number, argument: string | number = 'axis'): number {
  if (!Number.isInteger(axis) || axis < -ndim || axis >= ndim) {
    throw new AxisError({
      op,
      argument,
      expected: ndim === 0 ? 'no axis (the input is 0-d)' : `an axis in [${-ndim}, ${ndim})`,
      given: `axis ${axis} (axis ${axis} is out of bounds for array of dimension ${ndim})`,
    });
  }
  return axis < 0 ? axis + ndim : axis;
}

/**
 * Checks that `v` is a 0-d tensor of an integer dtype (signed only when
 * `signed`), naming `op` and `argument` otherwise.
 *
 * @example
 * checkIntScalar('Join', axis, 0, true);
 */
export function checkIntScalar(op: string, v: Variable, argument: number | string, signed = false): TensorVariable {
  if (!(v instanceof TensorVariable) || v.ndim !== 0 || !(signed ? isSignedInt(v.dtype) : isInteger(v.dtype))) {
    throw new TypeMismatchError({ op, argument, expected: `a 0-d ${signed ? 'signed ' : ''}integer tensor`, given: `${v} of type ${v.type}` });
  }
  return v;
}

/** The value of a 0-d integer input as a JS number. */
export function intScalarValue(a: unknown): number {
  return intValues(a as NDArray)[0]!;
}

/** A length for shapes: a number when known, else an integer scalar variable. */
export type Length = number | Variable;

/** A symbolic length as an int64 scalar. */
function asInt64(v: Variable): TensorVariable {
  const t = v as TensorVariable;
  return t.dtype === 'int64' ? t : cast(t, 'int64');
}

/**
 * The sum of lengths: a number when all are numbers, else an int64 scalar.
 *
 * @example
 * addLengths([2, n]); // n + 2 (int64)
 */
export function addLengths(lengths: readonly Length[]): Length {
  const known = lengths.filter((l): l is number => typeof l === 'number').reduce((p, q) => p + q, 0);
  const vars = lengths.filter((l): l is Variable => typeof l !== 'number').map(asInt64);
  if (vars.length === 0) return known;
  return asInt64(known === 0 && vars.length === 1 ? vars[0]! : add(...vars, ...(known === 0 ? [] : [known])));
}

/**
 * The product of lengths: a number when all are numbers, else an int64 scalar.
 *
 * @example
 * mulLengths([3, n]); // 3 * n (int64)
 */
export function mulLengths(lengths: readonly Length[]): Length {
  const known = lengths.filter((l): l is number => typeof l === 'number').reduce((p, q) => p * q, 1);
  const vars = lengths.filter((l): l is Variable => typeof l !== 'number').map(asInt64);
  if (vars.length === 0 || known === 0) return known;
  return asInt64(known === 1 && vars.length === 1 ? vars[0]! : mul(...vars, ...(known === 1 ? [] : [known])));
}

/**
 * NumPy's message for inputs that differ off the concatenation axis.
 *
 * @example
 * concatMismatch(1, 0, 3, 1, 4);
 */
export function concatMismatch(dim: number, i: number, si: number, j: number, sj: number): string {
  return `all the input array dimensions except for the concatenation axis must match exactly, but along dimension ${dim}, the array at index ${i} has size ${si} and the array at index ${j} has size ${sj}`;
}
