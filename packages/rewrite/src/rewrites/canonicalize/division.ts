/**
 * Canonicalizations of true division (PyTensor's local_zero_div, the x / x
 * case of its AlgebraicCanonizer, and the division by a constant it turns
 * into a product).
 */
import type { Apply, FunctionGraph } from '@proj/graph';
import { TensorVariable, applyElemwise, constant, isFloat, scalarMul, scalarTrueDiv, trueDiv } from '@proj/tensor';
import { nodeRewriter } from '../../node-rewriter';
import { p, patternRewriter } from '../../pattern';
import { canonicalTags as tags, elemwiseTrack, exactly, filledLike, foldNow, unitConstant } from './util';

/** x / x -> ones shaped like x (as PyTensor's canonizer, which ignores x == 0). */
export const divSelf = patternRewriter({
  name: 'divSelf',
  tags,
  from: p.trueDiv(p.var('x'), p.var('x')),
  to: (b, node) => filledLike(node.outputs[0]!, b.x!, 1),
});

/** 0 / x -> zeros shaped like x (PyTensor's local_zero_div). */
export const zeroDiv = patternRewriter({
  name: 'zeroDiv',
  tags,
  from: p.trueDiv(p.const(0), p.var('x')),
  to: (b, node) => filledLike(node.outputs[0]!, b.x!, 0),
});

/**
 * x / c -> x * (1 / c) for a float result and a finite nonzero one-element
 * constant c; 1 / c is computed now in the output's dtype.
 */
export const divByConst = nodeRewriter({
  name: 'divByConst',
  tags,
  tracks: [elemwiseTrack(scalarTrueDiv)],
  apply(_fg: FunctionGraph, node: Apply) {
    // x / c -> x * (1 / c)
    const out = node.outputs[0] as TensorVariable;
    const [x, c] = node.inputs as TensorVariable[];
    const value = unitConstant(c!);
    if (!isFloat(out.dtype) || value === undefined || value === 0 || !Number.isFinite(value)) return undefined;
    // A constant x is left to constant folding.
    if (unitConstant(x!) !== undefined) return undefined;
    const inverse = foldNow(trueDiv(constant(1, { dtype: out.dtype }), c!));
    const rep = exactly(out, applyElemwise(scalarMul, x!, inverse));
    return rep && [rep];
  },
});
