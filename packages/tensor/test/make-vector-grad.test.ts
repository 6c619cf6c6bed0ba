import * as pt from '../src';

describe('MakeVector gradient', () => {
  it('gives element i of the output gradient to input i, in the input dtype', () => {
    const a = pt.dscalar('a');
    const b = pt.fscalar('b');
    const v = pt.makeVector([a, b]);
    const gz = pt.dvector('gz');
    const [ga, gb] = v.owner!.op.grad(v.owner!.inputs, [gz]) as pt.TensorVariable[];
    expect(ga!.dtype).toBe('float64');
    expect(gb!.dtype).toBe('float32');
    expect(pt.toNested(ga!.eval({ gz: [3, 4] }))).toBe(3);
    expect(pt.toNested(gb!.eval({ gz: [3, 4] }))).toBe(4);
  });
});
