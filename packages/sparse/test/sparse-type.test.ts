import { ShapeError, TypeMismatchError, config } from '@proj/graph';
import * as pt from '@proj/tensor';
import * as sp from '../src';

describe('SparseType, SparseVariable, constructors', () => {
  it('makes symbolic matrices with PyTensor names and values with SciPy-like calls', () => {
    const x = sp.csrMatrix('x');
    expect(x).toBeInstanceOf(sp.SparseVariable);
    expect(x.format).toBe('csr');
    expect(x.dtype).toBe(config.floatX);
    expect(sp.cscMatrix('y', 'float32').type.toString()).toBe('SparseType(csc, float32, shape=(?, ?))');
    const a = sp.csrMatrix([[1, 0, 2]]);
    expect(a).toBeInstanceOf(sp.CSRMatrix);
    expect(a.nnz).toBe(2);
  });

  it('filters values: converts format and safe dtypes, checks structure and static shape', () => {
    const t = new sp.SparseType('csc', 'float64', [2, null]);
    const csr = sp.csrMatrix([[1, 0], [0, 2]], { dtype: 'float32' });
    const v = t.filter(csr);
    expect(v.format).toBe('csc');
    expect(v.dtype).toBe('float64');
    expect(() => t.filter(csr, { strict: true })).toThrow(TypeMismatchError);
    expect(() => new sp.SparseType('csr', 'float32').filter(sp.csrMatrix([[0.1]]))).toThrow(/casts safely to float32/);
    expect(() => t.filter(sp.cscMatrix([[1, 2, 3]]))).toThrow(ShapeError);
    const bad = sp.csrMatrix([[1, 0], [0, 2]]);
    (bad.indices as Int32Array)[0] = 7;
    expect(() => new sp.SparseType('csr', 'float64').filter(bad)).toThrow(/out of range/);
  });

  it('evaluates a sparse input through the reference evaluator', () => {
    const x = sp.csrMatrix('x');
    const m = sp.csrMatrix([[0, 3]]);
    expect(x.eval({ x: m }).toarray().get(0, 1)).toBe(3);
  });

  it('as(Sparse|SparseOrTensor)Variable', () => {
    const c = sp.asSparseVariable(sp.csrMatrix([[1, 0]])) as sp.SparseConstant;
    expect(c).toBeInstanceOf(sp.SparseConstant);
    expect(c.signature()).toBe((sp.asSparse(sp.csrMatrix([[1, 0]])) as sp.SparseConstant).signature());
    expect(sp.asSparseOrTensorVariable([[1, 2]])).toBeInstanceOf(pt.TensorVariable);
    expect(() => sp.asSparseVariable([[1]])).toThrow(TypeMismatchError);
  });
});

describe('SparseVariable methods', () => {
  it('toarray, T, neg, astype, add/mul, comparisons', () => {
    const x = sp.csrMatrix('x');
    const m = sp.csrMatrix([[1, 0], [0, 2]]);
    const dense = (v: unknown) => pt.toNested((v as { toarray(): pt.NDArray }).toarray ? (v as { toarray(): pt.NDArray }).toarray() : (v as pt.NDArray));
    expect(pt.toNested(x.toarray().eval({ x: m }))).toEqual([[1, 0], [0, 2]]);
    expect(x.T.format).toBe('csc');
    expect(dense(x.neg().eval({ x: m }))).toEqual([[-1, -0], [-0, -2]].map((r) => r.map((v) => (v === 0 ? 0 : v))));
    expect(x.astype('float32').dtype).toBe('float32');
    expect(dense(x.add(x).eval({ x: m }))).toEqual([[2, 0], [0, 4]]);
    expect(dense(x.mul(x).eval({ x: m }))).toEqual([[1, 0], [0, 4]]);
    expect(dense(x.gt(x).eval({ x: m }))).toEqual([[false, false], [false, false]]);
  });
});
