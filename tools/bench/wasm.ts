/**
 * WASM backend benchmark, side by side in one run (ratios printed by report()):
 *   - elementwise exp(x)*y + tanh(z) - x**2 on 1e6 and 1e7 elements, float64 and
 *     float32: compile() with the WASM linker vs compile() (backend-js) vs NumPy;
 *   - GEMM n = 256, 512, 1024, float64 and float32: the WASM kernel on operands
 *     in WASM memory, compile(dot) with the WASM linker (copies in and out), backend-js,
 *     and @tensorflow/tfjs-backend-wasm (float32 only);
 *   - SpMV and SpMM (64 columns) on a random 100000 x 100000 CSR with 1e6 nonzeros:
 *     the WASM kernel on operands in WASM memory, compile() with the WASM linker
 *     (constant matrix placed once; dense operand copied in per call), SciPy, backend-js.
 * NumPy/SciPy run in a python3 subprocess and are skipped with a note when absent.
 *
 *   pnpm bench:wasm                 (from the repository root)
 *   SIZES=1e6 GEMM=256,512 PARTS=elemwise,gemm pnpm bench:wasm
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { compile } from '@proj/backend-js';
import { wasmLinker } from '@proj/backend-wasm';
import * as sp from '@proj/sparse';
import * as pt from '@proj/tensor';
import { report, type Figure } from './report';
import { numpyElemwise, scipySparse } from './wasm-python';
import { gemmKernelTime, sparseKernelTimes, timeAll } from './wasm-kernels';

function uniform(dtype: 'float64' | 'float32', n: number, seed: number): pt.NDArray {
  const Arr = dtype === 'float64' ? Float64Array : Float32Array;
  const a = new Arr(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    a[i] = (s / 4294967296) * 4 - 2;
  }
  return pt.fromRaw(dtype, a, [n]);
}

function elementwise(sizes: number[]): void {
  const dtypes = ['float64', 'float32'] as const;
  const py = numpyElemwise(sizes, dtypes);
  const rows: Figure['rows'] = [];
  for (const dtype of dtypes) {
    const [x, y, z] = ['x', 'y', 'z'].map((n) => new pt.TensorType(dtype, [null]).makeVariable(n) as pt.TensorVariable) as [pt.TensorVariable, pt.TensorVariable, pt.TensorVariable];
    const expr = x.exp().mul(y).add(z.tanh()).sub(x.pow(2));
    const fw = compile([x, y, z], expr, { linker: wasmLinker });
    const fj = compile([x, y, z], expr);
    for (const n of sizes) {
      const vals = [uniform(dtype, n, 1), uniform(dtype, n, 2), uniform(dtype, n, 3)];
      const [tw, tj] = timeAll([() => fw(...vals), () => fj(...vals)], n >= 1e7 ? 3 : 1.5);
      const tnp = py.ok ? py.times[`${dtype}:${n}`]! : null;
      rows.push({ label: `${dtype}, n = ${n.toExponential(0)}`, values: [tw! * 1e3, tj! * 1e3, tnp === null ? null : tnp * 1e3] });
    }
  }
  report({
    id: 'wasm-elemwise',
    title: 'exp(x)*y + tanh(z) - x**2',
    unit: 'ms',
    higherIsBetter: false,
    series: ['backend-wasm compile()', 'backend-js compile()', 'NumPy'],
    rows,
    notes: [
      'compile() times include converting the arguments, copying the 3 inputs into WASM memory and the output out of it',
      py.ok ? 'NumPy in a python3 subprocess on arrays of the same size and dtype (best of several runs)' : `NumPy skipped: ${py.reason}`,
    ],
  });
}

async function gemm(ns: number[]): Promise<void> {
  await tf.setBackend('wasm');
  await tf.ready();
  for (const dtype of ['float64', 'float32'] as const) {
    const rows: Figure['rows'] = [];
    const A = new pt.TensorType(dtype, [null, null]).makeVariable('A') as pt.TensorVariable;
    const B = new pt.TensorType(dtype, [null, null]).makeVariable('B') as pt.TensorVariable;
    const fw = compile([A, B], pt.dot(A, B), { linker: wasmLinker });
    const fj = compile([A, B], pt.dot(A, B));
    for (const n of ns) {
      const a = pt.fromRaw(dtype, uniform(dtype, n * n, 4).data as pt.RawArray, [n, n]);
      const b = pt.fromRaw(dtype, uniform(dtype, n * n, 5).data as pt.RawArray, [n, n]);
      const ta = dtype === 'float32' ? tf.tensor2d(a.data as Float32Array, [n, n]) : undefined;
      const tb = dtype === 'float32' ? tf.tensor2d(b.data as Float32Array, [n, n]) : undefined;
      // (not inside tf.tidy: dataSync within tidy measured 20x slower here)
      const tfRun = ta && tb ? () => {
        const c = tf.matMul(ta, tb);
        c.dataSync();
        c.dispose();
      } : null;
      const budget = n >= 1024 ? 4 : 2;
      const kernel = gemmKernelTime(dtype, n, budget);
      const [tw, tj, ttf] = timeAll([() => fw(a, b), n <= 512 || dtype === 'float32' ? () => fj(a, b) : null, tfRun], budget);
      const gf = (t: number | null) => (t === null ? null : (2 * n ** 3) / t / 1e9);
      rows.push({ label: `n = ${n}`, values: [gf(kernel), gf(tw), gf(tj), dtype === 'float32' ? gf(ttf) : null] });
      ta?.dispose();
      tb?.dispose();
    }
    report({
      id: `wasm-gemm-${dtype}`,
      title: `GEMM ${dtype}, C = A B (n x n)`,
      unit: 'GFLOP/s',
      higherIsBetter: true,
      series: ['backend-wasm kernel', 'backend-wasm compile(dot)', 'backend-js compile(dot)', 'tfjs-backend-wasm'],
      rows,
      notes: [
        'kernel: operands already in WASM memory; compile(dot): also copies A and B in and C out',
        dtype === 'float64' ? 'tfjs has no float64; backend-js float64 not run at n = 1024 (too slow)' : `tfjs-backend-wasm ${tf.version_core} matMul + dataSync + dispose (its default thread setting)`,
      ],
    });
  }
}

function sparse(n: number, nnz: number, cols: number): void {
  const a = sp.random(n, n, nnz / (n * n), { seed: 42, format: 'csr' }) as sp.CSRMatrix;
  const data = a.data as Float64Array;
  const py = scipySparse(n, a.indptr, a.indices, data, cols);
  const kernel = sparseKernelTimes(a, cols);
  const x = pt.fromRaw('float64', new Float64Array(n).map((_, i) => Math.sin(i * 0.7)), [n]);
  const b = pt.fromRaw('float64', new Float64Array(n * cols).map((_, i) => Math.cos(i * 1.3)), [n, cols]);
  const av = sp.asSparseVariable(a);
  const xv = pt.dvector('x');
  const bv = pt.dmatrix('b');
  const fv = compile([xv], sp.dot(av, xv), { linker: wasmLinker });
  const fm = compile([bv], sp.structuredDot(av, bv), { linker: wasmLinker });
  const jv = compile([xv], sp.dot(av, xv));
  const jm = compile([bv], sp.structuredDot(av, bv));
  const [tv, tjv] = timeAll([() => fv(x), () => jv(x)]);
  const [tm, tjm] = timeAll([() => fm(b), () => jm(b)]);
  const ms = (t: number | null | undefined) => (t === null || t === undefined ? null : t * 1e3);
  report({
    id: 'wasm-sparse',
    title: `Sparse x dense on a ${n} x ${n} CSR with ${a.nnz} nonzeros`,
    unit: 'ms',
    higherIsBetter: false,
    series: ['backend-wasm kernel', 'backend-wasm compile()', 'SciPy', 'backend-js compile()'],
    rows: [
      { label: 'SpMV', values: [ms(kernel.spmv), ms(tv), py.ok ? ms(py.times.spmv) : null, ms(tjv)] },
      { label: `SpMM (${cols} columns)`, values: [ms(kernel.spmm), ms(tm), py.ok ? ms(py.times.spmm) : null, ms(tjm)] },
    ],
    notes: [
      'kernel: matrix and dense operand already in WASM memory; compile(): the constant matrix is placed once, the dense operand copied in and the result out per call',
      py.ok ? 'SciPy in a python3 subprocess on the same matrix' : `SciPy skipped: ${py.reason}`,
    ],
  });
}

async function main(): Promise<void> {
  const sizes = (process.env.SIZES ?? '1e6,1e7').split(',').map(Number);
  const ns = (process.env.GEMM ?? '256,512,1024').split(',').map(Number);
  console.log(`Node ${process.version}; WASM arena and kernels generated at run time (no .wasm files)`);
  const parts = (process.env.PARTS ?? 'elemwise,gemm,sparse').split(',');
  if (parts.includes('elemwise')) elementwise(sizes);
  if (parts.includes('gemm')) await gemm(ns);
  if (parts.includes('sparse')) sparse(Number(process.env.N ?? 100000), Number(process.env.NNZ ?? 1e6), Number(process.env.COLS ?? 64));
}

void main();
