import type { ScalarOp } from '../scalar/scalar-op';
import { asTensorVariable, type TensorLike } from '../basic/as-tensor';
import type { TensorVariable } from '../variable/tensor-variable';
import { Elemwise } from './elemwise';

/**
 * Applies a scalar op elementwise to tensor-like arguments (each converted with
 * asTensorVariable). User functions such as pt.exp are written with it.
 *
 * @example
 * export const exp = (x: TensorLike) => applyElemwise(scalarExp, x);
 */
export function applyElemwise(scalarOp: ScalarOp, ...xs: TensorLike[]): TensorVariable {
  let op = elemwiseOf.get(scalarOp);
  if (op === undefined) {
    op = new Elemwise(scalarOp);
    elemwiseOf.set(scalarOp, op);
  }
  return op.call(...xs.map((x) => asTensorVariable(x))) as TensorVariable;
}

// Ops are immutable values: one Elemwise per scalar op, made on first use.
const elemwiseOf = new WeakMap<ScalarOp, Elemwise>();
