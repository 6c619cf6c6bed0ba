/**
 * fill (PyTensor's `second`: the value broadcast to the model's shape) and the
 * zerosLike / onesLike built on it.
 */
import { disconnectedType, config } from '@proj/graph';
import { checkDtype, isDiscrete, type Dtype } from '../dtype/dtypes';
import { ScalarOp } from '../scalar/scalar-op';
import { applyElemwise } from '../elemwise/apply';
import type { TensorVariable } from '../variable/tensor-variable';
import { asTensorVariable, constant, type TensorLike } from './as-tensor';

/**
 * second(x, y) = y: the scalar op of fill. Its dtype is y's; x only gives the
 * shape, so it gets no gradient (disconnected).
 */
export const scalarSecond = new ScalarOp({
  name: 'second',
  nin: 2,
  outputDtype: (inputs) => inputs[1]!,
  modeInputs: [1],
  impl: (_x, y) => y,
  implBigInt: (_x, y) => y,
  // A real y stays real when x is complex (the output dtype is y's).
  implComplex: (_x, y) => (y.im === 0 ? y.re : y),
  grad: ([, y], _outputs, [gz]) => [disconnectedType(), isDiscrete(y!.dtype) ? zerosLike(y!, config.floatX) : gz!],
  js: ([, y]) => `(${y})`,
});

/**
 * `value` broadcast to the shape of `model` (and `model` to `value`'s, as any
 * elementwise op), with the dtype of `value` (PyTensor's fill / second).
 *
 * @example
 * fill(pt.matrix('m'), 2.5); // a matrix of 2.5s shaped like m
 */
export function fill(model: TensorLike, value: TensorLike): TensorVariable {
  return applyElemwise(scalarSecond, model, value);
}

/**
 * A tensor of zeros shaped like `x`, of `x`'s dtype unless `dtype` is given.
 *
 * @example
 * zerosLike(pt.imatrix('m')).dtype; // 'int32'
 */
export function zerosLike(x: TensorLike, dtype?: Dtype | 'floatX'): TensorVariable {
  const t = asTensorVariable(x);
  const d = dtype === undefined ? t.dtype : checkDtype(dtype, 'pt.zerosLike');
  return fill(t, constant(0, { dtype: d }));
}

/**
 * A tensor of ones shaped like `x`, of `x`'s dtype unless `dtype` is given.
 *
 * @example
 * onesLike(pt.vector('v'), 'int8');
 */
export function onesLike(x: TensorLike, dtype?: Dtype | 'floatX'): TensorVariable {
  const t = asTensorVariable(x);
  const d = dtype === undefined ? t.dtype : checkDtype(dtype, 'pt.onesLike');
  return fill(t, constant(1, { dtype: d }));
}

