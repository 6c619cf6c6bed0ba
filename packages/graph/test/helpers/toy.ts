/**
 * A toy Type and a few toy Ops for the tests of @proj/graph: values are plain JS
 * numbers. Exports (kept stable, other test files import them):
 * NumberType, num, scalar, constant, Add, Mul, Neg, Exp, DivMod, Scale, Failing,
 * add, mul, neg, exp, divmod, scale, failing, OtherType, other.
 */
import { Apply, ArgumentError, Constant, Op, Type, TypeMismatchError, Variable, describeThing } from '../../src';
import type { FilterOptions, ShapeTuple, StorageCell } from '../../src';

/** Values are JS numbers (any number, NaN and infinities included). */
export class NumberType extends Type<number> {
  filter(value: unknown, _options: FilterOptions = {}): number {
    if (typeof value !== 'number') {
      throw new TypeMismatchError({ op: 'NumberType.filter', expected: 'a number', given: describeThing(value) });
    }
    return value;
  }

  hash(): string {
    return 'NumberType';
  }

  toString(): string {
    return 'NumberType';
  }
}

/** The one NumberType instance. */
export const num = new NumberType();

/** A second Type (strings), to test Type mismatches. */
export class OtherType extends Type<string> {
  filter(value: unknown, _options: FilterOptions = {}): string {
    if (typeof value !== 'string') {
      throw new TypeMismatchError({ op: 'OtherType.filter', expected: 'a string', given: describeThing(value) });
    }
    return value;
  }

  hash(): string {
    return 'OtherType';
  }

  toString(): string {
    return 'OtherType';
  }
}

/** The one OtherType instance. */
export const other = new OtherType();

/** A graph input of type NumberType. */
export function scalar(name?: string): Variable<NumberType> {
  return new Variable(num, null, null, name);
}

/** A NumberType constant. */
export function constant(v: number, name?: string): Constant<NumberType> {
  return new Constant(num, num.filter(v), name);
}

function checkInputs(op: Op, inputs: readonly unknown[], n: number): asserts inputs is Variable[] {
  if (inputs.length !== n) {
    throw new ArgumentError({ op: op.toString(), argument: 'inputs', expected: `${n} input${n === 1 ? '' : 's'}`, given: `${inputs.length}` });
  }
  inputs.forEach((v, i) => {
    if (!(v instanceof Variable)) {
      throw new TypeMismatchError({ op: op.toString(), argument: i, expected: 'a Variable', given: describeThing(v) });
    }
    if (!num.equals(v.type)) {
      throw new TypeMismatchError({ op: op.toString(), argument: i, expected: `a Variable of type ${num}`, given: `${v} of type ${v.type}` });
    }
  });
}

/** Shared base: `nin` NumberType inputs, `nout` NumberType outputs. */
abstract class NumberOp<P extends Readonly<Record<string, unknown>> = Readonly<Record<string, never>>> extends Op<P> {
  abstract readonly nin: number;
  get nout(): number {
    return 1;
  }

  makeNode(...inputs: Variable[]): Apply {
    checkInputs(this, inputs, this.nin);
    return new Apply(this, inputs, Array.from({ length: this.nout }, () => num.makeVariable()));
  }

  /** Scalars: every shape is the empty tuple. */
  override inferShape(_fg: unknown, node: Apply, _inputShapes: readonly ShapeTuple[]): ShapeTuple[] {
    return node.outputs.map(() => []);
  }
}

export class Add extends NumberOp {
  readonly nin = 2;
  override perform(_node: Apply, [a, b]: readonly unknown[], [out]: StorageCell[]): void {
    out![0] = (a as number) + (b as number);
  }
}

export class Mul extends NumberOp {
  readonly nin = 2;
  override perform(_node: Apply, [a, b]: readonly unknown[], [out]: StorageCell[]): void {
    out![0] = (a as number) * (b as number);
  }
}

export class Neg extends NumberOp {
  readonly nin = 1;
  override perform(_node: Apply, [a]: readonly unknown[], [out]: StorageCell[]): void {
    out![0] = -(a as number);
  }
}

export class Exp extends NumberOp {
  readonly nin = 1;
  override perform(_node: Apply, [a]: readonly unknown[], [out]: StorageCell[]): void {
    out![0] = Math.exp(a as number);
  }
}

/**
 * Two outputs: the floored quotient and the remainder (Python's divmod).
 * Output 0 depends on both inputs; so does output 1.
 */
export class DivMod extends NumberOp {
  readonly nin = 2;
  override get nout(): number {
    return 2;
  }
  override perform(_node: Apply, [a, b]: readonly unknown[], [q, r]: StorageCell[]): void {
    const x = a as number;
    const y = b as number;
    const quotient = Math.floor(x / y);
    q![0] = quotient;
    r![0] = x - quotient * y;
  }
}

/** Multiplies by a constant factor, a prop: Scale{factor=2} equals Scale{factor=2}. */
export class Scale extends NumberOp<{ readonly factor: number }> {
  readonly nin = 1;
  constructor(factor: number) {
    super({ factor });
  }
  get factor(): number {
    return this.props.factor;
  }
  override perform(_node: Apply, [a]: readonly unknown[], [out]: StorageCell[]): void {
    out![0] = (a as number) * this.props.factor;
  }
}

/** An Op whose perform always throws. */
export class Failing extends NumberOp {
  readonly nin = 1;
  override perform(): void {
    throw new Error('Failing.perform always fails');
  }
}

/** Ignores its second input: its output depends only on input 0. */
export class First extends NumberOp {
  readonly nin = 2;
  override perform(_node: Apply, [a]: readonly unknown[], [out]: StorageCell[]): void {
    out![0] = a as number;
  }
  override connectionPattern(node: Apply): boolean[][] {
    return [[true], [false]].slice(0, node.inputs.length);
  }
}

const addOp = new Add();
const mulOp = new Mul();
const negOp = new Neg();
const expOp = new Exp();
const divModOp = new DivMod();
const failingOp = new Failing();
const firstOp = new First();

export const add = (a: Variable, b: Variable): Variable => addOp.call(a, b);
export const mul = (a: Variable, b: Variable): Variable => mulOp.call(a, b);
export const neg = (a: Variable): Variable => negOp.call(a);
export const exp = (a: Variable): Variable => expOp.call(a);
/** [quotient, remainder] */
export const divmod = (a: Variable, b: Variable): Variable[] => divModOp.callAll(a, b);
export const scale = (a: Variable, factor: number): Variable => new Scale(factor).call(a);
export const failing = (a: Variable): Variable => failingOp.call(a);
export const first = (a: Variable, b: Variable): Variable => firstOp.call(a, b);
