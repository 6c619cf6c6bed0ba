import type { Apply, Op, Thunk } from '@proj/graph';
import { Elemwise } from '@proj/tensor';
import { elemwiseThunk } from './elemwise';

/**
 * Makes a faster thunk for a node from its generic one (op.makeThunk), or
 * returns undefined to keep the generic one.
 */
export type ThunkMaker = (node: Apply, generic: Thunk) => Thunk | undefined;

/**
 * The JS backend's dispatch table, keyed by Op class (like PyTensor's
 * numba_funcify registrations). An Op without an entry runs its own perform.
 *
 * @example
 * jsThunks.get(Elemwise); // elemwiseThunk
 */
export const jsThunks: ReadonlyMap<abstract new (...args: never[]) => Op, ThunkMaker> = new Map<abstract new (...args: never[]) => Op, ThunkMaker>([[Elemwise, elemwiseThunk]]);

/**
 * The thunk the VM runs for `node`: the table's specialised one when it has one
 * for this node, else `generic`.
 *
 * @example
 * const thunk = specialiseThunk(node, node.op.makeThunk(node, storageMap, computeMap, []));
 */
export function specialiseThunk(node: Apply, generic: Thunk, table: ReadonlyMap<abstract new (...args: never[]) => Op, ThunkMaker> = jsThunks): Thunk {
  const maker = table.get(node.op.constructor as abstract new (...args: never[]) => Op);
  return maker?.(node, generic) ?? generic;
}
