/**
 * The sort kernels: a stable merge sort of index permutations, one line at a
 * time along an axis, over strided inputs of any real dtype. NaNs go last,
 * in their original order (NumPy's rule); -0 and 0 compare equal.
 */
import { isBigInt, rawArrayCtor, type RawArray } from '../dtype/dtypes';
import { contiguousStrides, fromRaw, rawView, sizeOf, type NDArray } from '../value/ndarray';
import { lines } from './strided';

// a before b: smaller, or a number when b is NaN.
function lessNum(a: number, b: number): boolean {
  return a < b || (b !== b && a === a);
}

/**
 * Sorts perm[0..n) stably by keys[perm[i]] (merge sort; runs of 16 by
 * insertion). `tmp` is scratch of length n.
 */
function mergeSortNum(keys: Float64Array, perm: Int32Array, tmp: Int32Array, n: number): void {
  const RUN = 16;
  for (let lo = 0; lo < n; lo += RUN) {
    const hi = Math.min(lo + RUN, n);
    for (let i = lo + 1; i < hi; i++) {
      const p = perm[i]!;
      const kp = keys[p]!;
      let j = i - 1;
      while (j >= lo && lessNum(kp, keys[perm[j]!]!)) {
        perm[j + 1] = perm[j]!;
        j--;
      }
      perm[j + 1] = p;
    }
  }
  let src = perm;
  let dst = tmp;
  for (let width = RUN; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) dst[k++] = lessNum(keys[src[j]!]!, keys[src[i]!]!) ? src[j++]! : src[i++]!;
      while (i < mid) dst[k++] = src[i++]!;
      while (j < hi) dst[k++] = src[j++]!;
    }
    const t = src;
    src = dst;
    dst = t;
  }
  if (src !== perm) perm.set(src.subarray(0, n));
}

/** The same merge sort for BigInt keys (int64/uint64, no NaN). */
function mergeSortBig(keys: BigInt64Array | BigUint64Array, perm: Int32Array, tmp: Int32Array, n: number): void {
  const RUN = 16;
  for (let lo = 0; lo < n; lo += RUN) {
    const hi = Math.min(lo + RUN, n);
    for (let i = lo + 1; i < hi; i++) {
      const p = perm[i]!;
      const kp = keys[p]!;
      let j = i - 1;
      while (j >= lo && kp < keys[perm[j]!]!) {
        perm[j + 1] = perm[j]!;
        j--;
      }
      perm[j + 1] = p;
    }
  }
  let src = perm;
  let dst = tmp;
  for (let width = RUN; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) dst[k++] = keys[src[j]!]! < keys[src[i]!]! ? src[j++]! : src[i++]!;
      while (i < mid) dst[k++] = src[i++]!;
      while (j < hi) dst[k++] = src[j++]!;
    }
    const t = src;
    src = dst;
    dst = t;
  }
  if (src !== perm) perm.set(src.subarray(0, n));
}

/**
 * Sorts every line of `a` along `axis`. Returns the sorted values (a new
 * contiguous array of a's dtype) when `want` is 'values', else the int64
 * indices that sort each line (NumPy's argsort). Stable for every kind.
 *
 * @example
 * sortKernel(a, 1, 'indices');
 */
export function sortKernel(a: NDArray, axis: number, want: 'values' | 'indices'): NDArray {
  const v = rawView(a);
  const { starts, stride, len } = lines(v, axis);
  const shape = a.shape;
  const outStrides = contiguousStrides(shape);
  const oStride = outStrides[axis]!;
  const outLines = lines({ shape, strides: outStrides, offset: 0 }, axis);
  const total = sizeOf(shape);
  const big = isBigInt(a.dtype);
  const outRaw: RawArray = want === 'values' ? new (rawArrayCtor(a.dtype))(total) : new BigInt64Array(total);
  const perm = new Int32Array(len);
  const tmp = new Int32Array(len);
  const numKeys = big ? undefined : new Float64Array(len);
  const bigKeys = big ? (a.dtype === 'int64' ? new BigInt64Array(len) : new BigUint64Array(len)) : undefined;
  const data = v.data as unknown as ArrayLike<number | bigint>;
  for (let l = 0; l < starts.length; l++) {
    const s0 = starts[l]!;
    for (let i = 0; i < len; i++) perm[i] = i;
    if (numKeys) {
      for (let i = 0; i < len; i++) numKeys[i] = data[s0 + i * stride] as number;
      mergeSortNum(numKeys, perm, tmp, len);
    } else {
      for (let i = 0; i < len; i++) bigKeys![i] = data[s0 + i * stride] as bigint;
      mergeSortBig(bigKeys!, perm, tmp, len);
    }
    const o0 = outLines.starts[l]!;
    if (want === 'indices') {
      const out = outRaw as BigInt64Array;
      for (let i = 0; i < len; i++) out[o0 + i * oStride] = BigInt(perm[i]!);
    } else {
      const out = outRaw as unknown as { [k: number]: number | bigint };
      const keys = (numKeys ?? bigKeys!) as unknown as ArrayLike<number | bigint>;
      for (let i = 0; i < len; i++) out[o0 + i * oStride] = keys[perm[i]!]!;
    }
  }
  return fromRaw(want === 'values' ? a.dtype : 'int64', outRaw, shape);
}

/**
 * Gathers `x` along `axis` with `perm` (same shape as x, a permutation of
 * 0..n-1 on every line): out[..., i, ...] = x[..., perm[..., i, ...], ...]
 * (NumPy's take_along_axis for permutations). Throws `bad(detail)` when a
 * line of perm is not a permutation.
 *
 * @example
 * permuteKernel(x, perm, 0, (d) => new Error(d));
 */
export function permuteKernel(x: NDArray, perm: NDArray, axis: number, bad: (detail: string) => Error): NDArray {
  const xv = rawView(x);
  const pv = rawView(perm);
  const w = xv.width;
  const xl = lines(xv, axis);
  const pl = lines(pv, axis);
  const shape = x.shape;
  const outStrides = contiguousStrides(shape);
  const ol = lines({ shape, strides: outStrides, offset: 0 }, axis);
  const len = xl.len;
  const out = new (rawArrayCtor(x.dtype))(sizeOf(shape) * w) as unknown as { [k: number]: number | bigint };
  const src = xv.data as unknown as ArrayLike<number | bigint>;
  const pdata = pv.data as unknown as ArrayLike<number | bigint>;
  const seen = new Uint8Array(len);
  const oStride = outStrides[axis]! * w;
  for (let l = 0; l < xl.starts.length; l++) {
    seen.fill(0);
    const x0 = xl.starts[l]!;
    const p0 = pl.starts[l]!;
    const o0 = ol.starts[l]! * w;
    for (let i = 0; i < len; i++) {
      const j = Number(pdata[p0 + i * pl.stride]!);
      if (!(j >= 0 && j < len) || seen[j]) throw bad(`line ${l} of the permutation holds ${j} ${seen[j] ? 'twice' : `(not in [0, ${len}))`}`);
      seen[j] = 1;
      const s = x0 + j * xl.stride;
      out[o0 + i * oStride] = src[s]!;
      if (w === 2) out[o0 + i * oStride + 1] = src[s + 1]!;
    }
  }
  return fromRaw(x.dtype, out as unknown as RawArray, shape);
}
