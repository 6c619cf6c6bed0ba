import { DisconnectedType, DtypeError, NodeError, ShapeError, TypeMismatchError, evaluate, type Variable } from '@proj/graph';
import { TensorType } from '../src/type/tensor-type';
import type { TensorVariable } from '../src/variable/tensor-variable';
import { copyArray, toNested, type NDArray } from '../src/value/ndarray';
import { getItem } from '../src/subtensor/get-item';
import { IncSubtensor, incSubtensor, incValue, setSubtensor } from '../src/subtensor/inc-subtensor';
import { newaxis, slice } from '../src/subtensor/index-entry';
import { Subtensor } from '../src/subtensor/subtensor';
import { decode, decodeArgs, expectArray, fixtures, flat, thrown, type Enc, type EncArg } from './subtensor-fixtures';

const nulls = (n: number) => new Array<null>(n).fill(null);
const dvector = (name = 'x') => new TensorType('float64', [null]).makeVariable(name);
const dmatrix = (name = 'x') => new TensorType('float64', [null, null]).makeVariable(name);

interface SetCase {
  note: string;
  x: Enc;
  args: EncArg[];
  y: Enc;
  mode: 'set' | 'inc';
  out: Enc;
}

describe('setSubtensor / incSubtensor against NumPy', () => {
  const cases = fixtures.set as SetCase[];

  it.each(cases.map((c) => [c.note, c] as const))('%s', (_note, c) => {
    const xv = decode(c.x);
    const before = flat(xv);
    const { args, givens } = decodeArgs(c.args);
    const x = new TensorType(c.x.dtype, nulls(c.x.shape.length)).makeVariable('x');
    const y = new TensorType(c.y.dtype, nulls(c.y.shape.length)).makeVariable('y');
    const f = c.mode === 'set' ? setSubtensor : incSubtensor;
    const out = f(getItem(x, args), y);
    expect(out.dtype).toBe(c.x.dtype);
    const got = out.eval(new Map<Variable, unknown>([[x, xv], [y, decode(c.y)], ...givens]));
    expectArray(got, c.out);
    // The input is never modified.
    expect(flat(xv)).toEqual(before);
    // y given as a JS value (complex pairs would read as one more dimension).
    if (c.y.dtype.startsWith('complex')) return;
    const out2 = f(getItem(x, args), toNested(decode(c.y)) as never);
    expectArray(out2.eval(new Map<Variable, unknown>([[x, xv], ...givens])), c.out);
  });
});

describe('IncSubtensor Op', () => {
  it('is made from the Subtensor node of the index, with its pattern and scalars', () => {
    const x = dmatrix();
    const i = new TensorType('int64', []).makeVariable('i');
    const out = setSubtensor(getItem(x, [i, '1:']), 5);
    const op = out.owner!.op as IncSubtensor;
    expect(op).toBeInstanceOf(IncSubtensor);
    expect(op.name).toBe('SetSubtensor{i, 1:}');
    expect(op.props.setInsteadOfInc).toBe(true);
    expect(op.props.inplace).toBe(false);
    expect(op.destroyMap).toEqual({});
    expect(out.owner!.inputs[0]).toBe(x);
    expect(out.owner!.inputs[2]).toBe(i);
    expect(out.type.equals(x.type)).toBe(true);
    expect(incSubtensor(getItem(x, [0]), 1).owner!.op.toString()).toBe('IncSubtensor{0}');
    expect(new IncSubtensor([], { inplace: true }).name).toBe('IncSubtensorInplace{}');
  });

  it('inplace writes into x and declares it in destroyMap', () => {
    const x = dvector();
    const op = new IncSubtensor([{ kind: 'slice', start: null, stop: null, step: 2 }], { inplace: true });
    expect(op.destroyMap).toEqual({ 0: [0] });
    const xv = decode({ dtype: 'float64', shape: [4], data: [1, 2, 3, 4] });
    const yv = decode({ dtype: 'float64', shape: [], data: [10] });
    const node = op.makeNode(x, new TensorType('float64', []).makeVariable('y'));
    const cell: [unknown] = [undefined];
    op.perform(node, [xv, yv], [cell]);
    expect(cell[0]).toBe(xv);
    expect(toNested(xv)).toEqual([11, 2, 13, 4]);
  });

  it('infers the shape of x', () => {
    const x = dmatrix();
    const out = incSubtensor(getItem(x, [0]), 1);
    const shape = [3, 4];
    expect(out.owner!.op.inferShape!(undefined, out.owner!, [shape, [], []])).toEqual([shape]);
  });

  it('is connected to x and y only', () => {
    const i = new TensorType('int8', []).makeVariable('i');
    const node = setSubtensor(getItem(dvector(), [i]), 1).owner!;
    expect(node.op.connectionPattern(node)).toEqual([[true], [true], [false]]);
  });
});

describe('the value written', () => {
  it('converts JS values by value, refusing what does not fit', () => {
    const x = new TensorType('int8', [null]).makeVariable('x');
    expect(setSubtensor(getItem(x, [0]), 3).evalNested({ x: [1, 2] })).toEqual([3, 2]);
    expect(() => setSubtensor(getItem(x, [0]), 2.5)).toThrow(DtypeError);
    expect(() => setSubtensor(getItem(x, [0]), 300)).toThrow(/outside the int8 range/);
    const u = new TensorType('uint8', [null]).makeVariable('x');
    expect(incSubtensor(getItem(u, ['1:']), [1, 2]).evalNested({ x: [1, 2, 3] })).toEqual([1, 3, 5]);
    expect(() => setSubtensor(getItem(u, [0]), -1)).toThrow(DtypeError);
    // Floats round to float32 as NumPy's assignment does.
    const f = new TensorType('float32', [null]).makeVariable('x');
    expect(setSubtensor(getItem(f, [0]), 0.1).evalNested({ x: [1] })).toEqual([Math.fround(0.1)]);
    expect(() => setSubtensor(getItem(f, [0]), { re: 1, im: 1 })).toThrow(DtypeError);
  });

  it('refuses a tensor whose dtype does not cast safely to x', () => {
    const f = new TensorType('float32', [null]).makeVariable('x');
    const d = new TensorType('float64', []).makeVariable('d');
    expect(() => setSubtensor(getItem(f, [0]), d)).toThrow(DtypeError);
    expect(() => setSubtensor(getItem(f, [0]), d)).toThrow(
      "pt.setSubtensor: argument 'y' expected a value whose dtype casts safely to float32 (the dtype of x; use pt.cast to convert), got d of dtype float64",
    );
    const i = new TensorType('int8', []).makeVariable('i');
    expect(incSubtensor(getItem(f, [0]), i).evalNested(new Map<Variable, unknown>([[f, [1.5]], [i, 2]]))).toEqual([3.5]);
    expect(() => new IncSubtensor([]).call(new TensorType('int8', []).makeVariable(), d)).toThrow(DtypeError);
    expect(incValue('op', 'int16', [1, 2]).dtype).toBe('int16');
  });

  it('checks that y broadcasts to the indexed part', () => {
    const x = new TensorType('float64', [3, 4]).makeVariable('x');
    expect(() => setSubtensor(getItem(x, [0]), new TensorType('float64', [3]).makeVariable('y'))).toThrow(ShapeError);
    expect(() => setSubtensor(getItem(x, [0]), new TensorType('float64', [3]).makeVariable('y'))).toThrow(
      'SetSubtensor{0}: input 1 expected a value that broadcasts to the indexed part of x, shape (4,), got static shape (3,)',
    );
    expect(() => setSubtensor(getItem(x, [0]), [[[1]]])).toThrow(/at most 1 dimensions/);
    const xu = dmatrix();
    const y = dvector('y');
    const e = thrown(() => setSubtensor(getItem(xu, [0]), y).eval(new Map<Variable, unknown>([[xu, [[1, 2]]], [y, [1, 2, 3]]])));
    expect(e).toBeInstanceOf(ShapeError);
    expect(e.message).toBe('SetSubtensor{0}: input 1 expected a value that broadcasts to the indexed part of x, shape (2,), got shape (3,)');
  });

  it('a new axis of the index takes a length-1 dimension of y', () => {
    const x = dmatrix();
    const y = dmatrix('y');
    const out = setSubtensor(getItem(x, [newaxis, 0]), y);
    expect(out.evalNested(new Map<Variable, unknown>([[x, [[1, 2], [3, 4]]], [y, [[9, 8]]]]))).toEqual([[9, 8], [3, 4]]);
    const e = thrown(() => out.eval(new Map<Variable, unknown>([[x, [[1, 2], [3, 4]]], [y, [[9, 8], [7, 6]]]])));
    expect(e).toBeInstanceOf(ShapeError);
    expect(() => setSubtensor(getItem(x, [newaxis, 0]), new TensorType('float64', [2, 2]).makeVariable())).toThrow(ShapeError);
  });

  it('refuses what is not the result of indexing', () => {
    const x = dmatrix();
    expect(() => setSubtensor(x, 1)).toThrow(TypeMismatchError);
    expect(() => setSubtensor(x, 1)).toThrow("pt.setSubtensor: argument 'x' expected the result of indexing a tensor (x.get(...)), got x, which is not the result of an operation");
    expect(() => incSubtensor(x.exp(), 1)).toThrow(/an output of Elemwise/);
  });

  it('goes to advanced indexing for array indices, passing ignoreDuplicates', () => {
    const x = dvector();
    const value = { x: [1, 2, 3] };
    expect(incSubtensor(getItem(x, [[0, 0, 2]]), 1).evalNested(value)).toEqual([3, 2, 4]);
    expect(incSubtensor(getItem(x, [[0, 0, 2]]), 1, { ignoreDuplicates: true }).evalNested(value)).toEqual([2, 2, 4]);
    expect(setSubtensor(getItem(x, [[2, 1]]), [7, 8]).evalNested(value)).toEqual([1, 8, 7]);
    expect(setSubtensor(getItem(x, [[2, 1], newaxis]), [[7], [8]]).evalNested(value)).toEqual([1, 8, 7]);
  });
});

describe('IncSubtensor gradients', () => {
  interface GradCase { note: string; x: Enc; args: EncArg[]; yshape: number[]; gz: Enc; gxSet: Enc; gy: Enc }
  const cases = fixtures.grad as GradCase[];

  for (const mode of ['set', 'inc'] as const) {
    it.each(cases.map((c) => [c.note, c] as const))(`Lop of ${mode}: %s`, (_note, c) => {
      const x = new TensorType('float64', nulls(c.x.shape.length)).makeVariable('x');
      const y = new TensorType('float64', c.yshape.map((s) => (s === 1 ? 1 : null))).makeVariable('y');
      const { args, givens } = decodeArgs(c.args);
      const out = (mode === 'set' ? setSubtensor : incSubtensor)(getItem(x, args), y);
      const node = out.owner!;
      const gz = dmatrix('gz').type.clone({ shape: nulls(c.x.shape.length) }).makeVariable('gz');
      const grads = node.op.Lop(node.inputs, node.outputs, [gz]);
      expect(grads.slice(2).every((g) => g.type instanceof DisconnectedType)).toBe(true);
      const yv = decode({ dtype: 'float64', shape: c.yshape, data: new Array(c.yshape.reduce((a, b) => a * b, 1)).fill(0) });
      const [gx, gy] = evaluate(grads.slice(0, 2), new Map<Variable, unknown>([[x, decode(c.x)], [y, yv], [gz, decode(c.gz)], ...givens])) as NDArray[];
      expectArray(gx!, mode === 'set' ? c.gxSet : c.gz);
      expectArray(gy!, c.gy);
    });
  }

  it('casts the gradient of y to its dtype, zeros of floatX for integer y or x', () => {
    const x = dvector();
    const y32 = new TensorType('float32', []).makeVariable('y');
    const node = incSubtensor(getItem(x, [0]), y32).owner!;
    const [, gy] = node.op.Lop(node.inputs, node.outputs, [dvector('g')]);
    expect((gy as TensorVariable).dtype).toBe('float32');
    const yi = new TensorType('int8', []).makeVariable('yi');
    const ni = incSubtensor(getItem(x, [0]), yi).owner!;
    expect((ni.op.Lop(ni.inputs, ni.outputs, [dvector('g')])[1] as TensorVariable).dtype).toBe('float64');
    const xi = new TensorType('int32', [null]).makeVariable('xi');
    const nx = setSubtensor(getItem(xi, [0]), yi).owner!;
    const [gxi, gyi] = nx.op.Lop(nx.inputs, nx.outputs, [new TensorType('int32', [null]).makeVariable('g')]) as TensorVariable[];
    expect([gxi!.dtype, gyi!.dtype]).toEqual(['float64', 'float64']);
  });

  it('Rop applies the Op to the eval points, zeros for the one missing', () => {
    const x = dvector();
    const y = dvector('y');
    const node = incSubtensor(getItem(x, [slice(null, null, -1)]), y).owner!;
    const ex = dvector('ex');
    const ey = dvector('ey');
    const given = new Map<Variable, unknown>([[x, [1, 2]], [y, [3, 4]], [ex, [10, 20]], [ey, [1, 2]]]);
    expect((node.op.Rop(node.inputs, [ex, ey])[0] as TensorVariable).evalNested(given)).toEqual([12, 21]);
    expect((node.op.Rop(node.inputs, [null, ey])[0] as TensorVariable).evalNested(given)).toEqual([2, 1]);
    expect((node.op.Rop(node.inputs, [ex, null])[0] as TensorVariable).evalNested(given)).toEqual([10, 20]);
    expect(node.op.Rop(node.inputs, [null, null])).toEqual([null]);
  });
});

describe('Subtensor Lop builds an IncSubtensor of zeros', () => {
  it('and evaluates to the gradient placed in zeros', () => {
    const x = dmatrix();
    const sub = getItem(x, ['::-1', 0]);
    const node = sub.owner!;
    expect(node.op).toBeInstanceOf(Subtensor);
    const xv = copyArray(decode({ dtype: 'float64', shape: [2, 2], data: [1, 2, 3, 4] }));
    const g = dvector('g');
    const [gx2] = node.op.Lop(node.inputs, node.outputs, [g]);
    expect((gx2 as TensorVariable).evalNested(new Map<Variable, unknown>([[x, xv], [g, [5, 6]]]))).toEqual([[6, 0], [5, 0]]);
  });
});

it('errors in perform are wrapped with the node', () => {
  const x = dvector();
  const i = new TensorType('int32', []).makeVariable('i');
  try {
    setSubtensor(getItem(x, [i]), 1).eval(new Map<Variable, unknown>([[x, [1]], [i, 3]]));
    throw new Error('no error');
  } catch (e) {
    expect(e).toBeInstanceOf(NodeError);
    expect((e as Error).message).toContain('SetSubtensor{i}: index 3 is out of bounds for axis 0 with size 1');
  }
});
