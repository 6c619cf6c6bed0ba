import { DisconnectedType, NodeError, ShapeError, TypeMismatchError, ArgumentError, evaluate } from '@proj/graph';
import { TensorType } from '../src/type/tensor-type';
import { TensorConstant, TensorVariable } from '../src/variable/tensor-variable';
import { fromRaw, toNested, type NDArray } from '../src/value/ndarray';
import { Shape, ShapeI, shape, shapeI, shapeTuple } from '../src/shape/shape';
import { MakeVector, asShapeVector, constantScalarInt, makeVector, shapeEntries } from '../src/shape/make-vector';
import { SpecifyShape, specifyShape } from '../src/shape/specify-shape';
import { Reshape, flatten, reshape, resolveReshape } from '../src/shape/reshape';
import { decode, expectArray, fixtures, type Enc } from './shape-fixtures';

const nulls = (n: number) => new Array<null>(n).fill(null);
const input = (e: Enc, name = 'x') => new TensorType(e.dtype, nulls(e.shape.length)).makeVariable(name);
const run = (out: TensorVariable, x: TensorVariable, value: unknown): NDArray => out.eval(new Map([[x, value]]));
const cause = (f: () => unknown): Error => {
  try {
    f();
  } catch (e) {
    return e instanceof NodeError ? (e.cause as Error) : (e as Error);
  }
  throw new Error('expected an error');
};

describe('Shape and ShapeI', () => {
  const x = new TensorType('float64', [null, 3]).makeVariable('x');
  const value = [[1, 2, 3], [4, 5, 6]];

  it('gives the shape as an int64 vector of static length ndim', () => {
    const s = shape(x);
    expect(s.owner!.op).toBeInstanceOf(Shape);
    expect(s.dtype).toBe('int64');
    expect(s.type.shape).toEqual([2]);
    expect(s.evalNested({ x: value })).toEqual([2n, 3n]);
    expect(shape(new TensorType('int8', []).makeVariable()).type.shape).toEqual([0]);
  });

  it('gives one length as an int64 scalar, negative indices counting from the end', () => {
    expect(shapeI(x, 0).evalNested({ x: value })).toBe(2n);
    expect(shapeI(x, -1).evalNested({ x: value })).toBe(3n);
    expect(shapeI(x, 1).owner!.op.equals(new ShapeI(1))).toBe(true);
    expect(() => shapeI(x, 2)).toThrow(ArgumentError);
    expect(() => new ShapeI(2).call(x)).toThrow(/more than 2 dimensions/);
  });

  it('shapeTuple uses static lengths where known', () => {
    const [a, b] = shapeTuple(x);
    expect(b).toBe(3);
    expect((a as TensorVariable).owner!.op).toBeInstanceOf(ShapeI);
    expect(constantScalarInt(a as TensorVariable)).toBeUndefined();
    expect(constantScalarInt(shapeI(x, 1))).toBe(3);
  });

  it('is not connected to the elements of x', () => {
    const node = shape(x).owner!;
    expect(node.op.connectionPattern(node)).toEqual([[false]]);
    expect(node.op.grad(node.inputs, [])[0]!.type).toBeInstanceOf(DisconnectedType);
    expect(node.op.inferShape!(undefined, node, [[5, 3]])).toEqual([[2]]);
  });

  it('refuses non-tensors', () => {
    expect(() => new Shape().makeNode(new DisconnectedType().makeVariable())).toThrow(TypeMismatchError);
  });
});

describe('MakeVector and shape arguments', () => {
  it('stacks scalars into a vector', () => {
    const n = new TensorType('int32', []).makeVariable('n');
    const v = makeVector([2, n], 'int64');
    expect(v.type.shape).toEqual([2]);
    expect(v.evalNested({ n: 5 })).toEqual([2n, 5n]);
    expect(() => new MakeVector('int8').call(new TensorType('int32', []).makeVariable())).toThrow(/casts safely to int8/);
  });

  it('turns lists and x.shape into shape vectors and entries', () => {
    const x = new TensorType('float64', [null, 4]).makeVariable('x');
    const c = asShapeVector('t', [2, -1]);
    expect(c).toBeInstanceOf(TensorConstant);
    expect(c.type.shape).toEqual([2]);
    const entries = shapeEntries('t', shape(x));
    expect(entries[1]).toBe(4);
    expect(() => shapeEntries('t', [1.5])).toThrow(/an integer/);
    expect(() => shapeEntries('t', [new TensorType('float64', []).makeVariable()])).toThrow(TypeMismatchError);
    const opaque = new TensorType('int64', [2]).makeVariable('s');
    expect(() => shapeEntries('pt.zeros', opaque)).toThrow(/cannot be read without indexing/);
  });
});

describe('SpecifyShape', () => {
  const x = new TensorType('float64', [null, null]).makeVariable('x');

  it('gives the static shape and returns the value unchanged', () => {
    const y = specifyShape(x, [2, null]);
    expect(y.type.shape).toEqual([2, null]);
    expect(y.owner!.op).toBeInstanceOf(SpecifyShape);
    expect(y.evalNested({ x: [[1, 2, 3], [4, 5, 6]] })).toEqual([[1, 2, 3], [4, 5, 6]]);
  });

  it('returns x when nothing new is said', () => {
    expect(specifyShape(x, [null, null])).toBe(x);
    const s = new TensorType('float64', [2, 3]).makeVariable();
    expect(specifyShape(s, [2, 3])).toBe(s);
  });

  it('checks at run time, naming the expected and the given shape', () => {
    const y = specifyShape(x, [2, null]);
    const err = cause(() => y.eval({ x: [[1, 2, 3]] }));
    expect(err).toBeInstanceOf(ShapeError);
    expect(err.message).toMatch(/expected shape \(2, \?\), got shape \(1, 3\)/);
  });

  it('accepts symbolic lengths, checked at run time', () => {
    const n = new TensorType('int64', []).makeVariable('n');
    const y = specifyShape(x, [null, n]);
    expect(y.type.shape).toEqual([null, null]);
    expect(y.evalNested({ x: [[1, 2]], n: 2 })).toEqual([[1, 2]]);
    expect(() => y.eval({ x: [[1, 2]], n: 3 })).toThrow(/expected shape \(\?, 3\), got shape \(1, 2\)/);
    const node = y.owner!;
    expect(node.op.inferShape!(undefined, node, [[7, 8], []])).toEqual([[7, n]]);
  });

  it('refuses a wrong number of entries or a contradiction of the static shape', () => {
    expect(() => specifyShape(x, [2])).toThrow(ShapeError);
    expect(() => specifyShape(new TensorType('float64', [3]).makeVariable(), [2])).toThrow(/expected shape \(2,\), got static shape \(3,\)/);
    expect(() => specifyShape(x, [-1, null])).toThrow(/non-negative/);
  });

  it('passes the gradient through and disconnects the lengths', () => {
    const y = specifyShape(x, [2, 2]);
    const gz = new TensorType('float64', [null, null]).makeVariable('gz');
    const [gx, gn, gm] = y.owner!.op.grad(y.owner!.inputs, [gz]);
    expect((gx as TensorVariable).type.shape).toEqual([2, 2]);
    expect(gn!.type).toBeInstanceOf(DisconnectedType);
    expect(gm!.type).toBeInstanceOf(DisconnectedType);
  });
});

describe('Reshape', () => {
  it.each(fixtures.reshape!.map((c, i) => [i, c]))('matches NumPy (case %i)', (_i, c) => {
    const x = input(c.x);
    const y = reshape(x, c.shape);
    expect(y.ndim).toBe(c.shape.length);
    expectArray(run(y, x, decode(c.x)), c.out);
  });

  it('compares strided fixtures element by element', () => {
    const c = fixtures.reshape![6]!; // x[::-1] reshaped
    const x = input(c.x);
    const unflipped = run(reshape(x, c.shape), x, decode({ ...c.x, view: undefined }));
    expect(() => expectArray(unflipped, c.out)).toThrow();
  });

  it('does not change its input', () => {
    const c = fixtures.reshape![4]!;
    const value = decode(c.x);
    const before = toNested(value);
    const x = input(c.x);
    run(reshape(x, c.shape), x, value);
    expect(toNested(value)).toEqual(before);
  });

  it('infers the static shape from constant lengths, -1 included', () => {
    const x = new TensorType('float64', [2, 3, 4]).makeVariable('x');
    expect(reshape(x, [4, -1]).type.shape).toEqual([4, 6]);
    expect(reshape(x, [-1]).type.shape).toEqual([24]);
    const u = new TensorType('float64', [null, 3]).makeVariable('u');
    expect(reshape(u, [-1, 3]).type.shape).toEqual([null, 3]);
    expect(reshape(u, 6).type.shape).toEqual([6]);
    const n = new TensorType('int64', []).makeVariable('n');
    // x's size is known, so the one symbolic length is too.
    expect(reshape(x, [n, 4]).type.shape).toEqual([6, 4]);
    expect(reshape(u, [n, shapeI(u, 1)]).type.shape).toEqual([null, 3]);
  });

  it('takes a symbolic shape vector (x.shape, a vector input with ndim)', () => {
    const x = new TensorType('float64', [null]).makeVariable('x');
    const m = new TensorType('float64', [null, null]).makeVariable('m');
    const y = reshape(x, shape(m));
    expect(y.ndim).toBe(2);
    const out = evaluate([y], [[x, [1, 2, 3, 4, 5, 6]], [m, [[0, 0, 0], [0, 0, 0]]]])[0] as NDArray;
    expect(toNested(out)).toEqual([[1, 2, 3], [4, 5, 6]]);
    const s = new TensorType('int32', [null]).makeVariable('s');
    expect(() => reshape(x, s)).toThrow(/the number of dimensions/);
    const z = reshape(x, s, { ndim: 3 });
    expect(z.evalNested({ x: [1, 2, 3, 4], s: [2, -1, 1] })).toEqual([[[1], [2]], [[3], [4]]]);
    expect(() => reshape(x, [2, 3], { ndim: 3 })).toThrow(ArgumentError);
  });

  it('is a view of a contiguous input and a copy of a strided one', () => {
    const base = fromRaw('float64', new Float64Array([0, 1, 2, 3, 4, 5]), [2, 3]);
    const x = new TensorType('float64', [null, null]).makeVariable('x');
    const out = run(reshape(x, [3, 2]), x, base);
    expect(out.data).toBe(base.data);
    const strided = fromRaw('float64', new Float64Array([0, 1, 2, 3, 4, 5]), [3, 2], [1, 3]);
    const copied = run(reshape(x, [6]), x, strided);
    expect(copied.data).not.toBe(strided.data);
    expect(toNested(copied)).toEqual([0, 3, 1, 4, 2, 5]);
    expect(new Reshape(1).viewMap).toEqual({ 0: [0] });
  });

  it('raises NumPy-like errors', () => {
    expect(() => resolveReshape('Reshape{1}', 6, [4])).toThrow('cannot reshape array of size 6 into shape (4,)');
    expect(() => resolveReshape('Reshape{2}', 6, [-1, -1])).toThrow(/can only specify one unknown dimension/);
    expect(() => resolveReshape('Reshape{2}', 6, [0, -1])).toThrow(/cannot reshape array of size 6 into shape \(0, -1\)/);
    expect(() => resolveReshape('Reshape{2}', 6, [-2, 3])).toThrow(/negative dimensions are not allowed/);
    const x = new TensorType('float64', [null]).makeVariable('x');
    const err = cause(() => reshape(x, [4]).eval({ x: [1, 2, 3, 4, 5, 6] }));
    expect(err).toBeInstanceOf(ShapeError);
    expect(err.message).toMatch('cannot reshape array of size 6 into shape (4,)');
    // Known when the graph is built: raised at once.
    const s = new TensorType('float64', [2, 3]).makeVariable('s');
    expect(() => reshape(s, [4])).toThrow('cannot reshape array of size 6 into shape (4,)');
    expect(() => reshape(s, [-1, -1])).toThrow(ShapeError);
    expect(() => reshape(x, [1.5])).toThrow(ArgumentError);
    expect(() => new Reshape(2).call(x, new TensorType('float64', [2]).makeVariable())).toThrow(TypeMismatchError);
    expect(() => new Reshape(2).call(x, asShapeVector('t', [1, 2, 3]))).toThrow(/length 2/);
  });

  it('infers its shape from the shape vector, and from the output otherwise', () => {
    const x = new TensorType('float64', [null, null]).makeVariable('x');
    const y = reshape(x, [3, -1]);
    const node = y.owner!;
    const [s] = node.op.inferShape!(undefined, node, [[2, 6], [2]]);
    expect(s![0]).toBe(3);
    expect((s![1] as TensorVariable).owner!.op).toBeInstanceOf(ShapeI);
    const flat = reshape(x, [shapeI(x, 0), 2, -1]);
    const [t] = flat.owner!.op.inferShape!(undefined, flat.owner!, [[2, 6], [3]]);
    expect((t![0] as TensorVariable).owner!.op).toBeInstanceOf(ShapeI);
    expect(t![1]).toBe(2);
  });

  it('reshapes the gradient back to the shape of x and disconnects the shape', () => {
    const x = new TensorType('float64', [null, null]).makeVariable('x');
    const y = reshape(x, [-1]);
    const gz = new TensorType('float64', [null]).makeVariable('gz');
    const [gx, gs] = y.owner!.op.grad(y.owner!.inputs, [gz]);
    expect(gs!.type).toBeInstanceOf(DisconnectedType);
    const out = evaluate([gx!], [[x, [[1, 2, 3], [4, 5, 6]]], [gz, [6, 5, 4, 3, 2, 1]]])[0] as NDArray;
    expect(toNested(out)).toEqual([[6, 5, 4], [3, 2, 1]]);
    expect(y.owner!.op.connectionPattern(y.owner!)).toEqual([[true], [false]]);
    const [r] = y.owner!.op.Rop(y.owner!.inputs, [x, null]);
    expect((r as TensorVariable).ndim).toBe(1);
  });
});

describe('flatten', () => {
  it.each(fixtures.flatten!.map((c, i) => [i, c]))('matches NumPy (case %i)', (_i, c) => {
    const x = input(c.x);
    expectArray(run(flatten(x, c.ndim), x, decode(c.x)), c.out);
  });

  it('keeps the leading static lengths and computes the collapsed one', () => {
    expect(flatten(new TensorType('float64', [2, 3, 4]).makeVariable(), 2).type.shape).toEqual([2, 12]);
    expect(flatten(new TensorType('float64', [null, 3, 4]).makeVariable(), 2).type.shape).toEqual([null, 12]);
    expect(flatten(new TensorType('float64', [null, null]).makeVariable()).type.shape).toEqual([null]);
    expect(flatten(new TensorType('float64', []).makeVariable()).type.shape).toEqual([1]);
  });

  it('refuses an ndim outside [1, x.ndim]', () => {
    const x = new TensorType('float64', [null, null]).makeVariable();
    expect(() => flatten(x, 0)).toThrow(ArgumentError);
    expect(() => flatten(x, 3)).toThrow(/an integer in \[1, 2\]/);
  });
});
