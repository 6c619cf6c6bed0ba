/** Gradients (Lop) and Rops of the extra ops against central finite differences. */
import { DisconnectedType, type Variable } from '@proj/graph';
import { constant } from '../src/basic/as-tensor';
import { mul } from '../src/math/arith';
import { TensorType } from '../src/type/tensor-type';
import { TensorVariable } from '../src/variable/tensor-variable';
import { dimshuffle } from '../src/shape/dimshuffle';
import { arange } from '../src/extra/arange';
import { choose } from '../src/extra/choose';
import { compress, nonzeroValues } from '../src/extra/compress';
import { cumprod, cumsum } from '../src/extra/cum';
import { ExtractDiagGrad, diagonal, trace } from '../src/extra/diagonal';
import { flip } from '../src/extra/flip';
import { mgrid } from '../src/extra/grid';
import { PermuteAlongAxis, sort } from '../src/extra/sort';
import { TakeGrad, take } from '../src/extra/take';
import { slice } from '../src/subtensor/index-entry';
import { checkGrad, flatNums, nest } from './extra-helpers';

// 24 distinct values (no ties, so sort is differentiable here), none zero.
const X24 = [0.5, -1.25, 2, 3.5, -0.75, 1.5, 0.25, 2.75, -2, 1.125, 0.875, -1.5, 3.25, -0.5, 1.75, -2.5, 0.625, 2.25, -1.75, 0.375, 1.375, -0.25, 2.5, -1];
const x24 = (n: number) => X24.slice(0, n);

describe('gradients by finite differences', () => {
  it.each([
    ['sort axis -1', (x: TensorVariable) => sort(x), [2, 3, 4]],
    ['sort axis 0', (x: TensorVariable) => sort(x, { axis: 0 }), [2, 3, 4]],
    ['sort axis null', (x: TensorVariable) => sort(x, { axis: null }), [4, 6]],
    ['sort of a transposed view', (x: TensorVariable) => sort(dimshuffle(x, [1, 0]), { axis: 1, kind: 'stable' }), [4, 6]],
    ['cumsum axis 1', (x: TensorVariable) => cumsum(x, { axis: 1 }), [2, 3, 4]],
    ['cumsum flattened', (x: TensorVariable) => cumsum(x), [4, 6]],
    ['cumprod axis -1', (x: TensorVariable) => cumprod(x, { axis: -1 }), [3, 4]],
    ['cumprod axis 0', (x: TensorVariable) => cumprod(x, { axis: 0 }), [2, 3, 4]],
    ['diagonal', (x: TensorVariable) => diagonal(x), [4, 6]],
    ['diagonal offset 2', (x: TensorVariable) => diagonal(x, { offset: 2 }), [4, 6]],
    ['diagonal offset -1 axes (2, 0)', (x: TensorVariable) => diagonal(x, { offset: -1, axis1: 2, axis2: 0 }), [2, 3, 4]],
    ['trace', (x: TensorVariable) => trace(x, { offset: 1 }), [4, 6]],
    ['take axis 1, repeated indices', (x: TensorVariable) => take(x, [[2, 0], [2, -1]], { axis: 1 }), [2, 3, 4]],
    ['take flattened, wrap', (x: TensorVariable) => take(x, [25, -3, 0, 25], { mode: 'wrap' }), [4, 6]],
    ['take clip', (x: TensorVariable) => take(x, [9, -9], { axis: 0, mode: 'clip' }), [4, 6]],
    ['compress axis 0', (x: TensorVariable) => compress([1, 0, 1], x, { axis: 0 }), [4, 6]],
    ['nonzeroValues', (x: TensorVariable) => nonzeroValues(x), [4, 6]],
    ['flip', (x: TensorVariable) => flip(x, { axis: [0, 2] }), [2, 3, 4]],
    ['choose with broadcasting', (x: TensorVariable) => choose([[0, 1, 2], [2, 2, 0]], [x, mul(x, 2), constant([1.5, 2.5, 3.5])]), [2, 3]],
    ['choose, x broadcast', (x: TensorVariable) => choose([[0, 1, 1, 0], [1, 0, 0, 1]], [x, constant([[1.5], [2.5]])]), [1, 4]],
    ['choose wrap', (x: TensorVariable) => choose([[3, -1, 4], [0, 5, -2]], [x, mul(x, x), mul(x, 3)], { mode: 'wrap' }), [2, 3]],
    ['choose clip', (x: TensorVariable) => choose([[3, -1, 4], [0, 5, -2]], [x, mul(x, x), mul(x, 3)], { mode: 'clip' }), [2, 3]],
    ['choose stacked', (x: TensorVariable) => choose([[0, 1, 2, 1], [2, 0, 0, 1]], x), [3, 2, 4]],
    ['choose stacked, broadcast choices', (x: TensorVariable) => choose([[0, 1, 1, 0], [1, 0, 0, 1]], x, { mode: 'wrap' }), [2, 1, 4]],
    ['choose stacked, fewer dimensions', (x: TensorVariable) => choose([[0, 1, 1, 0], [1, 0, 0, 1]], x), [2, 4]],
  ] as [string, (x: TensorVariable) => TensorVariable, number[]][])('%s', (_name, f, shape) => {
    checkGrad(f, x24(shape.reduce((p, s) => p * s, 1)), shape);
  });

  test('arange: the gradient of start and step', () => {
    checkGrad((s) => arange(s, 5, 0.5), [0.3], []);
    checkGrad((st) => arange(0.25, 3, st), [0.7], []);
    checkGrad((st) => mul(arange(1, 3, st), arange(1, 3, st)), [0.3], []);
  });

  test('mgrid: gradients reach a symbolic start', () => {
    checkGrad((s) => mgrid(slice(s, 2.5, 0.5), slice(0, 3))[0]!, [0.2], []);
  });

  test('second order: the gradient ops are differentiable', () => {
    const like = constant(nest(x24(24), [4, 6]), { dtype: 'float64' });
    checkGrad((g) => new TakeGrad(1, 'wrap').call(g, constant([[1, 7], [1, 0]]), like) as TensorVariable, x24(16), [4, 2, 2]);
    checkGrad((g) => new ExtractDiagGrad(-1, 1, 0).call(g, like) as TensorVariable, x24(4), [4]);
    checkGrad((g) => new PermuteAlongAxis(1).call(g, constant([[2, 0, 1], [0, 2, 1]])) as TensorVariable, x24(6), [2, 3]);
  });

  test('integer inputs are disconnected from the gradients', () => {
    const x = new TensorType('float64', [null, null]).makeVariable('x');
    const i = constant([0, 1]);
    const node = take(x, i, { axis: 0 }).owner!;
    const grads = node.op.Lop(node.inputs, node.outputs, [new TensorType('float64', [null, null]).makeVariable()]);
    expect(grads[1]!.type).toBeInstanceOf(DisconnectedType);
    expect(node.op.connectionPattern(node)).toEqual([[true], [false]]);
    const cnode = choose([0, 1], [x, x]).owner!;
    expect(cnode.op.connectionPattern(cnode)).toEqual([[false], [true], [true]]);
    const anode = arange(0, new TensorType('int64', []).makeVariable(), 1).owner!;
    const ag = anode.op.Lop(anode.inputs, anode.outputs, [new TensorType('int64', [null]).makeVariable()]);
    expect(ag[1]!.type).toBeInstanceOf(DisconnectedType);
    expect((ag[0] as TensorVariable).dtype).toBe('float64');
  });
});

/** Rop(f)(x; v) against (f(x + h v) - f(x - h v)) / 2h. */
function checkRop(f: (x: TensorVariable) => TensorVariable, x0: number[], v0: number[], shape: number[]): void {
  const x = new TensorType('float64', shape).makeVariable('x');
  const ev = new TensorType('float64', shape).makeVariable('ev');
  const y = f(x);
  const node = y.owner!;
  const evs = node.inputs.map((inp) => (inp === x ? (ev as Variable) : null));
  const [r] = node.op.Rop(node.inputs, evs);
  const got = flatNums((r as TensorVariable).evalNested([[x, nest(x0, shape)], [ev, nest(v0, shape)]]));
  const h = 1e-6;
  const at = (s: number) => flatNums(y.evalNested({ x: nest(x0.map((xi, i) => xi + s * v0[i]!), shape) }));
  const [p, m] = [at(h), at(-h)];
  got.forEach((g, i) => expect(Math.abs(g - (p[i]! - m[i]!) / (2 * h))).toBeLessThan(1e-6));
}

describe('Rop', () => {
  const v = X24.map((a) => a * 0.5 + 1);
  it.each([
    ['sort', (x: TensorVariable) => sort(x, { axis: 0 })],
    ['cumsum', (x: TensorVariable) => cumsum(x, { axis: 1 })],
    ['diagonal', (x: TensorVariable) => diagonal(x, { offset: 1 })],
    ['take', (x: TensorVariable) => take(x, [2, 0, 2], { axis: 1 })],
    ['flip', (x: TensorVariable) => flip(x)],
  ] as [string, (x: TensorVariable) => TensorVariable][])('%s', (_n, f) => checkRop(f, x24(12), v.slice(0, 12), [3, 4]));
});
