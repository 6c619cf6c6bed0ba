/**
 * BatchedDot and pt.batchedDot / pt.batchedTensordot: one product per entry of
 * a leading batch axis that both operands share (no broadcasting of it).
 */
import { Apply, ArgumentError, Op, ShapeError, type FunctionGraph, type ShapeTuple, type StorageCell, type Variable } from '@proj/graph';
import { upcast } from '../dtype/dtypes';
import { asTensorVariable, type TensorLike } from '../basic/as-tensor';
import { add, mul } from '../math/arith';
import { dimshuffle, type ShuffleEntry } from '../shape/dimshuffle';
import { TensorType } from '../type/tensor-type';
import type { NDArray } from '../value/ndarray';
import type { TensorVariable } from '../variable/tensor-variable';
import { matmulValues, notAligned, npShape, viewAs } from './product';
import { tensordotAsDot, type TensordotAxes } from './tensordot';
import { checkTensorInput, matchStatic } from './util';

const WHAT = 'a batch of vectors or matrices (2 or 3 dimensions; pt.batchedDot handles the others)';

function batchMismatch(xs: readonly (number | null)[], ys: readonly (number | null)[]): ShapeError {
  return new ShapeError({ op: 'BatchedDot', argument: 'inputs', expected: 'the same length of the batch axis 0', given: `Shapes must match in the 0-th dimension: shapes ${npShape(xs)} and ${npShape(ys)}` });
}

/**
 * out[b] = dot(x[b], y[b]) for x and y of 2 or 3 dimensions whose axis 0 is
 * the batch (PyTensor's BatchedDot): a 2-d operand is a batch of vectors.
 *
 * @example
 * new BatchedDot().call(pt.tensor3('a'), pt.tensor3('b')); // (B, m, k) with (B, k, n) gives (B, m, n)
 */
export class BatchedDot extends Op {
  makeNode(x: Variable, y: Variable): Apply {
    const xt = checkTensorInput('BatchedDot', 0, x, [2, 3], WHAT);
    const yt = checkTensorInput('BatchedDot', 1, y, [2, 3], WHAT);
    const xs = xt.type.shape;
    const ys = yt.type.shape;
    if (xs[0] !== null && ys[0] !== null && xs[0] !== ys[0]) throw batchMismatch(xs, ys);
    const xk = xs[xs.length - 1]!;
    if (xk !== null && ys[1] !== null && xk !== ys[1]) throw notAligned('BatchedDot', xs, ys, xs.length - 1, 1);
    const shape = [xs[0] ?? ys[0]!, ...xs.slice(1, -1), ...ys.slice(2)];
    return new Apply(this, [xt, yt], [new TensorType(upcast(xt.dtype, yt.dtype), shape).makeVariable()]);
  }

  override perform(node: Apply, inputs: readonly unknown[], out: StorageCell[]): void {
    const x = inputs[0] as NDArray;
    const y = inputs[1] as NDArray;
    const xs = x.shape;
    const ys = y.shape;
    if (xs[0] !== ys[0]) throw batchMismatch(xs, ys);
    const k = xs[xs.length - 1]!;
    if (ys[1] !== k) throw notAligned('BatchedDot', xs, ys, xs.length - 1, 1);
    const b = xs[0]!;
    // A batch of vectors is seen as a batch of 1 x k rows / k x 1 columns (zero strides, no copy).
    const x3 = xs.length === 2 ? viewAs(x, [b, 1, k], [x.strides[0]!, 0, x.strides[1]!]) : x;
    const y3 = ys.length === 2 ? viewAs(y, [b, k, 1], [y.strides[0]!, y.strides[1]!, 0]) : y;
    const dtype = (node.outputs[0]!.type as TensorType).dtype;
    out[0]![0] = matmulValues(x3, y3, dtype, [b], [b, ...xs.slice(1, -1), ...ys.slice(2)]);
  }

  override inferShape(_fg: FunctionGraph | undefined, _node: Apply, [xs, ys]: readonly ShapeTuple[]): ShapeTuple[] {
    return [[xs![0]!, ...xs!.slice(1, -1), ...ys!.slice(2)]];
  }

  /** Per batch entry, the gradients of Dot: gz @ y^T and x^T @ gz, outer products where one side is a vector. */
  override Lop(inputs: readonly Variable[], _outputs: readonly Variable[], [gz]: readonly Variable[]): Variable[] {
    const x = inputs[0] as TensorVariable;
    const y = inputs[1] as TensorVariable;
    const g = gz as TensorVariable;
    const bdot = (a: TensorVariable, b: TensorVariable) => this.call(a, b) as TensorVariable;
    const swap = (t: TensorVariable) => dimshuffle(t, [0, 2, 1]);
    const col = (t: TensorVariable) => dimshuffle(t, [0, 1, 'x']);
    const row = (t: TensorVariable) => dimshuffle(t, [0, 'x', 1]);
    let gx: TensorVariable;
    let gy: TensorVariable;
    if (x.ndim === 2 && y.ndim === 2) {
      const gcol = dimshuffle(g, [0, 'x']);
      gx = mul(gcol, y);
      gy = mul(x, gcol);
    } else if (x.ndim === 2) {
      gx = bdot(g, swap(y));
      gy = mul(col(x), row(g));
    } else if (y.ndim === 2) {
      gx = mul(col(g), row(y));
      gy = bdot(swap(x), g);
    } else {
      gx = bdot(g, swap(y));
      gy = bdot(swap(x), g);
    }
    return [matchStatic(gx, x), matchStatic(gy, y)];
  }

  override grad(inputs: readonly Variable[], outputGrads: readonly Variable[]): Variable[] {
    return this.Lop(inputs, [], outputGrads);
  }

  /** batchedDot(ex, y) + batchedDot(x, ey). */
  override Rop(inputs: readonly Variable[], [ex, ey]: readonly (Variable | null)[]): (Variable | null)[] {
    const terms: TensorVariable[] = [];
    if (ex) terms.push(this.call(ex, inputs[1]!) as TensorVariable);
    if (ey) terms.push(this.call(inputs[0]!, ey) as TensorVariable);
    if (terms.length === 0) return [null];
    return [terms.length === 1 ? terms[0]! : add(terms[0]!, terms[1]!)];
  }
}

/**
 * The dot product of each pair x[b], y[b] along the first (batch) axis:
 * out[b] = pt.dot(x[b], y[b]). A 1-d operand is a batch of scalars.
 *
 * @example
 * pt.batchedDot(pt.tensor3('a'), pt.tensor3('b')); // (B, m, k) with (B, k, n) gives (B, m, n)
 */
export function batchedDot(x: TensorLike, y: TensorLike): TensorVariable {
  const a = asTensorVariable(x);
  const b = asTensorVariable(y);
  [a, b].forEach((t, i) => {
    if (t.ndim === 0) throw new ArgumentError({ op: 'pt.batchedDot', argument: i, expected: 'at least one (batch) axis', given: `a 0-d tensor (${t.type})` });
  });
  const xs = a.type.shape;
  const ys = b.type.shape;
  if (xs[0] !== null && ys[0] !== null && xs[0] !== ys[0]) throw batchMismatch(xs, ys);
  const pad = (t: TensorVariable, n: number) => dimshuffle(t, [0, ...new Array<ShuffleEntry>(n).fill('x')]);
  if (a.ndim === 1) return mul(pad(a, b.ndim - 1), b);
  if (b.ndim === 1) return mul(a, pad(b, a.ndim - 1));
  if (a.ndim > 3 || b.ndim > 3) return batchedTensordot(a, b, [[a.ndim - 1], [Math.max(1, b.ndim - 2)]]);
  return new BatchedDot().call(a, b) as TensorVariable;
}

/**
 * tensordot of each pair x[b], y[b] along the first (batch) axis. `axes` as
 * in tensordot, counted on the full tensors (the batch axis 0 is never
 * summed): n sums the last n axes of x with axes 1..n of y.
 *
 * @example
 * pt.batchedTensordot(x, y, [[2], [1]]); // (B, m, k) with (B, k, n) gives (B, m, n)
 */
export function batchedTensordot(x: TensorLike, y: TensorLike, axes: TensordotAxes = 2): TensorVariable {
  const a = asTensorVariable(x);
  const b = asTensorVariable(y);
  [a, b].forEach((t, i) => {
    if (t.ndim === 0) throw new ArgumentError({ op: 'pt.batchedTensordot', argument: i, expected: 'at least one (batch) axis', given: `a 0-d tensor (${t.type})` });
  });
  const bdot = (p: TensorVariable, q: TensorVariable) => new BatchedDot().call(p, q) as TensorVariable;
  return tensordotAsDot('pt.batchedTensordot', a, b, axes, bdot, true);
}
