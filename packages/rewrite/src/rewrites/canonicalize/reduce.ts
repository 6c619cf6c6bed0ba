/**
 * Reduction canonicalizations (PyTensor's local_useless_reduce,
 * local_op_of_op, local_reduce_broadcastable, local_sum_prod_of_dimshuffle
 * style moves, and local_opt_alloc for sums of a broadcast value).
 */
import type { Apply, FunctionGraph, Variable } from '@proj/graph';
import {
  All,
  Alloc,
  Any,
  CAReduce,
  DimShuffle,
  Max,
  Min,
  Prod,
  Sum,
  TensorVariable,
  axesList,
  cast,
  dimshuffle,
  mul,
  type ShuffleEntry,
} from '@proj/tensor';
import { nodeRewriter } from '../../node-rewriter';
import { canonicalTags as tags, exactly, singleClient } from './util';

const REDUCTIONS = [Sum, Prod, Max, Min, All, Any] as const;

/**
 * The same reduction (class and props) over other axes; undefined for
 * reductions these rewrites do not know (ProdWithoutZeros counts zeros as 1,
 * so a reduction over no axis is not its input).
 *
 * @example
 * withAxes(new Sum([0, 2]), [1]); // Sum{axis=[1]}
 */
export function withAxes(op: CAReduce, axis: readonly number[] | null): CAReduce | undefined {
  const { dtype, accDtype } = op.props;
  if (op instanceof Sum) return new Sum(axis, { dtype, accDtype });
  if (op instanceof Prod) return new Prod(axis, { dtype, accDtype, noZerosInInput: op.props.noZerosInInput });
  if (op instanceof Max) return new Max(axis);
  if (op instanceof Min) return new Min(axis);
  if (op instanceof All) return new All(axis);
  if (op instanceof Any) return new Any(axis);
  return undefined;
}

/** Axes as a reduction prop: null when they are every one of `ndim` dimensions. */
function axisProp(axes: readonly number[], ndim: number): number[] | null {
  const sorted = [...new Set(axes)].sort((a, b) => a - b);
  return sorted.length === ndim && ndim > 0 ? null : sorted;
}

/** reduce(x, axis=[]) -> x (cast to the reduction's output dtype: sum of int8 is int64). */
export const uselessReduce = nodeRewriter({
  name: 'uselessReduce',
  tags,
  tracks: [...REDUCTIONS],
  apply(_fg: FunctionGraph, node: Apply) {
    // reduce(x, axis=[]) -> x
    const op = node.op as CAReduce;
    const x = node.inputs[0] as TensorVariable;
    if (op.axis === null ? x.ndim > 0 : op.axis.length > 0) return undefined;
    const rep = exactly(node.outputs[0]!, x);
    return rep && [rep];
  },
});

/**
 * sum(sum(x, axis=a), axis=b) -> sum(x, axis=a ∪ b'), with b renumbered to x's
 * dimensions; the same for prod, max, min, all, any. The inner reduction must
 * be used only here and keep its default dtypes (an explicit narrow dtype
 * would round or wrap in between).
 */
export const mergeReductions = nodeRewriter({
  name: 'mergeReductions',
  tags,
  tracks: [...REDUCTIONS],
  apply(fgraph: FunctionGraph, node: Apply) {
    // reduce(reduce(x, a), b) -> reduce(x, a ∪ b')
    const outer = node.op as CAReduce;
    const v = node.inputs[0]!;
    const innerNode = v.owner;
    if (innerNode === null || innerNode.op.constructor !== outer.constructor || !singleClient(fgraph, v)) return undefined;
    const inner = innerNode.op as CAReduce;
    if (inner.props.dtype !== null || inner.props.accDtype !== null) return undefined;
    if (inner instanceof Prod && outer instanceof Prod && inner.props.noZerosInInput !== outer.props.noZerosInInput) return undefined;
    const x = innerNode.inputs[0] as TensorVariable;
    const first = axesList(inner.axis, x.ndim);
    const remaining = [...Array(x.ndim).keys()].filter((d) => !first.includes(d));
    const second = axesList(outer.axis, remaining.length).map((a) => remaining[a]!);
    const op = withAxes(outer, axisProp([...first, ...second], x.ndim));
    const rep = op && exactly(node.outputs[0]!, op.call(x));
    return rep && [rep];
  },
});

/**
 * reduce(DimShuffle{o}(x), axis=a) -> DimShuffle{o'}(reduce(x, axis=a')):
 * the reduction moves onto x (over the x dimensions the reduced axes come
 * from; axes added by the shuffle are length 1 and vanish), and a shuffle of
 * the result restores the order, the added and the dropped dimensions.
 */
export const reduceOfDimShuffle = nodeRewriter({
  name: 'reduceOfDimShuffle',
  tags,
  tracks: [...REDUCTIONS],
  apply(_fg: FunctionGraph, node: Apply) {
    // reduce(ds(x), a) -> ds'(reduce(x, a'))
    const dsNode = node.inputs[0]!.owner;
    if (dsNode === null || !(dsNode.op instanceof DimShuffle)) return undefined;
    const order = dsNode.op.newOrder;
    const x = dsNode.inputs[0] as TensorVariable;
    const reduced = axesList((node.op as CAReduce).axis, order.length);
    const xAxes = reduced.map((i) => order[i]!).filter((e): e is number => e !== 'x');
    const op = withAxes(node.op as CAReduce, axisProp(xAxes, x.ndim));
    if (op === undefined) return undefined;
    const keptX = [...Array(x.ndim).keys()].filter((d) => !xAxes.includes(d));
    const pattern: ShuffleEntry[] = order.filter((_, i) => !reduced.includes(i)).map((e) => (e === 'x' ? 'x' : keptX.indexOf(e)));
    const rep = exactly(node.outputs[0]!, dimshuffle(op.call(x) as TensorVariable, pattern));
    return rep && [rep];
  },
});

/**
 * reduce(x, axis=a) -> DimShuffle(reduce(x, axis=a without d)) for the reduced
 * axes d that x's Type states have length 1: reducing one element is that
 * element, so those dimensions are just dropped.
 */
export const reduceOverBroadcastable = nodeRewriter({
  name: 'reduceOverBroadcastable',
  tags,
  tracks: [...REDUCTIONS],
  apply(_fg: FunctionGraph, node: Apply) {
    // reduce(x, a) -> ds(reduce(x, a without length-1 axes))
    const x = node.inputs[0] as TensorVariable;
    const reduced = axesList((node.op as CAReduce).axis, x.ndim);
    const unit = reduced.filter((d) => x.type.shape[d] === 1);
    if (unit.length === 0) return undefined;
    const rest = reduced.filter((d) => !unit.includes(d));
    const op = withAxes(node.op as CAReduce, rest);
    if (op === undefined) return undefined;
    const kept = [...Array(x.ndim).keys()].filter((d) => !rest.includes(d));
    const pattern = kept.map((d, i) => (unit.includes(d) ? -1 : i)).filter((i) => i >= 0);
    const rep = exactly(node.outputs[0]!, dimshuffle(op.call(x) as TensorVariable, pattern));
    return rep && [rep];
  },
});

/**
 * sum(alloc(c, *shape), axis=a) -> alloc(c * prod(shape[a]), *shape[not a])
 * (just the product when every axis is summed) for a one-element c.
 */
export const sumOfAlloc = nodeRewriter({
  name: 'sumOfAlloc',
  tags,
  tracks: [Sum],
  apply(_fg: FunctionGraph, node: Apply) {
    // sum(alloc(c, *shape), a) -> alloc(c * prod(shape[a]), *shape[not a])
    const alloc = node.inputs[0]!.owner;
    if (alloc === null || !(alloc.op instanceof Alloc)) return undefined;
    const c = alloc.inputs[0] as TensorVariable;
    if (!c.type.shape.every((s) => s === 1)) return undefined;
    const out = node.outputs[0] as TensorVariable;
    const lengths = alloc.inputs.slice(1);
    const reduced = axesList((node.op as Sum).axis, lengths.length);
    const scalar = c.ndim === 0 ? c : dimshuffle(c, []);
    const factors = [scalar, ...reduced.map((d) => lengths[d]!)].map((v) => cast(v as TensorVariable, out.dtype));
    const total = factors.length === 1 ? factors[0]! : mul(...(factors as [TensorVariable, ...TensorVariable[]]));
    const remaining: Variable[] = lengths.filter((_, d) => !reduced.includes(d));
    const rep = exactly(out, remaining.length === 0 ? total : (new Alloc().call(total, ...remaining) as TensorVariable));
    return rep && [rep];
  },
});
