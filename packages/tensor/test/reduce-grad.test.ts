/** Reduction gradients (Lop) against central finite differences, via a small reverse-mode walk. */
import { NullType } from '@proj/graph';
import { constant } from '../src/basic/as-tensor';
import { mul } from '../src/math/arith';
import { TensorType } from '../src/type/tensor-type';
import { toNested } from '../src/value/ndarray';
import { TensorVariable } from '../src/variable/tensor-variable';
import { argmax, maxAndArgmax } from '../src/reduce/argmax';
import { max, min, ptp } from '../src/reduce/max';
import { mean, std, var_ } from '../src/reduce/mean';
import { backprop, flatNums, nest } from './helpers/backprop';
import { prod, sum } from '../src/reduce/sum';
import { Prod, ProdWithoutZeros } from '../src/reduce/reduce-ops';

/** Compares the backprop gradient of sum(f(x) * w) with central differences. */
function checkGrad(f: (x: TensorVariable) => TensorVariable, x0: number[], shape: number[], tol = 1e-6): void {
  const x = new TensorType('float64', shape).makeVariable('x');
  const y = f(x);
  const yShape = y.type.shape as number[];
  const n = yShape.reduce((p, s) => p * s, 1);
  const w = constant(nest(Array.from({ length: n }, (_, i) => 0.5 + 0.25 * i), yShape), { dtype: 'float64' });
  const cost = sum(mul(y, w));
  const gx = backprop(cost, x);
  const got = flatNums(gx.evalNested({ x: nest(x0, shape) }));
  const h = 1e-6;
  const at = (v: number[]) => Number(cost.evalNested({ x: nest(v, shape) }));
  x0.forEach((_, i) => {
    const p = [...x0];
    const m = [...x0];
    p[i]! += h;
    m[i]! -= h;
    const num = (at(p) - at(m)) / (2 * h);
    expect(Math.abs(got[i]! - num)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(num)));
  });
}

const X = [0.5, -1.25, 2, 3.5, -0.75, 1.5, 0.25, 2.75, -2, 1.125, 0.875, -1.5];

describe('gradients by finite differences', () => {
  it.each([
    ['sum all', (x: TensorVariable) => sum(x)],
    ['sum axis 1', (x: TensorVariable) => sum(x, { axis: 1 })],
    ['sum axes [0, 2] keepdims', (x: TensorVariable) => sum(x, { axis: [0, 2], keepdims: true })],
    ['sum axis -1', (x: TensorVariable) => sum(x, { axis: -1 })],
    ['prod axis 1', (x: TensorVariable) => prod(x, { axis: 1 })],
    ['prod all', (x: TensorVariable) => prod(x)],
    ['prod noZerosInInput', (x: TensorVariable) => prod(x, { axis: [0, 2], noZerosInInput: true })],
    ['max axis 1', (x: TensorVariable) => max(x, { axis: 1 })],
    ['max all keepdims', (x: TensorVariable) => max(x, { keepdims: true })],
    ['min axis [0, 2]', (x: TensorVariable) => min(x, { axis: [0, 2] })],
    ['ptp axis 2', (x: TensorVariable) => ptp(x, { axis: 2 })],
    ['mean axis [0, 1]', (x: TensorVariable) => mean(x, { axis: [0, 1] })],
    ['mean all', (x: TensorVariable) => mean(x)],
    ['var axis 2', (x: TensorVariable) => var_(x, { axis: 2 })],
    ['var ddof=1 corrected', (x: TensorVariable) => var_(x, { axis: [0, 1], ddof: 1, corrected: true })],
    ['std axis 1', (x: TensorVariable) => std(x, { axis: 1 })],
    ['maxAndArgmax', (x: TensorVariable) => maxAndArgmax(x, { axis: 2 })[0]],
  ])('%s', (_name, f) => checkGrad(f, X, [2, 3, 2]));

  it('prod handles groups with no zero, one zero and several zeros', () => {
    const x0 = [0, 2, 3, 0, 0, 5, 1.5, -2, 4, 0.5, 0, 7];
    checkGrad((x) => prod(x, { axis: 1 }), x0, [4, 3]);
    checkGrad((x) => prod(x, { axis: 0 }), x0, [4, 3]);
    checkGrad((x) => prod(x), [1, 2, 0, 3], [4]);
    checkGrad((x) => prod(x), [1, 0, 0, 3], [4]);
  });

  it('the prod gradient with a single zero is the product of the others there', () => {
    const x = new TensorType('float64', [3]).makeVariable('x');
    const g = backprop(prod(x), x);
    expect(g.evalNested({ x: [2, 0, 3] })).toEqual([0, 6, 0]);
    expect(g.evalNested({ x: [0, 0, 3] })).toEqual([0, 0, 0]);
    expect(g.evalNested({ x: [2, 5, 3] })).toEqual([15, 6, 10]);
  });

  it('max sends the gradient to every tied maximum (gz * eq(x, max))', () => {
    const x = new TensorType('float64', [4]).makeVariable('x');
    expect(backprop(max(x), x).evalNested({ x: [1, 3, 3, 2] })).toEqual([0, 1, 1, 0]);
  });

  it('argmax, all/any and integer reductions give zero gradients in floatX', () => {
    const x = new TensorType('float64', [3]).makeVariable('x');
    const node = argmax(x).owner!;
    const [g] = node.op.grad(node.inputs, [constant(0, { dtype: 'float64' })]);
    expect((g as TensorVariable).dtype).toBe('float64');
    expect((g as TensorVariable).evalNested({ x: [1, 2, 3] })).toEqual([0, 0, 0]);
    const xi = new TensorType('int8', [3]).makeVariable('xi');
    const s = sum(xi);
    const [gi] = s.owner!.op.Lop(s.owner!.inputs, s.owner!.outputs, [constant(1, { dtype: 'float64' })]);
    expect((gi as TensorVariable).evalNested({ xi: [1, 2, 3] })).toEqual([0, 0, 0]);
  });

  it('the second derivative of prod is not implemented (ProdWithoutZeros), as in PyTensor', () => {
    const x = new TensorType('float64', [3]).makeVariable('x');
    const [g] = new ProdWithoutZeros(null).grad([x], [constant(1, { dtype: 'float64' })]);
    expect(g!.type).toBeInstanceOf(NullType);
    expect((g!.type as NullType).whyNull).toMatch(/noZerosInInput/);
  });

  it('Sum.Rop is the sum of the evaluation point; Prod is tagged noZerosInInput in its name', () => {
    const x = new TensorType('float64', [3]).makeVariable('x');
    const ev = constant([1, 2, 4], { dtype: 'float64' });
    const [r] = sum(x).owner!.op.Rop([x], [ev]);
    expect(toNested((r as TensorVariable).eval())).toBe(7);
    expect(new Prod([0], { noZerosInInput: true }).name).toBe('Prod{axis=0, noZerosInInput=true}');
  });
});
