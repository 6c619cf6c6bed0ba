import { checkOptions, optionKeys, ArgumentError, Variable, describeThing } from '@proj/graph';

/** Options of In. */
export interface InOptions {
  /** The name used for keyword calls (default: the variable's name). */
  name?: string;
  /** The default value, used when the call does not give this input. */
  value?: unknown;
  /**
   * With `value` and `update`: the input keeps its value between calls and is
   * replaced by the update's value after each call (a private shared variable).
   */
  update?: Variable;
  /** Accept the caller's value as it is (no copy when the input keeps it). Default false. */
  borrow?: boolean;
  /** The function may overwrite this input's value (only in-place Ops do). Default false. */
  mutable?: boolean;
  /** Allow a conversion that loses precision (float64 -> float32, say). Default false. */
  allowDowncast?: boolean;
}

const IN_KEYS = optionKeys<InOptions>({ name: true, value: true, update: true, borrow: true, mutable: true, allowDowncast: true });

/**
 * An input of compile() with options (PyTensor's In).
 *
 * @example
 * const f = compile([x, In(y, { value: 1 })], x.add(y));
 * f(2); // 3
 */
export class InputSpec {
  readonly variable: Variable;
  readonly name: string | undefined;
  readonly hasValue: boolean;
  readonly value: unknown;
  readonly update: Variable | undefined;
  readonly borrow: boolean;
  readonly mutable: boolean;
  readonly allowDowncast: boolean;

  constructor(variable: Variable, options: InOptions = {}) {
    checkOptions('In', options, IN_KEYS);
    if (!(variable instanceof Variable)) {
      throw new ArgumentError({ op: 'In', argument: 'variable', expected: 'a Variable', given: describeThing(variable) });
    }
    if (options.update !== undefined && !('value' in options)) {
      throw new ArgumentError({ op: 'In', argument: 'update', expected: 'a `value` to start from when an update is given', given: 'no value' });
    }
    this.variable = variable;
    this.name = options.name ?? variable.name;
    this.hasValue = 'value' in options && options.value !== undefined;
    this.value = options.value;
    this.update = options.update;
    this.borrow = options.borrow ?? false;
    this.mutable = options.mutable ?? false;
    this.allowDowncast = options.allowDowncast ?? false;
  }
}

/**
 * Wraps an input with options.
 *
 * @example
 * compile([In(x, { name: 'a', value: 0 })], x.mul(2))({ a: 3 });
 */
export function In(variable: Variable, options: InOptions = {}): InputSpec {
  return new InputSpec(variable, options);
}

/** Options of Out. */
export interface OutOptions {
  /**
   * Return the function's own buffer without copying it (default false). The
   * value may then alias an input or be overwritten by the next call.
   */
  borrow?: boolean;
}

/**
 * An output of compile() with options (PyTensor's Out).
 *
 * @example
 * compile([x], Out(x.mul(2), { borrow: true }));
 */
export class OutputSpec {
  readonly variable: Variable;
  readonly borrow: boolean;

  constructor(variable: Variable, options: OutOptions = {}) {
    checkOptions('Out', options, ['borrow']);
    if (!(variable instanceof Variable)) {
      throw new ArgumentError({ op: 'Out', argument: 'variable', expected: 'a Variable', given: describeThing(variable) });
    }
    this.variable = variable;
    this.borrow = options.borrow ?? false;
  }
}

/**
 * Wraps an output with options.
 *
 * @example
 * compile([x], Out(y, { borrow: true }));
 */
export function Out(variable: Variable, options: OutOptions = {}): OutputSpec {
  return new OutputSpec(variable, options);
}
