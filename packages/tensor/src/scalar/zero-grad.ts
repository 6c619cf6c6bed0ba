/**
 * The zero gradients PyTensor gives through flat (piecewise-constant) ops:
 * comparisons, rounding, bitwise ops, integer division and anything whose
 * output is discrete.
 */
import { config } from '@proj/graph';
import { isDiscrete, type Dtype } from '../dtype/dtypes';
import { zerosLike } from '../basic/fill';
import type { TensorVariable } from '../variable/tensor-variable';

/**
 * Zeros of x's shape in `dtype` (floatX by default): PyTensor's
 * `x.zeros_like(dtype=config.floatX)`. The values of x are never read.
 *
 * @example
 * gradZeros(x); // float64 zeros shaped like x
 */
export function gradZeros(x: TensorVariable, dtype: Dtype = config.floatX): TensorVariable {
  return zerosLike(x, dtype);
}

/**
 * The gradient of a flat op of a continuous input: zeros in x's own dtype when
 * x is float or complex, in floatX when x is discrete (PyTensor's Floor, Ceil,
 * Sign... `rval = x.zeros_like(); if discrete: rval.astype(floatX)`).
 *
 * @example
 * flatGrad(x); // float32 zeros for a float32 x
 */
export function flatGrad(x: TensorVariable): TensorVariable {
  return gradZeros(x, isDiscrete(x.dtype) ? config.floatX : x.dtype);
}
