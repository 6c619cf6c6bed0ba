/**
 * Dot products with a scale and an add around them -> the BLAS Ops of
 * @proj/tensor (PyTensor's gemm_optimizer, local_gemm_to_gemv / ger):
 * beta * z + alpha * dot(x, y) -> gemm / gemv / ger, with any of alpha, beta
 * absent, for float32 / float64 operands of one dtype.
 */
import type { Apply, FunctionGraph, Variable } from '@proj/graph';
import {
  DimShuffle,
  Dot,
  Elemwise,
  add,
  gemmNoInplace,
  gemvNoInplace,
  ger,
  scalarAdd,
  scalarSub,
  shapeTuple,
  transpose,
  zeros,
  type TensorVariable,
} from '@proj/tensor';
import { nodeRewriter } from '../../node-rewriter';
import { isRealFloat } from '../stabilize/util';
import { scaleOf, sumTerms, type Term } from './gemm-terms';

const tags = ['specialize', 'fast_run'] as const;

/** u when `v` is DimShuffle{pattern}(u) for a vector u. */
function vectorBehind(v: Variable, pattern: string): TensorVariable | undefined {
  const node = v.owner;
  if (node === null || !(node.op instanceof DimShuffle) || node.op.newOrder.join(',') !== pattern) return undefined;
  return node.inputs[0] as TensorVariable;
}

/** Whether z can be the accumulator of `out` without broadcasting into it: each length known equal, or z's unknown where out's is not 1. */
function fitsWithoutBroadcast(z: TensorVariable, out: TensorVariable): boolean {
  return z.dtype === out.dtype && z.ndim === out.ndim && z.type.shape.every((l, d) => l === out.type.shape[d] || (l === null && out.type.shape[d] !== 1));
}

/** beta * z + alpha * dot(a, b) as a Gemm / Gemv / Ger, or undefined when no BLAS Op fits these shapes. */
function blasOf(z: TensorVariable, beta: number | TensorVariable, alpha: number | TensorVariable, a: TensorVariable, b: TensorVariable): TensorVariable | undefined {
  if (a.ndim === 2 && b.ndim === 2 && z.ndim === 2) {
    // An outer product (pt.outer: dot of a column and a row) with z kept whole is a rank-1 update.
    const u = vectorBehind(a, '0,x');
    const v = vectorBehind(b, 'x,0');
    if (u !== undefined && v !== undefined && beta === 1) return ger(z, alpha, u, v);
    return gemmNoInplace(z, alpha, a, b, beta);
  }
  if (a.ndim === 2 && b.ndim === 1 && z.ndim === 1) return gemvNoInplace(z, alpha, a, b, beta);
  if (a.ndim === 1 && b.ndim === 2 && z.ndim === 1) return gemvNoInplace(z, alpha, transpose(b), a, beta);
  return undefined;
}

/** The Dot node of a term whose base is a product of float operands of `dtype` used by this term alone. */
function dotOf(term: Term, dtype: string): Apply | undefined {
  const node = term.base.owner;
  if (node === null || !(node.op instanceof Dot) || !term.private) return undefined;
  return node.inputs.every((v) => isRealFloat(v) && (v as TensorVariable).dtype === dtype) ? node : undefined;
}

/**
 * beta * z + alpha * dot(x, y) (+ other terms) -> gemm(z, alpha, x, y, beta)
 * for matrices, gemv for a matrix and a vector, ger for an outer product
 * (z + alpha * outer(u, v)). The terms may be negated or scaled by scalars;
 * z must have the output's dtype and shape (no broadcasting into it).
 *
 * @example
 * new WalkingGraphRewriter(gemmFromDot).rewrite(fg); // z + 2 * dot(x, y) -> Gemm{no_inplace}(z, 2, x, y, 1)
 */
export const gemmFromDot = nodeRewriter({
  name: 'gemmFromDot',
  tags,
  tracks: [new Elemwise(scalarAdd), new Elemwise(scalarSub)],
  apply(fgraph: FunctionGraph, node: Apply): Variable[] | undefined {
    // beta * z + alpha * dot(x, y) -> gemm(z, alpha, x, y, beta)
    const out = node.outputs[0] as TensorVariable;
    if (!isRealFloat(out)) return undefined;
    const terms = sumTerms(fgraph, out);
    if (terms === undefined) return undefined;
    for (let i = 0; i < terms.length; i++) {
      const dot = dotOf(terms[i]!, out.dtype);
      if (dot === undefined) continue;
      const alpha = scaleOf(terms[i]!, out.dtype);
      if (alpha === undefined) continue;
      for (let j = 0; j < terms.length; j++) {
        const zt = terms[j]!;
        if (j === i || !fitsWithoutBroadcast(zt.base, out)) continue;
        const beta = scaleOf(zt, out.dtype);
        if (beta === undefined) continue;
        const blas = blasOf(zt.base, beta, alpha, dot.inputs[0] as TensorVariable, dot.inputs[1] as TensorVariable);
        if (blas === undefined) continue;
        // Only an add has more than two terms, all of them added.
        const rest = terms.filter((_, k) => k !== i && k !== j).map((t) => t.input);
        const rep = rest.length === 0 ? blas : add(blas, ...rest);
        if (rep.type.equals(out.type)) return [rep];
      }
    }
    return undefined;
  },
});

/** Whether a client of a dot could fold it into a gemm (an add, sub, mul or neg around it). */
function feedsASum(fgraph: FunctionGraph, v: Variable): boolean {
  return fgraph.getClients(v).some((c) => c.node !== 'output' && c.node.op instanceof Elemwise && ['add', 'sub', 'mul', 'neg'].includes(c.node.op.scalarOp.name));
}

/**
 * dot(x, y) of two float matrices on its own -> gemm(zeros, 1, x, y, 0)
 * (PyTensor's Dot22 step, made a Gemm so the in-place phase can write into
 * the fresh zeros). A dot inside a sum is left to gemmFromDot.
 *
 * @example
 * new WalkingGraphRewriter(dotToGemm).rewrite(fg); // Gemm{no_inplace}(Alloc(0, m, n), 1, x, y, 0)
 */
export const dotToGemm = nodeRewriter({
  name: 'dotToGemm',
  tags,
  tracks: [Dot],
  apply(fgraph: FunctionGraph, node: Apply): Variable[] | undefined {
    // dot(x, y) -> gemm(zeros, 1, x, y, 0)
    const out = node.outputs[0] as TensorVariable;
    const [x, y] = node.inputs as TensorVariable[];
    if (!isRealFloat(out) || x!.ndim !== 2 || y!.ndim !== 2 || x!.dtype !== out.dtype || y!.dtype !== out.dtype) return undefined;
    if (feedsASum(fgraph, out)) return undefined;
    const z = zeros([shapeTuple(x!)[0]!, shapeTuple(y!)[1]!], out.dtype);
    const rep = gemmNoInplace(z, 1, x!, y!, 0);
    return rep.type.equals(out.type) ? [rep] : undefined;
  },
});
