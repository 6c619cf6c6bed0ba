/**
 * Soak run: one compiled MLP training step (784-64-10, batch 32, tanh hidden
 * layer, softmax cross-entropy, SGD updates of the shared parameters) called N
 * times on each backend (backend-js's VM, then the WASM linker). Every EVERY
 * calls it prints the JS heap in use after a forced GC, the WASM memory of the
 * compiled function, and the mean time per call over the last EVERY calls; at
 * the end a verdict per backend: heap growth from the first checkpoint to the
 * last under 10%, and the time per call of every window after the first (V8's
 * warm-up) within 20% of their median.
 *
 *   pnpm soak                   (N=100000, a checkpoint every 10,000 calls)
 *   N=10000 pnpm soak           (quick run: a checkpoint every N / 10 calls)
 *   BACKENDS=js pnpm soak       (only one backend: js or wasm)
 *
 * Needs node's --expose-gc: when started without it, the script runs itself again with it.
 */
import { spawnSync } from 'node:child_process';
import { compile, type CompiledFunction } from '@proj/backend-js';
import { WasmLinkerInstance, wasmLinker } from '@proj/backend-wasm';
import { grad } from '@proj/gradient';
import * as pt from '@proj/tensor';
import { report } from './report';

const SIZES = { inputs: 784, hidden: 64, classes: 10, batch: 32 };

/** A seeded uniform generator in [0, 1) (a small LCG: the data only needs to be fixed, not good). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function matrix(rows: number, cols: number, rand: () => number, scale: number): pt.NDArray {
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < data.length; i++) data[i] = (rand() * 2 - 1) * scale;
  return pt.fromRaw('float64', data, [rows, cols]);
}

/** The training step: loss and SGD updates of W1, b1, W2, b2; returns the step and its data. */
export function mlpStep(backend: 'js' | 'wasm'): { step: CompiledFunction; batches: [pt.NDArray, pt.NDArray][] } {
  const { inputs, hidden, classes, batch } = SIZES;
  const rand = lcg(7);
  const x = pt.dmatrix('x');
  const y = pt.dmatrix('y'); // one-hot targets
  const w1 = pt.shared(matrix(inputs, hidden, rand, 1 / Math.sqrt(inputs)), { name: 'W1' });
  const b1 = pt.shared(pt.zerosArray('float64', [hidden]), { name: 'b1' });
  const w2 = pt.shared(matrix(hidden, classes, rand, 1 / Math.sqrt(hidden)), { name: 'W2' });
  const b2 = pt.shared(pt.zerosArray('float64', [classes]), { name: 'b2' });
  const h = pt.tanh(pt.dot(x, w1).add(b1));
  const logits = pt.dot(h, w2).add(b2);
  const shifted = logits.sub(pt.max(logits, { axis: 1, keepdims: true }));
  const logp = shifted.sub(pt.log(pt.sum(pt.exp(shifted), { axis: 1, keepdims: true })));
  const loss = pt.mean(pt.sum(y.mul(logp), { axis: 1 })).neg();
  const params = [w1, b1, w2, b2];
  const grads = grad(loss, params);
  const lr = 0.01;
  const step = compile([x, y], loss, {
    updates: params.map((p, i) => [p, p.sub(grads[i]!.mul(lr))] as const),
    ...(backend === 'wasm' ? { linker: wasmLinker } : {}),
  });
  // A few fixed batches, cycled: new values every call, no allocation by the driver loop.
  const batches: [pt.NDArray, pt.NDArray][] = [];
  for (let b = 0; b < 4; b++) {
    const onehot = new Float64Array(batch * classes);
    for (let i = 0; i < batch; i++) onehot[i * classes + Math.floor(rand() * classes)] = 1;
    batches.push([matrix(batch, inputs, rand, 1), pt.fromRaw('float64', onehot, [batch, classes])]);
  }
  return { step, batches };
}

/** Bytes of WASM linear memory the compiled function owns, or undefined when its linker exposes none. */
function wasmBytes(step: CompiledFunction): number | undefined {
  const inst = step.maker.linker;
  return inst instanceof WasmLinkerInstance ? inst.link.arena.memory.buffer.byteLength : undefined;
}

interface Checkpoint {
  calls: number;
  heapMB: number;
  wasmMB: number | undefined;
  msPerCall: number;
  loss: number;
}

const gc = (globalThis as { gc?: () => void }).gc;

function soak(backend: 'js' | 'wasm', n: number, every: number): Checkpoint[] {
  const { step, batches } = mlpStep(backend);
  const points: Checkpoint[] = [];
  let t0 = performance.now();
  let last: unknown;
  for (let i = 1; i <= n; i++) {
    const [xb, yb] = batches[i % batches.length]!;
    last = step(xb, yb);
    if (i % every === 0) {
      const ms = (performance.now() - t0) / every;
      gc!();
      const heapMB = process.memoryUsage().heapUsed / 2 ** 20;
      const wasm = wasmBytes(step);
      const p: Checkpoint = { calls: i, heapMB, wasmMB: wasm === undefined ? undefined : wasm / 2 ** 20, msPerCall: ms, loss: Number(pt.toNested(last as pt.NDArray)) };
      points.push(p);
      console.log(
        `  ${backend} ${String(i).padStart(7)} calls: heap ${heapMB.toFixed(1)} MB, WASM memory ${p.wasmMB === undefined ? 'n/a (JS backend)' : `${p.wasmMB.toFixed(1)} MB`}, ${(ms * 1e3).toFixed(0)} µs per call (last ${every}), loss ${p.loss.toFixed(4)}`,
      );
      t0 = performance.now();
    }
  }
  return points;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** The verdict lines for one backend; `ok` when memory is flat and time stable. */
export function verdict(points: readonly Checkpoint[]): { ok: boolean; lines: string[] } {
  const first = points[0]!;
  const last = points[points.length - 1]!;
  const heapGrowth = (last.heapMB - first.heapMB) / first.heapMB;
  const wasmGrowth = first.wasmMB === undefined || last.wasmMB === undefined ? 0 : (last.wasmMB - first.wasmMB) / first.wasmMB;
  // The first window holds V8's warm-up (and the first call's buffer allocations): judged apart.
  const steady = points.length >= 3 ? points.slice(1) : points;
  const med = median(steady.map((p) => p.msPerCall));
  const spread = Math.max(...steady.map((p) => Math.abs(p.msPerCall / med - 1)));
  const heapOk = heapGrowth < 0.1;
  const wasmOk = wasmGrowth < 0.1;
  const timeOk = spread <= 0.2;
  return {
    ok: heapOk && wasmOk && timeOk,
    lines: [
      `JS heap ${first.heapMB.toFixed(1)} MB at call ${first.calls} -> ${last.heapMB.toFixed(1)} MB at call ${last.calls}: ${(heapGrowth * 100).toFixed(1)}% (${heapOk ? 'PASS' : 'FAIL'}, limit 10%)`,
      first.wasmMB === undefined
        ? 'WASM memory: not applicable'
        : `WASM memory ${first.wasmMB.toFixed(1)} MB -> ${last.wasmMB!.toFixed(1)} MB: ${(wasmGrowth * 100).toFixed(1)}% (${wasmOk ? 'PASS' : 'FAIL'}, limit 10%)`,
      `time per call (windows after the first): median ${(med * 1e3).toFixed(0)} µs, largest window off by ${(spread * 100).toFixed(1)}% (${timeOk ? 'PASS' : 'FAIL'}, limit 20%)`,
    ],
  };
}

function main(): void {
  if (gc === undefined) {
    // heapUsed is only meaningful after a forced GC: run again with it exposed.
    const r = spawnSync(process.execPath, ['--expose-gc', ...process.execArgv, __filename, ...process.argv.slice(2)], { stdio: 'inherit' });
    process.exit(r.status ?? 1);
  }
  // Run by tools/bench/all.ts (BENCH_JSON set) without N: the quick run, not 2 x 100,000 calls.
  const n = Number(process.env.N ?? (process.env.BENCH_JSON ? 10000 : 100000));
  const every = Number(process.env.EVERY ?? Math.min(10000, Math.max(1, Math.floor(n / 10))));
  const backends = (process.env.BACKENDS ?? 'js,wasm').split(',').map((b) => b.trim()) as ('js' | 'wasm')[];
  const { inputs, hidden, classes, batch } = SIZES;
  console.log(`Soak: MLP ${inputs}-${hidden}-${classes}, batch ${batch}, float64, SGD updates of 4 shared parameters; ${n} calls per backend; Node ${process.version}`);
  const results: [string, Checkpoint[], { ok: boolean; lines: string[] }][] = [];
  for (const b of backends) {
    const points = soak(b, n, every);
    const v = verdict(points);
    results.push([b, points, v]);
    console.log(`\n${b}: ${v.ok ? 'PASS' : 'FAIL'}\n${v.lines.map((l) => `  ${l}`).join('\n')}\n`);
  }
  report({
    id: 'soak-mlp',
    title: `MLP training step, µs per call over each window of ${every} calls`,
    unit: 'µs',
    higherIsBetter: false,
    series: results.map(([b]) => b),
    rows: results[0]![1].map((p, i) => ({ label: `calls ${p.calls - every + 1}-${p.calls}`, values: results.map(([, pts]) => (pts[i] ? pts[i]!.msPerCall * 1e3 : null)) })),
    notes: results.flatMap(([b, , v]) => v.lines.map((l) => `${b}: ${l}`)),
  });
  console.log(`verdict: ${results.every(([, , v]) => v.ok) ? 'PASS' : 'FAIL'} (${results.map(([b, , v]) => `${b} ${v.ok ? 'pass' : 'fail'}`).join(', ')})`);
}

main();
