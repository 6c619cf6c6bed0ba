/** Runs one catalogue row and says what went wrong (used by tools/test/bad-input). */
import { NodeError } from '@proj/graph';
import { isAccepted, type BadInputRow } from './row';

/**
 * The outcome of a row: undefined when it behaved as the catalogue says, else a description.
 *
 * @example
 * expect(checkRow(TENSOR_ROWS.rows[0]!)).toBeUndefined();
 */
export function checkRow(row: BadInputRow): string | undefined {
  const watched = row.watch?.() ?? [];
  const before = watched.map((w) => JSON.stringify(snapshot(w.getValue())));
  let result: unknown;
  let thrown: unknown;
  let threw = false;
  try {
    result = row.run();
  } catch (e) {
    thrown = e;
    threw = true;
  }
  const after = watched.map((w) => JSON.stringify(snapshot(w.getValue())));
  if (before.some((b, i) => b !== after[i])) return `a watched value changed: ${before.join(', ')} -> ${after.join(', ')}`;
  if (isAccepted(row)) {
    if (threw) return `expected to be accepted (${row.accepted}), threw ${describe(thrown)}`;
    return row.check(result) ? undefined : `accepted, but the result fails the check: ${String(result)}`;
  }
  if (!threw) return `expected ${row.error.name}, got a result: ${String(result).slice(0, 200)}`;
  let err = thrown;
  if (row.wrapped) {
    if (!(thrown instanceof NodeError)) return `expected a NodeError wrapping ${row.error.name}, got ${describe(thrown)}`;
    err = thrown.cause;
  }
  if (!(err instanceof row.error)) return `expected ${row.error.name}, got ${describe(err)}`;
  if (err.constructor.name === 'TypeError' || err.constructor.name === 'RangeError') return `a raw ${err.constructor.name}`;
  if (!row.message.test((err as Error).message)) return `message ${JSON.stringify((err as Error).message)} does not match ${row.message}`;
  return undefined;
}

function describe(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

/** Plain data of a value for before/after comparison (typed arrays and ndarrays included). */
function snapshot(v: unknown): unknown {
  if (v !== null && typeof v === 'object' && 'data' in v && 'shape' in v) {
    const data = (v as { data: unknown }).data as ArrayLike<unknown> & { length: number };
    const raw = ArrayBuffer.isView(data) ? Array.from(data as unknown as ArrayLike<unknown>, String) : Array.from({ length: (data as { length: number }).length }, (_, i) => String((data as { get?(i: number): unknown }).get?.(i) ?? (data as ArrayLike<unknown>)[i]));
    return { shape: (v as { shape: unknown }).shape, raw };
  }
  return v;
}
