/** Reading test/fixtures/subtensor.json (written by tools/fixtures/gen_subtensor.py from NumPy). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { NodeError } from '@proj/graph';
import { dtypeWidth, isBigInt, rawArrayCtor, type Dtype } from '../src/dtype/dtypes';
import { TensorType } from '../src/type/tensor-type';
import { contiguousStrides, forEachOffset, fromRaw, rawView, sizeOf, type NDArray } from '../src/value/ndarray';
import type { TensorVariable } from '../src/variable/tensor-variable';
import { ellipsis, newaxis, slice, type IndexArg, type SliceBound } from '../src/subtensor/index-entry';

/** An encoded array: flat row-major data (int64 as strings, complex as [re, im], nan/inf as strings). */
export interface Enc {
  dtype: Dtype;
  shape: number[];
  data: unknown[];
  view?: 'T' | 'flip0' | 'step2';
}

/** An encoded index argument (see the generator's docstring). */
export type EncArg = number | null | string | { slice: EncBound[] } | { ellipsis: true } | { newaxis: true } | EncSym;
type EncSym = { sym: number; dtype: Dtype };
type EncBound = number | null | EncSym;

export const fixtures = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'subtensor.json'), 'utf8')) as Record<string, any[]>;

function num(v: unknown): number {
  if (v === 'nan') return NaN;
  if (v === 'inf') return Infinity;
  if (v === '-inf') return -Infinity;
  return v as number;
}

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

/** The shape of the value `decode(e)` gives. */
export function viewShape(e: Enc): number[] {
  if (e.view === 'T') return [...e.shape].reverse();
  if (e.view === 'step2') return e.shape.map((s, i) => (i === e.shape.length - 1 ? Math.ceil(s / 2) : s));
  return [...e.shape];
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

/** Asserts that `a` has the dtype, shape and elements of `e` (NaN equals NaN). */
export function expectArray(a: NDArray, e: Enc): void {
  expect(a.dtype).toBe(e.dtype);
  expect(a.shape).toEqual(e.shape);
  expect(sizeOf(a.shape)).toBe(e.data.length);
  const want = e.data.map((v) => decodeScalar(v, e.dtype));
  flat(a).forEach((g, k) => {
    const w = want[k];
    if (typeof w === 'number' && Number.isNaN(w)) expect(Number.isNaN(g as number)).toBe(true);
    else if (Array.isArray(w)) expect(g).toEqual(w);
    else if (g !== w) expect(g).toEqual(w);
  });
}

/** Index arguments for getItem, with the symbolic scalars they use and the values to give them. */
export function decodeArgs(args: readonly EncArg[]): { args: IndexArg[]; givens: [TensorVariable, unknown][] } {
  const givens: [TensorVariable, unknown][] = [];
  const symbol = (s: EncSym): TensorVariable => {
    const v = new TensorType(s.dtype, []).makeVariable(`s${givens.length}`);
    givens.push([v, s.sym]);
    return v;
  };
  const bound = (b: EncBound): SliceBound => (b === null || typeof b === 'number' ? b : symbol(b));
  const out = args.map((a): IndexArg => {
    if (a === null || typeof a === 'number' || typeof a === 'string') return a;
    if ('slice' in a) return slice(bound(a.slice[0]!), bound(a.slice[1]!), bound(a.slice[2]!));
    if ('ellipsis' in a) return ellipsis;
    if ('newaxis' in a) return newaxis;
    return symbol(a);
  });
  return { args: out, givens };
}

/** The error `f` throws, unwrapped from the NodeError of evaluation. */
export function thrown(f: () => unknown): Error {
  try {
    f();
  } catch (e) {
    return e instanceof NodeError ? (e.cause as Error) : (e as Error);
  }
  throw new Error('expected an error');
}
