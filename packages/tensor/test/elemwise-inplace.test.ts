/**
 * Elemwise with an inplacePattern writes its result into the input it
 * destroys when that input can hold it (same dtype and shape, row-major),
 * and falls back to a new array otherwise, leaving the input unchanged.
 */
import { evaluate } from '@proj/graph';
import { Elemwise } from '../src/elemwise/elemwise';
import { elemwiseKernel } from '../src/elemwise/kernel';
import { scalarAdd, scalarMul } from '../src/scalar/arith';
import { dmatrix, dvector } from '../src/type/constructors-typed';
import { fromRaw, toNested, type NDArray } from '../src/value/ndarray';

const vec = (xs: number[]): NDArray => fromRaw('float64', Float64Array.from(xs), [xs.length]);

describe('in-place Elemwise', () => {
  it('writes into the destroyed input and returns it', () => {
    const x = dvector('x');
    const y = dvector('y');
    const node = new Elemwise(scalarAdd, { 0: 1 }).makeNode(x, y);
    const xv = vec([1, 2, 3]);
    const yv = vec([10, 20, 30]);
    const [out] = evaluate(node.outputs, [[x, xv], [y, yv]]) as NDArray[];
    expect(out).toBe(yv);
    expect(toNested(yv)).toEqual([11, 22, 33]);
    expect(toNested(xv)).toEqual([1, 2, 3]);
    expect(node.op.destroyMap).toEqual({ 0: [1] });
  });

  it('reads each element before writing it when the same array is two inputs', () => {
    const xv = vec([1, 2, 3]);
    expect(elemwiseKernel(scalarMul, [xv, xv], 'float64', 'mul', xv)).toBe(xv);
    expect(toNested(xv)).toEqual([1, 4, 9]);
  });

  it('allocates instead when the input is broadcast, strided, of another dtype, or aliased under another layout', () => {
    const one = vec([5]);
    expect(toNested(elemwiseKernel(scalarAdd, [one, vec([1, 2])], 'float64', 'add', one))).toEqual([6, 7]);
    expect(toNested(one)).toEqual([5]);
    const base = Float64Array.from([1, 2, 3, 4]);
    const m = fromRaw('float64', base, [2, 2]);
    const mT = fromRaw('float64', base, [2, 2], [1, 2]);
    const sum = elemwiseKernel(scalarAdd, [mT, m], 'float64', 'add', mT);
    expect(sum).not.toBe(mT);
    expect(toNested(sum)).toEqual([[2, 5], [5, 8]]);
    const sum2 = elemwiseKernel(scalarAdd, [m, mT], 'float64', 'add', m);
    expect(sum2).not.toBe(m);
    expect(toNested(sum2)).toEqual([[2, 5], [5, 8]]);
    expect(Array.from(base)).toEqual([1, 2, 3, 4]);
    const f32 = fromRaw('float32', Float32Array.from([1, 2]), [2]);
    expect(elemwiseKernel(scalarAdd, [f32, vec([1, 1])], 'float64', 'add', f32)).not.toBe(f32);
    expect(toNested(f32)).toEqual([1, 2]);
  });

  it('writes into a row-major array at an offset', () => {
    const m = dmatrix('m');
    const node = new Elemwise(scalarMul, { 0: 0 }).makeNode(m, m);
    const buf = Float64Array.from([9, 1, 2, 3, 4]);
    const mv = fromRaw('float64', buf, [2, 2], [2, 1], 1);
    const [out] = evaluate(node.outputs, [[m, mv]]) as NDArray[];
    expect(out).toBe(mv);
    expect(Array.from(buf)).toEqual([9, 1, 4, 9, 16]);
  });
});
