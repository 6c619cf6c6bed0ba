/**
 * GetItem2Lists (PyTensor's get_item_2lists): the elements x[rows[z], cols[z]]
 * of a sparse matrix as a dense vector, and its gradient Op GetItem2ListsGrad
 * (regular: a sparse matrix in x's format holding gz[z] at (rows[z], cols[z])).
 */
import { Apply, Op, ShapeError, gradUndefined, type FunctionGraph, type ShapeTuple, type StorageCell, type Variable } from '@proj/graph';
import { TensorType, dtypeWidth, fromRaw, type NDArray, type TensorVariable } from '@proj/tensor';
import { makeCompressed, type CompressedMatrix } from '../values/compressed';
import { compressCOO } from '../values/kernels';
import { newRaw } from '../values/storage';
import type { SparseVariable } from '../type/sparse-variable';
import { sparseArg, sparseOut, tensorArg } from './convert';
import { copyRaw } from './csm-kernel';
import { checkStaticIndices, indexVectorArg, readIndices, staticShape } from './get-item-args';
import { sampleAt } from './get-item-kernel';
import { staticLength } from './get-item-list';

function sameLength(op: string, a: number | null, b: number | null, what: string): void {
  if (a !== null && b !== null && a !== b) {
    throw new ShapeError({ op, expected: `${what} of the same length`, given: `lengths ${a} and ${b}` });
  }
}

/** Reads both index lists, checked against x's shape and against each other. */
function readPairs(op: string, m: CompressedMatrix, ind1: unknown, ind2: unknown): { majors: Int32Array; minors: Int32Array } {
  const rows = readIndices(op, ind1 as NDArray, 0, m.shape[0]);
  const cols = readIndices(op, ind2 as NDArray, 1, m.shape[1]);
  sameLength(op, rows.length, cols.length, 'row and column index lists');
  return m.format === 'csr' ? { majors: rows, minors: cols } : { majors: cols, minors: rows };
}

/**
 * Elements of a sparse matrix by two integer vectors of equal length (rows,
 * columns; negative from the end), as a dense vector of x's dtype, duplicates
 * summed. O(sum of the entries of the rows (CSR) / columns (CSC) named).
 * The gradient is regular: GetItem2ListsGrad, a sparse matrix in x's format.
 *
 * @example
 * new GetItem2Lists().call(sp.csrMatrix('x'), pt.constant([0, 2]), pt.constant([1, 1]));
 */
export class GetItem2Lists extends Op {
  makeNode(x: Variable, ind1: Variable, ind2: Variable): Apply {
    const op = this.name;
    const s = sparseArg(op, x, 0);
    const [r, c] = [indexVectorArg(op, ind1, 1), indexVectorArg(op, ind2, 2)];
    const shape = staticShape(s);
    checkStaticIndices(op, r, 0, shape[0]);
    checkStaticIndices(op, c, 1, shape[1]);
    sameLength(op, staticLength(r), staticLength(c), 'row and column index lists');
    return new Apply(this, [s, r, c], [new TensorType(s.dtype, [staticLength(r) ?? staticLength(c)]).makeVariable()]);
  }

  override perform(_node: Apply, [x, ind1, ind2]: readonly unknown[], [out]: StorageCell[]): void {
    const m = x as CompressedMatrix;
    const { majors, minors } = readPairs(this.name, m, ind1, ind2);
    const res = newRaw(m.dtype, majors.length);
    sampleAt(m, majors, minors, m.width, m.dtype === 'bool', res);
    out![0] = fromRaw(m.dtype, res, [majors.length]);
  }

  override inferShape(_f: FunctionGraph | undefined, _node: Apply, [, is]: readonly ShapeTuple[]): ShapeTuple[] {
    return [[is![0]!]];
  }

  override grad([x, ind1, ind2]: readonly Variable[], [gz]: readonly Variable[]): Variable[] {
    return [
      new GetItem2ListsGrad().call(x!, ind1!, ind2!, gz!),
      gradUndefined(this, 1, ind1!, 'integer indices'),
      gradUndefined(this, 2, ind2!, 'integer indices'),
    ];
  }
}

/**
 * The gradient of GetItem2Lists: a sparse matrix shaped like x, in x's format,
 * storing gz[z] at (rows[z], cols[z]) (a position named twice is stored twice,
 * so the values add up). O(len + major dimension). Its dtype is gz's.
 *
 * @example
 * new GetItem2ListsGrad().call(x, rows, cols, pt.vector('gz'));
 */
export class GetItem2ListsGrad extends Op {
  makeNode(x: Variable, ind1: Variable, ind2: Variable, gz: Variable): Apply {
    const op = this.name;
    const s = sparseArg(op, x, 0);
    const [r, c] = [indexVectorArg(op, ind1, 1), indexVectorArg(op, ind2, 2)];
    const g = tensorArg(op, gz, 3, 1);
    const shape = staticShape(s);
    checkStaticIndices(op, r, 0, shape[0]);
    checkStaticIndices(op, c, 1, shape[1]);
    sameLength(op, staticLength(r), staticLength(c), 'row and column index lists');
    return new Apply(this, [s, r, c, g], [sparseOut(s.format, g.dtype, shape)]);
  }

  override perform(_node: Apply, [x, ind1, ind2, gz]: readonly unknown[], [out]: StorageCell[]): void {
    const m = x as CompressedMatrix;
    const g = gz as NDArray;
    const { majors, minors } = readPairs(this.name, m, ind1, ind2);
    sameLength(this.name, majors.length, g.shape[0]!, 'index lists and gradient');
    const data = copyRaw(g);
    const c = compressCOO(m.majorDim, majors, minors, data, dtypeWidth(g.dtype));
    out![0] = makeCompressed(m.format, c, m.shape, g.dtype);
  }

  override inferShape(_f: FunctionGraph | undefined, _node: Apply, [xs]: readonly ShapeTuple[]): ShapeTuple[] {
    return [xs!];
  }
}

/**
 * Elements x[rows[z], cols[z]] of a sparse matrix as a dense vector
 * (PyTensor's get_item_2lists; `x.get([r0, r1], [c0, c1])`).
 *
 * @example
 * sp.getItem2Lists(sp.csrMatrix('x'), [0, 2, 2], [1, 0, 1]);
 */
export function getItem2Lists(x: unknown, ind1: unknown, ind2: unknown): TensorVariable {
  const op = 'getItem2Lists';
  return new GetItem2Lists().call(sparseArg(op, x, 0), indexVectorArg(op, ind1, 1), indexVectorArg(op, ind2, 2)) as TensorVariable;
}

/**
 * The gradient of getItem2Lists with respect to x (PyTensor's get_item_2lists_grad).
 *
 * @example
 * sp.getItem2ListsGrad(x, [0, 2], [1, 1], gz);
 */
export function getItem2ListsGrad(x: unknown, ind1: unknown, ind2: unknown, gz: unknown): SparseVariable {
  const op = 'getItem2ListsGrad';
  return new GetItem2ListsGrad().call(sparseArg(op, x, 0), indexVectorArg(op, ind1, 1), indexVectorArg(op, ind2, 2), tensorArg(op, gz, 3, 1)) as SparseVariable;
}
