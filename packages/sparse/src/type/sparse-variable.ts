/**
 * SparseVariable and SparseConstant. As with TensorVariable, the methods are
 * sugar over the sparse user functions, which make SparseVariables in turn;
 * the modules refer to each other at call time only.
 */
import { Variable, type Apply, type Givens } from '@proj/graph';
import type { Dtype, TensorLike, TensorVariable } from '@proj/tensor';
import { add, mul, sub } from '../ops/arith';
import { cast } from '../ops/cast';
import { eq, ge, gt, le, lt, neq } from '../ops/compare';
import { denseFromSparse } from '../ops/convert';
import { getItem, type SparseIndexArg } from '../ops/get-item';
import { spZerosLike, transpose, neg } from '../ops/structure';
import { spSum, type SpSumAxis } from '../ops/sp-sum';
import { structuredDot } from '../ops/structured-dot';
import type { CompressedMatrix, SparseFormat } from '../values/compressed';
import type { SparseType } from './sparse-type';

/**
 * A symbolic sparse matrix (PyTensor's SparseVariable).
 *
 * @example
 * const x = sp.csrMatrix('x'); // a symbolic CSR matrix of config.floatX
 */
export class SparseVariable extends Variable<SparseType> {
  constructor(type: SparseType, owner: Apply | null = null, index: number | null = null, name?: string) {
    super(type, owner, index, name);
  }

  get format(): SparseFormat {
    return this.type.format;
  }

  get dtype(): Dtype {
    return this.type.dtype;
  }

  get ndim(): 2 {
    return 2;
  }

  /** The dense matrix (sp.denseFromSparse). */
  toarray(): TensorVariable { return denseFromSparse(this); }
  /** The transpose (csr <-> csc). */
  get T(): SparseVariable { return transpose(this); }
  transpose(): SparseVariable { return transpose(this); }
  neg(): SparseVariable { return neg(this); }
  astype(dtype: Dtype): SparseVariable { return cast(this, dtype); }
  zerosLike(): SparseVariable { return spZerosLike(this); }
  /** this + other: sparse for a sparse other, dense for a dense one (sp.add). */
  add(other: SparseVariable | TensorLike): SparseVariable | TensorVariable { return add(this, other) as SparseVariable | TensorVariable; }
  sub(other: SparseVariable | TensorLike): SparseVariable | TensorVariable { return sub(this, other) as SparseVariable | TensorVariable; }
  /** this * other, elementwise (sp.mul). */
  mul(other: SparseVariable | TensorLike): SparseVariable | TensorVariable { return mul(this, other) as SparseVariable | TensorVariable; }
  eq(other: SparseVariable | TensorLike): SparseVariable | TensorVariable { return eq(this, other); }
  neq(other: SparseVariable | TensorLike): SparseVariable | TensorVariable { return neq(this, other); }
  lt(other: SparseVariable | TensorLike): SparseVariable | TensorVariable { return lt(this, other); }
  le(other: SparseVariable | TensorLike): SparseVariable | TensorVariable { return le(this, other); }
  gt(other: SparseVariable | TensorLike): SparseVariable | TensorVariable { return gt(this, other); }
  ge(other: SparseVariable | TensorLike): SparseVariable | TensorVariable { return ge(this, other); }

  /** The product with a dense or sparse matrix (sp.structuredDot, as PyTensor's x.dot). */
  dot(other: SparseVariable | TensorLike): SparseVariable | TensorVariable { return structuredDot(this, other) as SparseVariable | TensorVariable; }
  /** The sum over `axis` (all by default; sp.spSum). */
  sum(options: { axis?: SpSumAxis; sparseGrad?: boolean } = {}): SparseVariable | TensorVariable { return spSum(this, options) as SparseVariable | TensorVariable; }

  /**
   * Indexing as PyTensor's sparse variables: x.get(i, j) a dense scalar,
   * x.get('1:3', '::-1') a sparse sub-matrix, x.get([2, 0]) sparse rows,
   * x.get([0, 2], [1, 1]) a dense vector of elements (see sp.getItem).
   */
  get(...args: SparseIndexArg[]): SparseVariable | TensorVariable { return getItem(this, args); }

  /** Evaluates with the reference evaluator and returns the sparse matrix. */
  override eval(givens?: Givens): CompressedMatrix {
    return super.eval(givens) as CompressedMatrix;
  }
}

/**
 * A sparse matrix with a fixed value (copied when made).
 *
 * @example
 * const c = sp.asSparseVariable(sp.csrMatrix([[1, 0], [0, 2]]));
 */
export class SparseConstant extends SparseVariable {
  readonly data: CompressedMatrix;

  constructor(type: SparseType, value: CompressedMatrix, name?: string) {
    super(type, null, null, name);
    this.data = type.copyValue(type.filter(value));
  }

  override clone(): SparseConstant {
    const cp = new SparseConstant(this.type, this.data, this.name);
    cp.tag = { ...this.tag };
    return cp;
  }

  override storedValue(): { readonly value: unknown } {
    return { value: this.data };
  }

  override isConstant(): boolean {
    return true;
  }

  /** Equal for interchangeable constants (same Type, same matrix once canonical). */
  signature(): string {
    return `${this.type.hash()}|${this.type.valueSignature(this.data)}`;
  }

  override toString(): string {
    return this.name ?? this.type.valueToString(this.data);
  }
}
