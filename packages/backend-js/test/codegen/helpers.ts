/** Running one node through its generic thunk (op.perform) and through the generated one, on the same input values. */
import type { Apply, StorageCell, Thunk, Variable } from '@proj/graph';
import * as pt from '@proj/tensor';
import { elemwiseThunk } from '../../src';

/** A seeded generator (LCG) in [0, 1). */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Random raw numbers of `dtype`: floats with a few special values, integers over (most of) their range, bools 0/1. */
export function rawValues(r: () => number, dtype: pt.Dtype, n: number): number[] {
  const specials = [0, -0, NaN, Infinity, -Infinity, 1, -1];
  return Array.from({ length: n }, () => {
    if (dtype === 'bool') return r() < 0.5 ? 1 : 0;
    if (dtype === 'float64' || dtype === 'float32') {
      const v = r() < 0.1 ? specials[Math.floor(r() * specials.length)]! : (r() * 8 - 4) * (r() < 0.2 ? 1e3 : 1);
      return dtype === 'float32' ? Math.fround(v) : v;
    }
    const bits = Number(dtype.replace(/\D/g, ''));
    const signed = dtype.startsWith('int');
    const span = 2 ** Math.min(bits, 12);
    const v = Math.floor(r() * span);
    return signed ? v - span / 2 : v;
  });
}

/**
 * A value of `dtype` and `shape` laid out as asked: 'c' contiguous, 't'
 * transposed storage (column-major strides), 'o' inside a larger buffer at an
 * offset with every other element (stride 2 along the last dimension).
 */
export function makeValue(r: () => number, dtype: pt.Dtype, shape: readonly number[], layout: 'c' | 't' | 'o' = 'c'): pt.NDArray {
  const n = shape.reduce((a, b) => a * b, 1);
  const Ctor = pt.rawArrayCtor(dtype) as unknown as new (xs: number[]) => pt.RawArray;
  if (layout === 'c' || shape.length === 0) return pt.fromRaw(dtype, new Ctor(rawValues(r, dtype, n)), shape);
  if (layout === 't') {
    const strides: number[] = [];
    let s = 1;
    for (let d = 0; d < shape.length; d++) {
      strides.push(s);
      s *= Math.max(shape[d]!, 1);
    }
    return pt.fromRaw(dtype, new Ctor(rawValues(r, dtype, n)), shape, strides);
  }
  const strides = pt.contiguousStrides(shape).map((s) => 2 * s);
  return pt.fromRaw(dtype, new Ctor(rawValues(r, dtype, 2 * n + 3)), shape, strides, 3);
}

/** The thunks of `node`: the generic one and the generated one (undefined when the table keeps the generic). */
export function thunksOf(node: Apply): { generic: Thunk; fast: Thunk | undefined } {
  const storage = new Map<Variable, StorageCell>();
  const generic = node.op.makeThunk(node, storage, new Map(), []);
  return { generic, fast: elemwiseThunk(node, generic) };
}

/** Runs `thunk` on `values` and returns its output. */
export function runThunk(thunk: Thunk, values: readonly pt.NDArray[]): pt.NDArray {
  values.forEach((v, i) => (thunk.inputs[i]![0] = v));
  thunk.outputs[0]![0] = undefined;
  thunk();
  return thunk.outputs[0]![0] as pt.NDArray;
}

/** Expects two arrays to be equal element for element (NaN equal to NaN, -0 distinct from 0), with equal dtype and shape. */
export function expectIdentical(got: pt.NDArray, want: pt.NDArray): void {
  expect(got.dtype).toBe(want.dtype);
  expect([...got.shape]).toEqual([...want.shape]);
  expect(pt.toNested(got)).toEqual(pt.toNested(want));
}

/** Runs the node both ways on copies of the same values and expects identical results. */
export function expectSameAsPerform(node: Apply, values: readonly pt.NDArray[]): pt.NDArray {
  const { generic, fast } = thunksOf(node);
  expect(fast).toBeDefined();
  const want = runThunk(generic, values.map((v) => pt.copyArray(v)));
  const got = runThunk(fast!, values);
  expectIdentical(got, want);
  return got;
}
