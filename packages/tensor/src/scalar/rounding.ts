/**
 * Scalar descriptors of rounding: ceil, floor, trunc (integer inputs give
 * floats, PyTensor's upgrade_to_float_no_complex), and the two rounding modes
 * round_half_to_even (NumPy's rint / round) and round_half_away_from_zero
 * (C's round), which take floats only, as in PyTensor. Their gradients are zero.
 */
import { ScalarOp, sameRule, upgradeToFloatNoComplex } from './scalar-op';
import { flatGrad } from './zero-grad';

/** Keeps the sign of a zero result from the input (-0.3 rounds to -0, as in C). */
function signedZero(r: number, x: number): number {
  return r === 0 ? (x < 0 || Object.is(x, -0) ? -0 : 0) : r;
}

/**
 * Round half to even (NumPy's rint, banker's rounding).
 *
 * @example
 * roundHalfToEvenNumber(2.5); // 2
 * roundHalfToEvenNumber(3.5); // 4
 */
export function roundHalfToEvenNumber(x: number): number {
  if (!Number.isFinite(x)) return x;
  const y = Math.floor(x);
  const r = x - y; // exact: both are doubles of the same binade or y is an integer below x
  let out: number;
  if (r > 0.5) out = y + 1;
  else if (r < 0.5) out = y;
  else out = y % 2 === 0 ? y : y + 1;
  return signedZero(out, x);
}

/**
 * Round half away from zero (C's round): 2.5 -> 3, -2.5 -> -3. Exact, unlike
 * floor(x + 0.5), which rounds 0.49999999999999994 up.
 *
 * @example
 * roundHalfAwayNumber(-2.5); // -3
 */
export function roundHalfAwayNumber(x: number): number {
  if (!Number.isFinite(x)) return x;
  const t = Math.trunc(x);
  const f = Math.abs(x - t);
  return signedZero(f >= 0.5 ? t + Math.sign(x) : t, x);
}

const floatOnly = ['b', 'i', 'u'] as const;

/** ceil(a): the smallest integer not below a. */
export const scalarCeil = new ScalarOp({
  name: 'ceil',
  nin: 1,
  outputDtype: upgradeToFloatNoComplex,
  impl: Math.ceil,
  grad: ([x]) => [flatGrad(x!)],
  js: ([a]) => `Math.ceil(${a})`,
});

/** floor(a): the largest integer not above a. */
export const scalarFloor = new ScalarOp({
  name: 'floor',
  nin: 1,
  outputDtype: upgradeToFloatNoComplex,
  impl: Math.floor,
  grad: ([x]) => [flatGrad(x!)],
  js: ([a]) => `Math.floor(${a})`,
});

/** trunc(a): rounds toward zero. */
export const scalarTrunc = new ScalarOp({
  name: 'trunc',
  nin: 1,
  outputDtype: upgradeToFloatNoComplex,
  impl: Math.trunc,
  grad: ([x]) => [flatGrad(x!)],
  js: ([a]) => `Math.trunc(${a})`,
});

/** Rounds half to even (NumPy's rint); floats only. */
export const scalarRoundHalfToEven = new ScalarOp({
  name: 'round_half_to_even',
  nin: 1,
  outputDtype: sameRule,
  impl: roundHalfToEvenNumber,
  grad: ([x]) => [flatGrad(x!)],
  js: ([a]) =>
    `((x) => { if (!Number.isFinite(x)) return x; const y = Math.floor(x); const r = x - y; const o = r > 0.5 ? y + 1 : r < 0.5 ? y : y % 2 === 0 ? y : y + 1; return o === 0 ? (x < 0 || Object.is(x, -0) ? -0 : 0) : o; })(${a})`,
  refuse: floatOnly,
});

/** Rounds half away from zero (C's round); floats only. */
export const scalarRoundHalfAwayFromZero = new ScalarOp({
  name: 'round_half_away_from_zero',
  nin: 1,
  outputDtype: sameRule,
  impl: roundHalfAwayNumber,
  grad: ([x]) => [flatGrad(x!)],
  js: ([a]) =>
    `((x) => { if (!Number.isFinite(x)) return x; const t = Math.trunc(x); const o = Math.abs(x - t) >= 0.5 ? t + Math.sign(x) : t; return o === 0 ? (x < 0 || Object.is(x, -0) ? -0 : 0) : o; })(${a})`,
  refuse: floatOnly,
});
