/**
 * @proj/backend-wasm: WebAssembly (SIMD) kernels generated at run time and a
 * linker that runs compiled graphs on them.
 *
 * @example
 * import { compile } from '@proj/backend-js';
 * import { wasmLinker } from '@proj/backend-wasm';
 * const f = compile([x, y], x.exp().mul(y), { linker: wasmLinker });
 */

/**
 * The npm name of this package.
 *
 * @example
 * import { packageName } from '@proj/backend-wasm';
 * packageName; // '@proj/backend-wasm'
 */
export const packageName = '@proj/backend-wasm';

export * from './encoder';
export { VecMath, VEC_FN_IMPL, defaultHostMath, hostMathImports, type HostMath, type VecFn } from './vmath';
export { WasmArena } from './memory/arena';
export { ResidentViews } from './memory/resident';
export { KernelSet } from './kernels/cache';
export { tensorRef, DTYPE_BYTES, type TensorRef } from './kernels/tensor-ref';
export { programKey, type ScalarProgram, type Step, type Ref } from './kernels/elemwise/program';
export { elemwiseModule, type Layout, type LaneDtype, type OutDtype } from './kernels/elemwise/codegen';
export { ElemwiseRunner } from './kernels/elemwise/driver';
export { LANE_OPS } from './kernels/elemwise/ops';
export { LinkState, type NodeContext } from './linker/context';
export { WasmLinkerInstance } from './linker/instance';
export type { CoverageRow, NodeKernel, OpClass, WasmKernelEntry, WasmKernelTable } from './linker/table';
export { wasmKernels, wasmLinker, makeWasmLinker } from './linker/wasm-linker';
export { gemmModule, gemmScratchBytes, DEFAULT_BLOCKING, type GemmBlocking } from './kernels/gemm/gemm-codegen';
export { gemvModule } from './kernels/gemm/gemv-codegen';
export { F64, F32, type Precision } from './kernels/gemm/precision';
export { sparseModule } from './kernels/sparse/codegen';
export { coverageMarkdown, withCoverage, COVERAGE_BEGIN, COVERAGE_END } from './coverage';
export { reduceModule, type ReduceKind } from './kernels/reduce/codegen';
