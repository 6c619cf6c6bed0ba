/**
 * One way for every benchmark to report a figure: a markdown table with the
 * ratio of ours to each peer measured in the same run, printed to stdout, and,
 * when BENCH_JSON names a file (tools/bench/all.ts sets it), the figure as one
 * JSON line appended to it, from which all.ts writes the results page and plots.
 */
import * as fs from 'node:fs';

/** One benchmark figure: rows (a size, an operation...) by series (ours first, then the peers). */
export interface Figure {
  /** A file-name-safe id (the plot is <id>.svg). */
  id: string;
  title: string;
  /** The unit of the values ('ms', 'µs', 'GFLOP/s'...). */
  unit: string;
  /** true for throughputs (GFLOP/s), false for times. */
  higherIsBetter: boolean;
  /** Series names; the first is ours, the ratios compare it with each of the others. */
  series: string[];
  /** One value per series; null where a peer was not measured (say why in notes). */
  rows: { label: string; values: (number | null)[] }[];
  notes?: string[];
}

function fmt(v: number | null): string {
  if (v === null) return '—';
  if (v === 0) return '0';
  const a = Math.abs(v);
  return a >= 100 ? v.toFixed(0) : a >= 10 ? v.toFixed(1) : a >= 0.01 ? v.toFixed(2) : v.toExponential(2);
}

/** How many times better the first series is than `peer` (> 1: ours is better). */
export function advantage(fig: Figure, ours: number | null, peer: number | null): number | null {
  if (ours === null || peer === null || ours <= 0 || peer <= 0) return null;
  return fig.higherIsBetter ? ours / peer : peer / ours;
}

/** The figure as a markdown table (values, then ours vs each peer). */
export function figureTable(fig: Figure): string {
  const peers = fig.series.slice(1);
  const head = [`| ${fig.title} | ${fig.series.map((s) => `${s} (${fig.unit})`).join(' | ')} | ${peers.map((p) => `${fig.series[0]} vs ${p}`).join(' | ')} |`];
  head.push(`|---|${fig.series.map(() => '---:').join('|')}|${peers.map(() => '---:').join('|')}|`);
  for (const r of fig.rows) {
    const ratios = peers.map((_, k) => {
      const a = advantage(fig, r.values[0] ?? null, r.values[k + 1] ?? null);
      return a === null ? '—' : `${a.toFixed(2)}x ${a >= 1 ? 'better' : 'worse'}`;
    });
    head.push(`| ${r.label} | ${r.values.map(fmt).join(' | ')} | ${ratios.join(' | ')} |`);
  }
  return head.join('\n') + (fig.notes?.length ? `\n\n${fig.notes.map((n) => `- ${n}`).join('\n')}` : '');
}

/**
 * Prints the figure's table and records it for tools/bench/all.ts.
 *
 * @example
 * report({ id: 'gemm-f64', title: 'n', unit: 'GFLOP/s', higherIsBetter: true, series: ['ours', 'stdlib'], rows: [{ label: '512', values: [4.3, 0.8] }] });
 */
export function report(fig: Figure): void {
  console.log(`\n${figureTable(fig)}\n`);
  const out = process.env.BENCH_JSON;
  if (out) fs.appendFileSync(out, `${JSON.stringify(fig)}\n`);
}

/**
 * Best time (s) of each function; they alternate call by call so a slow spell
 * of the machine hits all alike; each runs at least `min` times and until
 * `budget` seconds have been spent in all.
 */
export function timeAll(fns: readonly (() => unknown)[], budget = 1.5, min = 3): number[] {
  for (const f of fns) f();
  const best = fns.map(() => Infinity);
  let spent = 0;
  for (let reps = 0; reps < min || spent < budget; reps++) {
    fns.forEach((f, i) => {
      const t0 = process.hrtime.bigint();
      f();
      const dt = Number(process.hrtime.bigint() - t0) / 1e9;
      best[i] = Math.min(best[i]!, dt);
      spent += dt;
    });
  }
  return best;
}
