import * as pt from '../src';

describe('TensorVariable methods (the operator table) and the namespace', () => {
  it('chain as in DESIGN.md and compute like the functions', () => {
    const x = pt.dmatrix('x');
    const y = pt.dvector('y');
    const z = x.add(y).exp().sum({ axis: 1 });
    const v = { x: [[0, 1], [2, 3]], y: [1, -1] };
    expect(pt.toNested(z.eval(v))).toEqual([Math.exp(1) + Math.exp(0), Math.exp(3) + Math.exp(2)]);
    expect(pt.toNested(x.T.eval({ x: [[1, 2], [3, 4]] }))).toEqual([[1, 3], [2, 4]]);
    expect(x.dimshuffle(1, 'x', 0).type.shape).toEqual([null, 1, null]);
    expect(pt.toNested(x.reshape([-1]).eval({ x: [[1, 2], [3, 4]] }))).toEqual([1, 2, 3, 4]);
    expect(pt.toNested(x.mul(2).sub(1).div(2).eval({ x: [[1, 2]] }))).toEqual([[0.5, 1.5]]);
  });

  it('exports PyTensor names, reserved words included', () => {
    expect(typeof pt.switch).toBe('function');
    expect(typeof pt.var).toBe('function');
    const c = pt.dvector('c');
    expect(pt.toNested(pt.switch(c.gt(0), c, pt.neg(c)).eval({ c: [-2, 3] }))).toEqual([2, 3]);
  });

  it('has the reductions, casts and shape helpers as methods', () => {
    const x = pt.dmatrix('x');
    const v = { x: [[1, 5], [3, 2]] };
    expect(pt.toNested(x.max({ axis: 0 }).eval(v))).toEqual([3, 5]);
    expect(pt.toNested(x.argmax({ axis: 1 }).eval(v))).toEqual([1n, 0n]);
    expect(x.astype('int32').dtype).toBe('int32');
    expect(pt.toNested(x.shape.eval(v))).toEqual([2n, 2n]);
    expect(pt.toNested(x.size.eval(v))).toBe(4n);
    expect(pt.toNested(x.clip(2, 4).eval(v))).toEqual([[2, 4], [3, 2]]);
    expect(pt.toNested(x.copy().eval(v))).toEqual([[1, 5], [3, 2]]);
  });
});

describe('more operator-table methods', () => {
  it('norm, conjugate, transfer and getUnderlyingScalarConstantValue', () => {
    const x = pt.dvector('x');
    expect(pt.toNested(x.norm(2).eval({ x: [3, 4] }))).toBeCloseTo(5, 14);
    expect(pt.toNested(x.norm(1).eval({ x: [3, -4] }))).toBe(7);
    expect(pt.toNested(x.norm(Infinity).eval({ x: [3, -4] }))).toBe(4);
    expect(x.conjugate().dtype).toBe('float64');
    expect(x.transfer('cpu')).toBe(x);
    expect(() => x.transfer('gpu')).toThrow(/'cpu' \(the only device\)/);
    expect(pt.constant(3).dimshuffle('x').getUnderlyingScalarConstantValue()).toBe(3);
    expect(() => x.getUnderlyingScalarConstantValue()).toThrow(pt.NotScalarConstantError);
  });
});

describe('indexing methods', () => {
  it('x.get / set / inc as DESIGN.md describes', () => {
    const x = pt.dmatrix('x');
    const v = { x: [[1, 2, 3], [4, 5, 6]] };
    expect(pt.toNested(x.get(1).eval(v))).toEqual([4, 5, 6]);
    expect(pt.toNested(x.get(':', '::-1').eval(v))).toEqual([[3, 2, 1], [6, 5, 4]]);
    expect(pt.toNested(x.get(pt.slice(null, null, 2), pt.newaxis, 0).eval(v))).toEqual([[1]]);
    expect(pt.toNested(x.get([1, 0]).eval(v))).toEqual([[4, 5, 6], [1, 2, 3]]);
    expect(pt.toNested(x.get(x.gt(3)).eval(v))).toEqual([4, 5, 6]);
    expect(pt.toNested(x.get(1).set(0).eval(v))).toEqual([[1, 2, 3], [0, 0, 0]]);
    expect(pt.toNested(x.get(0, 1).inc(10).eval(v))).toEqual([[1, 12, 3], [4, 5, 6]]);
    const d = pt.dvector('d');
    expect(pt.toNested(d.get([0, 0]).inc(1).eval({ d: [0, 0] }))).toEqual([2, 0]);
    expect(pt.toNested(d.get([0, 0]).inc(1, { ignoreDuplicates: true }).eval({ d: [0, 0] }))).toEqual([1, 0]);
    expect(pt.toNested(d.repeat(2).eval({ d: [1, 2] }))).toEqual([1, 1, 2, 2]);
  });
});

describe('methods of the remaining functions', () => {
  it('sort, argsort, cumsum, diagonal, trace, take, compress, choose, nonzero', () => {
    const v = pt.dvector('v');
    const m = pt.dmatrix('m');
    const vv = { v: [3, 1, 2] };
    const mv = { m: [[1, 2], [3, 4]] };
    expect(pt.toNested(v.sort().eval(vv))).toEqual([1, 2, 3]);
    expect(pt.toNested(v.argsort().eval(vv))).toEqual([1n, 2n, 0n]);
    expect(pt.toNested(v.cumsum().eval(vv))).toEqual([3, 4, 6]);
    expect(pt.toNested(v.cumprod().eval(vv))).toEqual([3, 3, 6]);
    expect(pt.toNested(m.diagonal().eval(mv))).toEqual([1, 4]);
    expect(pt.toNested(m.trace().eval(mv))).toBe(5);
    expect(pt.toNested(v.take([2, 0]).eval(vv))).toEqual([2, 3]);
    expect(pt.toNested(v.compress([true, false, true]).eval(vv))).toEqual([3, 2]);
    expect(pt.toNested(pt.constant([1, 0]).choose([[10, 20], [30, 40]]).eval())).toEqual([30, 20]);
    expect(v.nonzero().map((i) => pt.toNested(i.eval({ v: [0, 5, 6] })))).toEqual([[1n, 2n]]);
    expect(pt.toNested(v.nonzeroValues().eval({ v: [0, 5, 6] }))).toEqual([5, 6]);
  });
});

describe('linear algebra methods', () => {
  it('x.dot(y) and x.matmul(y)', () => {
    const a = pt.dmatrix('a');
    const b = pt.dmatrix('b');
    const v = { a: [[1, 2], [3, 4]], b: [[5], [6]] };
    expect(pt.toNested(a.dot(b).eval(v))).toEqual([[17], [39]]);
    expect(pt.toNested(a.matmul(b).eval(v))).toEqual([[17], [39]]);
  });
});
