/**
 * grad: symbolic gradients of a scalar cost (PyTensor's pytensor.gradient.grad).
 */
import { checkOptions, optionKeys, ArgumentError, DisconnectedType, NullType, TypeMismatchError, Variable, describeThing, disconnectedType, formatTrace } from '@proj/graph';
import * as pt from '@proj/tensor';
import { Backprop } from './backprop';
import { DisconnectedInputError, NullTypeGradError } from './errors';
import { floatZerosLike, gradDtype, isContinuousVar, ndimOf, oneOf, variableList, warn } from './grad-util';

/** Known gradients: a Map, or [variable, gradient] pairs. */
export type KnownGrads = ReadonlyMap<Variable, Variable> | readonly (readonly [Variable, Variable])[];

/** What to do when a `wrt` element is not connected to the cost. */
export type DisconnectedInputs = 'ignore' | 'warn' | 'raise';

/** What to return for a disconnected `wrt` element. */
export type ReturnDisconnected = 'none' | 'zero' | 'disconnected';

/** Options of grad. */
export interface GradOptions {
  /** Expressions not to backpropagate through (their own gradient is still computed). */
  considerConstant?: readonly Variable[];
  /** A `wrt` element the cost does not depend on: 'raise' (default) a DisconnectedInputError, 'warn', or 'ignore'. */
  disconnectedInputs?: DisconnectedInputs;
  /** Name the gradients `(dcost/dx)` when both are named (default true). */
  addNames?: boolean;
  /**
   * Gradients known in advance. A variable's known gradient is its whole
   * gradient (what would flow back into it from the cost is not added), as in PyTensor.
   */
  knownGrads?: KnownGrads;
  /** For a disconnected `wrt` element: 'zero' (default, float zeros shaped like it), 'none' (null), 'disconnected' (a DisconnectedType variable). */
  returnDisconnected?: ReturnDisconnected;
  /** A gradient that is undefined (NullType): 'raise' (default) a NullTypeGradError, or 'return' it. */
  nullGradients?: 'raise' | 'return';
}

/** Options with which every result is a gradient of the `wrt` element's kind (never null, Disconnected or NullType). */
export type StrictGradOptions = GradOptions & { returnDisconnected?: 'zero'; nullGradients?: 'raise' };

/** A tensor's gradient is a tensor. */
export type GradOf<W> = W extends pt.TensorVariable ? pt.TensorVariable : Variable;

/** The options grad and Lop share for finishing the gradients of `wrt`. */
export interface FinishOptions {
  readonly fn: string;
  readonly disconnectedInputs: DisconnectedInputs;
  readonly returnDisconnected: ReturnDisconnected;
  readonly nullGradients: 'raise' | 'return';
  readonly costName: string | undefined;
}

const GRAD_KEYS = optionKeys<GradOptions>({ considerConstant: true, disconnectedInputs: true, addNames: true, knownGrads: true, returnDisconnected: true, nullGradients: true });

/**
 * The gradients of `cost` (a scalar) with respect to `wrt`: one Variable, or a
 * list shaped like the `wrt` list. `cost` may be undefined when `knownGrads`
 * gives the gradients of some variables instead.
 *
 * The gradient of a discrete (integer or bool) `wrt` element is computed like
 * any other (a float gradient, PyTensor's test_grad_int); gradients do not
 * flow back through integer-valued outputs (they are zero there, by the Op
 * contract, which this driver enforces).
 *
 * @example
 * const x = pt.dvector('x');
 * const cost = pt.sum(pt.sqr(pt.tanh(x)));
 * const gx = grad(cost, x); // 2 tanh(x) (1 - tanh(x)^2)
 * const [ga, gb] = grad(cost2, [a, b], { disconnectedInputs: 'ignore' });
 */
export function grad<W extends Variable>(cost: Variable | null | undefined, wrt: W, options?: StrictGradOptions): GradOf<W>;
export function grad<W extends Variable>(cost: Variable | null | undefined, wrt: readonly W[], options?: StrictGradOptions): GradOf<W>[];
export function grad(cost: Variable | null | undefined, wrt: Variable, options: GradOptions): Variable | null;
export function grad(cost: Variable | null | undefined, wrt: readonly Variable[], options: GradOptions): (Variable | null)[];
export function grad(cost: Variable | null | undefined, wrt: Variable | readonly Variable[], options: GradOptions = {}): Variable | null | (Variable | null)[] {
  checkOptions('grad', options, GRAD_KEYS);
  const fn = 'grad';
  const disconnectedInputs = oneOf(fn, 'disconnectedInputs', options.disconnectedInputs, ['ignore', 'warn', 'raise'], 'raise');
  const returnDisconnected = oneOf(fn, 'returnDisconnected', options.returnDisconnected, ['none', 'zero', 'disconnected'], 'zero');
  const nullGradients = oneOf(fn, 'nullGradients', options.nullGradients, ['raise', 'return'], 'raise');
  const known = knownGradsMap(fn, options.knownGrads);
  if (cost === undefined || cost === null) {
    if (known.size === 0) {
      throw new ArgumentError({ op: fn, argument: 'cost', expected: 'a cost, or knownGrads when the cost is undefined', given: 'no cost and no knownGrads' });
    }
  } else {
    if (!(cost instanceof Variable)) throw new TypeMismatchError({ op: fn, argument: 'cost', expected: 'a Variable', given: describeThing(cost) });
    if (cost.type instanceof NullType) {
      throw new ArgumentError({ op: fn, argument: 'cost', expected: 'a cost with a value', given: `a NullType cost: ${cost.type.whyNull}` });
    }
    if (ndimOf(cost) !== 0) {
      throw new TypeMismatchError({ op: fn, argument: 'cost', expected: 'a scalar (0 dimensions; sum it, or use knownGrads / Lop)', given: `${cost} of type ${cost.type}` });
    }
  }
  const wrtList = variableList(fn, 'wrt', wrt);
  const considerConstant = variableList(fn, 'considerConstant', options.considerConstant ?? []);
  const seeds = new Map(known);
  if (cost !== undefined && cost !== null && !seeds.has(cost)) {
    seeds.set(cost, cost instanceof pt.TensorVariable ? pt.onesLike(cost, gradDtype(cost)) : floatOnes(cost));
  }
  const costName = options.addNames ?? true ? (cost ?? undefined)?.name : undefined;
  const engine = new Backprop({ outputs: [...seeds.keys()], wrt: wrtList, known: seeds, extra: new Map(), considerConstant, costName });
  const finish: FinishOptions = { fn, disconnectedInputs, returnDisconnected, nullGradients, costName };
  const result = finishGrads(engine, wrtList, finish);
  return Array.isArray(wrt) ? result : result[0]!;
}

function floatOnes(v: Variable): Variable {
  const own = (v as unknown as { onesLike?: () => Variable }).onesLike;
  if (typeof own !== 'function') throw new TypeMismatchError({ op: 'grad', argument: 'cost', expected: 'a tensor cost (or knownGrads for it)', given: `${v} of type ${v.type}` });
  return own.call(v);
}

/** knownGrads as a Map, each gradient checked (a Variable; NullType, DisconnectedType or continuous; same ndim). */
export function knownGradsMap(fn: string, knownGrads: KnownGrads | undefined): Map<Variable, Variable> {
  if (knownGrads === undefined) return new Map();
  let pairs: (readonly [unknown, unknown])[];
  if (knownGrads instanceof Map) pairs = [...knownGrads.entries()];
  else if (Array.isArray(knownGrads)) pairs = knownGrads as (readonly [unknown, unknown])[];
  else throw new TypeMismatchError({ op: fn, argument: 'knownGrads', expected: 'a Map from variables to gradients, or [variable, gradient] pairs', given: describeThing(knownGrads) });
  const m = new Map<Variable, Variable>();
  pairs.forEach((pair, k) => {
    if (!Array.isArray(pair) || pair.length !== 2) {
      throw new TypeMismatchError({ op: fn, argument: `knownGrads[${k}]`, expected: 'a [variable, gradient] pair', given: describeThing(pair) });
    }
    const [v, g] = pair;
    if (!(v instanceof Variable)) throw new TypeMismatchError({ op: fn, argument: `knownGrads[${k}]`, expected: 'a Variable as key', given: describeThing(v) });
    checkGradFor(fn, `knownGrads[${k}] (the gradient of ${v})`, v, g);
    m.set(v, g as Variable);
  });
  return m;
}

/** Checks that `g` can be the gradient of `v`: a Variable, NullType/DisconnectedType or continuous, of v's ndim. */
export function checkGradFor(fn: string, argument: string, v: Variable, g: unknown): asserts g is Variable {
  if (!(g instanceof Variable)) {
    throw new TypeMismatchError({ op: fn, argument, expected: 'a Variable (gradients must be symbolic; wrap values with pt.constant)', given: describeThing(g) });
  }
  if (g.type instanceof NullType || g.type instanceof DisconnectedType) return;
  if ((g.type as { dtype?: unknown }).dtype !== undefined && !isContinuousVar(g)) {
    throw new TypeMismatchError({ op: fn, argument, expected: 'a NullType, DisconnectedType or float gradient', given: `${g} of type ${g.type}` });
  }
  const nv = ndimOf(v);
  const ng = ndimOf(g);
  if (nv !== undefined && ng !== undefined && nv !== ng) {
    throw new TypeMismatchError({ op: fn, argument, expected: `a gradient with ${nv} dimensions (those of ${v}, type ${v.type})`, given: `${g} of type ${g.type}` });
  }
}

/**
 * Runs the engine and turns its results into what grad returns: NullType
 * gradients raise (or are returned), disconnected ones are reported as
 * `disconnectedInputs` says and replaced as `returnDisconnected` says.
 */
export function finishGrads(engine: Backprop, wrtList: readonly Variable[], o: FinishOptions): (Variable | null)[] {
  const reported = new Set<number>();
  // Report a wrt no gradient can reach before building anything (as PyTensor does).
  wrtList.forEach((v, i) => {
    if (!engine.reaches(v)) {
      handleDisconnected(o, v, i);
      reported.add(i);
    }
  });
  const grads = engine.run();
  return grads.map((g, i) => {
    const v = wrtList[i]!;
    if (g !== undefined && g.type instanceof NullType) {
      if (o.nullGradients === 'raise') {
        throw new NullTypeGradError(`${o.fn}: the gradient with respect to ${v} (wrt[${i}]) is undefined. ${g.type.whyNull}`, g.type.whyNull, v);
      }
      return g;
    }
    if (g === undefined || g.type instanceof DisconnectedType) {
      if (!reported.has(i)) handleDisconnected(o, v, i);
      if (o.returnDisconnected === 'zero') return floatZerosLike(v);
      if (o.returnDisconnected === 'none') return null;
      return g ?? disconnectedType();
    }
    if (o.costName !== undefined && v.name !== undefined && g.owner !== null && !engine.isGiven(g)) g.name = `(d${o.costName}/d${v.name})`;
    return g;
  });
}

function handleDisconnected(o: FinishOptions, v: Variable, i: number): void {
  if (o.disconnectedInputs === 'ignore') return;
  const message =
    `${o.fn} was asked for the gradient with respect to wrt[${i}] (${v} of type ${v.type}), which is not part of the ` +
    `computational graph of the cost, or is used only by a non-differentiable operator`;
  if (o.disconnectedInputs === 'warn') {
    warn(message, 'DisconnectedInputWarning');
    return;
  }
  const where = v.owner ? `\n${formatTrace(v.owner.tag.trace, 'Its node was created at')}` : '';
  throw new DisconnectedInputError(`${message}. Pass disconnectedInputs: 'ignore' or 'warn' to get zeros instead.${where}`, v, i);
}
