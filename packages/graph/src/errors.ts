/**
 * The error classes shared by every package. Each message names what failed
 * (the Op, the argument), what was expected and what was given, so a user can
 * tell at once which line of their code to change.
 */

/** Base class of every error raised by the library. */
export class ProjError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** What an input-checking error says about the failing argument. */
export interface ArgumentErrorInfo {
  /** The Op or function name, e.g. `Elemwise{add}` or `pt.reshape`. */
  readonly op: string;
  /** The argument: its position (0-based) or its name. */
  readonly argument?: number | string;
  readonly expected: string;
  readonly given: string;
}

function argumentMessage(info: ArgumentErrorInfo): string {
  const arg =
    info.argument === undefined
      ? ''
      : typeof info.argument === 'number'
        ? ` input ${info.argument}`
        : ` argument '${info.argument}'`;
  return `${info.op}:${arg} expected ${info.expected}, got ${info.given}`;
}

/** An argument of the wrong kind, count or Type. */
export class ArgumentError extends ProjError {
  readonly op: string;
  readonly argument: number | string | undefined;
  readonly expected: string;
  readonly given: string;
  constructor(info: ArgumentErrorInfo) {
    super(argumentMessage(info));
    this.op = info.op;
    this.argument = info.argument;
    this.expected = info.expected;
    this.given = info.given;
  }
}

/** Shapes that do not fit: broadcasting, reshape, dot, concatenation... */
export class ShapeError extends ArgumentError {}

/** A dtype that is not allowed, unknown, or would lose information. */
export class DtypeError extends ArgumentError {}

/** A value or Variable whose Type is not the one required (Type.filter, replace...). */
export class TypeMismatchError extends ArgumentError {}

/** A graph change that would break the FunctionGraph's invariants (a cycle, a foreign node). */
export class InconsistencyError extends ProjError {}

/** A graph input without a value: evaluation or a FunctionGraph needs it. */
export class MissingInputError extends ProjError {
  readonly variable: unknown;
  constructor(message: string, variable?: unknown) {
    super(message);
    this.variable = variable;
  }
}

/** An Op method that this Op does not define (perform, Rop, inferShape...). */
export class MethodNotDefinedError extends ProjError {}

/** A bad configuration value, set in code or through the environment. */
export class ConfigError extends ProjError {}

/** Raised by missingTestMessage when config.computeTestValue is 'raise'. */
export class TestValueError extends ProjError {}

/**
 * A failure while computing a node: wraps the original error with the node,
 * its input shapes/dtypes when known, and the place in user code that created it.
 */
export class NodeError extends ProjError {
  readonly node: unknown;
  override readonly cause: unknown;
  constructor(message: string, node: unknown, cause: unknown) {
    super(message);
    this.node = node;
    this.cause = cause;
  }
}

/** What an AllocationError says beyond the ArgumentError fields. */
export interface AllocationErrorInfo extends ArgumentErrorInfo {
  /** The shape of the array that was to be allocated. */
  readonly shape: readonly number[];
  readonly dtype: string;
  /** The bytes the array needed (a number, possibly beyond 2**53 when huge). */
  readonly bytes: number;
}

/**
 * An array too large to allocate: more elements than a typed array can hold,
 * or more memory than the engine could give. Raised before (or instead of) the
 * engine's raw RangeError so the message names the Op, shape, dtype and bytes.
 *
 * @example
 * throw new AllocationError({ op: 'Alloc', argument: 'shape', expected: 'at most 4294967296 elements', given: '1e12 elements', shape: [1e6, 1e6], dtype: 'float64', bytes: 8e12 });
 */
export class AllocationError extends ArgumentError {
  readonly shape: readonly number[];
  readonly dtype: string;
  readonly bytes: number;
  constructor(info: AllocationErrorInfo) {
    super(info);
    this.shape = [...info.shape];
    this.dtype = info.dtype;
    this.bytes = info.bytes;
  }
}
