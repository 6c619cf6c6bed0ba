import { evaluate } from '@proj/graph';
import * as pt from '@proj/tensor';
import { compile, elemwiseThunk, jsThunks, specialiseThunk } from '../src';

describe('the JS dispatch table', () => {
  it('has a generated Elemwise thunk for every dtype JS numbers hold, not for int64', () => {
    expect(jsThunks.get(pt.Elemwise)).toBe(elemwiseThunk);
    const x = pt.dvector('x');
    const node = x.mul(x).owner!;
    const g = node.op.makeThunk(node, new Map(), new Map(), []);
    expect(specialiseThunk(node, g)).not.toBe(g);
    const inode = pt.ivector('i').add(pt.ivector('j')).owner!;
    const gi = inode.op.makeThunk(inode, new Map(), new Map(), []);
    expect(specialiseThunk(inode, gi)).not.toBe(gi);
    const lnode = pt.lvector('l').add(pt.lvector('m')).owner!;
    const gl = lnode.op.makeThunk(lnode, new Map(), new Map(), []);
    expect(specialiseThunk(lnode, gl)).toBe(gl);
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
