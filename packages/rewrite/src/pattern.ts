/**
 * The pattern DSL (PyTensor's PatternNodeRewriter): a rewrite written as an
 * input pattern and an output pattern over Ops and Elemwise scalar ops.
 *
 * @example
 * // x * 1 -> x
 * patternRewriter({ name: 'mulByOne', from: p.mul(p.var('x'), p.const(1)), to: p.var('x') });
 */
import { Op, type Apply, type FunctionGraph, type Variable } from '@proj/graph';
import {
  Elemwise,
  TensorConstant,
  TensorVariable,
  applyElemwise,
  DimShuffle,
  SpecifyShape,
  constant,
  getUnderlyingScalarConstantValue,
  scalarAdd,
  scalarExp,
  scalarExpm1,
  scalarLog,
  scalarLog1mexp,
  scalarLog1p,
  scalarMul,
  scalarNeg,
  scalarPow,
  scalarReciprocal,
  scalarSigmoid,
  scalarSoftplus,
  scalarSqr,
  scalarSqrt,
  scalarSub,
  scalarTrueDiv,
  toNested,
  type Dtype,
  type ScalarOp,
} from '@proj/tensor';
import type { NodeRewriter, OpClass } from './node-rewriter';

/** Variables bound by the pattern variables, by name (patterns match tensors). */
export type Bindings = Readonly<Record<string, TensorVariable>>;

/** A pattern variable: matches any Variable (that passes `where`) and binds it to `name`. */
export interface VarPattern {
  readonly kind: 'var';
  readonly name: string;
  readonly where?: (v: TensorVariable) => boolean;
}

/**
 * A constant matched by value: a one-element constant (behind DimShuffles too)
 * equal to `value`. Larger constants never match: they could broadcast the
 * other operand to a larger shape than its static type tells.
 */
export interface ConstPattern {
  readonly kind: 'const';
  readonly value: number;
}

/** A constant of any value that passes `where`, bound to `name`. */
export interface ConstVarPattern {
  readonly kind: 'constVar';
  readonly name: string;
  readonly where?: (value: number) => boolean;
}

/** What an Op pattern matches: an Elemwise of a scalar op, one Op value, or any Op of a class. */
export type OpMatcher = { readonly scalar: ScalarOp } | { readonly op: Op } | { readonly opClass: OpClass };

/** A node pattern: its Op and input patterns. */
export interface OpPattern {
  readonly kind: 'op';
  readonly match: OpMatcher;
  readonly args: readonly Pattern[];
}

export type Pattern = VarPattern | ConstPattern | ConstVarPattern | OpPattern;

const el = (scalar: ScalarOp) => (...args: Pattern[]): OpPattern => ({ kind: 'op', match: { scalar }, args });

/**
 * Pattern constructors.
 *
 * @example
 * p.log(p.add(p.const(1), p.var('x'))); // log(1 + x), matched in either order of the add
 */
export const p = {
  var: (name: string, where?: (v: TensorVariable) => boolean): VarPattern => ({ kind: 'var', name, where }),
  const: (value: number): ConstPattern => ({ kind: 'const', value }),
  constVar: (name: string, where?: (value: number) => boolean): ConstVarPattern => ({ kind: 'constVar', name, where }),
  elemwise: (scalar: ScalarOp, ...args: Pattern[]): OpPattern => ({ kind: 'op', match: { scalar }, args }),
  op: (op: Op | OpClass, ...args: Pattern[]): OpPattern => ({ kind: 'op', match: op instanceof Op ? { op } : { opClass: op }, args }),
  add: el(scalarAdd),
  sub: el(scalarSub),
  mul: el(scalarMul),
  trueDiv: el(scalarTrueDiv),
  neg: el(scalarNeg),
  exp: el(scalarExp),
  log: el(scalarLog),
  log1p: el(scalarLog1p),
  expm1: el(scalarExpm1),
  log1mexp: el(scalarLog1mexp),
  sigmoid: el(scalarSigmoid),
  softplus: el(scalarSoftplus),
  pow: el(scalarPow),
  sqr: el(scalarSqr),
  sqrt: el(scalarSqrt),
  reciprocal: el(scalarReciprocal),
} as const;

/** The pattern as text: `log(add(1, x))`. */
export function patternToString(pat: Pattern): string {
  switch (pat.kind) {
    case 'var':
      return pat.name;
    case 'const':
      return String(pat.value);
    case 'constVar':
      return `${pat.name}:const`;
    case 'op':
      return `${matcherName(pat.match)}(${pat.args.map(patternToString).join(', ')})`;
  }
}

function matcherName(m: OpMatcher): string {
  if ('scalar' in m) return m.scalar.name;
  if ('op' in m) return String(m.op);
  return m.opClass.name;
}

function opMatches(m: OpMatcher, op: Op): boolean {
  if ('scalar' in m) return op instanceof Elemwise && op.scalarOp.equals(m.scalar) && Object.keys(op.props.inplacePattern).length === 0;
  if ('op' in m) return m.op.equals(op);
  return op instanceof m.opClass;
}

/** The single value of a constant (every element equal), or undefined. */
export function constantValue(v: Variable): number | undefined {
  if (!(v instanceof TensorVariable)) return undefined;
  if (v instanceof TensorConstant) {
    const flat = [toNested(v.data)].flat(Infinity as 1) as unknown[];
    if (flat.length === 0) return undefined;
    const first = toNumber(flat[0]);
    return first !== undefined && flat.every((x) => toNumber(x) === first) ? first : undefined;
  }
  try {
    return toNumber(getUnderlyingScalarConstantValue(v));
  } catch {
    return undefined;
  }
}

/** The value of a one-element constant (behind DimShuffles too), or undefined. */
export function scalarConstantValue(v: Variable): number | undefined {
  if (!(v instanceof TensorVariable) || !behindWrappersIsConstant(v)) return undefined;
  try {
    return toNumber(getUnderlyingScalarConstantValue(v));
  } catch {
    return undefined;
  }
}

/**
 * Whether `v` is a constant behind the wrappers getUnderlyingScalarConstantValue
 * looks through (DimShuffle, SpecifyShape, one-input Elemwise). Checked first
 * because that function's error, thrown for every non-constant, is costly.
 */
function behindWrappersIsConstant(v: Variable): boolean {
  let cur = v;
  while (cur.owner !== null) {
    const op = cur.owner.op;
    if (!(op instanceof DimShuffle || op instanceof SpecifyShape || (op instanceof Elemwise && cur.owner.inputs.length === 1))) return false;
    cur = cur.owner.inputs[0]!;
  }
  return cur instanceof TensorConstant;
}

function toNumber(x: unknown): number | undefined {
  if (typeof x === 'number') return x;
  if (typeof x === 'bigint') return Number(x);
  if (typeof x === 'boolean') return x ? 1 : 0;
  return undefined;
}

/**
 * Matches `pat` against `v`; returns the bindings or undefined. A name bound
 * twice must be bound to the same Variable. Commutative scalar ops (add, mul)
 * match their inputs in any order.
 *
 * @example
 * matchPattern(p.mul(p.var('x'), p.const(1)), pt.mul(1, y)); // { x: y }
 */
export function matchPattern(pat: Pattern, v: Variable, bindings: Bindings = {}): Bindings | undefined {
  switch (pat.kind) {
    case 'var': {
      const bound = bindings[pat.name];
      if (bound !== undefined) return bound === v ? bindings : undefined;
      if (!(v instanceof TensorVariable) || (pat.where && !pat.where(v))) return undefined;
      return { ...bindings, [pat.name]: v };
    }
    case 'const':
      return scalarConstantValue(v) === pat.value ? bindings : undefined;
    case 'constVar': {
      const value = scalarConstantValue(v);
      if (value === undefined || (pat.where && !pat.where(value))) return undefined;
      const bound = bindings[pat.name];
      if (bound !== undefined) return bound === v ? bindings : undefined;
      return { ...bindings, [pat.name]: v as TensorVariable };
    }
    case 'op': {
      const node = v.owner;
      if (node === null || !opMatches(pat.match, node.op) || node.inputs.length !== pat.args.length) return undefined;
      const commutative = 'scalar' in pat.match && pat.match.scalar.spec.commutative === true;
      const orders = commutative ? permutations(node.inputs.length) : [node.inputs.map((_, i) => i)];
      for (const order of orders) {
        let b: Bindings | undefined = bindings;
        for (let k = 0; k < order.length && b !== undefined; k++) b = matchPattern(pat.args[k]!, node.inputs[order[k]!]!, b);
        if (b !== undefined) return b;
      }
      return undefined;
    }
  }
}

function permutations(n: number): number[][] {
  if (n > 5) return [[...Array(n).keys()]];
  const out: number[][] = [];
  const rec = (prefix: number[], rest: number[]) => {
    if (rest.length === 0) out.push(prefix);
    rest.forEach((x, i) => rec([...prefix, x], [...rest.slice(0, i), ...rest.slice(i + 1)]));
  };
  rec([], [...Array(n).keys()]);
  return out;
}

/**
 * Builds the graph of an output pattern from the bindings. Constants take the
 * dtype of the output they replace.
 */
export function buildPattern(pat: Pattern, bindings: Bindings, dtype: Dtype): Variable {
  switch (pat.kind) {
    case 'var':
    case 'constVar': {
      const v = bindings[pat.name];
      if (v === undefined) throw new Error(`pattern: the output uses '${pat.name}', which the input pattern does not bind`);
      return v;
    }
    case 'const':
      return constant(pat.value, { dtype });
    case 'op': {
      const args = pat.args.map((a) => buildPattern(a, bindings, dtype));
      const m = pat.match;
      if ('scalar' in m) return applyElemwise(m.scalar, ...(args as TensorVariable[]));
      if ('op' in m) return m.op.call(...args);
      throw new Error(`pattern: an output pattern needs an Op value, not the class ${m.opClass.name}`);
    }
  }
}

/** What patternRewriter takes. */
export interface PatternRewriterSpec {
  name: string;
  tags?: readonly string[];
  /** The input pattern; its root must be an Op pattern. */
  from: OpPattern;
  /** The output pattern, or a function building the replacement from the bindings. */
  to: Pattern | ((b: Bindings, node: Apply, fgraph: FunctionGraph) => Variable | undefined);
  /** A constraint on the bindings as a whole. */
  where?: (b: Bindings, node: Apply) => boolean;
}

/**
 * A node rewriter from a pattern pair (PyTensor's PatternNodeRewriter). It
 * tracks the root Op of `from`, and does not fire when the replacement's Type
 * differs from the output's (a broadcast or upcast the pattern would lose).
 *
 * @example
 * // neg(neg(x)) -> x
 * patternRewriter({ name: 'negNeg', from: p.neg(p.neg(p.var('x'))), to: p.var('x') });
 */
export function patternRewriter(spec: PatternRewriterSpec): NodeRewriter & { readonly from: OpPattern; readonly to: PatternRewriterSpec['to'] } {
  const root = spec.from.match;
  return Object.freeze({
    kind: 'node' as const,
    name: spec.name,
    tags: Object.freeze([...(spec.tags ?? [])]),
    tracks: [(op: Op) => opMatches(root, op)],
    from: spec.from,
    to: spec.to,
    apply(fgraph: FunctionGraph, node: Apply): Variable[] | undefined {
      if (node.outputs.length !== 1) return undefined;
      const out = node.outputs[0]!;
      const b = matchPattern(spec.from, out);
      if (b === undefined || (spec.where && !spec.where(b, node))) return undefined;
      const dtype = (out.type as { dtype?: Dtype }).dtype ?? 'float64';
      const rep = typeof spec.to === 'function' ? spec.to(b, node, fgraph) : buildPattern(spec.to, b, dtype);
      if (rep === undefined || rep === out) return undefined;
      if (!out.type.equals(rep.type) && out.type.convertVariable(rep) === undefined) return undefined;
      return [rep];
    },
  });
}
