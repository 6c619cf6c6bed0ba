/**
 * The LinkerInstance of one compiled function: WASM thunks for the nodes the
 * table covers, JS thunks (wrapped for the memory bookkeeping) for nodes that
 * read values living in WASM memory, and the untouched JS path elsewhere.
 */
import type { Apply, FunctionGraph, StorageCell, Thunk, Variable } from '@proj/graph';
import { specialiseThunk, type LinkerInstance } from '@proj/backend-js';
import { LinkState } from './context';
import { planFusion, type FusionPlan } from '../kernels/elemwise/fusion';
import type { OpClass, WasmKernelEntry, WasmKernelTable } from './table';

/**
 * @example
 * const inst = new WasmLinkerInstance(fgraph, schedule, wasmKernels);
 * const thunk = inst.makeThunk(node, node.op.makeThunk(node, storageMap, computeMap, []));
 */
export class WasmLinkerInstance implements LinkerInstance {
  readonly link: LinkState;
  /** Variables whose values may live in WASM memory. */
  private readonly resident = new Set<Variable>();
  /** The nodes given a WASM kernel (for tests and profiles). */
  readonly wasmNodes: Apply[] = [];

  constructor(
    fgraph: FunctionGraph,
    schedule: readonly Apply[],
    private readonly table: WasmKernelTable,
  ) {
    // Elementwise chains fuse into their last node's loop (when the table's Elemwise entry allows it).
    const ew = [...table.values()].find((e) => e.fusible !== undefined && e.makeFused !== undefined);
    this.fusion = ew ? planFusion(fgraph, schedule, ew.fusible!) : { absorbed: new Set(), readStep: new Map() };
    this.fusedEntry = ew;
    this.link = new LinkState(fgraph, schedule, this.fusion.readStep);
  }

  private readonly fusion: FusionPlan;
  private readonly fusedEntry: WasmKernelEntry | undefined;
  /** Every cell seen so far (leaves of fused programs are read through them). */
  private readonly cells = new Map<Variable, StorageCell>();
  /** Private cells of the inputs of absorbed nodes, read by their fusion root. */
  private readonly kept = new Map<Variable, StorageCell>();

  private keptCell(v: Variable): StorageCell {
    let c = this.kept.get(v);
    if (c === undefined) {
      c = [undefined];
      this.kept.set(v, c);
    }
    return c;
  }

  /** Nodes computed inside a later node's loop. */
  readonly fusedNodes: Apply[] = [];

  makeThunk(node: Apply, generic: Thunk): Thunk | undefined {
    const link = this.link;
    const step = link.stepOf.get(node);
    if (step === undefined) return undefined;
    node.inputs.forEach((v, k) => this.cells.set(v, generic.inputs[k]!));
    node.outputs.forEach((v, k) => this.cells.set(v, generic.outputs[k]!));
    if (this.fusion.absorbed.has(node)) {
      // Computed inside its consumer's loop. The VM clears a cell after its last
      // reader in the schedule (this node), so the inputs are kept for the root.
      this.fusedNodes.push(node);
      for (const v of node.inputs) this.resident.add(v);
      const keep = node.inputs.map((v) => this.keptCell(v));
      link.track(keep);
      const from = generic.inputs;
      const thunk = () => {
        for (let k = 0; k < keep.length; k++) keep[k]![0] = from[k]![0];
      };
      return Object.assign(thunk, { node, inputs: generic.inputs, outputs: generic.outputs });
    }
    const fusedRoot = this.fusedEntry !== undefined && node.inputs.some((v) => v.owner !== null && this.fusion.absorbed.has(v.owner)) && this.fusedEntry.fusible!(node);
    const entry = this.table.get(node.op.constructor as OpClass);
    const kernel = fusedRoot ? this.fusedEntry!.makeFused!(node, link, this.fusion.absorbed, (v) => this.kept.get(v) ?? this.cells.get(v)!) : entry?.make(node, link);
    // A root's own inputs that absorbed nodes also read are read through the kept cells.
    const syncs = fusedRoot ? node.inputs.flatMap((v, k) => (this.kept.has(v) ? [[this.kept.get(v)!, generic.inputs[k]!] as const] : [])) : [];
    if (kernel !== undefined) {
      this.wasmNodes.push(node);
      link.track(generic.inputs);
      link.track(generic.outputs);
      if (fusedRoot) link.track([...this.cells.values()]);
      for (const v of node.outputs) this.resident.add(v);
      // Inputs that are not constants may be copied in (and so become resident) too.
      for (const v of node.inputs) this.resident.add(v);
      const js = specialiseThunk(node, generic);
      const ctx = link.nodeContext(node, generic.inputs, generic.outputs, () => {
        js();
        // The JS result may be a view of a resident input.
        for (let k = 0; k < node.outputs.length; k++) {
          const v = generic.outputs[k]![0];
          if (link.views.isResident(v)) link.extend(v, node.outputs[k]!);
        }
      });
      const thunk = () => {
        link.enter(step);
        for (let k = 0; k < syncs.length; k++) syncs[k]![0][0] = syncs[k]![1][0];
        kernel(ctx);
      };
      return Object.assign(thunk, { node, inputs: generic.inputs, outputs: generic.outputs });
    }
    if (!node.inputs.some((v) => this.resident.has(v))) return undefined;
    // A JS node reading resident values: its outputs may be views of them (DimShuffle, Reshape...).
    const js = specialiseThunk(node, generic);
    link.track(generic.inputs);
    link.track(generic.outputs);
    const outs = generic.outputs;
    const vars = node.outputs;
    for (const v of vars) this.resident.add(v);
    const views = link.views;
    const thunk = () => {
      link.enter(step);
      js();
      for (let k = 0; k < outs.length; k++) {
        const v = outs[k]![0];
        if (views.isResident(v)) link.extend(v, vars[k]!);
      }
    };
    return Object.assign(thunk, { node, inputs: generic.inputs, outputs: generic.outputs });
  }

  /** Outputs in WASM memory are copied out: the caller never holds a view the next call overwrites. */
  exportValue(value: unknown): unknown {
    return this.link.views.isResident(value) ? this.link.views.copyOut(value) : value;
  }

  afterCall(): void {
    for (const c of this.kept.values()) c[0] = undefined;
    this.link.endCall();
  }
}
