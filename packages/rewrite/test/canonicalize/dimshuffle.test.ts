import { debugprint } from '@proj/graph';
import * as pt from '@proj/tensor';
import { composeShuffles, dimShuffleLift, mergeDimShuffles, uselessDimShuffle } from '../../src';
import { ops, rewriteAndCompare } from './check';

const m = pt.dmatrix('m');
const strip = (s: string) => s.trim().replace(/ \d+$/gm, '');

describe('uselessDimShuffle', () => {
  it('DimShuffle{0,1}(m) -> m', () => {
    const { fg, fired } = rewriteAndCompare([m], [pt.exp(new pt.DimShuffle(2, [0, 1]).call(m) as pt.TensorVariable)], uselessDimShuffle);
    expect(fired).toBe(1);
    expect(strip(debugprint(fg))).toBe(['Elemwise{exp} [id A]', ' └─ m [id B]'].join('\n'));
  });

  it('does not fire on a transpose', () => {
    expect(rewriteAndCompare([m], [m.T], uselessDimShuffle).fired).toBe(0);
  });
});

describe('mergeDimShuffles', () => {
  it('composes patterns', () => {
    expect(composeShuffles([1, 'x', 0], [2, 0, 'x', 1])).toEqual([0, 1, 'x', 'x']);
  });

  it('DimShuffle{1,0}(DimShuffle{1,x,0}(m)) -> DimShuffle{x,1,0}... merged into one node', () => {
    const { fg, fired } = rewriteAndCompare([m], [pt.dimshuffle(pt.dimshuffle(m, [1, 'x', 0]), [2, 1, 0])], mergeDimShuffles, { shapes: [[2, 3]] });
    expect(fired).toBe(1);
    expect(ops(fg)).toEqual(['DimShuffle{(0,x,1)}']);
  });

  it('a transpose of a transpose is removed', () => {
    const { fg } = rewriteAndCompare([m], [pt.exp(m.T.T)], mergeDimShuffles, { shapes: [[2, 3]] });
    expect(ops(fg)).toEqual(['Elemwise{exp}']);
  });

  it('drops dimensions through both shuffles', () => {
    const row = pt.tensor({ dtype: 'float64', shape: [1, null] });
    const { fg } = rewriteAndCompare([row], [pt.dimshuffle(pt.dimshuffle(row, [1, 0]), [0])], mergeDimShuffles, { shapes: [[1, 4]] });
    expect(ops(fg)).toEqual(['DimShuffle{(1)}']);
  });
});

describe('dimShuffleLift', () => {
  it('DimShuffle(exp(m) + m) -> exp(DimShuffle(m)) + DimShuffle(m)', () => {
    const { fg, fired } = rewriteAndCompare([m], [pt.add(pt.exp(m), m).T], dimShuffleLift, { shapes: [[2, 3]] });
    expect(fired).toBe(2);
    // Two equal transposes of m: merging them is the merge feature's job.
    expect(ops(fg)).toEqual(['Transpose', 'Elemwise{exp}', 'Transpose', 'Elemwise{add}']);
  });

  it('lets the algebra see through the alignment: sub(m, neg(v)) with a vector v', () => {
    const v = pt.dvector('v');
    const { fg } = rewriteAndCompare([m, v], [pt.sub(m, pt.neg(v))], dimShuffleLift, { shapes: [[2, 3], [3]] });
    expect(ops(fg)).toEqual(['DimShuffle{(x,0)}', 'Elemwise{neg}', 'Elemwise{sub}']);
  });

  it('does not lift over an Elemwise with another client', () => {
    const e = pt.exp(m);
    expect(rewriteAndCompare([m], [e.T, e], dimShuffleLift, { shapes: [[2, 3]] }).fired).toBe(0);
  });
});
