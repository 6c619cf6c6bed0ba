import { KernelSet, WasmArena } from '../src';
import { DEFAULT_BLOCKING, gemmModule, gemmScratchBytes } from '../src/kernels/gemm/gemm-codegen';
import { F32, F64, type Precision } from '../src/kernels/gemm/precision';
import { rng } from './helpers/ulp';

type Gemm = (m: number, n: number, k: number, alpha: number, A: number, rsa: number, csa: number, B: number, rsb: number, csb: number, C: number, ldc: number, scratch: number) => void;

function naive(m: number, n: number, k: number, A: (i: number, p: number) => number, B: (p: number, j: number) => number): Float64Array {
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
    let s = 0;
    for (let p = 0; p < k; p++) s += A(i, p) * B(p, j);
    out[i * n + j] = s;
  }
  return out;
}

describe.each([[F64], [F32]] as [Precision][])('GEMM micro-kernel (%#)', (prec) => {
  const arena = new WasmArena(64);
  const set = new KernelSet(arena);
  const gemm = set.get(`test-gemm-${prec.dtype}`, () => gemmModule(prec)).gemm as unknown as Gemm;
  const Arr = prec.dtype === 'float64' ? Float64Array : Float32Array;
  const E = prec.bytes;

  it.each([
    [1, 1, 1, false, false],
    [4, 4, 4, false, false],
    [5, 7, 3, false, false],
    [17, 9, 300, true, false],
    [100, 130, 257, false, true],
    [3, 1, 5, true, true],
    [97, 1030, 20, false, false],
  ])('m=%d n=%d k=%d (A transposed: %s, B transposed: %s) matches a naive product', (m, n, k, ta, tb) => {
    const r = rng(m * 1000 + n * 10 + k);
    const a = arena.alloc(m * k * E);
    const b = arena.alloc(k * n * E);
    const cPtr = arena.alloc(m * n * E);
    const scratch = arena.alloc(gemmScratchBytes(prec, DEFAULT_BLOCKING));
    const av = new Arr(arena.buffer, a, m * k);
    const bv = new Arr(arena.buffer, b, k * n);
    for (let x = 0; x < av.length; x++) av[x] = r() * 2 - 1;
    for (let x = 0; x < bv.length; x++) bv[x] = r() * 2 - 1;
    new Arr(arena.buffer, cPtr, m * n).fill(0.5);
    // A stored row-major (m x k) or as its transpose (k x m); the kernel takes strides.
    const [rsa, csa] = ta ? [E, m * E] : [k * E, E];
    const [rsb, csb] = tb ? [E, k * E] : [n * E, E];
    gemm(m, n, k, 2, a, rsa, csa, b, rsb, csb, cPtr, n * E, scratch);
    const want = naive(m, n, k, (i, p) => av[(i * rsa + p * csa) / E]!, (p, j) => bv[(p * rsb + j * csb) / E]!);
    const got = new Arr(arena.buffer, cPtr, m * n);
    const tol = prec.dtype === 'float64' ? 1e-12 : 2e-4;
    let worst = 0;
    for (let x = 0; x < m * n; x++) worst = Math.max(worst, Math.abs(got[x]! - (0.5 + 2 * want[x]!)));
    expect(worst).toBeLessThan(tol * Math.sqrt(k));
    for (const p of [a, b, cPtr, scratch]) arena.free(p);
  });
});
