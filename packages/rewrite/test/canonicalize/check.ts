/**
 * Test helpers for single rewrites: seeded random inputs, running one rewrite
 * (or a few, to equilibrium) on a graph, and comparing the values of the
 * graph before and after with the reference evaluator.
 */
import { FunctionGraph, evaluate, type Variable } from '@proj/graph';
import * as pt from '@proj/tensor';
import { EquilibriumGraphRewriter, constantFolding, type NodeRewriter } from '../../src';

/** A small seeded generator (mulberry32): the same draws on every run. */
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

/**
 * A random array of `dtype` and `shape`: floats of magnitude in [0.5, 2) and
 * either sign (away from 0, so divisions are defined), integers in [-4, 4]
 * (nonzero), bools either way.
 */
export function randArray(r: () => number, dtype: pt.Dtype, shape: readonly number[]): pt.NDArray {
  const n = shape.reduce((a, b) => a * b, 1);
  const flat = Array.from({ length: n }, () => {
    const sign = r() < 0.5 ? -1 : 1;
    if (dtype === 'bool') return r() < 0.5;
    if (dtype.startsWith('uint')) return 1 + Math.floor(r() * 4);
    if (dtype.startsWith('int')) return sign * (1 + Math.floor(r() * 4));
    return sign * (0.5 + 1.5 * r());
  });
  const nest = (offset: number, dims: readonly number[]): unknown => {
    if (dims.length === 0) return flat[offset];
    const stride = dims.slice(1).reduce((a, b) => a * b, 1);
    return Array.from({ length: dims[0]! }, (_, i) => nest(offset + i * stride, dims.slice(1)));
  };
  return pt.toNDArray(nest(0, shape), dtype, { allowDowncast: true });
}

/** The inputs' values for a run: shapes where the Type leaves a length open come from `shapes`. */
function valuesFor(inputs: readonly Variable[], shapes: readonly (readonly number[])[], seed: number): pt.NDArray[] {
  const r = rng(seed);
  return inputs.map((v, i) => {
    const t = v as pt.TensorVariable;
    const shape = shapes[i] ?? t.type.shape.map((s) => s ?? 3);
    return randArray(r, t.dtype, shape);
  });
}

const flatOf = (a: pt.NDArray): unknown[] => [pt.toNested(a)].flat(Infinity as 1) as unknown[];

/** Expects two arrays of the same dtype and shape whose elements agree (relative 1e-5 for float32, 1e-12 else). */
export function expectSameArray(got: pt.NDArray, want: pt.NDArray): void {
  expect(got.dtype).toBe(want.dtype);
  expect([...got.shape]).toEqual([...want.shape]);
  const tol = got.dtype === 'float32' || got.dtype === 'complex64' ? 1e-5 : 1e-12;
  const g = flatOf(got);
  const w = flatOf(want);
  g.forEach((x, i) => {
    const y = w[i];
    if (typeof x === 'number' && typeof y === 'number') {
      if (Number.isNaN(y)) expect(x).toBeNaN();
      else if (!Number.isFinite(y)) expect(x).toBe(y);
      else expect(Math.abs(x - y)).toBeLessThanOrEqual(tol * (1 + Math.abs(y)));
    } else expect(x).toEqual(y);
  });
}

/** What `rewriteAndCompare` returns: the rewritten graph and how often the rewrites fired. */
export interface Compared {
  fg: FunctionGraph;
  fired: number;
}

/**
 * Builds a FunctionGraph over `inputs` computing `outputs`, evaluates it on
 * seeded random inputs, runs `rewrites` (plus constant folding when `fold`)
 * to equilibrium, checks integrity, and checks that the rewritten graph gives
 * the same values, dtypes and shapes and leaves the input arrays unchanged.
 */
export function rewriteAndCompare(
  inputs: Variable[],
  outputs: Variable[],
  rewrites: NodeRewriter | readonly NodeRewriter[],
  options: { shapes?: readonly (readonly number[])[]; seed?: number; fold?: boolean } = {},
): Compared {
  const fg = new FunctionGraph(inputs, outputs);
  const values = valuesFor(fg.inputs, options.shapes ?? [], options.seed ?? 7);
  const snapshot = values.map((v) => JSON.stringify(pt.toNested(v), (_k, x) => (typeof x === 'bigint' ? String(x) : x)));
  const givens = () => fg.inputs.map((v, i) => [v, values[i]] as const);
  const before = evaluate(fg.outputs, givens()) as pt.NDArray[];
  const list = Array.isArray(rewrites) ? (rewrites as readonly NodeRewriter[]) : [rewrites as NodeRewriter];
  const { fired } = new EquilibriumGraphRewriter(options.fold ? [...list, constantFolding] : list).rewrite(fg);
  fg.checkIntegrity();
  fg.outputs.forEach((o, i) => expect(o.type.equals(outputs[i]!.type) || outputs[i]!.type.isSuperType(o.type)).toBe(true));
  const after = evaluate(fg.outputs, givens()) as pt.NDArray[];
  after.forEach((a, i) => expectSameArray(a, before[i]!));
  values.forEach((v, i) => expect(JSON.stringify(pt.toNested(v), (_k, x) => (typeof x === 'bigint' ? String(x) : x))).toBe(snapshot[i]));
  return { fg, fired };
}

/** The Op names of the graph's nodes, in topological order. */
export function ops(fg: FunctionGraph): string[] {
  return fg.toposort().map((n) => n.op.toString());
}

