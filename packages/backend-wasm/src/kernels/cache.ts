/**
 * Compiled kernels: WebAssembly.Module objects are cached process-wide by key
 * (the same program and layouts compile once), instances per memory (a module
 * is instantiated once for each arena it runs on).
 */
import type {} from '../encoder/wasm-types';
import { defaultHostMath, hostMathImports } from '../vmath';
import type { WasmArena } from '../memory/arena';

const modules = new Map<string, WebAssembly.Module>();

/**
 * The instantiated kernels of one arena.
 *
 * @example
 * const set = new KernelSet(arena);
 * const { kernel } = set.get('add-f64', () => elemwiseModule(...));
 */
export class KernelSet {
  private readonly instances = new Map<string, WebAssembly.Exports>();

  constructor(readonly arena: WasmArena) {}

  /** The exports of the module named `key`, building its bytes with `build` the first time anywhere. */
  get(key: string, build: () => Uint8Array): WebAssembly.Exports {
    let inst = this.instances.get(key);
    if (inst === undefined) {
      let mod = modules.get(key);
      if (mod === undefined) {
        mod = new WebAssembly.Module(build());
        modules.set(key, mod);
      }
      inst = new WebAssembly.Instance(mod, { env: { memory: this.arena.memory }, vmath: hostMathImports(defaultHostMath) }).exports;
      this.instances.set(key, inst);
    }
    return inst;
  }
}
