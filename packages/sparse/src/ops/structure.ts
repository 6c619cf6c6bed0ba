/**
 * Structural sparse Ops: Transpose, Neg, EnsureSortedIndices, Remove0, and the
 * composite functions clean, spOnesLike, spZerosLike. Values keep their format
 * (Transpose swaps csr <-> csc, sharing no arrays with its input).
 */
import { Apply, Op, TypeMismatchError, type AliasMap, type FunctionGraph, type ShapeTuple, type StorageCell, type Variable } from '@proj/graph';
import { constant, onesLike, zerosLike } from '@proj/tensor';
import { makeCompressed, type CompressedMatrix, type SparseFormat } from '../values/compressed';
import type { SparseVariable } from '../type/sparse-variable';
import { sparseArg, sparseOut } from './convert';
import { csm, csmProperties } from './csm';
import { negated } from './structure-kernel';

const other = (f: SparseFormat): SparseFormat => (f === 'csr' ? 'csc' : 'csr');

/**
 * The transpose of a sparse matrix: a CSR matrix becomes the CSC matrix of the
 * same arrays (and vice versa). Regular gradient.
 *
 * @example
 * new Transpose().call(sp.csrMatrix('x')).type.format; // 'csc'
 */
export class Transpose extends Op {
  makeNode(x: Variable): Apply {
    const s = sparseArg(this.name, x, 0);
    return new Apply(this, [s], [sparseOut(other(s.format), s.dtype, [s.type.shape[1], s.type.shape[0]])]);
  }

  override perform(_node: Apply, [x]: readonly unknown[], [out]: StorageCell[]): void {
    out![0] = (x as CompressedMatrix).copy().transpose();
  }

  override inferShape(_f: FunctionGraph | undefined, _node: Apply, [s]: readonly ShapeTuple[]): ShapeTuple[] {
    return [[s![1]!, s![0]!]];
  }

  override grad(_inputs: readonly Variable[], [gz]: readonly Variable[]): Variable[] {
    return [transpose(gz)];
  }

  override Rop(_inputs: readonly Variable[], [ev]: readonly (Variable | null)[]): (Variable | null)[] {
    return [ev ? this.call(ev) : null];
  }
}

/**
 * -x on the stored values of a sparse matrix. Regular gradient.
 *
 * @example
 * new Neg().call(sp.csrMatrix('x'));
 */
export class Neg extends Op {
  makeNode(x: Variable): Apply {
    const s = sparseArg(this.name, x, 0);
    if (s.dtype === 'bool') throw new TypeMismatchError({ op: this.name, argument: 0, expected: 'a sparse matrix of a numeric dtype', given: `${s.type}` });
    return new Apply(this, [s], [sparseOut(s.format, s.dtype, s.type.shape)]);
  }

  override perform(_node: Apply, [x]: readonly unknown[], [out]: StorageCell[]): void {
    const m = x as CompressedMatrix;
    out![0] = makeCompressed(m.format, { indptr: m.indptr.slice(), indices: m.indices.slice(), data: negated(m.data) }, m.shape, m.dtype);
  }

  override inferShape(_f: FunctionGraph | undefined, _node: Apply, shapes: readonly ShapeTuple[]): ShapeTuple[] {
    return [shapes[0]!];
  }

  override grad(_inputs: readonly Variable[], [gz]: readonly Variable[]): Variable[] {
    return [neg(gz)];
  }

  override Rop(_inputs: readonly Variable[], [ev]: readonly (Variable | null)[]): (Variable | null)[] {
    return [ev ? this.call(ev) : null];
  }
}

/** Shared body of the Ops whose output is x with its structure tidied. */
abstract class Tidy extends Op<{ inplace: boolean }> {
  constructor(inplace = false) {
    super({ inplace });
  }

  override get destroyMap(): AliasMap {
    return this.props.inplace ? { 0: [0] } : {};
  }

  makeNode(x: Variable): Apply {
    const s = sparseArg(this.name, x, 0);
    return new Apply(this, [s], [sparseOut(s.format, s.dtype, s.type.shape)]);
  }

  protected abstract tidy(m: CompressedMatrix): CompressedMatrix;

  override perform(_node: Apply, [x]: readonly unknown[], [out]: StorageCell[]): void {
    const m = x as CompressedMatrix;
    out![0] = this.tidy(this.props.inplace ? m : m.copy());
  }

  override inferShape(_f: FunctionGraph | undefined, _node: Apply, shapes: readonly ShapeTuple[]): ShapeTuple[] {
    return [shapes[0]!];
  }

  override grad(_inputs: readonly Variable[], [gz]: readonly Variable[]): Variable[] {
    return [gz!];
  }

  override Rop(_inputs: readonly Variable[], [ev]: readonly (Variable | null)[]): (Variable | null)[] {
    return [ev ? new (this.constructor as new (inplace: boolean) => Op)(false).call(ev) : null];
  }
}

/**
 * x with the indices of every row (CSR) / column (CSC) sorted. Regular gradient.
 *
 * @example
 * new EnsureSortedIndices().call(x);
 */
export class EnsureSortedIndices extends Tidy {
  protected tidy(m: CompressedMatrix): CompressedMatrix {
    return m.sortIndices();
  }
}

/**
 * x without its explicitly stored zeros. Regular gradient.
 *
 * @example
 * new Remove0().call(x);
 */
export class Remove0 extends Tidy {
  protected tidy(m: CompressedMatrix): CompressedMatrix {
    return m.eliminateZeros();
  }
}

/**
 * The transpose of a sparse matrix (csr <-> csc).
 *
 * @example
 * sp.transpose(sp.csrMatrix('x'));
 */
export function transpose(x: unknown): SparseVariable {
  return new Transpose().call(sparseArg('transpose', x, 0)) as SparseVariable;
}

/**
 * The negation of a sparse matrix.
 *
 * @example
 * sp.neg(sp.csrMatrix('x'));
 */
export function neg(x: unknown): SparseVariable {
  return new Neg().call(sparseArg('neg', x, 0)) as SparseVariable;
}

/**
 * x with sorted indices (PyTensor's ensure_sorted_indices).
 *
 * @example
 * sp.ensureSortedIndices(x);
 */
export function ensureSortedIndices(x: unknown): SparseVariable {
  return new EnsureSortedIndices().call(sparseArg('ensureSortedIndices', x, 0)) as SparseVariable;
}

/**
 * x without stored zeros (PyTensor's remove0).
 *
 * @example
 * sp.remove0(x);
 */
export function remove0(x: unknown): SparseVariable {
  return new Remove0().call(sparseArg('remove0', x, 0)) as SparseVariable;
}

/**
 * x with sorted indices and no stored zeros (PyTensor's clean).
 *
 * @example
 * sp.clean(x);
 */
export function clean(x: unknown): SparseVariable {
  return ensureSortedIndices(remove0(sparseArg('clean', x, 0)));
}

/**
 * A sparse matrix with x's pattern and 1 at every stored entry (PyTensor's sp_ones_like).
 *
 * @example
 * sp.spOnesLike(x);
 */
export function spOnesLike(x: unknown): SparseVariable {
  const s = sparseArg('spOnesLike', x, 0);
  const [data, indices, indptr, shape] = csmProperties(s);
  return csm(s.format, onesLike(data), indices, indptr, shape);
}

/**
 * An all-zero sparse matrix (nothing stored) of x's shape, format and dtype (PyTensor's sp_zeros_like).
 *
 * @example
 * sp.spZerosLike(x);
 */
export function spZerosLike(x: unknown): SparseVariable {
  const s = sparseArg('spZerosLike', x, 0);
  const [, , indptr, shape] = csmProperties(s);
  const data = constant(new Array<number>(0), { dtype: s.dtype });
  return csm(s.format, data, constant(new Array<number>(0), { dtype: 'int32' }), zerosLike(indptr), shape);
}
