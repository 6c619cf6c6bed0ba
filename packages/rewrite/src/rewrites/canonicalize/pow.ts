/**
 * Powers with the exponents 0 and 1 (PyTensor's local_pow_canonicalize);
 * other small exponents (x ** 2 -> sqr(x), x ** -1 -> reciprocal(x), ...)
 * are specializations.
 */
import { p, patternRewriter } from '../../pattern';
import { scalarPow } from '@proj/tensor';
import { canonicalTags as tags, exactly, filledLike } from './util';

/** x ** 0 -> ones shaped like x (1 even for x = 0, inf or NaN, as NumPy). */
export const powZero = patternRewriter({
  name: 'powZero',
  tags,
  from: p.elemwise(scalarPow, p.var('x'), p.const(0)),
  to: (b, node) => filledLike(node.outputs[0]!, b.x!, 1),
});

/** x ** 1 -> x (cast to the output's dtype when the exponent widened it). */
export const powOne = patternRewriter({
  name: 'powOne',
  tags,
  from: p.elemwise(scalarPow, p.var('x'), p.const(1)),
  to: (b, node) => exactly(node.outputs[0]!, b.x!),
});
