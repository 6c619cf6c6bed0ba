/**
 * Reading a sum as scaled terms (PyTensor's _gemm_canonicalize, one level):
 * add(a, b, ...) and sub(a, b) as a list of sign * scale * base, where the
 * scale is a product of scalar factors (tensors whose every dimension is
 * known to have length 1) peeled off through mul and neg.
 */
import type { FunctionGraph, Variable } from '@proj/graph';
import { DimShuffle, Elemwise, TensorVariable, canCastSafely, dimshuffle, mul, neg, scalarAdd, scalarMul, scalarNeg, scalarSub, type Dtype } from '@proj/tensor';
import { scalarConstantValue } from '../../pattern';

/** One term of a sum: sign * product(scales) * base. */
export interface Term {
  /** The input of the add / sub this term is. */
  readonly input: TensorVariable;
  readonly sign: 1 | -1;
  readonly scales: readonly TensorVariable[];
  readonly base: TensorVariable;
  /** Whether every Variable between the input and the base (base included) is used by this term alone. */
  readonly private: boolean;
}

function elemwiseOf(v: Variable): Elemwise | undefined {
  const op = v.owner?.op;
  return op instanceof Elemwise && Object.keys(op.props.inplacePattern).length === 0 ? op : undefined;
}

/**
 * Whether every dimension of `v` is known to have length 1 (a scalar in disguise).
 *
 * @example
 * isScalarLike(pt.dimshuffle(pt.dscalar('a'), ['x', 'x'])); // true
 */
export function isScalarLike(v: Variable): v is TensorVariable {
  return v instanceof TensorVariable && v.type.shape.every((l) => l === 1);
}

/**
 * `v` as a 0-d tensor: the 0-d tensor a DimShuffle broadcast, or `v` with its length-1 dimensions dropped.
 *
 * @example
 * asScalar(pt.dimshuffle(a, ['x', 'x'])); // a
 */
export function asScalar(v: TensorVariable): TensorVariable {
  if (v.ndim === 0) return v;
  const inner = v.owner?.op instanceof DimShuffle ? (v.owner.inputs[0] as TensorVariable) : undefined;
  return inner !== undefined && inner.ndim === 0 ? inner : dimshuffle(v, []);
}

/**
 * sign * scales * base, peeling neg and mul-by-scalars off `input`.
 *
 * @example
 * splitTerm(fg, pt.neg(pt.mul(2, d)), 1); // { sign: -1, scales: [2 (broadcast)], base: d, ... }
 */
export function splitTerm(fgraph: FunctionGraph, input: TensorVariable, sign: 1 | -1): Term {
  let cur = input;
  let s: 1 | -1 = sign;
  const scales: TensorVariable[] = [];
  let only = true;
  for (;;) {
    only &&= fgraph.getClients(cur).length === 1;
    const op = elemwiseOf(cur);
    if (op?.scalarOp.equals(scalarNeg)) {
      s = s === 1 ? -1 : 1;
      cur = cur.owner!.inputs[0] as TensorVariable;
      continue;
    }
    if (op?.scalarOp.equals(scalarMul)) {
      const ins = cur.owner!.inputs as TensorVariable[];
      const bases = ins.filter((v) => !isScalarLike(v));
      if (bases.length === 1) {
        scales.push(...ins.filter(isScalarLike));
        cur = bases[0]!;
        continue;
      }
    }
    return { input, sign: s, scales, base: cur, private: only };
  }
}

/**
 * The terms of an add or sub node's output, or undefined for other nodes.
 *
 * @example
 * sumTerms(fg, pt.sub(z, pt.mul(2, d))); // [{ sign: 1, base: z }, { sign: -1, scales: [2], base: d }]
 */
export function sumTerms(fgraph: FunctionGraph, out: Variable): Term[] | undefined {
  const op = elemwiseOf(out);
  const ins = out.owner?.inputs as TensorVariable[] | undefined;
  if (op === undefined || ins === undefined) return undefined;
  if (op.scalarOp.equals(scalarAdd)) return ins.map((v) => splitTerm(fgraph, v, 1));
  if (op.scalarOp.equals(scalarSub)) return [splitTerm(fgraph, ins[0]!, 1), splitTerm(fgraph, ins[1]!, -1)];
  return undefined;
}

/**
 * sign * product(scales) as a BLAS alpha / beta of `dtype`: a JS number when
 * every factor is a constant, else a 0-d graph; undefined when the factors'
 * dtype does not cast safely to `dtype`.
 *
 * @example
 * scaleOf(term, 'float64'); // 1 for a bare term, -2 for -(2 * dot(x, y))
 */
export function scaleOf(term: Pick<Term, 'sign' | 'scales'>, dtype: Dtype): number | TensorVariable | undefined {
  const consts = term.scales.map((v) => scalarConstantValue(v));
  if (consts.every((c) => c !== undefined)) return consts.reduce((a: number, c) => a * c!, term.sign);
  const factors = term.scales.map(asScalar);
  const product = factors.length === 1 ? factors[0]! : mul(...factors);
  const signed = term.sign === 1 ? product : neg(product);
  return canCastSafely(signed.dtype, dtype) ? signed : undefined;
}
