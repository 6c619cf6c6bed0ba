import { evaluate } from '@proj/graph';
import * as pt from '@proj/tensor';
import { compile, jsThunks, specialiseThunk } from '../src';

describe('the JS dispatch table', () => {
  it('has a fast Elemwise thunk used for float nodes only', () => {
    expect(jsThunks.has(pt.Elemwise)).toBe(true);
    const x = pt.dvector('x');
    const i = pt.ivector('i');
    const node = x.mul(x).owner!;
    const g = node.op.makeThunk(node, new Map(), new Map(), []);
    expect(specialiseThunk(node, g)).not.toBe(g);
    const inode = i.add(i).owner!;
    const gi = inode.op.makeThunk(inode, new Map(), new Map(), []);
    expect(specialiseThunk(inode, gi)).toBe(gi);
  });

  it('computes what the reference evaluator does on contiguous, strided and broadcast inputs', () => {
    const a = pt.dmatrix('a');
    const b = pt.dmatrix('b');
    const outs = [a.add(b), a.T.add(b.T), a.mul(b.get(0)), a.exp().mul(a)];
    const f = compile([a, b], outs);
    const av = pt.toNDArray([[1, 2, 3], [4, 5, 6], [7, 8, 9]], 'float64');
    const bv = pt.toNDArray([[0.5, -1, 2], [3, 0.25, -2], [1, 1, 1]], 'float64');
    const got = f(av, bv) as pt.NDArray[];
    const want = evaluate(outs, [[a, av], [b, bv]]) as pt.NDArray[];
    got.forEach((g, k) => expect(pt.toNested(g)).toEqual(pt.toNested(want[k]!)));
  });
});
