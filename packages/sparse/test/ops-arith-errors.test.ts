// Sparse arithmetic Ops: type, shape and dtype errors (static and at run time),
// inferShape, output Types, and inputs left untouched.
import { DtypeError, NodeError, ShapeError, TypeMismatchError, type Apply, type Variable } from '@proj/graph';
import * as pt from '@proj/tensor';
import { TensorType, TensorVariable } from '@proj/tensor';
import { csrMatrix as csrValue, cscMatrix as cscValue } from '../src/values/construct';
import { CSRMatrix } from '../src/values/compressed';
import { SparseType } from '../src/type/sparse-type';
import { SparseVariable } from '../src/type/sparse-variable';
import { AddSD, AddSS, AddSSData, MulSD, MulSS, MulSV, StructuredAddSV, add, addSSData, mul, mulSV, structuredAddSV, sub } from '../src/ops/arith';
import { EqualSD, EqualSS, LessThanSD, eq, gt, lt } from '../src/ops/compare';
import { colScale, rowScale } from '../src/ops/scale';
import { StructuredElemwise, structuredPow } from '../src/ops/structured';
import { sin, sqr, sign, floor } from '../src/ops/unary';

const sp = (shape: [number | null, number | null] = [null, null], format: 'csr' | 'csc' = 'csr', dtype: pt.Dtype = 'float64') =>
  new SparseType(format, dtype, shape).makeVariable();
const dense = (shape: (number | null)[], dtype: pt.Dtype = 'float64') => new TensorType(dtype, shape).makeVariable();

function runtimeError(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e instanceof NodeError ? e.cause : e;
  }
  throw new Error('expected an error');
}

describe('static shape checks', () => {
  it.each([
    ['add ss', () => add(sp([3, 4]), sp([2, 4]))],
    ['add sd', () => add(sp([3, 4]), dense([3, 5]))],
    ['mul ss', () => mul(sp([3, 4]), sp([3, 5]))],
    ['mul sd', () => mul(sp([3, 4]), dense([4, 3]))],
    ['sub', () => sub(sp([3, 4]), sp([4, 4]))],
    ['eq ss', () => eq(sp([3, 4]), sp([2, 4]))],
    ['lt sd', () => lt(sp([3, 4]), dense([2, 4]))],
    ['addSSData', () => addSSData(sp([3, 4]), sp([3, 2]))],
  ])('%s -> ShapeError naming both shapes', (_n, f) => {
    expect(f).toThrow(ShapeError);
    expect(f).toThrow(/\(3, 4\)/);
  });
  it('vectors must match the columns (MulSV, StructuredAddSV, colScale) or rows (rowScale)', () => {
    expect(() => mulSV(sp([3, 4]), dense([3]))).toThrow(ShapeError);
    expect(() => structuredAddSV(sp([3, 4]), dense([5]))).toThrow(ShapeError);
    expect(() => colScale(sp([3, 4]), dense([3]))).toThrow(/length 4/);
    expect(() => rowScale(sp([3, 4]), dense([4]))).toThrow(/length 3/);
  });
  it('unknown static shapes pass makeNode and fail at run time with both shapes', () => {
    const x = sp(), y = sp();
    const e = runtimeError(() => add(x, y).eval(new Map<Variable, unknown>([[x, csrValue([[1, 0, 0]])], [y, csrValue([[1, 0], [0, 1]])]])));
    expect(e).toBeInstanceOf(ShapeError);
    expect(String((e as Error).message)).toMatch(/\(1, 3\).*\(2, 2\)/);
    const d = dense([null, null]);
    const e2 = runtimeError(() => mul(x, d).eval(new Map<Variable, unknown>([[x, csrValue([[1, 0, 0]])], [d, pt.asTensorVariable([[1, 2]]).eval()]])));
    expect(e2).toBeInstanceOf(ShapeError);
    const v = dense([null]);
    const e3 = runtimeError(() => colScale(x, v).eval(new Map<Variable, unknown>([[x, csrValue([[1, 0, 0]])], [v, pt.asTensorVariable([1, 2]).eval()]])));
    expect(e3).toBeInstanceOf(ShapeError);
  });
  it('AddSSData refuses different patterns at run time', () => {
    const x = sp(), y = sp();
    const e = runtimeError(() => addSSData(x, y).eval(new Map<Variable, unknown>([[x, csrValue([[1, 0]])], [y, csrValue([[0, 1]])]])));
    expect(e).toBeInstanceOf(ShapeError);
  });
});

describe('type errors', () => {
  it('needs sparse operands where the Op says so', () => {
    expect(() => new AddSS().call(dense([2, 2]), sp())).toThrow(TypeMismatchError);
    expect(() => new AddSD().call(sp(), dense([2]))).toThrow(/ndim 2/);
    expect(() => new MulSD().call(sp(), dense([2]))).toThrow(TypeMismatchError);
    expect(() => add(dense([2, 2]), dense([2, 2]))).toThrow(/at least one sparse/);
    expect(() => new AddSSData().call(sp([null, null], 'csr'), sp([null, null], 'csc'))).toThrow(/csr/);
  });
  it('refuses complex and 64-bit integer data with a DtypeError where the kernels read JS numbers (comparisons, scaling)', () => {
    // add and mul handle them (test/dtypes.test.ts).
    expect(() => eq(sp([null, null], 'csr', 'complex128'), sp())).toThrow(DtypeError);
    expect(() => colScale(sp([null, null], 'csr', 'int64'), dense([2]))).toThrow(DtypeError);
  });
  it('structuredPow needs a scalar exponent', () => {
    expect(() => structuredPow(sp(), dense([2]))).toThrow(/scalar/);
    expect(() => new StructuredElemwise('pow').call(sp())).toThrow(/parameter/);
  });
});

describe('output Types', () => {
  it('follow SciPy: sparse+sparse sparse, sparse+dense dense, mul sparse, comparisons bool', () => {
    const x = sp([3, 4], 'csc', 'float32');
    expect(add(x, sp([null, 4], 'csr', 'int32'))).toBeInstanceOf(SparseVariable);
    expect((add(x, sp([null, 4], 'csr', 'int32')) as SparseVariable).type.toString()).toBe('SparseType(csc, float64, shape=(3, 4))');
    expect(add(x, dense([null, null]))).toBeInstanceOf(TensorVariable);
    expect((add(x, dense([null, null], 'float32')) as TensorVariable).type.shape).toEqual([3, 4]);
    expect(mul(x, dense([3, 4]))).toBeInstanceOf(SparseVariable);
    expect(mul(dense([4]), x).owner!.op).toBeInstanceOf(MulSV);
    expect(eq(x, sp()).owner!.op).toBeInstanceOf(EqualSS);
    expect((eq(x, sp()) as SparseVariable).type.dtype).toBe('bool');
    expect(gt(dense([null, null]), x).owner!.op).toBeInstanceOf(LessThanSD); // d > s is s < d
    expect(eq(x, dense([null, null])).owner!.op).toBeInstanceOf(EqualSD);
    expect((gt(dense([null, null]), x) as TensorVariable).type.dtype).toBe('bool');
    expect(sin(sp([null, null], 'csr', 'int8')).type.dtype).toBe('float32');
    expect(sqr(sp([null, null], 'csr', 'int32')).type.dtype).toBe('int32');
    expect(sign(x).type.dtype).toBe('float32');
    expect(floor(sp([null, null], 'csr', 'int32')).type.dtype).toBe('float64');
    expect(structuredAddSV(sp([2, null]), dense([5])).type.shape).toEqual([2, 5]);
  });
  it('Ops are values: equal props, equal Ops', () => {
    expect(new AddSS().equals(new AddSS())).toBe(true);
    expect(new StructuredElemwise('sin').equals(new StructuredElemwise('sin'))).toBe(true);
    expect(new StructuredElemwise('sin').equals(new StructuredElemwise('tan'))).toBe(false);
    expect(new MulSS().equals(new AddSS())).toBe(false);
    expect(new StructuredAddSV().toString()).toBe('StructuredAddSV');
  });
});

describe('inferShape', () => {
  it('gives the sparse input shape', () => {
    const x = sp(), y = sp();
    for (const out of [add(x, y), mul(x, y), sin(x), colScale(x, dense([null])), eq(x, y)]) {
      const node = out.owner as Apply;
      const shapes = node.inputs.map((_v, i) => (i === 0 ? [3, 4] : [3, 4]));
      expect(node.op.inferShape!(undefined, node, shapes)).toEqual([[3, 4]]);
    }
  });
});

describe('mixed formats and inputs', () => {
  it('csr + csc gives csr (the first format) without changing the inputs', () => {
    const a = csrValue([[1, 0, 2], [0, 0, 3]]);
    const b = cscValue([[0, 1, -2], [4, 0, 0]]);
    const before = [Array.from(b.data as Float64Array), Array.from(b.indices)];
    const x = sp(), y = sp([null, null], 'csc');
    const got = add(x, y).eval(new Map<Variable, unknown>([[x, a], [y, b]])) as ReturnType<typeof csrValue>;
    expect(got.format).toBe('csr');
    expect(pt.toNested(got.toarray())).toEqual([[1, 1, 0], [4, 0, 3]]);
    expect(got.nnz).toBe(4); // 2 + -2 is not stored
    expect([Array.from(b.data as Float64Array), Array.from(b.indices)]).toEqual(before);
  });
});

describe('structured functions keep the stored pattern', () => {
  it('explicit zeros, duplicates and the index order of the input stay', () => {
    const a = new CSRMatrix({ data: [0.5, 0, 2, 1], indices: [2, 0, 1, 1], indptr: [0, 2, 4], shape: [2, 3] });
    const x = sp();
    const got = sin(x).eval(new Map<Variable, unknown>([[x, a]])) as typeof a;
    expect(Array.from(got.indices)).toEqual([2, 0, 1, 1]);
    expect(Array.from(got.indptr)).toEqual([0, 2, 4]);
    expect(Array.from(got.data as Float64Array)).toEqual([Math.sin(0.5), 0, Math.sin(2), Math.sin(1)]);
    expect(Array.from(a.data as Float64Array)).toEqual([0.5, 0, 2, 1]);
    expect(new StructuredElemwise('sin').toString()).toBe('Structured{sin}');
  });
});
