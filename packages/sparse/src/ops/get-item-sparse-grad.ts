/**
 * sparseGrad (PyTensor's pytensor.sparse.sparse_grad): x[ilist] of a dense
 * matrix whose gradient with respect to x is a sparse matrix (the selected
 * rows only) instead of a dense one. PyTensor does it with a sparse_grad flag
 * of AdvancedSubtensor1; @proj/tensor sits below this package and cannot build
 * sparse matrices, so the flag is this subclass, which differs only in its
 * gradient: ConstructSparseFromList (a CSC matrix) in place of an
 * AdvancedIncSubtensor1 into dense zeros.
 */
import { TypeMismatchError, Variable, describeThing, disconnectedType } from '@proj/graph';
import { AdvancedSubtensor, AdvancedSubtensor1, TensorVariable, isInteger } from '@proj/tensor';
import { constructSparseFromList } from './diag';

/**
 * AdvancedSubtensor1 (x[ilist], ilist an integer vector) with a sparse
 * gradient: the same values and shapes; the gradient of the matrix x is
 * ConstructSparseFromList(x, gz, ilist), a CSC matrix whose rows ilist hold
 * the rows of gz (rows named twice add up); ilist is disconnected.
 *
 * @example
 * new SparseGradAdvancedSubtensor1().call(pt.matrix('x'), pt.constant([2, 0]));
 */
export class SparseGradAdvancedSubtensor1 extends AdvancedSubtensor1 {
  constructor() {
    super({ sparseGrad: true });
  }

  /** Printed as PyTensor prints it: AdvancedSubtensor1{sparseGrad=true}. */
  override get name(): string {
    return 'AdvancedSubtensor1';
  }

  override Lop(inputs: readonly Variable[], _outputs: readonly Variable[], [gz]: readonly Variable[]): Variable[] {
    const [x, ilist] = inputs as TensorVariable[];
    if (x!.ndim !== 2) {
      throw new TypeMismatchError({ op: `${this}`, argument: 0, expected: 'a matrix (a sparse gradient is a sparse matrix)', given: `${x} of type ${x!.type}` });
    }
    return [constructSparseFromList(x, gz, ilist), disconnectedType()];
  }
}

/** The matrix and the index vector of x[ilist] when `v` is one (AdvancedSubtensor1, or AdvancedSubtensor of one integer vector). */
function advancedRows(v: TensorVariable): [TensorVariable, TensorVariable] | undefined {
  const node = v.owner;
  if (node === null) return undefined;
  const [x, idx] = node.inputs as TensorVariable[];
  if (node.op instanceof AdvancedSubtensor1) return [x!, idx!];
  if (node.op instanceof AdvancedSubtensor) {
    const spec = node.op.idxList;
    const single = spec.length === 1 && spec[0]!.kind === 'array' && node.inputs.length === 2;
    if (single && idx!.ndim === 1 && isInteger(idx!.dtype)) return [x!, idx!];
  }
  return undefined;
}

/**
 * `v` (which must be x.get(ilist) of a dense matrix x and an integer vector)
 * remade so that its gradient with respect to x is a sparse matrix (CSC,
 * nonzero on the rows ilist only) rather than a dense one: worth it when x has
 * many rows and few are picked, as for an embedding table. Anything else is a
 * TypeMismatchError, as in PyTensor.
 *
 * @example
 * const w = pt.matrix('w');
 * const rows = sp.sparseGrad(w.get(pt.ivector('i')));
 * grad(rows.sum(), w); // a CSC SparseVariable
 */
export function sparseGrad(v: unknown): TensorVariable {
  const op = 'sparseGrad';
  const expected = 'the result of x.get(ilist): an AdvancedSubtensor1 of a matrix by one integer vector';
  if (!(v instanceof TensorVariable)) {
    throw new TypeMismatchError({ op, argument: 0, expected, given: v instanceof Variable ? `${v} of type ${v.type}` : describeThing(v) });
  }
  const parts = advancedRows(v);
  if (parts === undefined) {
    throw new TypeMismatchError({ op, argument: 0, expected, given: v.owner === null ? `${v}, which no Op made` : `the output of ${v.owner.op}` });
  }
  const [x, idx] = parts;
  if (x.ndim !== 2) {
    throw new TypeMismatchError({ op, argument: 0, expected: `${expected} (x a matrix: the sparse gradient is a sparse matrix)`, given: `x of type ${x.type}` });
  }
  return new SparseGradAdvancedSubtensor1().call(x, idx) as TensorVariable;
}
