/**
 * Stable forms of expressions of the sigmoid: log(sigmoid(x)) underflows to
 * -inf once sigmoid(x) rounds to 0 (x below about -745), while -softplus(-x)
 * stays exact; 1 - sigmoid(x) rounds to 0 for large x, sigmoid(-x) does not.
 */
import { neg, sigmoid, softplus } from '@proj/tensor';
import { p, patternRewriter } from '../../pattern';
import { isRealFloat, negated } from './util';

const tags = ['stabilize', 'fast_run'] as const;

/**
 * log(sigmoid(x)) -> -softplus(-x) (x = -y gives -softplus(y)).
 *
 * @example
 * new WalkingGraphRewriter(logSigmoid).rewrite(fg); // neg(softplus(neg(x)))
 */
export const logSigmoid = patternRewriter({
  name: 'logSigmoid',
  tags,
  // log(sigmoid(x)) -> -softplus(-x)
  from: p.log(p.sigmoid(p.var('x', isRealFloat))),
  to: (b) => neg(softplus(negated(b.x!))),
});

/**
 * log(1 - sigmoid(x)) -> -softplus(x).
 *
 * @example
 * new WalkingGraphRewriter(logOneMinusSigmoid).rewrite(fg); // neg(softplus(x))
 */
export const logOneMinusSigmoid = patternRewriter({
  name: 'logOneMinusSigmoid',
  tags,
  // log(1 - sigmoid(x)) -> -softplus(x)
  from: p.log(p.sub(p.const(1), p.sigmoid(p.var('x', isRealFloat)))),
  to: p.neg(p.softplus(p.var('x'))),
});

/**
 * 1 - sigmoid(x) -> sigmoid(-x) (PyTensor's local_1msigmoid).
 *
 * @example
 * new WalkingGraphRewriter(oneMinusSigmoid).rewrite(fg); // sigmoid(neg(x))
 */
export const oneMinusSigmoid = patternRewriter({
  name: 'oneMinusSigmoid',
  tags,
  // 1 - sigmoid(x) -> sigmoid(-x)
  from: p.sub(p.const(1), p.sigmoid(p.var('x', isRealFloat))),
  to: (b) => sigmoid(negated(b.x!)),
});
