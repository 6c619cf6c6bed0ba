/**
 * Property: random DAGs of matrix Ops with shared subexpressions, views
 * (transposes), intermediate values among the outputs, increments and dot
 * products, rewritten with the whole FAST_RUN pipeline (in-place phase
 * included), compute what the original computes (reference evaluator, in the
 * order the DestroyHandler asks for) and never change their inputs.
 */
import { FunctionGraph } from '@proj/graph';
import * as pt from '@proj/tensor';
import fc from 'fast-check';
import { FAST_RUN_QUERY, isDestroyHandler, rewriteGraph, validateGraph } from '../../src';
import { expectClose, randomArray, snapshot, values } from '../stabilize/check';

/** One step of a DAG: an Op applied to earlier values (indices taken modulo the number of values so far). */
type Step = { op: 'add' | 'mul' | 'sub' | 'dotAdd' | 'inc'; a: number; b: number } | { op: 'exp' | 'neg' | 'T' | 'sigmoid'; a: number };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ op: fc.constantFrom('add' as const, 'mul' as const, 'sub' as const, 'dotAdd' as const, 'inc' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ op: fc.constantFrom('exp' as const, 'neg' as const, 'T' as const, 'sigmoid' as const), a: fc.nat() }),
);

/** Builds the DAG over square matrices x and y; the outputs are the last value and the values picked by `outs`. */
function build(steps: readonly Step[], outs: readonly number[], x: pt.TensorVariable, y: pt.TensorVariable): pt.TensorVariable[] {
  const vals: pt.TensorVariable[] = [x, y];
  const pick = (k: number) => vals[k % vals.length]!;
  for (const s of steps) {
    const a = pick(s.a);
    switch (s.op) {
      case 'add':
        vals.push(pt.add(a, pick(s.b)));
        break;
      case 'mul':
        vals.push(pt.mul(a, pick(s.b)));
        break;
      case 'sub':
        vals.push(pt.sub(a, pick(s.b)));
        break;
      case 'dotAdd':
        vals.push(pt.add(a, pt.mul(0.5, pt.dot(pick(s.b), a))));
        break;
      case 'inc':
        vals.push(a.get(0).inc(pick(s.b).get(1)));
        break;
      case 'exp':
        vals.push(pt.exp(pt.mul(a, 0.1)));
        break;
      case 'neg':
        vals.push(pt.neg(a));
        break;
      case 'T':
        vals.push(pt.transpose(a));
        break;
      case 'sigmoid':
        vals.push(pt.sigmoid(a));
        break;
    }
  }
  return [vals[vals.length - 1]!, ...outs.map(pick)];
}

describe('FAST_RUN with the in-place phase on random DAGs', () => {
  it.each([
    ['FAST_RUN', FAST_RUN_QUERY],
    ["FAST_RUN.excluding('fusion') (more in-place Elemwise nodes)", FAST_RUN_QUERY.excluding('fusion')],
  ])('%s computes the same values and never changes the inputs', (_name, query) => {
    let withInplace = 0;
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 14 }), fc.array(fc.nat(), { maxLength: 3 }), fc.nat(1000), (steps, outs, seed) => {
        const x = pt.dmatrix('x');
        const y = pt.dmatrix('y');
        const fg = new FunctionGraph([x, y], build(steps, outs, x, y));
        const inputs = [randomArray('float64', [3, 3], seed, -1, 1), randomArray('float64', [3, 3], seed + 1, -1, 1)];
        const kept = inputs.map(snapshot);
        const want = values(fg, inputs);
        rewriteGraph(fg, query);
        fg.checkIntegrity();
        // The in-place rewriter checks locally: the DestroyHandler must accept the result.
        expect(fg.features.some(isDestroyHandler)).toBe(true);
        validateGraph(fg);
        if (fg.toposort().some((n) => Object.keys(n.op.destroyMap).length > 0)) withInplace++;
        const got = values(fg, inputs);
        got.forEach((g, k) => expectClose(g, want[k]!, 1e-9, 1e-12));
        inputs.forEach((v, i) => expect(snapshot(v)).toEqual(kept[i]));
      }),
      { numRuns: 300, seed: 20261122 },
    );
    // The property is about in-place graphs: a good share of the runs must have some.
    expect(withInplace).toBeGreaterThan(60);
  });
});
