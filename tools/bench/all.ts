/**
 * Runs every benchmark of the project, one process each, and writes what they
 * reported (tools/bench/report.ts) to tools/bench/results/: RESULTS.md with
 * every table, and one SVG chart per figure, ours next to its peers from the
 * same run.
 *
 *   pnpm bench            (from the repository root: builds everything first)
 *   BENCH_ONLY=gemm,sparse pnpm bench
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { figureTable, type Figure } from './report';
import { svgChart } from './svg-chart';

const here = __dirname;
const resultsDir = path.join(here, '..', '..', 'bench', 'results');
// The benchmark scripts, in the order they run (the other files here are their libraries).
const BENCHES = ['gemm', 'sparse', 'call-overhead', 'elemwise', 'mlp', 'rewrite', 'wasm', 'scale', 'soak'];

function main(): void {
  const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim());
  const scripts = BENCHES.filter((b) => only === undefined || only.includes(b)).map((b) => `${b}.js`);
  const jsonFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-')), 'figures.jsonl');
  const ran: { script: string; seconds: number; status: number | null }[] = [];
  for (const script of scripts) {
    console.log(`\n=== ${script} ===`);
    const t0 = Date.now();
    const r = spawnSync(process.execPath, [path.join(here, script)], { stdio: 'inherit', env: { ...process.env, BENCH_JSON: jsonFile } });
    ran.push({ script, seconds: (Date.now() - t0) / 1e3, status: r.status });
  }
  const figures: Figure[] = fs.existsSync(jsonFile)
    ? fs
        .readFileSync(jsonFile, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Figure)
    : [];
  fs.mkdirSync(resultsDir, { recursive: true });
  const md = [
    '# Benchmark results',
    '',
    `Written by \`pnpm bench\` on ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'unknown CPU'}.`,
    'Every ratio compares figures measured in the same run. Each figure has its chart next to this file.',
    '',
    '| benchmark | exit | seconds |',
    '|---|---:|---:|',
    ...ran.map((r) => `| ${r.script.replace(/\.js$/, '')} | ${r.status} | ${r.seconds.toFixed(1)} |`),
    '',
  ];
  for (const fig of figures) {
    fs.writeFileSync(path.join(resultsDir, `${fig.id}.svg`), svgChart(fig));
    md.push(`## ${fig.title}`, '', figureTable(fig), '', `![${fig.id}](${fig.id}.svg)`, '');
  }
  fs.writeFileSync(path.join(resultsDir, 'RESULTS.md'), md.join('\n'));
  console.log(`\nwrote ${figures.length} figure(s) to ${path.relative(process.cwd(), resultsDir)}/RESULTS.md`);
  if (ran.some((r) => r.status !== 0)) process.exitCode = 1;
}

main();
