/**
 * GEMM benchmark: @proj/tensor's blocked JS kernels (gemmF64, gemmF32) against
 * @stdlib/blas dgemm / sgemm, measured side by side in one run, for square
 * n x n products (C = A @ B, row-major, contiguous). Prints GFLOP/s and the ratio.
 *
 *   pnpm bench:gemm            (from the repository root: builds @proj/tensor first)
 *   N=128,512 pnpm bench:gemm  (other sizes)
 */
import dgemm from '@stdlib/blas/base/dgemm';
import sgemm from '@stdlib/blas/base/sgemm';
import { gemmF32, gemmF64 } from '@proj/tensor';
import { report, type Figure } from './report';

type Kernel = (a: Float64Array | Float32Array, b: Float64Array | Float32Array, c: Float64Array | Float32Array, n: number) => void;

const ours: Record<'float64' | 'float32', Kernel> = {
  float64: (a, b, c, n) => gemmF64(n, n, n, 1, a as Float64Array, 0, n, 1, b as Float64Array, 0, n, 1, 0, c as Float64Array, 0, n, 1),
  float32: (a, b, c, n) => gemmF32(n, n, n, 1, a as Float32Array, 0, n, 1, b as Float32Array, 0, n, 1, 0, c as Float32Array, 0, n, 1),
};
const stdlib: Record<'float64' | 'float32', Kernel> = {
  float64: (a, b, c, n) => dgemm('row-major', 'no-transpose', 'no-transpose', n, n, n, 1, a as Float64Array, n, b as Float64Array, n, 0, c as Float64Array, n),
  float32: (a, b, c, n) => sgemm('row-major', 'no-transpose', 'no-transpose', n, n, n, 1, a as Float32Array, n, b as Float32Array, n, 0, c as Float32Array, n),
};

type Mat = Float64Array | Float32Array;

/**
 * Best time of one call (seconds) of each kernel. The two alternate call by
 * call, so a slow spell of the machine hits both alike; each is warmed up,
 * then both run until `budget` seconds have passed (3 calls each at least).
 */
function timePair(k1: Kernel, k2: Kernel, a: Mat, b: Mat, c1: Mat, c2: Mat, n: number, budget = 1.2): [number, number] {
  for (let i = 0; i < 2; i++) {
    k1(a, b, c1, n);
    k2(a, b, c2, n);
  }
  const best = [Infinity, Infinity];
  let spent = 0;
  for (let reps = 0; reps < 3 || spent < budget; reps++) {
    [k1, k2].forEach((k, i) => {
      const t0 = process.hrtime.bigint();
      k(a, b, i === 0 ? c1 : c2, n);
      const dt = Number(process.hrtime.bigint() - t0) / 1e9;
      best[i] = Math.min(best[i]!, dt);
      spent += dt;
    });
  }
  return [best[0]!, best[1]!];
}

function main(): void {
  const sizes = (process.env.N ?? '128,256,512').split(',').map(Number);
  for (const dtype of ['float64', 'float32'] as const) {
    const Ctor = dtype === 'float64' ? Float64Array : Float32Array;
    const rows: Figure['rows'] = [];
    let worst = 0;
    for (const n of sizes) {
      // Deterministic inputs in [-1, 1).
      const a = new Ctor(n * n).map((_, i) => Math.sin(i * 0.7));
      const b = new Ctor(n * n).map((_, i) => Math.cos(i * 1.3));
      const c1 = new Ctor(n * n);
      const c2 = new Ctor(n * n);
      const [tOurs, tStd] = timePair(ours[dtype], stdlib[dtype], a, b, c1, c2, n);
      for (let i = 0; i < n * n; i++) worst = Math.max(worst, Math.abs(c1[i]! - c2[i]!));
      const flops = 2 * n * n * n;
      rows.push({ label: `n = ${n}`, values: [flops / tOurs / 1e9, flops / tStd / 1e9] });
    }
    report({
      id: `gemm-${dtype}`,
      title: `GEMM C = A @ B, ${dtype} (n x n, row-major)`,
      unit: 'GFLOP/s',
      higherIsBetter: true,
      series: ['@proj/tensor', '@stdlib/blas'],
      rows,
      notes: [`best call of each, the two kernels alternating; max abs difference ${worst.toExponential(1)}; Node ${process.version}`],
    });
  }
}

main();
