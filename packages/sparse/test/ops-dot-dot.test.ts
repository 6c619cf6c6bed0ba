// Dot and TrueDot against SciPy fixtures (tools/fixtures/gen_sparse_dot.py).
import { ShapeError, TypeMismatchError, evaluate } from '@proj/graph';
import * as pt from '@proj/tensor';
import { CompressedMatrix } from '../src/values/compressed';
import { SparseType } from '../src/type/sparse-type';
import { SparseVariable } from '../src/type/sparse-variable';
import { asSparseVariable } from '../src/type/as-sparse';
import { Dot, TrueDot, dot, trueDot } from '../src/ops/dot';
import { denseOf, expectClose, flat, loadDotFixtures, sparseOf } from './ops-dot-helpers';

const fx = loadDotFixtures();
const ev = (v: any): any => evaluate([v], new Map())[0];
const col0 = (d: { shape: number[]; values: number[] }) => d.values.filter((_, i) => i % d.shape[1]! === 0);
const row0 = (d: { shape: number[]; values: number[] }) => d.values.slice(0, d.shape[1]);

describe('Dot values (dense output)', () => {
  describe.each(fx.cases as any[])('$name', (c: any) => {
    it('sparse @ dense matrix and vector', () => {
      const a = asSparseVariable(sparseOf(c.a));
      const o = dot(a, denseOf(c.b));
      expect(o.owner!.op).toBeInstanceOf(Dot);
      expectClose(flat(ev(o)), c.ab.values);
      const bcol = pt.fromRaw('float64', new Float64Array(col0(c.b)), [c.b.shape[0]]);
      const ov = dot(a, bcol);
      expect(ov.ndim).toBe(1);
      expectClose(flat(ev(ov)), col0(c.ab));
    });
    it('dense @ sparse, matrix and vector', () => {
      const a = asSparseVariable(sparseOf(c.a));
      expectClose(flat(ev(dot(denseOf(c.x), a))), c.xa.values);
      const xrow = pt.fromRaw('float64', new Float64Array(row0(c.x)), [c.x.shape[1]]);
      const ov = dot(xrow, a);
      expect(ov.ndim).toBe(1);
      expectClose(flat(ev(ov)), row0(c.xa));
    });
    it('sparse @ sparse -> dense', () => {
      const o = dot(asSparseVariable(sparseOf(c.a)), asSparseVariable(sparseOf(c.s2)));
      expect(o).toBeInstanceOf(pt.TensorVariable);
      expectClose(flat(ev(o)), c.as2.values);
    });
    it('trueDot: sparse output in the first format', () => {
      const a = asSparseVariable(sparseOf(c.a));
      const o1 = trueDot(a, denseOf(c.b));
      expect(o1.format).toBe(c.a.format);
      const v1 = ev(o1) as CompressedMatrix;
      expect(v1.format).toBe(c.a.format);
      expectClose(flat(v1.toarray()), c.ab.values);
      const v2 = ev(trueDot(a, asSparseVariable(sparseOf(c.s2)))) as CompressedMatrix;
      expect(v2.format).toBe(c.a.format);
      expectClose(flat(v2.toarray()), c.as2.values);
      const v3 = ev(trueDot(denseOf(c.x), a)) as CompressedMatrix;
      expectClose(flat(v3.toarray()), c.xa.values);
    });
  });

  it('inferShape, static shapes, props', () => {
    const a = new SparseType('csc', 'float64', [3, 4]).makeVariable('a');
    const b = new pt.TensorType('float64', [4, 7]).makeVariable('b');
    const o = new Dot().call(a, b) as pt.TensorVariable;
    expect(o.type.shape).toEqual([3, 7]);
    expect((o.owner!.op as Dot).inferShape(undefined, o.owner!, [[3, 4], [4, 7]])).toEqual([[3, 7]]);
    expect(new TrueDot().props.gradPreservesDense).toBe(true);
    expect(new TrueDot({ gradPreservesDense: false }).equals(new TrueDot())).toBe(false);
    const t = new TrueDot().call(a, b) as SparseVariable;
    expect(t.type.shape).toEqual([3, 7]);
    expect(t.format).toBe('csc');
  });

  it('shape mismatch: a ShapeError naming both shapes (NumPy style)', () => {
    const a = new SparseType('csr', 'float64', [3, 4]).makeVariable('a');
    const b = new pt.TensorType('float64', [5, 2]).makeVariable('b');
    expect(() => dot(a, b)).toThrow(ShapeError);
    expect(() => dot(a, b)).toThrow('shapes (3,4) and (5,2) not aligned: 4 (dim 1) != 5 (dim 0)');
    expect(() => dot(b, a)).toThrow('shapes (5,2) and (3,4) not aligned: 2 (dim 1) != 3 (dim 0)');
    expect(() => dot(a, new SparseType('csc', 'float64', [2, 2]).makeVariable())).toThrow(ShapeError);
    // at run time
    const av = sparseOf(fx.cases[0].a);
    expect(() => ev(dot(av, pt.fromRaw('float64', new Float64Array(4), [2, 2])))).toThrow(/shapes \(4,5\) and \(2,2\) not aligned/);
    expect(() => ev(dot(av, sparseOf(fx.cases[0].a)))).toThrow(/shapes \(4,5\) and \(4,5\) not aligned/);
  });

  it('typed errors', () => {
    expect(() => dot(pt.dmatrix('x'), pt.dmatrix('y'))).toThrow(TypeMismatchError);
    expect(() => dot(new SparseType('csr', 'float64').makeVariable(), pt.dtensor3('t'))).toThrow(TypeMismatchError);
    expect(() => new TrueDot().call(pt.dmatrix('x'), new SparseType('csr', 'float64').makeVariable())).toThrow(TypeMismatchError);
    expect(() => trueDot(pt.dmatrix('x'), pt.dmatrix('y'))).toThrow(TypeMismatchError);
  });
});
