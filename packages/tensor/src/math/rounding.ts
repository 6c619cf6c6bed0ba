/**
 * Rounding user functions: pt.ceil, pt.floor, pt.trunc (integer inputs give
 * floats, as in PyTensor), pt.round with its two modes, pt.rint and pt.iround.
 */
import { ArgumentError } from '@proj/graph';
import { applyElemwise } from '../elemwise/apply';
import type { TensorLike } from '../basic/as-tensor';
import { scalarCeil, scalarFloor, scalarRoundHalfAwayFromZero, scalarRoundHalfToEven, scalarTrunc } from '../scalar/rounding';
import type { TensorVariable } from '../variable/tensor-variable';
import { cast } from './cast';

/**
 * Elementwise ceiling (int8 gives float32, int32 float64).
 *
 * @example
 * pt.ceil([2.1, -2.1]).evalNested(); // [3, -2]
 */
export function ceil(x: TensorLike): TensorVariable {
  return applyElemwise(scalarCeil, x);
}

/**
 * Elementwise floor.
 *
 * @example
 * pt.floor([2.9, -2.1]).evalNested(); // [2, -3]
 */
export function floor(x: TensorLike): TensorVariable {
  return applyElemwise(scalarFloor, x);
}

/**
 * Elementwise rounding toward zero.
 *
 * @example
 * pt.trunc([2.9, -2.9]).evalNested(); // [2, -2]
 */
export function trunc(x: TensorLike): TensorVariable {
  return applyElemwise(scalarTrunc, x);
}

/** The rounding modes of pt.round. */
export type RoundMode = 'half_away_from_zero' | 'half_to_even';

/**
 * Elementwise rounding half to even (banker's rounding); floats only.
 *
 * @example
 * pt.roundHalfToEven([0.5, 1.5, 2.5]).evalNested(); // [0, 2, 2]
 */
export function roundHalfToEven(x: TensorLike): TensorVariable {
  return applyElemwise(scalarRoundHalfToEven, x);
}

/**
 * Elementwise rounding half away from zero (C's round); floats only.
 *
 * @example
 * pt.roundHalfAwayFromZero([0.5, -2.5]).evalNested(); // [1, -3]
 */
export function roundHalfAwayFromZero(x: TensorLike): TensorVariable {
  return applyElemwise(scalarRoundHalfAwayFromZero, x);
}

/**
 * NumPy's rint: rounding half to even.
 *
 * @example
 * pt.rint([2.5, 3.5]).evalNested(); // [2, 4]
 */
export const rint = roundHalfToEven;

function roundMode(mode: RoundMode | { mode?: RoundMode } | undefined, fn: string): RoundMode {
  const m = typeof mode === 'object' ? mode.mode : mode;
  if (m === undefined) return 'half_away_from_zero';
  if (m !== 'half_away_from_zero' && m !== 'half_to_even') {
    throw new ArgumentError({ op: fn, argument: 'mode', expected: "'half_away_from_zero' or 'half_to_even'", given: JSON.stringify(m) });
  }
  return m;
}

/**
 * Elementwise rounding in x's dtype (floats only), by `mode`:
 * 'half_away_from_zero' (the default, as the reference documents) or 'half_to_even'.
 *
 * @example
 * pt.round(x, 'half_to_even'); // or pt.round(x, { mode: 'half_to_even' })
 */
export function round(x: TensorLike, mode?: RoundMode | { mode?: RoundMode }): TensorVariable {
  return roundMode(mode, 'pt.round') === 'half_to_even' ? roundHalfToEven(x) : roundHalfAwayFromZero(x);
}

/**
 * round(x, mode) cast to int64 (PyTensor's iround).
 *
 * @example
 * pt.iround([1.5, -1.5]).evalNested(); // [2n, -2n]
 */
export function iround(x: TensorLike, mode?: RoundMode | { mode?: RoundMode }): TensorVariable {
  return cast(round(x, { mode: roundMode(mode, 'pt.iround') }), 'int64');
}
