/**
 * log(1 + x) -> log1p(x): accurate for small x.
 */
import { p, patternRewriter } from '../../pattern';

/** log(1 + x) -> log1p(x) (the add in either order). */
export const log1pFromLog = patternRewriter({
  name: 'log1pFromLog',
  tags: ['stabilize', 'fast_run'],
  from: p.log(p.add(p.const(1), p.var('x'))),
  to: p.log1p(p.var('x')),
});
