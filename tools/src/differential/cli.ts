/**
 * The large differential run (the test command runs a small one):
 *
 *   pnpm test:differential                     (2,000 graphs, 200 gradient checks)
 *   RUNS=20000 GRAD_RUNS=1000 SEED=7 pnpm test:differential
 */
import { differentialBackends } from './backends';
import { differentialCheck, gradientCheck } from './run';

function main(): void {
  const runs = Number(process.env.RUNS ?? 2000);
  const gradRuns = Number(process.env.GRAD_RUNS ?? 200);
  const seed = process.env.SEED === undefined ? undefined : Number(process.env.SEED);
  const backends = differentialBackends();
  const t0 = Date.now();
  const checked = differentialCheck(backends, { runs, seed });
  console.log(`differential: ${checked} of ${runs} random graphs agree on ${['reference', ...backends.map((b) => b.name)].join(', ')} (${((Date.now() - t0) / 1e3).toFixed(1)} s)`);
  const t1 = Date.now();
  gradientCheck({ runs: gradRuns, seed });
  console.log(`gradients: verifyGrad passed on ${gradRuns} random differentiable graphs (${((Date.now() - t1) / 1e3).toFixed(1)} s)`);
}

main();
