/**
 * The WASM dispatch table, keyed by Op class (like PyTensor's
 * numba_funcify registrations): each entry makes a node's kernel at link time
 * or returns undefined (the node then runs in JS), and says which dtypes it
 * covers (the README's coverage table is generated from it).
 */
import type { Apply, Op, StorageCell, Variable } from '@proj/graph';
import type { LinkState, NodeContext } from './context';

/** Runs one node: reads its inputs and writes its outputs through the context. */
export type NodeKernel = (ctx: NodeContext) => void;

/** One row of the coverage table. */
export interface CoverageRow {
  /** The Op (and scalar op, for Elemwise). */
  readonly op: string;
  readonly dtypes: readonly string[];
  /** How it runs (SIMD, host call per lane, ...). */
  readonly note: string;
}

/** A dispatch-table entry. */
export interface WasmKernelEntry {
  /** The node's kernel, or undefined to leave the node to JS. */
  readonly make: (node: Apply, link: LinkState) => NodeKernel | undefined;
  /** What this entry covers. */
  readonly coverage: () => readonly CoverageRow[];
  /** For elementwise entries: whether a node may be fused into a consumer's loop. */
  readonly fusible?: (node: Apply) => boolean;
  /** For elementwise entries: the kernel of a fusion root and the producers it absorbed. */
  readonly makeFused?: (root: Apply, link: LinkState, absorbed: ReadonlySet<Apply>, cellOf: (v: Variable) => StorageCell) => NodeKernel;
}

/** An Op class (the table's key). */
export type OpClass = abstract new (...args: never[]) => Op;

/** The table type: a Partial map (an Op without an entry runs in JS). */
export type WasmKernelTable = ReadonlyMap<OpClass, WasmKernelEntry>;
