/**
 * Elementwise benchmark: exp(x) * y + tanh(z) - x**2 on n = 1e6 and 1e7
 * elements (float64 and float32), four ways in the same run:
 *   - compile() in FAST_RUN (the chain fused into one generated loop, when fusion is there),
 *   - the same expression hand-written as one plain JS loop over typed arrays,
 *   - compile() in FAST_COMPILE (one node, one temporary array per operation),
 *   - NumPy (python3, same n, timed in a child process of this run; skipped with a note when missing).
 * Every variant allocates its result on each call, as a compiled call does.
 *
 *   pnpm bench:elemwise               (from the repository root: builds the packages first)
 *   N=1e6 DTYPES=float64 pnpm bench:elemwise
 */
import { report, type Figure } from './report';
import * as pt from '@proj/tensor';
import { compile } from '@proj/backend-js';
import { bestOf, fmtTime, runNumpy } from './numpy-peer';

type Float = 'float64' | 'float32';

/** The hand-written loop: what the fused kernel should match. */
function jsLoop(dtype: Float): (x: Float64Array | Float32Array, y: Float64Array | Float32Array, z: Float64Array | Float32Array) => Float64Array | Float32Array {
  // One function per dtype, so element access stays monomorphic.
  if (dtype === 'float64') {
    return (x, y, z) => {
      const n = x.length;
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const xi = x[i]!;
        out[i] = Math.exp(xi) * y[i]! + Math.tanh(z[i]!) - xi * xi;
      }
      return out;
    };
  }
  return (x, y, z) => {
    const n = x.length;
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      const xi = x[i]!;
      out[i] = Math.exp(xi) * y[i]! + Math.tanh(z[i]!) - xi * xi;
    }
    return out;
  };
}

const NUMPY = `
import sys, json, time
import numpy as np
n = int(float(sys.argv[1])); dtype = sys.argv[2]; budget = float(sys.argv[3])
i = np.arange(n)
x = np.sin(i * 0.7).astype(dtype); y = np.cos(i * 1.3).astype(dtype); z = np.sin(i * 0.1 + 1).astype(dtype)
f = lambda: np.exp(x) * y + np.tanh(z) - x**2
f()
best = float('inf'); spent = 0.0; reps = 0
while reps < 3 or spent < budget:
    t0 = time.perf_counter(); f(); dt = time.perf_counter() - t0
    best = min(best, dt); spent += dt; reps += 1
print(json.dumps({"seconds": best, "numpy": np.__version__}))
`;

function main(): void {
  const sizes = (process.env.N ?? '1e6,1e7').split(',').map(Number);
  const dtypes = (process.env.DTYPES ?? 'float64,float32').split(',') as Float[];
  const budget = Number(process.env.BUDGET ?? 2);
  const rows: string[] = [];
  const notes: string[] = [];
  const figures = new Map<string, Figure['rows']>();
  let numpyVersion = '';
  for (const dtype of dtypes) {
    const x = pt.tensor('x', { dtype, shape: [null] });
    const y = pt.tensor('y', { dtype, shape: [null] });
    const z = pt.tensor('z', { dtype, shape: [null] });
    const expr = x.exp().mul(y).add(z.tanh()).sub(x.pow(2));
    const fused = compile([x, y, z], expr, { mode: 'FAST_RUN', name: 'fused' });
    const unfused = compile([x, y, z], expr, { mode: 'FAST_COMPILE', name: 'unfused' });
    const loop = jsLoop(dtype);
    const Ctor = dtype === 'float64' ? Float64Array : Float32Array;
    const describe = (f: typeof fused) => f.maker.schedule.map((n) => n.op.constructor.name === 'Elemwise' ? String(n.op) : n.op.constructor.name).join(', ');
    notes.push(`${dtype}: FAST_RUN schedule: ${fused.maker.schedule.length} node(s) [${describe(fused)}]; FAST_COMPILE: ${unfused.maker.schedule.length} node(s)`);
    for (const n of sizes) {
      const xa = new Ctor(n).map((_, i) => Math.sin(i * 0.7));
      const ya = new Ctor(n).map((_, i) => Math.cos(i * 1.3));
      const za = new Ctor(n).map((_, i) => Math.sin(i * 0.1 + 1));
      const [xv, yv, zv] = [xa, ya, za].map((a) => pt.fromRaw(dtype, a, [n]));
      // Same results (to rounding) before timing anything.
      const want = loop(xa, ya, za);
      for (const f of [fused, unfused]) {
        const got = (f(xv, yv, zv) as pt.NDArray).data as Float64Array;
        let diff = 0;
        for (let i = 0; i < n; i += 997) diff = Math.max(diff, Math.abs(got[i]! - want[i]!));
        if (diff > (dtype === 'float64' ? 1e-12 : 1e-4)) throw new Error(`${f.name} differs from the JS loop by ${diff}`);
      }
      const [tFused, tLoop, tUnfused] = bestOf([() => fused(xv, yv, zv), () => loop(xa, ya, za), () => unfused(xv, yv, zv)], budget);
      const np = runNumpy<{ seconds: number; numpy: string }>(NUMPY, [String(n), dtype, String(budget)]);
      let npCell = 'skipped';
      if (np.ok) {
        npCell = `${fmtTime(np.value.seconds)} (${(np.value.seconds / tFused!).toFixed(2)}x)`;
        numpyVersion = np.value.numpy;
      } else notes.push(`NumPy skipped: ${np.why}`);
      rows.push(
        `| ${dtype} | ${n.toExponential(0)} | ${fmtTime(tFused!)} | ${fmtTime(tLoop!)} | ${(tFused! / tLoop!).toFixed(2)}x | ${fmtTime(tUnfused!)} | ${(tUnfused! / tFused!).toFixed(2)}x | ${npCell} |`,
      );
      if (!figures.has(dtype)) figures.set(dtype, []);
      figures.get(dtype)!.push({ label: `n = ${n.toExponential(0)}`, values: [tFused! * 1e3, tLoop! * 1e3, tUnfused! * 1e3, np.ok ? np.value.seconds * 1e3 : null] });
      process.stderr.write(`  ${dtype} n=${n}: done\n`);
    }
  }
  console.log(`exp(x)*y + tanh(z) - x**2, best call of each, the variants alternating; Node ${process.version}${numpyVersion ? `, NumPy ${numpyVersion}` : ''}`);
  console.log('| dtype | n | FAST_RUN (fused) | plain JS loop | fused / loop (target <= 1.2x) | FAST_COMPILE (unfused) | unfused / fused (target >= 2x) | NumPy (NumPy / fused) |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) console.log(r);
  console.log('');
  for (const n of [...new Set(notes)]) console.log(n);
  for (const [dtype, figRows] of figures) {
    report({
      id: `elemwise-${dtype}`,
      title: `exp(x)*y + tanh(z) - x**2, ${dtype}`,
      unit: 'ms',
      higherIsBetter: false,
      series: ['FAST_RUN (fused)', 'plain JS loop', 'FAST_COMPILE (unfused)', 'NumPy'],
      rows: figRows,
      notes: [...new Set(notes)].filter((n) => n.startsWith(dtype) || n.startsWith('NumPy')),
    });
  }
}

main();
