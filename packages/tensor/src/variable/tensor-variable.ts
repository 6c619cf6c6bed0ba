/**
 * TensorVariable, TensorConstant and TensorSharedVariable. The methods are
 * sugar over the user functions (x.add(y) is pt.add(x, y)); those functions
 * create TensorVariables in turn, so this module and theirs refer to each
 * other at call time only (never while modules load).
 */
import { Variable, type Apply, type Givens, type SharedContainer } from '@proj/graph';
import type { Dtype } from '../dtype/dtypes';
import type { TensorType } from '../type/tensor-type';
import { toNested, type NDArray } from '../value/ndarray';

/**
 * A symbolic tensor: a Variable whose Type is a TensorType. Its methods follow
 * PyTensor's operator table (add, sub, mul, trueDiv, ... , T, dimshuffle, reshape, sum).
 *
 * @example
 * const x = pt.dmatrix('x');
 * const y = x.mul(2).exp().sum({ axis: 1 });
 */
export class TensorVariable extends Variable<TensorType> {
  constructor(type: TensorType, owner: Apply | null = null, index: number | null = null, name?: string) {
    super(type, owner, index, name);
  }

  get dtype(): Dtype {
    return this.type.dtype;
  }

  get ndim(): number {
    return this.type.ndim;
  }

  get broadcastable(): boolean[] {
    return this.type.broadcastable;
  }

  /** Evaluates with the reference evaluator and returns the ndarray. */
  override eval(givens?: Givens): NDArray {
    return super.eval(givens) as NDArray;
  }

  /** Evaluates and returns nested JS arrays (numbers, BigInts for int64, booleans). */
  evalNested(givens?: Givens): unknown {
    return toNested(this.eval(givens));
  }
}

/**
 * A tensor with a fixed value. The value is copied when the constant is made
 * (later changes to the caller's array do not reach the graph).
 *
 * @example
 * const c = pt.constant([1, 2, 3]); // TensorConstant of dtype int8
 */
export class TensorConstant extends TensorVariable {
  readonly data: NDArray;

  constructor(type: TensorType, value: unknown, name?: string) {
    super(type, null, null, name);
    const filtered = type.filter(value);
    this.data = filtered === value ? type.copyValue(filtered) : filtered;
  }

  override clone(): TensorConstant {
    const cp = new TensorConstant(this.type, this.data, this.name);
    cp.tag = { ...this.tag };
    return cp;
  }

  override storedValue(): { readonly value: unknown } {
    return { value: this.data };
  }

  override isConstant(): boolean {
    return true;
  }

  /** Equal for interchangeable constants (same Type and values). */
  signature(): string {
    return `${this.type.hash()}|${this.type.valueSignature(this.data)}`;
  }

  override toString(): string {
    return this.name ?? this.type.valueToString(this.data);
  }
}

/**
 * A tensor input that keeps its value between calls (pt.shared). getValue and
 * setValue copy unless `borrow`; clones share the value.
 *
 * @example
 * const w = pt.shared(zeros, 'w'); w.setValue(ones);
 */
export class TensorSharedVariable extends TensorVariable {
  readonly container: SharedContainer;

  constructor(type: TensorType, value: unknown, options: { name?: string; borrow?: boolean; container?: SharedContainer; allowDowncast?: boolean } = {}) {
    super(type, null, null, options.name);
    this.container = options.container ?? { value: ownValue(type, value, options.borrow ?? false, options.allowDowncast ?? false) };
  }

  /** The current value: a copy, unless `borrow`. */
  getValue(options: { borrow?: boolean } = {}): NDArray {
    const v = this.container.value as NDArray;
    return options.borrow ? v : this.type.copyValue(v);
  }

  /** Sets the value (converted to this Type; copied unless `borrow`). */
  setValue(value: unknown, options: { borrow?: boolean; allowDowncast?: boolean } = {}): void {
    this.container.value = ownValue(this.type, value, options.borrow ?? false, options.allowDowncast ?? false);
  }

  override storedValue(): { readonly value: unknown } {
    return this.container;
  }

  override clone(): TensorSharedVariable {
    const cp = new TensorSharedVariable(this.type, undefined, { name: this.name, container: this.container });
    cp.tag = { ...this.tag };
    return cp;
  }
}

function ownValue(type: TensorType, value: unknown, borrow: boolean, allowDowncast: boolean): NDArray {
  const filtered = type.filter(value, { allowDowncast });
  return borrow || filtered !== value ? filtered : type.copyValue(filtered);
}
