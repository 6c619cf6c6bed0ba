/**
 * Dense values whose numbers live in an arena: making them (typed-array views
 * on the memory), recognising them, re-making them after the memory grew (a
 * grow detaches every old view), and copying values in and out.
 */
import { contiguousStrides, copyArray, fromRaw, rawArrayCtor, rawView, sizeOf, type Dtype, type NDArray, type RawArray } from '@proj/tensor';
import { DTYPE_BYTES } from '../kernels/tensor-ref';
import type { WasmArena } from './arena';

interface ViewInfo {
  readonly ptr: number;
  readonly length: number;
}

/**
 * Makes and tracks the views of one arena.
 *
 * @example
 * const views = new ResidentViews(arena);
 * const a = views.make('float64', ptr, [2, 3]);
 */
export class ResidentViews {
  /** Where each typed array made here points (a detached view forgets its offset). */
  private readonly info = new WeakMap<object, ViewInfo>();

  constructor(readonly arena: WasmArena) {}

  /** A raw typed array of `length` numbers of `dtype` at byte address `ptr`. */
  raw(dtype: Dtype, ptr: number, length: number): RawArray {
    const Ctor = rawArrayCtor(dtype) as unknown as new (b: ArrayBuffer, o: number, n: number) => RawArray;
    const a = new Ctor(this.arena.buffer, ptr, length);
    this.info.set(a, { ptr, length });
    return a;
  }

  /** A contiguous value of `shape` at `ptr` (a view, no copy). */
  make(dtype: Dtype, ptr: number, shape: readonly number[]): NDArray {
    const a = fromRaw(dtype, this.raw(dtype, ptr, sizeOf(shape)), shape, contiguousStrides(shape));
    // bool values wrap the raw bytes in a BooleanArray: remember that object too.
    this.info.set(a.data as object, { ptr, length: sizeOf(shape) });
    return a;
  }

  /** Whether the value's numbers are in this arena. */
  isResident(v: unknown): v is NDArray {
    const found = this.lookup(v);
    return found !== undefined && (found.info !== undefined || found.buffer === this.arena.buffer);
  }

  /**
   * Where a value's numbers live: its view record and its buffer. The data
   * object is looked up first: rawView of a bool or complex value constructs a
   * typed array on the buffer, which throws once a grow has detached it.
   */
  private lookup(v: unknown): { info: ViewInfo | undefined; buffer: unknown } | undefined {
    if (typeof v !== 'object' || v === null || DTYPE_BYTES[(v as NDArray).dtype] === undefined || !('strides' in v)) return undefined;
    const a = v as NDArray;
    const direct = this.info.get(a.data as object);
    if (direct !== undefined) return { info: direct, buffer: (a.data as { buffer?: unknown }).buffer };
    try {
      const data = rawView(a).data as unknown as ArrayBufferView;
      return { info: this.info.get(data), buffer: data.buffer };
    } catch {
      // A view on a detached buffer this arena did not make: not ours.
      return undefined;
    }
  }

  /** The same value on the current buffer if it was made on a buffer detached by a grow, else undefined. */
  remake(v: unknown): NDArray | undefined {
    const found = this.lookup(v);
    if (found === undefined || found.info === undefined || found.buffer === this.arena.buffer) return undefined;
    const a = v as NDArray;
    const info = found.info;
    const raw = this.raw(a.dtype, info.ptr, info.length);
    const out = fromRaw(a.dtype, raw, a.shape, a.ndims === 0 ? [] : a.strides, a.offset);
    this.info.set(out.data as object, info);
    return out;
  }

  /** A contiguous copy of `v` in the arena at a new block `ptr` (the caller allocated sizeOf(shape) elements). */
  copyIn(v: NDArray, ptr: number): NDArray {
    const out = this.make(v.dtype, ptr, v.shape);
    const src = rawView(v);
    const dst = rawView(out).data as Float64Array;
    const n = sizeOf(v.shape);
    if (n === 0) return out;
    let contiguous = true;
    for (let d = v.shape.length - 1, want = 1; d >= 0; d--) {
      const len = v.shape[d]!;
      if (len > 1 && src.strides[d] !== want) contiguous = false;
      want *= len;
    }
    if (contiguous) dst.set((src.data as Float64Array).subarray(src.offset, src.offset + n));
    else {
      const c = rawView(copyArray(v));
      dst.set((c.data as Float64Array).subarray(0, n));
    }
    return out;
  }

  /** A copy of a resident value in ordinary JS memory (what the caller of a compiled function gets). */
  copyOut(v: NDArray): NDArray {
    const src = rawView(v);
    const n = sizeOf(v.shape) * src.width;
    let want = src.width;
    for (let d = v.shape.length - 1; d >= 0; d--) {
      const len = v.shape[d]!;
      if (len > 1 && src.strides[d] !== want) return copyArray(v);
      want *= len;
    }
    // Contiguous: one memcpy.
    return fromRaw(v.dtype, (src.data as Float64Array).slice(src.offset, src.offset + n), v.shape);
  }
}
