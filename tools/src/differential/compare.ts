/**
 * Runs one random graph on every backend and compares each result with the
 * reference evaluator's, within per-dtype tolerances; checks that no backend
 * changed an input value. A disagreement is thrown with the seed and the graph
 * printed by debugprint, so it is reproduced from the message alone.
 */
import { compile, type ModeLike } from '@proj/backend-js';
import { debugprint, evaluate } from '@proj/graph';
import * as pt from '@proj/tensor';
import type { RandomGraph } from './random-graph';

/** A way to compute a graph's output from input values. */
export interface Backend {
  readonly name: string;
  /** Whether it may be more accurate than the reference (stabilizing rewrites): finite where the reference overflows. */
  readonly mayImprove?: boolean;
  run(g: RandomGraph, values: readonly pt.NDArray[]): unknown;
}

/** The reference evaluator of @proj/graph. */
export const referenceBackend: Backend = {
  name: 'reference',
  run: (g, values) => evaluate([g.output], g.inputs.map((v, i) => [v, values[i]!] as const))[0],
};

/**
 * compile() of @proj/backend-js in a mode (and with a linker, for other backends).
 *
 * @example
 * const backends = [jsBackend('FAST_RUN'), jsBackend('FAST_COMPILE')];
 */
export function jsBackend(mode: ModeLike, extra: Record<string, unknown> = {}, name = `backend-js ${String(typeof mode === 'string' ? mode : mode.name)}`): Backend {
  return {
    name,
    mayImprove: mode !== 'FAST_COMPILE',
    run: (g, values) => compile(g.inputs, g.output, { mode, onUnusedInput: 'ignore', ...extra })(...values),
  };
}

/** Relative and absolute tolerances by dtype (exact for integers and bool). */
const TOL: Partial<Record<pt.Dtype, [number, number]>> = { float64: [1e-7, 1e-9], float32: [2e-4, 1e-5] };

function flat(a: pt.NDArray): (number | bigint)[] {
  const v = pt.rawView(pt.copyArray(a));
  return Array.from(v.data as unknown as ArrayLike<number | bigint>);
}

/**
 * Where `got` differs from `want`: undefined when they agree (NaN equals NaN).
 *
 * @example
 * compareValues(want, got, false); // 'element 3: expected 1.5, got 1.25'
 */
export function compareValues(want: pt.NDArray, got: unknown, mayImprove: boolean): string | undefined {
  if (!pt.isNDArray(got)) return `expected an ndarray, got ${String(got)}`;
  if (got.dtype !== want.dtype) return `dtype ${got.dtype}, expected ${want.dtype}`;
  if (got.shape.join(',') !== want.shape.join(',')) return `shape (${got.shape}), expected (${want.shape})`;
  const [rtol, atol] = TOL[want.dtype] ?? [0, 0];
  const w = flat(want);
  const g = flat(got);
  for (let k = 0; k < w.length; k++) {
    const a = w[k]!;
    const b = g[k]!;
    if (typeof a === 'bigint' || rtol === 0) {
      if (a !== b) return `element ${k}: expected ${a}, got ${b}`;
      continue;
    }
    const x = a as number;
    const y = b as number;
    if (Number.isNaN(x) && Number.isNaN(y)) continue;
    if (!Number.isFinite(x) && mayImprove && Number.isFinite(y)) continue;
    if (x === y) continue;
    if (!Number.isFinite(x) || !Number.isFinite(y) || !(Math.abs(x - y) <= atol + rtol * Math.abs(x))) return `element ${k}: expected ${x}, got ${y}`;
  }
  return undefined;
}

/** A backend disagreed with the reference, changed an input, or failed where the reference did not. */
export class DifferentialError extends Error {}

function describe(g: RandomGraph, values: readonly pt.NDArray[]): string {
  const ins = g.inputs.map((v, i) => `  ${v.name}: ${values[i]!.dtype} (${values[i]!.shape.join(', ')}) = ${JSON.stringify(pt.toNested(values[i]!), (_k, x) => (typeof x === 'bigint' ? String(x) : x))}`);
  return `seed ${g.seed}\ninputs:\n${ins.join('\n')}\ngraph:\n${debugprint(g.output)}`;
}

/**
 * Runs `g` on every backend against the reference. Graphs the reference itself
 * refuses (a NumPy-like error such as a zero-size max) are skipped: returns false.
 *
 * @example
 * checkGraph(randomGraph(7), [jsBackend('FAST_RUN')]);
 */
export function checkGraph(g: RandomGraph, backends: readonly Backend[]): boolean {
  let want: pt.NDArray;
  try {
    want = referenceBackend.run(g, g.values) as pt.NDArray;
  } catch {
    return false;
  }
  for (const b of backends) {
    const values = g.values.map((v) => pt.copyArray(v));
    let got: unknown;
    try {
      got = b.run(g, values);
    } catch (e) {
      throw new DifferentialError(`${b.name} failed where the reference did not: ${(e as Error).message}\n${describe(g, g.values)}`);
    }
    const diff = compareValues(want, got, b.mayImprove ?? false);
    if (diff !== undefined) throw new DifferentialError(`${b.name} disagrees with the reference evaluator: ${diff}\n${describe(g, g.values)}`);
    values.forEach((v, i) => {
      if (compareValues(g.values[i]!, v, false) !== undefined) throw new DifferentialError(`${b.name} changed input ${g.inputs[i]!.name}\n${describe(g, g.values)}`);
    });
  }
  return true;
}
