/**
 * Helpers of the gradient driver's tests: evaluation to plain numbers, a
 * seeded random generator, central finite differences and a closeness check.
 * Expected derivatives come from finite differences of the function's values
 * (computed with the reference evaluator), never from the code under test.
 */
import { evaluate, type Variable } from '@proj/graph';
import * as pt from '@proj/tensor';

/** Values of graph inputs, keyed by Variable. */
export type Point = ReadonlyMap<Variable, unknown>;

/** The value of `v` at `point` as nested JS numbers. */
export function value(v: Variable, point: Point = new Map()): unknown {
  const [out] = evaluate([v], point);
  return pt.toNested(out as pt.NDArray);
}

/** The value of `v` at `point`, flattened to numbers. */
export function flatValue(v: Variable, point: Point = new Map()): number[] {
  return [value(v, point)].flat(Infinity).map(Number);
}

/** The value of a scalar `v` at `point`. */
export function scalarValue(v: Variable, point: Point = new Map()): number {
  return Number(value(v, point));
}

/** A deterministic generator of numbers in [lo, hi) (mulberry32). */
export function randoms(seed: number, n: number, lo = -1, hi = 1): number[] {
  let a = seed >>> 0;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out.push(lo + (hi - lo) * (((t ^ (t >>> 14)) >>> 0) / 4294967296));
  }
  return out;
}

/** Reshapes a flat list to nested arrays of `shape`. */
export function nest(flat: readonly number[], shape: readonly number[]): unknown {
  if (shape.length === 0) return flat[0];
  if (shape.length === 1) return [...flat];
  const inner = shape.slice(1).reduce((a, b) => a * b, 1);
  return Array.from({ length: shape[0]! }, (_, i) => nest(flat.slice(i * inner, (i + 1) * inner), shape.slice(1)));
}

/**
 * Central differences of the scalar `cost` with respect to the input `x`
 * (flat, row-major) at `point`, where x has shape `shape`.
 */
export function finiteDiff(cost: Variable, x: Variable, point: Point, shape: readonly number[], h = 1e-6): number[] {
  const base = [point.get(x)].flat(Infinity).map(Number);
  return base.map((xi, i) => {
    const step = h * Math.max(1, Math.abs(xi));
    const at = (d: number) => {
      const moved = base.map((v, k) => (k === i ? v + d : v));
      return scalarValue(cost, new Map([...point, [x, nest(moved, shape)]]));
    };
    return (at(step) - at(-step)) / (2 * step);
  });
}

/** Central differences of every element of `f` (any shape) with respect to x: a Jacobian, rows = elements of f. */
export function finiteDiffJacobian(f: Variable, x: Variable, point: Point, shape: readonly number[], h = 1e-6): number[][] {
  const base = [point.get(x)].flat(Infinity).map(Number);
  const m = flatValue(f, point).length;
  const cols = base.map((xi, i) => {
    const step = h * Math.max(1, Math.abs(xi));
    const at = (d: number) => flatValue(f, new Map([...point, [x, nest(base.map((v, k) => (k === i ? v + d : v)), shape)]]));
    const up = at(step);
    const down = at(-step);
    return up.map((u, r) => (u - down[r]!) / (2 * step));
  });
  return Array.from({ length: m }, (_, r) => cols.map((c) => c[r]!));
}

/** Asserts |got - want| <= atol + rtol |want| elementwise, with a readable failure. */
export function expectClose(got: readonly number[], want: readonly number[], rtol = 1e-6, atol = 1e-8): void {
  expect(got).toHaveLength(want.length);
  const bad = got.map((g, i) => [i, g, want[i]!] as const).filter(([, g, w]) => !(Math.abs(g - w) <= atol + rtol * Math.abs(w)));
  if (bad.length > 0) throw new Error(`not close at ${bad.map(([i, g, w]) => `[${i}] got ${g}, want ${w}`).join('; ')}`);
}
