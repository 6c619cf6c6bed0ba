/**
 * pow with a constant exponent -> the dedicated elementwise function, which is
 * cheaper than the general pow (and exact for x * x).
 */
import { p, patternRewriter } from '../../pattern';

const tags = ['specialize', 'fast_run'] as const;

/**
 * pow(x, 2) -> sqr(x).
 *
 * @example
 * new WalkingGraphRewriter(powTwoToSqr).rewrite(fg); // Elemwise{sqr}(x)
 */
export const powTwoToSqr = patternRewriter({
  name: 'powTwoToSqr',
  tags,
  // x ** 2 -> sqr(x)
  from: p.pow(p.var('x'), p.const(2)),
  to: p.sqr(p.var('x')),
});

/**
 * pow(x, 0.5) -> sqrt(x).
 *
 * @example
 * new WalkingGraphRewriter(powHalfToSqrt).rewrite(fg); // Elemwise{sqrt}(x)
 */
export const powHalfToSqrt = patternRewriter({
  name: 'powHalfToSqrt',
  tags,
  // x ** 0.5 -> sqrt(x)
  from: p.pow(p.var('x'), p.const(0.5)),
  to: p.sqrt(p.var('x')),
});

/**
 * pow(x, -1) -> reciprocal(x) (integer x keeps pow: its Type differs).
 *
 * @example
 * new WalkingGraphRewriter(powMinusOneToReciprocal).rewrite(fg); // Elemwise{reciprocal}(x)
 */
export const powMinusOneToReciprocal = patternRewriter({
  name: 'powMinusOneToReciprocal',
  tags,
  // x ** -1 -> 1 / x
  from: p.pow(p.var('x'), p.const(-1)),
  to: p.reciprocal(p.var('x')),
});

/**
 * pow(x, -0.5) -> reciprocal(sqrt(x)).
 *
 * @example
 * new WalkingGraphRewriter(powMinusHalfToRsqrt).rewrite(fg); // reciprocal(sqrt(x))
 */
export const powMinusHalfToRsqrt = patternRewriter({
  name: 'powMinusHalfToRsqrt',
  tags,
  // x ** -0.5 -> 1 / sqrt(x)
  from: p.pow(p.var('x'), p.const(-0.5)),
  to: p.reciprocal(p.sqrt(p.var('x'))),
});
