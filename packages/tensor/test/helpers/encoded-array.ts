/**
 * Encoded arrays of the NumPy fixtures (flat row-major data; int64 as strings,
 * complex as [re, im], nan/inf as strings), shared by the tensor tests.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { dtypeWidth, isBigInt, rawArrayCtor, type Dtype } from '../../src/dtype/dtypes';
import { contiguousStrides, forEachOffset, fromRaw, rawView, sizeOf, type NDArray } from '../../src/value/ndarray';

/** An encoded array: flat row-major data (int64 as strings, complex as [re, im], nan/inf as strings). */
export interface Enc {
  dtype: Dtype;
  shape: number[];
  data: unknown[];
  /** The strided view to build from the contiguous base: x.T, x[::-1], x[..., ::2]. */
  view?: 'T' | 'flip0' | 'step2';
}

/** A fixture file of test/fixtures (written by a generator in tools/fixtures from NumPy). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function loadFixture(name: string): Record<string, any[]> {
  return JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', `${name}.json`), 'utf8'));
}

function num(v: unknown): number {
  if (v === 'nan') return NaN;
  if (v === 'inf') return Infinity;
  if (v === '-inf') return -Infinity;
  return v as number;
}

/** The value an element of `dtype` has in JS (BigInt, boolean, [re, im] or number). */
export function decodeScalar(v: unknown, dtype: Dtype): unknown {
  if (dtypeWidth(dtype) === 2) return (v as unknown[]).map(num);
  if (isBigInt(dtype)) return BigInt(v as string);
  if (dtype === 'bool') return Boolean(v);
  return num(v);
}

/** The ndarray an encoded array stands for, with its strided view applied. */
export function decode(e: Enc): NDArray {
  const w = dtypeWidth(e.dtype);
  const raw = new (rawArrayCtor(e.dtype))(e.data.length * w) as unknown as (number | bigint)[];
  e.data.forEach((v, k) => {
    const d = decodeScalar(v, e.dtype);
    if (w === 2) {
      raw[2 * k] = (d as number[])[0]!;
      raw[2 * k + 1] = (d as number[])[1]!;
    } else raw[k] = typeof d === 'boolean' ? (d ? 1 : 0) : (d as number | bigint);
  });
  const shape = [...e.shape];
  const strides = contiguousStrides(shape);
  let offset = 0;
  if (e.view === 'T') {
    shape.reverse();
    strides.reverse();
  } else if (e.view === 'flip0') {
    offset = (shape[0]! - 1) * strides[0]!;
    strides[0] = -strides[0]!;
  } else if (e.view === 'step2') {
    const last = shape.length - 1;
    shape[last] = Math.ceil(shape[last]! / 2);
    strides[last] = 2 * strides[last]!;
  }
  return fromRaw(e.dtype, raw as never, shape, strides, offset);
}

/** The elements of `a` in row-major order, as decodeScalar gives them. */
export function flat(a: NDArray): unknown[] {
  const v = rawView(a);
  const out: unknown[] = [];
  forEachOffset(a.shape, v.strides, v.offset, (off) => {
    if (v.width === 2) out.push([v.data[off], v.data[off + 1]]);
    else if (a.dtype === 'bool') out.push(v.data[off] !== 0);
    else out.push(v.data[off]);
  });
  return out;
}

/** The shape of the value `decode(e)` gives. */
export function viewShape(e: Enc): number[] {
  if (e.view === 'T') return [...e.shape].reverse();
  if (e.view === 'step2') return e.shape.map((s, i) => (i === e.shape.length - 1 ? Math.ceil(s / 2) : s));
  return [...e.shape];
}

/** Asserts that `a` has the dtype, shape and elements of `e` (NaN equals NaN). */
export function expectArray(a: NDArray, e: Enc): void {
  expect(a.dtype).toBe(e.dtype);
  expect(a.shape).toEqual(e.shape);
  expect(sizeOf(a.shape)).toBe(e.data.length);
  const want = e.data.map((v) => decodeScalar(v, e.dtype));
  flat(a).forEach((g, k) => {
    const w = want[k];
    if (typeof w === 'number' && Number.isNaN(w)) expect(Number.isNaN(g as number)).toBe(true);
    else if (g !== w) expect(g).toEqual(w);
  });
}
