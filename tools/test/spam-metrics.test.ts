import * as sp from '@proj/sparse';
import * as pt from '@proj/tensor';
import { takeRows } from '../src/spam/csr-rows';
import { binaryMetrics } from '../src/spam/metrics';
import { mulberry32, shuffleInPlace, stratifiedSplit } from '../src/spam/random';

describe('spam metrics', () => {
  it('counts the confusion matrix and derives accuracy, precision, recall and F1', () => {
    // Labels and predictions checked by hand: tp = 3 (0, 2, 6), fn = 1 (3), fp = 2 (4, 7), tn = 2 (1, 5).
    const m = binaryMetrics([1, 0, 1, 1, 0, 0, 1, 0], [1, 0, 1, 0, 1, 0, 1, 1]);
    expect([m.tp, m.fn, m.fp, m.tn]).toEqual([3, 1, 2, 2]);
    expect(m.accuracy).toBeCloseTo(5 / 8, 15);
    expect(m.precision).toBeCloseTo(3 / 5, 15);
    expect(m.recall).toBeCloseTo(3 / 4, 15);
    expect(m.f1).toBeCloseTo((2 * 0.6 * 0.75) / 1.35, 15);
  });

  it('gives 0 (not NaN) precision, recall and F1 when nothing is predicted or present as spam', () => {
    const none = binaryMetrics([1, 1, 0], [0, 0, 0]);
    expect([none.precision, none.recall, none.f1, none.accuracy]).toEqual([0, 0, 0, 1 / 3]);
    const hamOnly = binaryMetrics([0, 0], [0, 0]);
    expect([hamOnly.precision, hamOnly.recall, hamOnly.f1, hamOnly.accuracy]).toEqual([0, 0, 0, 1]);
  });

  it('rejects mismatched lengths and labels other than 0/1', () => {
    expect(() => binaryMetrics([1, 0], [1])).toThrow(/yPred/);
    expect(() => binaryMetrics([1, 2], [1, 0])).toThrow(/yTrue\[1\]/);
    expect(() => binaryMetrics([], [])).toThrow(/yTrue/);
  });
});

describe('spam split and batches', () => {
  it('the seeded generator repeats and different seeds differ', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(mulberry32(43)()).not.toBe(xs[0]);
    expect(shuffleInPlace([0, 1, 2, 3, 4, 5], mulberry32(1)).sort()).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('a stratified split keeps each class ratio, covers every index once and depends only on the seed', () => {
    const labels = Array.from({ length: 100 }, (_, i) => (i % 4 === 0 ? 1 : 0)); // 25 spam, 75 ham
    const s = stratifiedSplit(labels, 0.2, 7);
    expect(s.test.length).toBe(20);
    expect(s.test.filter((i) => labels[i] === 1).length).toBe(5);
    expect([...s.train, ...s.test].sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(stratifiedSplit(labels, 0.2, 7)).toEqual(s);
    expect(stratifiedSplit(labels, 0.2, 8).test).not.toEqual(s.test);
    expect(() => stratifiedSplit(labels, 1, 7)).toThrow(/testFraction/);
  });

  it('takeRows gathers rows in order, repeats allowed, without touching the input', () => {
    const a = sp.csrMatrix([[1, 0, 2], [0, 0, 0], [0, 3, 0]]);
    const before = Array.from(a.data as Float64Array);
    const b = takeRows(a, [2, 0, 2, 1]);
    expect(pt.toNested(b.toarray())).toEqual([[0, 3, 0], [1, 0, 2], [0, 3, 0], [0, 0, 0]]);
    expect(Array.from(a.data as Float64Array)).toEqual(before);
    expect(takeRows(a, []).shape).toEqual([0, 3]);
    expect(() => takeRows(a, [3])).toThrow(/rows\[0\]/);
  });
});
