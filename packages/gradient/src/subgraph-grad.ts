/**
 * subgraphGrad: gradients of part of a graph, from known gradients and/or a
 * cost down to given end variables (PyTensor's pytensor.gradient.subgraph_grad).
 */
import { ArgumentError, TypeMismatchError, Variable, checkOptions, describeThing, optionKeys } from '@proj/graph';
import * as pt from '@proj/tensor';
import { grad, knownGradsMap, type KnownGrads } from './grad';
import { variableList } from './grad-util';

/** Options of subgraphGrad. */
export interface SubgraphGradOptions {
  /** Known gradients to start from (they are used as knownGrads). */
  start?: KnownGrads;
  /** An additional scalar cost (weight decay, a loss...). Needed when there is no `start`. */
  cost?: Variable;
  /** Also return the gradients of wrt from `start` and from `cost`, separately. */
  details?: boolean;
}

const SUBGRAPH_GRAD_KEYS = optionKeys<SubgraphGradOptions>({ start: true, cost: true, details: true });

/**
 * With respect to `wrt`, the gradients of `cost` and/or from the known `start`
 * gradients, going back no further than the `end` variables (held constant).
 * Returns [wrtGrads, endGrads]; with `details`, also the gradients of wrt from
 * `start` alone and from `cost` alone (null when not given). Disconnected
 * inputs get zeros. If the cost's gradient on a `start` variable is already
 * part of `start`, it is counted twice (as in PyTensor).
 *
 * @example
 * // Backpropagate one layer at a time through an MLP:
 * const [[gw2], [ga1]] = subgraphGrad([w2], [a1], { cost: cost2 });
 * const [[gw1]] = subgraphGrad([w1], [x], { start: [[a1, ga1]], cost: cost1 });
 */
export function subgraphGrad(wrt: readonly Variable[], end: readonly Variable[], options: SubgraphGradOptions & { details: true }): [Variable[], Variable[], Variable[] | null, Variable[] | null];
export function subgraphGrad(wrt: readonly Variable[], end: readonly Variable[], options?: SubgraphGradOptions): [Variable[], Variable[]];
export function subgraphGrad(
  wrt: readonly Variable[],
  end: readonly Variable[],
  options: SubgraphGradOptions = {},
): [Variable[], Variable[]] | [Variable[], Variable[], Variable[] | null, Variable[] | null] {
  const fn = 'subgraphGrad';
  checkOptions(fn, options, SUBGRAPH_GRAD_KEYS);
  if (!Array.isArray(wrt)) throw new TypeMismatchError({ op: fn, argument: 'wrt', expected: 'a list of Variables', given: describeThing(wrt) });
  if (!Array.isArray(end)) throw new TypeMismatchError({ op: fn, argument: 'end', expected: 'a list of Variables', given: describeThing(end) });
  const wrtList = variableList(fn, 'wrt', wrt);
  const endList = variableList(fn, 'end', end);
  const { cost, start } = options;
  const known = knownGradsMap(fn, start);
  if (cost === undefined && start === undefined) {
    throw new ArgumentError({ op: fn, argument: 'options', expected: 'a cost, or start gradients, or both', given: 'neither' });
  }
  const params = [...new Set([...wrtList, ...endList])];
  const common = { considerConstant: endList, disconnectedInputs: 'ignore' as const };
  const startGrads = start !== undefined ? grad(null, params, { ...common, knownGrads: known }) : null;
  const costGrads = cost !== undefined ? grad(cost, params, common) : null;
  const grads = startGrads && costGrads ? startGrads.map((g, i) => addGrads(g, costGrads[i]!)) : (startGrads ?? costGrads)!;
  const of = (vs: readonly Variable[], gs: readonly Variable[]) => vs.map((v) => gs[params.indexOf(v)]!);
  const wrtGrads = of(wrtList, grads);
  const endGrads = of(endList, grads);
  if (!options.details) return [wrtGrads, endGrads];
  return [wrtGrads, endGrads, startGrads && of(wrtList, startGrads), costGrads && of(wrtList, costGrads)];
}

function addGrads(a: Variable, b: Variable): Variable {
  if (a instanceof pt.TensorVariable && b instanceof pt.TensorVariable) return pt.add(a, b);
  const add = (a as unknown as { add?: (b: Variable) => Variable }).add;
  if (typeof add !== 'function') throw new TypeMismatchError({ op: 'subgraphGrad', argument: 'grads', expected: 'gradients that can be added', given: describeThing(a) });
  return add.call(a, b);
}
