/**
 * The cumulative sum/product kernel along one axis, over strided inputs, in
 * the output dtype: exact BigInt arithmetic (wrapping) for int64/uint64,
 * float32 rounding after every step for float32, complex pairs for complex.
 */
import { isBigInt, isComplex, rawArrayCtor, type Dtype, type RawArray } from '../dtype/dtypes';
import { contiguousStrides, fromRaw, rawView, sizeOf, type NDArray } from '../value/ndarray';
import { lines } from './strided';

/**
 * Cumulative 'add' or 'mul' of `a` along `axis`, accumulated in `outDtype`
 * (NumPy's add.accumulate / multiply.accumulate with that dtype).
 *
 * @example
 * cumKernel(a, 0, 'add', 'int64');
 */
export function cumKernel(a: NDArray, axis: number, mode: 'add' | 'mul', outDtype: Dtype): NDArray {
  const v = rawView(a);
  const { starts, stride, len } = lines(v, axis);
  const shape = a.shape;
  const os = contiguousStrides(shape);
  const ol = lines({ shape, strides: os, offset: 0 }, axis);
  const oStride = os[axis]!;
  const total = sizeOf(shape);
  const data = v.data as unknown as ArrayLike<number | bigint>;
  if (isComplex(outDtype)) {
    const out = new (rawArrayCtor(outDtype))(2 * total) as Float64Array;
    const f32 = outDtype === 'complex64';
    const cplxIn = v.width === 2;
    for (let l = 0; l < starts.length; l++) {
      let re = 0;
      let im = 0;
      for (let i = 0; i < len; i++) {
        const s = starts[l]! + i * stride;
        const xr = Number(data[s]!);
        const xi = cplxIn ? (data[s + 1] as number) : 0;
        if (i === 0) {
          // The first element is copied (NumPy's accumulate keeps -0).
          re = xr;
          im = xi;
        } else if (mode === 'add') {
          re += xr;
          im += xi;
        } else {
          const r = re * xr - im * xi;
          im = re * xi + im * xr;
          re = r;
        }
        if (f32) {
          re = Math.fround(re);
          im = Math.fround(im);
        }
        const o = 2 * (ol.starts[l]! + i * oStride);
        out[o] = re;
        out[o + 1] = im;
      }
    }
    return fromRaw(outDtype, out, shape);
  }
  if (isBigInt(outDtype)) {
    const out = new (rawArrayCtor(outDtype))(total) as BigInt64Array | BigUint64Array;
    const wrap = outDtype === 'int64' ? (x: bigint) => BigInt.asIntN(64, x) : (x: bigint) => BigInt.asUintN(64, x);
    for (let l = 0; l < starts.length; l++) {
      let acc = 0n;
      for (let i = 0; i < len; i++) {
        const x = data[starts[l]! + i * stride]!;
        const xb = typeof x === 'bigint' ? x : BigInt(x);
        acc = i === 0 ? wrap(xb) : wrap(mode === 'add' ? acc + xb : acc * xb);
        out[ol.starts[l]! + i * oStride] = acc;
      }
    }
    return fromRaw(outDtype, out, shape);
  }
  // float32/float64 (and, for completeness, narrow dtypes stored exactly).
  const out = new (rawArrayCtor(outDtype))(total) as RawArray as Float64Array;
  const f32 = outDtype === 'float32';
  for (let l = 0; l < starts.length; l++) {
    let acc = 0;
    for (let i = 0; i < len; i++) {
      const x = Number(data[starts[l]! + i * stride]!);
      acc = i === 0 ? x : mode === 'add' ? acc + x : acc * x;
      if (f32) acc = Math.fround(acc);
      out[ol.starts[l]! + i * oStride] = acc;
    }
  }
  return fromRaw(outDtype, out, shape);
}
