import { debugprint } from '@proj/graph';
import * as pt from '@proj/tensor';
import { collectAddConstants, collectMulConstants, flattenAdd, flattenMul } from '../../src';
import { ops, rewriteAndCompare } from './check';

const x = pt.dvector('x');
const y = pt.dvector('y');
const z = pt.dvector('z');
const strip = (s: string) => s.trim().replace(/ \d+$/gm, '');

describe('flattenAdd / flattenMul', () => {
  it('add(add(x, y), z) -> add(x, y, z)', () => {
    const { fg, fired } = rewriteAndCompare([x, y, z], [pt.add(pt.add(x, y), z)], flattenAdd);
    expect(fired).toBe(1);
    expect(strip(debugprint(fg))).toBe(['Elemwise{add} [id A]', ' ├─ x [id B]', ' ├─ y [id C]', ' └─ z [id D]'].join('\n'));
  });

  it('mul(x, mul(y, mul(z, x))) -> mul(x, y, z, x)', () => {
    const { fg, fired } = rewriteAndCompare([x, y, z], [pt.mul(x, pt.mul(y, pt.mul(z, x)))], flattenMul);
    expect(fired).toBe(2);
    expect(ops(fg)).toEqual(['Elemwise{mul}']);
    expect(fg.outputs[0]!.owner!.inputs.map(String)).toEqual(['x', 'y', 'z', 'x']);
  });

  it('keeps broadcasting (a matrix plus a vector sum)', () => {
    const m = pt.dmatrix('m');
    const { fg, fired } = rewriteAndCompare([m, x, y], [pt.add(m, pt.add(x, y).dimshuffle('x', 0))], flattenAdd, { shapes: [[2, 3], [3], [1]] });
    expect(fired).toBe(0); // the inner sum is behind a DimShuffle: not flattened by this rewrite alone
    const row = pt.tensor({ dtype: 'float64', shape: [1, null] });
    const r = rewriteAndCompare([m, row], [pt.add(m, pt.add(row, row))], flattenAdd, { shapes: [[2, 3], [1, 3]] });
    expect(r.fired).toBe(1);
    expect(ops(fg)).toEqual(['Elemwise{add}', 'DimShuffle{(x,0)}', 'Elemwise{add}']);
  });

  it('does not flatten an inner node with another client', () => {
    const inner = pt.add(x, y);
    expect(rewriteAndCompare([x, y, z], [pt.add(inner, z), inner], flattenAdd).fired).toBe(0);
  });

  it('does not flatten an inner node of a narrower dtype (int8 wraps before the int16 sum)', () => {
    const a = pt.tensor({ dtype: 'int8', shape: [null] });
    const b = pt.tensor({ dtype: 'int16', shape: [null] });
    expect(rewriteAndCompare([a, b], [pt.add(pt.add(a, a), b)], flattenAdd).fired).toBe(0);
  });
});

describe('collectAddConstants / collectMulConstants', () => {
  it('add(x, 1, 2) -> add(x, 3)', () => {
    const { fg, fired } = rewriteAndCompare([x], [pt.add(x, 1, 2)], collectAddConstants);
    expect(fired).toBe(1);
    expect(strip(debugprint(fg))).toBe(['Elemwise{add} [id A]', ' ├─ x [id B]', ' └─ [3] [id C]'].join('\n'));
  });

  it('mul(2, mul(3, x)) -> mul(6, x) with flattening', () => {
    const { fg } = rewriteAndCompare([x], [pt.mul(2, pt.mul(3, x))], [flattenMul, collectMulConstants]);
    expect(strip(debugprint(fg))).toBe(['Elemwise{mul} [id A]', ' ├─ [6] [id B]', ' └─ x [id C]'].join('\n'));
  });

  it('drops the neutral constant: add(x, y, 2, -2) -> add(x, y); mul(x, 0.5, 2) -> x', () => {
    const r1 = rewriteAndCompare([x, y], [pt.add(x, y, 2, -2)], collectAddConstants);
    expect(strip(debugprint(r1.fg))).toBe(['Elemwise{add} [id A]', ' ├─ x [id B]', ' └─ y [id C]'].join('\n'));
    const r2 = rewriteAndCompare([x], [pt.mul(x, 0.5, 2)], collectMulConstants);
    expect(ops(r2.fg)).toEqual([]);
  });

  it('combines in the output dtype: int8 constants 100 + 100 added to a float32 are 200', () => {
    const f = pt.fvector('f');
    const { fg } = rewriteAndCompare([f], [pt.add(f, pt.constant(100, { dtype: 'int8' }), pt.constant(100, { dtype: 'int8' }))], collectAddConstants);
    const c = fg.outputs[0]!.owner!.inputs[1] as pt.TensorConstant;
    expect(c.dtype).toBe('float32');
    expect(pt.toNested(c.data)).toEqual([200]);
  });

  it('does not fire with a single non-neutral constant, or with a constant vector', () => {
    expect(rewriteAndCompare([x], [pt.add(x, 2)], collectAddConstants).fired).toBe(0);
    const v = pt.constant([1, 2, 3], { dtype: 'float64' });
    expect(rewriteAndCompare([x], [pt.mul(x, v, 2)], collectMulConstants).fired).toBe(0);
  });
});
