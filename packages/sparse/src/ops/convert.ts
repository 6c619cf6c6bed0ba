/**
 * Sparse <-> dense conversions: DenseFromSparse (denseFromSparse, the
 * SparseVariable method toarray()), SparseFromDense (csrFromDense,
 * cscFromDense), and SparseSampleDense, the structured gradient of
 * DenseFromSparse (a dense matrix read on a sparse pattern). Also the argument
 * checks shared by the sparse Ops of this folder.
 */
import { checkOptions, Apply, Op, TypeMismatchError, Variable, describeThing, type FunctionGraph, type ShapeTuple, type StorageCell } from '@proj/graph';
import { TensorType, TensorVariable, asTensorVariable, castArray, rawView, upcast, type Dtype, type NDArray } from '@proj/tensor';
import { CompressedMatrix, makeCompressed, type SparseFormat } from '../values/compressed';
import { fromDense } from '../values/construct';
import { newRaw } from '../values/storage';
import { SparseType } from '../type/sparse-type';
import { SparseConstant, SparseVariable } from '../type/sparse-variable';
import { sampleDense } from './convert-kernel';

/** `x` as a SparseVariable, or a TypeMismatchError naming `op` and the argument. */
export function sparseArg(op: string, x: unknown, argument: number | string): SparseVariable {
  if (x instanceof SparseVariable) return x;
  if (x instanceof CompressedMatrix) return new SparseConstant(new SparseType(x.format, x.dtype), x);
  throw new TypeMismatchError({
    op,
    argument,
    expected: 'a sparse matrix (SparseVariable or CSR/CSC matrix)',
    given: x instanceof Variable ? `${x} of type ${x.type}` : describeThing(x),
  });
}

/** `x` as a TensorVariable of `ndim` dimensions (when given), or a TypeMismatchError. */
export function tensorArg(op: string, x: unknown, argument: number | string, ndim?: number): TensorVariable {
  if (x instanceof SparseVariable || x instanceof CompressedMatrix) {
    throw new TypeMismatchError({ op, argument, expected: ndim === undefined ? 'a dense tensor' : `a dense ${ndim}-d tensor`, given: `a sparse matrix (${x instanceof Variable ? x.type : x})` });
  }
  const t = asTensorVariable(x);
  if (ndim !== undefined && t.ndim !== ndim) {
    throw new TypeMismatchError({ op, argument, expected: `a ${ndim}-d tensor`, given: `${t} of type ${t.type}` });
  }
  return t;
}

/** The Type of a sparse output, with a static shape. */
export function sparseOut(format: SparseFormat, dtype: Dtype, shape: readonly (number | null)[] = [null, null]): SparseVariable {
  return new SparseType(format, dtype, [shape[0] ?? null, shape[1] ?? null]).makeVariable();
}

/**
 * Converts a sparse matrix to a dense one. The gradient is structured (only on
 * the stored pattern of x, a sparse matrix) when `structured` (the default),
 * else regular (the full dense gradient made sparse).
 *
 * @example
 * new DenseFromSparse().call(sp.csrMatrix('x'));
 */
export class DenseFromSparse extends Op<{ structured: boolean }> {
  constructor(structured = true) {
    super({ structured });
  }

  makeNode(x: Variable): Apply {
    const s = sparseArg(this.name, x, 0);
    return new Apply(this, [s], [new TensorType(s.dtype, s.type.shape).makeVariable()]);
  }

  override perform(_node: Apply, [x]: readonly unknown[], [out]: StorageCell[]): void {
    out![0] = (x as CompressedMatrix).toarray();
  }

  override inferShape(_f: FunctionGraph | undefined, _node: Apply, shapes: readonly ShapeTuple[]): ShapeTuple[] {
    return [shapes[0]!];
  }

  override grad([x]: readonly Variable[], [gz]: readonly Variable[]): Variable[] {
    const s = x as SparseVariable;
    if (this.props.structured) return [new SparseSampleDense().call(s, gz!)];
    return [new SparseFromDense(s.format).call(gz!)];
  }

  override Rop(_inputs: readonly Variable[], [ev]: readonly (Variable | null)[]): (Variable | null)[] {
    return [ev ? this.call(ev) : null];
  }
}

/**
 * A sparse matrix of `format` holding the non-zeros of a dense matrix. Its
 * gradient is the dense matrix of the output gradient (structured in effect:
 * the output gradient lives on the output's pattern).
 *
 * @example
 * new SparseFromDense('csc').call(pt.matrix('m'));
 */
export class SparseFromDense extends Op<{ format: SparseFormat }> {
  constructor(format: SparseFormat) {
    if (format !== 'csr' && format !== 'csc') throw new TypeMismatchError({ op: 'SparseFromDense', argument: 'format', expected: "'csr' or 'csc'", given: JSON.stringify(format) });
    super({ format });
  }

  makeNode(x: Variable): Apply {
    const t = tensorArg(this.name, x, 0, 2);
    return new Apply(this, [t], [sparseOut(this.props.format, t.dtype, t.type.shape)]);
  }

  override perform(node: Apply, [x]: readonly unknown[], [out]: StorageCell[]): void {
    out![0] = fromDense(x as NDArray, { format: this.props.format, dtype: (node.outputs[0] as SparseVariable).dtype });
  }

  override inferShape(_f: FunctionGraph | undefined, _node: Apply, shapes: readonly ShapeTuple[]): ShapeTuple[] {
    return [shapes[0]!];
  }

  override grad(_inputs: readonly Variable[], [gz]: readonly Variable[]): Variable[] {
    return [gz instanceof SparseVariable ? denseFromSparse(gz) : gz!];
  }

  override Rop(_inputs: readonly Variable[], [ev]: readonly (Variable | null)[]): (Variable | null)[] {
    return [ev ? this.call(ev) : null];
  }
}

/**
 * The dense matrix `y` read on the stored pattern of the sparse `x`: a sparse
 * matrix with x's format, indices and indptr, whose values are y at those places
 * (PyTensor's sp_ones_like(x) * y; a position x stores twice gets y once, so
 * the result is y masked by the pattern). The structured gradient of DenseFromSparse.
 *
 * @example
 * new SparseSampleDense().call(sp.csrMatrix('x'), pt.matrix('g'));
 */
export class SparseSampleDense extends Op {
  makeNode(x: Variable, y: Variable): Apply {
    const s = sparseArg(this.name, x, 0);
    const d = tensorArg(this.name, y, 1, 2);
    return new Apply(this, [s, d], [sparseOut(s.format, upcast(s.dtype, d.dtype), s.type.shape)]);
  }

  override perform(node: Apply, [x, y]: readonly unknown[], [out]: StorageCell[]): void {
    const m = x as CompressedMatrix;
    const g = y as NDArray;
    if (g.shape[0] !== m.shape[0] || g.shape[1] !== m.shape[1]) {
      throw new TypeMismatchError({ op: this.name, argument: 1, expected: `a dense matrix of shape (${m.shape.join(', ')})`, given: `shape (${g.shape.join(', ')})` });
    }
    const dtype = (node.outputs[0] as SparseVariable).dtype;
    const v = rawView(g.dtype === dtype ? g : castArray(g, dtype));
    const data = newRaw(dtype, m.nnz);
    sampleDense(m.majorDim, m.minorDim, m.format === 'csr', m, v.width, v, data);
    out![0] = makeCompressed(m.format, { indptr: m.indptr.slice(), indices: m.indices.slice(), data }, m.shape, dtype);
  }

  override inferShape(_f: FunctionGraph | undefined, _node: Apply, shapes: readonly ShapeTuple[]): ShapeTuple[] {
    return [shapes[0]!];
  }

  override grad([x, y]: readonly Variable[], [gz]: readonly Variable[]): Variable[] {
    return [new SparseSampleDense().call(x!, denseFromSparse(gz!)), new DenseFromSparse().call(gz!)];
  }
}

/**
 * The dense matrix of a sparse one (PyTensor's dense_from_sparse; x.toarray()).
 * The gradient is structured unless `{ structured: false }`.
 *
 * @example
 * const d = sp.denseFromSparse(sp.csrMatrix('x'));
 */
export function denseFromSparse(x: unknown, options: { structured?: boolean } = {}): TensorVariable {
  checkOptions('sp.denseFromSparse', options, ['structured']);
  return new DenseFromSparse(options.structured ?? true).call(sparseArg('denseFromSparse', x, 0)) as TensorVariable;
}

/**
 * A CSR matrix of the non-zeros of a dense matrix (PyTensor's csr_from_dense).
 *
 * @example
 * sp.csrFromDense(pt.matrix('m'));
 */
export function csrFromDense(x: unknown): SparseVariable {
  return new SparseFromDense('csr').call(tensorArg('csrFromDense', x, 0, 2)) as SparseVariable;
}

/**
 * A CSC matrix of the non-zeros of a dense matrix (PyTensor's csc_from_dense).
 *
 * @example
 * sp.cscFromDense(pt.matrix('m'));
 */
export function cscFromDense(x: unknown): SparseVariable {
  return new SparseFromDense('csc').call(tensorArg('cscFromDense', x, 0, 2)) as SparseVariable;
}
