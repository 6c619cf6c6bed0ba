// CSR/CSC values against SciPy fixtures (tools/fixtures/gen_sparse_values.py):
// conversions, transpose, sortIndices, eliminateZeros, sumDuplicates, astype.
import { rawArrayCtor, toNested, type Dtype, type NDArray, type RawArray } from '@proj/tensor';
import { CSCMatrix, CSRMatrix, cscMatrix, csrMatrix, fromCOO, fromDense, type CompressedMatrix } from '../src';
import * as fs from 'node:fs';
import * as path from 'node:path';

type Enc = number | string | boolean | number[];
interface Structure {
  format: string;
  shape: number[];
  dtype: string;
  data: Enc[];
  indices: number[];
  indptr: number[];
}
interface Dense {
  shape: number[];
  values: Enc[];
}
interface Fixtures {
  cases: {
    name: string;
    input: Structure;
    dense: Dense;
    nnz: number;
    hasSortedIndices: boolean;
    hasCanonicalFormat: boolean;
    tocsr: Structure;
    tocsc: Structure;
    transpose: Structure;
    transposeDense: Dense;
    sortIndices: Structure;
    eliminateZeros: Structure;
    sumDuplicates: Structure;
  }[];
  dense: { name: string; dense: Dense; csr: Structure; csc: Structure }[];
  coo: { name: string; row: number[]; col: number[]; data: Enc[]; shape: number[]; dtype: string; dense: Dense; csr: Structure; csc: Structure }[];
  astype: { from: string; to: string; input: Structure; output: Structure }[];
}

const fixtures = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'sparse-values.json'), 'utf8')) as Fixtures;

function rawData(values: Enc[], dtype: Dtype): RawArray {
  if (dtype === 'int64') return BigInt64Array.from(values.map((v) => BigInt(v as string)));
  if (dtype.startsWith('complex')) return Float64Array.from((values as number[][]).flat());
  const Ctor = rawArrayCtor(dtype) as unknown as { from(x: number[]): RawArray };
  return Ctor.from(values.map((v) => (typeof v === 'boolean' ? (v ? 1 : 0) : (v as number))));
}

function build(s: Structure): CSRMatrix | CSCMatrix {
  const parts = { data: rawData(s.data, s.dtype as Dtype), indices: s.indices, indptr: s.indptr, shape: s.shape };
  return s.format === 'csr' ? new CSRMatrix(parts, { dtype: s.dtype as Dtype }) : new CSCMatrix(parts, { dtype: s.dtype as Dtype });
}

function encData(m: CompressedMatrix): Enc[] {
  const out: Enc[] = [];
  for (let k = 0; k < m.nnz; k++) {
    if (m.width === 2) out.push([m.data[2 * k] as number, m.data[2 * k + 1] as number]);
    else if (m.dtype === 'bool') out.push(m.data[k] !== 0);
    else if (m.dtype === 'int64') out.push(String(m.data[k]));
    else out.push(m.data[k] as number);
  }
  return out;
}

function structureOf(m: CompressedMatrix): Structure {
  return { format: m.format, shape: [...m.shape], dtype: m.dtype, data: encData(m), indices: Array.from(m.indices), indptr: Array.from(m.indptr) };
}

function denseOf(a: NDArray): Dense {
  const flat = (toNested(a) as unknown[]).flat() as unknown[];
  return { shape: [...a.shape], values: flat.map((v) => (typeof v === 'bigint' ? String(v) : (v as Enc))) };
}

describe('CSR/CSC against SciPy', () => {
  describe.each(fixtures.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const m = build(c.input as Structure);

    it('stores the structure and reports nnz and sortedness', () => {
      expect(structureOf(m)).toEqual(c.input);
      expect(m.nnz).toBe(c.nnz);
      expect(m.hasSortedIndices).toBe(c.hasSortedIndices);
      expect(m.hasCanonicalFormat).toBe(c.hasCanonicalFormat);
    });

    it('toarray sums duplicates', () => {
      expect(denseOf(m.toarray())).toEqual(c.dense);
    });

    it('tocsr and tocsc', () => {
      expect(structureOf(m.tocsr())).toEqual(c.tocsr);
      expect(structureOf(m.tocsc())).toEqual(c.tocsc);
      expect(denseOf(m.tocsc().toarray())).toEqual(c.dense);
    });

    it('transpose swaps the format and shares the arrays', () => {
      const t = m.transpose();
      expect(structureOf(t)).toEqual(c.transpose);
      expect(t.data).toBe(m.data);
      expect(t.indices).toBe(m.indices);
      expect(denseOf(t.toarray())).toEqual(c.transposeDense);
      expect(structureOf(m.T.T)).toEqual(c.input);
    });

    it('sortIndices (in place), sortedIndices (copy)', () => {
      const copy = m.sortedIndices();
      expect(structureOf(copy)).toEqual(c.sortIndices);
      expect(structureOf(m)).toEqual(c.input);
      const n = m.copy();
      expect(n.sortIndices()).toBe(n);
      expect(structureOf(n)).toEqual(c.sortIndices);
      expect(n.hasSortedIndices).toBe(true);
    });

    it('eliminateZeros in place', () => {
      const n = m.copy();
      expect(n.eliminateZeros()).toBe(n);
      expect(structureOf(n)).toEqual(c.eliminateZeros);
      expect(denseOf(n.toarray())).toEqual(c.dense);
    });

    it('sumDuplicates in place', () => {
      const n = m.copy();
      expect(n.sumDuplicates()).toBe(n);
      expect(structureOf(n)).toEqual(c.sumDuplicates);
      expect(n.hasCanonicalFormat).toBe(true);
    });

    it('copy owns its arrays', () => {
      const n = m.copy();
      expect(structureOf(n)).toEqual(c.input);
      expect(n.data).not.toBe(m.data);
      expect(n.indices).not.toBe(m.indices);
      expect(n.indptr).not.toBe(m.indptr);
    });
  });
});

describe('from dense (SciPy csr_array(dense) / csc_array(dense))', () => {
  it.each(fixtures.dense.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const dense = build(c.csr as Structure).toarray();
    expect(denseOf(dense)).toEqual(c.dense);
    expect(structureOf(fromDense(dense))).toEqual(c.csr);
    expect(structureOf(fromDense(dense, { format: 'csc' }))).toEqual(c.csc);
    expect(structureOf(csrMatrix(dense))).toEqual(c.csr);
    expect(structureOf(cscMatrix(dense))).toEqual(c.csc);
  });

  it('reads nested JS arrays (float64 numbers, booleans, BigInts) and strided arrays', () => {
    expect(structureOf(csrMatrix([[0, 1.5], [2, 0]]))).toEqual({ format: 'csr', shape: [2, 2], dtype: 'float64', data: [1.5, 2], indices: [1, 0], indptr: [0, 1, 2] });
    expect(csrMatrix([[true, false]]).dtype).toBe('bool');
    expect(csrMatrix([[0n, 5n]]).dtype).toBe('int64');
    expect(csrMatrix([[1, 0]], { dtype: 'int8' }).data).toEqual(new Int8Array([1]));
    const t = csrMatrix([[1, 2, 0], [0, 0, 3]]).toarray();
    expect(structureOf(fromDense(t).transpose().tocsr())).toEqual(structureOf(fromDense([[1, 0], [2, 0], [0, 3]])));
  });
});

describe('from COO triplets (SciPy coo.tocsr() / tocsc(): duplicates summed)', () => {
  it.each(fixtures.coo.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const dtype = c.dtype as Dtype;
    const coo = { row: c.row, col: c.col, data: rawData(c.data as Enc[], dtype), shape: c.shape };
    const a = fromCOO(coo, { dtype });
    expect(structureOf(a)).toEqual(c.csr);
    expect(structureOf(fromCOO(coo, { dtype, format: 'csc' }))).toEqual(c.csc);
    expect(structureOf(csrMatrix(coo, { dtype }))).toEqual(c.csr);
    expect(structureOf(cscMatrix(coo, { dtype }))).toEqual(c.csc);
    expect(denseOf(a.toarray())).toEqual(c.dense);
  });
});

describe('astype (NumPy astype on the stored values)', () => {
  it.each(fixtures.astype.map((c) => [`${c.from} -> ${c.to}`, c] as const))('%s', (_name, c) => {
    const m = build(c.input as Structure);
    const out = m.astype(c.to as Dtype);
    expect(structureOf(out)).toEqual(c.output);
    expect(out.indices).not.toBe(m.indices);
  });
});
