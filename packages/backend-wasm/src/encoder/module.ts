/**
 * A WebAssembly module under construction: function types, imports (one
 * memory, host functions), functions and their exports, encoded to bytes.
 */
import { Code } from './code';
import { unsignedLeb128 } from './leb128';
import type { ValType } from './opcodes';
import type {} from './wasm-types';

const encoder = new TextEncoder();

function name(s: string, out: number[]): void {
  const b = encoder.encode(s);
  unsignedLeb128(b.length, out);
  for (const x of b) out.push(x);
}

function section(id: number, body: number[], out: number[]): void {
  out.push(id);
  unsignedLeb128(body.length, out);
  for (const x of body) out.push(x);
}

/** An imported memory's limits, in 64 KiB pages. */
export interface MemoryLimits {
  readonly initial: number;
  readonly maximum?: number;
  readonly shared?: boolean;
}

/**
 * Builds a module. Imported functions take the first function indices, so
 * import every host function before adding defined ones.
 *
 * @example
 * const m = new ModuleBuilder();
 * m.importMemory('env', 'memory', { initial: 1 });
 * const add = m.func([ValType.f64, ValType.f64], [ValType.f64], 'add');
 * add.get(0).get(1).op(Op.f64Add);
 * const { add: f } = m.instantiate({ env: { memory } }) as { add(a: number, b: number): number };
 */
export class ModuleBuilder {
  private readonly types: string[] = [];
  private readonly typeSigs: [readonly ValType[], readonly ValType[]][] = [];
  private readonly imports: number[][] = [];
  private importedFuncs = 0;
  private readonly funcs: { type: number; code: Code }[] = [];
  private readonly exports: [string, number][] = [];

  private typeIndex(params: readonly ValType[], results: readonly ValType[]): number {
    const key = `${params.join(',')}:${results.join(',')}`;
    let k = this.types.indexOf(key);
    if (k < 0) {
      k = this.types.length;
      this.types.push(key);
      this.typeSigs.push([params, results]);
    }
    return k;
  }

  /** Imports a linear memory as `module.field`. */
  importMemory(module: string, field: string, limits: MemoryLimits): this {
    const b: number[] = [];
    name(module, b);
    name(field, b);
    b.push(0x02, (limits.maximum !== undefined ? 1 : 0) | (limits.shared ? 2 : 0));
    unsignedLeb128(limits.initial, b);
    if (limits.maximum !== undefined) unsignedLeb128(limits.maximum, b);
    this.imports.push(b);
    return this;
  }

  /** Imports a host function and returns its function index. */
  importFunc(module: string, field: string, params: readonly ValType[], results: readonly ValType[]): number {
    if (this.funcs.length > 0) throw new Error('ModuleBuilder: import every function before defining any');
    const b: number[] = [];
    name(module, b);
    name(field, b);
    b.push(0x00);
    unsignedLeb128(this.typeIndex(params, results), b);
    this.imports.push(b);
    return this.importedFuncs++;
  }

  /** Adds a function (exported as `exportName` when given); fill the returned Code. */
  func(params: readonly ValType[], results: readonly ValType[], exportName?: string): Code {
    const code = new Code(params, results);
    const index = this.importedFuncs + this.funcs.length;
    this.funcs.push({ type: this.typeIndex(params, results), code });
    if (exportName !== undefined) this.exports.push([exportName, index]);
    return code;
  }

  /** The index the next defined function will get (for calls between functions). */
  indexOf(code: Code): number {
    const k = this.funcs.findIndex((f) => f.code === code);
    if (k < 0) throw new Error('ModuleBuilder: not a function of this module');
    return this.importedFuncs + k;
  }

  /** The module's bytes. */
  encode(): Uint8Array {
    const out: number[] = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
    const types: number[] = [];
    unsignedLeb128(this.typeSigs.length, types);
    for (const [p, r] of this.typeSigs) {
      types.push(0x60);
      unsignedLeb128(p.length, types);
      types.push(...p);
      unsignedLeb128(r.length, types);
      types.push(...r);
    }
    section(1, types, out);
    if (this.imports.length > 0) {
      const imp: number[] = [];
      unsignedLeb128(this.imports.length, imp);
      for (const b of this.imports) imp.push(...b);
      section(2, imp, out);
    }
    const fn: number[] = [];
    unsignedLeb128(this.funcs.length, fn);
    for (const f of this.funcs) unsignedLeb128(f.type, fn);
    section(3, fn, out);
    const ex: number[] = [];
    unsignedLeb128(this.exports.length, ex);
    for (const [n, index] of this.exports) {
      name(n, ex);
      ex.push(0x00);
      unsignedLeb128(index, ex);
    }
    section(7, ex, out);
    const code: number[] = [];
    unsignedLeb128(this.funcs.length, code);
    for (const f of this.funcs) {
      const body = f.code.encode();
      unsignedLeb128(body.length, code);
      for (const x of body) code.push(x);
    }
    section(10, code, out);
    return Uint8Array.from(out);
  }

  /** Compiles and instantiates synchronously (kernels are small) and returns the exports. */
  instantiate(imports: WebAssembly.Imports = {}): WebAssembly.Exports {
    const bytes = this.encode();
    const module = new WebAssembly.Module(bytes);
    return new WebAssembly.Instance(module, imports).exports;
  }
}
