/**
 * StructuredDot (PyTensor's structured_dot): sparse @ dense -> dense (and
 * sparse @ sparse -> sparse), with a structured gradient: the gradient of the
 * sparse input lives only on its stored pattern (same format, same indices),
 * computed by StructuredDotGradCSR / StructuredDotGradCSC; the dense input
 * gets a dense gradient, structuredDot(a.T, gz).
 */
import { Apply, Op, ShapeError, TypeMismatchError, gradNotImplemented, type FunctionGraph, type ShapeTuple, type StorageCell, type Variable } from '@proj/graph';
import { TensorType, TensorVariable, isBigInt, isInteger, rawView, upcast, type NDArray } from '@proj/tensor';
import { csm, csmProperties } from './csm';
import { transpose } from './structure';
import { makeCompressed, type CompressedMatrix } from '../values/compressed';
import { newRaw } from '../values/storage';
import { SparseType } from '../type/sparse-type';
import { SparseVariable } from '../type/sparse-variable';
import { asSparseOrTensorVariable } from '../type/as-sparse';
import { wideFamily } from './arith-kernel-wide';
import { denseAsNumbers, denseSparseWide, sparseAsNumbers, sparseDenseWide, sparseSparseWide } from './dot-kernel-wide';
import { csrTimesCsr, csrTimesDense, cscTimesDense, structuredDotGradData, type NumIn, type NumOut } from './dot-kernel';
import {
  checkAligned, checkDenseMatrix, checkDotDtype, checkRealDtype, checkSparse, denseOut, dotShapeError, matrixOut, staticShape, strided,
} from './dot-util';

/** dense out = A @ B for a sparse A (either format, as stored) and a dense 2-d B. */
export function sparseDenseValue(op: string, a: CompressedMatrix, b: NDArray, dtype: import('@proj/tensor').Dtype): NDArray {
  const [m, k] = a.shape;
  if (b.shape.length !== 2 || b.shape[0] !== k) throw dotShapeError(op, a.shape, b.shape);
  if (wideFamily(dtype)) return sparseDenseWide(a, b, dtype);
  a = sparseAsNumbers(a);
  b = denseAsNumbers(b);
  const n = b.shape[1]!;
  const { value, raw } = denseOut(dtype, [m, n]);
  const bs = strided(b);
  const data = a.data as unknown as NumIn;
  if (a.format === 'csr') csrTimesDense(m, n, a.indptr, a.indices, data, bs, raw, 0, n, 1);
  else cscTimesDense(m, n, k, a.indptr, a.indices, data, bs, raw, 0, n, 1);
  return value;
}

/**
 * dense out = X @ Y for a dense 2-d X and a sparse Y, computed as
 * (Y.T @ X.T).T: Y's arrays read as its transpose (CSR <-> CSC), X through
 * swapped strides, and the output written through swapped strides.
 */
export function denseSparseValue(op: string, x: NDArray, y: CompressedMatrix, dtype: import('@proj/tensor').Dtype): NDArray {
  const [k, n] = y.shape;
  if (x.shape.length !== 2 || x.shape[1] !== k) throw dotShapeError(op, x.shape, y.shape);
  if (wideFamily(dtype)) return denseSparseWide(x, y, dtype);
  x = denseAsNumbers(x);
  y = sparseAsNumbers(y);
  const m = x.shape[0]!;
  const { value, raw } = denseOut(dtype, [m, n]);
  const xt = strided(x, true); // k x m
  const data = y.data as unknown as NumIn;
  // Y CSR (rows of Y are majors) -> Y.T (n x k) is CSC with k majors.
  if (y.format === 'csr') cscTimesDense(n, m, k, y.indptr, y.indices, data, xt, raw, 0, 1, n);
  else csrTimesDense(n, m, y.indptr, y.indices, data, xt, raw, 0, 1, n);
  return value;
}

/**
 * sparse out = A @ B for two sparse matrices, in A's format. CSR @ CSR and
 * CSC @ CSC need no conversion (the CSC case is computed as (B.T @ A.T).T on the
 * same arrays); mixed formats convert B to A's format.
 */
export function sparseSparseValue(op: string, a: CompressedMatrix, b: CompressedMatrix, dtype: import('@proj/tensor').Dtype, format = a.format): CompressedMatrix {
  const [m, k] = a.shape;
  if (b.shape[0] !== k) throw dotShapeError(op, a.shape, b.shape);
  if (wideFamily(dtype)) return sparseSparseWide(a, b, dtype, format);
  a = sparseAsNumbers(a);
  b = sparseAsNumbers(b);
  const n = b.shape[1];
  let c;
  if (format === 'csr') {
    const ac = a.tocsr();
    const bc = b.tocsr();
    c = csrTimesCsr(m, n, ac.indptr, ac.indices, ac.data as unknown as NumIn, bc.indptr, bc.indices, bc.data as unknown as NumIn);
  } else {
    const ac = a.tocsc();
    const bc = b.tocsc();
    c = csrTimesCsr(n, m, bc.indptr, bc.indices, bc.data as unknown as NumIn, ac.indptr, ac.indices, ac.data as unknown as NumIn);
  }
  const data = newRaw(dtype, c.data.length) as unknown as NumOut;
  for (let i = 0; i < c.data.length; i++) data[i] = c.data[i]!;
  return makeCompressed(format, { indptr: c.indptr, indices: c.indices, data: data as never }, [m, n], dtype);
}

/**
 * sparse @ dense -> dense, sparse @ sparse -> sparse (in the first input's
 * format), with a structured gradient (PyTensor's StructuredDot).
 *
 * @example
 * const y = new StructuredDot().call(sp.csrMatrix('a'), pt.dmatrix('b'));
 */
export class StructuredDot extends Op {
  makeNode(a: Variable, b: Variable): Apply {
    const op = 'StructuredDot';
    const as = checkSparse(op, 0, a);
    if (!(b instanceof SparseVariable)) checkDenseMatrix(op, 1, b, 'a dense matrix or a sparse matrix');
    const dtype = upcast(checkDotDtype(op, 0, as), checkDotDtype(op, 1, b));
    const ash = staticShape(as);
    const bsh = staticShape(b);
    checkAligned(op, ash, bsh);
    const out = b instanceof SparseVariable
      ? new SparseType(as.format, dtype, [ash[0]!, bsh[1]!]).makeVariable()
      : matrixOut(dtype, [ash[0]!, bsh[1]!]);
    return new Apply(this, [as, b], [out]);
  }

  override perform(node: Apply, [a, b]: readonly unknown[], [out]: StorageCell[]): void {
    const t = node.outputs[0]!.type as unknown as { dtype: import('@proj/tensor').Dtype };
    const am = a as CompressedMatrix;
    out![0] = node.inputs[1] instanceof SparseVariable
      ? sparseSparseValue('StructuredDot', am, b as CompressedMatrix, t.dtype)
      : sparseDenseValue('StructuredDot', am, b as NDArray, t.dtype);
  }

  override inferShape(_fg: FunctionGraph | undefined, _node: Apply, [as, bs]: readonly ShapeTuple[]): ShapeTuple[] {
    return [[as![0]!, bs![1]!]];
  }

  /** [structuredDotGrad(a, b, gz), structuredDot(a.T, gz)] (dense b; sparse b: not implemented). */
  override grad([a, b]: readonly Variable[], [gz]: readonly Variable[]): Variable[] {
    if (b instanceof SparseVariable) {
      return [gradNotImplemented(this, 0, a!, 'StructuredDot of two sparse matrices'), gradNotImplemented(this, 1, b, 'StructuredDot of two sparse matrices')];
    }
    return [structuredDotGrad(a!, b!, gz!), structuredDot(transpose(a!), gz!)];
  }
}

abstract class StructuredDotGradBase extends Op {
  abstract readonly format: 'csr' | 'csc';

  /**
   * makeNode(aIndices, aIndptr, b, gAB) (PyTensor's signature): the dense
   * vector of the gradient's values on a's pattern, in a's storage order: for
   * each stored (i, j), sum_c gAB[i, c] * b[j, c]. structuredDotGrad wraps it
   * in a sparse matrix with a's indices, indptr and shape (CSR / CSC).
   */
  makeNode(aIndices: Variable, aIndptr: Variable, b: Variable, gAB: Variable): Apply {
    const op = this.constructor.name;
    const ii = checkIndexVector(op, 0, aIndices);
    const ip = checkIndexVector(op, 1, aIndptr);
    const bt = checkDenseMatrix(op, 2, b);
    const gt = checkDenseMatrix(op, 3, gAB);
    const dtype = upcast(checkRealDtype(op, 2, bt), checkRealDtype(op, 3, gt));
    const bs = bt.type.shape;
    const gs = gt.type.shape;
    if (bs[1] !== null && gs[1] !== null && bs[1] !== gs[1]) throw dotShapeError(op, gs, [bs[1]!, bs[0]!]);
    return new Apply(this, [ii, ip, bt, gt], [new TensorType(dtype, [ii.type.shape[0] ?? null]).makeVariable()]);
  }

  override perform(node: Apply, [indices, indptr, b, g]: readonly unknown[], [out]: StorageCell[]): void {
    const op = this.constructor.name;
    const ind = rawView(indices as NDArray);
    const ptr = rawView(indptr as NDArray);
    const iArr = toInt32(ind);
    const pArr = toInt32(ptr);
    const bv = b as NDArray;
    const gv = g as NDArray;
    const nMajor = pArr.length - 1;
    if (gv.shape[1] !== bv.shape[1]) throw dotShapeError(op, gv.shape, [bv.shape[1]!, bv.shape[0]!]);
    // CSR: majors are rows of a (= rows of gAB), minors columns of a (= rows of b); CSC the other way.
    const [majorLimit, minorLimit] = this.format === 'csr' ? [gv.shape[0]!, bv.shape[0]!] : [bv.shape[0]!, gv.shape[0]!];
    if (nMajor !== majorLimit) {
      throw new ShapeError({ op, argument: 1, expected: `indptr of length ${majorLimit + 1} (from the shapes of b ${JSON.stringify(bv.shape)} and gAB ${JSON.stringify(gv.shape)})`, given: `length ${pArr.length}` });
    }
    for (let k = 0; k < iArr.length; k++) {
      if (iArr[k]! < 0 || iArr[k]! >= minorLimit) throw new ShapeError({ op, argument: 0, expected: `indices in [0, ${minorLimit})`, given: `index ${iArr[k]}` });
    }
    const dtype = (node.outputs[0]!.type as TensorType).dtype;
    const nnz = pArr[nMajor] ?? 0;
    const { value, raw } = denseOut(dtype, [nnz]);
    structuredDotGradData(nMajor, this.format === 'csr', pArr, iArr, bv.shape[1]!, strided(bv), strided(gv), raw);
    out![0] = value;
  }

  override inferShape(_fg: FunctionGraph | undefined, _node: Apply, [is]: readonly ShapeTuple[]): ShapeTuple[] {
    return [[is![0]!]];
  }

  override grad(inputs: readonly Variable[]): Variable[] {
    return inputs.map((x, i) => gradNotImplemented(this, i, x, 'the gradient of a StructuredDot gradient'));
  }
}

function checkIndexVector(op: string, position: number, v: Variable): TensorVariable {
  if (!(v instanceof TensorVariable) || v.ndim !== 1 || !isInteger(v.dtype) || isBigInt(v.dtype)) {
    throw new TypeMismatchError({ op, argument: position, expected: 'an integer vector (int32 indices / indptr)', given: `${v} of type ${v.type}` });
  }
  return v;
}

function toInt32(r: { data: unknown; shape: readonly number[]; strides: readonly number[]; offset: number }): Int32Array {
  const d = r.data as ArrayLike<number>;
  if (d instanceof Int32Array && r.strides[0] === 1 && r.offset === 0 && d.length === r.shape[0]) return d;
  const out = new Int32Array(r.shape[0]!);
  for (let i = 0; i < out.length; i++) out[i] = d[r.offset + i * r.strides[0]!]!;
  return out;
}

/** The structured gradient of StructuredDot for a CSC sparse input (PyTensor's StructuredDotGradCSC). */
export class StructuredDotGradCSC extends StructuredDotGradBase {
  readonly format = 'csc' as const;
}

/** The structured gradient of StructuredDot for a CSR sparse input (PyTensor's StructuredDotGradCSR). */
export class StructuredDotGradCSR extends StructuredDotGradBase {
  readonly format = 'csr' as const;
}

/**
 * The gradient of structuredDot(a, b) with respect to a, only on a's stored
 * pattern (PyTensor's structured_dot_grad): StructuredDotGradCSR / CSC give
 * the values, CSR / CSC rebuild a sparse matrix of a's format with a's
 * indices, indptr and shape.
 */
export function structuredDotGrad(a: Variable, b: Variable, gAB: Variable): SparseVariable {
  const as = checkSparse('structuredDotGrad', 0, a);
  const op = as.format === 'csr' ? new StructuredDotGradCSR() : new StructuredDotGradCSC();
  const [, indices, indptr, shape] = csmProperties(as);
  const gData = op.call(indices, indptr, b, gAB);
  return csm(as.format, gData, indices, indptr, shape);
}

/**
 * The product x @ y where x or y is sparse, with a structured gradient
 * (PyTensor's structured_dot): dense when the other operand is dense, sparse
 * when both are sparse. A dense x with a sparse y is computed as
 * structuredDot(y.T, x.T).T.
 *
 * @example
 * const z = sp.structuredDot(sp.csrMatrix('a'), pt.dmatrix('b')); // dense
 */
export function structuredDot(x: unknown, y: unknown): Variable {
  const xv = asSparseOrTensorVariable(x);
  const yv = asSparseOrTensorVariable(y);
  if (xv instanceof SparseVariable) return new StructuredDot().call(xv, yv);
  if (yv instanceof SparseVariable) {
    const xt = checkDenseMatrix('structuredDot', 0, xv).T as TensorVariable;
    return (new StructuredDot().call(transpose(yv), xt) as TensorVariable).T as TensorVariable;
  }
  throw new TypeMismatchError({ op: 'structuredDot', argument: 'inputs', expected: 'at least one sparse matrix', given: `${xv.type} and ${yv.type}` });
}
