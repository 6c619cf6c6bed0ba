import * as pt from '@proj/tensor';
import { mergeReshapes, mergeSpecifyShapes, uselessReshape, uselessSpecifyShape } from '../../src';
import { ops, rewriteAndCompare } from './check';

const m = pt.dmatrix('m');

describe('uselessReshape', () => {
  it('reshape(m, m.shape) -> m', () => {
    const { fg, fired } = rewriteAndCompare([m], [pt.exp(pt.reshape(m, m.shape))], uselessReshape, { shapes: [[2, 3]] });
    expect(fired).toBe(1);
    expect(ops(fg)).toEqual(['Elemwise{exp}']);
  });

  it('reshape(m, [m.shape[0], m.shape[1]]) -> m, and a static shape reshaped to itself', () => {
    const byEntries = pt.reshape(m, [pt.shapeI(m, 0), pt.shapeI(m, 1)]);
    expect(ops(rewriteAndCompare([m], [byEntries], uselessReshape, { shapes: [[2, 3]] }).fg)).toEqual([]);
    const s = pt.tensor({ dtype: 'float64', shape: [2, 3] });
    expect(ops(rewriteAndCompare([s], [pt.reshape(s, [2, 3])], uselessReshape).fg)).toEqual([]);
  });

  it('does not fire on a real reshape, nor on lengths only equal at run time', () => {
    expect(rewriteAndCompare([m], [pt.reshape(m, [3, 2])], uselessReshape, { shapes: [[2, 3]] }).fired).toBe(0);
    expect(rewriteAndCompare([m], [pt.reshape(m, [pt.shapeI(m, 1), pt.shapeI(m, 0)])], uselessReshape, { shapes: [[3, 3]] }).fired).toBe(0);
    expect(rewriteAndCompare([m], [pt.reshape(m, [2, 3])], uselessReshape, { shapes: [[2, 3]] }).fired).toBe(0);
  });
});

describe('mergeReshapes', () => {
  it('reshape(reshape(m, [6]), [3, 2]) -> reshape(m, [3, 2])', () => {
    const { fg, fired } = rewriteAndCompare([m], [pt.reshape(pt.reshape(m, [-1]), [3, 2])], mergeReshapes, { shapes: [[2, 3]] });
    expect(fired).toBe(1);
    expect(ops(fg)).toEqual(['Reshape{2}']);
    expect(fg.outputs[0]!.owner!.inputs[0]).toBe(fg.inputs[0]);
  });

  it('does not fire on a single reshape', () => {
    expect(rewriteAndCompare([m], [pt.reshape(m, [-1])], mergeReshapes, { shapes: [[2, 3]] }).fired).toBe(0);
  });
});

describe('uselessSpecifyShape', () => {
  it('drops a SpecifyShape whose lengths the Type already states, or that are x.shape', () => {
    const s = pt.tensor({ dtype: 'float64', shape: [2, null] });
    const { fg, fired } = rewriteAndCompare([s], [pt.exp(pt.specifyShape(s, [2, pt.shapeI(s, 1)]))], uselessSpecifyShape, { shapes: [[2, 3]] });
    expect(fired).toBe(1);
    expect(ops(fg)).toEqual(['Elemwise{exp}']);
  });

  it('keeps one that states something new', () => {
    expect(rewriteAndCompare([m], [pt.specifyShape(m, [2, null])], uselessSpecifyShape, { shapes: [[2, 3]] }).fired).toBe(0);
  });
});

describe('mergeSpecifyShapes', () => {
  it('specifyShape(specifyShape(m, [2, ?]), [?, 3]) -> specifyShape(m, [2, 3])', () => {
    const { fg, fired } = rewriteAndCompare([m], [pt.specifyShape(pt.specifyShape(m, [2, null]), [null, 3])], mergeSpecifyShapes, { shapes: [[2, 3]] });
    expect(fired).toBe(1);
    expect(ops(fg)).toEqual(['SpecifyShape{(n, n)}']);
    expect((fg.outputs[0] as pt.TensorVariable).type.shape).toEqual([2, 3]);
  });

  it('prefers the outer lengths', () => {
    const n = pt.shapeI(m, 0);
    const { fg } = rewriteAndCompare([m], [pt.specifyShape(pt.specifyShape(m, [n, null]), [2, null])], mergeSpecifyShapes, { shapes: [[2, 3]] });
    expect(ops(fg)).toEqual(['SpecifyShape{(n, ?)}']);
    expect(fg.outputs[0]!.owner!.inputs[1]!.owner).toBeNull(); // the constant 2, not Shape_i
    expect((fg.outputs[0] as pt.TensorVariable).type.shape).toEqual([2, null]);
  });
});
