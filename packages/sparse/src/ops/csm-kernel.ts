/**
 * Kernels of CSM / CSMGrad: reading 1-d integer arrays as Int32Array and
 * gathering a gradient's values at the stored positions of a pattern.
 */
import { rawView, type NDArray, type RawArray } from '@proj/tensor';

/** A 1-d integer array as a new Int32Array (BigInt and strided inputs read element by element). */
export function toInt32(a: NDArray): Int32Array {
  const v = rawView(a);
  const n = a.shape[0] ?? 0;
  const out = new Int32Array(n);
  const s = v.strides[0] ?? 1;
  for (let k = 0; k < n; k++) out[k] = Number(v.data[v.offset + k * s]!);
  return out;
}

/** A 1-d array's raw values, contiguous and copied (complex: re, im interleaved). */
export function copyRaw(a: NDArray): RawArray {
  const v = rawView(a);
  const n = a.shape[0] ?? 0;
  const Ctor = v.data.constructor as new (n: number) => RawArray;
  const out = new Ctor(n * v.width);
  const s = v.strides[0] ?? v.width;
  const dst = out as Float64Array;
  const src = v.data as Float64Array;
  for (let k = 0; k < n; k++) {
    for (let w = 0; w < v.width; w++) dst[k * v.width + w] = src[v.offset + k * s + w]!;
  }
  return out;
}

/**
 * For each stored entry k of x, out[k] = the sum of g's entries at the same
 * (major, minor) position (0 where g stores nothing). x and g are compressed
 * along the same axis. O(nnz(x) + nnz(g) + nMinor).
 */
export function gatherAtPattern(
  xIndptr: Int32Array,
  xIndices: Int32Array,
  gIndptr: Int32Array,
  gIndices: Int32Array,
  gData: RawArray,
  width: 1 | 2,
  nMinor: number,
  out: RawArray,
): void {
  const nMajor = xIndptr.length - 1;
  const work = new (gData.constructor as new (n: number) => RawArray)(nMinor * width) as Float64Array;
  const src = gData as Float64Array;
  const dst = out as Float64Array;
  const zero = (typeof work[0] === 'bigint' ? 0n : 0) as number;
  for (let i = 0; i < nMajor; i++) {
    const gs = i < gIndptr.length - 1 ? gIndptr[i]! : 0;
    const ge = i < gIndptr.length - 1 ? gIndptr[i + 1]! : 0;
    for (let k = gs; k < ge; k++) for (let w = 0; w < width; w++) work[gIndices[k]! * width + w] += src[k * width + w]!;
    for (let k = xIndptr[i]!; k < xIndptr[i + 1]!; k++) for (let w = 0; w < width; w++) dst[k * width + w] = work[xIndices[k]! * width + w]!;
    for (let k = gs; k < ge; k++) for (let w = 0; w < width; w++) work[gIndices[k]! * width + w] = zero;
  }
}
