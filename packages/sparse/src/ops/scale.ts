/**
 * colScale / rowScale (PyTensor's col_scale, row_scale): each column (row) of a
 * sparse matrix times the matching element of a dense vector. Both formats are
 * scaled in place of their stored entries; the gradient is structured.
 */
import { Apply, Op, ShapeError, type ShapeTuple, type StorageCell, type Variable } from '@proj/graph';
import * as pt from '@proj/tensor';
import { upcast, type NDArray, type TensorVariable } from '@proj/tensor';
import type { CompressedMatrix } from '../values/compressed';
import type { SparseVariable } from '../type/sparse-variable';
import { add as addSparse, asDenseInput, asSparseInput, MulSS, shapeText } from './arith';
import { DenseFromSparse } from './convert';
import { denseReader, mapStored, rowCol } from './arith-kernel';

/** x[i, j] * s[j] (axis 1, colScale) or x[i, j] * s[i] (axis 0, rowScale). */
export class SparseScale extends Op<{ axis: 0 | 1 }> {
  constructor(axis: 0 | 1) {
    super({ axis });
  }
  override get name(): string {
    return this.props.axis === 1 ? 'ColScale' : 'RowScale';
  }
  override toString(): string {
    return this.name;
  }
  makeNode(a: Variable, b: Variable): Apply {
    const x = asSparseInput(this.name, 0, a), s = asDenseInput(this.name, 1, b, [1]);
    const n = x.type.shape[this.props.axis], m = s.type.shape[0];
    if (n !== null && m !== null && m !== undefined && n !== m) {
      throw new ShapeError({ op: this.name, argument: 1, expected: `a vector of length ${n} (input 0 has shape ${shapeText(x.type.shape)})`, given: `shape ${shapeText(s.type.shape)}` });
    }
    return new Apply(this, [x, s], [x.type.clone({ dtype: upcast(x.dtype, s.type.dtype) }).makeVariable()]);
  }
  override perform(node: Apply, [x, s]: readonly unknown[], [out]: StorageCell[]): void {
    const a = x as CompressedMatrix, v = s as NDArray;
    const axis = this.props.axis;
    if (v.shape[0] !== a.shape[axis]) {
      throw new ShapeError({ op: this.name, argument: 1, expected: `a vector of length ${a.shape[axis]} (input 0 has shape ${shapeText(a.shape)})`, given: `shape ${shapeText(v.shape)}` });
    }
    const at = denseReader(v), rc = rowCol(a);
    out![0] = mapStored(a, (val, i, j) => val * at(0, rc(i, j)[axis]), (node.outputs[0] as SparseVariable).dtype);
  }
  override inferShape(_f: unknown, _node: Apply, shapes: readonly ShapeTuple[]): ShapeTuple[] {
    return [shapes[0]!];
  }
  override Rop([x, v]: readonly Variable[], [ex, ev]: readonly (Variable | null)[]): (Variable | null)[] {
    const a = ex ? new SparseScale(this.props.axis).call(ex, v!) : null;
    const b = ev ? new SparseScale(this.props.axis).call(x!, ev) : null;
    return [a && b ? addSparse(a, b) : (a ?? b)];
  }
  override grad([x, s]: readonly Variable[], [gz]: readonly Variable[]): Variable[] {
    const gx = new SparseScale(this.props.axis).call(gz!, s!);
    const gs = pt.sum(new DenseFromSparse().call(new MulSS().call(x!, gz!)) as TensorVariable, { axis: this.props.axis === 1 ? 0 : 1 });
    return [gx, pt.cast(gs, (s as TensorVariable).type.dtype)];
  }
}

/**
 * Each column j of x times s[j] (x * s broadcast over the rows); sparse result.
 *
 * @example
 * sp.colScale(sp.csrMatrix('x'), pt.vector('s'));
 */
export function colScale(x: unknown, s: unknown): SparseVariable {
  return new SparseScale(1).call(asSparseInput('colScale', 0, x), pt.asTensorVariable(s)) as SparseVariable;
}

/**
 * Each row i of x times s[i]; sparse result.
 *
 * @example
 * sp.rowScale(sp.csrMatrix('x'), pt.vector('s'));
 */
export function rowScale(x: unknown, s: unknown): SparseVariable {
  return new SparseScale(0).call(asSparseInput('rowScale', 0, x), pt.asTensorVariable(s)) as SparseVariable;
}
