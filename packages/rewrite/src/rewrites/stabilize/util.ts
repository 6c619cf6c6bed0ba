/**
 * Small helpers the stabilize and specialize rewrites share: dtype guards and
 * reading Elemwise nodes.
 */
import type { Variable } from '@proj/graph';
import { Elemwise, TensorVariable, neg, scalarNeg, type ScalarOp } from '@proj/tensor';

/**
 * Whether `v` is a float32/float64 tensor: the rewrites that bring in neg,
 * max or softplus keep to real floats, where those are exact (neg wraps
 * unsigned integers, bool has no neg, complex values have no order).
 *
 * @example
 * isRealFloat(pt.dvector('x')); // true
 */
export function isRealFloat(v: Variable): v is TensorVariable {
  return v instanceof TensorVariable && (v.dtype === 'float32' || v.dtype === 'float64');
}

/**
 * The input of `v` when `v` is the output of an Elemwise of `scalar` (not an
 * in-place one) with one input, else undefined.
 *
 * @example
 * unaryInput(pt.neg(x), pt.scalarNeg); // x
 */
export function unaryInput(v: Variable, scalar: ScalarOp): TensorVariable | undefined {
  const node = v.owner;
  if (node === null || !(node.op instanceof Elemwise) || node.inputs.length !== 1) return undefined;
  if (!node.op.scalarOp.equals(scalar) || Object.keys(node.op.props.inplacePattern).length > 0) return undefined;
  return node.inputs[0] as TensorVariable;
}

/**
 * -x, without a double negation: y when x is neg(y).
 *
 * @example
 * negated(pt.neg(y)); // y
 */
export function negated(x: TensorVariable): TensorVariable {
  return unaryInput(x, scalarNeg) ?? neg(x);
}
