/**
 * Scale benchmark: building, differentiating, rewriting (FAST_RUN) and compiling
 * graphs of about 1,000, 10,000 and 100,000 Apply nodes, and one call of the
 * compiled function. Three families:
 *   (a) chain: a long elementwise chain, x -> tanh(x * 1.0001 + 0.1) repeated;
 *   (b) wide: a sum of many small terms exp(x * c_k), added pairwise (depth log n);
 *   (c) deep grad: the gradient of sum(chain (a)) with respect to x, compiled.
 * Every step must run without a stack overflow (nothing recurses along the
 * graph); the table shows each step's time and, per family, the time per node
 * at 100,000 nodes against smaller sizes (about 1x: the step grows linearly).
 *
 *   pnpm bench:scale                  (from the repository root: builds the packages first)
 *   SIZES=1000,10000 pnpm bench:scale (other sizes)
 *   TRACE=8 pnpm bench:scale          (record tag.trace stacks as by default; the benchmark turns it off)
 *   LIMIT=60 pnpm bench:scale         (seconds: skip rewrite/compile at a size projected to take longer)
 */
import { config, FunctionGraph, type Variable } from '@proj/graph';
import { compile } from '@proj/backend-js';
import { grad } from '@proj/gradient';
import { rewriteGraph } from '@proj/rewrite';
import * as pt from '@proj/tensor';
import { report, timeAll, type Figure } from './report';

/** A graph to measure: its input and output. */
interface Built {
  x: pt.TensorVariable;
  out: pt.TensorVariable;
}

/** (a) x -> tanh(x * 1.0001 + 0.1), n / 5 times (5 nodes per step: mul, add, tanh, 2 DimShuffles of the 0-d constants). */
export function chain(n: number): Built {
  const x = pt.dvector('x');
  let v: pt.TensorVariable = x;
  for (let k = 0; k < Math.max(1, Math.round(n / 5)); k++) v = pt.tanh(v.mul(1.0001).add(0.1));
  return { x, out: v };
}

/** (b) sum_k exp(x * c_k), the n / 4 terms added pairwise (4 nodes per term: DimShuffle, mul, exp, add). */
export function wide(n: number): Built {
  const x = pt.dvector('x');
  let level: pt.TensorVariable[] = [];
  const terms = Math.max(2, Math.round(n / 4));
  for (let k = 0; k < terms; k++) level.push(pt.exp(x.mul(1e-3 * ((k % 97) + 1))));
  // Pairwise, so the graph is wide and shallow (a left fold would be another chain).
  while (level.length > 1) {
    const next: pt.TensorVariable[] = [];
    for (let i = 0; i + 1 < level.length; i += 2) next.push(level[i]!.add(level[i + 1]!));
    if (level.length % 2 === 1) next.push(level[level.length - 1]!);
    level = next;
  }
  return { x, out: level[0]! };
}

/** Seconds taken by `f`, and its result. */
function timed<T>(f: () => T): [T, number] {
  const t0 = performance.now();
  const r = f();
  return [r, (performance.now() - t0) / 1e3];
}

interface Row {
  family: string;
  n: number;
  build: number;
  grad: number;
  /** null: skipped (the smaller size projected past LIMIT). */
  rewrite: number | null;
  compile: number | null;
  call: number | null;
}

function applyCount(outputs: readonly Variable[], x: Variable): number {
  return new FunctionGraph([x], outputs, { clone: false }).applyNodes.size;
}

/** Measures one family at one size; `deepGrad` compiles the gradient instead of the forward graph. */
function measure(family: string, make: (n: number) => Built, n: number, deepGrad: boolean, rewriteToo = true): Row {
  const [{ x, out }, build] = timed(() => make(n));
  const loss = pt.sum(out);
  const [g, tGrad] = timed(() => grad(loss, x) as pt.TensorVariable);
  const outputs: Variable[] = deepGrad ? [loss, g] : [out];
  const nodes = applyCount(outputs, x);
  if (!rewriteToo) return { family, n: nodes, build, grad: tGrad, rewrite: null, compile: null, call: null };
  const [, rewrite] = timed(() => rewriteGraph(new FunctionGraph([x], outputs)));
  const [f, tCompile] = timed(() => compile([x], outputs));
  const value = pt.toNDArray([0.1, -0.2, 0.3, 0.4], 'float64');
  const [call] = timeAll([() => f(value)], 0.5, 2);
  return { family, n: nodes, build, grad: tGrad, rewrite, compile: tCompile, call: call! };
}

function fmt(s: number | null): string {
  if (s === null) return 'skipped';
  return s >= 1 ? `${s.toFixed(2)} s` : `${(s * 1e3).toFixed(1)} ms`;
}

function main(): void {
  config.tracebackLimit = Number(process.env.TRACE ?? 0);
  const sizes = (process.env.SIZES ?? '1000,10000,100000').split(',').map(Number);
  const families: [string, (n: number) => Built, boolean][] = [
    ['(a) chain', chain, false],
    ['(b) wide', wide, false],
    ['(c) deep grad', chain, true],
  ];
  // Warm-up: let V8 compile the code paths before the timed runs.
  for (const [name, make, deep] of families) measure(name, make, 300, deep);
  const rows: Row[] = [];
  const limit = Number(process.env.LIMIT ?? 60);
  const skipped: string[] = [];
  for (const [name, make, deep] of families) {
    let previous: Row | undefined;
    for (const n of sizes) {
      // Rewriting grows faster than linearly on some families: skip it when even linear growth from the last size would pass the limit.
      const projected = previous?.rewrite != null && previous.compile != null ? ((previous.rewrite + previous.compile) * n) / previous.n : 0;
      const r = measure(name, make, n, deep, projected <= limit);
      if (r.rewrite === null) skipped.push(`${name} at ${r.n} nodes: rewrite, compile and call skipped (${previous!.n} nodes took ${fmt(previous!.rewrite! + previous!.compile!)}; linear growth alone would take ${fmt(projected)}; LIMIT=${limit} s)`);
      else previous = r;
      rows.push(r);
      process.stderr.write(`  ${name} n=${n}: ${r.n} nodes compiled, build ${fmt(r.build)} grad ${fmt(r.grad)} rewrite ${fmt(r.rewrite)} compile ${fmt(r.compile)} call ${fmt(r.call)}\n`);
    }
  }
  console.log(`Scale: one run of each step (tracebackLimit=${config.tracebackLimit}); Node ${process.version}`);
  console.log('(a), (b): rewrite / compile / call of the forward graph; (c): of [sum(chain), its gradient]; grad is grad(sum(out), x) in each row.\n');
  console.log('| family | size | nodes compiled | build | grad | rewrite (FAST_RUN) | compile total | one call |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
  rows.forEach((r, i) => {
    const size = sizes[i % sizes.length]!;
    console.log(`| ${r.family} | ${size} | ${r.n} | ${fmt(r.build)} | ${fmt(r.grad)} | ${fmt(r.rewrite)} | ${fmt(r.compile)} | ${fmt(r.call)} |`);
  });
  for (const line of skipped) console.log(`\n${line}`);
  // Per-node cost at the largest size against the smaller ones: a ratio near 1x means linear growth.
  const steps: (keyof Row)[] = ['build', 'grad', 'rewrite', 'compile'];
  for (const [name] of families) {
    const mine = rows.filter((r) => r.family === name).sort((a, b) => b.n - a.n);
    if (mine.length < 2) continue;
    const fig: Figure = {
      id: `scale-${name.replace(/[^a-z]+/g, '-').replace(/^-|-$/g, '')}`,
      title: `${name}: µs per node`,
      unit: 'µs/node',
      higherIsBetter: false,
      series: mine.map((r) => `${r.n} nodes`),
      rows: steps.map((s) => ({ label: String(s), values: mine.map((r) => (r[s] === null ? null : ((r[s] as number) / r.n) * 1e6)) })),
      notes: [`ratios: the cost per node at ${mine[0]!.n} nodes against each smaller graph (about 1x or better: linear growth)`],
    };
    report(fig);
  }
}

main();
