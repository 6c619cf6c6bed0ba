/**
 * pt.dot, pt.tensordot and pt.outer, composed from Dot (and BatchedDot for the
 * batched variant) with dimshuffles and reshapes, as PyTensor does: the summed
 * axes of a are moved last and those of b first, both are reshaped to
 * matrices, multiplied, and the product is reshaped to the free axes.
 */
import { ArgumentError, ShapeError } from '@proj/graph';
import { asTensorVariable, type TensorLike } from '../basic/as-tensor';
import { mul } from '../math/arith';
import { AxisError } from '../reduce/axis';
import { dimshuffle } from '../shape/dimshuffle';
import { reshape, flatten } from '../shape/reshape';
import { shapeTuple } from '../shape/shape';
import { specifyShape } from '../shape/specify-shape';
import type { TensorVariable } from '../variable/tensor-variable';
import { Dot } from './dot-op';
import { notAligned, npShape } from './product';
import { shapeProduct } from './util';

/** Axes of tensordot: a number n (the last n axes of a with the first n of b), or the two lists of summed axes. */
export type TensordotAxes = number | readonly [number | readonly number[], number | readonly number[]];

type Product = (a: TensorVariable, b: TensorVariable) => TensorVariable;

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = from; i < to; i++) out.push(i);
  return out;
}

/** One list of summed axes, normalised (negative axes count from the end) and checked. */
function axisList(op: string, which: 'a' | 'b', axes: number | readonly number[], ndim: number, batched: boolean): number[] {
  const list = typeof axes === 'number' ? [axes] : [...axes];
  const seen = new Set<number>();
  return list.map((ax) => {
    if (!Number.isInteger(ax) || ax < -ndim || ax >= ndim) {
      throw new AxisError({ op, argument: `axes for ${which}`, expected: `axes in [${-ndim}, ${ndim}) for ${which}.ndim = ${ndim}`, given: `axis ${ax}` });
    }
    const n = ax < 0 ? ax + ndim : ax;
    if (seen.has(n)) throw new AxisError({ op, argument: `axes for ${which}`, expected: 'each axis at most once', given: `axis ${ax} repeated` });
    if (batched && n === 0) throw new AxisError({ op, argument: `axes for ${which}`, expected: 'axes that do not include the batch axis 0', given: `[${list.join(', ')}]` });
    seen.add(n);
    return n;
  });
}

/** A ShapeError (NumPy's 'shape-mismatch for sum') when summed axes have different known lengths. */
function checkSummed(op: string, a: TensorVariable, b: TensorVariable, axA: readonly number[], axB: readonly number[]): void {
  axA.forEach((da, i) => {
    const la = a.type.shape[da]!;
    const lb = b.type.shape[axB[i]!]!;
    if (la !== null && lb !== null && la !== lb) {
      throw new ShapeError({
        op,
        argument: 'axes',
        expected: 'summed axes of equal lengths',
        given: `shape-mismatch for sum: axis ${da} of a ${npShape(a.type.shape)} has length ${la}, axis ${axB[i]} of b ${npShape(b.type.shape)} has length ${lb}`,
      });
    }
  });
}

/**
 * The generalised product over `axes` (tensordot), reduced to `product` of
 * two matrices (or, `batched`, of two stacks of matrices whose axis 0 is the
 * batch axis, kept first in the result). Used by tensordot, dot and batchedTensordot.
 */
export function tensordotAsDot(op: string, a: TensorVariable, b: TensorVariable, axes: TensordotAxes, product: Product, batched: boolean): TensorVariable {
  const lead = batched ? 1 : 0;
  if (typeof axes !== 'number') {
    if (!Array.isArray(axes) || axes.length !== 2) {
      throw new ArgumentError({ op, argument: 'axes', expected: 'an integer or a pair of axis lists [axesA, axesB]', given: JSON.stringify(axes) });
    }
    const axA = axisList(op, 'a', axes[0]!, a.ndim, batched);
    const axB = axisList(op, 'b', axes[1]!, b.ndim, batched);
    if (axA.length !== axB.length) {
      throw new ArgumentError({ op, argument: 'axes', expected: 'two lists of the same length', given: `[${axA.join(', ')}] and [${axB.join(', ')}]` });
    }
    checkSummed(op, a, b, axA, axB);
    const batch = batched ? [0] : [];
    const freeA = range(lead, a.ndim).filter((d) => !axA.includes(d));
    const freeB = range(lead, b.ndim).filter((d) => !axB.includes(d));
    return tensordotAsDot(op, dimshuffle(a, [...batch, ...freeA, ...axA]), dimshuffle(b, [...batch, ...axB, ...freeB]), axA.length, product, batched);
  }
  const n = axes;
  if (!Number.isInteger(n) || n < 0) throw new ArgumentError({ op, argument: 'axes', expected: 'a non-negative integer or a pair of axis lists', given: String(n) });
  for (const [name, t] of [['a', a], ['b', b]] as const) {
    if (n > t.ndim - lead) {
      const limit = batched ? `${name}.ndim - 1 (the batch axis is not summed)` : `${name}.ndim`;
      throw new ArgumentError({ op, argument: 'axes', expected: `at most ${limit} = ${t.ndim - lead} axes`, given: String(n) });
    }
  }
  const as = shapeTuple(a);
  let bs = shapeTuple(b);
  const sa = a.type.shape.slice(a.ndim - n);
  const sb = b.type.shape.slice(lead, lead + n);
  checkSummed(op, a, b, range(a.ndim - n, a.ndim), range(lead, lead + n));
  // With several summed axes the matrix product only sees their total length:
  // state each length of b to be a's, so a mismatch is caught when values arrive.
  if (n > 1 && sa.some((len, i) => len === null || sb[i] === null)) {
    const want = b.type.shape.map((_, d) => (d >= lead && d < lead + n ? as[a.ndim - n + d - lead]! : null));
    b = specifyShape(b, want);
    bs = shapeTuple(b);
  }
  const m = shapeProduct(as.slice(lead, a.ndim - n));
  const k = shapeProduct(as.slice(a.ndim - n));
  const kb = shapeProduct(bs.slice(lead, lead + n));
  const nn = shapeProduct(bs.slice(lead + n));
  const a2 = reshape(a, batched ? [as[0]!, m, k] : [m, k]);
  const b2 = reshape(b, batched ? [bs[0]!, kb, nn] : [kb, nn]);
  const outShape = [...as.slice(0, a.ndim - n), ...bs.slice(lead + n)];
  return reshape(product(a2, b2), outShape);
}

/**
 * The generalised dot product over the given axes (NumPy's tensordot): `axes`
 * = n sums the last n axes of a with the first n of b; a pair of lists names
 * the summed axes of each. The result has a's free axes, then b's.
 *
 * @example
 * pt.tensordot(a, b, [[1, 2], [3, 2]]); // (2,3,4) with (5,6,4,3) gives (2,5,6)
 */
export function tensordot(a: TensorLike, b: TensorLike, axes: TensordotAxes = 2): TensorVariable {
  const dot2 = (x: TensorVariable, y: TensorVariable) => new Dot().call(x, y) as TensorVariable;
  return tensordotAsDot('pt.tensordot', asTensorVariable(a), asTensorVariable(b), axes, dot2, false);
}

/**
 * The dot product with NumPy's np.dot rules: 0-d operands multiply
 * elementwise, vectors give the inner product, matrices the matrix product,
 * and for n-d the sum over the last axis of x and the second-to-last of y
 * (the last if y is a vector). dtype: upcast of the inputs (integers exact,
 * bool gives bool).
 *
 * @example
 * pt.dot(pt.dmatrix('x'), pt.dvector('v')); // x @ v
 */
export function dot(x: TensorLike, y: TensorLike): TensorVariable {
  const a = asTensorVariable(x);
  const b = asTensorVariable(y);
  if (a.ndim === 0 || b.ndim === 0) return mul(a, b);
  if (a.ndim <= 2 && b.ndim <= 2) return new Dot().call(a, b) as TensorVariable;
  const yAxis = Math.max(0, b.ndim - 2);
  const xk = a.type.shape[a.ndim - 1];
  const yk = b.type.shape[yAxis];
  if (xk !== null && yk !== null && xk !== yk) throw notAligned('pt.dot', a.type.shape, b.type.shape, a.ndim - 1, yAxis);
  return tensordot(a, b, [[a.ndim - 1], [yAxis]]);
}

/**
 * The outer product of two vectors: out[i, j] = x[i] * y[j] (inputs that are
 * not vectors are flattened first, as NumPy's outer does).
 *
 * @example
 * pt.outer([1, 2], [3, 4, 5]); // shape (2, 3)
 */
export function outer(x: TensorLike, y: TensorLike): TensorVariable {
  let a = asTensorVariable(x);
  let b = asTensorVariable(y);
  if (a.ndim !== 1) a = flatten(a, 1);
  if (b.ndim !== 1) b = flatten(b, 1);
  return new Dot().call(dimshuffle(a, [0, 'x']), dimshuffle(b, ['x', 0])) as TensorVariable;
}
