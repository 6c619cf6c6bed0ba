/**
 * Adding, dropping and permuting dimensions: shapePadleft/right/axis,
 * expandDims, squeeze, swapaxes, transpose. All are DimShuffles (views).
 */
import { ArgumentError, ShapeError } from '@proj/graph';
import type { TensorVariable } from '../variable/tensor-variable';
import { asTensorVariable, type TensorLike } from '../basic/as-tensor';
import { AxisError, normalizeAxes } from '../reduce/axis';
import { dimshuffle, type ShuffleEntry } from './dimshuffle';
import { specifyShape } from './specify-shape';

function range(n: number): number[] {
  return [...Array(n).keys()];
}

function checkCount(op: string, n: number): void {
  if (!Number.isInteger(n) || n < 0) throw new ArgumentError({ op, argument: 'nOnes', expected: 'a non-negative integer', given: String(n) });
}

/** One axis in [-ndim, ndim) as a non-negative index, or an AxisError naming `op`. */
function normalizeAxis(op: string, axis: number, ndim: number, argument = 'axis'): number {
  if (!Number.isInteger(axis) || axis < -ndim || axis >= ndim) {
    throw new AxisError({ op, argument, expected: `an axis in [${-ndim}, ${ndim}) for a ${ndim}-d input`, given: `axis ${axis} (ndim ${ndim})` });
  }
  return axis < 0 ? axis + ndim : axis;
}

/**
 * `x` with `nOnes` broadcastable (length-1) dimensions added on the left.
 *
 * @example
 * shapePadleft(pt.vector('v'), 2).type.shape; // [1, 1, null]
 */
export function shapePadleft(x: TensorLike, nOnes = 1): TensorVariable {
  checkCount('pt.shapePadleft', nOnes);
  const t = asTensorVariable(x);
  return dimshuffle(t, [...new Array<ShuffleEntry>(nOnes).fill('x'), ...range(t.ndim)]);
}

/**
 * `x` with `nOnes` broadcastable (length-1) dimensions added on the right.
 *
 * @example
 * shapePadright(pt.vector('v')).type.shape; // [null, 1]
 */
export function shapePadright(x: TensorLike, nOnes = 1): TensorVariable {
  checkCount('pt.shapePadright', nOnes);
  const t = asTensorVariable(x);
  return dimshuffle(t, [...range(t.ndim), ...new Array<ShuffleEntry>(nOnes).fill('x')]);
}

/**
 * `x` with a broadcastable dimension inserted at `axis` (in [-ndim-1, ndim];
 * negative counts from the end of the result).
 *
 * @example
 * shapePadaxis(pt.tensor3('t'), -1).type.shape; // [null, null, null, 1]
 */
export function shapePadaxis(x: TensorLike, axis: number): TensorVariable {
  const t = asTensorVariable(x);
  const a = normalizeAxis('pt.shapePadaxis', axis, t.ndim + 1);
  const pattern: ShuffleEntry[] = range(t.ndim);
  pattern.splice(a, 0, 'x');
  return dimshuffle(t, pattern);
}

/**
 * `x` with broadcastable dimensions inserted so that they sit at `axis` in the
 * result (NumPy's expand_dims).
 *
 * @example
 * expandDims(pt.vector('v'), [0, 2]).type.shape; // [1, null, 1]
 */
export function expandDims(x: TensorLike, axis: number | readonly number[]): TensorVariable {
  const t = asTensorVariable(x);
  const list = typeof axis === 'number' ? [axis] : axis;
  const axes = normalizeAxes('pt.expandDims', list, t.ndim + list.length)!;
  const pattern: ShuffleEntry[] = [];
  let next = 0;
  for (let d = 0; d < t.ndim + axes.length; d++) pattern.push(axes.includes(d) ? 'x' : next++);
  return dimshuffle(t, pattern);
}

/**
 * `x` without the length-1 dimensions `axis` (default: every dimension known
 * to have length 1). A dimension of unknown length is checked at run time.
 *
 * @example
 * squeeze(pt.tensor({ shape: [1, null, 1] })).ndim; // 1
 */
export function squeeze(x: TensorLike, axis?: number | readonly number[]): TensorVariable {
  const t = asTensorVariable(x);
  const axes = axis === undefined ? range(t.ndim).filter((d) => t.type.shape[d] === 1) : normalizeAxes('pt.squeeze', axis, t.ndim)!;
  if (axes.length === 0) return t;
  for (const d of axes) {
    const s = t.type.shape[d];
    if (s !== null && s !== 1) {
      throw new ShapeError({ op: 'pt.squeeze', argument: 'axis', expected: `axes of length 1 (cannot select an axis to squeeze out which has size not equal to one)`, given: `axis ${d} of length ${s} (${t.type})` });
    }
  }
  const unknown = axes.filter((d) => t.type.shape[d] === null);
  const checked = unknown.length === 0 ? t : specifyShape(t, t.type.shape.map((s, d) => (unknown.includes(d) ? 1 : null)));
  return dimshuffle(checked, range(t.ndim).filter((d) => !axes.includes(d)));
}

/**
 * `x` with dimensions `axis1` and `axis2` exchanged.
 *
 * @example
 * swapaxes(pt.tensor3('t'), 0, -1); // shape (c, b, a) from (a, b, c)
 */
export function swapaxes(x: TensorLike, axis1: number, axis2: number): TensorVariable {
  const t = asTensorVariable(x);
  const a = normalizeAxis('pt.swapaxes', axis1, t.ndim, 'axis1');
  const b = normalizeAxis('pt.swapaxes', axis2, t.ndim, 'axis2');
  const pattern = range(t.ndim);
  pattern[a] = b;
  pattern[b] = a;
  return dimshuffle(t, pattern);
}

/**
 * `x` with its dimensions permuted by `axes` (default: reversed, x.T).
 *
 * @example
 * transpose(pt.tensor3('t'), [1, 0, 2]);
 */
export function transpose(x: TensorLike, axes?: readonly number[]): TensorVariable {
  const t = asTensorVariable(x);
  if (axes === undefined) return dimshuffle(t, range(t.ndim).reverse());
  if (!Array.isArray(axes) || axes.length !== t.ndim) {
    throw new AxisError({ op: 'pt.transpose', argument: 'axes', expected: `a permutation of the ${t.ndim} axes (axes don't match array)`, given: Array.isArray(axes) ? `[${axes.join(', ')}]` : String(axes) });
  }
  const perm = axes.map((a) => normalizeAxis('pt.transpose', a, t.ndim, 'axes'));
  if (new Set(perm).size !== perm.length) {
    throw new AxisError({ op: 'pt.transpose', argument: 'axes', expected: 'each axis once (repeated axis in transpose)', given: `[${axes.join(', ')}]` });
  }
  return dimshuffle(t, perm);
}
