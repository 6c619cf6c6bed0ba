/**
 * log(1 - e^x) in its stable form log1mexp(x): 1 - exp(x) loses every digit
 * for x near 0, and log(-expm1(x)) rounds to log(1) = 0 for very negative x
 * where log1p(-e^x) keeps the tiny result.
 */
import { p, patternRewriter } from '../../pattern';
import { isRealFloat } from './util';

const tags = ['stabilize', 'fast_run'] as const;

/**
 * log(1 - exp(x)) -> log1mexp(x).
 *
 * @example
 * new WalkingGraphRewriter(log1mexpFromLog).rewrite(fg); // Elemwise{log1mexp}(x)
 */
export const log1mexpFromLog = patternRewriter({
  name: 'log1mexpFromLog',
  tags,
  // log(1 - exp(x)) -> log1mexp(x)
  from: p.log(p.sub(p.const(1), p.exp(p.var('x', isRealFloat)))),
  to: p.log1mexp(p.var('x')),
});

/**
 * log(-expm1(x)) -> log1mexp(x).
 *
 * @example
 * new WalkingGraphRewriter(log1mexpFromExpm1).rewrite(fg); // Elemwise{log1mexp}(x)
 */
export const log1mexpFromExpm1 = patternRewriter({
  name: 'log1mexpFromExpm1',
  tags,
  // log(-expm1(x)) -> log1mexp(x)
  from: p.log(p.neg(p.expm1(p.var('x', isRealFloat)))),
  to: p.log1mexp(p.var('x')),
});
