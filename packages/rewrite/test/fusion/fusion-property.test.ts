import { FunctionGraph, evaluate } from '@proj/graph';
import * as pt from '@proj/tensor';
import fc from 'fast-check';
import { elemwiseFusion } from '../../src';
import { randArray, rng } from '../canonicalize/check';

type TV = pt.TensorVariable;

const UNARY: ((a: TV) => TV)[] = [pt.neg, pt.sqr, pt.tanh, (a) => pt.exp(pt.mul(a, 0.1)), pt.abs, (a) => pt.mul(a, 3), (a) => pt.add(a, 1)];
const BINARY: ((a: TV, b: TV) => TV)[] = [pt.add, pt.mul, pt.sub, pt.maximum, pt.trueDiv, (a, b) => pt.switch(pt.gt(a, 0), a, b), pt.intDiv];

/** A recipe: each step applies an op to earlier values (by index); outputs are some of the values. */
interface Recipe {
  steps: { unary: boolean; op: number; a: number; b: number }[];
  outputs: number[];
}

const recipeArb: fc.Arbitrary<Recipe> = fc.record({
  steps: fc.array(fc.record({ unary: fc.boolean(), op: fc.nat(6), a: fc.nat(100), b: fc.nat(100) }), { minLength: 1, maxLength: 14 }),
  outputs: fc.array(fc.nat(100), { minLength: 0, maxLength: 3 }),
});

describe('fusion on random elementwise graphs', () => {
  it('computes exactly what the unfused graph computes (mixed dtypes, broadcasting, several outputs and clients)', () => {
    let fired = 0;
    fc.assert(
      fc.property(recipeArb, (recipe) => {
        const inputs: TV[] = [
          pt.dmatrix('x'),
          new pt.TensorType('float32', [1, null]).makeVariable('row'),
          pt.imatrix('i'),
          new pt.TensorType('int8', [null, 1]).makeVariable('col'),
        ];
        const pool: TV[] = [...inputs];
        for (const s of recipe.steps) {
          const a = pool[s.a % pool.length]!;
          const b = pool[s.b % pool.length]!;
          pool.push(s.unary ? UNARY[s.op % UNARY.length]!(a) : BINARY[s.op % BINARY.length]!(a, b));
        }
        const outs = [pool[pool.length - 1]!, ...recipe.outputs.map((k) => pool[inputs.length + (k % (pool.length - inputs.length))]!)];
        const fg = new FunctionGraph(inputs, [...new Set(outs)]);
        const r = rng(recipe.steps.length);
        const values = [randArray(r, 'float64', [2, 3]), randArray(r, 'float32', [1, 3]), randArray(r, 'int32', [2, 3]), randArray(r, 'int8', [2, 1])];
        const snapshot = values.map((v) => pt.toNested(v));
        const givens = () => fg.inputs.map((v, k) => [v, values[k]] as const);
        const before = evaluate(fg.outputs, givens()) as pt.NDArray[];
        fired += elemwiseFusion.rewrite(fg).fired;
        fg.checkIntegrity();
        const after = evaluate(fg.outputs, givens()) as pt.NDArray[];
        after.forEach((o, k) => {
          expect(o.dtype).toBe(before[k]!.dtype);
          expect(pt.toNested(o)).toEqual(pt.toNested(before[k]!));
        });
        values.forEach((v, k) => expect(pt.toNested(v)).toEqual(snapshot[k]));
        // Fusion never leaves two fusible Elemwise nodes where one only feeds the other.
        for (const node of fg.toposort()) {
          for (const v of node.inputs) {
            const p = v.owner;
            if (!p || !(p.op instanceof pt.Elemwise) || !(node.op instanceof pt.Elemwise)) continue;
            const onlyClient = fg.getClients(v).length === 1 && !fg.outputs.includes(v);
            const sameBroadcast = (v.type as pt.TensorType).shape.every((l, d) => (l === 1) === ((node.outputs[0]!.type as pt.TensorType).shape[d] === 1));
            expect(onlyClient && sameBroadcast).toBe(false);
          }
        }
      }),
      { numRuns: 60, seed: 42 },
    );
    // Most random graphs have something to fuse.
    expect(fired).toBeGreaterThan(30);
  });
});
