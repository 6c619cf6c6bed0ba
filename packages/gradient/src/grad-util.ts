/**
 * Small helpers shared by the gradient driver: dtype tests on variables,
 * float zeros, summing gradient terms, the connection pattern check, and
 * whether a gradient term is known to be zero (PyTensor's _is_zero).
 */
import { ArgumentError, DisconnectedType, NullType, TypeMismatchError, Variable, config, describeNode, describeThing, disconnectedType, type Apply } from '@proj/graph';
import * as pt from '@proj/tensor';

/** The number of dimensions of a variable whose Type has one (tensors, sparse matrices). */
export function ndimOf(v: Variable): number | undefined {
  const nd = (v.type as { ndim?: unknown }).ndim;
  return typeof nd === 'number' ? nd : undefined;
}

function dtypeOf(v: Variable): pt.Dtype | undefined {
  const d = (v.type as { dtype?: unknown }).dtype;
  return pt.isDtype(d) ? d : undefined;
}

/** Whether v has a bool or integer dtype. */
export function isDiscreteVar(v: Variable): boolean {
  const d = dtypeOf(v);
  return d !== undefined && pt.isDiscrete(d);
}

/** Whether v has a float or complex dtype. */
export function isContinuousVar(v: Variable): boolean {
  const d = dtypeOf(v);
  return d !== undefined && (pt.isFloat(d) || pt.isComplex(d));
}

/** The dtype a gradient of v has: v's own when continuous, floatX otherwise (gradients are never integer-valued). */
export function gradDtype(v: Variable): pt.Dtype {
  const d = dtypeOf(v);
  return d !== undefined && (pt.isFloat(d) || pt.isComplex(d)) ? d : config.floatX;
}

/**
 * Zeros shaped like v in a continuous dtype (PyTensor's _float_zeros_like). A
 * variable that is no tensor uses its own zerosLike method when it has one,
 * else a DisconnectedType placeholder.
 */
export function floatZerosLike(v: Variable): Variable {
  if (v instanceof pt.TensorVariable) return pt.zerosLike(v, gradDtype(v));
  const own = (v as unknown as { zerosLike?: () => Variable }).zerosLike;
  return typeof own === 'function' ? own.call(v) : disconnectedType();
}

/** The sum of gradient terms (one add node for tensors; the `add` method of other variables). */
export function sumTerms(terms: readonly Variable[]): Variable {
  if (terms.length === 1) return terms[0]!;
  if (terms.every((t) => t instanceof pt.TensorVariable)) return pt.add(...(terms as pt.TensorVariable[]));
  return terms.reduce((a, b) => {
    const add = (a as unknown as { add?: (b: Variable) => Variable }).add;
    if (typeof add !== 'function') {
      throw new TypeMismatchError({ op: 'grad', argument: 'terms', expected: 'gradient terms that can be added (tensors, or variables with an add method)', given: describeThing(a) });
    }
    return add.call(a, b);
  });
}

/** node.op.connectionPattern(node), checked to have one row per input and one entry per output. */
export function connectionPatternOf(node: Apply): boolean[][] {
  const p = node.op.connectionPattern(node);
  const ok = Array.isArray(p) && p.length === node.inputs.length && p.every((row) => Array.isArray(row) && row.length === node.outputs.length);
  if (!ok) {
    throw new ArgumentError({
      op: `${node.op}.connectionPattern`,
      expected: `${node.inputs.length} rows (one per input) of ${node.outputs.length} booleans (one per output)`,
      given: `${JSON.stringify(p)}, for node ${describeNode(node)}`,
    });
  }
  return p;
}

/**
 * Whether a gradient term is zero: 'yes' (a DisconnectedType, or a constant
 * zero possibly broadcast by fill/Alloc, cast or dimshuffled), 'no' (a NullType or a
 * non-zero constant), 'maybe' (anything else).
 */
export function zeroness(g: Variable): 'yes' | 'no' | 'maybe' {
  if (g.type instanceof DisconnectedType) return 'yes';
  if (g.type instanceof NullType) return 'no';
  let v: Variable = g;
  for (;;) {
    if (v instanceof pt.TensorConstant) {
      const flat = [pt.toNested(v.data)].flat(Infinity) as unknown[];
      return flat.every((e) => (Array.isArray(e) ? e.every((c) => c === 0) : e === 0 || e === 0n || e === false)) ? 'yes' : 'no';
    }
    const node = v.owner;
    if (node === null) return 'maybe';
    const op = node.op;
    if (op instanceof pt.Elemwise && node.inputs.length === 2 && op.scalarOp.name === pt.scalarSecond.name) v = node.inputs[1]!;
    else if (op instanceof pt.Elemwise && node.inputs.length === 1 && (op.scalarOp.name === 'identity' || op.scalarOp.name.startsWith('Cast{'))) v = node.inputs[0]!;
    else if (op instanceof pt.DimShuffle || op instanceof pt.SpecifyShape || op instanceof pt.Alloc) v = node.inputs[0]!;
    else return 'maybe';
  }
}

/** One of the allowed string values of an option, or an ArgumentError naming it. */
export function oneOf<T extends string>(fn: string, name: string, value: unknown, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new ArgumentError({ op: fn, argument: name, expected: `one of ${allowed.map((a) => `'${a}'`).join(', ')}`, given: describeThing(value) });
}

/** A Variable or a list of them as a list, with a check of every element. */
export function variableList(fn: string, name: string, v: unknown): Variable[] {
  const list = Array.isArray(v) ? (v as unknown[]) : [v];
  return list.map((x, i) => {
    if (!(x instanceof Variable)) {
      throw new TypeMismatchError({ op: fn, argument: Array.isArray(v) ? `${name}[${i}]` : name, expected: 'a Variable', given: describeThing(x) });
    }
    return x;
  });
}

/** Emits a warning through process.emitWarning (console.warn where there is no process). */
export function warn(message: string, type: string): void {
  const proc = (globalThis as { process?: { emitWarning?: (m: string, t: string) => void } }).process;
  if (proc && typeof proc.emitWarning === 'function') proc.emitWarning(message, type);
  else console.warn(`${type}: ${message}`);
}
