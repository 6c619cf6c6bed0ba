/** Conditional user functions: pt.switch (also exported as `switch`), pt.where and pt.clip. */
import { applyElemwise } from '../elemwise/apply';
import type { TensorLike } from '../basic/as-tensor';
import { scalarClip, scalarSwitch } from '../scalar/condition';
import type { TensorVariable } from '../variable/tensor-variable';

/**
 * Elementwise `cond ? ift : iff` with broadcasting (NumPy's where); the dtype
 * is the upcast of ift and iff. Exported as `switch` too, so `pt.switch(c, a, b)` works.
 *
 * @example
 * pt.switch(pt.lt(a, b), x, y);
 */
export function switch_(cond: TensorLike, ift: TensorLike, iff: TensorLike): TensorVariable {
  return applyElemwise(scalarSwitch, cond, ift, iff);
}

export { switch_ as switch };

/**
 * NumPy's name for switch.
 *
 * @example
 * pt.where(pt.isnan(x), 0, x);
 */
export const where = switch_;

/**
 * x with elements below `min` set to min and above `max` set to max
 * (broadcasting all three; no warning when min > max). Not for complex.
 *
 * @example
 * pt.clip(x, 0, 1);
 */
export function clip(x: TensorLike, min: TensorLike, max: TensorLike): TensorVariable {
  return applyElemwise(scalarClip, x, min, max);
}
