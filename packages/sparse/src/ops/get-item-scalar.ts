/**
 * GetItemScalar (PyTensor's get_item_scalar): x[i, j] of a sparse matrix as a
 * 0-d dense tensor of x's dtype, duplicates summed. As in the reference, its
 * gradient is not implemented.
 */
import { Apply, Op, gradNotImplemented, gradUndefined, type ShapeTuple, type StorageCell, type Variable } from '@proj/graph';
import { TensorType, fromRaw, type TensorVariable } from '@proj/tensor';
import type { CompressedMatrix } from '../values/compressed';
import { newRaw } from '../values/storage';
import { sparseArg } from './convert';
import { checkStaticIndices, checkedIndex, indexScalarArg, scalarValue, staticShape } from './get-item-args';
import { sumAt } from './get-item-kernel';

/**
 * One element of a sparse matrix: x[i, j] with integer scalars i and j
 * (negative from the end), summed over duplicates. O(entries of one row of a
 * CSR matrix / one column of a CSC matrix). The gradient is not implemented
 * (a NullType gradient for x, undefined for the indices), as in the reference.
 *
 * @example
 * new GetItemScalar().call(sp.csrMatrix('x'), pt.constant(1), pt.constant(-1));
 */
export class GetItemScalar extends Op {
  makeNode(x: Variable, i: Variable, j: Variable): Apply {
    const op = this.name;
    const s = sparseArg(op, x, 0);
    const [r, c] = [indexScalarArg(op, i, 1), indexScalarArg(op, j, 2)];
    checkStaticIndices(op, r, 0, staticShape(s)[0]);
    checkStaticIndices(op, c, 1, staticShape(s)[1]);
    return new Apply(this, [s, r, c], [new TensorType(s.dtype, []).makeVariable()]);
  }

  override perform(_node: Apply, [x, i, j]: readonly unknown[], [out]: StorageCell[]): void {
    const m = x as CompressedMatrix;
    const r = checkedIndex(this.name, scalarValue(i), 0, m.shape[0]);
    const c = checkedIndex(this.name, scalarValue(j), 1, m.shape[1]);
    const [major, minor] = m.format === 'csr' ? [r, c] : [c, r];
    const res = newRaw(m.dtype, 1);
    sumAt(m, major, minor, m.width, m.dtype === 'bool', res, 0);
    out![0] = fromRaw(m.dtype, res, []);
  }

  override inferShape(): ShapeTuple[] {
    return [[]];
  }

  override grad([x, i, j]: readonly Variable[]): Variable[] {
    return [gradNotImplemented(this, 0, x!), gradUndefined(this, 1, i!, 'an index'), gradUndefined(this, 2, j!, 'an index')];
  }
}

/**
 * x[i, j] of a sparse matrix as a dense 0-d tensor (PyTensor's get_item_scalar;
 * `x.get(i, j)` with two integers).
 *
 * @example
 * sp.getItemScalar(sp.csrMatrix('x'), 0, 2);
 */
export function getItemScalar(x: unknown, i: unknown, j: unknown): TensorVariable {
  const op = 'getItemScalar';
  return new GetItemScalar().call(sparseArg(op, x, 0), indexScalarArg(op, i, 1), indexScalarArg(op, j, 2)) as TensorVariable;
}
