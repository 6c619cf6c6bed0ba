/**
 * The WebAssembly JS API types this package uses. TypeScript ships them only in
 * lib.dom, which a Node package does not load; declaring the small subset here
 * keeps the emitted .d.ts files self-contained.
 */
declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace WebAssembly {
    type ImportValue = ExportValue | number;
    type ExportValue = ((...args: never[]) => unknown) | Memory;
    type Imports = Record<string, Record<string, ImportValue>>;
    type Exports = Record<string, ExportValue>;
    interface MemoryDescriptor {
      initial: number;
      maximum?: number;
      shared?: boolean;
    }
    class Memory {
      constructor(descriptor: MemoryDescriptor);
      readonly buffer: ArrayBuffer;
      grow(delta: number): number;
    }
    class Module {
      constructor(bytes: ArrayBufferView | ArrayBuffer);
    }
    class Instance {
      constructor(module: Module, imports?: Imports);
      readonly exports: Exports;
    }
    function validate(bytes: ArrayBufferView | ArrayBuffer): boolean;
  }
}

export {};
