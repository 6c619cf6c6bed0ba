// Matrix Market: mmread of texts written by scipy.io.mmwrite (and by hand),
// compared with what scipy.io.mmread reads; mmwrite -> mmread round trips.
import { toNested, type NDArray } from '@proj/tensor';
import { SparseFormatError, csrMatrix, cscMatrix, fromCOO, mmread, mmwrite, random, sparseEqual } from '../src';
import * as fs from 'node:fs';
import * as path from 'node:path';

const fixtures = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'sparse-values.json'), 'utf8')) as {
  mm: { name: string; text: string; dtype: string; dense: { shape: number[]; values: unknown[] } }[];
};

function flat(a: NDArray): unknown[] {
  return ((toNested(a) as unknown[]).flat() as unknown[]).map((v) => (typeof v === 'bigint' ? String(v) : v));
}

describe('mmread (fixtures from scipy.io)', () => {
  it.each(fixtures.mm.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    for (const format of ['csr', 'csc'] as const) {
      const m = mmread(c.text, { format });
      expect(m.format).toBe(format);
      expect(m.dtype).toBe(c.dtype);
      expect(m.shape).toEqual(c.dense.shape);
      expect(flat(m.toarray())).toEqual(c.dense.values);
      expect(m.hasCanonicalFormat).toBe(true);
    }
  });

  it('reads complex, skew-symmetric and hermitian files, CRLF and special values', () => {
    const c = mmread('%%MatrixMarket matrix coordinate complex hermitian\r\n2 2 2\r\n1 1 1 0\r\n2 1 2 3\r\n');
    expect(c.dtype).toBe('complex128');
    expect(c.get(1, 0)).toEqual([2, 3]);
    expect(c.get(0, 1)).toEqual([2, -3]);
    const s = mmread('%%MatrixMarket matrix coordinate real skew-symmetric\n2 2 1\n2 1 4\n');
    expect(flat(s.toarray())).toEqual([0, -4, 4, 0]);
    const x = mmread('%%MatrixMarket matrix coordinate real general\n1 3 3\n1 1 inf\n1 2 -inf\n1 3 nan\n');
    expect(flat(x.toarray())).toEqual([Infinity, -Infinity, NaN]);
  });

  it('reports malformed texts', () => {
    const bad = (text: string): string => {
      try {
        mmread(text);
      } catch (e) {
        expect(e).toBeInstanceOf(SparseFormatError);
        return (e as Error).message;
      }
      throw new Error('expected an error');
    };
    expect(bad('hello')).toMatch(/line 1: expected '%%MatrixMarket matrix coordinate/);
    expect(bad('%%MatrixMarket matrix array real general\n2 2\n1\n2\n3\n4\n')).toMatch(/only the 'coordinate' \(sparse\) format/);
    expect(bad('%%MatrixMarket matrix coordinate real general\n2 2\n')).toMatch(/line 2: expected 'rows cols entries'/);
    expect(bad('%%MatrixMarket matrix coordinate real general\n2 2 1\n3 1 1.0\n')).toBe('mmread: line 3: row index 3 out of range 1..2');
    expect(bad('%%MatrixMarket matrix coordinate real general\n2 2 2\n1 1 1.0\n')).toBe('mmread: the header announces 2 entries but the text has 1');
    expect(bad('%%MatrixMarket matrix coordinate real general\n2 2 1\n1 1 1.0\n2 2 1.0\n')).toBe('mmread: the header announces 1 entries but the text has more');
    expect(bad('%%MatrixMarket matrix coordinate integer general\n2 2 1\n1 1 1.5\n')).toBe('mmread: line 3: expected an integer, got "1.5"');
    expect(bad('%%MatrixMarket matrix coordinate real general\n2 2 1\n1 1 abc\n')).toBe('mmread: line 3: expected a number, got "abc"');
    expect(bad('%%MatrixMarket matrix coordinate real symmetric\n2 2 1\n1 2 1.0\n')).toMatch(/lower triangle only, got \(1, 2\)/);
    expect(bad('%%MatrixMarket matrix coordinate pattern general\n2 2 1\n1 1 1.0\n')).toBe('mmread: line 3: expected 2 values for a pattern entry, got 3');
  });
});

describe('mmwrite -> mmread round trip', () => {
  it('keeps values, dtype family and explicit zeros', () => {
    const a = csrMatrix({ data: [1.5, 0, -1e-300, 2], indices: [2, 0, 1, 2], indptr: [0, 2, 3, 4], shape: [3, 3] });
    const text = mmwrite(a);
    expect(text.split('\n').slice(0, 2)).toEqual(['%%MatrixMarket matrix coordinate real general', '3 3 4']);
    const b = mmread(text);
    expect(sparseEqual(a, b)).toBe(true);
    expect(b.nnz).toBe(4); // the explicit zero is written and read back
  });

  it('round trips random float, int64, bool, complex and CSC matrices', () => {
    const f = random(20, 15, 0.2, { seed: 5 });
    expect(sparseEqual(mmread(mmwrite(f)), f)).toBe(true);
    const f32 = random(6, 6, 0.3, { seed: 5, dtype: 'float32' });
    expect(sparseEqual(mmread(mmwrite(f32)).astype('float32'), f32)).toBe(true);
    const i = random(10, 10, 0.3, { seed: 5, dtype: 'int64' });
    expect(sparseEqual(mmread(mmwrite(i)), i)).toBe(true);
    const z = random(5, 5, 0.4, { seed: 5, dtype: 'complex128', format: 'csc' });
    expect(sparseEqual(mmread(mmwrite(z), { format: 'csc' }), z)).toBe(true);
    const b = csrMatrix([[true, false], [false, true]]);
    expect(mmwrite(b)).toBe('%%MatrixMarket matrix coordinate integer general\n2 2 2\n1 1 1\n2 2 1\n');
  });

  it('sums duplicates on write', () => {
    const a = fromCOO({ row: [0, 0], col: [1, 1], data: [1, 2], shape: [1, 2] });
    const dup = csrMatrix({ data: [1, 2], indices: [1, 1], indptr: [0, 2], shape: [1, 2] });
    expect(mmwrite(dup)).toBe(mmwrite(a));
    expect(mmwrite(a)).toBe('%%MatrixMarket matrix coordinate real general\n1 2 1\n1 2 3\n');
  });

  it('symmetric: writes the lower triangle, refuses non-symmetric matrices', () => {
    const s = cscMatrix([[4, 0, 1.5], [0, 0, -2], [1.5, -2, 3]]);
    const text = mmwrite(s, { symmetric: true, comment: 'made by a test' });
    expect(text).toBe('%%MatrixMarket matrix coordinate real symmetric\n% made by a test\n3 3 4\n1 1 4\n3 1 1.5\n3 2 -2\n3 3 3\n');
    expect(sparseEqual(mmread(text), s.tocsr())).toBe(true);
    expect(() => mmwrite(csrMatrix([[1, 2], [3, 4]]), { symmetric: true })).toThrow(/symmetric matrix/);
    expect(() => mmwrite(csrMatrix([[1, 2]]), { symmetric: true })).toThrow(/square/);
  });

  it('pattern', () => {
    const text = mmwrite(csrMatrix([[0, 5], [7, 0]]), { pattern: true });
    expect(text).toBe('%%MatrixMarket matrix coordinate pattern general\n2 2 2\n1 2\n2 1\n');
    expect(flat(mmread(text).toarray())).toEqual([0, 1, 1, 0]);
  });

  it('reads its own text of each scipy fixture back to the same matrix', () => {
    for (const c of fixtures.mm) {
      const m = mmread(c.text);
      expect(sparseEqual(mmread(mmwrite(m)), m)).toBe(true);
    }
  });
});
