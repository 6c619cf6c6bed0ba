/** Reading test/fixtures/linalg.json (written by tools/fixtures/gen_linalg.py from NumPy) and laying values out in memory. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { dtypeWidth, isBigInt, isComplex, isFloat, rawArrayCtor, type Dtype } from '../src/dtype/dtypes';
import { contiguousStrides, forEachOffset, fromRaw, rawView, sizeOf, type NDArray } from '../src/value/ndarray';

/** An encoded array: flat row-major data (int64 as strings, complex as [re, im], nan/inf as strings). */
export interface Enc {
  dtype: Dtype;
  shape: number[];
  data: unknown[];
}

/** How a test lays an input out: contiguous, column-major, every axis reversed, every other element. */
export type Layout = 'c' | 'f' | 'rev' | 'step';

/** Inputs given by formula: x[i, j] = ((i * mi + j * mj + add) % mod - off) / div. */
export interface Formula {
  shape: [number, number];
  dtype: Dtype;
  mi: number;
  mj: number;
  add: number;
  mod?: number;
  off?: number;
  div?: number;
}

export interface Case {
  fn: string;
  name: string;
  inputs: Enc[];
  formula?: Formula[];
  layouts: Layout[];
  out?: Enc;
  error?: string;
  axes?: number | [number | number[], number | number[]];
  alpha?: number;
  beta?: number;
  tolerance?: 'loose';
}

export const cases = (JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'linalg.json'), 'utf8')) as { cases: Case[] }).cases;

function num(v: unknown): number {
  if (v === 'nan') return NaN;
  if (v === 'inf') return Infinity;
  if (v === '-inf') return -Infinity;
  return v as number;
}

/** The raw numbers (width per element) of flat encoded data, in the dtype's typed array. */
function rawOf(dtype: Dtype, data: readonly unknown[]): (number | bigint)[] {
  const w = dtypeWidth(dtype);
  const raw = new (rawArrayCtor(dtype))(data.length * w) as unknown as (number | bigint)[];
  data.forEach((v, k) => {
    if (w === 2) {
      raw[2 * k] = num((v as unknown[])[0]);
      raw[2 * k + 1] = num((v as unknown[])[1]);
    } else if (isBigInt(dtype)) raw[k] = BigInt(v as string);
    else if (dtype === 'bool') raw[k] = v ? 1 : 0;
    else raw[k] = num(v);
  });
  return raw;
}

/**
 * The value with elements `data` (row-major) and `shape`, stored with `layout`:
 * its strides/offset are those of a column-major, reversed or stepped array.
 */
export function layOut(dtype: Dtype, shape: readonly number[], data: readonly unknown[], layout: Layout): NDArray {
  const logical = rawOf(dtype, data);
  if (layout === 'c' || shape.length === 0) return fromRaw(dtype, logical as never, shape);
  const w = dtypeWidth(dtype);
  const c = contiguousStrides(shape);
  let strides: number[];
  let offset = 0;
  let length = sizeOf(shape);
  if (layout === 'f') {
    strides = [];
    let s = 1;
    for (const len of shape) {
      strides.push(s);
      s *= Math.max(len, 1);
    }
  } else if (layout === 'rev') {
    strides = c.map((s) => -s);
    offset = shape.reduce((acc, len, d) => acc + Math.max(len - 1, 0) * c[d]!, 0);
  } else {
    strides = c.map((s) => 2 * s);
    offset = 1;
    length = 2 * length + 1;
  }
  const buf = new (rawArrayCtor(dtype))(Math.max(length, 1) * w) as unknown as (number | bigint)[];
  forEachOffset(shape, strides, offset, (pos, k) => {
    for (let r = 0; r < w; r++) buf[pos * w + r] = logical[k * w + r]!;
  });
  return fromRaw(dtype, buf as never, shape, strides, offset);
}

/** A fixture array as a value with `layout`. */
export function decode(e: Enc, layout: Layout = 'c'): NDArray {
  return layOut(e.dtype, e.shape, e.data, layout);
}

/** A formula input (see Formula) as a value with `layout`. */
export function fromFormula(f: Formula, layout: Layout): NDArray {
  const [m, n] = f.shape;
  const data: number[] = [];
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) data.push((((i * f.mi + j * f.mj + f.add) % (f.mod ?? 17)) - (f.off ?? 8)) / (f.div ?? 4));
  }
  return layOut(f.dtype, f.shape, data, layout);
}

/** The elements of a value in row-major order: numbers, BigInts, booleans or [re, im]. */
export function elements(a: NDArray): unknown[] {
  const v = rawView(a);
  const out: unknown[] = [];
  forEachOffset(a.shape, v.strides, v.offset, (off) => {
    if (v.width === 2) out.push([v.data[off], v.data[off + 1]]);
    else if (a.dtype === 'bool') out.push(v.data[off] !== 0);
    else out.push(v.data[off]);
  });
  return out;
}

function close(got: number, want: number, rel: number): boolean {
  if (Number.isNaN(want)) return Number.isNaN(got);
  if (!Number.isFinite(want)) return got === want;
  return Math.abs(got - want) <= rel * Math.max(1, Math.abs(want));
}

/**
 * Asserts that `got` has the dtype, shape and values of the encoded `want`:
 * exact by default (the fixtures' float inputs are multiples of 1/8, whose
 * products and sums are exact), within a relative tolerance when `loose`.
 */
export function expectValue(got: NDArray, want: Enc, loose = false): void {
  expect(got.dtype).toBe(want.dtype);
  expect([...got.shape]).toEqual(want.shape);
  const rel = !loose ? 0 : want.dtype === 'float32' || want.dtype === 'complex64' ? 2e-5 : 1e-12;
  const g = elements(got);
  const w = want.data;
  expect(g.length).toBe(w.length);
  const bad: string[] = [];
  g.forEach((v, k) => {
    const e = w[k];
    let ok: boolean;
    if (isComplex(want.dtype)) {
      const [re, im] = v as number[];
      const [ere, eim] = (e as unknown[]).map(num);
      ok = close(re!, ere!, rel) && close(im!, eim!, rel);
    } else if (isBigInt(want.dtype)) ok = String(v) === e;
    else if (want.dtype === 'bool') ok = v === e;
    else if (isFloat(want.dtype)) ok = close(v as number, num(e), rel);
    else ok = v === e;
    if (!ok && bad.length < 5) bad.push(`[${k}] got ${String(v)}, want ${JSON.stringify(e)}`);
  });
  expect(bad).toEqual([]);
}
