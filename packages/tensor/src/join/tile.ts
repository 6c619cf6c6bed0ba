/**
 * tile (NumPy's tile), composed as PyTensor does: x with a length-1 axis
 * before each of its axes, broadcast by Alloc to (r0, n0, r1, n1, ...), then
 * reshaped to (r0 * n0, r1 * n1, ...). Its gradient is the reshape back and
 * the sum over the tile axes, which those Ops already give.
 */
import { ArgumentError, TypeMismatchError } from '@proj/graph';
import { isDiscrete } from '../dtype/dtypes';
import { TensorConstant, TensorVariable } from '../variable/tensor-variable';
import { asTensorVariable, type TensorLike } from '../basic/as-tensor';
import { alloc } from '../basic/alloc';
import { constantScalarInt, shapeEntries } from '../shape/make-vector';
import { expandDims, shapePadleft } from '../shape/rearrange';
import { reshape } from '../shape/reshape';
import { shapeTuple } from '../shape/shape';
import { mulLengths } from './util';

/** The repetitions as one entry per repeated axis: numbers or integer scalars. */
function repsEntries(op: string, reps: number | TensorVariable | readonly (number | TensorLike)[]): (number | TensorVariable)[] {
  if (typeof reps === 'number') return [checkRep(op, reps, 0)];
  if (reps instanceof TensorVariable) {
    if (reps.ndim > 1 || !isDiscrete(reps.dtype)) {
      throw new TypeMismatchError({ op, argument: 'reps', expected: 'an integer scalar or vector', given: `${reps} of type ${reps.type}` });
    }
    if (reps.ndim === 0) return [checkRep(op, constantScalarInt(reps) ?? reps, 0)];
    // The entries of a symbolic vector must be readable (a constant, x.shape, a list of scalars).
    return shapeEntries(op, reps).map((e, i) => checkRep(op, e, i));
  }
  if (!Array.isArray(reps)) throw new TypeMismatchError({ op, argument: 'reps', expected: 'a number, an array of repetitions or an integer vector', given: String(reps) });
  return (reps as readonly (number | TensorLike)[]).map((r, i) => {
    if (typeof r === 'number') return checkRep(op, r, i);
    const t = asTensorVariable(r);
    if (t.ndim !== 0 || !isDiscrete(t.dtype)) throw new TypeMismatchError({ op, argument: `reps[${i}]`, expected: 'an integer scalar', given: `${t} of type ${t.type}` });
    return checkRep(op, t instanceof TensorConstant ? constantScalarInt(t)! : t, i);
  });
}

function checkRep(op: string, r: number | TensorVariable, i: number): number | TensorVariable {
  if (typeof r === 'number' && (!Number.isInteger(r) || r < 0)) {
    throw new ArgumentError({ op, argument: `reps[${i}]`, expected: 'a non-negative integer', given: `${r} (negative dimensions are not allowed)` });
  }
  return r;
}

/**
 * `x` repeated `reps` times along each axis (NumPy's tile). With fewer reps
 * than x has dimensions, the reps apply to the last ones; with more, x gets
 * leading length-1 dimensions. Reps are numbers or integer scalars.
 *
 * @example
 * tile(m, 2); // [[1, 2], [3, 4]] -> [[1, 2, 1, 2], [3, 4, 3, 4]]
 * tile(v, [2, 1]); // a vector stacked twice as the rows of a matrix
 */
export function tile(x: TensorLike, reps: number | TensorVariable | readonly (number | TensorLike)[]): TensorVariable {
  const op = 'pt.tile';
  let t = asTensorVariable(x);
  let rs = repsEntries(op, reps);
  const nd = Math.max(rs.length, t.ndim);
  rs = [...new Array<number>(nd - rs.length).fill(1), ...rs];
  if (t.ndim < nd) t = shapePadleft(t, nd - t.ndim);
  if (nd === 0) return alloc(t);
  const lens = shapeTuple(t);
  const spread = expandDims(t, [...Array(nd).keys()].map((i) => 2 * i));
  const tiled = alloc(spread, ...rs.flatMap((r, i) => [r, lens[i]!]));
  return reshape(tiled, rs.map((r, i) => mulLengths([r, lens[i]!]) as number | TensorVariable));
}
