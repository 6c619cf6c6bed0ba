/**
 * TensorVariable, TensorConstant and TensorSharedVariable. The methods are
 * sugar over the user functions (x.add(y) is pt.add(x, y)); those functions
 * create TensorVariables in turn, so this module and theirs refer to each
 * other at call time only (never while modules load).
 */
import { ArgumentError, Variable, checkOptions, ownSharedValue, type Apply, type Givens, type SharedContainer } from '@proj/graph';
import type { Dtype } from '../dtype/dtypes';
import type { TensorType } from '../type/tensor-type';
import { toNested, type NDArray } from '../value/ndarray';
import type { TensorLike } from '../basic/as-tensor';
import { fill, onesLike, zerosLike } from '../basic/fill';
import * as arith from '../math/arith';
import * as bitwise from '../math/bitwise';
import { cast } from '../math/cast';
import * as cmp from '../math/compare';
import { conj, imag, real } from '../math/complex-parts';
import { clip } from '../math/condition';
import { tensorCopy } from '../math/copy';
import { getUnderlyingScalarConstantValue } from '../misc/constant-value';
import { round, type RoundMode } from '../math/rounding';
import * as special from '../math/special';
import * as tr from '../math/transcendental';
import * as trig from '../math/trigonometric';
import { argmax, argmin } from '../reduce/argmax';
import { all, any, max, min, ptp } from '../reduce/max';
import { mean, std, var_, type VarOptions } from '../reduce/mean';
import { prod, sum, type ReduceOptions, type SumOptions } from '../reduce/sum';
import { dimshuffle, type ShuffleEntry } from '../shape/dimshuffle';
import { flatten, reshape, type ReshapeOptions } from '../shape/reshape';
import { squeeze, swapaxes, transpose } from '../shape/rearrange';
import { shape } from '../shape/shape';
import type { ShapeArg } from '../shape/make-vector';
import { repeat, type RepeatOptions } from '../join/repeat';
import { getItem } from '../subtensor/get-item';
import { incSubtensor, setSubtensor, type IncOptions } from '../subtensor/inc-subtensor';
import type { IndexArg } from '../subtensor/index-entry';
import { choose } from '../extra/choose';
import { compress, nonzeroValues } from '../extra/compress';
import { cumprod, cumsum } from '../extra/cum';
import { diagonal, trace, type DiagonalOptions } from '../extra/diagonal';
import { nonzero } from '../extra/nonzero';
import { argsort, sort, type SortOptions } from '../extra/sort';
import { take, type TakeOptions } from '../extra/take';
import type { IndexMode } from '../extra/strided';
import { matmul } from '../linalg/matmul';
import { dot } from '../linalg/tensordot';

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

  // --- The operator table (PyTensor's _tensor_py_operators), as methods. ---

  /** this + others (pt.add). */
  add(...others: TensorLike[]): TensorVariable { return arith.add(this, ...others); }
  /** this - other (pt.sub). */
  sub(other: TensorLike): TensorVariable { return arith.sub(this, other); }
  /** this * others (pt.mul). */
  mul(...others: TensorLike[]): TensorVariable { return arith.mul(this, ...others); }
  /** this / other, a float result (pt.trueDiv; Python's `/`). */
  div(other: TensorLike): TensorVariable { return arith.trueDiv(this, other); }
  /** this / other (pt.trueDiv). */
  trueDiv(other: TensorLike): TensorVariable { return arith.trueDiv(this, other); }
  /** this // other (pt.intDiv; Python's `//`). */
  intDiv(other: TensorLike): TensorVariable { return arith.intDiv(this, other); }
  /** this % other with NumPy's sign rule (pt.mod). */
  mod(other: TensorLike): TensorVariable { return arith.mod(this, other); }
  /** this ** other (pt.pow). */
  pow(other: TensorLike): TensorVariable { return arith.pow(this, other); }
  /** -this. */
  neg(): TensorVariable { return arith.neg(this); }
  /** |this|. */
  abs(): TensorVariable { return arith.abs(this); }
  /** 1 / this. */
  reciprocal(): TensorVariable { return arith.reciprocal(this); }
  /** this ** 2. */
  sqr(): TensorVariable { return arith.sqr(this); }
  /** The sign of each element. */
  sign(): TensorVariable { return arith.sign(this); }

  lt(other: TensorLike): TensorVariable { return cmp.lt(this, other); }
  le(other: TensorLike): TensorVariable { return cmp.le(this, other); }
  gt(other: TensorLike): TensorVariable { return cmp.gt(this, other); }
  ge(other: TensorLike): TensorVariable { return cmp.ge(this, other); }
  /** Elementwise ==, a bool tensor (pt.eq). */
  eq(other: TensorLike): TensorVariable { return cmp.eq(this, other); }
  /** Elementwise !=, a bool tensor (pt.neq). */
  neq(other: TensorLike): TensorVariable { return cmp.neq(this, other); }
  /** Bitwise/logical and (Python's `&`). */
  and(other: TensorLike): TensorVariable { return bitwise.and_(this, other); }
  /** Bitwise/logical or (Python's `|`). */
  or(other: TensorLike): TensorVariable { return bitwise.or_(this, other); }
  /** Bitwise/logical xor (Python's `^`). */
  xor(other: TensorLike): TensorVariable { return bitwise.xor(this, other); }
  /** Bitwise/logical not (Python's `~`). */
  invert(): TensorVariable { return bitwise.invert(this); }

  exp(): TensorVariable { return tr.exp(this); }
  exp2(): TensorVariable { return tr.exp2(this); }
  expm1(): TensorVariable { return tr.expm1(this); }
  log(): TensorVariable { return tr.log(this); }
  log2(): TensorVariable { return tr.log2(this); }
  log10(): TensorVariable { return tr.log10(this); }
  log1p(): TensorVariable { return tr.log1p(this); }
  sqrt(): TensorVariable { return tr.sqrt(this); }
  sin(): TensorVariable { return trig.sin(this); }
  cos(): TensorVariable { return trig.cos(this); }
  tan(): TensorVariable { return trig.tan(this); }
  tanh(): TensorVariable { return trig.tanh(this); }
  sigmoid(): TensorVariable { return special.sigmoid(this); }
  softplus(): TensorVariable { return special.softplus(this); }
  erf(): TensorVariable { return special.erf(this); }

  /** A copy converted to `dtype` (pt.cast). */
  astype(dtype: Dtype | 'floatX'): TensorVariable { return cast(this, dtype); }
  /** Values limited to [min, max] (pt.clip). */
  clip(minValue: TensorLike, maxValue: TensorLike): TensorVariable { return clip(this, minValue, maxValue); }
  /** Rounded, half away from zero by default (pt.round). */
  round(mode?: RoundMode): TensorVariable { return round(this, mode); }
  conj(): TensorVariable { return conj(this); }
  conjugate(): TensorVariable { return conj(this); }
  /** The L-norm along `axis` (all elements by default): sum(|x|^L) ^ (1/L). */
  norm(L: number, axis?: number | number[]): TensorVariable {
    if (L === 0) throw new ArgumentError({ op: 'TensorVariable.norm', argument: 'L', expected: 'a non-zero order', given: '0' });
    if (L === Infinity) return max(arith.abs(this), { axis });
    return arith.pow(sum(arith.pow(arith.abs(this), L), { axis }), 1 / L);
  }
  /** The value of a scalar known when the graph is built (throws NotScalarConstantError otherwise). */
  getUnderlyingScalarConstantValue(): number | bigint | boolean | [number, number] { return getUnderlyingScalarConstantValue(this); }
  /** Moves the variable to a device: only 'cpu' exists here, and it is this variable. */
  transfer(target: string): TensorVariable {
    if (target !== 'cpu') throw new ArgumentError({ op: 'TensorVariable.transfer', argument: 'target', expected: "'cpu' (the only device)", given: JSON.stringify(target) });
    return this;
  }
  get real(): TensorVariable { return real(this); }
  get imag(): TensorVariable { return imag(this); }
  /** A new array with the same values (pt.tensorCopy). */
  copy(): TensorVariable { return tensorCopy(this); }
  /** `value` broadcast to this tensor's shape (pt.fill). */
  fill(value: TensorLike): TensorVariable { return fill(this, value); }
  zerosLike(dtype?: Dtype | 'floatX'): TensorVariable { return zerosLike(this, dtype); }
  onesLike(dtype?: Dtype | 'floatX'): TensorVariable { return onesLike(this, dtype); }

  sum(options?: SumOptions): TensorVariable { return sum(this, options); }
  prod(options?: SumOptions & { noZerosInInput?: boolean }): TensorVariable { return prod(this, options); }
  mean(options?: SumOptions): TensorVariable { return mean(this, options); }
  var(options?: VarOptions): TensorVariable { return var_(this, options); }
  std(options?: VarOptions): TensorVariable { return std(this, options); }
  max(options?: ReduceOptions): TensorVariable { return max(this, options); }
  min(options?: ReduceOptions): TensorVariable { return min(this, options); }
  argmax(options?: ReduceOptions): TensorVariable { return argmax(this, options); }
  argmin(options?: ReduceOptions): TensorVariable { return argmin(this, options); }
  all(options?: ReduceOptions): TensorVariable { return all(this, options); }
  any(options?: ReduceOptions): TensorVariable { return any(this, options); }
  ptp(options?: ReduceOptions): TensorVariable { return ptp(this, options); }

  /** The symbolic shape, an int64 vector (pt.shape). */
  get shape(): TensorVariable { return shape(this); }
  /** The number of elements, symbolic. */
  get size(): TensorVariable { return prod(shape(this)); }
  /** The transpose (all dimensions reversed). */
  get T(): TensorVariable { return transpose(this); }
  /** Reverses the dimensions, or permutes them as `axes` says. */
  transpose(...axes: number[]): TensorVariable { return transpose(this, axes.length > 0 ? axes : undefined); }
  /** Reorders dimensions, adds ('x') and drops broadcastable ones: x.dimshuffle(1, 'x', 0). */
  dimshuffle(...pattern: (ShuffleEntry | readonly ShuffleEntry[])[]): TensorVariable {
    const flat = pattern.length === 1 && Array.isArray(pattern[0]) ? (pattern[0] as ShuffleEntry[]) : (pattern as ShuffleEntry[]);
    return dimshuffle(this, flat);
  }
  /** A new shape with the same elements (-1 once for "the rest"). */
  reshape(newshape: ShapeArg, options?: ReshapeOptions): TensorVariable { return reshape(this, newshape, options); }
  flatten(ndim = 1): TensorVariable { return flatten(this, ndim); }
  ravel(): TensorVariable { return flatten(this, 1); }
  squeeze(axis?: number | readonly number[]): TensorVariable { return squeeze(this, axis); }
  swapaxes(axis1: number, axis2: number): TensorVariable { return swapaxes(this, axis1, axis2); }
  /** The NumPy dot product (pt.dot). */
  dot(other: TensorLike): TensorVariable { return dot(this, other); }
  /** The matrix product with batch broadcasting (pt.matmul; Python's `@`). */
  matmul(other: TensorLike): TensorVariable { return matmul(this, other); }
  sort(options?: SortOptions): TensorVariable { return sort(this, options); }
  argsort(options?: SortOptions): TensorVariable { return argsort(this, options); }
  cumsum(options?: { axis?: number | null }): TensorVariable { return cumsum(this, options); }
  cumprod(options?: { axis?: number | null }): TensorVariable { return cumprod(this, options); }
  diagonal(options?: DiagonalOptions): TensorVariable { return diagonal(this, options); }
  trace(options?: DiagonalOptions): TensorVariable { return trace(this, options); }
  take(indices: TensorLike, options?: TakeOptions): TensorVariable { return take(this, indices, options); }
  /** The elements (or slices along `axis`) where `condition` is true: pt.compress(condition, x). */
  compress(condition: TensorLike, options?: { axis?: number | null }): TensorVariable { return compress(condition, this, options); }
  /** Picks from `choices` by this tensor's values: pt.choose(x, choices). */
  choose(choices: TensorLike | readonly TensorLike[], options?: { mode?: IndexMode }): TensorVariable { return choose(this, choices, options); }
  /** The indices of the non-zero elements, one vector per dimension (pt.nonzero). */
  nonzero(): TensorVariable[] { return nonzero(this); }
  nonzeroValues(): TensorVariable { return nonzeroValues(this); }
  /** Repeats elements (pt.repeat). */
  repeat(repeats: TensorLike, options?: RepeatOptions): TensorVariable { return repeat(this, repeats, options); }

  /**
   * NumPy-style indexing: numbers, pt.slice(...) or ':' / '1:5' / '::-1', pt.newaxis (or null),
   * pt.ellipsis (or '...'), symbolic integer scalars, integer or bool arrays.
   *
   * @example
   * x.get(0, '::-1'); x.get([0, 2]); x.get(x.gt(0));
   */
  get(...args: IndexArg[]): TensorVariable { return getItem(this, args); }
  /** On the result of x.get(...): x with that part set to y (pt.setSubtensor). */
  set(y: TensorLike): TensorVariable { return setSubtensor(this, y); }
  /** On the result of x.get(...): x with that part incremented by y (pt.incSubtensor). */
  inc(y: TensorLike, options?: IncOptions): TensorVariable { return incSubtensor(this, y, options); }
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
    // Computed once: the value is the constant's own copy and never changes, and
    // the merge feature asks again on every import and input change (at
    // 100,000 nodes, re-serialising the value each time dominated rewriting).
    this.signatureText ??= `${this.type.hash()}|${this.type.valueSignature(this.data)}`;
    return this.signatureText;
  }

  private signatureText: string | undefined;

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
    this.container = options.container ?? { value: ownSharedValue(type, value, options) as NDArray };
  }

  /** The current value: a copy, unless `borrow`. */
  getValue(options: { borrow?: boolean } = {}): NDArray {
    checkOptions('SharedVariable.getValue', options, ['borrow']);
    const v = this.container.value as NDArray;
    return options.borrow ? v : this.type.copyValue(v);
  }

  /** Sets the value (converted to this Type; copied unless `borrow`). */
  setValue(value: unknown, options: { borrow?: boolean; allowDowncast?: boolean } = {}): void {
    checkOptions('SharedVariable.setValue', options, ['borrow', 'allowDowncast']);
    this.container.value = ownSharedValue(this.type, value, options) as NDArray;
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
