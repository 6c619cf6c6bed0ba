import { evaluate } from '@proj/graph';
import { DifferentialError, checkGraph, compareValues, type Backend } from '../src/differential/compare';
import { randomGraph } from '../src/differential/random-graph';
import { differentialBackends } from '../src/differential/backends';
import { differentialCheck, gradientCheck } from '../src/differential/run';
import * as pt from '@proj/tensor';

// A small run inside the test command; `pnpm test:differential` runs a large one.
const backends = differentialBackends();

describe('random graphs', () => {
  it('are reproducible from their seed and well typed', () => {
    for (let seed = 0; seed < 30; seed++) {
      const a = randomGraph(seed);
      const b = randomGraph(seed);
      expect(a.values.map((v) => pt.toNested(v))).toEqual(b.values.map((v) => pt.toNested(v)));
      expect(String(a.output.type)).toBe(String(b.output.type));
      a.values.forEach((v, i) => expect(v.dtype).toBe(a.inputs[i]!.dtype));
    }
  });

  it('cover broadcasting, empty arrays, several dtypes and the main Op families', () => {
    const ops = new Set<string>();
    const dtypes = new Set<string>();
    let empty = 0;
    for (let seed = 0; seed < 200; seed++) {
      const g = randomGraph(seed);
      dtypes.add(g.output.dtype);
      if (g.values.some((v) => v.shape.includes(0))) empty++;
      const stack = [g.output];
      while (stack.length > 0) {
        const v = stack.pop()!;
        if (v.owner) {
          ops.add(v.owner.op.constructor.name);
          stack.push(...(v.owner.inputs as pt.TensorVariable[]));
        }
      }
    }
    expect(empty).toBeGreaterThan(5);
    expect([...dtypes]).toEqual(expect.arrayContaining(['float64', 'float32', 'int64']));
    expect([...ops]).toEqual(expect.arrayContaining(['Elemwise', 'Sum', 'Max', 'DimShuffle', 'Dot', 'Subtensor']));
  });
});

describe('differential: the reference evaluator and backend-js (FAST_COMPILE, FAST_RUN) agree', () => {
  it('on 150 random graphs', () => {
    const checked = differentialCheck(backends, { runs: 150 });
    expect(checked).toBeGreaterThan(120);
  }, 120_000);

  it('verifyGrad passes on 25 random differentiable graphs', () => {
    gradientCheck({ runs: 25 });
  }, 120_000);
});

describe('the harness catches what it must', () => {
  it('reports a wrong backend with the seed and the graph', () => {
    const wrong: Backend = { name: 'off-by-one', run: (g, values) => pt.add(g.output, 1).eval(g.inputs.map((v, i) => [v, values[i]!] as const)) };
    const nonEmptyFloat = (seed: number) => {
      const g = randomGraph(seed);
      return g.output.dtype.startsWith('float') && [pt.toNested(g.output.eval(g.inputs.map((v, i) => [v, g.values[i]!] as const)) as pt.NDArray)].flat(3).some((x) => Number.isFinite(x));
    };
    let seed = 0;
    while (!nonEmptyFloat(seed)) seed++;
    const g = randomGraph(seed);
    expect(() => checkGraph(g, [wrong])).toThrow(DifferentialError);
    expect(() => checkGraph(g, [wrong])).toThrow(new RegExp(`off-by-one disagrees[\\s\\S]*seed ${seed}[\\s\\S]*graph:`));
  });

  it('reports a backend that changes its inputs', () => {
    const g = randomGraph(3);
    const mutating: Backend = {
      name: 'mutating',
      run: (gr, values) => {
        const out = evaluate([gr.output], gr.inputs.map((v, i) => [v, values[i]!] as const))[0];
        const first = values.find((v) => v.shape.every((d) => d > 0));
        if (first) (pt.rawView(first).data as Float64Array)[pt.rawView(first).offset] = 99 as never;
        return out;
      },
    };
    if (g.values.some((v) => v.shape.every((d) => d > 0))) expect(() => checkGraph(g, [mutating])).toThrow(/mutating changed input/);
  });

  it('compares with per-dtype tolerances, NaN equal to NaN, integers exactly', () => {
    const f = (xs: number[], dtype: pt.Dtype) => pt.toNDArray(xs, dtype, { allowDowncast: true });
    expect(compareValues(f([1, NaN], 'float64'), f([1 + 1e-12, NaN], 'float64'), false)).toBeUndefined();
    expect(compareValues(f([1], 'float64'), f([1.001], 'float64'), false)).toMatch(/element 0/);
    expect(compareValues(f([1], 'float32'), f([1.0001], 'float32'), false)).toBeUndefined();
    expect(compareValues(f([3], 'int32'), f([4], 'int32'), false)).toMatch(/expected 3, got 4/);
    expect(compareValues(f([Infinity], 'float64'), f([700], 'float64'), true)).toBeUndefined();
    expect(compareValues(f([Infinity], 'float64'), f([700], 'float64'), false)).toMatch(/element 0/);
    expect(compareValues(f([1], 'float64'), f([1], 'float32'), false)).toMatch(/dtype float32/);
  });
});

describe('a WASM backend bug the differential run found', () => {
  // Found by `RUNS=1500 SEED=99 pnpm test:differential`: after a memory grow, a bool
  // value in WASM memory could not be re-made on the new buffer (rawView on a detached buffer).
  it('backend-wasm: randomGraph(2, { depth: 3 }) (was: TypeError: Cannot perform Construct on a detached ArrayBuffer after a memory grow)', () => {
    expect(checkGraph(randomGraph(2, { depth: 3 }), differentialBackends())).toBe(true);
  });
});
