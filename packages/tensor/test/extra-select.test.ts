/** Diagonals, choose, nonzero, take/compress and flip: static shapes, inferShape, views, props, and errors. */
import { ArgumentError, DtypeError, NullType, ShapeError } from '@proj/graph';
import { constant } from '../src/basic/as-tensor';
import { TensorType } from '../src/type/tensor-type';
import { fromRaw, rawView, toNested, type NDArray } from '../src/value/ndarray';
import { TensorVariable } from '../src/variable/tensor-variable';
import { AxisError } from '../src/reduce/axis';
import { IndexError } from '../src/subtensor/errors';
import { Choose, choose } from '../src/extra/choose';
import { compress, nonzeroValues } from '../src/extra/compress';
import { ExtractDiag, ExtractDiagGrad, diagonal, trace } from '../src/extra/diagonal';
import { Flip, flip } from '../src/extra/flip';
import { Nonzero, flatnonzero, nonzero } from '../src/extra/nonzero';
import { Take, TakeGrad, take } from '../src/extra/take';
import { checkInferShape, M, mat, thrown } from './extra-helpers';

describe('diagonal and trace', () => {
  test('static shapes', () => {
    expect(diagonal(mat('x', [3, 5])).type.shape).toEqual([3]);
    expect(diagonal(mat('x', [3, 5]), { offset: 4 }).type.shape).toEqual([1]);
    expect(diagonal(mat('x', [3, 5]), { offset: -3 }).type.shape).toEqual([0]);
    expect(diagonal(new TensorType('float64', [2, null, 4]).makeVariable(), { axis1: 2, axis2: 0 }).type.shape).toEqual([null, 2]);
    expect(trace(new TensorType('int8', [3, 3]).makeVariable()).dtype).toBe('int64');
    expect(diagonal(mat()).owner!.op.toString()).toBe('ExtractDiag{offset=0, axis1=0, axis2=1}');
  });

  test('the diagonal is a view of its input', () => {
    const x = mat('x');
    const d = diagonal(x, { offset: 1 });
    expect(d.owner!.op.viewMap).toEqual({ 0: [0] });
    const value = fromRaw('float64', Float64Array.from([1, 2, 3, 4, 5, 6]), [2, 3]);
    const out = d.eval({ x: value });
    expect(toNested(out)).toEqual([2, 6]);
    expect(rawView(out).data.buffer).toBe(rawView(value).data.buffer);
  });

  test('inferShape', () => {
    const x = new TensorType('float64', [null, null, null]).makeVariable('x');
    const v = Array.from({ length: 2 }, () => Array.from({ length: 3 }, () => [1, 2, 3, 4]));
    for (const offset of [-3, -1, 0, 2, 5]) {
      checkInferShape(diagonal(x, { offset, axis1: 1, axis2: 2 }), [[x, v]]);
      checkInferShape(diagonal(x, { offset, axis1: 2, axis2: 0 }), [[x, v]]);
    }
    const g = new TensorType('float64', [null, null]).makeVariable('g');
    const node = new ExtractDiagGrad(1, 1, 2).call(g, x).owner!;
    expect(node.op.inferShape!(undefined, node, [[1, 2], [2, 3, 4]])).toEqual([[2, 3, 4]]);
  });

  test('ExtractDiagGrad puts gz on the diagonal of zeros', () => {
    const x = mat('x', [2, 3]);
    const out = new ExtractDiagGrad(1, 0, 1).call(constant([7.5, 8.5]), x) as TensorVariable;
    expect(out.evalNested({ x: [[1, 1, 1], [1, 1, 1]] })).toEqual([[0, 7.5, 0], [0, 0, 8.5]]);
    expect(thrown(() => (new ExtractDiagGrad(1, 0, 1).call(constant([1.5]), x) as TensorVariable).eval({ x: [[1, 1, 1], [1, 1, 1]] }))).toBeInstanceOf(ArgumentError);
    expect(thrown(() => new ExtractDiagGrad(1, 0, 1).call(constant([[1.5]]), x))).toBeInstanceOf(ArgumentError);
  });

  test('errors', () => {
    expect(thrown(() => diagonal(constant([1, 2]))).message).toMatch(/^pt.diagonal: input 0 expected a tensor with at least 2 dimensions, got 1 dimensions/);
    expect(thrown(() => diagonal(mat(), { axis1: 0, axis2: -2 }))).toBeInstanceOf(AxisError);
    expect(thrown(() => diagonal(mat(), { offset: 0.5 }))).toBeInstanceOf(ArgumentError);
    expect(thrown(() => new ExtractDiag(0, 1, 1))).toBeInstanceOf(AxisError);
    expect(thrown(() => new ExtractDiag(0, 0, 2).call(mat()))).toBeInstanceOf(AxisError);
    expect(thrown(() => trace(mat(), { axis1: 3 }))).toBeInstanceOf(AxisError);
  });
});

describe('choose', () => {
  test('types and static shapes', () => {
    const a = new TensorType('int64', [null, 1]).makeVariable('a');
    const out = choose(a, [new TensorType('int8', [4]).makeVariable(), new TensorType('float32', [1]).makeVariable()]);
    expect(out.dtype).toBe('float32');
    expect(out.type.shape).toEqual([null, 4]);
    expect(out.owner!.op.toString()).toBe('Choose{mode=raise}');
    const st = choose(a, new TensorType('float64', [null, 3, 1]).makeVariable(), { mode: 'wrap' });
    expect(st.type.shape).toEqual([3, 1]);
    expect(st.owner!.op.toString()).toBe('Choose{mode=wrap, stacked}');
  });

  test('the docstring example and inferShape', () => {
    expect(choose([0, 2, 1], [[1, 2, 3], [10, 20, 30], [100, 200, 300]]).evalNested()).toEqual([1, 200, 30]);
    // As for Elemwise, only dimensions known to have length 1 broadcast.
    const a = new TensorType('int64', [null, 1]).makeVariable('a');
    const c = new TensorType('float64', [null, null]).makeVariable('c');
    checkInferShape(choose(a, [c, constant([1.5, 2.5, 3.5])]), [[a, [[0], [1]]], [c, [[1, 2, 3], [4, 5, 6]]]]);
    const s = new TensorType('float64', [null, null, null]).makeVariable('s');
    checkInferShape(choose(a, s), [[a, [[0], [1]]], [s, [[[1, 2, 3]], [[4, 5, 6]]]]]);
  });

  test('errors', () => {
    expect(thrown(() => choose(constant([0.5]), [constant([1])])).message).toBe('Choose{mode=raise}: input 0 expected an integer or bool dtype, got float32 ([0.5])');
    expect(thrown(() => choose([0], []))).toBeInstanceOf(ArgumentError);
    expect(thrown(() => choose([0], constant(3)))).toBeInstanceOf(ArgumentError);
    expect(thrown(() => choose([0], [constant([1, 2])], { mode: 'nearest' as never }))).toBeInstanceOf(ArgumentError);
    expect(thrown(() => new Choose('raise', true).call(constant([0]), constant([1]), constant([2])))).toBeInstanceOf(ArgumentError);
    expect(thrown(() => choose(new TensorType('int64', [2]).makeVariable(), [new TensorType('float64', [3]).makeVariable()]))).toBeInstanceOf(ShapeError);
    const err = thrown(() => choose([0, 2], [[1, 2], [3, 4]]).eval());
    expect(err.message).toBe('Choose{mode=raise}: input 0 expected indices in [0, 2) (2 choices), got index 2');
  });
});

describe('nonzero, flatnonzero, nonzeroValues', () => {
  test('outputs', () => {
    const x = mat('x', [3, 4]);
    const outs = nonzero(x);
    expect(outs).toHaveLength(2);
    outs.forEach((o) => expect([o.dtype, o.type.shape]).toEqual(['int64', [null]]));
    const m = nonzero(x, { returnMatrix: true });
    expect(m.type.shape).toEqual([2, null]);
    expect(new Nonzero(true).toString()).toBe('Nonzero{matrix}');
    expect(new Nonzero().inferShape).toBeUndefined();
    expect(flatnonzero(x).type.shape).toEqual([null]);
    expect(nonzeroValues(x).dtype).toBe('float64');
    expect(flatnonzero([[0, 3], [4, 0]]).evalNested()).toEqual([1n, 2n]);
  });

  test('the gradient of Nonzero is undefined', () => {
    const x = mat('x');
    const [g] = new Nonzero().grad([x], []);
    expect(g!.type).toBeInstanceOf(NullType);
    expect((g!.type as NullType).whyNull).toMatch(/mathematically undefined/);
  });

  test('errors', () => {
    expect(thrown(() => nonzero(constant(1.5))).message).toMatch(/^pt.nonzero: input 0 expected a tensor with at least 1 dimension/);
    expect(thrown(() => new Nonzero().call(constant(1.5)))).toBeInstanceOf(ArgumentError);
  });
});

describe('take and compress', () => {
  test('static shapes and names', () => {
    const x = new TensorType('float64', [3, 4, 5]).makeVariable('x');
    expect(take(x, new TensorType('int32', [2, null]).makeVariable(), { axis: 1 }).type.shape).toEqual([3, 2, null, 5]);
    expect(take(x, constant(2), { axis: -1 }).type.shape).toEqual([3, 4]);
    expect(take(x, [0, 1]).type.shape).toEqual([null]);
    expect(take(x, new TensorType('int8', [2]).makeVariable()).type.shape).toEqual([2]);
    expect(take(x, [0], { axis: 0, mode: 'clip' }).owner!.op.toString()).toBe('Take{axis=0, mode=clip}');
    expect(compress([true, false], x, { axis: 2 }).type.shape).toEqual([3, 4, null]);
  });

  test('inferShape', () => {
    const x = mat('x');
    const i = new TensorType('int64', [null, null]).makeVariable('i');
    checkInferShape(take(x, i, { axis: 1 }), [[x, M], [i, [[0, 1, 2]]]]);
    const g = new TensorType('float64', [null, null, null]).makeVariable('g');
    const node = new TakeGrad(1).call(g, i, x).owner!;
    expect(node.op.inferShape!(undefined, node, [[3, 1, 3], [1, 3], [3, 4]])).toEqual([[3, 4]]);
  });

  test('TakeGrad adds repeated indices', () => {
    const like = mat('like', [4]);
    const g = new TakeGrad(0).call(constant([1.5, 2.5, 4, 8]), constant([2, -2, 0, 2]), like) as TensorVariable;
    expect(g.evalNested({ like: [0, 0, 0, 0] })).toEqual([4, 0, 12, 0]);
    const bad = thrown(() => (new TakeGrad(0).call(constant([1.5, 2.5]), constant([0, 1, 2]), like) as TensorVariable).eval({ like: [0, 0, 0, 0] }));
    expect(bad).toBeInstanceOf(ShapeError);
  });

  test('errors', () => {
    const x = mat('x');
    expect(thrown(() => take(x, [0.5])).message).toBe('Take{axis=0, mode=raise}: input 1 expected an integer dtype, got float32 ([0.5])');
    expect(thrown(() => take(x, [true]))).toBeInstanceOf(DtypeError);
    expect(thrown(() => take(x, [0], { axis: 2 }))).toBeInstanceOf(AxisError);
    expect(thrown(() => take(x, [0], { mode: 'fill' as never }))).toBeInstanceOf(ArgumentError);
    const oob = thrown(() => take(x, [5], { axis: 1 }).eval({ x: M }));
    expect(oob).toBeInstanceOf(IndexError);
    expect(oob.message).toBe('Take{axis=1, mode=raise}: index 5 is out of bounds for axis 1 with size 4');
    expect([(oob as IndexError).argument, (oob as IndexError).expected]).toEqual([1, 'indices in [-4, 4) for axis 1 of length 4']);
    expect(thrown(() => new Take(-1))).toBeInstanceOf(AxisError);
    expect(thrown(() => compress([[1]], x))).toBeInstanceOf(ShapeError);
    expect(thrown(() => compress([0, 0, 0, 1], x, { axis: 0 }).eval({ x: M }))).toBeInstanceOf(ArgumentError);
  });
});

describe('flip', () => {
  test('a view with negative strides', () => {
    const x = mat('x');
    const f = flip(x, { axis: 0 });
    expect(f.owner!.op).toEqual(new Flip([0]));
    expect(f.owner!.op.viewMap).toEqual({ 0: [0] });
    const value = fromRaw('float64', Float64Array.from([1, 2, 3, 4]), [2, 2]);
    const out = f.eval({ x: value });
    expect(toNested(out)).toEqual([[3, 4], [1, 2]]);
    expect(out.strides).toEqual([-2, 1]);
    expect(flip(x).owner!.op.toString()).toBe('Flip{axes=[0, 1]}');
    expect(flip(constant(2.5))).toBeInstanceOf(TensorVariable);
    expect(thrown(() => new Flip([0, 0]))).toBeInstanceOf(AxisError);
    expect(thrown(() => new Flip([2]).call(x))).toBeInstanceOf(AxisError);
  });

  test('an empty dimension', () => {
    const out = flip(mat('x'), { axis: 1 }).eval({ x: fromRaw('float64', new Float64Array(0), [2, 0]) as NDArray });
    expect(out.shape).toEqual([2, 0]);
  });
});
