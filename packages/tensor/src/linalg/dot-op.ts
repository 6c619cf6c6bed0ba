/**
 * Dot: the product of 1-d and 2-d tensors with NumPy's np.dot rules (matrix @
 * matrix, matrix @ vector, vector @ matrix, and the inner product of two
 * vectors, without conjugation). pt.dot builds it, and composes it with
 * reshapes and dimshuffles for 0-d and n-d operands.
 */
import { Apply, Op, type FunctionGraph, type ShapeTuple, type StorageCell, type Variable } from '@proj/graph';
import { upcast } from '../dtype/dtypes';
import { add, mul } from '../math/arith';
import { dimshuffle } from '../shape/dimshuffle';
import { transpose } from '../shape/rearrange';
import { TensorType } from '../type/tensor-type';
import type { NDArray } from '../value/ndarray';
import type { TensorVariable } from '../variable/tensor-variable';
import { matmulValues, notAligned, viewAs } from './product';
import { checkTensorInput, matchStatic } from './util';

const WHAT = 'a vector or a matrix (1 or 2 dimensions; pt.dot handles the others)';

/**
 * The product of two tensors of 1 or 2 dimensions (PyTensor's Dot), of dtype
 * upcast(x.dtype, y.dtype). Integer products are exact and wrap as NumPy's;
 * bool @ bool is bool (any of the products).
 *
 * @example
 * new Dot().call(pt.dmatrix('x'), pt.dvector('v')); // a vector
 */
export class Dot extends Op {
  makeNode(x: Variable, y: Variable): Apply {
    const xt = checkTensorInput('Dot', 0, x, [1, 2], WHAT);
    const yt = checkTensorInput('Dot', 1, y, [1, 2], WHAT);
    const xs = xt.type.shape;
    const ys = yt.type.shape;
    const xk = xs[xs.length - 1]!;
    const yk = ys[0]!;
    if (xk !== null && yk !== null && xk !== yk) throw notAligned('Dot', xs, ys, xs.length - 1, 0);
    const shape = [...xs.slice(0, -1), ...ys.slice(1)];
    return new Apply(this, [xt, yt], [new TensorType(upcast(xt.dtype, yt.dtype), shape).makeVariable()]);
  }

  override perform(node: Apply, inputs: readonly unknown[], out: StorageCell[]): void {
    const x = inputs[0] as NDArray;
    const y = inputs[1] as NDArray;
    const dtype = (node.outputs[0]!.type as TensorType).dtype;
    const xs = x.shape;
    const ys = y.shape;
    const k = xs[xs.length - 1]!;
    if (ys[0] !== k) throw notAligned('Dot', xs, ys, xs.length - 1, 0);
    // Vectors are seen as 1 x k / k x 1 matrices through zero strides: no copy.
    const xm = xs.length === 1 ? viewAs(x, [1, k], [0, x.strides[0]!]) : x;
    const ym = ys.length === 1 ? viewAs(y, [k, 1], [y.strides[0]!, 0]) : y;
    out[0]![0] = matmulValues(xm, ym, dtype, [], [...xs.slice(0, -1), ...ys.slice(1)]);
  }

  override inferShape(_fg: FunctionGraph | undefined, _node: Apply, [xs, ys]: readonly ShapeTuple[]): ShapeTuple[] {
    return [[...xs!.slice(0, -1), ...ys!.slice(1)]];
  }

  /**
   * gx = gz @ y.T and gy = x.T @ gz, with the vector cases: an outer product
   * where a vector meets a matrix, gz * y and gz * x for two vectors.
   */
  override Lop(inputs: readonly Variable[], _outputs: readonly Variable[], [gz]: readonly Variable[]): Variable[] {
    const x = inputs[0] as TensorVariable;
    const y = inputs[1] as TensorVariable;
    const g = gz as TensorVariable;
    const dot = (a: TensorVariable, b: TensorVariable) => this.call(a, b) as TensorVariable;
    const outer = (a: TensorVariable, b: TensorVariable) => dot(dimshuffle(a, [0, 'x']), dimshuffle(b, ['x', 0]));
    let gx: TensorVariable;
    let gy: TensorVariable;
    if (x.ndim === 1 && y.ndim === 1) {
      gx = mul(g, y);
      gy = mul(g, x);
    } else if (x.ndim === 2 && y.ndim === 1) {
      gx = outer(g, y);
      gy = dot(transpose(x), g);
    } else if (x.ndim === 1) {
      gx = dot(y, g);
      gy = outer(x, g);
    } else {
      gx = dot(g, transpose(y));
      gy = dot(transpose(x), g);
    }
    return [matchStatic(gx, x), matchStatic(gy, y)];
  }

  override grad(inputs: readonly Variable[], outputGrads: readonly Variable[]): Variable[] {
    return this.Lop(inputs, [], outputGrads);
  }

  /** dot(ex, y) + dot(x, ey), leaving out a term whose eval point is null. */
  override Rop(inputs: readonly Variable[], [ex, ey]: readonly (Variable | null)[]): (Variable | null)[] {
    const terms: TensorVariable[] = [];
    if (ex) terms.push(this.call(ex, inputs[1]!) as TensorVariable);
    if (ey) terms.push(this.call(inputs[0]!, ey) as TensorVariable);
    if (terms.length === 0) return [null];
    return [terms.length === 1 ? terms[0]! : add(terms[0]!, terms[1]!)];
  }
}
