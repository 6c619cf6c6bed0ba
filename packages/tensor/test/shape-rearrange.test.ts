import { ShapeError, NodeError, ArgumentError } from '@proj/graph';
import { TensorType } from '../src/type/tensor-type';
import type { TensorVariable } from '../src/variable/tensor-variable';
import type { NDArray } from '../src/value/ndarray';
import { AxisError } from '../src/reduce/axis';
import { DimShuffle } from '../src/shape/dimshuffle';
import { SpecifyShape } from '../src/shape/specify-shape';
import { expandDims, shapePadaxis, shapePadleft, shapePadright, squeeze, swapaxes, transpose } from '../src/shape/rearrange';
import { decode, expectArray, fixtures, type Enc } from './shape-fixtures';

const input = (e: Enc) => new TensorType(e.dtype, new Array<null>(e.shape.length).fill(null)).makeVariable('x');
const run = (out: TensorVariable, x: TensorVariable, value: unknown): NDArray => out.eval(new Map([[x, value]]));
const t3 = () => new TensorType('float64', [null, null, null]).makeVariable('t');

describe('shapePadleft / shapePadright / shapePadaxis / expandDims', () => {
  const v = new TensorType('float64', [null]).makeVariable('v');

  it('add broadcastable dimensions', () => {
    expect(shapePadleft(v, 2).type.shape).toEqual([1, 1, null]);
    expect(shapePadright(v).type.shape).toEqual([null, 1]);
    expect(shapePadleft(v, 0)).toBe(v);
    expect(shapePadright(v, 2).evalNested({ v: [1, 2] })).toEqual([[[1]], [[2]]]);
    expect(shapePadleft(v).owner!.op).toBeInstanceOf(DimShuffle);
  });

  it('shapePadaxis inserts at axis in [-ndim-1, ndim] (PyTensor examples)', () => {
    const t = t3();
    const pattern = (a: number) => (shapePadaxis(t, a).owner!.op as DimShuffle).newOrder;
    expect(pattern(0)).toEqual(['x', 0, 1, 2]);
    expect(pattern(1)).toEqual([0, 'x', 1, 2]);
    expect(pattern(3)).toEqual([0, 1, 2, 'x']);
    expect(pattern(-1)).toEqual([0, 1, 2, 'x']);
    expect(pattern(-4)).toEqual(['x', 0, 1, 2]);
    expect(() => shapePadaxis(t, 4)).toThrow(AxisError);
    expect(() => shapePadaxis(t, -5)).toThrow(/an axis in \[-4, 4\)/);
    expect(() => shapePadleft(v, -1)).toThrow(ArgumentError);
  });

  it('expandDims places new dimensions at the given axes of the result', () => {
    expect(expandDims(v, [0, 2]).type.shape).toEqual([1, null, 1]);
    expect(expandDims(v, -1).type.shape).toEqual([null, 1]);
    expect(() => expandDims(v, 3)).toThrow(AxisError);
  });
});

describe('squeeze', () => {
  it.each(fixtures.squeeze!.map((c, i) => [i, c]))('matches NumPy (case %i)', (_i, c) => {
    const x = new TensorType(c.x.dtype, [1, null, 1]).makeVariable('x');
    const y = squeeze(x, c.axis ?? undefined);
    expectArray(run(y, x, decode(c.x)), c.out);
  });

  it('by default drops only the dimensions known to have length 1', () => {
    const x = new TensorType('float64', [1, null, 1, 3]).makeVariable();
    expect(squeeze(x).type.shape).toEqual([null, 3]);
    const u = new TensorType('float64', [null, null]).makeVariable();
    expect(squeeze(u)).toBe(u);
  });

  it('checks a dimension of unknown length at run time', () => {
    const x = new TensorType('float64', [null, null]).makeVariable('x');
    const y = squeeze(x, 0);
    expect(y.type.shape).toEqual([null]);
    expect(y.owner!.inputs[0]!.owner!.op).toBeInstanceOf(SpecifyShape);
    expect(y.evalNested({ x: [[1, 2]] })).toEqual([1, 2]);
    let err: unknown;
    try {
      y.eval({ x: [[1, 2], [3, 4]] });
    } catch (e) {
      err = (e as NodeError).cause;
    }
    expect(err).toBeInstanceOf(ShapeError);
    expect((err as Error).message).toMatch(/expected shape \(1, \?\), got shape \(2, 2\)/);
  });

  it('refuses an axis known not to have length 1, or out of range', () => {
    const x = new TensorType('float64', [2, 1]).makeVariable();
    expect(() => squeeze(x, 0)).toThrow(ShapeError);
    expect(() => squeeze(x, 0)).toThrow(/cannot select an axis to squeeze out which has size not equal to one/);
    expect(() => squeeze(x, 2)).toThrow(AxisError);
  });
});

describe('swapaxes', () => {
  it.each(fixtures.swapaxes!.map((c, i) => [i, c]))('matches NumPy (case %i)', (_i, c) => {
    const x = input(c.x);
    expectArray(run(swapaxes(x, c.axis1, c.axis2), x, decode(c.x)), c.out);
  });

  it('swaps static lengths and refuses bad axes', () => {
    const x = new TensorType('float64', [2, null, 4]).makeVariable();
    expect(swapaxes(x, 0, -1).type.shape).toEqual([4, null, 2]);
    expect(() => swapaxes(x, 0, 3)).toThrow(AxisError);
    expect(() => swapaxes(x, 0, 3)).toThrow(/axis2/);
  });
});

describe('transpose', () => {
  it.each(fixtures.transpose!.map((c, i) => [i, c]))('matches NumPy (case %i)', (_i, c) => {
    const x = input(c.x);
    expectArray(run(transpose(x, c.axes ?? undefined), x, decode(c.x)), c.out);
  });

  it('reverses by default and permutes static lengths', () => {
    const x = new TensorType('float64', [2, 3, null]).makeVariable();
    expect(transpose(x).type.shape).toEqual([null, 3, 2]);
    expect(transpose(x, [1, 0, 2]).type.shape).toEqual([3, 2, null]);
    expect(transpose(x).owner!.op.toString()).toBe('Transpose');
  });

  it('refuses a repeated axis, a wrong count and an out-of-range axis', () => {
    const x = t3();
    expect(() => transpose(x, [0, 0, 1])).toThrow(/repeated axis in transpose/);
    expect(() => transpose(x, [0, 1])).toThrow(AxisError);
    expect(() => transpose(x, [0, 1, 3])).toThrow(/an axis in \[-3, 3\)/);
  });
});
