import { debugprint } from '@proj/graph';
import * as pt from '@proj/tensor';
import { addNegToSub, mulNeg, negMulConst, negNeg, singleInputAddMul, subNegToAdd, subSelf } from '../../src';
import { ops, rewriteAndCompare } from './check';

const x = pt.dmatrix('x');
const y = pt.dmatrix('y');
const strip = (s: string) => s.trim().replace(/ \d+$/gm, '');

describe('subSelf', () => {
  it('x - x -> zeros shaped like x', () => {
    const { fg, fired } = rewriteAndCompare([x], [pt.sub(pt.exp(x), pt.exp(x)).sum()], subSelf, { fold: true });
    expect(fired).toBe(0); // two different exp nodes: not the same Variable until merged
    const e = pt.exp(x);
    const r = rewriteAndCompare([x], [pt.sub(e, e)], subSelf, { shapes: [[2, 3]] });
    expect(r.fired).toBe(1);
    expect(strip(debugprint(r.fg))).toBe(['Elemwise{second} [id A]', ' ├─ Elemwise{exp} [id B]', ' │  └─ x [id C]', ' └─ [[0]] [id D]'].join('\n'));
    expect(ops(fg)).toContain('Elemwise{sub}');
  });

  it('keeps the dtype: int32 - int32 gives int32 zeros', () => {
    const i = pt.ivector('i');
    const { fg } = rewriteAndCompare([i], [pt.sub(i, i)], subSelf);
    expect(ops(fg)).toEqual(['Elemwise{second}']);
    expect((fg.outputs[0] as pt.TensorVariable).dtype).toBe('int32');
  });

  it('does not fire on x - y', () => {
    expect(rewriteAndCompare([x, y], [pt.sub(x, y)], subSelf).fired).toBe(0);
  });
});

describe('subNegToAdd / addNegToSub', () => {
  it('x - (-y) -> x + y', () => {
    const { fg, fired } = rewriteAndCompare([x, y], [pt.sub(x, pt.neg(y))], subNegToAdd);
    expect(fired).toBe(1);
    expect(ops(fg)).toEqual(['Elemwise{add}']);
    expect(fg.outputs[0]!.owner!.inputs.map(String)).toEqual(['x', 'y']);
  });

  it('x + (-y) -> x - y, in either order', () => {
    for (const out of [pt.add(x, pt.neg(y)), pt.add(pt.neg(y), x)]) {
      const { fg, fired } = rewriteAndCompare([x, y], [out], addNegToSub);
      expect(fired).toBe(1);
      expect(ops(fg)).toEqual(['Elemwise{sub}']);
      expect(fg.outputs[0]!.owner!.inputs.map(String)).toEqual(['x', 'y']);
    }
  });

  it('keeps broadcasting: a row minus -(a matrix) still gives the matrix shape', () => {
    const row = pt.tensor({ dtype: 'float64', shape: [1, null] });
    const { fg, fired } = rewriteAndCompare([row, y], [pt.sub(row, pt.neg(y))], subNegToAdd, { shapes: [[1, 4], [3, 4]] });
    expect(fired).toBe(1);
    expect(ops(fg)).toEqual(['Elemwise{add}']);
  });

  it('do not fire when neg wraps in a narrower integer dtype (neg of uint8 1 is 255)', () => {
    // Found by the differential tests: float64 x + neg(uint8 u) is x + 255, not x - 1.
    const u = pt.tensor('u', { dtype: 'uint8', shape: [null] });
    const v = pt.tensor('v', { dtype: 'int8', shape: [null] });
    expect(rewriteAndCompare([y, u], [pt.add(y, pt.neg(u))], addNegToSub).fired).toBe(0);
    expect(rewriteAndCompare([y, u], [pt.sub(y, pt.neg(u))], subNegToAdd).fired).toBe(0);
    expect(rewriteAndCompare([y, v], [pt.mul(y, pt.neg(v))], mulNeg).fired).toBe(0);
    expect(rewriteAndCompare([v], [pt.neg(pt.mul(pt.constant(1, { dtype: 'uint8' }), v))], negMulConst).fired).toBe(0);
    // In the same dtype the wrap-around arithmetic agrees, and they fire.
    expect(rewriteAndCompare([u, u.add(1)].slice(0, 1), [pt.add(u, pt.neg(u.mul(2)))], addNegToSub).fired).toBe(1);
  });

  it('do not fire without a neg', () => {
    expect(rewriteAndCompare([x, y], [pt.sub(x, pt.exp(y))], subNegToAdd).fired).toBe(0);
    expect(rewriteAndCompare([x, y], [pt.add(x, y, pt.neg(y))], addNegToSub).fired).toBe(0);
  });
});

describe('negMulConst', () => {
  it('-(2 * x) -> (-2) * x', () => {
    const { fg, fired } = rewriteAndCompare([x], [pt.neg(pt.mul(2, x))], negMulConst);
    expect(fired).toBe(1);
    expect(ops(fg)).toEqual(['Elemwise{mul}']);
    expect(strip(debugprint(fg))).toBe(['Elemwise{mul} [id A]', ' ├─ [[-2]] [id B]', ' └─ x [id C]'].join('\n'));
  });

  it('does not fire when the product has another client or no constant', () => {
    const m = pt.mul(2, x);
    expect(rewriteAndCompare([x], [pt.neg(m), m], negMulConst).fired).toBe(0);
    expect(rewriteAndCompare([x, y], [pt.neg(pt.mul(x, y))], negMulConst).fired).toBe(0);
  });
});

describe('singleInputAddMul', () => {
  it('add(x) -> x and mul(x) -> x', () => {
    const add1 = new pt.Elemwise(pt.scalarAdd).call(pt.exp(x)) as pt.TensorVariable;
    const mul1 = new pt.Elemwise(pt.scalarMul).call(pt.exp(x)) as pt.TensorVariable;
    const { fg, fired } = rewriteAndCompare([x], [add1, mul1], singleInputAddMul);
    expect(fired).toBe(2);
    expect(ops(fg)).toEqual(['Elemwise{exp}', 'Elemwise{exp}']);
  });

  it('does not fire on two inputs', () => {
    expect(rewriteAndCompare([x, y], [pt.add(x, y)], singleInputAddMul).fired).toBe(0);
  });
});

describe('mulNeg', () => {
  it('x * (-y) -> -(x * y)', () => {
    const { fg, fired } = rewriteAndCompare([x, y], [pt.mul(x, pt.neg(y))], mulNeg);
    expect(fired).toBe(1);
    expect(strip(debugprint(fg))).toBe(['Elemwise{neg} [id A]', ' └─ Elemwise{mul} [id B]', '    ├─ x [id C]', '    └─ y [id D]'].join('\n'));
  });

  it('(-x) * (-y) -> x * y, and with a constant the sign ends in it', () => {
    expect(ops(rewriteAndCompare([x, y], [pt.mul(pt.neg(x), pt.neg(y))], mulNeg).fg)).toEqual(['Elemwise{mul}']);
    const { fg } = rewriteAndCompare([x, y], [pt.mul(pt.neg(x), 3, y)], [mulNeg, negMulConst, negNeg]);
    expect(strip(debugprint(fg))).toBe(['Elemwise{mul} [id A]', ' ├─ x [id B]', ' ├─ [[-3]] [id C]', ' └─ y [id D]'].join('\n'));
  });

  it('does not take a neg that has another client', () => {
    const n = pt.neg(y);
    expect(rewriteAndCompare([x, y], [pt.mul(x, n), n], mulNeg).fired).toBe(0);
  });
});
