/**
 * MatMul and pt.matmul: NumPy's matmul (the @ operator). Stacks of matrices
 * in the leading dimensions broadcast against each other; pt.matmul promotes a
 * vector operand to a matrix (1 x k on the left, k x 1 on the right) and drops
 * the added dimension from the result.
 */
import { Apply, Op, ShapeError, TypeMismatchError, type FunctionGraph, type ShapeTuple, type StorageCell, type Variable } from '@proj/graph';
import { upcast } from '../dtype/dtypes';
import { asTensorVariable, type TensorLike } from '../basic/as-tensor';
import { add } from '../math/arith';
import { dimshuffle } from '../shape/dimshuffle';
import { swapaxes } from '../shape/rearrange';
import { TensorType } from '../type/tensor-type';
import type { NDArray } from '../value/ndarray';
import { TensorVariable } from '../variable/tensor-variable';
import { matmulMismatch, matmulValues, npShape } from './product';
import { sumToInput } from './util';

const WHAT = 'a tensor with at least 2 dimensions (pt.matmul promotes vectors)';

function broadcastError(op: string, xs: readonly (number | null)[], ys: readonly (number | null)[], m: number | null, n: number | null): ShapeError {
  const remap = (s: readonly (number | null)[]) => `${npShape(s)}->${npShape([...s.slice(0, -2), 'newaxis', 'newaxis'])}`;
  return new ShapeError({
    op,
    argument: 'inputs',
    expected: 'batch dimensions that broadcast together',
    given: `operands could not be broadcast together with remapped shapes [original->remapped]: ${remap(xs)} ${remap(ys)}  and requested shape ${npShape([m, n])}`,
  });
}

/** The broadcast batch shape of static (null: unknown) batch shapes, or null where a conflict is found. */
function broadcastBatch(xb: readonly (number | null)[], yb: readonly (number | null)[]): (number | null)[] | undefined {
  const nd = Math.max(xb.length, yb.length);
  const out: (number | null)[] = [];
  for (let d = 0; d < nd; d++) {
    const a = d < nd - xb.length ? 1 : xb[d - (nd - xb.length)]!;
    const b = d < nd - yb.length ? 1 : yb[d - (nd - yb.length)]!;
    if (a === 1) out.push(b);
    else if (b === 1) out.push(a);
    else if (a === null) out.push(b);
    else if (b === null || a === b) out.push(a);
    else return undefined;
  }
  return out;
}

/**
 * The matrix product of two stacks of matrices (each input at least 2-d):
 * out[..., i, j] = sum_k x[..., i, k] * y[..., k, j], batch dimensions
 * broadcast as NumPy's matmul does. dtype: upcast of the inputs.
 *
 * @example
 * new MatMul().call(pt.tensor3('a'), pt.dmatrix('b')); // shape (batch, m, n)
 */
export class MatMul extends Op {
  makeNode(x: Variable, y: Variable): Apply {
    if (!(x instanceof TensorVariable) || x.ndim < 2) return this.reject(0, x);
    if (!(y instanceof TensorVariable) || y.ndim < 2) return this.reject(1, y);
    const xs = x.type.shape;
    const ys = y.type.shape;
    const xk = xs[xs.length - 1]!;
    const yk = ys[ys.length - 2]!;
    if (xk !== null && yk !== null && xk !== yk) throw matmulMismatch('MatMul', xs, ys);
    const m = xs[xs.length - 2]!;
    const n = ys[ys.length - 1]!;
    const batch = broadcastBatch(xs.slice(0, -2), ys.slice(0, -2));
    if (batch === undefined) throw broadcastError('MatMul', xs, ys, m, n);
    return new Apply(this, [x, y], [new TensorType(upcast(x.dtype, y.dtype), [...batch, m, n]).makeVariable()]);
  }

  private reject(position: number, v: Variable): never {
    const given = v instanceof TensorVariable ? `${v.ndim} dimensions (${v.type})` : `${v} of type ${v.type}`;
    throw new TypeMismatchError({ op: 'MatMul', argument: position, expected: WHAT, given });
  }

  override perform(node: Apply, inputs: readonly unknown[], out: StorageCell[]): void {
    const x = inputs[0] as NDArray;
    const y = inputs[1] as NDArray;
    const xs = x.shape;
    const ys = y.shape;
    if (xs[xs.length - 1] !== ys[ys.length - 2]) throw matmulMismatch('MatMul', xs, ys);
    const batch = broadcastBatch(xs.slice(0, -2), ys.slice(0, -2));
    if (batch === undefined) throw broadcastError('MatMul', xs, ys, xs[xs.length - 2]!, ys[ys.length - 1]!);
    out[0]![0] = matmulValues(x, y, (node.outputs[0]!.type as TensorType).dtype, batch as number[]);
  }

  override inferShape(_fg: FunctionGraph | undefined, node: Apply, [xs, ys]: readonly ShapeTuple[]): ShapeTuple[] {
    const outShape = (node.outputs[0]!.type as TensorType).shape;
    const nd = outShape.length;
    const tx = (node.inputs[0] as TensorVariable).type.shape;
    const ty = (node.inputs[1] as TensorVariable).type.shape;
    const batch = outShape.slice(0, -2).map((len, d) => {
      if (len !== null) return len;
      // The first input that has this dimension and is not known to be 1 there gives the length.
      const dx = d - (nd - tx.length);
      if (dx >= 0 && tx[dx] !== 1) return xs![dx]!;
      return ys![d - (nd - ty.length)]!;
    });
    return [[...batch, xs![xs!.length - 2]!, ys![ys!.length - 1]!]];
  }

  /** gx = gz @ y^T and gy = x^T @ gz (transposing the last two axes), summed over the batch axes each input was broadcast along. */
  override Lop(inputs: readonly Variable[], _outputs: readonly Variable[], [gz]: readonly Variable[]): Variable[] {
    const x = inputs[0] as TensorVariable;
    const y = inputs[1] as TensorVariable;
    const g = gz as TensorVariable;
    const gx = this.call(g, swapaxes(y, -1, -2)) as TensorVariable;
    const gy = this.call(swapaxes(x, -1, -2), g) as TensorVariable;
    return [sumToInput(gx, x, 2), sumToInput(gy, y, 2)];
  }

  override grad(inputs: readonly Variable[], outputGrads: readonly Variable[]): Variable[] {
    return this.Lop(inputs, [], outputGrads);
  }

  /** matmul(ex, y) + matmul(x, ey). */
  override Rop(inputs: readonly Variable[], [ex, ey]: readonly (Variable | null)[]): (Variable | null)[] {
    const terms: TensorVariable[] = [];
    if (ex) terms.push(this.call(ex, inputs[1]!) as TensorVariable);
    if (ey) terms.push(this.call(inputs[0]!, ey) as TensorVariable);
    if (terms.length === 0) return [null];
    return [terms.length === 1 ? terms[0]! : add(terms[0]!, terms[1]!)];
  }
}

/**
 * The matrix product with NumPy's matmul rules (the @ operator): stacks of
 * matrices broadcast in their leading dimensions; a vector on the left is a
 * 1 x k row, on the right a k x 1 column, and that dimension is removed from
 * the result. 0-d operands are an error (use pt.mul).
 *
 * @example
 * pt.matmul(pt.tensor3('a'), pt.dvector('v')); // shape (batch, m)
 */
export function matmul(x: TensorLike, y: TensorLike): TensorVariable {
  const a = asTensorVariable(x);
  const b = asTensorVariable(y);
  [a, b].forEach((t, i) => {
    if (t.ndim === 0) {
      throw new ShapeError({
        op: 'pt.matmul',
        argument: i,
        expected: 'at least 1 dimension',
        given: `matmul: Input operand ${i} does not have enough dimensions (has 0, gufunc core with signature (n?,k),(k,m?)->(n?,m?) requires 1)`,
      });
    }
  });
  const xk = a.type.shape[a.ndim - 1];
  const yk = b.type.shape[Math.max(0, b.ndim - 2)];
  if (xk !== null && yk !== null && xk !== yk) throw matmulMismatch('pt.matmul', a.type.shape, b.type.shape);
  const a2 = a.ndim === 1 ? dimshuffle(a, ['x', 0]) : a;
  const b2 = b.ndim === 1 ? dimshuffle(b, [0, 'x']) : b;
  const out = new MatMul().call(a2, b2) as TensorVariable;
  if (a.ndim > 1 && b.ndim > 1) return out;
  const nd = out.ndim;
  const keep = [...Array(nd).keys()].filter((d) => !((a.ndim === 1 && d === nd - 2) || (b.ndim === 1 && d === nd - 1)));
  return dimshuffle(out, keep);
}
