/**
 * Axis arguments of the reductions: normalising `axis` (undefined/null = all,
 * an int, a negative int, a list) against the input's number of dimensions,
 * and putting reduced dimensions back as length-1 ones (keepdims).
 */
import { ArgumentError } from '@proj/graph';
import type { ShuffleEntry } from '../shape/dimshuffle';

/** The `axis` option of the reductions: undefined/null for all dimensions, one axis, or several. */
export type AxisArg = number | readonly number[] | null | undefined;

/**
 * An axis outside [-ndim, ndim), a repeated axis, or a non-integer axis
 * (NumPy's AxisError). The message names the function, the axis and ndim.
 */
export class AxisError extends ArgumentError {}

/**
 * The axes as sorted, distinct, non-negative integers, or null for "all"
 * (undefined or null). Throws an AxisError naming `fn` for a bad axis.
 *
 * @example
 * normalizeAxes('pt.sum', -1, 3); // [2]
 */
export function normalizeAxes(fn: string, axis: AxisArg, ndim: number): number[] | null {
  if (axis === undefined || axis === null) return null;
  const list = typeof axis === 'number' ? [axis] : axis;
  if (!Array.isArray(list)) {
    throw new AxisError({ op: fn, argument: 'axis', expected: 'undefined, null, an integer or an array of integers', given: String(axis) });
  }
  const out: number[] = [];
  for (const a of list as readonly unknown[]) {
    if (typeof a !== 'number' || !Number.isInteger(a)) {
      throw new AxisError({ op: fn, argument: 'axis', expected: 'integer axes', given: `${String(a)} (${typeof a})` });
    }
    if (a < -ndim || a >= ndim) {
      const expected = ndim === 0 ? 'no axis for a 0-d input (undefined, null or [])' : `an axis in [${-ndim}, ${ndim}) for a ${ndim}-d input`;
      throw new AxisError({ op: fn, argument: 'axis', expected, given: `axis ${a} (ndim ${ndim})` });
    }
    const n = a < 0 ? a + ndim : a;
    if (out.includes(n)) throw new AxisError({ op: fn, argument: 'axis', expected: 'distinct axes', given: `axis ${a} repeated in [${list.join(', ')}] (ndim ${ndim})` });
    out.push(n);
  }
  return out.sort((p, q) => p - q);
}

/**
 * The reduced axes as a list (null = all `ndim` axes).
 *
 * @example
 * axesList(null, 3); // [0, 1, 2]
 */
export function axesList(axis: readonly number[] | null, ndim: number): number[] {
  return axis === null ? [...Array(ndim).keys()] : [...axis];
}

/**
 * The DimShuffle pattern that puts the reduced axes back as length-1
 * dimensions ('x') into a reduced result.
 *
 * @example
 * keepDimsPattern([1], 3); // [0, 'x', 1]
 */
export function keepDimsPattern(axis: readonly number[] | null, ndim: number): ShuffleEntry[] {
  const reduced = axesList(axis, ndim);
  const pattern: ShuffleEntry[] = [];
  let i = 0;
  for (let d = 0; d < ndim; d++) pattern.push(reduced.includes(d) ? 'x' : i++);
  return pattern;
}

/**
 * Text of an axis prop for Op names, as PyTensor prints them.
 *
 * @example
 * axisText([0, 2]); // 'axes=[0, 2]'
 */
export function axisText(axis: readonly number[] | null): string {
  if (axis === null) return 'axes=None';
  if (axis.length === 1) return `axis=${axis[0]}`;
  return `axes=[${axis.join(', ')}]`;
}
