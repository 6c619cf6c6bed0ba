import * as pt from '@proj/tensor';
import { losslessCast, mergeCasts, uselessAlloc, uselessCast, uselessFill, uselessSubtensor } from '../../src';
import { ops, rewriteAndCompare } from './check';

const m = pt.dmatrix('m');
const v = pt.dvector('v');

describe('uselessAlloc', () => {
  it('alloc(m, m.shape[0], m.shape[1]) -> m; a static shape allocated to itself -> itself', () => {
    const { fg, fired } = rewriteAndCompare([m], [pt.exp(pt.alloc(m, pt.shapeI(m, 0), pt.shapeI(m, 1)))], uselessAlloc, { shapes: [[2, 3]] });
    expect(fired).toBe(1);
    expect(ops(fg)).toEqual(['Elemwise{exp}']);
    const s = pt.tensor({ dtype: 'float32', shape: [2, 3] });
    expect(ops(rewriteAndCompare([s], [pt.alloc(s, 2, 3)], uselessAlloc).fg)).toEqual([]);
  });

  it('does not fire when the value is broadcast, or the lengths are only equal at run time', () => {
    expect(rewriteAndCompare([v], [pt.alloc(v, 2, pt.shapeI(v, 0))], uselessAlloc, { shapes: [[3]] }).fired).toBe(0);
    expect(rewriteAndCompare([m], [pt.alloc(m, 2, 3)], uselessAlloc, { shapes: [[2, 3]] }).fired).toBe(0);
    const row = pt.tensor({ dtype: 'float64', shape: [1, null] });
    expect(rewriteAndCompare([row], [pt.alloc(row, 1, 4)], uselessAlloc, { shapes: [[1, 4]] }).fired).toBe(0);
  });
});

describe('uselessFill', () => {
  it('fill(s, m) -> m when s cannot stretch m (s has length 1 everywhere)', () => {
    const s = pt.dscalar('s');
    const { fg, fired } = rewriteAndCompare([s, m], [pt.fill(s, m)], uselessFill, { shapes: [[], [2, 3]] });
    expect(fired).toBe(1);
    expect(ops(fg)).toEqual([]);
  });

  it('fill(a, b) -> b when b has known lengths other than 1', () => {
    const a = pt.dmatrix('a');
    const b = pt.tensor({ dtype: 'int32', shape: [2, 3] });
    const { fg } = rewriteAndCompare([a, b], [pt.fill(a, b)], uselessFill, { shapes: [[2, 3], [2, 3]] });
    expect(ops(fg)).toEqual([]);
  });

  it('does not fire when the model can stretch the value (zerosLike(m))', () => {
    expect(rewriteAndCompare([m], [pt.zerosLike(m)], uselessFill, { shapes: [[2, 3]] }).fired).toBe(0);
    const a = pt.dmatrix('a');
    expect(rewriteAndCompare([a, m], [pt.fill(a, m)], uselessFill, { shapes: [[2, 3], [1, 3]] }).fired).toBe(0);
  });
});

describe('uselessSubtensor', () => {
  it('m[:, 0:] and m[0:m.shape[0]] -> m', () => {
    const a = m.get(':', '0:');
    const b = m.get(pt.slice(0, pt.shapeI(m, 0)));
    const { fg, fired } = rewriteAndCompare([m], [pt.exp(a), pt.exp(b)], uselessSubtensor, { shapes: [[2, 3]] });
    expect(fired).toBe(2);
    expect(ops(fg)).toEqual(['Elemwise{exp}', 'Elemwise{exp}']);
  });

  it('s[:5] -> s when s has static length 3', () => {
    const s = pt.tensor({ dtype: 'float64', shape: [3] });
    expect(ops(rewriteAndCompare([s], [s.get(':5')], uselessSubtensor).fg)).toEqual([]);
  });

  it('does not fire on real indexing', () => {
    for (const out of [m.get(0), m.get('1:'), m.get('::-1'), m.get(':2')]) {
      expect(rewriteAndCompare([m], [out], uselessSubtensor, { shapes: [[3, 3]] }).fired).toBe(0);
    }
  });
});

describe('uselessCast / mergeCasts', () => {
  it('cast(x, x.dtype) -> x', () => {
    const same = new pt.Elemwise(pt.castScalarOp('float64')).call(v) as pt.TensorVariable;
    const { fg, fired } = rewriteAndCompare([v], [pt.exp(same)], uselessCast);
    expect(fired).toBe(1);
    expect(ops(fg)).toEqual(['Elemwise{exp}']);
  });

  it('cast(cast(int16, float32), float64) -> cast(int16, float64); back to the own dtype -> x', () => {
    const i = pt.tensor({ dtype: 'int16', shape: [null] });
    const { fg, fired } = rewriteAndCompare([i], [pt.cast(pt.cast(i, 'float32'), 'float64')], mergeCasts);
    expect(fired).toBe(1);
    expect(ops(fg)).toEqual(['Elemwise{Cast{float64}}']);
    const r = rewriteAndCompare([i], [pt.cast(pt.cast(i, 'int64'), 'int16')], mergeCasts);
    expect(ops(r.fg)).toEqual([]);
  });

  it('does not skip a cast that loses information', () => {
    expect(rewriteAndCompare([v], [pt.cast(pt.cast(v, 'float32'), 'float64')], mergeCasts).fired).toBe(0);
    expect(rewriteAndCompare([v], [pt.cast(pt.cast(v, 'int32'), 'float64')], mergeCasts).fired).toBe(0);
    const l = pt.lvector('l');
    expect(rewriteAndCompare([l], [pt.cast(pt.cast(l, 'float64'), 'int64')], mergeCasts).fired).toBe(0);
  });

  it('losslessCast follows the value ranges', () => {
    expect(losslessCast('int16', 'float32')).toBe(true);
    expect(losslessCast('int32', 'float32')).toBe(false);
    expect(losslessCast('int32', 'float64')).toBe(true);
    expect(losslessCast('int64', 'float64')).toBe(false);
    expect(losslessCast('uint8', 'int16')).toBe(true);
    expect(losslessCast('uint16', 'int16')).toBe(false);
    expect(losslessCast('int8', 'uint64')).toBe(false);
    expect(losslessCast('bool', 'int8')).toBe(true);
    expect(losslessCast('float32', 'complex64')).toBe(true);
    expect(losslessCast('float64', 'complex64')).toBe(false);
  });
});
