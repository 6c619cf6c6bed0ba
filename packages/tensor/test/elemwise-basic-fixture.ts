/**
 * Decoding and comparing the NumPy fixtures of elemwise-basic.json (written by
 * tools/fixtures/gen_elemwise_basic.py). JSON cannot hold NaN, inf or int64:
 * they are the strings 'nan', 'inf', '-inf' and decimal strings.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { dtypeWidth, isBigInt, isComplex, rawArrayCtor, type Dtype, type RawArray } from '../src/dtype/dtypes';
import { forEachOffset, fromRaw, rawView, type NDArray } from '../src/value/ndarray';

export type Scalar = number | string | boolean | [number | string, number | string];

export interface Encoded {
  dtype: Dtype;
  shape: number[];
  data: Scalar[];
}

export interface Fixture {
  numpy: string;
  floatX: Dtype;
  binary: { op: string; a: Encoded; b: Encoded; out: Encoded }[];
  unary: { op: string; x: Encoded; out: Encoded }[];
  casts: { dtype: Dtype; x: Encoded; out: Encoded }[];
  switch: { cond: Encoded; ift: Encoded; iff: Encoded; out: Encoded }[];
  clip: { x: Encoded; min: Encoded; max: Encoded; out: Encoded }[];
  isclose: { options: { rtol?: number; atol?: number; equalNan?: boolean }; a: Encoded; b: Encoded; out: Encoded; allcloseFirst6: boolean; allclose: boolean }[];
  shapes: { op: string; a: Encoded; b: Encoded; out: Encoded }[];
  strided: { kind: 'transpose' | 'reverse'; op: string; a: Encoded; b: Encoded; out: Encoded }[];
}

export function loadFixture(): Fixture {
  return JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'elemwise-basic.json'), 'utf8')) as Fixture;
}

export function num(v: number | string | boolean): number {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v === 'nan') return NaN;
  if (v === 'inf') return Infinity;
  if (v === '-inf') return -Infinity;
  return Number(v);
}

/** The raw storage of an encoded array (contiguous). */
export function rawOf(e: Encoded): RawArray {
  const Ctor = rawArrayCtor(e.dtype);
  const raw = new Ctor(e.data.length * dtypeWidth(e.dtype));
  e.data.forEach((v, k) => {
    if (isComplex(e.dtype)) {
      const [re, im] = v as [number | string, number | string];
      (raw as Float64Array)[2 * k] = num(re);
      (raw as Float64Array)[2 * k + 1] = num(im);
    } else if (isBigInt(e.dtype)) (raw as BigInt64Array)[k] = BigInt(v as string);
    else (raw as Float64Array)[k] = num(v as number | string | boolean);
  });
  return raw;
}

export function decode(e: Encoded): NDArray {
  return fromRaw(e.dtype, rawOf(e), e.shape);
}

/** Flat row-major values of any (strided) array: numbers, BigInts as strings, complex as [re, im]. */
export function flat(a: NDArray): (number | string | [number, number])[] {
  const v = rawView(a);
  const out: (number | string | [number, number])[] = [];
  forEachOffset(a.shape, v.strides, v.offset, (off) => {
    const d = v.data as unknown as ArrayLike<number | bigint>;
    if (v.width === 2) out.push([d[off] as number, d[off + 1] as number]);
    else if (isBigInt(a.dtype)) out.push(String(d[off]));
    else out.push(d[off] as number);
  });
  return out;
}

function tolerance(dtype: Dtype): number {
  return dtype === 'float32' || dtype === 'complex64' ? 1e-6 : 1e-13;
}

function close(got: number, want: number, tol: number, scale: number): boolean {
  if (Number.isNaN(want)) return Number.isNaN(got);
  if (!Number.isFinite(want)) return got === want;
  return Math.abs(got - want) <= tol * Math.max(Math.abs(want), scale);
}

/**
 * Compares a result with an encoded expectation: the same dtype and shape,
 * integers exactly, floats within a few ulps (NaN matches NaN; -0 matches 0).
 * Returns a description of the first mismatch, or undefined.
 */
export function mismatch(got: NDArray, want: Encoded): string | undefined {
  if (got.dtype !== want.dtype) return `dtype ${got.dtype}, expected ${want.dtype}`;
  if (JSON.stringify(got.shape) !== JSON.stringify(want.shape)) return `shape (${got.shape}), expected (${want.shape})`;
  const values = flat(got);
  const tol = tolerance(want.dtype);
  for (let k = 0; k < values.length; k++) {
    const g = values[k]!;
    const w = want.data[k]!;
    if (isComplex(want.dtype)) {
      const [gr, gi] = g as [number, number];
      const [wr, wi] = (w as [number | string, number | string]).map(num) as [number, number];
      const scale = Math.max(...[wr, wi].filter(Number.isFinite).map(Math.abs), 0);
      if (!close(gr, wr, tol, scale) || !close(gi, wi, tol, scale)) return `element ${k}: ${gr}+${gi}i, expected ${wr}+${wi}i`;
    } else if (isBigInt(want.dtype)) {
      if (g !== w) return `element ${k}: ${g}, expected ${w}`;
    } else if (want.dtype.startsWith('float')) {
      if (!close(g as number, num(w as number | string), tol, 0)) return `element ${k}: ${g}, expected ${w}`;
    } else if ((g as number) !== num(w as number | boolean)) return `element ${k}: ${g}, expected ${w}`;
  }
  return undefined;
}

export function label(e: Encoded): string {
  return `${e.dtype}(${e.shape.join(',')})`;
}
