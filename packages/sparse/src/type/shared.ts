/**
 * Sparse shared variables (PyTensor's SparseTensorSharedVariable and the
 * sparse shared constructor): a sparse graph input that holds its own CSR/CSC
 * matrix between calls, which compiled functions read and may update.
 */
import { ArgumentError, TypeMismatchError, describeThing, ownSharedValue, type SharedContainer } from '@proj/graph';
import type { Dtype } from '@proj/tensor';
import { CompressedMatrix, type SparseFormat } from '../values/compressed';
import { SparseType } from './sparse-type';
import { SparseVariable } from './sparse-variable';

/** Options of a sparse shared variable's constructor. */
export interface SparseSharedOptions {
  name?: string;
  /** Keep the matrix itself rather than a copy (later changes to it are seen). */
  borrow?: boolean;
  /** Allow a lossy dtype conversion in later setValue calls. */
  allowDowncast?: boolean;
  /** Share this cell (clones do) instead of holding a value. */
  container?: SharedContainer;
}

/**
 * A SparseVariable that holds its value (PyTensor's SparseTensorSharedVariable).
 * Clones share the value's cell, so a compiled function and the user see one value.
 *
 * @example
 * const w = sp.shared(sp.csrMatrix([[1, 0], [0, 2]]), { name: 'w' });
 * w.getValue().nnz; // 2
 */
export class SparseSharedVariable extends SparseVariable {
  readonly container: SharedContainer;

  constructor(type: SparseType, value: unknown, options: SparseSharedOptions = {}) {
    super(type, null, null, options.name);
    this.container = options.container ?? { value: ownSharedValue(type, value, { borrow: options.borrow ?? false, allowDowncast: options.allowDowncast }) };
  }

  /** The current matrix: a copy, unless `borrow`. */
  getValue(options: { borrow?: boolean } = {}): CompressedMatrix {
    const v = this.container.value as CompressedMatrix;
    return options.borrow ? v : this.type.copyValue(v);
  }

  /**
   * Sets the matrix (converted to this variable's format and dtype, structure
   * checked; copied unless `borrow`).
   */
  setValue(value: unknown, options: { borrow?: boolean; allowDowncast?: boolean } = {}): void {
    this.container.value = ownSharedValue(this.type, value, options);
  }

  override storedValue(): { readonly value: unknown } {
    return this.container;
  }

  override clone(): SparseSharedVariable {
    const cp = new SparseSharedVariable(this.type, undefined, { name: this.name, container: this.container });
    cp.tag = { ...this.tag };
    return cp;
  }
}

/** Options of sp.shared. */
export interface SparseSharedConstructorOptions {
  name?: string;
  /** Keep `value` itself rather than a copy. */
  borrow?: boolean;
  /** The variable's format (default: the value's); the value is converted. */
  format?: SparseFormat;
  /** The variable's dtype (default: the value's). */
  dtype?: Dtype | 'floatX';
  /** Allow a lossy conversion to `dtype` (and in later setValue calls). */
  allowDowncast?: boolean;
}

/**
 * A shared variable holding a sparse matrix (PyTensor's shared() of a scipy
 * sparse matrix): its type has the value's format and dtype (or the given
 * ones), and an unknown static shape as in PyTensor.
 *
 * @example
 * const w = sp.shared(sp.csrMatrix([[0, 1.5], [2, 0]]), { name: 'w' });
 * const f = compile([], [], { updates: [[w, sp.mul(w, 2)]] });
 */
export function shared(value: CompressedMatrix, options: SparseSharedConstructorOptions | string = {}): SparseSharedVariable {
  const opts = typeof options === 'string' ? { name: options } : options;
  if (!(value instanceof CompressedMatrix)) {
    throw new TypeMismatchError({ op: 'sp.shared', argument: 'value', expected: 'a CSRMatrix or CSCMatrix', given: describeThing(value) });
  }
  if (opts.name !== undefined && typeof opts.name !== 'string') {
    throw new ArgumentError({ op: 'sp.shared', argument: 'name', expected: 'a string', given: describeThing(opts.name) });
  }
  const type = new SparseType(opts.format ?? value.format, opts.dtype ?? value.dtype);
  return new SparseSharedVariable(type, value, { name: opts.name, borrow: opts.borrow ?? false, allowDowncast: opts.allowDowncast });
}
