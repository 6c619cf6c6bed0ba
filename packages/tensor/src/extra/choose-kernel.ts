/**
 * The choose kernel: out[I] = choices[a[I]][I] with every input broadcast to
 * the output shape (NumPy's choose), over strided inputs.
 */
import { ArgumentError } from '@proj/graph';
import { dtypeWidth, isBigInt, rawArrayCtor, type Dtype } from '../dtype/dtypes';
import { broadcastShapes } from '../elemwise/kernel';
import { fromRaw, rawView, sizeOf, type NDArray, type RawView } from '../value/ndarray';
import { asDtype, type IndexMode } from './strided';

/** Raw strides of `v` seen with shape `outShape`: 0 along broadcast dimensions. */
function stridesFor(v: RawView, outShape: readonly number[]): number[] {
  const pad = outShape.length - v.shape.length;
  return outShape.map((len, d) => (d < pad || (v.shape[d - pad] === 1 && len !== 1) ? 0 : v.strides[d - pad]!));
}

/**
 * np.choose(a, choices, mode) with the result in `dtype` (choices are cast to it).
 * Throws an ArgumentError naming `op` for an index out of [0, n) in 'raise' mode.
 *
 * @example
 * chooseKernel('Choose', a, [c0, c1], 'clip', 'float64');
 */
export function chooseKernel(op: string, a: NDArray, choices: readonly NDArray[], mode: IndexMode, dtype: Dtype): NDArray {
  const n = choices.length;
  const shape = broadcastShapes(op, [a.shape, ...choices.map((c) => c.shape)]);
  const total = sizeOf(shape);
  const w = dtypeWidth(dtype);
  const out = new (rawArrayCtor(dtype))(total * w) as unknown as { [k: number]: number | bigint };
  const av = rawView(a);
  const cvs = choices.map((c) => rawView(asDtype(c, dtype)));
  const nd = shape.length;
  const aStr = stridesFor(av, shape);
  const cStr = cvs.map((v) => stridesFor(v, shape));
  const cOff = cvs.map((v) => v.offset);
  const aData = av.data as unknown as ArrayLike<number | bigint>;
  const cData = cvs.map((v) => v.data as unknown as ArrayLike<number | bigint>);
  const bigA = isBigInt(a.dtype);
  const idx = new Array<number>(nd).fill(0);
  let aOff = av.offset;
  for (let k = 0; k < total; k++) {
    const raw = aData[aOff]!;
    let i = bigA ? Number(raw as bigint) : (raw as number);
    if (i < 0 || i >= n) {
      if (mode === 'raise') throw new ArgumentError({ op, argument: 0, expected: `indices in [0, ${n}) (${n} choices)`, given: `index ${String(raw)}` });
      if (mode === 'clip') i = i < 0 ? 0 : n - 1;
      else i = bigA ? Number((((raw as bigint) % BigInt(n)) + BigInt(n)) % BigInt(n)) : ((i % n) + n) % n;
    }
    const src = cData[i]!;
    const s = cOff[i]!;
    out[k * w] = src[s]!;
    if (w === 2) out[k * w + 1] = src[s + 1]!;
    // Odometer over the output shape, moving every input's offset.
    for (let d = nd - 1; d >= 0; d--) {
      idx[d]!++;
      aOff += aStr[d]!;
      for (let j = 0; j < n; j++) cOff[j]! += cStr[j]![d]!;
      if (idx[d]! < shape[d]!) break;
      aOff -= aStr[d]! * shape[d]!;
      for (let j = 0; j < n; j++) cOff[j]! -= cStr[j]![d]! * shape[d]!;
      idx[d] = 0;
    }
  }
  return fromRaw(dtype, out as never, shape);
}

/**
 * The choices of a stacked choices value (first axis = the choice), as views.
 *
 * @example
 * splitFirstAxis(c); // [c[0], c[1], ...]
 */
export function splitFirstAxis(c: NDArray): NDArray[] {
  const v = rawView(c);
  const n = c.shape[0]!;
  const rest = c.shape.slice(1);
  const strides = c.strides.slice(1);
  return Array.from({ length: n }, (_, i) => fromRaw(c.dtype, v.data, rest, strides, c.offset + i * c.strides[0]!));
}
