/**
 * pt.mean, pt.var, pt.std, and ReducedCount (the number of elements a
 * reduction folds, as a float scalar, for inputs whose static shape leaves it unknown).
 */
import { checkOptions, optionKeys, Apply, ArgumentError, DtypeError, Op, TypeMismatchError, disconnectedType, type ShapeTuple, type StorageCell, type Variable } from '@proj/graph';
import { isComplex, rawArrayCtor, type Dtype } from '../dtype/dtypes';
import { asTensorVariable, constant, type TensorLike } from '../basic/as-tensor';
import { mul, sub, trueDiv } from '../math/arith';
import { sqrt } from '../math/transcendental';
import { TensorType } from '../type/tensor-type';
import { fromRaw, type NDArray } from '../value/ndarray';
import { TensorVariable } from '../variable/tensor-variable';
import { axesList, axisText, normalizeAxes } from './axis';
import { sum, type ReduceOptions, type SumOptions } from './sum';

/**
 * max(prod of x.shape[axis] - ddof, 0) as a 0-d float of `dtype`; the
 * values of x are not read (no gradient flows).
 *
 * @example
 * new ReducedCount([0], 'float64', 0).call(x); // the number of rows of x
 */
export class ReducedCount extends Op<{ axis: readonly number[] | null; dtype: Dtype; ddof: number }> {
  constructor(axis: readonly number[] | null, dtype: Dtype, ddof = 0) {
    super({ axis, dtype, ddof });
  }

  override get name(): string {
    return `ReducedCount{${axisText(this.props.axis)}${this.props.ddof !== 0 ? `, ddof=${this.props.ddof}` : ''}}`;
  }

  override toString(): string {
    return this.name;
  }

  makeNode(x: Variable): Apply {
    if (!(x instanceof TensorVariable)) throw new TypeMismatchError({ op: this.name, argument: 0, expected: 'a tensor', given: `${x} of type ${x.type}` });
    const bad = (this.props.axis ?? []).find((a) => a >= x.ndim);
    if (bad !== undefined) throw new ArgumentError({ op: this.name, argument: 'axis', expected: `axes in [0, ${x.ndim})`, given: String(bad) });
    return new Apply(this, [x], [new TensorType(this.props.dtype, []).makeVariable()]);
  }

  override perform(_node: Apply, [x]: readonly unknown[], out: StorageCell[]): void {
    const shape = (x as NDArray).shape;
    const n = axesList(this.props.axis, shape.length).reduce((p, d) => p * shape[d]!, 1);
    const data = new (rawArrayCtor(this.props.dtype))(1);
    (data as Float64Array)[0] = Math.max(n - this.props.ddof, 0);
    out[0]![0] = fromRaw(this.props.dtype, data, []);
  }

  override inferShape(): ShapeTuple[] {
    return [[]];
  }

  override connectionPattern(): boolean[][] {
    return [[false]];
  }

  override grad(): Variable[] {
    return [disconnectedType()];
  }
}

/** The count as a constant when the static shape gives it, else a ReducedCount node. */
function count(x: TensorVariable, axis: number[] | null, dtype: Dtype, ddof = 0): TensorVariable {
  const lens = axesList(axis, x.ndim).map((d) => x.type.shape[d]!);
  if (lens.every((l) => l !== null)) return constant(Math.max(lens.reduce((p, l) => p * l!, 1) - ddof, 0), { dtype });
  return new ReducedCount(axis, dtype, ddof).call(x) as TensorVariable;
}

/** PyTensor divides by the count in float32 for float32/complex64 sums, else float64. */
function countDtype(d: Dtype): Dtype {
  return d === 'float32' || d === 'complex64' ? 'float32' : 'float64';
}

const MEAN_KEYS = optionKeys<SumOptions>({ axis: true, keepdims: true, dtype: true, accDtype: true });

/**
 * The mean over `axis` (all by default): the sum divided by the count.
 * Integer and bool inputs give float64, float32 gives float32; an empty
 * reduction gives NaN, as in NumPy.
 *
 * @example
 * pt.mean(x, { axis: 0, keepdims: true });
 */
export function mean(x: TensorLike, options: SumOptions = {}): TensorVariable {
  checkOptions('pt.mean', options, MEAN_KEYS);
  const t = asTensorVariable(x);
  const axis = normalizeAxes('pt.mean', options.axis, t.ndim);
  const s = sum(t, { ...options, axis });
  return trueDiv(s, count(t, axis, countDtype(s.dtype)));
}

/** Options of var and std: ddof (divide by N - ddof) and the corrected two-pass algorithm. */
export interface VarOptions extends ReduceOptions {
  /** Delta degrees of freedom: the divisor is N - ddof (clamped at 0), as NumPy's. */
  readonly ddof?: number;
  /** Subtract the rounding error term of the corrected two-pass algorithm (PyTensor's `corrected`). */
  readonly corrected?: boolean;
}

function variance(fn: string, x: TensorLike, options: VarOptions): TensorVariable {
  const t = asTensorVariable(x);
  if (isComplex(t.dtype)) throw new DtypeError({ op: fn, argument: 0, expected: 'a real dtype', given: t.dtype });
  const ddof = options.ddof ?? 0;
  if (typeof ddof !== 'number' || !Number.isFinite(ddof) || ddof < 0) {
    throw new ArgumentError({ op: fn, argument: 'ddof', expected: 'a non-negative number', given: String(ddof) });
  }
  const axis = normalizeAxes(fn, options.axis, t.ndim);
  const keepdims = options.keepdims ?? false;
  const centered = sub(t, mean(t, { axis, keepdims: true }));
  const cd = countDtype(centered.dtype);
  let v = trueDiv(sum(mul(centered, centered), { axis, keepdims }), count(t, axis, cd, ddof));
  if (options.corrected) {
    // The corrected two-pass algorithm: subtract (sum of the centered values)^2 / (N (N - ddof)).
    const s = sum(centered, { axis, keepdims });
    v = sub(v, trueDiv(trueDiv(mul(s, s), count(t, axis, cd)), count(t, axis, cd, ddof)));
  }
  return v;
}

const VAR_KEYS = optionKeys<VarOptions>({ axis: true, keepdims: true, ddof: true, corrected: true });

/**
 * The variance over `axis`: mean((x - mean(x))^2) with divisor N - ddof.
 * Integer inputs give float64.
 *
 * @example
 * pt.var_(x, { axis: 1, ddof: 1 });
 */
export function var_(x: TensorLike, options: VarOptions = {}): TensorVariable {
  checkOptions('pt.var', options, VAR_KEYS);
  return variance('pt.var', x, options);
}

/**
 * The standard deviation over `axis`: sqrt(var(x)).
 *
 * @example
 * pt.std(x, { axis: 0, ddof: 1 });
 */
export function std(x: TensorLike, options: VarOptions = {}): TensorVariable {
  checkOptions('pt.std', options, VAR_KEYS);
  return sqrt(variance('pt.std', x, options));
}
export { var_ as var };
