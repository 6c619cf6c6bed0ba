/**
 * The check every public function runs on its trailing options object: an
 * unknown key (a typo such as `axes` for `axis`) would otherwise be ignored and
 * silently give a different answer, so it is refused with a suggestion.
 */
import { ArgumentError } from './errors';

/** Edit distance between two short strings (option names), insertions, deletions, substitutions and swaps. */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * The allowed option closest to `key` (case-insensitive edit distance at most
 * 2, or a third of the name for long names), or undefined when none is close.
 *
 * @example
 * closestOption('axes', ['axis', 'keepdims']); // 'axis'
 */
export function closestOption(key: string, allowed: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  const k = key.toLowerCase();
  for (const a of allowed) {
    const dist = distance(k, a.toLowerCase());
    if (dist < bestD) {
      bestD = dist;
      best = a;
    }
  }
  const limit = Math.max(2, Math.floor(key.length / 3));
  return bestD <= limit ? best : undefined;
}

function describeGiven(options: unknown): string {
  if (options === null) return 'null';
  if (Array.isArray(options)) return `an array of length ${options.length}`;
  if (typeof options === 'string') return `the string '${options}'`;
  if (typeof options === 'object') return `an instance of ${(options as object).constructor?.name ?? 'an unknown class'}`;
  return `${typeof options} ${String(options)}`;
}

/**
 * Throws an ArgumentError naming `op` when `options` is not a plain object
 * (undefined is fine: no options) or has a key outside `allowed`. A key set to
 * undefined counts as given: `{ axes: undefined }` is still a typo.
 *
 * @example
 * checkOptions('pt.sum', { axes: 0 }, ['axis', 'keepdims', 'dtype', 'accDtype']);
 * // ArgumentError: pt.sum: argument 'options' expected one of the options axis, keepdims, dtype, accDtype, got 'axes' (did you mean 'axis'?)
 */
export function checkOptions(op: string, options: unknown, allowed: readonly string[]): void {
  if (options === undefined) return;
  const proto = typeof options === 'object' && options !== null ? Object.getPrototypeOf(options) : undefined;
  if (typeof options !== 'object' || options === null || Array.isArray(options) || (proto !== Object.prototype && proto !== null)) {
    throw new ArgumentError({ op, argument: 'options', expected: `an options object with keys among ${allowed.join(', ') || '(none)'}`, given: describeGiven(options) });
  }
  // The common case (every key known) allocates nothing: FunctionGraph.replace runs this per rewrite.
  let allKnown = true;
  for (const k in options) {
    if (!allowed.includes(k) && Object.prototype.hasOwnProperty.call(options, k)) {
      allKnown = false;
      break;
    }
  }
  if (allKnown) return;
  const unknown = Object.keys(options).filter((k) => !allowed.includes(k));
  const given = unknown
    .map((k) => {
      const near = closestOption(k, allowed);
      return near === undefined ? `'${k}'` : `'${k}' (did you mean '${near}'?)`;
    })
    .join(', ');
  const expected = allowed.length === 0 ? 'no options' : `one of the options ${allowed.join(', ')}`;
  throw new ArgumentError({ op, argument: 'options', expected, given });
}

/**
 * The key list of an options interface, written as an object literal so that
 * TypeScript requires every key of `T` and refuses any other: the list given
 * to checkOptions cannot drift from the interface.
 *
 * @example
 * const SUM_KEYS = optionKeys<SumOptions>({ axis: true, keepdims: true, dtype: true, accDtype: true });
 */
export function optionKeys<T extends object>(keys: { readonly [K in keyof Required<T>]: true }): readonly string[] {
  return Object.freeze(Object.keys(keys));
}
