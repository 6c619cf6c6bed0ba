// spOnesLike / spZerosLike, inferShape and argument errors of the
// construction, conversion and structural sparse Ops.
import { Apply, ShapeError, TypeMismatchError, type Variable } from '@proj/graph';
import { constant, toNested, type NDArray, type TensorVariable } from '@proj/tensor';
import { CSCMatrix, CSRMatrix } from '../src/values';
import { asSparseVariable } from '../src/type/as-sparse';
import { sparseMatrix } from '../src/type/constructors';
import { SparseType } from '../src/type/sparse-type';
import { DenseFromSparse, denseFromSparse } from '../src/ops/convert';
import { CSM, CSMGrad, CSMProperties, csr } from '../src/ops/csm';
import { Transpose, neg, spOnesLike, spZerosLike, transpose } from '../src/ops/structure';
import { Cast, bcast, ccast, dcast, fcast, icast, lcast, wcast, zcast } from '../src/ops/cast';
import { HStack, hstack, vstack, blockDiag } from '../src/ops/stack';
import { Diag, SquareDiagonal, diag } from '../src/ops/diag';

// Unsorted indices, an explicit zero and a duplicate.
const parts = { data: [3, 0, 1.5, 2, 4], indices: [2, 0, 1, 1, 0], indptr: [0, 2, 5], shape: [2, 3] };
const m = new CSRMatrix(parts);

describe('spOnesLike and spZerosLike', () => {
  it('ones on every stored entry, zeros kept as ones', () => {
    const out = spOnesLike(asSparseVariable(m)).eval();
    expect(out.format).toBe('csr');
    expect(Array.from(out.data as Float64Array)).toEqual([1, 1, 1, 1, 1]);
    expect(Array.from(out.indices)).toEqual(parts.indices);
    expect(Array.from(out.indptr)).toEqual(parts.indptr);
  });

  it('zeros like: nothing stored, same shape, format and dtype', () => {
    const c = new CSCMatrix({ ...parts, shape: [3, 2] }, { dtype: 'float32' });
    const out = spZerosLike(asSparseVariable(c)).eval();
    expect([out.format, out.dtype, out.nnz]).toEqual(['csc', 'float32', 0]);
    expect(out.shape).toEqual([3, 2]);
    expect(Array.from(out.indptr)).toEqual([0, 0, 0]);
  });
});

describe('cast shortcuts', () => {
  it.each([
    [bcast, 'int8'],
    [wcast, 'int16'],
    [icast, 'int32'],
    [lcast, 'int64'],
    [fcast, 'float32'],
    [dcast, 'float64'],
    [ccast, 'complex64'],
    [zcast, 'complex128'],
  ] as const)('%p -> %s', (fn, dtype) => {
    const out = fn(sparseMatrix('csc', 'x', 'float64'));
    expect(out.dtype).toBe(dtype);
    expect(out.format).toBe('csc');
    expect(out.owner!.op.equals(new Cast(dtype))).toBe(true);
  });

  it('casting sums duplicates first, as SciPy does', () => {
    const d = new CSRMatrix({ data: [0.6, 0.6], indices: [1, 1], indptr: [0, 2], shape: [1, 2] });
    expect(toNested(icast(asSparseVariable(d)).eval().toarray())).toEqual([[0, 1]]);
  });
});

describe('types and static shapes', () => {
  const x = new SparseType('csr', 'float32', [2, 5]).makeVariable('x');

  it('transpose swaps format and shape', () => {
    const t = transpose(x);
    expect(t.type.format).toBe('csc');
    expect(t.type.shape).toEqual([5, 2]);
  });

  it('denseFromSparse keeps dtype and shape', () => {
    const d = denseFromSparse(x);
    expect(d.type.dtype).toBe('float32');
    expect(d.type.shape).toEqual([2, 5]);
  });

  it('hstack/vstack add the lengths and check the other side', () => {
    const y = new SparseType('csc', 'float64', [2, 3]).makeVariable('y');
    const h = hstack([x, y], { format: 'csr' });
    expect([h.type.format, h.type.dtype, ...h.type.shape]).toEqual(['csr', 'float64', 2, 8]);
    expect(() => vstack([x, y])).toThrow(ShapeError);
    expect(vstack([x, x]).type.shape).toEqual([4, 5]);
    expect(blockDiag([x, y]).type.shape).toEqual([4, 8]);
  });

  it('diag refuses a matrix known not to be square', () => {
    expect(() => diag(x)).toThrow(/square/);
  });
});

describe('inferShape', () => {
  const value = (v: Variable | number) => (typeof v === 'number' ? v : Number(toNested(v.eval() as NDArray)));

  it('Transpose, DenseFromSparse, Diag, SquareDiagonal, HStack', () => {
    const node = (op: { makeNode(...xs: Variable[]): Apply }, ...xs: Variable[]) => op.makeNode(...xs);
    const s = [constant(2), constant(3)] as Variable[];
    const x = asSparseVariable(m);
    expect(new Transpose().inferShape!(undefined, node(new Transpose(), x), [s])[0]!.map(value)).toEqual([3, 2]);
    expect(new DenseFromSparse().inferShape!(undefined, node(new DenseFromSparse(), x), [s])[0]!.map(value)).toEqual([2, 3]);
    expect(new Diag().inferShape!(undefined, node(new Diag(), x), [[3, 3]])[0]).toEqual([3]);
    const v = constant([1.0, 2.0]);
    expect(new SquareDiagonal().inferShape!(undefined, node(new SquareDiagonal(), v), [[2]])[0]).toEqual([2, 2]);
    const h = new HStack('csr');
    expect(h.inferShape!(undefined, node(h, x, x), [s, s])[0]!.map(value)).toEqual([2, 6]);
  });

  it('CSM reads the shape input', () => {
    const c = new CSM('csc');
    const n = c.makeNode(constant([1.0]), constant([0], { dtype: 'int32' }), constant([0, 1, 1], { dtype: 'int32' }), constant([4, 2], { dtype: 'int32' }));
    expect(c.inferShape!(undefined, n, [])[0]!.map(value)).toEqual([4, 2]);
  });
});

describe('argument errors', () => {
  it('name the op, the argument, what was expected and given', () => {
    expect(() => neg(constant([[1, 2]]))).toThrow(TypeMismatchError);
    expect(() => neg(constant([[1, 2]]))).toThrow(/neg: input 0 expected a sparse matrix/);
    expect(() => new CSMProperties().makeNode(constant([1]))).toThrow(/CSMProperties/);
    expect(() => csr(constant([1.0]), constant([0], { dtype: 'int32' }), constant([0, 1], { dtype: 'int32' }), constant([1, 1, 1], { dtype: 'int32' })).eval()).toThrow(/shape of length 2/);
    expect(() => neg(sparseMatrix('csr', 'b', 'bool'))).toThrow(/numeric dtype/);
    expect(() => new CSM('coo' as 'csr')).toThrow(/'csr' or 'csc'/);
  });

  it('runtime shape mismatches', () => {
    const a = asSparseVariable(m);
    const b = asSparseVariable(new CSRMatrix({ data: [1], indices: [0], indptr: [0, 1, 1, 1], shape: [3, 1] }));
    expect(() => hstack([a, b]).eval()).toThrow(/rows/);
    const t: TensorVariable = denseFromSparse(vstack([a, b]));
    expect(toNested(denseFromSparse(vstack([a, transpose(b)])).eval() as NDArray)).toEqual([[0, 0, 3], [4, 3.5, 0], [1, 0, 0]]);
    expect(() => t.eval()).toThrow(/columns/);
  });
});

describe('CSMGrad', () => {
  it("reads g at x's stored places: g unsorted, sparser, with duplicates; 0 where g stores nothing", () => {
    const i32 = (xs: number[]) => constant(xs, { dtype: 'int32' });
    // x: row 0 stores columns 2, 0; row 1 stores 1, 1 (a duplicate), 0.
    const x = [constant([1.0, 2, 3, 4, 5]), i32([2, 0, 1, 1, 0]), i32([0, 2, 5]), i32([2, 3])];
    // g: row 0 stores column 2 twice (10 + 1); row 1 stores column 1 only.
    const g = [constant([10.0, 1, 7]), i32([2, 2, 1]), i32([0, 2, 3]), i32([2, 3])];
    const out = new CSMGrad().call(...(x as Variable[]), ...(g as Variable[]));
    expect(toNested(out.eval() as NDArray)).toEqual([11, 0, 7, 7, 0]);
  });
});
