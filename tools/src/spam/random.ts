/**
 * Shuffles and splits built on the tools' seeded PRNG, so a run with
 * the same --seed sees the same split and the same minibatches.
 */
import { ArgumentError } from '@proj/graph';
import { mulberry32 } from '../prng';

export { mulberry32 };

/**
 * Shuffles `a` in place (Fisher-Yates) with `rand`, and returns it.
 *
 * @example
 * shuffleInPlace([0, 1, 2, 3], mulberry32(1));
 */
export function shuffleInPlace<T>(a: T[], rand: () => number): T[] {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const tmp = a[i]!;
    a[i] = a[j]!;
    a[j] = tmp;
  }
  return a;
}

/** Row indices of the two sides of a split, each in shuffled order. */
export interface Split {
  train: number[];
  test: number[];
}

/**
 * A stratified split: each label's indices are shuffled with the seeded
 * generator and its first round(testFraction * count) go to the test side, so
 * both sides keep the corpus's spam/ham ratio.
 *
 * @example
 * stratifiedSplit([0, 0, 1, 1], 0.5, 7); // { train: [one ham, one spam], test: [the other two] } (indices)
 */
export function stratifiedSplit(labels: ArrayLike<number>, testFraction: number, seed: number): Split {
  if (!(testFraction > 0 && testFraction < 1)) {
    throw new ArgumentError({ op: 'stratifiedSplit', argument: 'testFraction', expected: 'a number in (0, 1)', given: String(testFraction) });
  }
  const rand = mulberry32(seed);
  const byLabel = new Map<number, number[]>();
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i]!;
    if (!byLabel.has(l)) byLabel.set(l, []);
    byLabel.get(l)!.push(i);
  }
  const train: number[] = [];
  const test: number[] = [];
  for (const l of [...byLabel.keys()].sort((a, b) => a - b)) {
    const idx = shuffleInPlace(byLabel.get(l)!, rand);
    const nTest = Math.round(testFraction * idx.length);
    test.push(...idx.slice(0, nTest));
    train.push(...idx.slice(nTest));
  }
  return { train: shuffleInPlace(train, rand), test: shuffleInPlace(test, rand) };
}
