// SamplingDot, Usmm and SpSum against SciPy fixtures (tools/fixtures/gen_sparse_dot.py).
import { ArgumentError, ShapeError, TypeMismatchError, evaluate } from '@proj/graph';
import * as pt from '@proj/tensor';
import { CompressedMatrix } from '../src/values/compressed';
import { SparseType } from '../src/type/sparse-type';
import { asSparseVariable } from '../src/type/as-sparse';
import { SamplingDot, samplingDot } from '../src/ops/sampling-dot';
import { Usmm, usmm } from '../src/ops/usmm';
import { SpSum, spSum } from '../src/ops/sp-sum';
import { denseOf, expectClose, flat, loadDotFixtures, sparseOf } from './ops-dot-helpers';

const fx = loadDotFixtures();
const ev = (v: any): any => evaluate([v], new Map())[0];

describe('SamplingDot', () => {
  it.each(fx.sampling as any[])('$name: values on p\'s pattern, p untouched', (c: any) => {
    const p = sparseOf(c.p);
    const before = Array.from(p.data as Float64Array);
    const o = samplingDot(denseOf(c.x), denseOf(c.y), p);
    expect(o.format).toBe(c.p.format);
    const v = ev(o) as CompressedMatrix;
    expect(Array.from(v.indices)).toEqual(c.p.indices);
    expect(Array.from(v.indptr)).toEqual(c.p.indptr);
    expectClose(Array.from(v.data as Float64Array), c.outData);
    expectClose(flat(v.toarray()), c.dense.values);
    expect(Array.from(p.data as Float64Array)).toEqual(before);
  });
  it('errors and inferShape', () => {
    const p = new SparseType('csr', 'float64', [4, 5]).makeVariable();
    const x = new pt.TensorType('float64', [4, 3]).makeVariable();
    expect(() => samplingDot(x, new pt.TensorType('float64', [5, 2]).makeVariable(), p)).toThrow(ShapeError);
    expect(() => samplingDot(x, new pt.TensorType('float64', [6, 3]).makeVariable(), p)).toThrow(ShapeError);
    expect(() => samplingDot(x, pt.dmatrix(), pt.dmatrix())).toThrow(TypeMismatchError);
    const o = new SamplingDot().call(x, new pt.TensorType('float64', [5, 3]).makeVariable(), p);
    expect((o.owner!.op as SamplingDot).inferShape(undefined, o.owner!, [[4, 3], [5, 3], [4, 5]])).toEqual([[4, 5]]);
  });
});

describe('Usmm', () => {
  it.each(fx.usmm as any[])('$name', (c: any) => {
    const x = c.x ? asSparseVariable(sparseOf(c.x)) : pt.asTensorVariable(denseOf(c.xDense));
    const y = c.y ? pt.asTensorVariable(denseOf(c.y)) : asSparseVariable(sparseOf(c.ySparse));
    const o = usmm(c.alpha, x, y, denseOf(c.z));
    expect(o.owner!.op).toBeInstanceOf(Usmm);
    expectClose(flat(ev(o)), c.out.values);
  });
  it('errors', () => {
    const x = new SparseType('csr', 'float64', [4, 3]).makeVariable();
    expect(() => usmm(1, x, new pt.TensorType('float64', [3, 2]).makeVariable(), new pt.TensorType('float64', [4, 5]).makeVariable())).toThrow(ShapeError);
    expect(() => usmm(1, x, new pt.TensorType('float64', [2, 2]).makeVariable(), pt.dmatrix())).toThrow(ShapeError);
    expect(() => usmm(1, pt.dmatrix(), pt.dmatrix(), pt.dmatrix())).toThrow(TypeMismatchError);
    expect(() => new Usmm().call(pt.dvector(), x, pt.dmatrix(), pt.dmatrix())).toThrow(TypeMismatchError);
  });
});

describe('SpSum', () => {
  it.each(fx.spsum as any[])('$name: all, axis 0, axis 1 (duplicates and explicit zeros)', (c: any) => {
    const x = sparseOf(c.x);
    expectClose(flat(ev(spSum(x))), [c.all]);
    const s0 = spSum(x, { axis: 0 });
    expect(s0.ndim).toBe(1);
    expectClose(flat(ev(s0)), c.axis0);
    expectClose(flat(ev(spSum(x, { axis: 1 }))), c.axis1);
    expectClose(flat(ev(spSum(x, { axis: -1 }))), c.axis1);
  });
  it('props, shapes and errors', () => {
    expect(new SpSum().props).toEqual({ axis: null, sparseGrad: true });
    expect((spSum(sparseOf(fx.spsum[0].x)).owner!.op as SpSum).props.sparseGrad).toBe(false);
    expect(() => new SpSum({ axis: 2 })).toThrow(ArgumentError);
    const x = new SparseType('csc', 'float32', [4, 5]).makeVariable();
    const o = spSum(x, { axis: 0 });
    expect(o.type.shape).toEqual([5]);
    expect(o.dtype).toBe('float32');
    expect(spSum(x).ndim).toBe(0);
    expect(() => spSum(pt.dmatrix())).toThrow(TypeMismatchError);
  });
});
