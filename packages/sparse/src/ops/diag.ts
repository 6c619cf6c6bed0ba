/**
 * Diagonals and rows: SquareDiagonal (a dense vector -> a square CSC matrix
 * with that diagonal), Diag (the diagonal of a square sparse matrix as a dense
 * vector) and ConstructSparseFromList (dense rows placed into a CSC matrix).
 */
import { Apply, ArgumentError, Op, ShapeError, TypeMismatchError, disconnectedType, type FunctionGraph, type ShapeTuple, type StorageCell, type Variable } from '@proj/graph';
import { TensorType, fromRaw, isInteger, rawView, take, zerosLike, type NDArray, type TensorVariable } from '@proj/tensor';
import { makeCompressed, type CompressedMatrix } from '../values/compressed';
import { newRaw } from '../values/storage';
import { SparseVariable } from '../type/sparse-variable';
import { denseFromSparse, sparseArg, sparseOut, tensorArg } from './convert';
import { copyRaw, toInt32 } from './csm-kernel';
import { diagonalOf, rowsToCsc } from './diag-kernel';

/**
 * A square CSC matrix whose diagonal is the dense vector x (zeros of x are
 * stored too). Regular gradient: the diagonal of the output gradient.
 *
 * @example
 * new SquareDiagonal().call(pt.vector('d'));
 */
export class SquareDiagonal extends Op {
  makeNode(x: Variable): Apply {
    const t = tensorArg(this.name, x, 0, 1);
    const n = t.type.shape[0] ?? null;
    return new Apply(this, [t], [sparseOut('csc', t.dtype, [n, n])]);
  }

  override perform(_node: Apply, [x]: readonly unknown[], [out]: StorageCell[]): void {
    const v = x as NDArray;
    const n = v.shape[0]!;
    const idx = new Int32Array(n);
    for (let i = 0; i < n; i++) idx[i] = i;
    const indptr = new Int32Array(n + 1);
    for (let i = 0; i <= n; i++) indptr[i] = i;
    out![0] = makeCompressed('csc', { indptr, indices: idx, data: copyRaw(v) }, [n, n], v.dtype);
  }

  override inferShape(_f: FunctionGraph | undefined, _node: Apply, [s]: readonly ShapeTuple[]): ShapeTuple[] {
    return [[s![0]!, s![0]!]];
  }

  override grad(_inputs: readonly Variable[], [gz]: readonly Variable[]): Variable[] {
    return [diag(gz)];
  }

  override Rop(_inputs: readonly Variable[], [ev]: readonly (Variable | null)[]): (Variable | null)[] {
    return [ev ? this.call(ev) : null];
  }
}

/**
 * The diagonal of a square sparse matrix (CSR or CSC) as a dense vector,
 * duplicates summed. Regular gradient: a square diagonal sparse matrix.
 *
 * @example
 * new Diag().call(sp.cscMatrix('x'));
 */
export class Diag extends Op {
  makeNode(x: Variable): Apply {
    const s = sparseArg(this.name, x, 0);
    const [r, c] = s.type.shape;
    if (r !== null && c !== null && r !== c) throw new ShapeError({ op: this.name, argument: 0, expected: 'a square sparse matrix', given: `shape (${r}, ${c})` });
    return new Apply(this, [s], [new TensorType(s.dtype, [r ?? c]).makeVariable()]);
  }

  override perform(_node: Apply, [x]: readonly unknown[], [out]: StorageCell[]): void {
    const m = x as CompressedMatrix;
    if (m.shape[0] !== m.shape[1]) throw new ShapeError({ op: this.name, argument: 0, expected: 'a square sparse matrix', given: `shape (${m.shape.join(', ')})` });
    const res = newRaw(m.dtype, m.shape[0]);
    diagonalOf(m.majorDim, m, m.width, m.dtype === 'bool', res);
    out![0] = fromRaw(m.dtype, res, [m.shape[0]]);
  }

  override inferShape(_f: FunctionGraph | undefined, _node: Apply, [s]: readonly ShapeTuple[]): ShapeTuple[] {
    return [[s![0]!]];
  }

  override grad(_inputs: readonly Variable[], [gz]: readonly Variable[]): Variable[] {
    return [squareDiagonal(gz)];
  }

  override Rop(_inputs: readonly Variable[], [ev]: readonly (Variable | null)[]): (Variable | null)[] {
    return [ev ? this.call(ev) : null];
  }
}

/**
 * A CSC matrix shaped like the dense matrix x whose row ilist[r] is values[r]
 * (rows named twice add up). Regular gradient: values gets the rows ilist of
 * the output gradient; x only gives a shape (zero gradient); ilist is disconnected.
 *
 * @example
 * new ConstructSparseFromList().call(x, values, ilist);
 */
export class ConstructSparseFromList extends Op {
  makeNode(x: Variable, values: Variable, ilist: Variable): Apply {
    const op = this.name;
    const xt = tensorArg(op, x, 0, 2);
    const v = tensorArg(op, values, 1, 2);
    const il = tensorArg(op, ilist, 2, 1);
    if (!isInteger(il.dtype)) throw new TypeMismatchError({ op, argument: 2, expected: 'a 1-d integer tensor', given: `${il} of type ${il.type}` });
    return new Apply(this, [xt, v, il], [sparseOut('csc', v.dtype, xt.type.shape)]);
  }

  override perform(_node: Apply, [x, values, ilist]: readonly unknown[], [out]: StorageCell[]): void {
    const xs = x as NDArray;
    const vals = values as NDArray;
    const idx = toInt32(ilist as NDArray);
    const [rows, cols] = [vals.shape[0]!, vals.shape[1]!];
    if (rows !== idx.length) throw new ShapeError({ op: this.name, argument: 2, expected: `${rows} row indices (one per row of values)`, given: `${idx.length}` });
    if (cols !== xs.shape[1]) throw new ShapeError({ op: this.name, argument: 1, expected: `rows of length ${xs.shape[1]}`, given: `shape (${vals.shape.join(', ')})` });
    const nRows = xs.shape[0]!;
    for (let r = 0; r < rows; r++) {
      const i = idx[r]! < 0 ? idx[r]! + nRows : idx[r]!;
      if (i < 0 || i >= nRows) throw new ArgumentError({ op: this.name, argument: 2, expected: `row indices in [-${nRows}, ${nRows})`, given: String(idx[r]) });
      idx[r] = i;
    }
    const v = rawView(vals);
    const data = newRaw(vals.dtype, rows * cols);
    const c = rowsToCsc(v.data, v.strides, v.offset, rows, cols, idx, v.width, data);
    out![0] = makeCompressed('csc', c, [nRows, xs.shape[1]!], vals.dtype);
  }

  override inferShape(_f: FunctionGraph | undefined, _node: Apply, shapes: readonly ShapeTuple[]): ShapeTuple[] {
    return [shapes[0]!];
  }

  override connectionPattern(): boolean[][] {
    return [[true], [true], [false]];
  }

  override grad([x, , ilist]: readonly Variable[], [gz]: readonly Variable[]): Variable[] {
    const g = gz instanceof SparseVariable ? denseFromSparse(gz, { structured: false }) : (gz as TensorVariable);
    return [zerosLike(x as TensorVariable), take(g, ilist as TensorVariable, { axis: 0 }), disconnectedType()];
  }
}

/**
 * A square CSC matrix with diagonal x (PyTensor's square_diagonal).
 *
 * @example
 * sp.squareDiagonal(pt.vector('d'));
 */
export function squareDiagonal(x: unknown): SparseVariable {
  return new SquareDiagonal().call(tensorArg('squareDiagonal', x, 0, 1)) as SparseVariable;
}

/**
 * The diagonal of a square sparse matrix as a dense vector (PyTensor's sparse diag).
 *
 * @example
 * sp.diag(sp.cscMatrix('x'));
 */
export function diag(x: unknown): TensorVariable {
  return new Diag().call(sparseArg('diag', x, 0)) as TensorVariable;
}

/**
 * A CSC matrix shaped like x with values[r] as row ilist[r] (PyTensor's construct_sparse_from_list).
 *
 * @example
 * sp.constructSparseFromList(x, values, ilist);
 */
export function constructSparseFromList(x: unknown, values: unknown, ilist: unknown): SparseVariable {
  const op = 'constructSparseFromList';
  return new ConstructSparseFromList().call(tensorArg(op, x, 0, 2), tensorArg(op, values, 1, 2), tensorArg(op, ilist, 2, 1)) as SparseVariable;
}
