/**
 * MLP benchmark (issue 8): compile() time of a 2-layer MLP cost and its
 * gradient w.r.t. 4 parameters (784-256-10, batch 128, tanh hidden layer,
 * softmax cross-entropy) with SGD updates of the shared parameters, printed
 * next to the time its rewriting took; and the training step (forward +
 * gradient + update) timed per call, next to the same step hand-written in
 * NumPy (python3, in this run; skipped with a note when missing).
 *
 *   pnpm bench:mlp              (from the repository root: builds the packages first)
 *   COMPILES=9 STEPS=30 pnpm bench:mlp
 */
import { report } from './report';
import { grad } from '@proj/gradient';
import * as pt from '@proj/tensor';
import { compile, type CompiledFunction } from '@proj/backend-js';
import { mlpCost, NUMPY_MLP_STEP } from './mlp-model';
import { fmtTime, median, runNumpy } from './numpy-peer';

const [NIN, NHID, NOUT, BATCH] = [784, 256, 10, 128];
const LR = 0.05;

/** Deterministic values in [-scale, scale). */
function values(n: number, seed: number, scale: number): Float64Array {
  return new Float64Array(n).map((_, i) => scale * Math.sin(seed * 7.31 + i * 0.618));
}

/** Builds the graph (with fresh shared parameters) and compiles the training step; returns the phases. */
// The parameter values are made once: every build borrows them (so the timing is not of copying 1.6 MB).
const INIT = {
  w1: pt.fromRaw('float64', values(NIN * NHID, 1, 0.05), [NIN, NHID]),
  b1: pt.fromRaw('float64', new Float64Array(NHID), [NHID]),
  w2: pt.fromRaw('float64', values(NHID * NOUT, 2, 0.1), [NHID, NOUT]),
  b2: pt.fromRaw('float64', new Float64Array(NOUT), [NOUT]),
};

function buildAndCompile(mode: 'FAST_RUN' | 'FAST_COMPILE'): { f: CompiledFunction; compileTime: number; rewriteTime: number; phases: readonly (readonly [string, number])[]; nodes: number; params: pt.TensorSharedVariable[] } {
  const w1 = pt.shared(INIT.w1, { name: 'W1', borrow: true });
  const b1 = pt.shared(INIT.b1, { name: 'b1', borrow: true });
  const w2 = pt.shared(INIT.w2, { name: 'W2', borrow: true });
  const b2 = pt.shared(INIT.b2, { name: 'b2', borrow: true });
  const x = pt.dmatrix('x');
  const y = pt.lvector('y');
  const params = [w1, b1, w2, b2] as const;
  const cost = mlpCost(x, y, ...(params as unknown as [pt.TensorVariable, pt.TensorVariable, pt.TensorVariable, pt.TensorVariable]));
  const grads = grad(cost, [...params]);
  const updates = params.map((p, k) => [p, p.sub(grads[k]!.mul(LR))] as const);
  const t0 = performance.now();
  const f = compile([x, y], cost, { updates, mode, name: `mlp step (${mode})` });
  const compileTime = (performance.now() - t0) / 1e3;
  const phases = f.maker.compilePhases;
  const rewriteTime = phases.filter(([p]) => p.startsWith('rewrite:')).reduce((s, [, t]) => s + t, 0);
  return { f, compileTime, rewriteTime, phases, nodes: f.maker.schedule.length, params: params as unknown as pt.TensorSharedVariable[] };
}

const NUMPY = `
import sys, json, time
import numpy as np
${NUMPY_MLP_STEP}
NIN, NHID, NOUT, BATCH = ${NIN}, ${NHID}, ${NOUT}, ${BATCH}
steps = int(sys.argv[1])
vals = lambda n, seed, scale: scale * np.sin(seed * 7.31 + np.arange(n) * 0.618)
W1 = vals(NIN * NHID, 1, 0.05).reshape(NIN, NHID); b1 = np.zeros(NHID)
W2 = vals(NHID * NOUT, 2, 0.1).reshape(NHID, NOUT); b2 = np.zeros(NOUT)
x = vals(BATCH * NIN, 3, 1.0).reshape(BATCH, NIN); y = (np.arange(BATCH) * 7) % NOUT
costs = [step(x, y, W1, b1, W2, b2, ${LR})]
times = []
for _ in range(steps):
    t0 = time.perf_counter(); costs.append(step(x, y, W1, b1, W2, b2, ${LR})); times.append(time.perf_counter() - t0)
times.sort()
print(json.dumps({"median": times[len(times) // 2], "best": times[0], "cost0": costs[0], "cost1": costs[1], "numpy": np.__version__}))
`;

function main(): void {
  const compiles = Number(process.env.COMPILES ?? 15);
  const steps = Number(process.env.STEPS ?? 20);
  const lines: string[] = [];
  lines.push(`2-layer MLP ${NIN}-${NHID}-${NOUT}, batch ${BATCH}, tanh + softmax cross-entropy, SGD updates of W1, b1, W2, b2; Node ${process.version}`);
  lines.push('');
  lines.push('compile() of the training step (cost, gradient w.r.t. 4 parameters, 4 updates); graph construction and grad() not included:');
  lines.push('| mode | first compile | median of next ' + (compiles - 1) + ' | rewrite part (median) | nodes scheduled | target |');
  lines.push('|---|---:|---:|---:|---:|---|');
  const phaseRows: string[] = [];
  let stepFn: ReturnType<typeof buildAndCompile> | undefined;
  for (const mode of ['FAST_RUN', 'FAST_COMPILE'] as const) {
    const runs = Array.from({ length: compiles }, () => buildAndCompile(mode));
    const rest = runs.slice(1);
    const med = median(rest.map((r) => r.compileTime));
    const rew = median(rest.map((r) => r.rewriteTime));
    lines.push(`| ${mode} | ${fmtTime(runs[0]!.compileTime)} | ${fmtTime(med)} | ${fmtTime(rew)} | ${runs[0]!.nodes} | ${mode === 'FAST_RUN' ? '< 30 ms' : ''} |`);
    if (mode === 'FAST_RUN') {
      stepFn = runs[runs.length - 1];
      const last = runs[runs.length - 1]!;
      phaseRows.push(...last.phases.map(([p, t]) => `| ${p} | ${fmtTime(t)} |`));
    }
  }
  lines.push('', 'FAST_RUN compile phases (last compile):', '| phase | time |', '|---|---:|', ...phaseRows);

  // The training step.
  const f = stepFn!.f;
  const xv = pt.fromRaw('float64', values(BATCH * NIN, 3, 1), [BATCH, NIN]);
  const yv = pt.fromRaw('int64', BigInt64Array.from({ length: BATCH }, (_, i) => BigInt((i * 7) % NOUT)), [BATCH]);
  const cost0 = pt.toNested(f(xv, yv) as pt.NDArray) as number;
  const cost1 = pt.toNested(f(xv, yv) as pt.NDArray) as number;
  const times: number[] = [];
  for (let s = 0; s < steps; s++) {
    const t0 = process.hrtime.bigint();
    f(xv, yv);
    times.push(Number(process.hrtime.bigint() - t0) / 1e9);
  }
  const ours = median(times);
  const np = runNumpy<{ median: number; best: number; cost0: number; cost1: number; numpy: string }>(NUMPY, [String(steps)]);
  lines.push('', `Training step (forward + gradient + SGD update), median of ${steps} calls after 2 warm-up calls:`);
  lines.push('| implementation | per step | best | cost at step 0 | cost at step 1 | ratio |');
  lines.push('|---|---:|---:|---:|---:|---:|');
  lines.push(`| compile() FAST_RUN | ${fmtTime(ours)} | ${fmtTime(Math.min(...times))} | ${cost0.toFixed(6)} | ${cost1.toFixed(6)} | 1.00x |`);
  if (np.ok) {
    lines.push(`| NumPy ${np.value.numpy} (hand-written backward) | ${fmtTime(np.value.median)} | ${fmtTime(np.value.best)} | ${np.value.cost0.toFixed(6)} | ${np.value.cost1.toFixed(6)} | ${(np.value.median / ours).toFixed(2)}x |`);
    if (Math.abs(np.value.cost0 - cost0) > 1e-9 * (1 + Math.abs(cost0))) lines.push(`\nWARNING: the first costs differ (ours ${cost0}, NumPy ${np.value.cost0})`);
  } else {
    lines.push(`\nNumPy skipped: ${np.why}`);
  }
  console.log(lines.join('\n'));
  report({
    id: 'mlp-step',
    title: 'MLP 784-256-10 training step (batch 128, forward + gradient + SGD update)',
    unit: 'ms',
    higherIsBetter: false,
    series: ['compile() FAST_RUN', 'NumPy (hand-written backward)'],
    rows: [{ label: 'median step', values: [ours * 1e3, np.ok ? np.value.median * 1e3 : null] }],
    notes: np.ok ? [] : [`NumPy skipped: ${np.why}`],
  });
}

main();
