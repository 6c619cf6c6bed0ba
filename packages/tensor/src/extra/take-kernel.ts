/**
 * The take kernels: gathering blocks along one axis with resolved indices
 * (NumPy's take), and its transpose, scatter-adding them back (the gradient).
 */
import { dtypeWidth, isBigInt } from '../dtype/dtypes';
import { allocRaw, contiguousStrides, fromRaw, rawView, type NDArray } from '../value/ndarray';
import { asDtype, offsetTable } from './strided';

/**
 * out = x.take(idx, axis) where `idx` are resolved indices (in [0, n)) and
 * `idxShape` their shape: out.shape = x.shape[:axis] + idxShape + x.shape[axis+1:].
 *
 * @example
 * takeKernel(x, Int32Array.of(2, 0), [2], 1);
 */
export function takeKernel(x: NDArray, idx: Int32Array, idxShape: readonly number[], axis: number): NDArray {
  const v = rawView(x);
  const w = v.width;
  const outer = offsetTable(x.shape.slice(0, axis), v.strides.slice(0, axis));
  const inner = offsetTable(x.shape.slice(axis + 1), v.strides.slice(axis + 1));
  const sAxis = v.strides[axis]!;
  const shape = [...x.shape.slice(0, axis), ...idxShape, ...x.shape.slice(axis + 1)];
  const out = allocRaw('Take', x.dtype, shape) as unknown as { [k: number]: number | bigint };
  const src = v.data as unknown as ArrayLike<number | bigint>;
  let k = 0;
  for (let o = 0; o < outer.length; o++) {
    for (let j = 0; j < idx.length; j++) {
      const base = v.offset + outer[o]! + idx[j]! * sAxis;
      if (w === 1) {
        for (let i = 0; i < inner.length; i++) out[k++] = src[base + inner[i]!]!;
      } else {
        for (let i = 0; i < inner.length; i++) {
          out[k++] = src[base + inner[i]!]!;
          out[k++] = src[base + inner[i]! + 1]!;
        }
      }
    }
  }
  return fromRaw(x.dtype, out as never, shape);
}

/**
 * The transpose of takeKernel: zeros of `like`'s shape and dtype with each
 * block of `g` added at its index (repeated indices accumulate).
 *
 * @example
 * takeGradKernel(g, Int32Array.of(2, 2), 0, x); // row 2 gets g[0] + g[1]
 */
export function takeGradKernel(gIn: NDArray, idx: Int32Array, axis: number, like: NDArray): NDArray {
  const dtype = like.dtype;
  const g = asDtype(gIn, dtype);
  const gv = rawView(g);
  const w = dtypeWidth(dtype);
  const shape = like.shape;
  const cs = contiguousStrides(shape).map((s) => s * w);
  const outer = offsetTable(shape.slice(0, axis), cs.slice(0, axis));
  const inner = offsetTable(shape.slice(axis + 1), cs.slice(axis + 1));
  const sAxis = cs[axis]!;
  const gOffs = offsetTable(g.shape, gv.strides);
  const raw = allocRaw('Take', dtype, shape);
  const src = gv.data as unknown as ArrayLike<number | bigint>;
  let k = 0;
  if (isBigInt(dtype)) {
    const out = raw as BigInt64Array;
    for (let o = 0; o < outer.length; o++) {
      for (let j = 0; j < idx.length; j++) {
        const base = outer[o]! + idx[j]! * sAxis;
        for (let i = 0; i < inner.length; i++) out[base + inner[i]!]! += src[gv.offset + gOffs[k++]!] as bigint;
      }
    }
  } else {
    const out = raw as Float64Array;
    const bool = dtype === 'bool';
    for (let o = 0; o < outer.length; o++) {
      for (let j = 0; j < idx.length; j++) {
        const base = outer[o]! + idx[j]! * sAxis;
        for (let i = 0; i < inner.length; i++) {
          const s = gv.offset + gOffs[k++]!;
          const d = base + inner[i]!;
          if (bool) out[d] = out[d]! || (src[s] as number) ? 1 : 0;
          else {
            out[d]! += src[s] as number;
            if (w === 2) out[d + 1]! += src[s + 1] as number;
          }
        }
      }
    }
  }
  return fromRaw(dtype, raw, shape);
}
