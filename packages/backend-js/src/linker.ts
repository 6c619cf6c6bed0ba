/**
 * The contract between compile() and a backend that runs some nodes itself
 * (the WASM backend does): compile() instantiates the linker once per compiled
 * function; the VM asks it for each node's thunk first and falls back to the
 * JS dispatch table (jsThunks), then to op.perform.
 */
import type { Apply, FunctionGraph, Thunk } from '@proj/graph';

/** What a linker gives one compiled function. */
export interface LinkerInstance {
  /** A thunk for `node` (reading and writing the same cells as `generic`), or undefined to fall back to JS. */
  makeThunk(node: Apply, generic: Thunk): Thunk | undefined;
  /**
   * A value safe to hand to the caller for an output or update value this
   * linker may have produced (e.g. a copy out of WASM memory); default: the value.
   */
  exportValue?(value: unknown): unknown;
  /** Called after every call, failed or not (release per-call buffers). */
  afterCall?(): void;
}

/**
 * A backend linker, passed as compile(ins, outs, { linker }).
 *
 * @example
 * const traced: Linker = { name: 'traced', instantiate: () => ({ makeThunk: () => undefined }) };
 * compile([x], y, { linker: traced });
 */
export interface Linker {
  readonly name: string;
  /** Called once per compile(), after rewriting, with the schedule the VM will run. */
  instantiate(fgraph: FunctionGraph, schedule: readonly Apply[]): LinkerInstance;
}
