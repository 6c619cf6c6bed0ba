/**
 * A dense value in WASM memory as kernels see it: the byte address of its
 * element (0, ..., 0), its shape and strides in elements.
 */
import { rawView, type Dtype, type NDArray } from '@proj/tensor';

/** A strided tensor in linear memory. */
export interface TensorRef {
  readonly dtype: Dtype;
  /** Byte address of the element at index (0, ..., 0). */
  readonly ptr: number;
  readonly shape: readonly number[];
  /** Strides in elements (may be 0 or negative). */
  readonly strides: readonly number[];
}

/** Bytes per element of the dtypes kernels handle (undefined for the others). */
export const DTYPE_BYTES: Readonly<Partial<Record<Dtype, number>>> = { float64: 8, float32: 4, int32: 4, uint32: 4, int16: 2, uint16: 2, int8: 1, uint8: 1, bool: 1 };

/**
 * The TensorRef of a value whose numbers live in `buffer`, or undefined when they do not.
 *
 * @example
 * const ref = tensorRef(value, arena.buffer); // { ptr, shape, strides, dtype }
 */
export function tensorRef(a: NDArray, buffer: ArrayBuffer): TensorRef | undefined {
  const bytes = DTYPE_BYTES[a.dtype];
  if (bytes === undefined) return undefined;
  const raw = rawView(a);
  const data = raw.data as unknown as ArrayBufferView;
  if (data.buffer !== buffer) return undefined;
  return { dtype: a.dtype, ptr: data.byteOffset + raw.offset * bytes, shape: a.shape, strides: raw.strides };
}
