/**
 * Lop (vector-Jacobian products, reverse mode) and Rop (Jacobian-vector
 * products, forward mode through each Op's Rop), as PyTensor's
 * pytensor.gradient.Lop and Rop.
 */
import {
  checkOptions,
  ArgumentError,
  DisconnectedType,
  DtypeError,
  MethodNotDefinedError,
  NullType,
  OpFromGraph,
  ShapeError,
  TypeMismatchError,
  Variable,
  ancestors,
  cloneReplace,
  describeNode,
  describeThing,
  disconnectedType,
  formatTrace,
  ioToposort,
  type Apply,
} from '@proj/graph';
import * as pt from '@proj/tensor';
import { Backprop } from './backprop';
import { DisconnectedInputError, NullTypeGradError } from './errors';
import { checkGradFor, finishGrads, type DisconnectedInputs, type GradOf, type ReturnDisconnected } from './grad';
import { connectionPatternOf, gradDtype, isContinuousVar, ndimOf, oneOf, variableList, warn } from './grad-util';

/** Options of Lop. */
export interface LopOptions {
  /** Expressions not to backpropagate through. */
  considerConstant?: readonly Variable[];
  /** A `wrt` element that `f` does not depend on: 'raise' (default), 'warn' or 'ignore' (zeros). */
  disconnectedInputs?: DisconnectedInputs;
}

/** Options of Rop. */
export interface RopOptions {
  /** An output of `f` that does not depend on `wrt`: 'raise' (default) a DisconnectedInputError, 'warn', or 'ignore'. */
  disconnectedOutputs?: DisconnectedInputs;
  /** For such an output: 'zero' (default, zeros like the output), 'none' (null), 'disconnected' (a DisconnectedType variable). */
  returnDisconnected?: ReturnDisconnected;
  /**
   * true (default): forward mode, each Op's Rop. false: two reverse passes
   * (PyTensor's default since 2.26: Rop = Lop of Lop with respect to a dummy
   * output gradient), which needs only the Ops' gradients.
   */
  useOpRopImplementation?: boolean;
}

/** Options with which every result of Rop is a variable of its output's kind (never null or DisconnectedType). */
export type StrictRopOptions = RopOptions & { returnDisconnected?: 'zero' };

type Tensorish = Variable | pt.TensorLike;

/**
 * The L-operator: the evaluation points (one per output of `f`) times the
 * Jacobian of `f` with respect to `wrt`, i.e. sum_i evalPoints[i]^T d f[i] / d wrt[j].
 * The result is shaped like `wrt` (one Variable or a list).
 *
 * @example
 * const y = pt.exp(x);
 * const vjp = Lop(y, x, v); // v * exp(x)
 */
export function Lop<W extends Variable>(f: Variable | readonly Variable[], wrt: W, evalPoints: Tensorish | readonly Tensorish[], options?: LopOptions): GradOf<W>;
export function Lop<W extends Variable>(f: Variable | readonly Variable[], wrt: readonly W[], evalPoints: Tensorish | readonly Tensorish[], options?: LopOptions): GradOf<W>[];
export function Lop(f: Variable | readonly Variable[], wrt: Variable | readonly Variable[], evalPoints: Tensorish | readonly Tensorish[], options: LopOptions = {}): Variable | Variable[] {
  checkOptions('Lop', options, ['considerConstant', 'disconnectedInputs']);
  const fn = 'Lop';
  const disconnectedInputs = oneOf(fn, 'disconnectedInputs', options.disconnectedInputs, ['ignore', 'warn', 'raise'], 'raise');
  const fList = variableList(fn, 'f', f);
  const evList = pointList(fn, f, evalPoints, fList.length);
  const wrtList = variableList(fn, 'wrt', wrt);
  const considerConstant = variableList(fn, 'considerConstant', options.considerConstant ?? []);
  // The evaluation points add up (f's elements may depend on each other).
  const extra = new Map<Variable, Variable[]>();
  fList.forEach((y, i) => {
    const ev = asEvalPoint(fn, `evalPoints[${i}]`, y, evList[i], 'gradient');
    extra.set(y, [...(extra.get(y) ?? []), ev]);
  });
  const engine = new Backprop({ outputs: fList, wrt: wrtList, known: new Map(), extra, considerConstant });
  const grads = finishGrads(engine, wrtList, { fn, disconnectedInputs, returnDisconnected: 'zero', nullGradients: 'raise', costName: undefined }) as Variable[];
  return Array.isArray(wrt) ? grads : grads[0]!;
}

/**
 * The R-operator: the Jacobian of `f` with respect to `wrt` times the
 * evaluation points (one per `wrt` element, of its type), i.e.
 * sum_j d f[i] / d wrt[j] evalPoints[j], shaped like `f`. Computed in forward
 * mode: the nodes between `wrt` and `f` in topological order, each Op's Rop
 * (an OpFromGraph without ropOverrides through its inner graph).
 *
 * @example
 * const jvp = Rop(pt.sum(x.mul(x)), x, v); // 2 sum(x * v)
 */
export function Rop<F extends Variable>(f: F, wrt: Variable | readonly Variable[], evalPoints: Tensorish | readonly Tensorish[], options?: StrictRopOptions): GradOf<F>;
export function Rop<F extends Variable>(f: readonly F[], wrt: Variable | readonly Variable[], evalPoints: Tensorish | readonly Tensorish[], options?: StrictRopOptions): GradOf<F>[];
export function Rop(f: Variable, wrt: Variable | readonly Variable[], evalPoints: Tensorish | readonly Tensorish[], options: RopOptions): Variable | null;
export function Rop(f: readonly Variable[], wrt: Variable | readonly Variable[], evalPoints: Tensorish | readonly Tensorish[], options: RopOptions): (Variable | null)[];
export function Rop(f: Variable | readonly Variable[], wrt: Variable | readonly Variable[], evalPoints: Tensorish | readonly Tensorish[], options: RopOptions = {}): Variable | null | (Variable | null)[] {
  checkOptions('Rop', options, ['disconnectedOutputs', 'returnDisconnected', 'useOpRopImplementation']);
  const fn = 'Rop';
  const disconnectedOutputs = oneOf(fn, 'disconnectedOutputs', options.disconnectedOutputs, ['ignore', 'warn', 'raise'], 'raise');
  const returnDisconnected = oneOf(fn, 'returnDisconnected', options.returnDisconnected, ['none', 'zero', 'disconnected'], 'zero');
  const fList = variableList(fn, 'f', f);
  const wrtList = variableList(fn, 'wrt', wrt);
  const evList = pointList(fn, wrt, evalPoints, wrtList.length).map((ev, j) => asEvalPoint(fn, `evalPoints[${j}]`, wrtList[j]!, ev, 'tangent'));
  const tangents = options.useOpRopImplementation === false ? ropViaLop(fList, wrtList, evList) : forward(fList, wrtList, evList);
  const result = fList.map((y, i) => {
    const t = tangents[i];
    if (t && t.type instanceof NullType) {
      throw new NullTypeGradError(`${fn}: the R-operator of f[${i}] (${y}) is undefined. ${t.type.whyNull}`, t.type.whyNull, y);
    }
    if (t) return t;
    const message = `${fn}: f[${i}] (${y} of type ${y.type}) does not depend on the variables in wrt, or only through non-differentiable operators`;
    if (disconnectedOutputs === 'raise') {
      throw new DisconnectedInputError(`${message}. Pass disconnectedOutputs: 'ignore' or 'warn' to get zeros instead.`, y, i);
    }
    if (disconnectedOutputs === 'warn') warn(message, 'DisconnectedInputWarning');
    if (returnDisconnected === 'none') return null;
    if (returnDisconnected === 'disconnected') return disconnectedType();
    if (y instanceof pt.TensorVariable) return pt.zerosLike(y);
    const own = (y as unknown as { zerosLike?: () => Variable }).zerosLike;
    return typeof own === 'function' ? own.call(y) : disconnectedType();
  });
  return Array.isArray(f) ? result : result[0]!;
}

function pointList(fn: string, like: unknown, evalPoints: unknown, n: number): unknown[] {
  const what = fn === 'Lop' ? 'element of f' : 'element of wrt';
  if (Array.isArray(like)) {
    if (!Array.isArray(evalPoints) || evalPoints.length !== n) {
      throw new ArgumentError({ op: fn, argument: 'evalPoints', expected: `a list of ${n} evaluation points (one per ${what})`, given: Array.isArray(evalPoints) ? `${evalPoints.length}` : describeThing(evalPoints) });
    }
    return evalPoints;
  }
  // One variable: its point, or a one-element list holding it (a plain array is the value of the point).
  if (Array.isArray(evalPoints) && evalPoints.length === 1 && evalPoints[0] instanceof Variable) return evalPoints;
  return [evalPoints];
}

/**
 * An evaluation point for `like`: a Variable (checked) or a value (made a
 * constant). 'gradient' points must be continuous (Lop); 'tangent' points
 * get like's dtype, cast when that loses nothing (Rop).
 */
function asEvalPoint(fn: string, argument: string, like: Variable, ev: unknown, kind: 'gradient' | 'tangent'): Variable {
  let v: Variable;
  if (ev instanceof Variable) v = ev;
  else if (like instanceof pt.TensorVariable && ev !== null && ev !== undefined) {
    v = pt.constant(ev, { dtype: kind === 'gradient' ? gradDtype(like) : like.dtype });
  } else throw new TypeMismatchError({ op: fn, argument, expected: `a Variable (or a value) of the type of ${like} (${like.type})`, given: describeThing(ev) });
  if (like instanceof pt.TensorVariable && v instanceof pt.TensorVariable) {
    if (v.ndim !== like.ndim) {
      throw new ShapeError({ op: fn, argument, expected: `${like.ndim} dimensions (those of ${like}, type ${like.type})`, given: `${v} of type ${v.type}` });
    }
    const vShape = v.type.shape;
    const bad = like.type.shape.findIndex((s, d) => s !== null && vShape[d] !== null && vShape[d] !== s);
    if (bad >= 0) {
      throw new ShapeError({ op: fn, argument, expected: `the static shape of ${like} (${like.type})`, given: `${v} of type ${v.type} (dimension ${bad} differs)` });
    }
    if (kind === 'tangent' && v.dtype !== like.dtype) {
      if (!pt.canCastSafely(v.dtype, like.dtype)) {
        throw new DtypeError({ op: fn, argument, expected: `the dtype of ${like} (${like.dtype}), or one that casts to it without loss`, given: `${v} of dtype ${v.dtype}` });
      }
      v = pt.cast(v, like.dtype);
    }
  }
  if (kind === 'gradient') checkGradFor(fn, argument, like, v);
  return v;
}

/**
 * Forward mode: the tangent of every variable between wrt and outputs (null
 * where it does not vary). wrt elements are leaves even when they have owners.
 */
function forward(outputs: readonly Variable[], wrt: readonly Variable[], evalPoints: readonly (Variable | null)[]): (Variable | null)[] {
  const tangent = new Map<Variable, Variable>();
  wrt.forEach((w, j) => {
    const ev = evalPoints[j];
    if (ev) tangent.set(w, ev);
  });
  for (const node of ioToposort(wrt, outputs)) {
    const evs = node.inputs.map((x) => tangent.get(x) ?? null);
    if (evs.every((e) => e === null)) continue;
    const p = connectionPatternOf(node);
    const nullFor = (j: number) => evs.find((e, i) => e !== null && e.type instanceof NullType && p[i]![j]);
    const varies = node.outputs.map((_, j) => evs.some((e, i) => e !== null && p[i]![j]));
    if (!varies.some(Boolean)) continue;
    const clean = evs.map((e, i) => (e === null || e.type instanceof NullType ? null : coerceTangent(e, node.inputs[i]!)));
    const needsRop = node.outputs.some((_, j) => varies[j] && nullFor(j) === undefined);
    const res = needsRop && clean.some((e) => e !== null) ? callRop(node, clean) : node.outputs.map(() => null);
    node.outputs.forEach((o, j) => {
      if (!varies[j]) return;
      const r = nullFor(j) ?? res[j];
      if (r !== null && r !== undefined && !(r.type instanceof DisconnectedType)) tangent.set(o, r);
    });
  }
  return outputs.map((o) => tangent.get(o) ?? null);
}

/** A tangent in the dtype of the input it goes with (PyTensor casts too: gradients of integers are floats). */
function coerceTangent(t: Variable, x: Variable): Variable {
  if (t instanceof pt.TensorVariable && x instanceof pt.TensorVariable && t.dtype !== x.dtype && !pt.isComplex(t.dtype)) return pt.cast(t, x.dtype);
  return t;
}

function callRop(node: Apply, evalPoints: readonly (Variable | null)[]): (Variable | null | undefined)[] {
  const op = node.op;
  let res: unknown;
  try {
    if (op instanceof OpFromGraph && op.ropOverrides === undefined) {
      const outs = op.inlineOutputs(node.inputs);
      const varying = [...new Set(node.inputs.filter((_, i) => evalPoints[i] !== null))];
      res = forward(outs, varying, varying.map((v) => evalPoints[node.inputs.indexOf(v)]!));
    } else {
      res = op.Rop(node.inputs, evalPoints);
    }
  } catch (e) {
    if (e instanceof MethodNotDefinedError) {
      throw new MethodNotDefinedError(
        `Rop: ${op} does not implement the R-operator (Rop), needed for ${describeNode(node)}. ` +
          `Pass useOpRopImplementation: false to compute it from gradients instead.\n${formatTrace(node.tag.trace, 'Node created at')}\n(${e.message})`,
      );
    }
    throw e;
  }
  const name = `${op}.Rop`;
  if (!Array.isArray(res) || res.length !== node.outputs.length) {
    throw new ArgumentError({ op: name, expected: `an array of ${node.outputs.length} results (one per output, null where it does not vary)`, given: `${Array.isArray(res) ? `${res.length} results` : describeThing(res)}, for node ${describeNode(node)}` });
  }
  return res.map((r, j) => {
    if (r === null || r === undefined) return null;
    if (!(r instanceof Variable)) throw new TypeMismatchError({ op: name, argument: j, expected: 'a Variable or null', given: `${describeThing(r)}, for node ${describeNode(node)}` });
    const no = ndimOf(node.outputs[j]!);
    const nr = ndimOf(r);
    if (no !== undefined && nr !== undefined && no !== nr) {
      throw new ShapeError({ op: name, argument: j, expected: `a result with ${no} dimensions (those of output ${j})`, given: `${r} of type ${r.type}, for node ${describeNode(node)}` });
    }
    return r;
  });
}

/**
 * Rop from two reverse passes: with u a dummy gradient of f, L(u) = J^T u is
 * linear in u, and the Lop of L with respect to u at v is J v. A result that
 * still mentions u (through a mask such as gz != 0) gets u = ones.
 */
function ropViaLop(f: readonly Variable[], wrt: readonly Variable[], evalPoints: readonly Variable[]): (Variable | null)[] {
  const us = f.map((y, i) => (y instanceof pt.TensorVariable && isContinuousVar(y) ? y.type.makeVariable(`u${i}`) : null));
  const extra1 = new Map<Variable, Variable[]>();
  f.forEach((y, i) => us[i] && extra1.set(y, [...(extra1.get(y) ?? []), us[i]!]));
  const ls = new Backprop({ outputs: [...extra1.keys()], wrt, known: new Map(), extra: extra1, considerConstant: [] }).run();
  const extra2 = new Map<Variable, Variable[]>();
  ls.forEach((l, k) => {
    if (l === undefined || l.type instanceof DisconnectedType) return;
    if (l.type instanceof NullType) throw new NullTypeGradError(`Rop: the gradient with respect to wrt[${k}] is undefined. ${l.type.whyNull}`, l.type.whyNull, wrt[k]);
    const v = evalPoints[k]!;
    const seed = v instanceof pt.TensorVariable && !isContinuousVar(v) ? pt.cast(v, gradDtype(v)) : v;
    extra2.set(l, [...(extra2.get(l) ?? []), seed]);
  });
  const live = us.filter((u): u is pt.TensorVariable => u !== null);
  const rs = new Backprop({ outputs: [...extra2.keys()], wrt: live, known: new Map(), extra: extra2, considerConstant: [] }).run();
  const byU = new Map(live.map((u, k) => [u, rs[k]] as const));
  const results = us.map((u) => (u === null ? undefined : byU.get(u)));
  const found = results.map((r) => (r === undefined || r.type instanceof DisconnectedType ? null : r));
  const present = found.filter((r): r is Variable => r !== null);
  const liveSet = new Set<Variable>(live);
  if (!ancestors(present).some((v) => liveSet.has(v))) return found;
  const pairs = us.flatMap((u, i) => (u === null ? [] : [[u, pt.onesLike(f[i] as pt.TensorVariable)] as const]));
  const replaced = cloneReplace(present, pairs);
  let k = 0;
  return found.map((r) => (r === null ? null : replaced[k++]!));
}
