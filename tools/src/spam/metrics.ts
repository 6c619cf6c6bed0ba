/**
 * Binary classification metrics, spam (1) being the positive class.
 */
import { ArgumentError } from '@proj/graph';

/** The confusion counts and the scores derived from them. */
export interface BinaryMetrics {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
  accuracy: number;
  /** tp / (tp + fp); 0 when nothing was predicted positive (scikit-learn's zero_division=0). */
  precision: number;
  /** tp / (tp + fn); 0 when there is no positive example. */
  recall: number;
  /** The harmonic mean of precision and recall; 0 when both are 0. */
  f1: number;
}

/**
 * Accuracy, precision, recall and F1 of predictions against labels (both 0/1).
 *
 * @example
 * binaryMetrics([1, 0, 1, 1], [1, 0, 0, 1]); // accuracy 0.75, precision 1, recall 2/3, f1 0.8
 */
export function binaryMetrics(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): BinaryMetrics {
  if (yTrue.length !== yPred.length) {
    throw new ArgumentError({ op: 'binaryMetrics', argument: 'yPred', expected: `${yTrue.length} predictions (one per label)`, given: `${yPred.length}` });
  }
  if (yTrue.length === 0) throw new ArgumentError({ op: 'binaryMetrics', argument: 'yTrue', expected: 'at least one label', given: 'none' });
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const t = yTrue[i]!;
    const p = yPred[i]!;
    if ((t !== 0 && t !== 1) || (p !== 0 && p !== 1)) {
      throw new ArgumentError({ op: 'binaryMetrics', argument: t !== 0 && t !== 1 ? `yTrue[${i}]` : `yPred[${i}]`, expected: '0 or 1', given: String(t !== 0 && t !== 1 ? t : p) });
    }
    if (t === 1) {
      if (p === 1) tp++;
      else fn++;
    } else if (p === 1) fp++;
    else tn++;
  }
  const precision = tp + fp > 0 ? tp / (tp + fp) : 0;
  const recall = tp + fn > 0 ? tp / (tp + fn) : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { tp, fp, tn, fn, accuracy: (tp + tn) / yTrue.length, precision, recall, f1 };
}
