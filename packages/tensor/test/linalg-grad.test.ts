/** Lop and Rop of the linear-algebra Ops against central finite differences (a small reverse-mode walk over each node's Lop). */
import { type Variable } from '@proj/graph';
import { constant } from '../src/basic/as-tensor';
import { mul } from '../src/math/arith';
import { sum } from '../src/reduce/sum';
import { TensorType } from '../src/type/tensor-type';
import { forEachOffset, fromRaw, rawView, type NDArray } from '../src/value/ndarray';
import { TensorVariable } from '../src/variable/tensor-variable';
import { BatchedDot, batchedDot, batchedTensordot } from '../src/linalg/batched';
import { gemmNoInplace } from '../src/linalg/blas-gemm';
import { gemvNoInplace, ger } from '../src/linalg/blas-level2';
import { Dot } from '../src/linalg/dot-op';
import { MatMul, matmul } from '../src/linalg/matmul';
import { backpropAll } from './helpers/backprop';
import { dot, outer, tensordot } from '../src/linalg/tensordot';

const size = (shape: readonly number[]) => shape.reduce((p, s) => p * s, 1);
const value = (shape: readonly number[], flat: readonly number[]) => fromRaw('float64', Float64Array.from(flat), shape);
const flatOf = (a: NDArray) => {
  // Gradients may be strided views (a transpose's Lop is a transpose).
  const v = rawView(a);
  const out: number[] = [];
  forEachOffset(a.shape, v.strides, v.offset, (off) => out.push(Number(v.data[off])));
  return out;
};
const start = (n: number, seed: number) => Array.from({ length: n }, (_, i) => Math.sin(seed * 7.1 + i * 1.7) * 1.5);

/**
 * Checks the gradient of sum(f(inputs) * w) with respect to every input
 * against central differences; `shapes` are the input shapes (all float64).
 */
function checkGrad(f: (...xs: TensorVariable[]) => TensorVariable, shapes: number[][], tol = 1e-6): void {
  const vars = shapes.map((s, i) => new TensorType('float64', s).makeVariable(`x${i}`));
  const y = f(...vars);
  const yShape = y.type.shape as number[];
  const w = constant(value(yShape, Array.from({ length: size(yShape) }, (_, i) => 0.5 + 0.25 * i)), { dtype: 'float64' });
  const cost = sum(mul(y, w));
  const grads = backpropAll(cost, vars);
  const x0 = shapes.map((s, i) => start(size(s), i + 1));
  const givens = (xs: number[][]) => new Map<Variable, unknown>(vars.map((v, i) => [v, value(shapes[i]!, xs[i]!)]));
  const at = (xs: number[][]) => flatOf(cost.eval(givens(xs)))[0]!;
  const h = 1e-6;
  grads.forEach((g, i) => {
    expect(g).toBeInstanceOf(TensorVariable);
    expect(g!.type.shape).toEqual(shapes[i]);
    const got = flatOf(g!.eval(givens(x0)));
    x0[i]!.forEach((_, k) => {
      const plus = x0.map((a) => [...a]);
      const minus = x0.map((a) => [...a]);
      plus[i]![k]! += h;
      minus[i]![k]! -= h;
      const num = (at(plus) - at(minus)) / (2 * h);
      expect(Math.abs(got[k]! - num)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(num)));
    });
  });
}

describe('Lop against finite differences', () => {
  test.each([
    [[3], [3]], [[2, 3], [3]], [[3], [3, 4]], [[2, 3], [3, 4]], [[1, 3], [3, 1]],
  ])('Dot %j @ %j', (xs, ys) => checkGrad((x, y) => new Dot().call(x!, y!) as TensorVariable, [xs, ys]));

  test.each([
    [[2, 3, 4], [4]], [[2, 3, 4], [4, 2]], [[3], [2, 3, 2]], [[2, 2, 3], [2, 3, 2]], [[], [2, 3]],
  ])('pt.dot %j @ %j', (xs, ys) => checkGrad((x, y) => dot(x!, y!), [xs, ys]));

  test.each([
    [[3], [3]], [[2, 3], [3]], [[3], [3, 2]], [[2, 2, 3], [3, 2]], [[2, 3], [2, 3, 2]], [[2, 1, 2, 3], [3, 3, 2]], [[1, 2, 3], [2, 3, 2]],
  ])('pt.matmul %j @ %j', (xs, ys) => checkGrad((x, y) => matmul(x!, y!), [xs, ys]));

  test('pt.outer', () => checkGrad((x, y) => outer(x!, y!), [[3], [2, 2]]));

  test.each([
    [[2, 3, 4], [4, 2, 3], [[1, 2], [2, 0]]],
    [[2, 3], [3, 2], 1],
    [[2, 3], [4], 0],
    [[2, 3], [2, 3], 2],
  ] as const)('pt.tensordot %j %j axes %j', (xs, ys, axes) => checkGrad((x, y) => tensordot(x!, y!, axes as never), [[...xs], [...ys]]));

  test.each([
    [[2, 2, 3], [2, 3, 2]], [[2, 3], [2, 3, 2]], [[2, 2, 3], [2, 3]], [[2, 3], [2, 3]], [[2], [2, 3]], [[2, 2, 3, 2], [2, 2, 2]],
  ])('pt.batchedDot %j %j', (xs, ys) => checkGrad((x, y) => batchedDot(x!, y!), [xs, ys]));

  test('pt.batchedTensordot', () => checkGrad((x, y) => batchedTensordot(x!, y!, [[2, 3], [2, 1]]), [[2, 2, 3, 2], [2, 2, 3, 2]]));

  test('Gemm: every input', () => checkGrad((z, a, x, y, b) => gemmNoInplace(z!, a!, x!, y!, b!), [[2, 3], [], [2, 4], [4, 3], []]));
  test('Gemv: every input', () => checkGrad((y, a, A, x, b) => gemvNoInplace(y!, a!, A!, x!, b!), [[2], [], [2, 3], [3], []]));
  test('Ger: every input', () => checkGrad((A, a, x, y) => ger(A!, a!, x!, y!), [[2, 3], [], [2], [3]]));

  test('a gradient keeps the static shape of its input', () => {
    const x = new TensorType('float64', [1, 3]).makeVariable('x');
    const y = new TensorType('float64', [null, null]).makeVariable('y');
    const [gx] = new Dot().Lop([x, y], [], [new TensorType('float64', [null, null]).makeVariable('g')]);
    expect((gx as TensorVariable).type.shape).toEqual([1, 3]);
  });
});

/** Rop(f)(x; e) against (f(x + h e) - f(x - h e)) / 2h for each output element. */
function checkRop(op: Dot | MatMul | BatchedDot, shapes: number[][], which: boolean[]): void {
  const vars = shapes.map((s, i) => new TensorType('float64', s).makeVariable(`x${i}`));
  const evs = shapes.map((s, i) => (which[i] ? new TensorType('float64', s).makeVariable(`e${i}`) : null));
  const node = (op.call(...vars) as TensorVariable).owner!;
  const [r] = op.Rop(node.inputs, evs);
  const x0 = shapes.map((s, i) => start(size(s), i + 1));
  const e0 = shapes.map((s, i) => start(size(s), i + 11));
  const givens = new Map<Variable, unknown>();
  vars.forEach((v, i) => givens.set(v, value(shapes[i]!, x0[i]!)));
  evs.forEach((v, i) => v && givens.set(v, value(shapes[i]!, e0[i]!)));
  const got = flatOf((r as TensorVariable).eval(givens));
  const h = 1e-6;
  const f = (sign: number) => {
    const m = new Map<Variable, unknown>(vars.map((v, i) => [v, value(shapes[i]!, x0[i]!.map((x, k) => x + (which[i] ? sign * h * e0[i]![k]! : 0)))]));
    return flatOf(node.outputs[0]!.eval(m) as NDArray);
  };
  const plus = f(1);
  const minus = f(-1);
  got.forEach((g, k) => expect(Math.abs(g - (plus[k]! - minus[k]!) / (2 * h))).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(g))));
}

describe('Rop against finite differences', () => {
  test.each([
    [[2, 3], [3, 4]], [[3], [3]], [[2, 3], [3]], [[3], [3, 2]],
  ])('Dot %j %j', (xs, ys) => {
    checkRop(new Dot(), [xs, ys], [true, true]);
    checkRop(new Dot(), [xs, ys], [true, false]);
    checkRop(new Dot(), [xs, ys], [false, true]);
  });
  test('MatMul with broadcasting', () => {
    checkRop(new MatMul(), [[2, 2, 3], [3, 2]], [true, true]);
    checkRop(new MatMul(), [[2, 2, 3], [3, 2]], [false, true]);
  });
  test('BatchedDot', () => checkRop(new BatchedDot(), [[2, 2, 3], [2, 3]], [true, true]));
  test('no varying input gives null', () => {
    const x = new TensorType('float64', [2, 2]).makeVariable('x');
    expect(new Dot().Rop([x, x], [null, null])).toEqual([null]);
    expect(new MatMul().Rop([x, x], [null, null])).toEqual([null]);
  });
});
