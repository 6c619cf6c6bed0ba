// int64 (exact, wrapping as NumPy) and complex128 data in the sparse add / mul /
// dot Ops against SciPy/NumPy fixtures (tools/fixtures/gen_sparse_dtypes.py),
// and the Ops that still read JS numbers refusing those dtypes with a DtypeError.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DtypeError, type Variable } from '@proj/graph';
import * as pt from '@proj/tensor';
import * as sp from '../src';

type Enc = number | string | boolean | [number | string, number | string];
interface Arg {
  kind: 'sparse' | 'dense';
  format?: 'csr' | 'csc';
  shape: number[];
  dtype: pt.Dtype;
  data: Enc[];
  indices?: number[];
  indptr?: number[];
}
interface Case {
  name: string;
  op: string;
  args: Arg[];
  out: { kind: 'sparse' | 'dense'; format?: 'csr' | 'csc'; dtype: pt.Dtype; shape: number[]; data: Enc[] };
}
const fixtures = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'sparse-dtypes.json'), 'utf8')) as { cases: Case[] };

const num = (v: number | string) => (v === 'nan' ? NaN : v === 'inf' ? Infinity : v === '-inf' ? -Infinity : Number(v));

/** Encoded values as the raw storage of `dtype` (BigInt for int64, re/im interleaved for complex). */
function raw(dtype: pt.Dtype, values: Enc[]): pt.RawArray {
  if (dtype === 'int64') return BigInt64Array.from(values.map((v) => BigInt(v as string)));
  if (dtype === 'uint64') return BigUint64Array.from(values.map((v) => BigInt(v as string)));
  if (dtype.startsWith('complex')) return new (pt.rawArrayCtor(dtype))((values as [number, number][]).flatMap(([re, im]) => [num(re), num(im)]) as never);
  return new (pt.rawArrayCtor(dtype))(values.map((v) => num(v as number)) as never);
}

function value(a: Arg): sp.CompressedMatrix | pt.NDArray {
  if (a.kind === 'dense') return pt.fromRaw(a.dtype, raw(a.dtype, a.data), a.shape);
  const parts = { data: raw(a.dtype, a.data), indices: a.indices!, indptr: a.indptr!, shape: a.shape };
  return a.format === 'csr' ? new sp.CSRMatrix(parts, { dtype: a.dtype }) : new sp.CSCMatrix(parts, { dtype: a.dtype });
}

function variable(a: Arg): Variable {
  return a.kind === 'sparse' ? new sp.SparseType(a.format!, a.dtype).makeVariable() : new pt.TensorType(a.dtype, a.shape.map(() => null)).makeVariable();
}

/** A contiguous copy's raw storage (so strided results read in row-major order). */
function flatRaw(a: pt.NDArray): pt.RawArray {
  return pt.rawView(pt.copyArray(a)).data;
}

const FNS: Record<string, (...xs: Variable[]) => Variable> = {
  add: sp.add,
  mul: sp.mul,
  dot: sp.dot,
  structuredDot: sp.structuredDot,
};

describe('int64 and complex128 in sparse add / mul / dot vs SciPy', () => {
  it.each(fixtures.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const vars = c.args.map(variable);
    const values = c.args.map(value);
    const before = values.map((v) => (v instanceof sp.CompressedMatrix ? Array.from(v.data as ArrayLike<unknown>) : null));
    const out = FNS[c.op]!(...vars);
    expect((out.type as unknown as { dtype: pt.Dtype }).dtype).toBe(c.out.dtype);
    const got = out.eval(new Map(vars.map((v, i) => [v, values[i]] as const))) as sp.CompressedMatrix | pt.NDArray;
    const isSparse = got instanceof sp.CompressedMatrix;
    expect(isSparse ? 'sparse' : 'dense').toBe(c.out.kind);
    if (isSparse) expect((got as sp.CompressedMatrix).format).toBe(c.out.format);
    expect(got.dtype).toBe(c.out.dtype);
    const dense = isSparse ? (got as sp.CompressedMatrix).toarray() : (got as pt.NDArray);
    expect([...dense.shape]).toEqual(c.out.shape);
    const g = flatRaw(dense);
    const want = raw(c.out.dtype, c.out.data);
    if (c.out.dtype === 'int64' || c.out.dtype === 'uint64') {
      // Exact: every digit of values past 2^53, and NumPy's wrap-around.
      expect(Array.from(g as BigInt64Array, String)).toEqual(Array.from(want as BigInt64Array, String));
    } else {
      Array.from(want as Float64Array).forEach((w, k) => expect((g as Float64Array)[k]).toBeCloseTo(w, 9));
      if (c.out.dtype === 'float64') Array.from(want as Float64Array).forEach((w, k) => expect(Math.abs((g as Float64Array)[k]! - w)).toBeLessThanOrEqual(Math.abs(w) * 1e-15));
    }
    values.forEach((v, i) => {
      if (before[i]) expect(Array.from((v as sp.CompressedMatrix).data as ArrayLike<unknown>)).toEqual(before[i]);
    });
  });
});

describe('Ops whose kernels read JS numbers refuse complex and 64-bit integers', () => {
  const cplx = sp.sparseMatrix('csr', 'c', 'complex128');
  const big = sp.sparseMatrix('csr', 'b', 'int64');
  const d = pt.dmatrix('d');

  it('with a DtypeError naming the Op, the input and the dtype', () => {
    expect(() => sp.trueDot(big, d)).toThrow(DtypeError);
    expect(() => sp.trueDot(big, d)).toThrow(/TrueDot.*input 0.*dtype int64/);
    expect(() => sp.usmm(1, cplx, d, d)).toThrow(DtypeError);
    expect(() => sp.samplingDot(d, d, cplx)).toThrow(DtypeError);
    expect(() => sp.spSum(big)).toThrow(DtypeError);
    expect(() => sp.gt(cplx, cplx)).toThrow(DtypeError);
    expect(() => sp.colScale(big, pt.dvector('v'))).toThrow(DtypeError);
    expect(() => sp.dot(sp.sparseMatrix('csr', 'q', 'bool'), d)).toThrow(/numeric dtype \(not bool\)/);
  });
});
