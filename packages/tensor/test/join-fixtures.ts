/** Reading test/fixtures/join.json (written by tools/fixtures/gen_join.py from NumPy), and a small reverse-mode walk for gradient checks. */
import { type Variable } from '@proj/graph';
import { sizeOf } from '../src/value/ndarray';
import { backpropAll, flatNums, nest } from './helpers/backprop';
import { loadFixture, viewShape, type Enc } from './helpers/encoded-array';
import { constant } from '../src/basic/as-tensor';
import { mul } from '../src/math/arith';
import { sum } from '../src/reduce/sum';
import { TensorType } from '../src/type/tensor-type';
import { TensorVariable } from '../src/variable/tensor-variable';

export { decode, decodeScalar, expectArray, flat, type Enc } from './helpers/encoded-array';
export const fixtures = loadFixture('join');
export { nest } from './helpers/backprop';

/** The dtype and static shape (all known) of an encoded input, after its view. */
export function typeOf(e: Enc): TensorType {
  return new TensorType(e.dtype, viewShape(e));
}

/**
 * Compares the backprop gradients of sum(f(xs) * w) (w fixed weights) with
 * central finite differences, input by input and element by element.
 */
export function checkGrad(
  f: (...xs: TensorVariable[]) => TensorVariable,
  shapes: readonly number[][],
  options: { staticShapes?: boolean; extra?: ReadonlyMap<Variable, unknown>; tol?: number } = {},
): void {
  const tol = options.tol ?? 1e-6;
  const xs = shapes.map((s, i) => new TensorType('float64', options.staticShapes === false ? s.map(() => null) : s).makeVariable(`x${i}`));
  const y = f(...xs);
  const values = shapes.map((s, i) => Array.from({ length: sizeOf(s) }, (_, k) => Math.sin(1 + k + 7 * i) * 2));
  const givens = (vals: number[][]) => new Map<Variable, unknown>([...(options.extra ?? []), ...xs.map((x, i) => [x, nest(vals[i]!, shapes[i]!)] as const)]);
  const yShape = y.eval(givens(values)).shape;
  const n = sizeOf(yShape);
  const w = constant(nest(Array.from({ length: n }, (_, i) => 0.5 + 0.25 * i), yShape), { dtype: 'float64' });
  const cost = sum(mul(y, w));
  const gs = backpropAll(cost, xs);
  const h = 1e-6;
  const at = (vals: number[][]) => Number(cost.evalNested(givens(vals)));
  xs.forEach((_, i) => {
    const got = gs[i] === undefined ? new Array<number>(values[i]!.length).fill(0) : flatNums(gs[i]!.evalNested(givens(values)));
    expect(got.length).toBe(values[i]!.length);
    values[i]!.forEach((_, k) => {
      const p = values.map((v) => [...v]);
      const m = values.map((v) => [...v]);
      p[i]![k]! += h;
      m[i]![k]! -= h;
      const numeric = (at(p) - at(m)) / (2 * h);
      expect(Math.abs(got[k]! - numeric)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(numeric)));
    });
  });
}
