/** get_underlying_scalar_constant_value: the value of a scalar that is constant under a few wrappers. */
import { ProjError } from '@proj/graph';
import { Elemwise } from '../elemwise/elemwise';
import { DimShuffle } from '../shape/dimshuffle';
import { SpecifyShape } from '../shape/specify-shape';
import { sizeOf, toNested } from '../value/ndarray';
import { TensorConstant, type TensorVariable } from '../variable/tensor-variable';

/** Raised when a variable's value is not a known scalar constant. */
export class NotScalarConstantError extends ProjError {}

/**
 * The single value of `v` when it is a constant with one element, possibly
 * behind DimShuffle, SpecifyShape or a Cast/identity Elemwise (PyTensor's
 * get_underlying_scalar_constant_value). Throws NotScalarConstantError otherwise.
 *
 * @example
 * getUnderlyingScalarConstantValue(pt.constant(3).dimshuffle('x')); // 3
 */
export function getUnderlyingScalarConstantValue(v: TensorVariable): number | bigint | boolean | [number, number] {
  let cur: TensorVariable = v;
  for (;;) {
    if (cur instanceof TensorConstant) {
      if (sizeOf(cur.data.shape) !== 1) break;
      let value = toNested(cur.data);
      while (Array.isArray(value) && value.length === 1 && Array.isArray(value[0])) value = value[0];
      if (Array.isArray(value) && value.length === 1) value = value[0];
      return value as number | bigint | boolean | [number, number];
    }
    const node = cur.owner;
    if (node === null) break;
    const op = node.op;
    const passThrough = op instanceof DimShuffle || op instanceof SpecifyShape || (op instanceof Elemwise && node.inputs.length === 1 && (op.scalarOp.name === 'identity' || op.scalarOp.name.startsWith('Cast{')));
    if (!passThrough) break;
    cur = node.inputs[0] as TensorVariable;
  }
  throw new NotScalarConstantError(`${v} is not a scalar constant`);
}
