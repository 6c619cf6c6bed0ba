/**
 * Flattening of add/mul trees and the collection of their constants (the
 * part of PyTensor's AlgebraicCanonizer, local_add_canonizer /
 * local_mul_canonizer, that gathers terms and folds the constant ones).
 */
import type { Apply, FunctionGraph } from '@proj/graph';
import { TensorVariable, applyElemwise, cast, scalarAdd, scalarMul, toNested, type NDArray, type ScalarOp } from '@proj/tensor';
import { nodeRewriter, type NodeRewriter } from '../../node-rewriter';
import { canonicalTags as tags, elemwiseTrack, exactly, foldNow, isElemwiseOf, singleClient, unitConstant } from './util';

/**
 * op(..., op(a, b), ...) -> op(..., a, b, ...) for an associative op, when the
 * inner node is used only here and computes in the outer output's dtype (an
 * inner int8 sum that wraps must not be recomputed in int16).
 */
function flattening(name: string, scalar: ScalarOp): NodeRewriter {
  return nodeRewriter({
    name,
    tags,
    tracks: [elemwiseTrack(scalar)],
    apply(fgraph: FunctionGraph, node: Apply) {
      // op(op(a, b), c) -> op(a, b, c)
      const out = node.outputs[0] as TensorVariable;
      const flat: TensorVariable[] = [];
      let changed = false;
      for (const v of node.inputs as TensorVariable[]) {
        const inner = v.owner;
        if (isElemwiseOf(inner, scalar) && v.dtype === out.dtype && singleClient(fgraph, v)) {
          flat.push(...(inner.inputs as TensorVariable[]));
          changed = true;
        } else flat.push(v);
      }
      if (!changed) return undefined;
      const rep = exactly(out, applyElemwise(scalar, ...flat));
      return rep && [rep];
    },
  });
}

/** add(add(x, y), z) -> add(x, y, z). */
export const flattenAdd = flattening('flattenAdd', scalarAdd);

/** mul(mul(x, y), z) -> mul(x, y, z). */
export const flattenMul = flattening('flattenMul', scalarMul);

/** Whether a folded constant is the op's neutral element (0 for add, 1 for mul). */
function isIdentity(c: TensorVariable, scalar: ScalarOp): boolean {
  const flat = [toNested(c.storedValue()!.value as NDArray)].flat(Infinity as 1) as unknown[];
  return flat.length === 1 && Number(flat[0]) === scalar.spec.identity;
}

/**
 * op(x, c1, y, c2) -> op(x, c, y) with c = op(c1, c2) computed now in the
 * output's dtype (so c1 + c2 does not wrap in a narrower dtype), and the
 * neutral constant (0 for add, 1 for mul) dropped.
 */
function collecting(name: string, scalar: ScalarOp): NodeRewriter {
  return nodeRewriter({
    name,
    tags,
    tracks: [elemwiseTrack(scalar)],
    apply(_fg: FunctionGraph, node: Apply) {
      // op(x, c1, c2) -> op(x, c1 op c2)
      const out = node.outputs[0] as TensorVariable;
      const inputs = node.inputs as TensorVariable[];
      const consts = inputs.map((v, i) => (unitConstant(v) !== undefined ? i : -1)).filter((i) => i >= 0);
      if (consts.length === 0 || consts.length === inputs.length) return undefined;
      // One constant: only a neutral one is worth folding (the cheap look comes first).
      if (consts.length === 1 && unitConstant(inputs[consts[0]!]!) !== scalar.spec.identity) return undefined;
      const folded = foldNow(consts.length === 1 ? cast(inputs[consts[0]!]!, out.dtype) : applyElemwise(scalar, ...consts.map((i) => cast(inputs[i]!, out.dtype))));
      const neutral = isIdentity(folded, scalar);
      if (consts.length === 1 && !neutral) return undefined;
      const rest = inputs.filter((_, i) => !consts.includes(i));
      const terms = neutral ? rest : inputs.flatMap((v, i) => (i === consts[0] ? [folded] : consts.includes(i) ? [] : [v]));
      const rep = exactly(out, terms.length === 1 ? terms[0] : applyElemwise(scalar, ...terms));
      return rep && [rep];
    },
  });
}

/** add(x, 1, 2) -> add(x, 3); add(x, y, 0) -> add(x, y). */
export const collectAddConstants = collecting('collectAddConstants', scalarAdd);

/** mul(2, x, 3) -> mul(6, x); mul(x, y, 1) -> mul(x, y). */
export const collectMulConstants = collecting('collectMulConstants', scalarMul);
