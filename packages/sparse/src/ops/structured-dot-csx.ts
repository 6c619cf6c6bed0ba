/**
 * StructuredDotCSR and StructuredDotCSC (PyTensor's rewritten forms of
 * StructuredDot): sparse @ dense with the sparse operand given as its raw
 * (data, indices, indptr) arrays, each Op bound to one kernel (row gather for
 * CSR, column scatter for CSC) instead of choosing one per call. The rewrite
 * localStructuredDot of @proj/rewrite inserts them; users do not.
 */
import { Apply, Op, ShapeError, TypeMismatchError, type FunctionGraph, type ShapeTuple, type StorageCell, type Variable } from '@proj/graph';
import { TensorType, isBigInt, isInteger, rawView, upcast, type NDArray, type TensorVariable } from '@proj/tensor';
import { tensorArg } from './convert';
import { toInt32 } from './csm-kernel';
import { csrTimesDense, cscTimesDense, type NumIn } from './dot-kernel';
import { checkRealDtype, denseOut, dotShapeError, strided } from './dot-util';

function intVector(op: string, v: Variable, argument: number): TensorVariable {
  const t = tensorArg(op, v, argument, 1);
  if (!isInteger(t.dtype)) throw new TypeMismatchError({ op, argument, expected: 'an integer vector', given: `${t} of type ${t.type}` });
  return t;
}

/** Checks a compressed structure against its minor dimension: O(nnz + majors), no write out of bounds later. */
function checkStructure(op: string, indptr: Int32Array, indices: Int32Array, nData: number, nMinor: number): void {
  const nMajor = indptr.length - 1;
  if (nMajor < 0 || indptr[0] !== 0) throw new ShapeError({ op, argument: 2, expected: 'an indptr starting at 0', given: `indptr of length ${indptr.length} starting at ${indptr[0]}` });
  for (let i = 0; i < nMajor; i++) {
    if (indptr[i + 1]! < indptr[i]!) throw new ShapeError({ op, argument: 2, expected: 'a non-decreasing indptr', given: `indptr[${i}] = ${indptr[i]} > indptr[${i + 1}] = ${indptr[i + 1]}` });
  }
  const nnz = indptr[nMajor]!;
  if (nnz > indices.length || nnz > nData) throw new ShapeError({ op, argument: 1, expected: `at least ${nnz} indices and values (indptr's last entry)`, given: `${indices.length} indices and ${nData} values` });
  for (let k = 0; k < nnz; k++) {
    if (indices[k]! < 0 || indices[k]! >= nMinor) throw new ShapeError({ op, argument: 1, expected: `indices in [0, ${nMinor})`, given: `index ${indices[k]} at position ${k}` });
  }
}

abstract class StructuredDotCSx extends Op {
  protected node(op: string, aVal: Variable, aInd: Variable, aPtr: Variable, extra: Variable[], b: Variable): Apply {
    const val = tensorArg(op, aVal, 0, 1);
    const ind = intVector(op, aInd, 1);
    const ptr = intVector(op, aPtr, 2);
    const bt = tensorArg(op, b, 3 + extra.length, 2);
    const dtype = upcast(checkRealDtype(op, 0, val), checkRealDtype(op, 3 + extra.length, bt));
    if (isBigInt(ind.dtype) || isBigInt(ptr.dtype)) {
      throw new TypeMismatchError({ op, argument: 1, expected: 'int32 (or narrower) indices and indptr', given: `${ind.type} and ${ptr.type}` });
    }
    return new Apply(this, [val, ind, ptr, ...extra, bt], [new TensorType(dtype, [null, bt.type.shape[1] ?? null]).makeVariable()]);
  }
}

/**
 * a @ b for a CSR matrix a given as (aVal, aInd, aPtr) (rows: aPtr's length - 1)
 * and a dense matrix b.
 *
 * @example
 * const [v, i, p] = sp.csmProperties(a);
 * new StructuredDotCSR().call(v, i, p, b);
 */
export class StructuredDotCSR extends StructuredDotCSx {
  makeNode(aVal: Variable, aInd: Variable, aPtr: Variable, b: Variable): Apply {
    return this.node('StructuredDotCSR', aVal, aInd, aPtr, [], b);
  }

  override perform(node: Apply, [aVal, aInd, aPtr, b]: readonly unknown[], [out]: StorageCell[]): void {
    const op = 'StructuredDotCSR';
    const bv = b as NDArray;
    const indptr = toInt32(aPtr as NDArray);
    const indices = toInt32(aInd as NDArray);
    const data = contiguous(aVal as NDArray);
    checkStructure(op, indptr, indices, data.length, bv.shape[0]!);
    const m = indptr.length - 1, n = bv.shape[1]!;
    const { value, raw } = denseOut((node.outputs[0]!.type as TensorType).dtype, [m, n]);
    csrTimesDense(m, n, indptr, indices, data, strided(bv), raw, 0, n, 1);
    out![0] = value;
  }

  override inferShape(_fg: FunctionGraph | undefined, node: Apply, [, , ptrShape, bShape]: readonly ShapeTuple[]): ShapeTuple[] {
    const p = ptrShape![0]!;
    const rows = typeof p === 'number' ? p - 1 : (node.inputs[2] as TensorVariable).shape.get(0).sub(1);
    return [[rows as Variable | number, bShape![1]!]];
  }
}

/**
 * a @ b for a CSC matrix a given as (aVal, aInd, aPtr, aNrows) (columns:
 * aPtr's length - 1, which must equal b's rows) and a dense matrix b.
 *
 * @example
 * const [v, i, p, shape] = sp.csmProperties(a);
 * new StructuredDotCSC().call(v, i, p, shape.get(0), b);
 */
export class StructuredDotCSC extends StructuredDotCSx {
  makeNode(aVal: Variable, aInd: Variable, aPtr: Variable, aNrows: Variable, b: Variable): Apply {
    const rows = tensorArg('StructuredDotCSC', aNrows, 3, 0);
    if (!isInteger(rows.dtype)) throw new TypeMismatchError({ op: 'StructuredDotCSC', argument: 3, expected: 'an integer scalar (the rows of a)', given: `${rows} of type ${rows.type}` });
    return this.node('StructuredDotCSC', aVal, aInd, aPtr, [rows], b);
  }

  override perform(node: Apply, [aVal, aInd, aPtr, aNrows, b]: readonly unknown[], [out]: StorageCell[]): void {
    const op = 'StructuredDotCSC';
    const bv = b as NDArray;
    const indptr = toInt32(aPtr as NDArray);
    const indices = toInt32(aInd as NDArray);
    const data = contiguous(aVal as NDArray);
    const r = rawView(aNrows as NDArray);
    const m = Number(r.data[r.offset]);
    const k = indptr.length - 1;
    if (bv.shape[0] !== k) throw dotShapeError(op, [m, k], bv.shape);
    checkStructure(op, indptr, indices, data.length, m);
    const n = bv.shape[1]!;
    const { value, raw } = denseOut((node.outputs[0]!.type as TensorType).dtype, [m, n]);
    cscTimesDense(m, n, k, indptr, indices, data, strided(bv), raw, 0, n, 1);
    out![0] = value;
  }

  override inferShape(_fg: FunctionGraph | undefined, node: Apply, shapes: readonly ShapeTuple[]): ShapeTuple[] {
    return [[node.inputs[3]!, shapes[4]![1]!]];
  }
}

/** A 1-d real array's values as a contiguous indexable (copied only when strided or offset). */
function contiguous(a: NDArray): NumIn {
  const v = rawView(a);
  const n = a.shape[0]!;
  if (v.offset === 0 && v.strides[0] === 1) return v.data as unknown as NumIn;
  const out = new Float64Array(n);
  for (let k = 0; k < n; k++) out[k] = Number(v.data[v.offset + k * v.strides[0]!]);
  return out;
}
