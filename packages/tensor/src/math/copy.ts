/** tensorCopy: an elementwise identity that makes a new array (x.copy()). */
import { applyElemwise } from '../elemwise/apply';
import { ScalarOp, sameRule } from '../scalar/scalar-op';
import type { TensorLike } from '../basic/as-tensor';
import type { TensorVariable } from '../variable/tensor-variable';

/** The identity on one element. */
export const scalarIdentity = new ScalarOp({
  name: 'identity',
  nin: 1,
  outputDtype: sameRule,
  impl: (a) => a,
  implBigInt: (a) => a,
  implComplex: (a) => a,
  grad: (_inputs, _outputs, [gz]) => [gz!],
  js: ([a]) => `(${a})`,
});

/**
 * A copy of `x` (a new array holding the same values; PyTensor's tensor_copy).
 *
 * @example
 * pt.tensorCopy(x); // x.copy()
 */
export function tensorCopy(x: TensorLike): TensorVariable {
  return applyElemwise(scalarIdentity, x);
}
