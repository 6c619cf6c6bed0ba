import { DisconnectedType, NodeError, NullType, ShapeError, TypeMismatchError, ArgumentError, DtypeError, FunctionGraph, config, evaluate } from '@proj/graph';
import { TensorType } from '../src/type/tensor-type';
import { TensorSharedVariable, type TensorVariable } from '../src/variable/tensor-variable';
import { fromRaw, toNested, type NDArray } from '../src/value/ndarray';
import { constant } from '../src/basic/as-tensor';
import { Alloc, alloc, broadcastInto, full, ones, zeros } from '../src/basic/alloc';
import { fill, onesLike, zerosLike } from '../src/basic/fill';
import { Eye, eye, identityLike } from '../src/basic/eye';
import { shared } from '../src/basic/shared';
import { shape, shapeI } from '../src/shape/shape';
import { decode, decodeScalar, expectArray, fixtures } from './shape-fixtures';

const cause = (f: () => unknown): Error => {
  try {
    f();
  } catch (e) {
    return e instanceof NodeError ? (e.cause as Error) : (e as Error);
  }
  throw new Error('expected an error');
};

describe('Alloc', () => {
  it.each(fixtures.alloc!.map((c, i) => [i, c]))('broadcasts the value as NumPy does (case %i)', (_i, c) => {
    const v = new TensorType(c.value.dtype, c.value.shape.map((s: number) => (s === 1 ? 1 : null))).makeVariable('v');
    const y = alloc(v, ...c.shape);
    expect(y.type.shape).toEqual(c.shape);
    expectArray(y.eval(new Map([[v, decode(c.value)]])), c.out);
  });

  it('reads strided values and leaves them unchanged', () => {
    const value = fromRaw('float64', new Float64Array([1, 2, 3, 4]), [2], [-2], 2); // [3, 1]
    const out = broadcastInto('Alloc', value, [2, 2]);
    expect(toNested(out)).toEqual([[3, 1], [3, 1]]);
    expect(toNested(value)).toEqual([3, 1]);
  });

  it('takes symbolic lengths, one by one or as x.shape', () => {
    const n = new TensorType('int32', []).makeVariable('n');
    const y = alloc(1.5, 2, n);
    expect(y.type.shape).toEqual([2, null]);
    expect(y.evalNested({ n: 3 })).toEqual([[1.5, 1.5, 1.5], [1.5, 1.5, 1.5]]);
    const m = new TensorType('float64', [null, 2]).makeVariable('m');
    const z = alloc(7, shape(m));
    expect(z.type.shape).toEqual([null, 2]);
    expect(z.dtype).toBe('int8');
    expect(z.evalNested({ m: [[0, 0]] })).toEqual([[7, 7]]);
    const node = y.owner!;
    expect(node.op.inferShape!(undefined, node, [[], [], []])).toEqual([[2, n]]);
  });

  it('knows a length from the value when the requested one is symbolic', () => {
    const v = new TensorType('float64', [3]).makeVariable('v');
    const n = new TensorType('int64', []).makeVariable('n');
    expect(alloc(v, 2, n).type.shape).toEqual([2, 3]);
  });

  it('refuses values that do not broadcast, negative lengths and bad inputs', () => {
    const v = new TensorType('float64', [3]).makeVariable('v');
    expect(() => alloc(v, 2, 4)).toThrow(ShapeError);
    expect(() => alloc(v, 2, 4)).toThrow(/broadcasts to shape \(2, 4\)/);
    expect(() => alloc(0, -1)).toThrow(/negative dimensions are not allowed/);
    expect(() => alloc(v)).toThrow(/at most 0 dimensions/);
    expect(() => new Alloc().call(v, new TensorType('float64', []).makeVariable())).toThrow(TypeMismatchError);
    const u = new TensorType('float64', [null]).makeVariable('u');
    const err = cause(() => alloc(u, 2, 4).eval({ u: [1, 2, 3] }));
    expect(err).toBeInstanceOf(ShapeError);
    expect(err.message).toMatch(/expected a value that broadcasts to shape \(2, 4\), got a value of shape \(3,\)/);
    const n = new TensorType('int64', []).makeVariable('n');
    expect(cause(() => alloc(1, n).eval({ n: -2 })).message).toMatch(/negative dimensions/);
  });

  it.each(fixtures.allocGrad!.map((c, i) => [i, c]))('sums the gradient over broadcast dimensions (case %i)', (_i, c) => {
    const v = new TensorType('float64', c.valueShape.map((s: number) => (s === 1 ? 1 : null))).makeVariable('v');
    const y = alloc(v, ...c.shape);
    const gz = new TensorType('float64', c.shape.map((s: number) => (s === 1 ? 1 : null))).makeVariable('gz');
    const grads = y.owner!.op.grad(y.owner!.inputs, [gz]);
    grads.slice(1).forEach((g) => expect(g.type).toBeInstanceOf(DisconnectedType));
    expect((grads[0] as TensorVariable).ndim).toBe(c.valueShape.length);
    expectArray(evaluate([grads[0]!], [[gz, decode(c.gz)]])[0] as NDArray, c.gx);
  });

  it('is not constant-folded into a graph output or into an Elemwise', () => {
    const a = alloc(0, 3, 3);
    const fg = new FunctionGraph([], [a], { clone: false });
    expect(a.owner!.op.doConstantFolding(fg, a.owner!)).toBe(false);
    expect(a.owner!.op.connectionPattern(a.owner!)).toEqual([[true], [false], [false]]);
  });
});

describe('zeros / ones / full', () => {
  it.each(fixtures.full!.map((c, i) => [i, c]))('match np.full (case %i)', (_i, c) => {
    const value = typeof c.value === 'string' ? BigInt(c.value) : c.value;
    expectArray(full(c.shape, value, c.dtype).eval(), c.out);
    if (c.value === 0) expectArray(zeros(c.shape, c.dtype).eval(), c.out);
    if (c.value === 1 || c.value === true) expectArray(ones(c.shape, c.dtype).eval(), c.out);
  });

  it('default to floatX and take a single length or x.shape', () => {
    expect(zeros(3).type.shape).toEqual([3]);
    expect(zeros(3).dtype).toBe('float64');
    config.changeFlags({ floatX: 'float32' }, () => expect(ones([2]).dtype).toBe('float32'));
    const m = new TensorType('int16', [null, null]).makeVariable('m');
    expect(ones(shape(m), 'int16').evalNested({ m: [[5, 5, 5]] })).toEqual([[1, 1, 1]]);
  });

  it('full broadcasts a vector value and casts a symbolic one', () => {
    expect(full([2, 3], [1, 2, 3]).evalNested()).toEqual([[1, 2, 3], [1, 2, 3]]);
    const s = new TensorType('float64', []).makeVariable('s');
    const y = full([2], s, 'int32');
    expect(y.dtype).toBe('int32');
    expect(y.evalNested({ s: 2.7 })).toEqual([2, 2]);
  });

  it('refuse bad shapes and dtypes', () => {
    expect(() => zeros([2, -1])).toThrow(ShapeError);
    expect(() => zeros([2.5])).toThrow(ArgumentError);
    expect(() => zeros([2], 'float16' as never)).toThrow(DtypeError);
  });
});

describe('fill / zerosLike / onesLike', () => {
  const m = new TensorType('float32', [null, 3]).makeVariable('m');

  it('fill broadcasts the value to the model with the value dtype', () => {
    const y = fill(m, 2);
    expect(y.dtype).toBe('int8');
    expect(y.type.shape).toEqual([null, 3]);
    expect(y.evalNested({ m: [[1, 2, 3], [4, 5, 6]] })).toEqual([[2, 2, 2], [2, 2, 2]]);
    const c = new TensorType('complex128', [null]).makeVariable('c');
    expect(fill(c, 1.5).evalNested({ c: [{ re: 1, im: 1 }] })).toEqual([1.5]);
  });

  it('zerosLike / onesLike keep the dtype unless told', () => {
    expect(zerosLike(m).dtype).toBe('float32');
    expect(zerosLike(m).evalNested({ m: [[1, 2, 3]] })).toEqual([[0, 0, 0]]);
    expect(onesLike(m, 'int64').evalNested({ m: [[1, 2, 3]] })).toEqual([[1n, 1n, 1n]]);
    expect(onesLike(m, 'bool').evalNested({ m: [[1, 2, 3]] })).toEqual([[true, true, true]]);
  });

  it('gives the gradient to the value only', () => {
    const v = new TensorType('float64', []).makeVariable('v');
    const y = fill(m, v);
    const gz = new TensorType('float64', [null, 3]).makeVariable('gz');
    const [gm, gv] = y.owner!.op.grad(y.owner!.inputs, [gz]);
    expect(gm!.type).toBeInstanceOf(DisconnectedType);
    const g = evaluate([gv!], [[gz, [[1, 2, 3], [4, 5, 6]]], [m, [[0, 0, 0], [0, 0, 0]]], [v, 0]])[0] as NDArray;
    expect(toNested(g)).toEqual([[21]]); // the node input is v padded to (1, 1)
  });
});

describe('Eye', () => {
  it.each(fixtures.eye!.map((c, i) => [i, c]))('matches np.eye (case %i)', (_i, c) => {
    const y = eye(c.n, c.m, c.k, c.dtype);
    expect(y.dtype).toBe(c.dtype);
    expect(y.type.shape).toEqual(c.out.shape);
    expectArray(y.eval(), c.out);
    expectArray(eye(c.n, { m: c.m, k: c.k, dtype: c.dtype }).eval(), c.out);
  });

  it('defaults to a square floatX identity and takes symbolic lengths', () => {
    expect(eye(2).dtype).toBe('float64');
    expect(eye(2).evalNested()).toEqual([[1, 0], [0, 1]]);
    const n = new TensorType('int32', []).makeVariable('n');
    const y = eye(n, null, 1, 'int8');
    expect(y.type.shape).toEqual([null, null]);
    expect(y.evalNested({ n: 2 })).toEqual([[0, 1], [0, 0]]);
    expect(y.owner!.op.inferShape!(undefined, y.owner!, [[], [], []])).toEqual([[n, n]]);
  });

  it('has no gradient with respect to its integer inputs', () => {
    const y = eye(3);
    y.owner!.op.grad(y.owner!.inputs, [y]).forEach((g) => expect(g.type).toBeInstanceOf(NullType));
  });

  it('refuses negative lengths and non-integer inputs', () => {
    expect(() => eye(-1)).toThrow(ShapeError);
    expect(() => eye(2.5)).toThrow(ArgumentError);
    expect(() => new Eye('float64').call(constant(2.5), constant(2), constant(0))).toThrow(TypeMismatchError);
    const n = new TensorType('int32', []).makeVariable('n');
    expect(cause(() => eye(n).eval({ n: -3 })).message).toMatch(/negative dimensions/);
  });

  it('identityLike follows the shape of a matrix', () => {
    const a = new TensorType('int32', [null, null]).makeVariable('a');
    const y = identityLike(a);
    expect(y.dtype).toBe('int32');
    expect(y.evalNested({ a: [[5, 5, 5], [5, 5, 5]] })).toEqual([[1, 0, 0], [0, 1, 0]]);
    expect(identityLike(new TensorType('float64', [2, 2]).makeVariable(), 'bool').type.shape).toEqual([2, 2]);
    expect(() => identityLike(new TensorType('float64', [null]).makeVariable())).toThrow(/a matrix/);
    expect(shapeI(a, 0).dtype).toBe('int64');
  });
});

describe('shared', () => {
  it('infers the dtype as NumPy does and leaves the static shape unknown', () => {
    const cases: [unknown, string, number][] = [
      [[[1, 2], [3, 4]], 'int64', 2],
      [[1, 2.5], 'float64', 1],
      [3, 'int64', 0],
      [0.5, 'float64', 0],
      [true, 'bool', 0],
      [[{ re: 1, im: 2 }], 'complex128', 1],
      [new Float32Array([1, 2]), 'float32', 1],
      [[2n ** 63n], 'uint64', 1],
      [[], 'float64', 1],
    ];
    for (const [value, dtype, ndim] of cases) {
      const s = shared(value);
      expect(s).toBeInstanceOf(TensorSharedVariable);
      expect(s.dtype).toBe(dtype);
      expect(s.type.shape).toEqual(new Array(ndim).fill(null));
    }
  });

  it('takes a name, a static shape, borrow', () => {
    const value = fromRaw('float64', new Float64Array([1, 2, 3]), [3]);
    const s = shared(value, 'w', { shape: [3] });
    expect(s.name).toBe('w');
    expect(s.type.shape).toEqual([3]);
    expect(s.getValue({ borrow: true })).not.toBe(value);
    const b = shared(value, { name: 'b', borrow: true });
    expect(b.getValue({ borrow: true })).toBe(value);
    expect(toNested(b.eval())).toEqual([1, 2, 3]);
    expect(() => s.setValue([1, 2])).toThrow(ShapeError);
    expect(() => shared([1, 2], 'x', { shape: [null, null] })).toThrow(/1 entries/);
    expect(() => shared('abc')).toThrow(TypeMismatchError);
    expect(shared([1, 2], { dtype: 'float32' }).dtype).toBe('float32');
    expect(decodeScalar('5', 'int64')).toBe(5n);
  });
});
