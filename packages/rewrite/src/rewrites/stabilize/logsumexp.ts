/**
 * log(sum(exp(x), axis)) -> the max-shifted logsumexp: exp overflows to inf
 * for x above about 709 (and the sum of exps underflows to 0 below -745),
 * while m + log(sum(exp(x - m))) with m = max(x, axis) keeps every term of
 * the sum in [0, 1] with the largest equal to 1.
 */
import type { Apply, FunctionGraph, Variable } from '@proj/graph';
import {
  DimShuffle,
  Elemwise,
  Max,
  Sum,
  add,
  constant,
  dimshuffle,
  exp,
  isinf,
  log,
  max,
  scalarExp,
  scalarLog,
  scalarSub,
  scalarSwitch,
  sub,
  switch_,
  type TensorVariable,
} from '@proj/tensor';
import { nodeRewriter } from '../../node-rewriter';
import { isRealFloat, unaryInput } from './util';

/** Whether a DimShuffle only inserts length-1 dimensions (what keepdims puts after a reduction). */
function onlyAddsDims(op: DimShuffle): boolean {
  const kept = op.newOrder.filter((e) => e !== 'x');
  return kept.length === op.props.inputNdim && kept.every((e, i) => e === i);
}

/** The Variable under any DimShuffles. */
function unshuffled(v: Variable): Variable {
  let cur = v;
  while (cur.owner !== null && cur.owner.op instanceof DimShuffle) cur = cur.owner.inputs[0]!;
  return cur;
}

/**
 * Whether `x` is already y - switch(isinf(m), 0, m) with m a max of y: the
 * sum this rewrite builds, which must not be rewritten again.
 */
function isShifted(x: TensorVariable): boolean {
  const node = x.owner;
  if (node === null || !(node.op instanceof Elemwise) || !node.op.scalarOp.equals(scalarSub)) return false;
  const sw = unshuffled(node.inputs[1]!).owner;
  if (sw === null || !(sw.op instanceof Elemwise) || !sw.op.scalarOp.equals(scalarSwitch)) return false;
  const m = unshuffled(sw.inputs[2]!).owner;
  return m !== null && m.op instanceof Max && m.inputs[0] === node.inputs[0];
}

/**
 * m + log(sum(exp(x - m))) for the Sum `sumOp`, with m = max(x) over its axes;
 * an infinite m is replaced by 0, so that all -inf gives log(0) = -inf and a
 * +inf gives inf (x - m would be NaN there).
 */
function shiftedLogSumExp(sumOp: Sum, x: TensorVariable): TensorVariable {
  const axes = sumOp.axis === null ? [...x.type.shape.keys()] : [...sumOp.axis];
  const m = max(x, { axis: axes, keepdims: true });
  const safeM = switch_(isinf(m), constant(0, { dtype: x.dtype }), m);
  const lse = log(sumOp.call(exp(sub(x, safeM))) as TensorVariable);
  // m has the reduced axes as length-1 dimensions: drop them to add it to the reduced sum.
  const kept = [...x.type.shape.keys()].filter((d) => !axes.includes(d));
  return add(lse, dimshuffle(safeM, kept));
}

/**
 * log(sum(exp(x), axis)) -> max(x) + log(sum(exp(x - max(x)))), also through
 * the DimShuffle of keepdims, for real float x (PyTensor's local_log_sum_exp).
 *
 * @example
 * new WalkingGraphRewriter(logSumExp).rewrite(fg);
 */
export const logSumExp = nodeRewriter({
  name: 'logSumExp',
  tags: ['stabilize', 'fast_run'],
  tracks: [new Elemwise(scalarLog)],
  apply(_fg: FunctionGraph, node: Apply): Variable[] | undefined {
    // log(sum(exp(x), axis)) -> m + log(sum(exp(x - m), axis)), m = max(x, axis)
    const summed = unaryInput(node.outputs[0]!, scalarLog);
    if (summed === undefined) return undefined;
    let sumOut: Variable = summed;
    let keep: DimShuffle | undefined;
    if (summed.owner?.op instanceof DimShuffle && onlyAddsDims(summed.owner.op)) {
      keep = summed.owner.op;
      sumOut = summed.owner.inputs[0]!;
    }
    const sumNode = sumOut.owner;
    if (sumNode === null || !(sumNode.op instanceof Sum)) return undefined;
    const x = unaryInput(sumNode.inputs[0]!, scalarExp);
    if (x === undefined || !isRealFloat(x) || x.ndim === 0 || isShifted(x)) return undefined;
    const rep = shiftedLogSumExp(sumNode.op, x);
    const out = keep === undefined ? rep : (keep.call(rep) as TensorVariable);
    return out.type.equals(node.outputs[0]!.type) ? [out] : undefined;
  },
});
