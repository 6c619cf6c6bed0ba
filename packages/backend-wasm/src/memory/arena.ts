/**
 * One WebAssembly.Memory and a first-fit allocator over it. Blocks are 16-byte
 * aligned (v128 loads). When the memory grows, every typed-array view made on
 * the old buffer is detached: `onGrow` listeners re-create the views they hold.
 */
import type {} from '../encoder/wasm-types';

const PAGE = 65536;
const ALIGN = 16;
/** Address 0 stays unused so that a zero pointer never names a block. */
const BASE = 64;

interface Span {
  start: number;
  end: number;
}

/**
 * A linear memory with malloc/free.
 *
 * @example
 * const arena = new WasmArena();
 * const p = arena.alloc(800);
 * new Float64Array(arena.memory.buffer, p, 100).fill(1);
 * arena.free(p);
 */
export class WasmArena {
  readonly memory: WebAssembly.Memory;
  /** Free spans, sorted by address, never adjacent. */
  private readonly spans: Span[];
  private readonly sizes = new Map<number, number>();
  private readonly growListeners: (() => void)[] = [];
  /** Bytes in use now, and the most ever in use. */
  inUse = 0;
  peak = 0;

  constructor(initialPages = 16) {
    this.memory = new WebAssembly.Memory({ initial: initialPages });
    this.spans = [{ start: BASE, end: initialPages * PAGE }];
  }

  /** The current buffer (a new object after each grow). */
  get buffer(): ArrayBuffer {
    return this.memory.buffer;
  }

  /** Calls `fn` after every grow (to re-create views on the new buffer). */
  onGrow(fn: () => void): void {
    this.growListeners.push(fn);
  }

  /** A block of at least `bytes` bytes (16-byte aligned); grows the memory when no free span fits. */
  alloc(bytes: number): number {
    const size = Math.max(ALIGN, Math.ceil(bytes / ALIGN) * ALIGN);
    const spans = this.spans;
    let k = 0;
    while (k < spans.length && spans[k]!.end - spans[k]!.start < size) k++;
    if (k === spans.length) k = this.grow(size);
    const span = this.spans[k]!;
    const ptr = span.start;
    span.start += size;
    if (span.start === span.end) this.spans.splice(k, 1);
    this.sizes.set(ptr, size);
    this.inUse += size;
    if (this.inUse > this.peak) this.peak = this.inUse;
    return ptr;
  }

  /** Returns a block to the free spans (merging with its neighbours). */
  free(ptr: number): void {
    const size = this.sizes.get(ptr);
    if (size === undefined) throw new Error(`WasmArena.free: ${ptr} is not an allocated block`);
    this.sizes.delete(ptr);
    this.inUse -= size;
    const end = ptr + size;
    let k = 0;
    while (k < this.spans.length && this.spans[k]!.start < ptr) k++;
    const prev = this.spans[k - 1];
    const next = this.spans[k];
    if (prev && prev.end === ptr) {
      prev.end = end;
      if (next && next.start === end) {
        prev.end = next.end;
        this.spans.splice(k, 1);
      }
    } else if (next && next.start === end) next.start = ptr;
    else this.spans.splice(k, 0, { start: ptr, end });
  }

  /** The size of an allocated block. */
  sizeOf(ptr: number): number | undefined {
    return this.sizes.get(ptr);
  }

  /** Grows so that a span of `size` bytes exists at the end; returns its index. */
  private grow(size: number): number {
    const oldEnd = this.memory.buffer.byteLength;
    const last = this.spans[this.spans.length - 1];
    const tailFree = last && last.end === oldEnd ? last.end - last.start : 0;
    const need = size - tailFree;
    // At least double, so that a growing workload grows O(log) times.
    const pages = Math.max(Math.ceil(need / PAGE), Math.ceil(oldEnd / PAGE));
    this.memory.grow(pages);
    const newEnd = this.memory.buffer.byteLength;
    if (last && last.end === oldEnd) last.end = newEnd;
    else this.spans.push({ start: oldEnd, end: newEnd });
    for (const fn of this.growListeners) fn();
    return this.spans.length - 1;
  }
}
