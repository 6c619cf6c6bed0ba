import type { Op } from './op';
import type { Type } from './type';
import { copyTag, type Tag } from './trace';
import { ArgumentError, TypeMismatchError } from './errors';
import { evaluate, type Givens } from './evaluate';

let nextId = 0;
/** A fresh, increasing id: printing and deterministic orderings use it. */
export function freshId(): number {
  return nextId++;
}

/**
 * A symbolic value in a graph: a Type, and either an owner Apply node (it is
 * that node's output number `index`) or no owner (a graph input).
 *
 * @example
 * const x = new Variable(someType, null, null, 'x');
 * x.owner; // null: x is a graph input
 */
export class Variable<T extends Type = Type> {
  readonly id: number = freshId();
  readonly type: T;
  owner: Apply | null;
  index: number | null;
  name: string | undefined;
  tag: Tag = {};

  constructor(type: T, owner: Apply | null = null, index: number | null = null, name?: string) {
    this.type = type;
    this.owner = owner;
    this.index = index;
    this.name = name;
  }

  /**
   * A new Variable of the same Type and name, with no owner, and a copy of the tag.
   *
   * @example
   * const y = x.clone(); // y.type.equals(x.type), y !== x, y.owner === null
   */
  clone(): Variable<T> {
    const Ctor = this.constructor as new (type: T, owner: null, index: null, name?: string) => Variable<T>;
    const cp = new Ctor(this.type, null, null, this.name);
    cp.tag = copyTag(this.tag);
    return cp;
  }

  /**
   * The value this Variable holds without being computed: a Constant's data,
   * a shared variable's current value, undefined for everything else.
   */
  storedValue(): { readonly value: unknown } | undefined {
    return undefined;
  }

  /**
   * Computes this Variable with the reference evaluator of @proj/graph. Inputs
   * get their values from `givens` (keyed by Variable, or by name); constants and
   * shared variables supply their own. For speed, compile a function instead.
   *
   * @example
   * x.add(y).eval({ x: 1, y: 2 }); // 3
   */
  eval(givens?: Givens): unknown {
    return evaluate([this], givens)[0];
  }

  /** Whether this is a Constant (its value is known when the graph is built). */
  isConstant(): boolean {
    return false;
  }

  /** A short name for messages and printing: the name, `Op.index`, or `<Type>`. */
  toString(): string {
    if (this.name !== undefined) return this.name;
    if (this.owner) {
      const op = this.owner.op.toString();
      return this.owner.outputs.length === 1 ? `${op}.0` : `${op}.${this.index}`;
    }
    return `<${this.type.toString()}>`;
  }
}

/**
 * A Variable with a fixed value. Two Constants with equal signatures (same Type,
 * equal values) are interchangeable, which lets the merge rewrite unify them.
 *
 * @example
 * const two = someType.makeConstant(2);
 * two.data; // 2
 */
export class Constant<T extends Type = Type> extends Variable<T> {
  readonly data: unknown;

  constructor(type: T, data: unknown, name?: string) {
    super(type, null, null, name);
    this.data = data;
  }

  override clone(): Constant<T> {
    const Ctor = this.constructor as new (type: T, data: unknown, name?: string) => Constant<T>;
    const cp = new Ctor(this.type, this.data, this.name);
    cp.tag = copyTag(this.tag);
    return cp;
  }

  override storedValue(): { readonly value: unknown } {
    return { value: this.data };
  }

  override isConstant(): boolean {
    return true;
  }

  /** Equal for constants that are interchangeable: same Type, equal values. */
  signature(): string {
    return `${this.type.hash()}|${this.type.valueSignature(this.data)}`;
  }

  override toString(): string {
    return this.name ?? this.type.valueToString(this.data);
  }
}

/**
 * One application of an Op to input Variables, producing output Variables.
 *
 * @example
 * const node = new Apply(op, [x, y], [outType.makeVariable()]);
 * node.outputs[0].owner === node; // true
 */
export class Apply<O extends Op = Op> {
  readonly id: number = freshId();
  op: O;
  inputs: Variable[];
  readonly outputs: Variable[];
  tag: Tag = {};

  constructor(op: O, inputs: readonly Variable[], outputs: readonly Variable[]) {
    this.op = op;
    inputs.forEach((v, i) => {
      if (!(v instanceof Variable)) {
        throw new ArgumentError({ op: `Apply(${op})`, argument: i, expected: 'a Variable', given: describeThing(v) });
      }
    });
    this.inputs = [...inputs];
    // Check every output before taking any, so a failed construction leaves none pointing at this node.
    outputs.forEach((out, i) => {
      if (!(out instanceof Variable)) {
        throw new ArgumentError({ op: `Apply(${op})`, argument: `outputs[${i}]`, expected: 'a Variable', given: describeThing(out) });
      }
      if (out.owner !== null) {
        throw new ArgumentError({
          op: `Apply(${op})`,
          argument: `outputs[${i}]`,
          expected: 'a Variable without an owner',
          given: `${out}, already output ${out.index} of ${out.owner.op}`,
        });
      }
      const first = outputs.indexOf(out);
      if (first !== i) {
        throw new ArgumentError({ op: `Apply(${op})`, argument: `outputs[${i}]`, expected: 'distinct output Variables', given: `the Variable of outputs[${first}] again` });
      }
    });
    this.outputs = outputs.map((out, i) => {
      out.owner = this;
      out.index = i;
      return out;
    });
  }

  get nin(): number {
    return this.inputs.length;
  }

  get nout(): number {
    return this.outputs.length;
  }

  /**
   * The output that calling the Op returns: `op.defaultOutput`, or the only output.
   * Throws when the Op has several outputs and names no default.
   */
  defaultOutput(): Variable {
    const d = this.op.defaultOutput;
    if (d !== null) {
      const out = this.outputs[d];
      if (out === undefined) {
        throw new ArgumentError({ op: this.op.toString(), argument: 'defaultOutput', expected: `an index below ${this.outputs.length}`, given: String(d) });
      }
      return out;
    }
    if (this.outputs.length !== 1) {
      throw new ArgumentError({
        op: this.op.toString(),
        argument: 'defaultOutput',
        expected: 'a single output or a defaultOutput',
        given: `${this.outputs.length} outputs (use node.outputs or op.callAll)`,
      });
    }
    return this.outputs[0]!;
  }

  /** The default output (PyTensor's `node.out`). */
  get out(): Variable {
    return this.defaultOutput();
  }

  /**
   * A copy of this node on the same inputs, with fresh output Variables of the same Types.
   */
  clone(): Apply<O> {
    const cp = new Apply<O>(this.op, this.inputs, this.outputs.map((o) => o.clone()));
    cp.tag = copyTag(this.tag);
    return cp;
  }

  /**
   * A copy of this node on new inputs. With `strict`, an input whose Type differs
   * is converted with the old input's Type (filterVariable); the node is rebuilt
   * with op.makeNode when the Types still differ (or at once when not strict).
   */
  cloneWithNewInputs(inputs: readonly Variable[], strict = true): Apply<O> {
    if (inputs.length !== this.inputs.length) {
      throw new ArgumentError({
        op: `cloneWithNewInputs(${this.op})`,
        argument: 'inputs',
        expected: `${this.inputs.length} inputs`,
        given: `${inputs.length}`,
      });
    }
    let remake = false;
    const newInputs = inputs.map((v, i) => {
      const curr = this.inputs[i]!;
      if (curr.type.equals(v.type)) return v;
      if (!strict) {
        remake = true;
        return v;
      }
      const converted = curr.type.filterVariable(v, true);
      if (!curr.type.equals(converted.type)) remake = true;
      return converted;
    });
    if (remake) {
      const node = this.op.makeNode(...newInputs) as Apply<O>;
      node.tag = copyTag(this.tag, node.tag);
      return node;
    }
    const cp = this.clone();
    cp.inputs = newInputs;
    return cp;
  }

  toString(): string {
    return `${this.op}(${this.inputs.map(String).join(', ')})`;
  }
}

/** A short description of any value for error messages. */
export function describeThing(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  if (v instanceof Variable) return `Variable ${v} of type ${v.type}`;
  if (typeof v === 'object') return (v as object).constructor?.name ?? 'object';
  return `${typeof v} ${String(v)}`;
}

/** Throws a TypeMismatchError unless `v` is a Variable. */
export function assertVariable(v: unknown, op: string, argument: number | string): asserts v is Variable {
  if (!(v instanceof Variable)) {
    throw new TypeMismatchError({ op, argument, expected: 'a Variable', given: describeThing(v) });
  }
}
