/**
 * The reverse-mode engine behind grad, Lop and subgraphGrad (PyTensor's
 * _populate_var_to_app_to_idx and _populate_grad_dict), without recursion:
 * the walks use explicit stacks and the backward pass visits the nodes in
 * reverse topological order, so a 100,000-node chain needs no deep stack.
 */
import {
  Apply,
  ArgumentError,
  DisconnectedType,
  MethodNotDefinedError,
  NullType,
  OpFromGraph,
  ShapeError,
  TypeMismatchError,
  Variable,
  describeNode,
  disconnectedType,
  formatTrace,
  ioToposort,
} from '@proj/graph';
import * as pt from '@proj/tensor';
import { connectionPatternOf, floatZerosLike, isContinuousVar, isDiscreteVar, ndimOf, sumTerms, zeroness } from './grad-util';

/** What to differentiate. */
export interface BackpropRequest {
  /** The roots of the walk: the cost and every seeded variable. */
  readonly outputs: readonly Variable[];
  readonly wrt: readonly Variable[];
  /** Given gradients that replace whatever flows back into these variables (the cost's seed, grad's knownGrads). */
  readonly known: ReadonlyMap<Variable, Variable>;
  /** Gradient terms added to what flows back into these variables (Lop's evaluation points, OpFromGraph outputs). */
  readonly extra: ReadonlyMap<Variable, readonly Variable[]>;
  /** Variables not to backpropagate through. */
  readonly considerConstant: readonly Variable[];
  /** The cost's name, to name the gradients of named variables `(dcost/dx)`; undefined: no names. */
  readonly costName?: string;
}

/**
 * One reverse-mode differentiation: `reaches(v)` says (before any gradient is
 * built) whether gradient can flow to v; `run()` builds the gradients of
 * `wrt`, undefined where none flows (disconnected).
 */
export class Backprop {
  private readonly constants: Set<Variable>;
  /** Variable -> the nodes that use it on a path to the outputs -> its input positions there. */
  private readonly uses = new Map<Variable, Map<Apply, number[]>>();
  /** Node -> its input positions on a path from wrt to the outputs. */
  private readonly onPath = new Map<Apply, Set<number>>();
  private readonly patterns = new Map<Apply, boolean[][]>();
  private readonly terms = new Map<Variable, Variable[]>();
  private readonly nullTerms = new Map<Variable, Variable>();
  private readonly totals = new Map<Variable, Variable | undefined>();
  /** Variables the caller owns (seeds, graph inputs): never renamed. */
  private readonly protect = new Set<Variable>();

  constructor(private readonly req: BackpropRequest) {
    this.constants = new Set(req.considerConstant);
    for (const g of req.known.values()) this.protect.add(g);
    for (const [v, gs] of req.extra) {
      for (const g of gs) {
        this.protect.add(g);
        if (g.type instanceof NullType) {
          if (!this.nullTerms.has(v)) this.nullTerms.set(v, g);
        } else if (!(g.type instanceof DisconnectedType)) {
          this.terms.set(v, [...(this.terms.get(v) ?? []), g]);
        }
      }
    }
    this.accountFor();
    this.keepPathsFromWrt();
  }

  private pattern(node: Apply): boolean[][] {
    let p = this.patterns.get(node);
    if (p === undefined) {
      p = connectionPatternOf(node);
      this.patterns.set(node, p);
    }
    return p;
  }

  /** Records, for every variable the outputs truly depend on, which nodes use it (honouring connectionPattern). */
  private accountFor(): void {
    const accounted = new Set<Variable>();
    const stack = [...this.req.outputs];
    while (stack.length > 0) {
      const v = stack.pop()!;
      if (accounted.has(v)) continue;
      accounted.add(v);
      if (this.constants.has(v) || v.owner === null) continue;
      const node = v.owner;
      const p = this.pattern(node);
      const j = v.index!;
      node.inputs.forEach((x, i) => {
        if (!p[i]![j]) return;
        let byNode = this.uses.get(x);
        if (byNode === undefined) this.uses.set(x, (byNode = new Map()));
        let positions = byNode.get(node);
        if (positions === undefined) byNode.set(node, (positions = []));
        if (!positions.includes(i)) positions.push(i);
        if (!accounted.has(x)) stack.push(x);
      });
    }
  }

  /** Keeps only the variables that depend on an element of wrt (an upward walk along true connections). */
  private keepPathsFromWrt(): void {
    const visited = new Set<Variable>();
    const stack = [...this.req.wrt];
    while (stack.length > 0) {
      const v = stack.pop()!;
      if (visited.has(v)) continue;
      const byNode = this.uses.get(v);
      if (byNode === undefined) continue;
      visited.add(v);
      for (const [node, positions] of byNode) {
        const p = this.pattern(node);
        for (const i of positions) node.outputs.forEach((o, j) => p[i]![j] && !visited.has(o) && stack.push(o));
      }
    }
    for (const v of [...this.uses.keys()]) if (!visited.has(v)) this.uses.delete(v);
    for (const byNode of this.uses.values()) {
      for (const [node, positions] of byNode) {
        let set = this.onPath.get(node);
        if (set === undefined) this.onPath.set(node, (set = new Set()));
        for (const i of positions) set.add(i);
      }
    }
  }

  /** Whether any gradient can flow to `v` (it is seeded, or on a path to the outputs). */
  reaches(v: Variable): boolean {
    return this.req.known.has(v) || this.uses.has(v) || this.terms.has(v) || this.nullTerms.has(v);
  }

  /** Whether `g` was given by the caller (a seed): such variables are never renamed. */
  isGiven(g: Variable): boolean {
    return this.protect.has(g);
  }

  /** Builds the gradients of wrt: undefined where nothing flows back. */
  run(): (Variable | undefined)[] {
    // Blocking at the constants is safe: a constant output's gradient is never passed to its owner,
    // and it keeps the walk of an inlined OpFromGraph inside its inner graph.
    const order = ioToposort(this.constants, this.req.outputs).filter((n) => this.onPath.has(n));
    for (let k = order.length - 1; k >= 0; k--) this.backpropNode(order[k]!);
    return this.req.wrt.map((v) => this.total(v));
  }

  /** The total gradient of v, once every node using v has been differentiated. */
  private total(v: Variable): Variable | undefined {
    if (this.totals.has(v)) return this.totals.get(v);
    let g: Variable | undefined;
    const known = this.req.known.get(v);
    if (known !== undefined) g = known;
    else {
      const ts = this.terms.get(v);
      g = this.nullTerms.get(v) ?? (ts && ts.length > 0 ? sumTerms(ts) : undefined);
      const cost = this.req.costName;
      if (g !== undefined && cost !== undefined && v.name !== undefined && g.owner !== null && !this.protect.has(g)) g.name = `(d${cost}/d${v.name})`;
    }
    this.terms.delete(v);
    this.totals.set(v, g);
    return g;
  }

  private backpropNode(node: Apply): void {
    const p = this.pattern(node);
    const outs = node.outputs;
    // A variable held constant passes nothing back to its owner.
    const ograds = outs.map((o) => (this.constants.has(o) && !this.req.known.has(o) ? undefined : this.total(o)));
    const connected = ograds.map((g) => g !== undefined && !(g.type instanceof DisconnectedType));
    const isNull = ograds.map((g) => g !== undefined && g.type instanceof NullType);
    const inConnected = node.inputs.map((_, i) => outs.some((_, j) => p[i]![j] && connected[j]));
    if (!inConnected.some(Boolean)) return;
    const nullFor = (i: number): Variable | undefined => ograds.find((g, j) => isNull[j] && p[i]![j]);
    const onlyNull = node.inputs.map((_, i) => !outs.some((_, j) => p[i]![j] && connected[j] && !isNull[j]));
    let grads: (Variable | undefined)[];
    if (onlyNull.every(Boolean)) {
      grads = node.inputs.map((_, i) => (inConnected[i] ? nullFor(i) : undefined));
    } else {
      const given = outs.map((o, j) => (connected[j] && !isNull[j] ? matchDtype(ograds[j]!, o) : floatZerosLike(o)));
      const raw = this.callLop(node, given, connected.map((c, j) => c && !isNull[j]));
      checkLopResult(node, raw);
      grads = raw.map((g, i) => this.checkTerm(node, i, g, inConnected[i]!, nullFor(i), connected));
    }
    for (const i of this.onPath.get(node)!) {
      const g = grads[i];
      if (g === undefined) continue;
      const x = node.inputs[i]!;
      if (g.type instanceof NullType) {
        if (!this.nullTerms.has(x)) this.nullTerms.set(x, g);
      } else {
        let ts = this.terms.get(x);
        if (ts === undefined) this.terms.set(x, (ts = []));
        ts.push(g);
      }
    }
  }

  /** The Op's Lop; an OpFromGraph without lopOverrides is differentiated through its inner graph. */
  private callLop(node: Apply, ograds: Variable[], useful: boolean[]): unknown {
    const op = node.op;
    // An Op that overwrites an input gets a copy, so the gradient graph does not depend on the overwritten value.
    const destroyed = new Set(Object.values(op.destroyMap).flat());
    const inputs = node.inputs.map((x, i) => (destroyed.has(i) && x instanceof pt.TensorVariable ? x.copy() : x));
    try {
      if (op instanceof OpFromGraph && op.lopOverrides === undefined) return inlineLop(op, node, ograds, useful);
      return op.Lop(inputs, node.outputs, ograds);
    } catch (e) {
      if (e instanceof MethodNotDefinedError) {
        throw new MethodNotDefinedError(
          `grad: ${op} has no gradient (neither Lop nor grad is implemented), needed to differentiate ${describeNode(node)}.\n` +
            `${formatTrace(node.tag.trace, 'Node created at')}\n(${e.message})`,
        );
      }
      throw e;
    }
  }

  /** Validates the gradient term of input i, applying the connection, null and discrete-output rules. */
  private checkTerm(node: Apply, i: number, g: Variable, inConnected: boolean, nullGrad: Variable | undefined, connected: boolean[]): Variable | undefined {
    if (!inConnected || g.type instanceof DisconnectedType) return undefined;
    if (nullGrad !== undefined) return nullGrad;
    if (g.type instanceof NullType) return g;
    const x = node.inputs[i]!;
    const op = `${node.op}.Lop`;
    const nx = ndimOf(x);
    const ng = ndimOf(g);
    if (nx !== undefined && ng !== undefined && nx !== ng) {
      throw new ShapeError({ op, argument: i, expected: `a gradient with ${nx} dimensions (those of ${x}, type ${x.type})`, given: `${g} of type ${g.type} (${ng} dimensions), for node ${describeNode(node)}` });
    }
    if (isDiscreteVar(g)) {
      throw new TypeMismatchError({ op, argument: i, expected: 'a gradient of a float dtype (gradients are never integer-valued, even for integer inputs)', given: `${g} of type ${g.type}, for node ${describeNode(node)}` });
    }
    // Through outputs that are all discrete the function is flat: the gradient must be zero.
    const p = this.pattern(node);
    const viaOutputs = node.outputs.filter((_, j) => p[i]![j] && connected[j]);
    if (viaOutputs.length > 0 && viaOutputs.every(isDiscreteVar)) {
      const z = zeroness(g);
      if (z === 'no') {
        throw new ArgumentError({ op, argument: i, expected: 'a zero gradient (this input reaches the cost only through integer-valued outputs)', given: `${g}, a non-zero constant, for node ${describeNode(node)}` });
      }
      return z === 'yes' ? g : floatZerosLike(x);
    }
    return g;
  }
}

/** Casts an output gradient to the output's dtype when the output is continuous. */
function matchDtype(g: Variable, out: Variable): Variable {
  if (!(g instanceof pt.TensorVariable) || !(out instanceof pt.TensorVariable) || !isContinuousVar(out) || g.dtype === out.dtype) return g;
  const real = pt.isComplex(g.dtype) && !pt.isComplex(out.dtype) ? pt.real(g) : g;
  return pt.cast(real, out.dtype);
}

function checkLopResult(node: Apply, raw: unknown): asserts raw is Variable[] {
  const op = `${node.op}.Lop`;
  if (!Array.isArray(raw)) {
    throw new TypeMismatchError({ op, expected: 'an array of gradients, one per input', given: `${typeof raw}, for node ${describeNode(node)}` });
  }
  if (raw.length !== node.inputs.length) {
    throw new ArgumentError({ op, expected: `${node.inputs.length} gradients (one per input)`, given: `${raw.length}, for node ${describeNode(node)}` });
  }
  raw.forEach((g, i) => {
    if (!(g instanceof Variable)) {
      throw new TypeMismatchError({
        op,
        argument: i,
        expected: 'a Variable (use disconnectedType() for an input the outputs do not depend on, gradUndefined/gradNotImplemented for an undefined gradient)',
        given: `${g === null ? 'null' : typeof g}, for node ${describeNode(node)}`,
      });
    }
  });
}

/**
 * The gradient of an OpFromGraph node from its inner graph: the inner outputs
 * rebuilt on the node's inputs, differentiated with the output gradients as
 * added terms (the node's inputs held constant, so nothing flows past them).
 */
function inlineLop(op: OpFromGraph, node: Apply, ograds: readonly Variable[], useful: readonly boolean[]): Variable[] {
  const outs = op.inlineOutputs(node.inputs);
  const extra = new Map<Variable, Variable[]>();
  outs.forEach((o, j) => {
    if (useful[j]) extra.set(o, [...(extra.get(o) ?? []), ograds[j]!]);
  });
  const unique = [...new Set(node.inputs)];
  const inner = new Backprop({ outputs: [...extra.keys()], wrt: unique, known: new Map(), extra, considerConstant: node.inputs });
  const byVar = new Map(unique.map((v, k) => [v, k] as const));
  const grads = inner.run();
  // A variable given at several positions gets its whole gradient once.
  const seen = new Set<Variable>();
  return node.inputs.map((x) => {
    if (seen.has(x)) return disconnectedType();
    seen.add(x);
    return grads[byVar.get(x)!] ?? disconnectedType();
  });
}
