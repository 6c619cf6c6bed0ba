/**
 * The per-compiled-function state of the WASM linker: the arena, its kernels,
 * the schedule's liveness, and the blocks of the current call. A block is
 * freed after the last step that reads its variable or any view of it (views
 * made by JS nodes extend it), so later nodes of the same call reuse it;
 * blocks of outputs live until the call ends (after exportValue copied them).
 */
import type { Apply, FunctionGraph, StorageCell, Variable } from '@proj/graph';
import { sizeOf, type Dtype, type NDArray } from '@proj/tensor';
import { KernelSet } from '../kernels/cache';
import { DTYPE_BYTES, tensorRef, type TensorRef } from '../kernels/tensor-ref';
import { WasmArena } from '../memory/arena';
import { ResidentViews } from '../memory/resident';

interface Block {
  readonly ptr: number;
  readonly end: number;
  /** Free it once the step counter passes this (Infinity: at the end of the call). */
  release: number;
}

/**
 * What a node's kernel sees: its inputs as TensorRefs and an allocator of its outputs.
 *
 * @example
 * const { value, ptr } = ctx.output(0, 'float64', [3, 4]);
 */
export interface NodeContext {
  readonly link: LinkState;
  readonly node: Apply;
  /** A new contiguous resident value for output `k` (freed after its last use). */
  output(k: number, dtype: Dtype, shape: readonly number[]): { value: NDArray; ptr: number };
  /** The TensorRef of an input value (copied into the arena if it is not there yet). */
  input(k: number): TensorRef;
  /** An input's value as it is (for scalars read on the JS side: alpha, beta...). */
  value(k: number): unknown;
  /** Runs the node's JS thunk instead (for run-time cases the kernel does not cover). */
  fallback(): void;
}

/**
 * One compiled function's arena, kernels and call-time block bookkeeping.
 *
 * @example
 * const link = new LinkState(fgraph, schedule);
 */
export class LinkState {
  readonly arena = new WasmArena();
  readonly kernels = new KernelSet(this.arena);
  readonly views = new ResidentViews(this.arena);
  readonly stepOf = new Map<Apply, number>();
  private readonly lastUse = new Map<Variable, number>();
  private readonly blocks: Block[] = [];
  private readonly cells = new Set<StorageCell>();
  /** Steps that ran so far in this call. */
  step = 0;

  /** `readStep`: where a node's inputs are really read when that is later than its own step (fused nodes). */
  constructor(fgraph: FunctionGraph, schedule: readonly Apply[], readStep: ReadonlyMap<Apply, number> = new Map()) {
    schedule.forEach((node, k) => {
      this.stepOf.set(node, k);
      const r = readStep.get(node) ?? k;
      for (const v of node.inputs) this.lastUse.set(v, Math.max(this.lastUse.get(v) ?? r, r));
      for (const v of node.outputs) if (!this.lastUse.has(v)) this.lastUse.set(v, r);
    });
    for (const v of fgraph.outputs) this.lastUse.set(v, Infinity);
    // A grow detaches every view: re-make the values held in the cells.
    this.arena.onGrow(() => {
      for (const cell of this.cells) {
        const v = this.views.remake(cell[0]);
        if (v !== undefined) cell[0] = v;
      }
    });
  }

  /** Remembers cells that may hold resident values (to re-make them after a grow). */
  track(cells: readonly StorageCell[]): void {
    for (const c of cells) this.cells.add(c);
  }

  /** Called before step k runs: frees the blocks no step from k on needs. */
  enter(k: number): void {
    this.step = k;
    const b = this.blocks;
    for (let i = b.length - 1; i >= 0; i--) {
      if (b[i]!.release < k) {
        this.arena.free(b[i]!.ptr);
        b.splice(i, 1);
      }
    }
  }

  /** A block for variable `v` (constants' blocks are never freed). */
  alloc(bytes: number, v: Variable): number {
    const ptr = this.arena.alloc(bytes);
    if (!v.isConstant()) this.blocks.push({ ptr, end: ptr + Math.max(bytes, 1), release: this.lastUse.get(v) ?? this.step });
    return ptr;
  }

  /** `view` (made at this step for variable `v`) may alias a block: keep that block until v's last use. */
  extend(view: NDArray, v: Variable): void {
    const ref = tensorRef(view, this.arena.buffer);
    if (ref === undefined) return;
    const until = this.lastUse.get(v) ?? this.step;
    for (const b of this.blocks) if (ref.ptr >= b.ptr && ref.ptr < b.end && b.release < until) b.release = until;
  }

  private scratchPtr = 0;
  private scratchSize = 0;

  /** A scratch block of at least `bytes` bytes, kept across calls (packing buffers of GEMM). */
  scratch(bytes: number): number {
    if (bytes > this.scratchSize) {
      if (this.scratchSize > 0) this.arena.free(this.scratchPtr);
      this.scratchPtr = this.arena.alloc(bytes);
      this.scratchSize = bytes;
    }
    return this.scratchPtr;
  }

  /** Frees every block of the call (after the outputs were exported, or after a failure). */
  endCall(): void {
    for (const b of this.blocks) this.arena.free(b.ptr);
    this.blocks.length = 0;
  }

  /** The TensorRef of a value, copying it into the arena first (and into its cell) when it is not resident. */
  resident(cell: StorageCell, v: Variable): TensorRef {
    const value = cell[0] as NDArray;
    const ref = tensorRef(value, this.arena.buffer);
    if (ref !== undefined) return ref;
    const bytes = DTYPE_BYTES[value.dtype];
    if (bytes === undefined) throw new Error(`backend-wasm: cannot place a ${value.dtype} value in WASM memory`);
    const ptr = this.alloc(sizeOf(value.shape) * bytes, v);
    const copy = this.views.copyIn(value, ptr);
    // Later readers (WASM or JS) see the resident copy; the caller's array is untouched.
    cell[0] = copy;
    return tensorRef(copy, this.arena.buffer)!;
  }

  /** The context of a node's kernel. */
  nodeContext(node: Apply, inputs: readonly StorageCell[], outputs: readonly StorageCell[], fallback: () => void): NodeContext {
    const link = this;
    return {
      link,
      node,
      output(k, dtype, shape) {
        const bytes = DTYPE_BYTES[dtype];
        if (bytes === undefined) throw new Error(`backend-wasm: no WASM output of dtype ${dtype}`);
        const ptr = link.alloc(sizeOf(shape) * bytes, node.outputs[k]!);
        const value = link.views.make(dtype, ptr, shape);
        outputs[k]![0] = value;
        return { value, ptr };
      },
      input(k) {
        return link.resident(inputs[k]!, node.inputs[k]!);
      },
      value(k) {
        return inputs[k]![0];
      },
      fallback,
    };
  }
}
