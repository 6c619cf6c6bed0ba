/** The user functions pt.sum and pt.prod. */
import type { Dtype } from '../dtype/dtypes';
import { asTensorVariable, type TensorLike } from '../basic/as-tensor';
import { dimshuffle } from '../shape/dimshuffle';
import type { TensorVariable } from '../variable/tensor-variable';
import { keepDimsPattern, normalizeAxes, type AxisArg } from './axis';
import type { CAReduce } from './careduce';
import { Prod, Sum } from './reduce-ops';
import { checkOptions, optionKeys } from '@proj/graph';

/** Options of the reductions: axis (undefined/null = all, an int, negative ints, a list) and keepdims. */
export interface ReduceOptions {
  readonly axis?: AxisArg;
  readonly keepdims?: boolean;
}

/** Options of sum/prod/mean: the output dtype and the accumulator dtype as well. */
export interface SumOptions extends ReduceOptions {
  readonly dtype?: Dtype;
  readonly accDtype?: Dtype;
}

/**
 * Applies a reduction Op made for the normalised axes, then puts the reduced
 * axes back as length-1 dimensions when `keepdims`.
 *
 * @example
 * reduceWith('pt.max', x, { axis: 1 }, (axis) => new Max(axis));
 */
export function reduceWith(fn: string, x: TensorLike, options: ReduceOptions, make: (axis: number[] | null) => CAReduce): TensorVariable {
  const t = asTensorVariable(x);
  const axis = normalizeAxes(fn, options.axis, t.ndim);
  const out = make(axis).call(t) as TensorVariable;
  return options.keepdims ? dimshuffle(out, keepDimsPattern(axis, t.ndim)) : out;
}

const SUM_KEYS = optionKeys<SumOptions>({ axis: true, keepdims: true, dtype: true, accDtype: true });

/**
 * Sum of the elements over `axis` (all by default). bool and integer inputs
 * give int64 (uint64 for unsigned), computed exactly; float32 accumulates in
 * float64.
 *
 * @example
 * pt.sum(x, { axis: [0, 2], keepdims: true });
 */
export function sum(x: TensorLike, options: SumOptions = {}): TensorVariable {
  checkOptions('pt.sum', options, SUM_KEYS);
  return reduceWith('pt.sum', x, options, (axis) => new Sum(axis, { dtype: options.dtype ?? null, accDtype: options.accDtype ?? null }));
}

/**
 * Product of the elements over `axis` (dtype rules as sum). With
 * `noZerosInInput` the gradient skips the handling of zeros (faster, and
 * differentiable twice), and is wrong if there are zeros.
 *
 * @example
 * pt.prod(x, { axis: 1 });
 */
export function prod(x: TensorLike, options: SumOptions & { noZerosInInput?: boolean } = {}): TensorVariable {
  checkOptions('pt.prod', options, [...SUM_KEYS, 'noZerosInInput']);
  return reduceWith('pt.prod', x, options, (axis) => new Prod(axis, { dtype: options.dtype ?? null, accDtype: options.accDtype ?? null, noZerosInInput: options.noZerosInInput ?? false }));
}
