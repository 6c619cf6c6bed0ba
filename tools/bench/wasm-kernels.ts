/**
 * Kernel-level timings for the WASM benchmark: the generated GEMM and sparse
 * kernels called directly on operands already in WASM memory (what a compiled
 * graph sees between two WASM nodes).
 */
import { F32, F64, KernelSet, WasmArena, gemmModule, gemmScratchBytes, sparseModule } from '@proj/backend-wasm';
import type { CSRMatrix } from '@proj/sparse';

/** Best time (s) of each function, alternating, until `budget` seconds were spent (at least `min` rounds). */
export function timeAll(fns: readonly ((() => unknown) | null)[], budget = 1.5, min = 3): (number | null)[] {
  for (const f of fns) f?.();
  const best = fns.map(() => Infinity);
  let spent = 0;
  for (let reps = 0; reps < min || spent < budget; reps++) {
    fns.forEach((f, i) => {
      if (!f) return;
      const t0 = process.hrtime.bigint();
      f();
      const dt = Number(process.hrtime.bigint() - t0) / 1e9;
      best[i] = Math.min(best[i]!, dt);
      spent += dt;
    });
  }
  return best.map((b, i) => (fns[i] ? b : null));
}

type GemmFn = (m: number, n: number, k: number, alpha: number, A: number, rsa: number, csa: number, B: number, rsb: number, csb: number, C: number, ldc: number, scratch: number) => void;
type SparseFn = (major: number, n: number, indptr: number, indices: number, data: number, B: number, rsb: number, out: number) => void;

/** Best time (s) of C = A B for n x n operands in WASM memory. */
export function gemmKernelTime(dtype: 'float64' | 'float32', n: number, budget: number): number {
  const p = dtype === 'float64' ? F64 : F32;
  const arena = new WasmArena(16);
  const gemm = new KernelSet(arena).get(`bench-gemm-${dtype}`, () => gemmModule(p)).gemm as unknown as GemmFn;
  const E = p.bytes;
  const [a, b, c, s] = [n * n * E, n * n * E, n * n * E, gemmScratchBytes(p)].map((bytes) => arena.alloc(bytes)) as [number, number, number, number];
  const Arr = dtype === 'float64' ? Float64Array : Float32Array;
  const av = new Arr(arena.buffer, a, n * n);
  const bv = new Arr(arena.buffer, b, n * n);
  for (let i = 0; i < n * n; i++) {
    av[i] = Math.sin(i);
    bv[i] = Math.cos(i);
  }
  const cv = new Arr(arena.buffer, c, n * n);
  return timeAll([() => (cv.fill(0), gemm(n, n, n, 1, a, n * E, E, b, n * E, E, c, n * E, s))], budget)[0]!;
}

/** Best times (s) of SpMV and SpMM (`cols` columns) with every operand in WASM memory. */
export function sparseKernelTimes(a: CSRMatrix, cols: number): { spmv: number; spmm: number } {
  const [m, k] = a.shape;
  const arena = new WasmArena(16);
  const fns = new KernelSet(arena).get('bench-sparse-f64', () => sparseModule(F64));
  const csr = fns.csr as unknown as SparseFn;
  const put = (arr: Int32Array | Float64Array): number => {
    const ptr = arena.alloc(arr.byteLength);
    new Uint8Array(arena.buffer, ptr, arr.byteLength).set(new Uint8Array(arr.buffer, arr.byteOffset, arr.byteLength));
    return ptr;
  };
  const indptr = put(a.indptr);
  const indices = put(a.indices);
  const data = put(a.data as Float64Array);
  const x = put(new Float64Array(k).map((_, i) => Math.sin(i * 0.7)));
  const b = put(new Float64Array(k * cols).map((_, i) => Math.cos(i * 1.3)));
  const y = arena.alloc(m * 8);
  const c = arena.alloc(m * cols * 8);
  const [spmv, spmm] = timeAll([() => csr(m, 1, indptr, indices, data, x, 8, y), () => csr(m, cols, indptr, indices, data, b, cols * 8, c)]);
  return { spmv: spmv!, spmm: spmm! };
}
