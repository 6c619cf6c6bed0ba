/**
 * The differential property: random graphs (fast-check chooses the seed and
 * the depth, and shrinks both toward the smallest failing graph) agree on
 * every backend; random differentiable graphs pass verifyGrad.
 */
import fc from 'fast-check';
import { verifyGrad } from '@proj/gradient';
import { checkGraph, type Backend } from './compare';
import { randomGraph } from './random-graph';

/** How much to run. */
export interface DifferentialOptions {
  /** fast-check's seed (default 20261122). */
  seed?: number;
  /** Graphs to try. */
  runs: number;
}

/**
 * Checks `runs` random graphs on `backends`; throws fast-check's report (seed,
 * shrunk counterexample, our message with the graph's debugprint) on failure.
 * Returns how many graphs were checked (the reference refuses a few).
 *
 * @example
 * differentialCheck([jsBackend('FAST_RUN')], { runs: 100 });
 */
export function differentialCheck(backends: readonly Backend[], options: DifferentialOptions): number {
  let checked = 0;
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 5 }), (seed, depth) => {
      if (checkGraph(randomGraph(seed, { depth }), backends)) checked++;
    }),
    { seed: options.seed ?? 20261122, numRuns: options.runs },
  );
  return checked;
}

/**
 * verifyGrad on `runs` random differentiable float64 graphs (the sum of each output).
 *
 * @example
 * gradientCheck({ runs: 20 });
 */
export function gradientCheck(options: DifferentialOptions): void {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 4 }), (seed, depth) => {
      const g = randomGraph(seed, { depth, differentiable: true });
      if (g.inputs.length === 0) return;
      verifyGrad((...xs) => g.rebuild(xs).sum(), g.values, { rng: seed });
    }),
    { seed: options.seed ?? 20261122, numRuns: options.runs },
  );
}
