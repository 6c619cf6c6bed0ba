/** The user functions pt.max, pt.min, pt.all, pt.any and pt.ptp. */
import type { TensorLike } from '../basic/as-tensor';
import { sub } from '../math/arith';
import type { TensorVariable } from '../variable/tensor-variable';
import { All, Any, Max, Min } from './reduce-ops';
import { reduceWith, type ReduceOptions } from './sum';
import { checkOptions, optionKeys } from '@proj/graph';

const REDUCE_KEYS = optionKeys<ReduceOptions>({ axis: true, keepdims: true });

/**
 * The maximum over `axis` (all by default), in the input dtype. NaN
 * propagates; an empty reduction is an error (no identity), as in NumPy.
 *
 * @example
 * pt.max(x, { axis: 0 });
 */
export function max(x: TensorLike, options: ReduceOptions = {}): TensorVariable {
  checkOptions('pt.max', options, REDUCE_KEYS);
  return reduceWith('pt.max', x, options, (axis) => new Max(axis));
}

/**
 * The minimum over `axis` (all by default), in the input dtype. NaN propagates.
 *
 * @example
 * pt.min(x, { axis: [0, 1], keepdims: true });
 */
export function min(x: TensorLike, options: ReduceOptions = {}): TensorVariable {
  checkOptions('pt.min', options, REDUCE_KEYS);
  return reduceWith('pt.min', x, options, (axis) => new Min(axis));
}

/**
 * Whether every element over `axis` is true (nonzero; NaN counts as true), as bool.
 *
 * @example
 * pt.all(x, { axis: 1 });
 */
export function all(x: TensorLike, options: ReduceOptions = {}): TensorVariable {
  checkOptions('pt.all', options, REDUCE_KEYS);
  return reduceWith('pt.all', x, options, (axis) => new All(axis));
}

/**
 * Whether any element over `axis` is true (nonzero), as bool.
 *
 * @example
 * pt.any(x);
 */
export function any(x: TensorLike, options: ReduceOptions = {}): TensorVariable {
  checkOptions('pt.any', options, REDUCE_KEYS);
  return reduceWith('pt.any', x, options, (axis) => new Any(axis));
}

/**
 * Peak to peak: max - min over `axis` (bool is refused, as NumPy's subtract does).
 *
 * @example
 * pt.ptp(x, { axis: 0 });
 */
export function ptp(x: TensorLike, options: ReduceOptions = {}): TensorVariable {
  checkOptions('pt.ptp', options, REDUCE_KEYS);
  return sub(reduceWith('pt.ptp', x, options, (axis) => new Max(axis)), reduceWith('pt.ptp', x, options, (axis) => new Min(axis)));
}
