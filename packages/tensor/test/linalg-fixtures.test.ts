/** Linear-algebra values against NumPy (test/fixtures/linalg.json), with symbolic and static input shapes and strided layouts. */
import { NodeError, ShapeError, type Variable } from '@proj/graph';
import { TensorType } from '../src/type/tensor-type';
import type { NDArray } from '../src/value/ndarray';
import type { TensorVariable } from '../src/variable/tensor-variable';
import { batchedDot, batchedTensordot } from '../src/linalg/batched';
import { gemmNoInplace } from '../src/linalg/blas-gemm';
import { gemvNoInplace, ger } from '../src/linalg/blas-level2';
import { matmul } from '../src/linalg/matmul';
import { dot, outer, tensordot } from '../src/linalg/tensordot';
import { cases, decode, expectValue, fromFormula, type Case } from './linalg-helpers';

type Build = (vars: TensorVariable[], c: Case) => TensorVariable;

const BUILD: Record<string, Build> = {
  dot: ([x, y]) => dot(x!, y!),
  matmul: ([x, y]) => matmul(x!, y!),
  outer: ([x, y]) => outer(x!, y!),
  tensordot: ([x, y], c) => tensordot(x!, y!, c.axes!),
  batchedDot: ([x, y]) => batchedDot(x!, y!),
  batchedTensordot: ([x, y], c) => batchedTensordot(x!, y!, c.axes!),
  gemm: ([z, x, y], c) => gemmNoInplace(z!, c.alpha!, x!, y!, c.beta!),
  gemv: ([y, A, x], c) => gemvNoInplace(y!, c.alpha!, A!, x!, c.beta!),
  ger: ([A, x, y], c) => ger(A!, c.alpha!, x!, y!),
};

/** Input variables of the case's dtypes: shapes unknown (symbolic) or fully known (static). */
function variables(c: Case, mode: 'symbolic' | 'static'): TensorVariable[] {
  const specs = c.formula ?? c.inputs;
  return specs.map((e, i) => new TensorType(e.dtype, mode === 'static' ? e.shape : e.shape.map(() => null)).makeVariable(`in${i}`));
}

function values(c: Case): NDArray[] {
  if (c.formula) return c.formula.map((f, i) => fromFormula(f, c.layouts[i]!));
  return c.inputs.map((e, i) => decode(e, c.layouts[i]!));
}

const valueCases = cases.filter((c) => c.out !== undefined);
const errorCases = cases.filter((c) => c.error !== undefined);

describe.each(['symbolic', 'static'] as const)('linalg vs NumPy, %s shapes', (mode) => {
  test.each(valueCases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const vars = variables(c, mode);
    const out = BUILD[c.fn]!(vars, c);
    const inputs = values(c);
    const got = out.eval(new Map<Variable, unknown>(vars.map((v, i) => [v, inputs[i]])));
    expectValue(got, c.out!, c.tolerance === 'loose');
    if (mode === 'static') expect(out.type.shape).toEqual(c.out!.shape);
  });
});

describe('linalg errors vs NumPy messages', () => {
  test.each(errorCases.map((c) => [c.name, c] as const))('%s: at graph construction (static shapes)', (_name, c) => {
    const vars = variables(c, 'static');
    expect(() => BUILD[c.fn]!(vars, c)).toThrow(ShapeError);
    expect(() => BUILD[c.fn]!(vars, c)).toThrow(c.error!);
  });

  // With unknown shapes the mismatch is found when values arrive (1-d and 2-d
  // dot products report NumPy's own message; others a ShapeError of the Op).
  test.each(errorCases.filter((c) => !c.inputs.some((e) => e.shape.length === 0)).map((c) => [c.name, c] as const))('%s: at run time (symbolic shapes)', (_name, c) => {
    const vars = variables(c, 'symbolic');
    const out = BUILD[c.fn]!(vars, c);
    const inputs = c.inputs.map((e) => decode({ ...e, data: new Array(e.shape.reduce((p, s) => p * s, 1)).fill(1) }));
    let caught: unknown;
    try {
      out.eval(new Map<Variable, unknown>(vars.map((v, i) => [v, inputs[i]])));
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(NodeError);
    expect((caught as NodeError).cause).toBeInstanceOf(ShapeError);
    const ndMax = Math.max(...c.inputs.map((e) => e.shape.length));
    if (ndMax <= 2 && c.fn !== 'tensordot') expect((caught as Error).message).toContain(c.error!);
  });
});
