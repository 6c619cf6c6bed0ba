/** Shared helpers of the elemwise-special tests: fixture decoding, building inputs, comparing values. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { evaluate } from '@proj/graph';
import { rawArrayCtor, dtypeWidth, isBigInt, isComplex, type Dtype } from '../src/dtype/dtypes';
import { TensorType } from '../src/type/tensor-type';
import { fromRaw, rawView, forEachOffset, type NDArray } from '../src/value/ndarray';
import type { TensorVariable } from '../src/variable/tensor-variable';

export type Enc = number | string;

export interface UnaryCase {
  x: (Enc | boolean)[];
  y: Enc[];
  outDtype?: Dtype;
}

export interface GridCase {
  a: Enc[];
  aDtype: Dtype;
  b: Enc[];
  bDtype: Dtype;
  out: Enc[][];
  outDtype: Dtype;
}

export interface ComplexCase {
  re: Enc[];
  im: Enc[];
  outRe: Enc[][];
  outIm: Enc[][];
}

export interface Fixture {
  unary: Record<string, Record<string, UnaryCase>>;
  binary: Record<string, GridCase[]>;
  complex: Record<string, Record<string, ComplexCase>>;
}

export const fixture = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'elemwise-special.json'), 'utf8')) as Fixture;

/** A fixture number: 'nan', 'inf', '-inf' strings decoded. */
export function dec(v: Enc | boolean): number {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v === 'nan') return NaN;
  if (v === 'inf') return Infinity;
  if (v === '-inf') return -Infinity;
  return Number(v);
}

/**
 * An ndarray of `dtype` with `shape` from fixture values (int64/uint64 from
 * decimal strings, exactly), optionally laid out with the given element strides
 * and offset inside a larger buffer (the other slots hold junk).
 */
export function makeArray(dtype: Dtype, values: readonly (Enc | boolean)[], shape: readonly number[], layout?: { strides: number[]; offset: number; size: number }): NDArray {
  const Ctor = rawArrayCtor(dtype);
  const size = layout?.size ?? values.length;
  const w = dtypeWidth(dtype);
  const raw = new Ctor(size * w) as unknown as { [k: number]: number | bigint; fill(v: number | bigint): void };
  raw.fill(isBigInt(dtype) ? 77n : 77);
  const strides = layout?.strides ?? contiguous(shape);
  const offset = layout?.offset ?? 0;
  let k = 0;
  forEachOffset(shape, strides, offset, (off) => {
    const v = values[k++]!;
    raw[off] = isBigInt(dtype) ? BigInt(v as string) : dec(v);
  });
  return fromRaw(dtype, raw as never, shape, strides, offset);
}

function contiguous(shape: readonly number[]): number[] {
  const s: number[] = [];
  let acc = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    s[i] = acc;
    acc *= shape[i]!;
  }
  return s;
}

/** A complex ndarray from real and imaginary parts. */
export function makeComplex(dtype: Dtype, re: readonly number[], im: readonly number[], shape: readonly number[]): NDArray {
  const raw = new (rawArrayCtor(dtype))(re.length * 2) as Float64Array;
  re.forEach((r, k) => {
    raw[2 * k] = r;
    raw[2 * k + 1] = im[k]!;
  });
  return fromRaw(dtype, raw, shape);
}

/** Evaluates `build(...vars)` with the arrays bound to fresh input variables of their dtype and rank. */
export function run(build: (...xs: TensorVariable[]) => TensorVariable, ...arrays: NDArray[]): { value: NDArray; out: TensorVariable } {
  const vars = arrays.map((a, i) => new TensorType(a.dtype, a.shape.map(() => null)).makeVariable(`in${i}`));
  const out = build(...vars);
  const [value] = evaluate([out], new Map(vars.map((v, i) => [v, arrays[i]])));
  return { value: value as NDArray, out };
}

/** The elements (row-major) as numbers; complex as [re, im] pairs. */
export function flat(a: NDArray): number[] {
  const v = rawView(a);
  const out: number[] = [];
  forEachOffset(a.shape, v.strides, v.offset, (off) => {
    out.push(Number(v.data[off]));
    if (isComplex(a.dtype)) out.push(Number(v.data[off + 1]));
  });
  return out;
}

/** Whether `got` matches `want`: NaN with NaN, infinities and signed zeros exactly, else |got - want| <= rtol |want| + atol. */
export function close(got: number, want: number, rtol: number, atol = 0): boolean {
  if (Number.isNaN(want)) return Number.isNaN(got);
  if (!Number.isFinite(want)) return got === want;
  if (want === 0 && atol === 0) return Object.is(got, want);
  return Math.abs(got - want) <= rtol * Math.abs(want) + atol;
}

/** The relative error (for reports), NaN-aware. */
export function relErr(got: number, want: number): number {
  if (Number.isNaN(want) && Number.isNaN(got)) return 0;
  if (got === want) return Object.is(got, want) ? 0 : Infinity;
  return Math.abs(got - want) / Math.abs(want);
}
