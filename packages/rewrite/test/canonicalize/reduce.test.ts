import * as pt from '@proj/tensor';
import { mergeReductions, reduceOfDimShuffle, reduceOverBroadcastable, sumOfAlloc, uselessReduce, withAxes } from '../../src';
import { ops, rewriteAndCompare } from './check';

const t3 = pt.dtensor3('t3');
const m = pt.dmatrix('m');

describe('uselessReduce', () => {
  it('sum(x, axis=[]) -> x, cast to the sum dtype (int8 sums are int64)', () => {
    const b = pt.tensor({ dtype: 'int8', shape: [null] });
    const { fg, fired } = rewriteAndCompare([m, b], [new pt.Sum([]).call(m), new pt.Sum([]).call(b)], uselessReduce);
    expect(fired).toBe(2);
    expect(ops(fg)).toEqual(['Elemwise{Cast{int64}}']);
  });

  it('does not fire on a real reduction', () => {
    expect(rewriteAndCompare([m], [pt.sum(m, { axis: 0 })], uselessReduce).fired).toBe(0);
  });
});

describe('mergeReductions', () => {
  it('sum(sum(t3, axis=1), axis=1) -> sum(t3, axis=[1, 2])', () => {
    const { fg, fired } = rewriteAndCompare([t3], [pt.sum(pt.sum(t3, { axis: 1 }), { axis: 1 })], mergeReductions, { shapes: [[2, 3, 4]] });
    expect(fired).toBe(1);
    expect(ops(fg)).toEqual(['Sum{axes=[1, 2]}']);
  });

  it('max(max(t3, axis=0)) -> max(t3), prod and min too', () => {
    const r = rewriteAndCompare([t3], [pt.max(pt.max(t3, { axis: 0 })), pt.prod(pt.prod(t3, { axis: 2 }), { axis: 0 }), pt.min(pt.min(t3, { axis: [0, 2] }))], mergeReductions, { shapes: [[2, 3, 2]] });
    expect(r.fired).toBe(3);
    expect(ops(r.fg)).toEqual(['Max{axes=None}', 'Prod{axes=[0, 2]}', 'Min{axes=None}']);
  });

  it('merges int8 sums (int64 in between) exactly', () => {
    const b = pt.tensor({ dtype: 'int8', shape: [null, null] });
    expect(ops(rewriteAndCompare([b], [pt.sum(pt.sum(b, { axis: 0 }))], mergeReductions).fg)).toEqual(['Sum{axes=None}']);
  });

  it('does not merge different reductions, a shared inner one, or an inner one with its own dtype', () => {
    expect(rewriteAndCompare([m], [pt.max(pt.sum(m, { axis: 0 }))], mergeReductions).fired).toBe(0);
    const inner = pt.sum(m, { axis: 0 });
    expect(rewriteAndCompare([m], [pt.sum(inner), inner], mergeReductions).fired).toBe(0);
    const f = pt.fmatrix('f');
    expect(rewriteAndCompare([f], [pt.sum(pt.sum(f, { axis: 0, dtype: 'float32', accDtype: 'float32' }))], mergeReductions).fired).toBe(0);
  });
});

describe('reduceOfDimShuffle', () => {
  it('sum(m.T, axis=0) -> sum(m, axis=1)', () => {
    const { fg, fired } = rewriteAndCompare([m], [pt.sum(m.T, { axis: 0 })], reduceOfDimShuffle, { shapes: [[2, 3]] });
    expect(fired).toBe(1);
    expect(ops(fg)).toEqual(['Sum{axis=1}']);
  });

  it('sum over an added dimension: sum(m.dimshuffle(0, x, 1), axis=[1, 2]) -> sum(m, axis=1)', () => {
    const { fg } = rewriteAndCompare([m], [pt.sum(m.dimshuffle(0, 'x', 1), { axis: [1, 2] })], reduceOfDimShuffle, { shapes: [[2, 3]] });
    expect(ops(fg)).toEqual(['Sum{axis=1}']);
  });

  it('keeps added dimensions that are not reduced: max(m.dimshuffle(x, 1, 0), axis=2) -> max(m, axis=0).dimshuffle(x, 0)', () => {
    const { fg } = rewriteAndCompare([m], [pt.max(m.dimshuffle('x', 1, 0), { axis: 2 })], reduceOfDimShuffle, { shapes: [[2, 3]] });
    expect(ops(fg)).toEqual(['Max{axis=0}', 'DimShuffle{(x,0)}']);
  });
});

describe('reduceOverBroadcastable', () => {
  it('sum(x, axis=[0, 1]) with x of shape (1, ?) -> sum over axis 1 only, then the length-1 axis dropped', () => {
    const row = pt.tensor({ dtype: 'float64', shape: [1, null] });
    const { fg, fired } = rewriteAndCompare([row], [pt.sum(row, { axis: [0, 1] })], reduceOverBroadcastable, { shapes: [[1, 4]] });
    expect(fired).toBe(1);
    expect(ops(fg)).toEqual(['Sum{axis=1}', 'DimShuffle{()}']);
  });

  it('all reduced axes of length 1: prod -> a DimShuffle of x (cast to the prod dtype for ints)', () => {
    const c = pt.tensor({ dtype: 'int16', shape: [null, 1] });
    const { fg } = rewriteAndCompare([c], [pt.prod(c, { axis: 1 })], [reduceOverBroadcastable, uselessReduce], { shapes: [[3, 1]] });
    expect(ops(fg)).toEqual(['Elemwise{Cast{int64}}', 'DimShuffle{(0)}']);
  });

  it('does not fire without a length-1 reduced axis', () => {
    expect(rewriteAndCompare([m], [pt.sum(m, { axis: 0 })], reduceOverBroadcastable, { shapes: [[1, 3]] }).fired).toBe(0);
  });
});

describe('sumOfAlloc', () => {
  it('sum(alloc(c, n, m)) -> c * n * m', () => {
    const c = pt.dscalar('c');
    const { fg, fired } = rewriteAndCompare([c], [pt.sum(pt.alloc(c, 4, 5))], sumOfAlloc, { shapes: [[]] });
    expect(fired).toBe(1);
    expect(ops(fg)).toEqual(['Elemwise{Cast{float64}}', 'Elemwise{Cast{float64}}', 'Elemwise{mul}']);
  });

  it('sum(alloc(c, 4, 5), axis=0) -> alloc(c * 4, 5), in the sum dtype for int8 c', () => {
    const c = pt.tensor({ dtype: 'int8', shape: [] });
    const { fg } = rewriteAndCompare([c], [pt.sum(pt.alloc(c, 4, 5), { axis: 0 })], sumOfAlloc, { shapes: [[]] });
    expect(ops(fg)).toEqual(['Elemwise{Cast{int64}}', 'Elemwise{mul}', 'Alloc']);
  });

  it('does not fire on an alloc of a vector (not one value)', () => {
    const w = pt.dvector('w');
    expect(rewriteAndCompare([w], [pt.sum(pt.alloc(w, 4, 5))], sumOfAlloc, { shapes: [[5]] }).fired).toBe(0);
  });
});

describe('withAxes', () => {
  it('keeps the class and props', () => {
    expect(String(withAxes(new pt.Sum([0], { dtype: 'float32' }), [1, 2]))).toBe('Sum{axes=[1, 2], dtype=float32}');
    expect(withAxes(new pt.ProdWithoutZeros([0]), [1])).toBeUndefined();
  });
});
