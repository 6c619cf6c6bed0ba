/** The extra ops: static shapes, inferShape, dtypes, views, props, and errors at graph-building time. */
import { ArgumentError, DtypeError, NodeError, NullType, ShapeError, TypeMismatchError, config, type Apply, type Variable } from '@proj/graph';
import { constant } from '../src/basic/as-tensor';
import { TensorType } from '../src/type/tensor-type';
import { fromRaw, rawView, toNested, type NDArray } from '../src/value/ndarray';
import { TensorVariable } from '../src/variable/tensor-variable';
import { shapeTuple } from '../src/shape/shape';
import { AxisError } from '../src/reduce/axis';
import { slice } from '../src/subtensor/index-entry';
import { ARange, arange, arangeDtype } from '../src/extra/arange';
import { Choose, choose } from '../src/extra/choose';
import { compress, nonzeroValues } from '../src/extra/compress';
import { CumOp, cumDtype, cumprod, cumsum } from '../src/extra/cum';
import { ExtractDiag, ExtractDiagGrad, diagonal, trace } from '../src/extra/diagonal';
import { Flip, flip } from '../src/extra/flip';
import { mgrid, ogrid } from '../src/extra/grid';
import { Nonzero, flatnonzero, nonzero } from '../src/extra/nonzero';
import { ArgSortOp, PermuteAlongAxis, SortOp, argsort, sort } from '../src/extra/sort';
import { Take, TakeGrad, take } from '../src/extra/take';

const mat = (name = 'x', shape: (number | null)[] = [null, null], dtype: 'float64' | 'int64' | 'float32' | 'int32' = 'float64') => new TensorType(dtype, shape).makeVariable(name);

/** Evaluates the symbolic shape inferShape gives for `out` and compares it with the computed shape. */
function checkInferShape(out: TensorVariable, givens: [Variable, unknown][]): void {
  const node = out.owner as Apply;
  const shapes = node.op.inferShape!(undefined, node, node.inputs.map((i) => shapeTuple(i as TensorVariable)));
  const k = node.outputs.indexOf(out);
  const got = shapes[k]!.map((s) => (typeof s === 'number' ? s : Number((s as TensorVariable).eval(givens).get())));
  expect(got).toEqual(out.eval(givens).shape);
}

/** The error thrown by fn (or by the node inside a NodeError). */
function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e instanceof NodeError ? (e.cause as Error) : (e as Error);
  }
  throw new Error('expected an error');
}

const M = [[3, 1, 2, 9], [0, 5, 4, 8], [7, 6, 1, 1]];

describe('sort and argsort', () => {
  test('types, shapes and names', () => {
    const x = mat('x', [3, null]);
    const s = sort(x);
    expect(s.owner!.op).toBeInstanceOf(SortOp);
    expect(s.owner!.op.toString()).toBe('SortOp{axis=1, kind=quicksort}');
    expect(s.type.shape).toEqual([3, null]);
    expect(argsort(x).dtype).toBe('int64');
    expect(sort(x, { axis: null }).ndim).toBe(1);
    expect(sort(x, { axis: null }).type.shape).toEqual([null]);
    expect(new SortOp(0, 'stable').equals(new SortOp(0, 'stable'))).toBe(true);
    expect(new SortOp(0, 'stable').equals(new SortOp(0))).toBe(false);
    expect(argsort(x, { stable: true }).owner!.op.toString()).toBe('ArgSortOp{axis=1, kind=stable}');
  });

  test('values do not depend on the kind and ties keep their order', () => {
    const v = [3, 1, 3, 1, 2, 3];
    for (const kind of ['quicksort', 'mergesort', 'heapsort', 'stable'] as const) {
      expect(argsort(constant(v), { kind }).evalNested()).toEqual([1n, 3n, 4n, 0n, 2n, 5n]);
    }
  });

  test('the input is not modified and the output is fresh', () => {
    const x = mat('x');
    const value = fromRaw('float64', Float64Array.from([3, 1, 2, 0]), [2, 2]);
    const out = sort(x, { axis: 0 }).eval({ x: value });
    expect(toNested(value)).toEqual([[3, 1], [2, 0]]);
    expect(toNested(out)).toEqual([[2, 0], [3, 1]]);
    expect(rawView(out).data.buffer).not.toBe(rawView(value).data.buffer);
  });

  test('inferShape', () => {
    const x = mat('x');
    checkInferShape(sort(x, { axis: 0 }), [[x, M]]);
    checkInferShape(argsort(x, { axis: null }), [[x, M]]);
  });

  test('errors', () => {
    const x = mat('x');
    expect(thrown(() => sort(x, { axis: 2 }))).toBeInstanceOf(AxisError);
    expect(thrown(() => sort(x, { axis: 2 })).message).toMatch(/^pt.sort: argument 'axis' expected an axis in \[-2, 2\) for a 2-d input, got axis 2/);
    expect(thrown(() => sort(constant([1, 2]), { kind: 'bubble' as never }))).toBeInstanceOf(ArgumentError);
    expect(thrown(() => sort(x, { order: 'f' }))).toBeInstanceOf(ArgumentError);
    expect(thrown(() => sort(new TensorType('complex128', [null]).makeVariable()))).toBeInstanceOf(DtypeError);
    expect(thrown(() => new SortOp(-1))).toBeInstanceOf(AxisError);
    expect(thrown(() => new ArgSortOp(2).call(x)).message).toMatch(/ArgSortOp\{axis=2, kind=quicksort\}: argument 'axis' expected an axis in \[0, 2\)/);
  });

  test('PermuteAlongAxis checks its permutation', () => {
    const x = constant([1.5, 2.5, 3.5]);
    expect(new PermuteAlongAxis(0).call(x, constant([2, 0, 1])).eval().get(0)).toBe(3.5);
    const bad = thrown(() => (new PermuteAlongAxis(0).call(x, constant([2, 2, 1])) as TensorVariable).eval());
    expect(bad).toBeInstanceOf(ArgumentError);
    expect(bad.message).toMatch(/expected a permutation of 0..n-1 on every line, got line 0 of the permutation holds 2 twice/);
    expect(thrown(() => new PermuteAlongAxis(0).call(x, constant([0.5])))).toBeInstanceOf(DtypeError);
    expect(thrown(() => new PermuteAlongAxis(0).call(mat(), constant([0, 1])))).toBeInstanceOf(ShapeError);
  });

  test('the gradient of argsort is zero, sort has a Rop', () => {
    const x = mat('x');
    const [g] = new ArgSortOp(0).grad([x], [mat('g', [null, null], 'int64')]);
    expect(toNested((g as TensorVariable).eval({ x: M }))).toEqual([[0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]]);
    const ev = mat('ev');
    const node = sort(x, { axis: 0 }).owner!;
    const [r] = node.op.Rop(node.inputs, [ev]);
    const evv = [[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12]];
    expect((r as TensorVariable).evalNested([[x, M], [ev, evv]])).toEqual([[5, 2, 11, 12], [1, 6, 7, 8], [9, 10, 3, 4]]);
  });
});

describe('cumsum and cumprod', () => {
  test('dtypes follow NumPy', () => {
    expect(['bool', 'int8', 'int32', 'int64', 'uint8', 'uint32', 'uint64', 'float32', 'float64', 'complex64'].map((d) => cumDtype(d as never))).toEqual([
      'int64', 'int64', 'int64', 'int64', 'uint64', 'uint64', 'uint64', 'float32', 'float64', 'complex64',
    ]);
    expect(cumsum(new TensorType('int8', [4]).makeVariable()).dtype).toBe('int64');
    expect(cumprod(new TensorType('float32', [2, 3]).makeVariable(), { axis: 1 }).type.shape).toEqual([2, 3]);
  });

  test('names, props and flattening', () => {
    const x = mat('x', [2, 3]);
    expect(cumsum(x, { axis: -1 }).owner!.op.toString()).toBe('Cumsum{axis=1}');
    expect(cumprod(x).owner!.op.toString()).toBe('Cumprod{axis=0}');
    expect(cumsum(x).type.shape).toEqual([6]);
    expect(new CumOp(1, 'mul').equals(new CumOp(1, 'mul'))).toBe(true);
  });

  test('inferShape', () => {
    const y = mat('y');
    checkInferShape(cumsum(y, { axis: 0 }), [[y, M]]);
    checkInferShape(cumprod(y, { axis: 1 }), [[y, M]]);
  });

  test('errors', () => {
    expect(thrown(() => new CumOp(0, 'max' as never))).toBeInstanceOf(ArgumentError);
    expect(thrown(() => new CumOp(-1))).toBeInstanceOf(AxisError);
    expect(thrown(() => new CumOp(2).call(mat())).message).toBe("Cumsum{axis=2}: argument 'axis' expected an axis in [0, 2) for a 2-d input, got axis 2");
    expect(thrown(() => cumsum(mat(), { axis: 1.5 }))).toBeInstanceOf(AxisError);
  });

  test('Rop of cumsum; cumprod has none', () => {
    const x = mat('x');
    const ev = mat('ev');
    const node = cumsum(x, { axis: 1 }).owner!;
    expect((node.op.Rop(node.inputs, [ev])[0] as TensorVariable).evalNested([[ev, [[1, 2], [3, 4]]]])).toEqual([[1, 3], [3, 7]]);
    const pnode = cumprod(x, { axis: 1 }).owner!;
    expect(() => pnode.op.Rop(pnode.inputs, [ev])).toThrow(/Rop is not implemented/);
  });
});

describe('arange', () => {
  test('dtype rule', () => {
    config.changeFlags({ floatX: 'float64' }, () => {
      expect(arange(5).dtype).toBe('int64');
      expect(arange(0, 1, 0.25).dtype).toBe('float64');
      expect(arange(new TensorType('float32', []).makeVariable(), 10).dtype).toBe('float32');
      expect(arange(new TensorType('int32', []).makeVariable()).dtype).toBe('int64');
      expect(arange(5, { dtype: 'int32' }).dtype).toBe('int32');
      expect(arangeDtype(['uint8', 'uint16'])).toBe('uint64');
      expect(arangeDtype(['bool'])).toBe('int64');
    });
    config.changeFlags({ floatX: 'float32' }, () => {
      expect(arange(0, 1, 0.25).dtype).toBe('float32');
      expect(arange(0, 1, 0.25, { dtype: 'floatX' }).dtype).toBe('float32');
    });
  });

  test('static and symbolic lengths', () => {
    expect(arange(1, 10, 3).type.shape).toEqual([3]);
    expect(arange(10, 1).type.shape).toEqual([0]);
    const n = new TensorType('int64', []).makeVariable('n');
    const r = arange(2, n);
    expect(r.type.shape).toEqual([null]);
    expect(r.owner!.op).toEqual(new ARange('int64'));
    expect(r.evalNested({ n: 5 })).toEqual([2n, 3n, 4n]);
    checkInferShape(r, [[n, 7]]);
    checkInferShape(r, [[n, -3]]);
    const s = new TensorType('float64', []).makeVariable('s');
    checkInferShape(arange(0.5, 3, s), [[s, 0.7]]);
    checkInferShape(arange(3, 0.5, s), [[s, -0.4]]);
  });

  test('errors', () => {
    expect(thrown(() => arange(0, 5, 0)).message).toBe("ARange{dtype=int64}: argument 'step' expected a non-zero step, got 0");
    const s = new TensorType('int64', []).makeVariable('s');
    expect(thrown(() => arange(0, 5, s).eval({ s: 0 }))).toBeInstanceOf(ArgumentError);
    expect(thrown(() => arange(constant([1, 2])))).toBeInstanceOf(TypeMismatchError);
    expect(thrown(() => arange())).toBeInstanceOf(ArgumentError);
    expect(thrown(() => arange(0, NaN))).toBeInstanceOf(ArgumentError);
    expect(thrown(() => new ARange('bool'))).toBeInstanceOf(DtypeError);
    expect(thrown(() => new ARange('int64').call(constant(1), constant([2]), constant(1)))).toBeInstanceOf(TypeMismatchError);
  });
});

describe('mgrid and ogrid', () => {
  test('shapes, dtypes and broadcastable open grids', () => {
    const [i, j] = mgrid(slice(0, 3), slice(0, 4));
    expect(i!.type.shape).toEqual([3, 4]);
    expect(j!.type.shape).toEqual([3, 4]);
    expect(i!.dtype).toBe('int64');
    const [a, b] = ogrid(slice(0, 3), '0:4');
    expect(a!.broadcastable).toEqual([false, true]);
    expect(b!.broadcastable).toEqual([true, false]);
    const [f, g] = config.changeFlags({ floatX: 'float64' }, () => mgrid('0:2', '0:1:0.5'));
    expect([f!.dtype, g!.dtype]).toEqual(['float64', 'float64']);
    expect(mgrid(slice(0, 3))).toHaveLength(1);
  });

  test('symbolic bounds', () => {
    const n = new TensorType('int64', []).makeVariable('n');
    const [i, j] = mgrid(slice(0, n), slice(1, 3));
    expect(i!.type.shape).toEqual([null, 2]);
    expect(j!.evalNested({ n: 2 })).toEqual([[1n, 2n], [1n, 2n]]);
  });

  test('errors', () => {
    expect(thrown(() => mgrid())).toBeInstanceOf(ArgumentError);
    expect(thrown(() => mgrid(slice(0, null)))).toBeInstanceOf(ArgumentError);
    expect(thrown(() => ogrid('0:a')).message).toMatch(/pt.ogrid: argument 'slices' expected a slice string of numbers/);
    expect(thrown(() => ogrid('5'))).toBeInstanceOf(ArgumentError);
    expect(thrown(() => mgrid(3 as never))).toBeInstanceOf(ArgumentError);
  });
});

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
    const a = new TensorType('int64', [null, null]).makeVariable('a');
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
    expect(take(x, [0, 1]).type.shape).toEqual([2]);
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
    expect(thrown(() => take(x, [5], { axis: 1 }).eval({ x: M })).message).toBe('Take{axis=1, mode=raise}: input 1 expected indices in [-4, 4) for a dimension of length 4, got index 5');
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
