/**
 * The WASM linker and its dispatch table, assembled here by explicit imports.
 */
import type { Apply, FunctionGraph } from '@proj/graph';
import type { Linker } from '@proj/backend-js';
import { Dot as SparseDot, StructuredDot } from '@proj/sparse';
import { Dot, Elemwise, Gemm, Gemv, Max, Min, Sum } from '@proj/tensor';
import { elemwiseCoverage } from '../kernels/elemwise/coverage';
import { elemwiseNodeKernel, elemwiseSupported, fusedElemwiseKernel } from '../kernels/elemwise/node';
import { dotNodeKernel, gemmNodeKernel, gemvNodeKernel } from '../kernels/gemm/node';
import { sparseDenseNodeKernel } from '../kernels/sparse/node';
import { reduceNodeKernel } from '../kernels/reduce/node';
import { WasmLinkerInstance } from './instance';
import type { OpClass, WasmKernelEntry, WasmKernelTable } from './table';

const FLOATS = ['float64', 'float32'];

/**
 * The Ops with WASM kernels (a Partial table: every other Op runs in JS).
 *
 * @example
 * wasmKernels.has(Elemwise); // true
 */
export const wasmKernels: WasmKernelTable = new Map<OpClass, WasmKernelEntry>([
  [Elemwise, { make: elemwiseNodeKernel, coverage: elemwiseCoverage, fusible: elemwiseSupported, makeFused: fusedElemwiseKernel }],
  [Dot, { make: dotNodeKernel, coverage: () => [{ op: 'Dot', dtypes: FLOATS, note: 'GEMM (packed, 4x2v128 micro-kernel) / GEMV (SIMD dot or axpy)' }] }],
  [Gemm, { make: gemmNodeKernel, coverage: () => [{ op: 'Gemm', dtypes: FLOATS, note: 'GEMM (packed, 4x2v128 micro-kernel)' }] }],
  [Gemv, { make: gemvNodeKernel, coverage: () => [{ op: 'Gemv', dtypes: FLOATS, note: 'GEMV (SIMD dot or axpy)' }] }],
  [Sum, { make: reduceNodeKernel, coverage: () => [{ op: 'Sum (any axes)', dtypes: FLOATS, note: 'contiguous runs: 2 v128 accumulators; strided runs: scalar loop (float64 accumulator)' }] }],
  [Max, { make: reduceNodeKernel, coverage: () => [{ op: 'Max (any axes)', dtypes: FLOATS, note: 'as Sum; NaN propagates' }] }],
  [Min, { make: reduceNodeKernel, coverage: () => [{ op: 'Min (any axes)', dtypes: FLOATS, note: 'as Sum; NaN propagates' }] }],
  [StructuredDot, { make: sparseDenseNodeKernel, coverage: () => [{ op: 'sparse.StructuredDot (sparse x dense)', dtypes: FLOATS, note: 'CSR SpMM (8 v128 column blocks) / SpMV; CSC scatter' }] }],
  [SparseDot, { make: sparseDenseNodeKernel, coverage: () => [{ op: 'sparse.Dot (sparse x dense matrix or vector)', dtypes: FLOATS, note: 'as StructuredDot' }] }],
]);

/**
 * Makes a linker running the nodes `table` covers in WebAssembly.
 *
 * @example
 * const linker = makeWasmLinker(wasmKernels);
 */
export function makeWasmLinker(table: WasmKernelTable = wasmKernels): Linker {
  return {
    name: 'wasm',
    instantiate: (fgraph: FunctionGraph, schedule: readonly Apply[]) => new WasmLinkerInstance(fgraph, schedule, table),
  };
}

/**
 * The WASM linker: compile(ins, outs, { linker: wasmLinker }).
 *
 * @example
 * import { compile } from '@proj/backend-js';
 * const f = compile([x, y], x.exp().mul(y), { linker: wasmLinker });
 */
export const wasmLinker: Linker = makeWasmLinker();
