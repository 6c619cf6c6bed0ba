/**
 * The kernel of IncSubtensor: writes (or adds) a value broadcast over a
 * strided destination view, in place. Plain loops over raw typed arrays.
 */
import { rawView, sizeOf, type NDArray } from '../value/ndarray';

/**
 * Sets (`accumulate` false) or increments `dst` by `src` broadcast to dst's
 * shape, writing through dst's strides. Both must have the same dtype, and
 * src's shape must broadcast to dst's (the caller checks). bool increments
 * are logical or, integer ones wrap, as in NumPy.
 *
 * @example
 * writeBroadcast(view, y, true); // view += y
 */
export function writeBroadcast(dst: NDArray, src: NDArray, accumulate: boolean): void {
  const d = rawView(dst);
  const s = rawView(src);
  const nd = d.shape.length;
  const n = sizeOf(d.shape);
  if (n === 0) return;
  const pad = nd - s.shape.length;
  // Raw strides of src seen with dst's shape (0 along broadcast dimensions).
  const sStrides = d.shape.map((len, k) => (k < pad || (s.shape[k - pad] === 1 && len !== 1) ? 0 : s.strides[k - pad]!));
  const inner = nd === 0 ? 1 : d.shape[nd - 1]!;
  const dIn = nd === 0 ? 0 : d.strides[nd - 1]!;
  const sIn = nd === 0 ? 0 : sStrides[nd - 1]!;
  const dd = d.data as unknown as (number | bigint)[];
  const sd = s.data as unknown as (number | bigint)[];
  const width = d.width;
  const bool = dst.dtype === 'bool';
  const idx = new Array<number>(Math.max(nd - 1, 0)).fill(0);
  let dOff = d.offset;
  let sOff = s.offset;
  for (let k = 0; k < n; k += inner) {
    let o = dOff;
    let p = sOff;
    if (!accumulate) {
      for (let j = 0; j < inner; j++, o += dIn, p += sIn) {
        dd[o] = sd[p]!;
        if (width === 2) dd[o + 1] = sd[p + 1]!;
      }
    } else if (bool) {
      const bd = dd as number[];
      const bs = sd as number[];
      for (let j = 0; j < inner; j++, o += dIn, p += sIn) bd[o] = bd[o]! | bs[p]!;
    } else {
      // number + number or bigint + bigint: the typed array keeps one kind.
      const ad = dd as number[];
      const as = sd as number[];
      for (let j = 0; j < inner; j++, o += dIn, p += sIn) {
        ad[o] = ad[o]! + as[p]!;
        if (width === 2) ad[o + 1] = ad[o + 1]! + as[p + 1]!;
      }
    }
    // Odometer over the outer dimensions.
    for (let a = nd - 2; a >= 0; a--) {
      idx[a]!++;
      dOff += d.strides[a]!;
      sOff += sStrides[a]!;
      if (idx[a]! < d.shape[a]!) break;
      dOff -= d.strides[a]! * d.shape[a]!;
      sOff -= sStrides[a]! * d.shape[a]!;
      idx[a] = 0;
    }
  }
}
