import * as pt from '../src';
import { getItem } from '../src/subtensor/get-item';

describe('getItem with an ellipsis between advanced indices', () => {
  it('places the advanced dimensions first, as NumPy does', () => {
    const x = pt.dmatrix('x');
    // NumPy: np.zeros((3, 4))[None, [0, 1], ..., [1, 2]].shape == (2, 1)
    const y = getItem(x, [null, [0, 1], '...', [1, 2]]);
    const v = y.eval({ x: [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11]] });
    expect(v.shape).toEqual([2, 1]);
    expect(pt.toNested(v)).toEqual([[1], [6]]);
  });
});
