/**
 * exp(x) - 1 -> expm1(x): exp(x) rounds to 1 for tiny x and the subtraction
 * then loses every digit; expm1 keeps them.
 */
import { p, patternRewriter } from '../../pattern';
import { isRealFloat } from './util';

/**
 * exp(x) - 1 -> expm1(x), for real float x.
 *
 * @example
 * new WalkingGraphRewriter(expm1FromExp).rewrite(fg); // Elemwise{expm1}(x)
 */
export const expm1FromExp = patternRewriter({
  name: 'expm1FromExp',
  tags: ['stabilize', 'fast_run'],
  // exp(x) - 1 -> expm1(x)
  from: p.sub(p.exp(p.var('x', isRealFloat)), p.const(1)),
  to: p.expm1(p.var('x')),
});
