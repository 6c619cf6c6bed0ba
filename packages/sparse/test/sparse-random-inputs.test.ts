// sparseRandomInputs, the reference's test helper: variables and values of the
// requested format/dtype/shape, density, value ranges, explicit zeros and
// unsorted indices; reproducible from a seed; bad options refused.
import { ArgumentError, config } from '@proj/graph';
import * as pt from '@proj/tensor';
import * as sp from '../src';

const numbers = (m: sp.CompressedMatrix) => Array.from(m.data as ArrayLike<number | bigint>, Number);

describe('sparseRandomInputs', () => {
  it('makes n variables and n values of the format, dtype and shape asked for', () => {
    for (const format of ['csr', 'csc'] as const) {
      const [vars, vals] = sp.sparseRandomInputs(format, [6, 9], { n: 3, outDtype: 'float32', seed: 1 });
      expect(vars).toHaveLength(3);
      expect(vals).toHaveLength(3);
      vars.forEach((v) => expect(v.type).toEqual(new sp.SparseType(format, 'float32')));
      vals.forEach((m) => {
        expect(m.format).toBe(format);
        expect(m.dtype).toBe('float32');
        expect(m.shape).toEqual([6, 9]);
        expect(m.hasCanonicalFormat).toBe(true);
        m.check();
      });
      expect(new Set(vars).size).toBe(3);
    }
  });

  it('defaults to config.floatX, one variable and p = 0.5', () => {
    const [[x], [v]] = sp.sparseRandomInputs('csr', [40, 50], { seed: 2 });
    expect(x!.dtype).toBe(config.floatX);
    // 2000 positions at p = 0.5: the stored count is within 5 standard deviations (about 112) of 1000.
    expect(Math.abs(v!.nnz - 1000)).toBeLessThan(5 * Math.sqrt(2000 * 0.25));
    expect(numbers(v!).every((d) => d > 0 && d < 1)).toBe(true);
  });

  it('follows p and the value range (gap), integers for discrete dtypes', () => {
    expect(sp.sparseRandomInputs('csr', [5, 5], { p: 0, seed: 3 })[1][0]!.nnz).toBe(0);
    const [, [full]] = sp.sparseRandomInputs('csc', [5, 5], { p: 1, gap: [2, 3], seed: 3 });
    expect(full!.nnz).toBe(25);
    expect(numbers(full!).every((d) => d >= 2 && d < 3)).toBe(true);
    const [, [ints]] = sp.sparseRandomInputs('csr', [20, 20], { p: 1, outDtype: 'int32', seed: 4 });
    const iv = numbers(ints!);
    expect(iv.every((d) => Number.isInteger(d) && d >= 1 && d < 50)).toBe(true);
    const [, [neg]] = sp.sparseRandomInputs('csr', [20, 20], { p: 1, outDtype: 'int8', gap: [-3, 3], seed: 4 });
    expect(numbers(neg!).every((d) => d >= -3 && d < 3 && d !== 0)).toBe(true);
    const [, [scaled]] = sp.sparseRandomInputs('csr', [10, 10], { gap: [7], seed: 5 });
    expect(numbers(scaled!).every((d) => d > 0 && d < 7)).toBe(true);
    const [, [big]] = sp.sparseRandomInputs('csr', [10, 10], { outDtype: 'int64', seed: 5 });
    expect(big!.data).toBeInstanceOf(BigInt64Array);
    const [, [cplx]] = sp.sparseRandomInputs('csr', [10, 10], { outDtype: 'complex128', p: 1, seed: 5 });
    expect(cplx!.nnz).toBe(100);
  });

  it('stores an explicit zero and makes indices unsorted when asked, keeping the matrix valid', () => {
    const [, vals] = sp.sparseRandomInputs('csr', [8, 8], { n: 2, explicitZero: true, unsortedIndices: true, seed: 6 });
    for (const m of vals) {
      expect(numbers(m).filter((d) => d === 0)).toHaveLength(1);
      expect(m.hasSortedIndices).toBe(false);
      m.check();
      // The dense value agrees with the stored entries read one by one.
      const dense = pt.toNested(m.toarray()) as number[][];
      for (let i = 0; i < 8; i++) {
        for (let k = m.indptr[i]!; k < m.indptr[i + 1]!; k++) expect(dense[i]![m.indices[k]!]).toBe(Number(m.data[k]));
      }
    }
  });

  it('is reproducible from the seed', () => {
    const a = sp.sparseRandomInputs('csc', [7, 5], { n: 2, seed: 9 })[1];
    const b = sp.sparseRandomInputs('csc', [7, 5], { n: 2, seed: 9 })[1];
    const c = sp.sparseRandomInputs('csc', [7, 5], { n: 2, seed: 10 })[1];
    expect(a.map((m, i) => sp.sparseEqual(m, b[i]!))).toEqual([true, true]);
    expect(sp.sparseEqual(a[0]!, c[0]!)).toBe(false);
  });

  it('feeds Ops: the variables evaluate with the values', () => {
    const [[x, y], [xv, yv]] = sp.sparseRandomInputs('csr', [4, 6], { n: 2, explicitZero: true, unsortedIndices: true, seed: 12 });
    const got = sp.add(x!, y!).eval(new Map([[x!, xv!], [y!, yv!]])) as sp.CompressedMatrix;
    const want = (pt.toNested(xv!.toarray()) as number[][]).map((r, i) => r.map((v, j) => v + (pt.toNested(yv!.toarray()) as number[][])[i]![j]!));
    expect(pt.toNested(got.toarray())).toEqual(want);
  });

  it('refuses bad options with ArgumentErrors naming them', () => {
    expect(() => sp.sparseRandomInputs('coo' as 'csr', [2, 2])).toThrow(/format/);
    expect(() => sp.sparseRandomInputs('csr', [2, 2, 2])).toThrow(/shape/);
    expect(() => sp.sparseRandomInputs('csr', [2, 2], { p: 1.5 })).toThrow(ArgumentError);
    expect(() => sp.sparseRandomInputs('csr', [2, 2], { n: 0 })).toThrow("sparseRandomInputs: argument 'n' expected an integer >= 1, got 0");
    expect(() => sp.sparseRandomInputs('csr', [2, 2], { outDtype: 'uint8', gap: [-1, 4] })).toThrow(/values >= 0/);
    expect(() => sp.sparseRandomInputs('csr', [2, 2], { outDtype: 'int32', gap: [0.5, 4] })).toThrow(/integer bounds/);
    expect(() => sp.sparseRandomInputs('csr', [3, 3], { p: 0, explicitZero: true, seed: 1 })).toThrow(/more than one stored entry/);
    expect(() => sp.sparseRandomInputs('csr', [3, 1], { p: 1, unsortedIndices: true, seed: 1 })).toThrow(/out of order/);
  });
});
