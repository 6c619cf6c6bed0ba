/**
 * Multiplications by -1 and subtractions from 0 -> neg, one cheap unary op.
 */
import type { Apply, FunctionGraph, Variable } from '@proj/graph';
import { Elemwise, mul, neg, scalarMul, type TensorVariable } from '@proj/tensor';
import { nodeRewriter } from '../../node-rewriter';
import { p, patternRewriter, scalarConstantValue } from '../../pattern';

/**
 * mul(..., -1, ...) -> neg(mul(...)), any number of factors; fires only when
 * the product of the other factors has the output's Type (a -1 that widens
 * an unsigned or bool x, or broadcasts it, stays).
 *
 * @example
 * new WalkingGraphRewriter(mulMinusOneToNeg).rewrite(fg); // neg(x) for x * -1
 */
export const mulMinusOneToNeg = nodeRewriter({
  name: 'mulMinusOneToNeg',
  tags: ['specialize', 'fast_run'],
  tracks: [new Elemwise(scalarMul)],
  apply(_fg: FunctionGraph, node: Apply): Variable[] | undefined {
    // x * -1 -> -x
    const k = node.inputs.findIndex((v) => scalarConstantValue(v) === -1);
    if (k < 0 || node.inputs.length < 2) return undefined;
    const rest = node.inputs.filter((_, i) => i !== k) as TensorVariable[];
    const out = node.outputs[0]!;
    const product = rest.length === 1 ? rest[0]! : mul(...rest);
    // neg refuses bool; an unsigned x would wrap where x * -1 widened it.
    if (!product.type.equals(out.type)) return undefined;
    return [neg(product)];
  },
});

/**
 * 0 - x -> neg(x).
 *
 * @example
 * new WalkingGraphRewriter(subFromZeroToNeg).rewrite(fg); // neg(x)
 */
export const subFromZeroToNeg = patternRewriter({
  name: 'subFromZeroToNeg',
  tags: ['specialize', 'fast_run'],
  // 0 - x -> -x
  from: p.sub(p.const(0), p.var('x', (x) => x.dtype !== 'bool')),
  to: p.neg(p.var('x')),
});
