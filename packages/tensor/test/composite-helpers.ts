/** Seeded random values for the Composite tests (no Math.random: failures must reproduce). */
import type { Dtype } from '../src/dtype/dtypes';
import { toNDArray } from '../src/value/convert';
import { sizeOf, type NDArray } from '../src/value/ndarray';

/** A small linear congruential generator in [0, 1). */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Random values of `dtype` and `shape`: floats in [-3, 3], integers in their range (small ranges), bools. */
export function randomArray(r: () => number, dtype: Dtype, shape: readonly number[]): NDArray {
  const n = sizeOf(shape);
  const flat = Array.from({ length: n }, () => {
    if (dtype === 'bool') return r() < 0.5;
    if (dtype.startsWith('float')) return Math.fround(Math.round((r() * 6 - 3) * 1000) / 1000);
    if (dtype.startsWith('uint')) return Math.floor(r() * 200);
    return Math.floor(r() * 200) - 100;
  });
  const nest = (k: number, d: number): unknown => (d === shape.length ? flat[k] : Array.from({ length: shape[d]! }, (_, i) => nest(k * shape[d]! + i, d + 1)));
  return toNDArray(shape.length === 0 ? flat[0] : nest(0, 0), dtype);
}
