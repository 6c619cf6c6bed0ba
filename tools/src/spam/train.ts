/**
 * The minibatch training loop: each epoch visits the training rows in a new
 * seeded order, cut into batches by takeRows, one compiled training step per batch.
 */
import { ArgumentError } from '@proj/graph';
import type * as sp from '@proj/sparse';
import { takeRows } from './csr-rows';
import type { LogisticModel } from './model';
import { mulberry32, shuffleInPlace } from './random';

/** Receives the progress of training (a progress bar, a log, a test spy). */
export interface TrainProgress {
  start(totalBatches: number, epochs: number): void;
  /** After each batch: batches done so far, the current epoch (1-based) and the batch loss. */
  update(done: number, epoch: number, loss: number): void;
  stop(): void;
}

/** Options of train(). */
export interface TrainOptions {
  epochs: number;
  batchSize: number;
  /** Seeds the order of the rows in each epoch. */
  seed: number;
  progress?: TrainProgress;
}

/** What train() measured. */
export interface TrainResult {
  /** Mean batch loss of each epoch (weighted by batch size). */
  epochLosses: number[];
  batches: number;
  seconds: number;
}

/**
 * Trains `model` on the rows of `x` with labels `y` (0/1).
 *
 * @example
 * const r = train(model, xTrain, yTrain, { epochs: 5, batchSize: 64, seed: 42 });
 * r.epochLosses; // decreasing, for a sensible learning rate
 */
export function train(model: LogisticModel, x: sp.CSRMatrix, y: ArrayLike<number>, options: TrainOptions): TrainResult {
  const n = x.shape[0];
  if (y.length !== n) throw new ArgumentError({ op: 'train', argument: 'y', expected: `${n} labels (one per row of x)`, given: `${y.length}` });
  const { epochs, batchSize, progress } = options;
  if (!Number.isInteger(epochs) || epochs < 1) throw new ArgumentError({ op: 'train', argument: 'epochs', expected: 'an integer >= 1', given: String(epochs) });
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new ArgumentError({ op: 'train', argument: 'batchSize', expected: 'an integer >= 1', given: String(batchSize) });
  const rand = mulberry32(options.seed ^ 0x5eed);
  const perEpoch = Math.ceil(n / batchSize);
  const order = Array.from({ length: n }, (_, i) => i);
  const epochLosses: number[] = [];
  const t0 = performance.now();
  progress?.start(perEpoch * epochs, epochs);
  let done = 0;
  try {
    for (let e = 1; e <= epochs; e++) {
      shuffleInPlace(order, rand);
      let sum = 0;
      for (let s = 0; s < n; s += batchSize) {
        const rows = order.slice(s, s + batchSize);
        const yb = Float64Array.from(rows, (r) => y[r]!);
        const loss = model.trainStep(takeRows(x, rows), yb);
        sum += loss * rows.length;
        done++;
        progress?.update(done, e, loss);
      }
      epochLosses.push(sum / n);
    }
  } finally {
    progress?.stop();
  }
  return { epochLosses, batches: done, seconds: (performance.now() - t0) / 1e3 };
}
