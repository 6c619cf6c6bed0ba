import { nodeError, type Apply, type ComputeMap, type FunctionGraph, type StorageCell, type StorageMap, type Thunk, type Variable } from '@proj/graph';
import type { LinkerInstance } from './linker';
import type { ProfileStats } from './profile';
import { specialiseThunk } from './thunks';

/**
 * The VM linker's product (PyTensor's VM with allow_gc): the schedule
 * (fgraph.toposort, computed once), one preallocated storage cell per Variable,
 * one thunk per node, and for each step the cells of the intermediate values
 * no later node needs, cleared right after that step. A node's thunk is the
 * backend linker's (when compile() was given one and it has one for the node),
 * else the JS dispatch table's (see jsThunks), else op.makeThunk's.
 *
 * The caller fills `inputCells` (and the constants are filled once here), calls
 * `run()`, reads `outputCells` and calls `clear()`.
 *
 * @example
 * const vm = new VM(fgraph);
 * vm.inputCells[0][0] = value; vm.run(); const out = vm.outputCells[0][0]; vm.clear();
 */
export class VM {
  readonly schedule: readonly Apply[];
  readonly storageMap: StorageMap = new Map();
  /** One cell per fgraph input, in fgraph.inputs order. */
  readonly inputCells: StorageCell[];
  /** One cell per fgraph output, in fgraph.outputs order. */
  readonly outputCells: StorageCell[];
  readonly thunks: readonly Thunk[];
  /** releases[k]: the cells cleared after step k. */
  readonly releases: readonly StorageCell[][];
  /** Every cell that holds a per-call value (all but the constants'). */
  private readonly transient: StorageCell[];

  /** The number of thunks the backend linker supplied. */
  readonly linkedThunks: number;

  constructor(fgraph: FunctionGraph, schedule: readonly Apply[] = fgraph.toposort(), linker?: LinkerInstance) {
    this.schedule = schedule;
    const cell = (v: Variable): StorageCell => {
      let c = this.storageMap.get(v);
      if (c === undefined) {
        c = [v.isConstant() ? v.storedValue()!.value : undefined];
        this.storageMap.set(v, c);
      }
      return c;
    };
    this.inputCells = fgraph.inputs.map(cell);
    for (const node of schedule) {
      node.inputs.forEach(cell);
      node.outputs.forEach(cell);
    }
    this.outputCells = fgraph.outputs.map(cell);
    this.transient = [...this.storageMap].filter(([v]) => !v.isConstant()).map(([, c]) => c);

    // An intermediate value is released after the last step that reads it, or
    // right after the step that makes it when nothing reads it.
    const lastUse = new Map<Variable, number>();
    schedule.forEach((node, k) => {
      for (const v of node.outputs) lastUse.set(v, k);
      for (const v of node.inputs) if (v.owner !== null) lastUse.set(v, k);
    });
    const keep = new Set(fgraph.outputs);
    const releases: StorageCell[][] = schedule.map(() => []);
    for (const [v, k] of lastUse) if (!keep.has(v)) releases[k]!.push(this.storageMap.get(v)!);
    this.releases = releases;

    // Every cell is cleared between calls, so no output buffer is ever recycled.
    const computeMap: ComputeMap = new Map();
    let linked = 0;
    this.thunks = schedule.map((node) => {
      const generic = node.op.makeThunk(node, this.storageMap, computeMap, []);
      const own = linker?.makeThunk(node, generic);
      if (own !== undefined) {
        linked++;
        return own;
      }
      return specialiseThunk(node, generic);
    });
    this.linkedThunks = linked;
  }

  /** Runs every thunk in order; a failing node throws its NodeError (after clearing the cells). */
  run(): void {
    const thunks = this.thunks;
    const releases = this.releases;
    const n = thunks.length;
    let k = 0;
    try {
      for (; k < n; k++) {
        thunks[k]!();
        const r = releases[k]!;
        for (let j = 0; j < r.length; j++) r[j]![0] = undefined;
      }
    } catch (e) {
      throw this.fail(k, e);
    }
  }

  /** Like run, recording each node's time and calls in `profile`. */
  runProfiled(profile: ProfileStats): void {
    const n = this.thunks.length;
    let k = 0;
    try {
      for (; k < n; k++) {
        const t0 = performance.now();
        this.thunks[k]!();
        const rec = profile.nodes[k]!;
        rec.time += (performance.now() - t0) / 1e3;
        rec.calls++;
        for (const c of this.releases[k]!) c[0] = undefined;
      }
    } catch (e) {
      throw this.fail(k, e);
    }
  }

  /** Clears every per-call cell (inputs, intermediates, outputs). */
  clear(): void {
    const t = this.transient;
    for (let i = 0; i < t.length; i++) t[i]![0] = undefined;
  }

  private fail(k: number, e: unknown): Error {
    const thunk = this.thunks[k]!;
    const err = nodeError(thunk.node, thunk.inputs.map((c) => c[0]), e);
    this.clear();
    return err;
  }
}
