import { Apply, ArgumentError, DisconnectedType, DtypeError, NodeError, TypeMismatchError, evaluate, type Variable } from '@proj/graph';
import { TensorType } from '../src/type/tensor-type';
import { TensorVariable } from '../src/variable/tensor-variable';
import { rawView, type NDArray } from '../src/value/ndarray';
import { constant } from '../src/basic/as-tensor';
import { DimShuffle } from '../src/shape/dimshuffle';
import { shapeTuple } from '../src/shape/shape';
import { getItem } from '../src/subtensor/get-item';
import { IncSubtensor } from '../src/subtensor/inc-subtensor';
import { IndexError } from '../src/subtensor/errors';
import { ellipsis, newaxis, slice } from '../src/subtensor/index-entry';
import { parseIndex, parseSliceText } from '../src/subtensor/parse';
import { Subtensor, subtensor } from '../src/subtensor/subtensor';
import { canonicalSlice, sliceLength } from '../src/subtensor/slice-length';
import { decode, decodeArgs, expectArray, fixtures, thrown, viewShape, type Enc, type EncArg } from './subtensor-fixtures';

const nulls = (n: number) => new Array<null>(n).fill(null);
const dvector = (name = 'x') => new TensorType('float64', [null]).makeVariable(name);
const dmatrix = (name = 'x') => new TensorType('float64', [null, null]).makeVariable(name);
const iscalar = (name = 'i', dtype: 'int32' | 'int64' | 'int8' = 'int32') => new TensorType(dtype, []).makeVariable(name);

/** The Subtensor node that made `out` (possibly under the DimShuffle of newaxis entries). */
function subtensorNode(out: TensorVariable): Apply | undefined {
  let v: Variable | undefined = out;
  while (v?.owner) {
    if (v.owner.op instanceof Subtensor) return v.owner;
    v = v.owner.inputs[0];
  }
  return undefined;
}

interface GetCase {
  note: string;
  x: Enc;
  args: EncArg[];
  out: Enc;
}

describe('getItem against NumPy', () => {
  const cases = fixtures.get as GetCase[];

  it.each(cases.map((c) => [c.note, c] as const))('%s', (_note, c) => {
    const xv = decode(c.x);
    const { args, givens } = decodeArgs(c.args);
    const hasSym = givens.length > 0;
    // Unknown static shape: everything at run time.
    const x = new TensorType(c.x.dtype, nulls(c.x.shape.length)).makeVariable('x');
    const out = getItem(x, args);
    const all = new Map<Variable, unknown>([[x, xv], ...givens]);
    expectArray(out.eval(all), c.out);
    expect(out.dtype).toBe(c.x.dtype);
    // Known static shape: the output's static shape where it is computable.
    const xs = new TensorType(c.x.dtype, viewShape(c.x)).makeVariable('x');
    const outS = getItem(xs, args);
    outS.type.shape.forEach((s, i) => {
      if (!hasSym) expect(s).toBe(c.out.shape[i]);
      else if (s !== null) expect(s).toBe(c.out.shape[i]);
    });
    expectArray(outS.eval(new Map<Variable, unknown>([[xs, xv], ...givens])), c.out);
    // inferShape: a symbolic shape from the symbolic shape of x.
    const node = subtensorNode(out);
    if (node !== undefined) {
      const [shape] = node.op.inferShape!(undefined, node, [shapeTuple(x), ...node.inputs.slice(1).map(() => [])]);
      const symbolic = shape!.filter((s): s is Variable => typeof s !== 'number');
      const values = evaluate(symbolic, all) as NDArray[];
      let k = 0;
      const inferred = shape!.map((s) => (typeof s === 'number' ? s : Number(rawView(values[k++]!).data[values[k - 1]!.offset])));
      const actual = (evaluate([node.outputs[0]!], all)[0] as NDArray).shape;
      expect(inferred).toEqual(actual);
    }
  });

  it('returns a view of the input (same raw data, new strides and offset)', () => {
    const x = dmatrix();
    const value = decode({ dtype: 'float64', shape: [3, 4], data: [...Array(12).keys()] });
    const out = getItem(x, ['::-1', 1]);
    expect(out.owner!.op.viewMap).toEqual({ 0: [0] });
    const got = out.eval(new Map([[x, value]]));
    expect(rawView(got).data.buffer).toBe(rawView(value).data.buffer);
    expect(got.strides).toEqual([-4]);
    expect(got.offset).toBe(9);
  });
});

describe('index errors as NumPy gives them', () => {
  interface ErrCase { note: string; x: Enc; args: EncArg[]; message: string }
  const cases = fixtures.errors as ErrCase[];

  it.each(cases.map((c) => [c.note, c] as const))('%s', (_note, c) => {
    const { args, givens } = decodeArgs(c.args);
    const x = new TensorType(c.x.dtype, nulls(c.x.shape.length)).makeVariable('x');
    const all = new Map<Variable, unknown>([[x, decode(c.x)], ...givens]);
    // At run time when the length is not known when the graph is built.
    const e = thrown(() => getItem(x, args).eval(all));
    expect(e).toBeInstanceOf(IndexError);
    expect(e).toBeInstanceOf(ArgumentError);
    expect(e.message).toContain(c.message);
    // When it is known, integers out of bounds are caught when the graph is built.
    const xs = new TensorType(c.x.dtype, c.x.shape).makeVariable('x');
    if (givens.length === 0) expect(() => getItem(xs, args)).toThrow(c.message);
  });

  it('names the Op, the index, the axis and the size', () => {
    const e = thrown(() => getItem(dvector(), [5]).eval({ x: [1, 2, 3] }));
    expect(e.message).toBe('Subtensor{5}: index 5 is out of bounds for axis 0 with size 3');
    expect(e).toMatchObject({ index: 5, axis: 0, size: 3, op: 'Subtensor{5}' });
    const i = iscalar();
    const x = dvector();
    const wrapped = (() => {
      try {
        getItem(x, [i]).eval(new Map<Variable, unknown>([[i, -4], [x, [1, 2, 3]]]));
      } catch (err) {
        return err;
      }
    })();
    expect(wrapped).toBeInstanceOf(NodeError);
    expect((wrapped as Error).message).toContain('index -4 is out of bounds for axis 0 with size 3');
  });

  it('a symbolic step of 0 is an ArgumentError at run time', () => {
    const s = iscalar('s');
    const x = dvector();
    const e = thrown(() => getItem(x, [slice(null, null, s)]).eval(new Map<Variable, unknown>([[x, [1, 2]], [s, 0]])));
    expect(e).toBeInstanceOf(ArgumentError);
    expect(e.message).toMatch(/slice step cannot be zero/);
  });
});

describe('parseIndex', () => {
  const x3 = new TensorType('float64', [null, null, null]).makeVariable('x');
  const full = { kind: 'slice', start: null, stop: null, step: null };

  it('parses slice texts', () => {
    expect(parseSliceText(':')).toEqual(full);
    expect(parseSliceText('1:5')).toEqual({ kind: 'slice', start: 1, stop: 5, step: null });
    expect(parseSliceText('::-1')).toEqual({ kind: 'slice', start: null, stop: null, step: -1 });
    expect(parseSliceText('1:')).toEqual({ kind: 'slice', start: 1, stop: null, step: null });
    expect(parseSliceText(':3:2')).toEqual({ kind: 'slice', start: null, stop: 3, step: 2 });
    expect(parseSliceText(' -2 : : -1 ')).toEqual({ kind: 'slice', start: -2, stop: null, step: -1 });
  });

  it('refuses other texts and a zero step', () => {
    for (const bad of ['', '1', 'a:b', '1:2:3:4', '1.5:', '::x', 'x']) {
      expect(() => parseIndex(x3, [bad])).toThrow(ArgumentError);
    }
    expect(() => parseIndex(x3, ['abc'])).toThrow(`x.get: argument 'index 0' expected a slice text such as ':', '1:5', '::-1' or '...', got "abc"`);
    expect(() => parseIndex(x3, ['::0'])).toThrow(/slice step cannot be zero/);
    expect(() => parseIndex(x3, [slice(1, 2, 0)])).toThrow(ArgumentError);
  });

  it('expands the ellipsis (pt.ellipsis or "...") into full slices', () => {
    expect(parseIndex(x3, [0, ellipsis])).toEqual([{ kind: 'int', value: 0 }, full, full]);
    expect(parseIndex(x3, ['...', 1])).toEqual([full, full, { kind: 'int', value: 1 }]);
    expect(parseIndex(x3, [0, 1, 2, '...'])).toEqual([0, 1, 2].map((value) => ({ kind: 'int', value })));
    expect(parseIndex(x3, [newaxis, '...', null])).toEqual([{ kind: 'newaxis' }, full, full, full, { kind: 'newaxis' }]);
  });

  it('keeps symbolic scalars as int entries and slice bounds', () => {
    const i = iscalar();
    const j = iscalar('j', 'int64');
    expect(parseIndex(x3, [i, slice(j, null, -1)])).toEqual([{ kind: 'int', value: i }, { kind: 'slice', start: j, stop: null, step: -1 }]);
  });

  it('makes array entries of integer and bool tensors, arrays and typed arrays', () => {
    const iv = new TensorType('int32', [null]).makeVariable('iv');
    expect(parseIndex(x3, [iv])).toEqual([{ kind: 'array', value: iv }]);
    const [a] = parseIndex(x3, [[0, 2]]);
    expect(a!.kind).toBe('array');
    expect((a as { value: TensorVariable }).value.dtype).toBe('int8');
    const [b] = parseIndex(x3, [[[true, false]]]);
    expect((b as { value: TensorVariable }).value.dtype).toBe('bool');
    const [c] = parseIndex(x3, [new Int32Array([1])]);
    expect((c as { value: TensorVariable }).value.dtype).toBe('int32');
    const [d] = parseIndex(x3, [[]]);
    expect((d as { value: TensorVariable }).value.dtype).toBe('int64');
    const [t] = parseIndex(x3, [true as never]);
    expect((t as { value: TensorVariable }).value.type.shape).toEqual([]);
    expect((t as { value: TensorVariable }).value.dtype).toBe('bool');
    const b0 = new TensorType('bool', []).makeVariable('b');
    expect(parseIndex(x3, [b0])).toEqual([{ kind: 'array', value: b0 }]);
  });

  it('refuses float indices with a DtypeError', () => {
    expect(() => parseIndex(x3, [1.5])).toThrow(DtypeError);
    expect(() => parseIndex(x3, [1.5])).toThrow(/the number 1.5 \(indices must be integers\)/);
    expect(() => parseIndex(x3, [NaN])).toThrow(DtypeError);
    expect(() => parseIndex(x3, [slice(0.5)])).toThrow(DtypeError);
    expect(() => parseIndex(x3, [new TensorType('float64', []).makeVariable('f')])).toThrow(DtypeError);
    expect(() => parseIndex(x3, [[0.5, 1]])).toThrow(DtypeError);
    expect(() => parseIndex(x3, [new Float64Array([1])])).toThrow(/arrays used as indices must be of integer or boolean type/);
    expect(() => parseIndex(x3, [slice(new TensorType('float32', []).makeVariable('f'))])).toThrow(DtypeError);
  });

  it('refuses other values', () => {
    expect(() => parseIndex(x3, [slice(dvector('v'))])).toThrow(TypeMismatchError);
    expect(() => parseIndex(x3, [undefined as never])).toThrow(TypeMismatchError);
    expect(() => parseIndex(x3, [{} as never])).toThrow(TypeMismatchError);
    expect(() => parseIndex(x3, [slice('1' as never)])).toThrow(TypeMismatchError);
  });

  it('counts the indexed dimensions (bool arrays count their own) and refuses too many or two ellipses', () => {
    expect(() => parseIndex(x3, [0, 0, 0, 0])).toThrow(IndexError);
    expect(() => parseIndex(x3, [0, 0, 0, 0])).toThrow('x.get: too many indices for array: array is 3-dimensional, but 4 were indexed');
    expect(() => parseIndex(x3, [[[true]], 0, 0])).toThrow(/but 4 were indexed/);
    expect(parseIndex(x3, [null, null, 0, 0, 0])).toHaveLength(5);
    expect(() => parseIndex(x3, ['...', ellipsis])).toThrow("an index can only have a single ellipsis ('...')");
  });
});

describe('Subtensor Op', () => {
  it('holds the index pattern in its props and the symbolic scalars as inputs', () => {
    const x = dmatrix();
    const i = iscalar();
    const out = getItem(x, [i, slice(1, null, -2)]);
    const op = out.owner!.op as Subtensor;
    expect(op.idxList).toEqual([{ kind: 'int', value: 'sym' }, { kind: 'slice', start: 1, stop: null, step: -2 }]);
    expect(out.owner!.inputs).toEqual([x, i]);
    expect(op.name).toBe('Subtensor{i, 1::-2}');
    expect(op.equals(new Subtensor([{ kind: 'int', value: 'sym' }, { kind: 'slice', start: 1, stop: null, step: -2 }]))).toBe(true);
    expect(op.equals(new Subtensor([{ kind: 'int', value: 'sym' }]))).toBe(false);
  });

  it('puts constant scalars into the pattern', () => {
    const out = getItem(dvector(), [constant(2)]);
    expect((out.owner!.op as Subtensor).idxList).toEqual([{ kind: 'int', value: 2 }]);
    expect(out.owner!.inputs).toHaveLength(1);
  });

  it('gives static lengths where they are computable', () => {
    const x = new TensorType('float64', [5, null, 4]).makeVariable('x');
    const i = iscalar();
    expect(getItem(x, ['1:', '::2', '::-3']).type.shape).toEqual([4, null, 2]);
    expect(getItem(x, [slice(i), 0]).type.shape).toEqual([null, 4]);
    expect(getItem(x, [-5]).type.shape).toEqual([null, 4]);
    expect(getItem(x, ['10:', newaxis]).type.shape).toEqual([0, 1, null, 4]);
  });

  it('checks its inputs in makeNode', () => {
    const x = dmatrix();
    const op = new Subtensor([{ kind: 'int', value: 'sym' }]);
    expect(() => op.call(x)).toThrow(/expected 1 symbolic index scalars after x, got 0/);
    expect(() => op.call(x, new TensorType('float64', []).makeVariable('f'))).toThrow(DtypeError);
    expect(() => op.call(x, new TensorType('int32', [null]).makeVariable('v'))).toThrow(TypeMismatchError);
    expect(() => op.call(new DisconnectedType().makeVariable())).toThrow(TypeMismatchError);
    const three = new Subtensor([0, 1, 2].map((value) => ({ kind: 'int' as const, value })));
    expect(() => three.call(x)).toThrow(IndexError);
    expect(() => new Subtensor([{ kind: 'slice', start: null, stop: null, step: 0 }])).toThrow(ArgumentError);
    expect(() => new Subtensor([{ kind: 'int', value: 1.5 }])).toThrow(ArgumentError);
  });

  it('is not connected to its index scalars', () => {
    const i = iscalar();
    const node = getItem(dvector(), [i]).owner!;
    expect(node.op.connectionPattern(node)).toEqual([[true], [false]]);
  });

  it('x.get() is a Subtensor of nothing, x.get(newaxis) only a DimShuffle', () => {
    const x = dmatrix();
    const all = getItem(x, []);
    expect(all.owner!.op).toBeInstanceOf(Subtensor);
    expect(all.evalNested({ x: [[1, 2]] })).toEqual([[1, 2]]);
    const na = getItem(x, [newaxis]);
    expect(na.owner!.op).toBeInstanceOf(DimShuffle);
    expect(na.type.shape).toEqual([1, null, null]);
  });

  it('dispatches indices with arrays to advanced indexing', () => {
    const out = getItem(dmatrix(), [[1, 0]]);
    expect(out.owner!.op).not.toBeInstanceOf(Subtensor);
    expect(out.evalNested({ x: [[1, 2], [3, 4]] })).toEqual([[3, 4], [1, 2]]);
    expect(getItem(dmatrix(), [1, [true, false]]).evalNested({ x: [[1, 2], [3, 4]] })).toEqual([3]);
  });
});

describe('Subtensor gradients', () => {
  interface GradCase { note: string; x: Enc; args: EncArg[]; gzSub: Enc; gxGet: Enc }
  const cases = fixtures.grad as GradCase[];

  it.each(cases.map((c) => [c.note, c] as const))('Lop: %s', (_note, c) => {
    const x = new TensorType(c.x.dtype, nulls(c.x.shape.length)).makeVariable('x');
    const { args, givens } = decodeArgs(c.args);
    const out = getItem(x, args);
    const node = out.owner!;
    const gz = new TensorType('float64', nulls(c.gzSub.shape.length)).makeVariable('gz');
    const grads = node.op.Lop(node.inputs, node.outputs, [gz]);
    expect(grads.slice(1).every((g) => g.type instanceof DisconnectedType)).toBe(true);
    expect(grads[0]!.owner!.op).toBeInstanceOf(IncSubtensor);
    const gx = evaluate([grads[0]!], new Map<Variable, unknown>([[x, decode(c.x)], [gz, decode(c.gzSub)], ...givens]))[0] as NDArray;
    expectArray(gx, c.gxGet);
  });

  it('gives x its own dtype', () => {
    const x = new TensorType('float32', [null]).makeVariable('x');
    const node = getItem(x, ['1:']).owner!;
    const g = dvector('g');
    const [gx] = node.op.Lop(node.inputs, node.outputs, [g]) as TensorVariable[];
    expect(gx!.dtype).toBe('float32');
    expect(gx!.evalNested(new Map<Variable, unknown>([[x, [1, 2, 3]], [g, [4, 5]]]))).toEqual([0, 4, 5]);
  });

  it('gives zeros of floatX for integer x', () => {
    const x = new TensorType('int32', [null]).makeVariable('x');
    const node = getItem(x, [0]).owner!;
    const [gx] = node.op.Lop(node.inputs, node.outputs, [new TensorType('int32', []).makeVariable('g')]);
    expect((gx as TensorVariable).dtype).toBe('float64');
    expect((gx as TensorVariable).evalNested({ x: [1, 2] })).toEqual([0, 0]);
  });

  it('Rop indexes the eval point', () => {
    const x = dmatrix();
    const i = iscalar();
    const node = getItem(x, [slice(null, null, -1), i]).owner!;
    const ev = dmatrix('e');
    const [r] = node.op.Rop(node.inputs, [ev, null]);
    expect((r as TensorVariable).evalNested(new Map<Variable, unknown>([[ev, [[1, 2], [3, 4]]], [i, 1]]))).toEqual([4, 2]);
    expect(node.op.Rop(node.inputs, [null, null])).toEqual([null]);
  });
});

describe('canonicalSlice', () => {
  it('follows Python slice.indices for numbers', () => {
    expect(canonicalSlice(null, null, -1, 5)).toEqual({ start: 4, stop: -1, step: -1, length: 5 });
    expect(canonicalSlice(-100, 100, 3, 7)).toEqual({ start: 0, stop: 7, step: 3, length: 3 });
    expect(canonicalSlice(null, null, -1, 0)).toEqual({ start: -1, stop: -1, step: -1, length: 0 });
    expect(sliceLength(1, null, 2, 6)).toBe(3);
    expect(sliceLength(5, 1, null, 6)).toBe(0);
    expect(() => canonicalSlice(0, 1, 0, 3)).toThrow(ArgumentError);
  });

  it('builds an int64 graph for symbolic lengths and bounds', () => {
    const n = iscalar('n', 'int64');
    const s = iscalar('s', 'int8');
    const { length } = canonicalSlice(s, null, -2, n);
    expect((length as TensorVariable).dtype).toBe('int64');
    const at = (nv: number, sv: number) => (length as TensorVariable).evalNested(new Map<Variable, unknown>([[n, nv], [s, sv]]));
    expect(at(10, 7)).toBe(4n);
    expect(at(10, -1)).toBe(5n);
    expect(at(10, 127)).toBe(5n);
    expect(at(0, 3)).toBe(0n);
  });
});

describe('subtensor()', () => {
  it('refuses entries that are not basic', () => {
    expect(() => subtensor(dvector(), [{ kind: 'newaxis' }])).toThrow(ArgumentError);
  });
});
