import { ArgumentError, ShapeError, TypeMismatchError, evaluate } from '@proj/graph';
import { TensorType } from '../src/type/tensor-type';
import type { TensorVariable } from '../src/variable/tensor-variable';
import { toNested, type NDArray } from '../src/value/ndarray';
import { DimShuffle, dimshuffle } from '../src/shape/dimshuffle';
import { constant } from '../src/basic/as-tensor';
import { decode, expectArray, fixtures } from './shape-fixtures';

describe('DimShuffle values', () => {
  it.each(fixtures.dimshuffle!.map((c, i) => [i, c]))('matches NumPy (case %i)', (_i, c) => {
    const static_ = c.x.shape.map((s: number) => (s === 1 ? 1 : null));
    const shape = c.x.view === 'T' ? [...static_].reverse() : static_;
    const x = new TensorType(c.x.dtype, shape).makeVariable('x');
    const y = dimshuffle(x, c.pattern);
    expectArray(y.eval(new Map([[x, decode(c.x)]])), c.out);
  });

  it('is a view sharing the input data, never a copy', () => {
    const c = fixtures.dimshuffle![0]!;
    const x = new TensorType('float64', [null, null]).makeVariable('x');
    const value = decode(c.x);
    const out = dimshuffle(x, [1, 0]).eval(new Map([[x, value]]));
    expect(out.data).toBe(value.data);
    expect(new DimShuffle(2, [1, 0]).viewMap).toEqual({ 0: [0] });
  });

  it('works on a transposed constant', () => {
    const c = constant([[1, 2, 3], [4, 5, 6]], { dtype: 'int64' });
    const t = dimshuffle(dimshuffle(c, [1, 0]), ['x', 1, 0]);
    expect(t.evalNested()).toEqual([[[1n, 2n, 3n], [4n, 5n, 6n]]]);
  });
});

describe('DimShuffle types', () => {
  const m = new TensorType('float32', [2, null]).makeVariable('m');

  it('gives static shapes and keeps the dtype', () => {
    expect(dimshuffle(m, [1, 'x', 0]).type.shape).toEqual([null, 1, 2]);
    expect(dimshuffle(m, [1, 'x', 0]).dtype).toBe('float32');
    expect(dimshuffle(m, [0, 1])).toBe(m);
    const r = new TensorType('float64', [1, null]).makeVariable();
    expect(dimshuffle(r, [1]).type.shape).toEqual([null]);
  });

  it('refuses bad patterns', () => {
    expect(() => dimshuffle(m, [0, 0])).toThrow(ArgumentError);
    expect(() => dimshuffle(m, [2, 0])).toThrow(/dimension index in \[0, 2\)/);
    expect(() => dimshuffle(m, [1])).toThrow(ShapeError);
    expect(() => new DimShuffle(3, [0]).call(m)).toThrow(TypeMismatchError);
  });

  it('infers shapes and undoes itself in the gradient', () => {
    const y = dimshuffle(m, [1, 'x', 0]);
    const node = y.owner!;
    expect(node.op.inferShape!(undefined, node, [[2, 5]])).toEqual([[5, 1, 2]]);
    const gz = new TensorType('float32', [null, 1, 2]).makeVariable('gz');
    const [gx] = node.op.grad(node.inputs, [gz]);
    expect((gx as TensorVariable).type.shape).toEqual([2, null]);
    const g = evaluate([gx!], [[gz, [[[1, 2]], [[3, 4]], [[5, 6]]]]])[0] as NDArray;
    expect(toNested(g)).toEqual([[1, 3, 5], [2, 4, 6]]);
  });
});
