/** The cast user function (pt.cast): NumPy's astype, as a graph operation. */
import { DtypeError } from '@proj/graph';
import { checkDtype, isComplex, type Dtype } from '../dtype/dtypes';
import { applyElemwise } from '../elemwise/apply';
import { asTensorVariable, type TensorLike } from '../basic/as-tensor';
import { castScalarOp } from '../scalar/cast';
import type { TensorVariable } from '../variable/tensor-variable';

/**
 * x converted to `dtype` with NumPy's astype semantics (floats to integers
 * truncate toward zero, out-of-range integers wrap, to bool is x != 0). A
 * tensor already of that dtype is returned unchanged. Complex to real is an
 * error (ambiguous: use real, imag, abs or angle).
 *
 * @example
 * pt.cast(x, 'int32');
 */
export function cast(x: TensorLike, dtype: Dtype | 'floatX'): TensorVariable {
  const to = checkDtype(dtype, 'pt.cast');
  const xt = asTensorVariable(x);
  if (xt.dtype === to) return xt;
  if (isComplex(xt.dtype) && !isComplex(to)) {
    throw new DtypeError({
      op: 'pt.cast',
      argument: 'dtype',
      expected: 'a complex dtype for a complex input (casting complex to real is ambiguous: use real, imag, abs or angle)',
      given: `${to} for an input of dtype ${xt.dtype}`,
    });
  }
  return applyElemwise(castScalarOp(to), xt);
}
