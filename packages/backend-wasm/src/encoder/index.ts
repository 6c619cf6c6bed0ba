export { unsignedLeb128, signedLeb128 } from './leb128';
export { Op, Simd, ValType } from './opcodes';
export { Code } from './code';
export { ModuleBuilder, type MemoryLimits } from './module';
