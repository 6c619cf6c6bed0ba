/** Sorting, cumulative ops, arange and grids: static shapes, inferShape, dtypes, props, and errors. */
import { ArgumentError, DtypeError, ShapeError, TypeMismatchError, config } from '@proj/graph';
import { constant } from '../src/basic/as-tensor';
import { TensorType } from '../src/type/tensor-type';
import { fromRaw, rawView, toNested } from '../src/value/ndarray';
import { TensorVariable } from '../src/variable/tensor-variable';
import { AxisError } from '../src/reduce/axis';
import { slice } from '../src/subtensor/index-entry';
import { ARange, arange, arangeDtype } from '../src/extra/arange';
import { CumOp, cumDtype, cumprod, cumsum } from '../src/extra/cum';
import { mgrid, ogrid } from '../src/extra/grid';
import { ArgSortOp, PermuteAlongAxis, SortOp, argsort, sort } from '../src/extra/sort';
import { checkInferShape, M, mat, thrown } from './extra-helpers';

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
    expect((new PermuteAlongAxis(0).call(x, constant([2, 0, 1])) as TensorVariable).eval().get(0)).toBe(3.5);
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
    expect((r as TensorVariable).evalNested([[x, M], [ev, evv]])).toEqual([[5, 2, 11, 12], [1, 6, 3, 8], [9, 10, 7, 4]]);
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
    expect(ogrid(':3', '2:8:3').map((g) => g.evalNested())).toEqual([[[0n], [1n], [2n]], [[2n, 5n]]]);
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
