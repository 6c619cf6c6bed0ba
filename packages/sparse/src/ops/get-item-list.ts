/**
 * GetItemList (PyTensor's get_item_list): the rows x[[i0, i1, ...]] of a
 * sparse matrix as a sparse matrix of the same format, and its gradient Op
 * GetItemListGrad (regular: the output gradient's rows put back at the rows
 * they came from, as a sparse matrix in x's format).
 */
import { Apply, Op, ShapeError, gradUndefined, type FunctionGraph, type ShapeTuple, type StorageCell, type Variable } from '@proj/graph';
import { TensorConstant, TensorVariable, type NDArray } from '@proj/tensor';
import { makeCompressed, type CompressedMatrix } from '../values/compressed';
import { SparseVariable } from '../type/sparse-variable';
import { SparseFromDense, sparseArg, sparseOut } from './convert';
import { checkStaticIndices, indexVectorArg, readIndices, staticShape } from './get-item-args';
import { renameMinors, scatterMajors, takeMajors, takeMinors } from './get-item-kernel';

/** The length of an index vector known when the graph is built (a constant's own length). */
export function staticLength(v: TensorVariable): number | null {
  return v instanceof TensorConstant ? v.data.shape[0]! : v.type.shape[0] ?? null;
}

/** `m` compressed like `format` (a conversion only when it is not already). */
function inFormat(m: CompressedMatrix, format: 'csr' | 'csc'): CompressedMatrix {
  return format === 'csr' ? m.tocsr() : m.tocsc();
}

/**
 * Rows of a sparse matrix by an integer vector (negative from the end,
 * repeats allowed), in x's format. CSR gathers the selected rows:
 * O(len + their entries). CSC reads every column once and emits each entry once
 * per position naming its row: O(rows + len + nnz + output), no conversion.
 * The gradient is regular: GetItemListGrad, a sparse matrix in x's format.
 *
 * @example
 * new GetItemList().call(sp.cscMatrix('x'), pt.constant([2, 0, 2]));
 */
export class GetItemList extends Op {
  makeNode(x: Variable, index: Variable): Apply {
    const op = this.name;
    const s = sparseArg(op, x, 0);
    const idx = indexVectorArg(op, index, 1);
    const shape = staticShape(s);
    checkStaticIndices(op, idx, 0, shape[0]);
    return new Apply(this, [s, idx], [sparseOut(s.format, s.dtype, [staticLength(idx), shape[1]])]);
  }

  override perform(_node: Apply, [x, index]: readonly unknown[], [out]: StorageCell[]): void {
    const m = x as CompressedMatrix;
    const rows = readIndices(this.name, index as NDArray, 0, m.shape[0]);
    const c = m.format === 'csr' ? takeMajors(m, rows, m.width) : takeMinors(m, m.majorDim, m.minorDim, rows, m.width);
    out![0] = makeCompressed(m.format, c, [rows.length, m.shape[1]], m.dtype);
  }

  override inferShape(_f: FunctionGraph | undefined, _node: Apply, [xs, is]: readonly ShapeTuple[]): ShapeTuple[] {
    return [[is![0]!, xs![1]!]];
  }

  override grad([x, index]: readonly Variable[], [gz]: readonly Variable[]): Variable[] {
    const s = x as SparseVariable;
    // A dense output gradient (from an Op whose gradient is dense) is made sparse in x's format first.
    const g = gz instanceof SparseVariable ? gz : (new SparseFromDense(s.format).call(gz!) as SparseVariable);
    return [new GetItemListGrad().call(s, index!, g), gradUndefined(this, 1, index!, 'integer indices')];
  }
}

/**
 * The gradient of GetItemList: a sparse matrix shaped like x, in x's format,
 * whose row index[t] holds row t of gz (rows named twice add up, so repeated
 * indices are differentiated correctly). CSR: O(rows + nnz(gz)); CSC: the
 * same arrays with renamed row indices, O(nnz(gz)). Its dtype is gz's.
 *
 * @example
 * new GetItemListGrad().call(x, pt.constant([2, 0]), gz);
 */
export class GetItemListGrad extends Op {
  makeNode(x: Variable, index: Variable, gz: Variable): Apply {
    const op = this.name;
    const s = sparseArg(op, x, 0);
    const idx = indexVectorArg(op, index, 1);
    const g = sparseArg(op, gz, 2);
    checkStaticIndices(op, idx, 0, staticShape(s)[0]);
    return new Apply(this, [s, idx, g], [sparseOut(s.format, g.dtype, staticShape(s))]);
  }

  override perform(_node: Apply, [x, index, gz]: readonly unknown[], [out]: StorageCell[]): void {
    const m = x as CompressedMatrix;
    const g = inFormat(gz as CompressedMatrix, m.format);
    const rows = readIndices(this.name, index as NDArray, 0, m.shape[0]);
    if (g.shape[0] !== rows.length || g.shape[1] !== m.shape[1]) {
      throw new ShapeError({ op: this.name, argument: 2, expected: `a gradient of shape (${rows.length}, ${m.shape[1]}) (one row per index)`, given: `shape (${g.shape.join(', ')})` });
    }
    const c = m.format === 'csr' ? scatterMajors(g, rows, m.shape[0], g.width) : renameMinors(g, rows, g.width);
    out![0] = makeCompressed(m.format, c, m.shape, g.dtype);
  }

  override inferShape(_f: FunctionGraph | undefined, _node: Apply, [xs]: readonly ShapeTuple[]): ShapeTuple[] {
    return [xs!];
  }
}

/**
 * Rows of a sparse matrix as a sparse matrix of the same format (PyTensor's
 * get_item_list; `x.get([i0, i1, ...])`).
 *
 * @example
 * sp.getItemList(sp.csrMatrix('x'), [3, 0, -1]);
 */
export function getItemList(x: unknown, index: unknown): SparseVariable {
  const op = 'getItemList';
  return new GetItemList().call(sparseArg(op, x, 0), indexVectorArg(op, index, 1)) as SparseVariable;
}

/**
 * The gradient of getItemList with respect to x (PyTensor's get_item_list_grad).
 *
 * @example
 * sp.getItemListGrad(x, [2, 0], gz);
 */
export function getItemListGrad(x: unknown, index: unknown, gz: unknown): SparseVariable {
  const op = 'getItemListGrad';
  return new GetItemListGrad().call(sparseArg(op, x, 0), indexVectorArg(op, index, 1), sparseArg(op, gz, 2)) as SparseVariable;
}
