// Sparse arithmetic, comparisons, scaling and structured elementwise Ops against
// SciPy/NumPy fixtures (tools/fixtures/gen_sparse_arith.py).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Variable } from '@proj/graph';
import { fromRaw, rawArrayCtor, rawView, TensorType, type Dtype, type NDArray } from '@proj/tensor';
import { CSCMatrix, CSRMatrix, type CompressedMatrix } from '../src/values';
import { SparseType } from '../src/type/sparse-type';
import { add, addSSData, mul, structuredAddSV, sub } from '../src/ops/arith';
import { eq, ge, gt, le, lt, neq } from '../src/ops/compare';
import { colScale, rowScale } from '../src/ops/scale';
import { structuredAdd, structuredExp, structuredLog, structuredMaximum, structuredMinimum, structuredPow, structuredSigmoid } from '../src/ops/structured';
import * as unary from '../src/ops/unary';

type Enc = number | boolean;
interface Arg {
  kind: 'sparse' | 'dense';
  format?: 'csr' | 'csc';
  shape: number[];
  dtype: Dtype;
  data?: Enc[];
  indices?: number[];
  indptr?: number[];
  values?: Enc[];
}
interface Case {
  name: string;
  op: string;
  args: Arg[];
  out: { kind: 'sparse' | 'dense'; format?: string; dtype: Dtype; shape: number[]; values: Enc[]; nnz?: number };
}
const fixtures = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'sparse-arith.json'), 'utf8')) as { cases: Case[] };

function raw(dtype: Dtype, values: Enc[]) {
  return new (rawArrayCtor(dtype))(values.map(Number) as never);
}
function value(a: Arg): CompressedMatrix | NDArray {
  if (a.kind === 'dense') return fromRaw(a.dtype, raw(a.dtype, a.values!), a.shape);
  const parts = { data: raw(a.dtype, a.data!), indices: a.indices!, indptr: a.indptr!, shape: a.shape };
  return a.format === 'csr' ? new CSRMatrix(parts, { dtype: a.dtype }) : new CSCMatrix(parts, { dtype: a.dtype });
}
function variable(a: Arg): Variable {
  return a.kind === 'sparse' ? new SparseType(a.format!, a.dtype).makeVariable() : new TensorType(a.dtype, a.shape.map(() => null)).makeVariable();
}
function flat(a: NDArray): number[] {
  const v = rawView(a);
  const [r, c] = a.shape as [number, number];
  const out: number[] = [];
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) out.push(Number(v.data[v.offset + i * v.strides[0]! + j * v.strides[1]!]));
  return out;
}

const FNS: Record<string, (...xs: Variable[]) => Variable> = {
  add, sub, mul, addSSData, structuredAddSV, eq, neq, gt, ge, lt, le, colScale, rowScale,
  structuredSigmoid, structuredExp, structuredLog, structuredPow, structuredMinimum, structuredMaximum, structuredAdd,
  ...(unary as unknown as Record<string, (...xs: Variable[]) => Variable>),
};

describe('sparse arithmetic vs SciPy', () => {
  it.each(fixtures.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const vars = c.args.map(variable);
    const values = c.args.map(value);
    const inputsBefore = values.map((v) => (v instanceof CSRMatrix || v instanceof CSCMatrix ? [Array.from(v.data as ArrayLike<number>), Array.from(v.indices)] : null));
    const fn = FNS[c.op];
    expect(fn).toBeDefined();
    const out = fn!(...vars);
    const got = out.eval(new Map(vars.map((v, i) => [v, values[i]] as const))) as CompressedMatrix | NDArray;
    const isSparse = got instanceof CSRMatrix || got instanceof CSCMatrix;
    expect(isSparse ? 'sparse' : 'dense').toBe(c.out.kind);
    expect(got.dtype).toBe(c.out.dtype);
    expect(out.type).toMatchObject({ dtype: c.out.dtype });
    if (isSparse) expect(got.format).toBe(c.out.format);
    const dense = isSparse ? (got as CompressedMatrix).toarray() : (got as NDArray);
    expect([...dense.shape]).toEqual(c.out.shape);
    const want = c.out.values.map(Number);
    flat(dense).forEach((v, i) => expect(v).toBeCloseTo(want[i]!, 10));
    if (c.out.nnz !== undefined) expect((got as CompressedMatrix).nnz).toBe(c.out.nnz);
    // Inputs are never modified.
    values.forEach((v, i) => {
      if (inputsBefore[i]) expect([Array.from((v as CompressedMatrix).data as ArrayLike<number>), Array.from((v as CompressedMatrix).indices)]).toEqual(inputsBefore[i]);
    });
  });
});
