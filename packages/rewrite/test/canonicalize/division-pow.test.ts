import { debugprint } from '@proj/graph';
import * as pt from '@proj/tensor';
import { divByConst, divSelf, powOne, powZero, zeroDiv } from '../../src';
import { ops, rewriteAndCompare } from './check';

const x = pt.dmatrix('x');
const y = pt.dmatrix('y');
const strip = (s: string) => s.trim().replace(/ \d+$/gm, '');

describe('divSelf', () => {
  it('x / x -> ones shaped like x, of the output dtype (float64 for int32 / int32)', () => {
    const i = pt.imatrix('i');
    const { fg, fired } = rewriteAndCompare([i], [pt.trueDiv(i, i)], divSelf, { shapes: [[2, 3]] });
    expect(fired).toBe(1);
    expect(strip(debugprint(fg))).toBe(['Elemwise{second} [id A]', ' ├─ i [id B]', ' └─ [[1]] [id C]'].join('\n'));
    expect((fg.outputs[0] as pt.TensorVariable).dtype).toBe('float64');
  });

  it('does not fire on x / y', () => {
    expect(rewriteAndCompare([x, y], [pt.trueDiv(x, y)], divSelf).fired).toBe(0);
  });
});

describe('zeroDiv', () => {
  it('0 / x -> zeros shaped like x', () => {
    const { fg, fired } = rewriteAndCompare([x], [pt.trueDiv(0, x)], zeroDiv, { shapes: [[4, 2]] });
    expect(fired).toBe(1);
    expect(ops(fg)).toEqual(['Elemwise{second}']);
  });

  it('does not fire on a vector of zeros (it could broadcast x)', () => {
    const v = pt.dvector('v');
    expect(rewriteAndCompare([v], [pt.trueDiv(pt.constant([0, 0, 0], { dtype: 'float64' }), v)], zeroDiv, { shapes: [[1]] }).fired).toBe(0);
  });
});

describe('divByConst', () => {
  it('x / 4 -> x * 0.25', () => {
    const { fg, fired } = rewriteAndCompare([x], [pt.trueDiv(x, 4)], divByConst);
    expect(fired).toBe(1);
    expect(strip(debugprint(fg))).toBe(['Elemwise{mul} [id A]', ' ├─ x [id B]', ' └─ [[0.25]] [id C]'].join('\n'));
  });

  it('keeps float32 and int inputs exact in Type (int16 / 3 is floatX)', () => {
    const f = pt.fvector('f');
    const s = pt.tensor({ dtype: 'int16', shape: [null] });
    const r = rewriteAndCompare([f, s], [pt.trueDiv(f, 3), pt.trueDiv(s, 3)], divByConst);
    expect(r.fired).toBe(2);
    expect(r.fg.outputs.map((o) => (o as pt.TensorVariable).dtype)).toEqual(['float32', 'float64']);
  });

  it('does not fire for a zero divisor, an integer division or a non-constant divisor', () => {
    expect(rewriteAndCompare([x], [pt.trueDiv(x, 0)], divByConst).fired).toBe(0);
    expect(rewriteAndCompare([x, y], [pt.trueDiv(x, y)], divByConst).fired).toBe(0);
    const i = pt.ivector('i');
    expect(rewriteAndCompare([i], [pt.intDiv(i, 2)], divByConst).fired).toBe(0);
  });
});

describe('powZero / powOne', () => {
  it('x ** 0 -> ones shaped like x', () => {
    const { fg, fired } = rewriteAndCompare([x], [pt.pow(x, 0)], powZero);
    expect(fired).toBe(1);
    expect(strip(debugprint(fg))).toBe(['Elemwise{second} [id A]', ' ├─ x [id B]', ' └─ [[1]] [id C]'].join('\n'));
  });

  it('x ** 1 -> x, cast when the exponent widens the dtype', () => {
    expect(ops(rewriteAndCompare([x], [pt.pow(x, 1)], powOne).fg)).toEqual([]);
    const b = pt.tensor({ dtype: 'int8', shape: [null] });
    const { fg } = rewriteAndCompare([b], [pt.pow(b, pt.constant(1, { dtype: 'int32' }))], powOne);
    expect(ops(fg)).toEqual(['Elemwise{Cast{int32}}']);
  });

  it('leave other exponents to specialize', () => {
    expect(rewriteAndCompare([x], [pt.pow(x, 2)], [powZero, powOne]).fired).toBe(0);
    expect(rewriteAndCompare([x, y], [pt.pow(x, y)], [powZero, powOne]).fired).toBe(0);
  });
});
