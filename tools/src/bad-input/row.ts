/**
 * One row of the bad-input catalogue: a call with bad input, the typed error it
 * must get (or, for inputs that are accepted on purpose, the outcome), and the
 * message pattern. The rows are the single source of docs/bad-input.md (see
 * tools/src/docs/bad-input-doc.ts) and of the tests in tools/test/bad-input.
 */

/** A constructor of an error class (ArgumentError, ShapeError, ...). */
export type ErrorClass = abstract new (...args: never[]) => Error;

/** Something holding state that a failing call must leave unchanged. */
export interface Watched {
  getValue(): unknown;
}

interface RowBase {
  /** The class of bad input: 'wrong dtype', 'unknown option', ... */
  readonly kind: string;
  /** The call, as the user writes it (shown in the doc). */
  readonly input: string;
  /** Runs the call; built fresh per test so rows do not share graphs. */
  readonly run: () => unknown;
  /** State the call must leave unchanged (shared variables). */
  readonly watch?: () => readonly Watched[];
}

/** A call that must throw `error` (directly, or as the cause of a NodeError when `wrapped`). */
export interface RefusedRow extends RowBase {
  readonly error: ErrorClass;
  readonly wrapped?: boolean;
  /** The message must match this, and name the function/Op, the argument, the expectation and what was given. */
  readonly message: RegExp;
}

/** An input that is accepted on purpose (NaN through arithmetic, as NumPy): `check` asserts the result. */
export interface AcceptedRow extends RowBase {
  readonly accepted: string;
  readonly check: (result: unknown) => boolean;
}

export type BadInputRow = RefusedRow | AcceptedRow;

/** The rows of one package. */
export interface BadInputSection {
  readonly pkg: string;
  readonly rows: readonly BadInputRow[];
}

/**
 * Whether a row is an accepted-input row.
 *
 * @example
 * isAccepted({ kind: 'NaN', input: 'pt.log(nan)', run: () => 0, accepted: 'NaN', check: () => true }); // true
 */
export function isAccepted(row: BadInputRow): row is AcceptedRow {
  return 'accepted' in row;
}
