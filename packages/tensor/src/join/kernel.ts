/**
 * Kernels of the joining and repeating Ops. Each works on row-major raw
 * numbers seen as (outer, n, inner) blocks: `outer` is the product of the
 * lengths before the axis, `inner` the number of raw numbers after it (a
 * complex element is two raw numbers). Whole runs are moved with typed-array
 * `set`/`subarray`, so the loops run once per block, not once per element.
 */
import type { Dtype, RawArray } from '../dtype/dtypes';
import { allocRaw, contiguousStrides, copyArray, rawView, sizeOf, type NDArray } from '../value/ndarray';
import { castArray } from '../value/convert';

/** The typed-array methods every RawArray has (the union hides them from TypeScript). */
interface Block {
  length: number;
  set(src: Block, offset?: number): void;
  subarray(begin: number, end?: number): Block;
}

const asBlock = (a: RawArray): Block => a as unknown as Block;

/**
 * The raw numbers of `a` converted to `dtype`, in row-major order: a subarray
 * of its own buffer when it is already contiguous and of that dtype, else a copy.
 *
 * @example
 * contiguousRaw(x.T, 'float64'); // a fresh Float64Array in the order of x.T
 */
export function contiguousRaw(a: NDArray, dtype: Dtype = a.dtype): RawArray {
  const src = a.dtype !== dtype ? castArray(a, dtype) : isContiguous(a) ? a : copyArray(a);
  const v = rawView(src);
  const n = sizeOf(a.shape) * v.width;
  return asBlock(v.data).subarray(v.offset, v.offset + n) as unknown as RawArray;
}

/** Whether `a` is row-major contiguous (lengths-1 and empty dimensions ignore their stride). */
export function isContiguous(a: NDArray): boolean {
  if (sizeOf(a.shape) === 0) return true;
  const want = contiguousStrides(a.shape);
  return a.shape.every((s, i) => s <= 1 || a.strides[i] === want[i]);
}

/** A new zero-filled raw array for `size` elements of `dtype`. */
export function newRaw(dtype: Dtype, size: number): RawArray {
  return allocRaw('Join', dtype, [size]);
}

/** (outer, inner) of a shape around `axis` (inner in raw numbers); axis null means flattened. */
export function blockSizes(shape: readonly number[], axis: number | null, width: number): { outer: number; n: number; inner: number } {
  if (axis === null) return { outer: 1, n: sizeOf(shape), inner: width };
  return { outer: sizeOf(shape.slice(0, axis)), n: shape[axis]!, inner: sizeOf(shape.slice(axis + 1)) * width };
}

/**
 * Concatenates (outer, lens[k], inner) blocks along the middle dimension into
 * `out`, shaped (outer, sum(lens), inner).
 *
 * @example
 * joinKernel([a, b], [2, 3], 4, 1, out); // out is (4, 5, 1)
 */
export function joinKernel(parts: readonly RawArray[], lens: readonly number[], outer: number, inner: number, out: RawArray): void {
  const total = lens.reduce((p, q) => p + q, 0) * inner;
  const dst = asBlock(out);
  let pos = 0;
  parts.forEach((part, k) => {
    const len = lens[k]! * inner;
    if (len === 0) return;
    const src = asBlock(part);
    for (let o = 0; o < outer; o++) dst.set(src.subarray(o * len, (o + 1) * len), o * total + pos);
    pos += len;
  });
}

/**
 * Cuts (outer, sum(lens), inner) raw numbers into fresh (outer, lens[k], inner) arrays.
 *
 * @example
 * splitKernel(src, [1, 2], 1, 3, Float64Array); // two arrays of 3 and 6 numbers
 */
export function splitKernel(src: RawArray, lens: readonly number[], outer: number, inner: number, Ctor: new (n: number) => RawArray): RawArray[] {
  const total = lens.reduce((p, q) => p + q, 0) * inner;
  const s = asBlock(src);
  let pos = 0;
  return lens.map((l) => {
    const len = l * inner;
    const out = new Ctor(outer * len);
    const dst = asBlock(out);
    if (len > 0) for (let o = 0; o < outer; o++) dst.set(s.subarray(o * total + pos, o * total + pos + len), o * len);
    pos += len;
    return out;
  });
}

/**
 * Repeats each (outer, i, inner) block reps[i] times along the middle dimension
 * into `out`, shaped (outer, sum(reps), inner).
 *
 * @example
 * repeatKernel(src, [2, 1], 1, 1, out); // [a, b] -> [a, a, b]
 */
export function repeatKernel(src: RawArray, reps: readonly number[], outer: number, inner: number, out: RawArray): void {
  const n = reps.length;
  const total = reps.reduce((p, q) => p + q, 0) * inner;
  const s = asBlock(src);
  const dst = asBlock(out);
  if (inner === 0) return;
  for (let o = 0; o < outer; o++) {
    let pos = o * total;
    for (let i = 0; i < n; i++) {
      const from = (o * n + i) * inner;
      const block = s.subarray(from, from + inner);
      for (let r = 0; r < reps[i]!; r++, pos += inner) dst.set(block, pos);
    }
  }
}

/**
 * The adjoint of repeatKernel: sums the reps[i] consecutive blocks of
 * (outer, sum(reps), inner) that came from block i into `out`, shaped
 * (outer, reps.length, inner) and zero-filled.
 *
 * @example
 * repeatSumKernel(src, [2, 1], 1, 1, out, false); // [a, b, c] -> [a + b, c]
 */
export function repeatSumKernel(src: RawArray, reps: readonly number[], outer: number, inner: number, out: RawArray, bigint: boolean): void {
  const n = reps.length;
  const total = reps.reduce((p, q) => p + q, 0) * inner;
  if (bigint) {
    const s = src as BigInt64Array;
    const d = out as BigInt64Array;
    for (let o = 0; o < outer; o++) {
      let pos = o * total;
      for (let i = 0; i < n; i++) {
        const to = (o * n + i) * inner;
        for (let r = 0; r < reps[i]!; r++, pos += inner) for (let j = 0; j < inner; j++) d[to + j]! += s[pos + j]!;
      }
    }
    return;
  }
  const s = src as Float64Array;
  const d = out as Float64Array;
  for (let o = 0; o < outer; o++) {
    let pos = o * total;
    for (let i = 0; i < n; i++) {
      const to = (o * n + i) * inner;
      for (let r = 0; r < reps[i]!; r++, pos += inner) for (let j = 0; j < inner; j++) d[to + j]! += s[pos + j]!;
    }
  }
}

/**
 * Rolls (outer, n, inner) raw numbers by `shift` (in [0, n)) along the middle
 * dimension into `out`: out[o, (i + shift) % n] = src[o, i].
 *
 * @example
 * rollKernel(src, 1, 1, 3, 1, out); // [a, b, c] -> [c, a, b]
 */
export function rollKernel(src: RawArray, shift: number, outer: number, n: number, inner: number, out: RawArray): void {
  const s = asBlock(src);
  const dst = asBlock(out);
  const len = n * inner;
  const cut = (n - shift) * inner;
  for (let o = 0; o < outer; o++) {
    const base = o * len;
    dst.set(s.subarray(base + cut, base + len), base);
    dst.set(s.subarray(base, base + cut), base + shift * inner);
  }
}
