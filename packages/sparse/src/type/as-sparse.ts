import { TypeMismatchError, Variable, describeThing } from '@proj/graph';
import { TensorVariable, asTensorVariable } from '@proj/tensor';
import { CompressedMatrix } from '../values/compressed';
import { SparseType } from './sparse-type';
import { SparseConstant, SparseVariable } from './sparse-variable';

/**
 * `x` as a SparseVariable: sparse variables pass through, sparse matrix values
 * become SparseConstants (PyTensor's as_sparse_variable).
 *
 * @example
 * sp.asSparseVariable(sp.csrMatrix([[1, 0]])); // a SparseConstant
 */
export function asSparseVariable(x: unknown, name?: string): SparseVariable {
  if (x instanceof SparseVariable) return x;
  if (x instanceof CompressedMatrix) return new SparseConstant(new SparseType(x.format, x.dtype), x, name);
  throw new TypeMismatchError({
    op: 'asSparseVariable',
    argument: 0,
    expected: 'a sparse variable or a CSR/CSC matrix',
    given: x instanceof Variable ? `${x} of type ${x.type}` : describeThing(x),
  });
}

/** PyTensor's short name for asSparseVariable. */
export const asSparse = asSparseVariable;

/**
 * A SparseVariable for sparse inputs, a TensorVariable for everything else
 * (PyTensor's as_sparse_or_tensor_variable).
 *
 * @example
 * sp.asSparseOrTensorVariable([[1, 2]]); // a TensorConstant
 */
export function asSparseOrTensorVariable(x: unknown, name?: string): SparseVariable | TensorVariable {
  if (x instanceof SparseVariable || x instanceof CompressedMatrix) return asSparseVariable(x, name);
  return asTensorVariable(x, { name });
}

/** Whether `x` is a symbolic sparse matrix. */
export function isSparseVariable(x: unknown): x is SparseVariable {
  return x instanceof SparseVariable;
}
