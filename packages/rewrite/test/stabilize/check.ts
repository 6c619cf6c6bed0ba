/**
 * Helpers of the stabilize / specialize / inplace rewrite tests: printing a
 * graph, rewriting with one rewriter, evaluating with the reference evaluator
 * (in the order the graph's features ask for), seeded random inputs, fixtures.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FunctionGraph, debugprint, evaluate } from '@proj/graph';
import * as pt from '@proj/tensor';
import { WalkingGraphRewriter, type NodeRewriter } from '../../src';

/** debugprint of the graph without the toposort positions (stable text to compare). */
export function printed(fg: FunctionGraph): string {
  return debugprint(fg).trim().replace(/ \d+$/gm, '');
}

/** Applies `rewriter` to every node once (in2out); the number of replacements. */
export function rewriteWith(fg: FunctionGraph, rewriter: NodeRewriter): number {
  const fired = new WalkingGraphRewriter(rewriter).rewrite(fg).fired;
  fg.checkIntegrity();
  return fired;
}

/** The outputs of `fg` for values of its inputs (reference evaluator, honouring the destroy orderings), flattened. */
export function values(fg: FunctionGraph, inputs: readonly unknown[]): number[][] {
  const outs = evaluate(fg.outputs, fg.inputs.map((v, i) => [v, inputs[i]] as const), { orderings: fg.orderings() });
  return outs.map((o) => flatNumbers(o as pt.NDArray));
}

/** The elements of an array (or a nested array) as numbers, row-major. */
export function flatNumbers(a: pt.NDArray | unknown[]): number[] {
  const nested = Array.isArray(a) ? a : pt.toNested(a as pt.NDArray);
  return ([nested].flat(Infinity as 1) as unknown[]).map(Number);
}

/** A seeded uniform generator in [0, 1) (mulberry32). */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A row-major array of `dtype` and `shape` with seeded uniform elements in [lo, hi). */
export function randomArray(dtype: 'float32' | 'float64', shape: readonly number[], seed: number, lo = -1, hi = 1): pt.NDArray {
  const next = rng(seed);
  const n = shape.reduce((a, b) => a * b, 1);
  const data = dtype === 'float32' ? new Float32Array(n) : new Float64Array(n);
  for (let i = 0; i < n; i++) data[i] = lo + (hi - lo) * next();
  return pt.fromRaw(dtype, data as never, shape);
}

/** A copy of an array (to check later that evaluation left it unchanged). */
export function snapshot(a: pt.NDArray): number[] {
  return flatNumbers(a);
}

/** Asserts that got and want agree elementwise: NaN with NaN, infinities exactly, others to rtol / atol. */
export function expectClose(got: readonly number[], want: readonly number[], rtol = 1e-12, atol = 0): void {
  expect(got).toHaveLength(want.length);
  got.forEach((g, k) => {
    const w = want[k]!;
    if (Number.isNaN(w)) expect(g).toBeNaN();
    else if (!Number.isFinite(w)) expect(g).toBe(w);
    else if (Math.abs(g - w) > atol + rtol * Math.abs(w)) expect({ k, got: g }).toEqual({ k, got: w });
  });
}

/** An encoded NumPy array of the fixtures (nan/inf as strings). */
export interface Enc {
  dtype: 'float32' | 'float64';
  shape: number[];
  data: (number | string)[];
}

/** A fixture file of test/fixtures, written by a generator in tools/fixtures. */
export function loadFixture<T>(name: string): T {
  return JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', `${name}.json`), 'utf8')) as T;
}

/** The numbers of an encoded array, row-major. */
export function decodeNumbers(e: Enc): number[] {
  return e.data.map((v) => (v === 'nan' ? NaN : v === 'inf' ? Infinity : v === '-inf' ? -Infinity : Number(v)));
}

/** The ndarray of an encoded array. */
export function decodeArray(e: Enc): pt.NDArray {
  const nums = decodeNumbers(e);
  return pt.fromRaw(e.dtype, (e.dtype === 'float32' ? Float32Array.from(nums) : Float64Array.from(nums)) as never, e.shape);
}
