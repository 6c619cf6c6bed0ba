/**
 * mgrid and ogrid (PyTensor's pt.mgrid[...] / pt.ogrid[...]): JS has no
 * slice syntax, so they are functions of slices, pt.slice(start, stop, step)
 * or strings like '0:5' and '1:10:2'. Each slice becomes arange(start ?? 0,
 * stop, step ?? 1); the grids are built from those aranges.
 */
import { ArgumentError } from '@proj/graph';
import { onesLike } from '../basic/fill';
import { upcast } from '../dtype/dtypes';
import { cast } from '../math/cast';
import { mul } from '../math/arith';
import { dimshuffle, type ShuffleEntry } from '../shape/dimshuffle';
import { Slice, type SliceBound } from '../subtensor/index-entry';
import type { TensorVariable } from '../variable/tensor-variable';
import { arange } from './arange';

/** One dimension of a grid: a pt.slice, or a string such as '0:5' or '0:1:0.25'. */
export type GridSlice = Slice | string;

function parseBound(fn: string, text: string, whole: string): number | null {
  if (text.trim() === '') return null;
  const v = Number(text);
  if (!Number.isFinite(v)) throw new ArgumentError({ op: fn, argument: 'slices', expected: "a slice string of numbers such as '0:5' or '0:1:0.25'", given: JSON.stringify(whole) });
  return v;
}

function toSlice(fn: string, s: unknown, i: number): Slice {
  if (s instanceof Slice) return s;
  if (typeof s === 'string') {
    const parts = s.split(':');
    if (parts.length < 2 || parts.length > 3) throw new ArgumentError({ op: fn, argument: `slices[${i}]`, expected: "'start:stop' or 'start:stop:step'", given: JSON.stringify(s) });
    const [a, b, c] = parts.map((p) => parseBound(fn, p, s));
    return new Slice(a ?? null, b ?? null, c ?? null);
  }
  throw new ArgumentError({ op: fn, argument: `slices[${i}]`, expected: "a pt.slice(start, stop, step) or a string like '0:5'", given: typeof s === 'object' ? String((s as object).constructor?.name) : `${typeof s} ${String(s)}` });
}

/** The arange of each slice, shaped for dimension j of an n-d grid (length 1 elsewhere). */
function ranges(fn: string, slices: readonly unknown[]): TensorVariable[] {
  if (slices.length === 0) throw new ArgumentError({ op: fn, argument: 'slices', expected: 'at least one slice', given: 'none' });
  const n = slices.length;
  const rs = slices.map((raw, j) => {
    const s = toSlice(fn, raw, j);
    if (s.stop === null) throw new ArgumentError({ op: fn, argument: `slices[${j}]`, expected: 'a slice with a stop', given: s.toString() });
    const r = arange(s.start ?? 0, s.stop, (s.step ?? 1) as Exclude<SliceBound, null>);
    const pattern: ShuffleEntry[] = Array.from({ length: n }, (_, d) => (d === j ? 0 : 'x'));
    return dimshuffle(r, pattern);
  });
  // Like NumPy, every grid has the common dtype (a float step anywhere makes them all float).
  const common = upcast(rs[0]!.dtype, ...rs.slice(1).map((r) => r.dtype));
  return rs.map((r) => cast(r, common));
}

/**
 * Dense mesh grids: for n slices, n tensors of the same n-d shape, the j-th
 * varying along dimension j (NumPy's mgrid[...], as a list like PyTensor's).
 *
 * @example
 * const [i, j] = pt.mgrid(pt.slice(0, 3), pt.slice(0, 4)); // two (3, 4) tensors
 */
export function mgrid(...slices: GridSlice[]): TensorVariable[] {
  const rs = ranges('pt.mgrid', slices);
  if (rs.length === 1) return rs;
  const ones = rs.map((r) => onesLike(r));
  return rs.map((r, i) => mul(...rs.map((_, j) => (j === i ? r : ones[j]!))));
}

/**
 * Open mesh grids: for n slices, n tensors whose j-th has length 1 (broadcastable)
 * in every dimension but j (NumPy's ogrid[...]).
 *
 * @example
 * const [i, j] = pt.ogrid(pt.slice(0, 3), '0:4'); // shapes (3, 1) and (1, 4)
 */
export function ogrid(...slices: GridSlice[]): TensorVariable[] {
  return ranges('pt.ogrid', slices);
}
