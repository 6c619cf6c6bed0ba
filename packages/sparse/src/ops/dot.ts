/**
 * Dot and TrueDot (PyTensor's sparse dot and true_dot): products where at
 * least one operand is sparse, with regular (not structured) gradients.
 * Dot's output is always dense; TrueDot's is sparse in the first operand's
 * format. The kernels read both formats as stored (dot-kernel.ts).
 */
import { checkOptions, Apply, Op, TypeMismatchError, type FunctionGraph, type ShapeTuple, type StorageCell, type Variable } from '@proj/graph';
import * as pt from '@proj/tensor';
import { TensorType, TensorVariable, rawView, upcast, type Dtype, type NDArray } from '@proj/tensor';
import { makeCompressed, type CompressedMatrix } from '../values/compressed';
import { newRaw } from '../values/storage';
import { SparseType } from '../type/sparse-type';
import { SparseVariable } from '../type/sparse-variable';
import { asSparseOrTensorVariable } from '../type/as-sparse';
import { denseFromSparse } from './convert';
import { transpose } from './structure';
import { sparseSparseValue } from './structured-dot';
import { csrTimesDense, cscTimesDense, type NumIn, type NumOut, type Strided } from './dot-kernel';
import { wideFamily } from './arith-kernel-wide';
import { denseAsNumbers, denseSparseWide, sparseAsNumbers, sparseDenseWide } from './dot-kernel-wide';
import { checkAligned, checkDotDtype, checkRealDtype, denseOut, dotShapeError, staticShape } from './dot-util';

/** A dense operand (1 or 2 dimensions) as a strided k x n matrix (a vector is k x 1); `t`: its transpose. */
function asMatrix(a: NDArray, t: boolean): Strided {
  const r = rawView(a);
  const d = r.data as unknown as NumIn;
  if (a.shape.length === 1) return t ? { data: d, off: r.offset, rs: 0, cs: r.strides[0]! } : { data: d, off: r.offset, rs: r.strides[0]!, cs: 0 };
  return t ? { data: d, off: r.offset, rs: r.strides[1]!, cs: r.strides[0]! } : { data: d, off: r.offset, rs: r.strides[0]!, cs: r.strides[1]! };
}

/** x @ y with x sparse and y dense (1-d or 2-d): dense of shape [m] + y.shape[1:]. */
export function sparseDotDense(op: string, x: CompressedMatrix, y: NDArray, dtype: Dtype): NDArray {
  const [m, k] = x.shape;
  if (y.shape[0] !== k) throw dotShapeError(op, x.shape, y.shape);
  if (wideFamily(dtype)) return sparseDenseWide(x, y, dtype);
  x = sparseAsNumbers(x);
  y = denseAsNumbers(y);
  const n = y.shape.length === 2 ? y.shape[1]! : 1;
  const { value, raw } = denseOut(dtype, y.shape.length === 2 ? [m, n] : [m]);
  const data = x.data as unknown as NumIn;
  if (x.format === 'csr') csrTimesDense(m, n, x.indptr, x.indices, data, asMatrix(y, false), raw, 0, n, 1);
  else cscTimesDense(m, n, k, x.indptr, x.indices, data, asMatrix(y, false), raw, 0, n, 1);
  return value;
}

/** x @ y with x dense (1-d or 2-d) and y sparse: computed as (y.T @ x.T).T on y's arrays. */
export function denseDotSparse(op: string, x: NDArray, y: CompressedMatrix, dtype: Dtype): NDArray {
  const [k, n] = y.shape;
  if (x.shape[x.shape.length - 1] !== k) throw dotShapeError(op, x.shape, y.shape);
  if (wideFamily(dtype)) return denseSparseWide(x, y, dtype);
  x = denseAsNumbers(x);
  y = sparseAsNumbers(y);
  const m = x.shape.length === 2 ? x.shape[0]! : 1;
  const { value, raw } = denseOut(dtype, x.shape.length === 2 ? [m, n] : [n]);
  const xt = asMatrix(x, x.shape.length === 2); // k x m
  const data = y.data as unknown as NumIn;
  // y CSR: y.T (n x k) is CSC with k majors; y CSC: y.T is CSR with n majors.
  if (y.format === 'csr') cscTimesDense(n, m, k, y.indptr, y.indices, data, xt, raw, 0, 1, n);
  else csrTimesDense(n, m, y.indptr, y.indices, data, xt, raw, 0, 1, n);
  return value;
}

function operands(op: string, x: Variable, y: Variable, denseNdims: readonly number[], wide = false): { dtype: Dtype; shape: (number | null)[] } {
  const xs = x instanceof SparseVariable;
  const ys = y instanceof SparseVariable;
  if (!xs && !ys) throw new TypeMismatchError({ op, argument: 'inputs', expected: 'at least one sparse matrix', given: `${x.type} and ${y.type}` });
  [x, y].forEach((v, i) => {
    if (!(v instanceof SparseVariable) && !(v instanceof TensorVariable && denseNdims.includes(v.ndim))) {
      throw new TypeMismatchError({ op, argument: i, expected: `a sparse matrix or a dense tensor of ${denseNdims.join(' or ')} dimensions`, given: `${v} of type ${v.type}` });
    }
  });
  // Dot has complex / 64-bit integer kernels; TrueDot's dense path reads JS numbers.
  const check = wide ? checkDotDtype : checkRealDtype;
  const dtype = upcast(check(op, 0, x), check(op, 1, y));
  const xsh = staticShape(x);
  const ysh = staticShape(y);
  checkAligned(op, xsh, ysh);
  return { dtype, shape: [...xsh.slice(0, -1), ...ysh.slice(1)] };
}

/**
 * x @ y where x or y (or both) is sparse; the output is dense (PyTensor's
 * sparse Dot). A dense operand may be a vector or a matrix. Regular gradient:
 * gx = gz @ y.T, gy = x.T @ gz (dense for dense inputs, dense too for sparse
 * ones, as the reference documents).
 *
 * @example
 * new Dot().call(sp.csrMatrix('x'), pt.dmatrix('y')); // dense
 */
export class Dot extends Op {
  makeNode(x: Variable, y: Variable): Apply {
    const { dtype, shape } = operands('Dot', x, y, [1, 2], true);
    return new Apply(this, [x, y], [new TensorType(dtype, shape).makeVariable()]);
  }

  override perform(node: Apply, [x, y]: readonly unknown[], [out]: StorageCell[]): void {
    const dtype = (node.outputs[0]!.type as TensorType).dtype;
    const xs = node.inputs[0] instanceof SparseVariable;
    const ys = node.inputs[1] instanceof SparseVariable;
    if (xs && ys) out![0] = sparseSparseValue('Dot', x as CompressedMatrix, y as CompressedMatrix, dtype, 'csr').toarray();
    else if (xs) out![0] = sparseDotDense('Dot', x as CompressedMatrix, y as NDArray, dtype);
    else out![0] = denseDotSparse('Dot', x as NDArray, y as CompressedMatrix, dtype);
  }

  override inferShape(_fg: FunctionGraph | undefined, _node: Apply, [xs, ys]: readonly ShapeTuple[]): ShapeTuple[] {
    return [[...xs!.slice(0, -1), ...ys!.slice(1)]];
  }

  override grad([x, y]: readonly Variable[], [gz]: readonly Variable[]): Variable[] {
    const g = gz as TensorVariable;
    let gx: Variable;
    let gy: Variable;
    if (y instanceof SparseVariable) gx = dot(g.ndim === 1 ? pt.dimshuffle(g, ['x', 0]) : g, transpose(y));
    else {
      const yt = y as TensorVariable;
      gx = yt.ndim === 1 ? pt.dot(pt.dimshuffle(g, [0, 'x']), pt.dimshuffle(yt, ['x', 0])) : pt.dot(g, yt.T);
    }
    if (x instanceof SparseVariable) gy = dot(transpose(x), g.ndim === 1 ? pt.dimshuffle(g, [0, 'x']) : g);
    else {
      const xt = x as TensorVariable;
      gy = xt.ndim === 1 ? pt.dot(pt.dimshuffle(xt, [0, 'x']), pt.dimshuffle(g, ['x', 0])) : pt.dot(xt.T, g);
    }
    // A vector operand's gradient is a vector.
    if (x instanceof TensorVariable && x.ndim === 1) gx = pt.flatten(gx as TensorVariable);
    if (y instanceof TensorVariable && y.ndim === 1) gy = pt.flatten(gy as TensorVariable);
    return [gx, gy];
  }
}

/**
 * The product of two matrices, at least one sparse, as a dense tensor
 * (PyTensor's sparse.dot). Dense operands may be vectors or matrices.
 *
 * @example
 * sp.dot(sp.csrMatrix('x'), sp.cscMatrix('y')); // dense
 */
export function dot(x: unknown, y: unknown): TensorVariable {
  return new Dot().call(asSparseOrTensorVariable(x), asSparseOrTensorVariable(y)) as TensorVariable;
}

/** The dense values of a product, stored as a sparse matrix of `format` (nonzeros only). */
function compressDense(d: NDArray, format: 'csr' | 'csc', dtype: Dtype): CompressedMatrix {
  const r = rawView(d);
  const [m, n] = d.shape as [number, number];
  const src = r.data as unknown as NumIn;
  const [nMajor, nMinor] = format === 'csr' ? [m, n] : [n, m];
  const at = (p: number, q: number) => (format === 'csr' ? src[r.offset + p * r.strides[0]! + q * r.strides[1]!]! : src[r.offset + q * r.strides[0]! + p * r.strides[1]!]!);
  const indptr = new Int32Array(nMajor + 1);
  let nnz = 0;
  for (let p = 0; p < nMajor; p++) {
    for (let q = 0; q < nMinor; q++) if (at(p, q) !== 0) nnz++;
    indptr[p + 1] = nnz;
  }
  const indices = new Int32Array(nnz);
  const data = newRaw(dtype, nnz) as unknown as NumOut;
  let k = 0;
  for (let p = 0; p < nMajor; p++) {
    for (let q = 0; q < nMinor; q++) {
      const v = at(p, q);
      if (v !== 0) {
        indices[k] = q;
        data[k++] = v;
      }
    }
  }
  return makeCompressed(format, { indptr, indices, data: data as never }, [m, n], dtype);
}

/**
 * x @ y as a sparse matrix in x's format, x sparse and y a sparse or dense
 * matrix (PyTensor's TrueDot). Regular gradient: [trueDot(gz, y.T),
 * trueDot(x.T, gz)], both sparse; with `gradPreservesDense` (the default) the
 * gradient of a dense y is made dense.
 *
 * @example
 * new TrueDot({ gradPreservesDense: false }).call(sp.csrMatrix('x'), pt.dmatrix('y'));
 */
export class TrueDot extends Op<{ gradPreservesDense: boolean }> {
  constructor(options: { gradPreservesDense?: boolean } = {}) {
    super({ gradPreservesDense: options.gradPreservesDense ?? true });
  }

  makeNode(x: Variable, y: Variable): Apply {
    if (!(x instanceof SparseVariable)) throw new TypeMismatchError({ op: 'TrueDot', argument: 0, expected: 'a sparse matrix', given: `${x} of type ${x.type}` });
    const { dtype, shape } = operands('TrueDot', x, y, [2]);
    return new Apply(this, [x, y], [new SparseType(x.format, dtype, [shape[0]!, shape[1]!]).makeVariable()]);
  }

  override perform(node: Apply, [x, y]: readonly unknown[], [out]: StorageCell[]): void {
    const t = node.outputs[0]!.type as SparseType;
    if (node.inputs[1] instanceof SparseVariable) out![0] = sparseSparseValue('TrueDot', x as CompressedMatrix, y as CompressedMatrix, t.dtype, t.format);
    else out![0] = compressDense(sparseDotDense('TrueDot', x as CompressedMatrix, y as NDArray, t.dtype), t.format, t.dtype);
  }

  override inferShape(_fg: FunctionGraph | undefined, _node: Apply, [xs, ys]: readonly ShapeTuple[]): ShapeTuple[] {
    return [[xs![0]!, ys![1]!]];
  }

  override grad([x, y]: readonly Variable[], [gz]: readonly Variable[]): Variable[] {
    const opts = { gradPreservesDense: this.props.gradPreservesDense };
    const yt = y instanceof SparseVariable ? transpose(y) : (y as TensorVariable).T;
    const gx = trueDot(gz, yt, opts);
    let gy: Variable = trueDot(transpose(x!), gz, opts);
    if (!(y instanceof SparseVariable) && this.props.gradPreservesDense) gy = denseFromSparse(gy);
    return [gx, gy];
  }
}

/**
 * x @ y as a sparse matrix (PyTensor's true_dot). x must be sparse; a dense x
 * with a sparse y is computed as trueDot(y.T, x.T).T.
 *
 * @example
 * sp.trueDot(sp.csrMatrix('x'), sp.csrMatrix('y')); // sparse, csr
 */
export function trueDot(x: unknown, y: unknown, options: { gradPreservesDense?: boolean } = {}): SparseVariable {
  checkOptions('sp.trueDot', options, ['gradPreservesDense']);
  const xv = asSparseOrTensorVariable(x);
  const yv = asSparseOrTensorVariable(y);
  if (xv instanceof SparseVariable) return new TrueDot(options).call(xv, yv) as SparseVariable;
  if (yv instanceof SparseVariable) {
    if (xv.ndim !== 2) throw new TypeMismatchError({ op: 'trueDot', argument: 0, expected: 'a dense matrix', given: `${xv} of type ${xv.type}` });
    return transpose(new TrueDot(options).call(transpose(yv), xv.T));
  }
  throw new TypeMismatchError({ op: 'trueDot', argument: 'inputs', expected: 'at least one sparse matrix', given: `${xv.type} and ${yv.type}` });
}
