/**
 * Usmm (PyTensor's Usmm): alpha * (x @ y) + z, dense, where x or y is sparse
 * (the sparse counterpart of gemm). No gradient, as in the reference.
 */
import { Apply, Op, TypeMismatchError, type FunctionGraph, type ShapeTuple, type StorageCell, type Variable } from '@proj/graph';
import { TensorType, TensorVariable, asTensorVariable, rawView, upcast, type NDArray } from '@proj/tensor';
import type { CompressedMatrix } from '../values/compressed';
import { SparseVariable } from '../type/sparse-variable';
import { asSparseOrTensorVariable } from '../type/as-sparse';
import { sparseSparseValue } from './structured-dot';
import { denseDotSparse, sparseDotDense } from './dot';
import { checkAligned, checkDenseMatrix, checkRealDtype, denseOut, staticShape } from './dot-util';
import { ShapeError } from '@proj/graph';
import type { NumIn } from './dot-kernel';

/**
 * alpha * (x @ y) + z as a dense matrix; alpha a scalar tensor, x and y
 * matrices of which at least one is sparse, z a dense matrix.
 *
 * @example
 * new Usmm().call(pt.dscalar('a'), sp.csrMatrix('x'), pt.dmatrix('y'), pt.dmatrix('z'));
 */
export class Usmm extends Op {
  makeNode(alpha: Variable, x: Variable, y: Variable, z: Variable): Apply {
    const op = 'Usmm';
    if (!(alpha instanceof TensorVariable) || alpha.ndim !== 0) throw new TypeMismatchError({ op, argument: 0, expected: 'a scalar (0-d tensor) alpha', given: `${alpha} of type ${alpha.type}` });
    const xs = x instanceof SparseVariable;
    const ys = y instanceof SparseVariable;
    if (!xs && !ys) throw new TypeMismatchError({ op, argument: 'inputs', expected: 'x or y sparse', given: `${x.type} and ${y.type}` });
    if (!xs) checkDenseMatrix(op, 1, x);
    if (!ys) checkDenseMatrix(op, 2, y);
    const zt = checkDenseMatrix(op, 3, z);
    const dtype = upcast(checkRealDtype(op, 0, alpha), checkRealDtype(op, 1, x), checkRealDtype(op, 2, y), checkRealDtype(op, 3, zt));
    const [xsh, ysh, zsh] = [staticShape(x), staticShape(y), zt.type.shape];
    checkAligned(op, xsh, ysh);
    // z may broadcast along a length-1 dimension (perform reads it with stride 0 there).
    const bad = (a: number | null | undefined, b: number | null | undefined) => a !== null && a !== undefined && b !== null && b !== undefined && a !== b && b !== 1;
    const known = (s: number | null | undefined) => (s === 1 ? null : s ?? null);
    if (bad(xsh[0], zsh[0]) || bad(ysh[1], zsh[1])) {
      throw new ShapeError({ op, argument: 3, expected: `z of shape (${xsh[0] ?? '?'},${ysh[1] ?? '?'})`, given: `shape (${zsh.map((d) => d ?? '?').join(',')})` });
    }
    return new Apply(this, [alpha, x, y, zt], [new TensorType(dtype, [xsh[0] ?? known(zsh[0]), ysh[1] ?? known(zsh[1])]).makeVariable()]);
  }

  override perform(node: Apply, [alpha, x, y, z]: readonly unknown[], [out]: StorageCell[]): void {
    const dtype = (node.outputs[0]!.type as TensorType).dtype;
    const xs = node.inputs[1] instanceof SparseVariable;
    const ys = node.inputs[2] instanceof SparseVariable;
    const prod: NDArray = xs && ys
      ? sparseSparseValue('Usmm', x as CompressedMatrix, y as CompressedMatrix, 'float64', 'csr').toarray()
      : xs ? sparseDotDense('Usmm', x as CompressedMatrix, y as NDArray, 'float64') : denseDotSparse('Usmm', x as NDArray, y as CompressedMatrix, 'float64');
    const zv = z as NDArray;
    const [m, n] = prod.shape as [number, number];
    // z broadcasts along its length-1 dimensions, as in NumPy's alpha * (x @ y) + z.
    if ((zv.shape[0] !== m && zv.shape[0] !== 1) || (zv.shape[1] !== n && zv.shape[1] !== 1)) {
      throw new ShapeError({ op: 'Usmm', argument: 3, expected: `z of shape (${m},${n})`, given: `shape (${zv.shape.join(',')})` });
    }
    const a = Number(rawView(alpha as NDArray).data[rawView(alpha as NDArray).offset]);
    const p = rawView(prod).data as unknown as NumIn;
    const zr = rawView(zv);
    const zd = zr.data as unknown as NumIn;
    const zs0 = zv.shape[0] === m ? zr.strides[0]! : 0;
    const zs1 = zv.shape[1] === n ? zr.strides[1]! : 0;
    const { value, raw } = denseOut(dtype, [m, n]);
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) raw[i * n + j] = a * p[i * n + j]! + zd[zr.offset + i * zs0 + j * zs1]!;
    out![0] = value;
  }

  override inferShape(_fg: FunctionGraph | undefined, _node: Apply, shapes: readonly ShapeTuple[]): ShapeTuple[] {
    return [[shapes[3]![0]!, shapes[3]![1]!]];
  }
}

/**
 * alpha * (x @ y) + z (PyTensor's Usmm; normally inserted by a rewrite).
 *
 * @example
 * sp.usmm(-1.5, sp.csrMatrix('x'), pt.dmatrix('y'), pt.dmatrix('z'));
 */
export function usmm(alpha: unknown, x: unknown, y: unknown, z: unknown): TensorVariable {
  const a = alpha instanceof TensorVariable ? alpha : asTensorVariable(alpha);
  return new Usmm().call(a, asSparseOrTensorVariable(x), asSparseOrTensorVariable(y), asSparseOrTensorVariable(z)) as TensorVariable;
}
