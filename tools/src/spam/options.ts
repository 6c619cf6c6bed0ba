/**
 * The command-line options of the spam classifier (`npm run main -- --epochs 3`,
 * `node tools/dist/main.js --backend wasm`), parsed with node:util's parseArgs.
 */
import { parseArgs } from 'node:util';
import { ArgumentError } from '@proj/graph';

/** Everything a run needs to know; the defaults are DEFAULT_OPTIONS. */
export interface SpamOptions {
  backend: 'js' | 'wasm';
  epochs: number;
  seed: number;
  /** Use only about this many mails (a stratified seeded subset); undefined: all. */
  limit: number | undefined;
  batchSize: number;
  /** Adam's step size. */
  lr: number;
  /** The L2 penalty on the weights. */
  l2: number;
  /** The held-out fraction of the mails. */
  testFraction: number;
  /** Vocabulary cap (terms of highest document frequency). */
  maxFeatures: number;
  /** Minimum document frequency of a kept term. */
  minDf: number;
  /** Show the progress bar (default: when stderr is a terminal). */
  progress: boolean;
  help: boolean;
}

/** The defaults: measured to reach well above 95% held-out accuracy in well under a minute here. */
export const DEFAULT_OPTIONS: Readonly<SpamOptions> = Object.freeze({
  backend: 'wasm',
  epochs: 5,
  seed: 42,
  limit: undefined,
  batchSize: 128,
  lr: 0.03,
  l2: 1e-6,
  testFraction: 0.2,
  maxFeatures: 10000,
  minDf: 2,
  progress: true,
  help: false,
});

/** The usage text printed by --help. */
export const USAGE = `usage: npm run main -- [options]     (or: node tools/dist/main.js [options])

Trains L2-regularised logistic regression on TF-IDF features of the SpamAssassin
public corpus and reports held-out accuracy, precision, recall and F1.

  --backend js|wasm     the backend that runs the compiled functions (default ${DEFAULT_OPTIONS.backend})
  --epochs N            passes over the training mails (default ${DEFAULT_OPTIONS.epochs})
  --seed N              seed of the train/test split and the minibatch order (default ${DEFAULT_OPTIONS.seed})
  --limit N             use only about N mails (a stratified subset), for a quick run
  --batch-size N        mails per minibatch (default ${DEFAULT_OPTIONS.batchSize})
  --lr X                Adam's step size (default ${DEFAULT_OPTIONS.lr})
  --l2 X                L2 penalty on the weights (default ${DEFAULT_OPTIONS.l2})
  --test-fraction X     held-out fraction (default ${DEFAULT_OPTIONS.testFraction})
  --max-features N      vocabulary size cap (default ${DEFAULT_OPTIONS.maxFeatures})
  --min-df N            minimum document frequency of a term (default ${DEFAULT_OPTIONS.minDf})
  --no-progress         no progress bar
  -h, --help            this text`;

function integer(name: string, text: string | undefined, fallback: number, min: number): number {
  if (text === undefined) return fallback;
  const v = Number(text);
  if (!/^-?\d+$/.test(text.trim()) || !Number.isSafeInteger(v) || v < min) {
    throw new ArgumentError({ op: 'spam options', argument: `--${name}`, expected: `an integer >= ${min}`, given: JSON.stringify(text) });
  }
  return v;
}

function real(name: string, text: string | undefined, fallback: number, ok: (v: number) => boolean, expected: string): number {
  if (text === undefined) return fallback;
  const v = Number(text);
  if (text.trim() === '' || !Number.isFinite(v) || !ok(v)) {
    throw new ArgumentError({ op: 'spam options', argument: `--${name}`, expected, given: JSON.stringify(text) });
  }
  return v;
}

/**
 * Parses command-line arguments (without `node` and the script), filling in
 * DEFAULT_OPTIONS; an unknown option or a bad value is an ArgumentError naming it.
 *
 * @example
 * parseSpamArgs(['--epochs', '3', '--limit', '500']).epochs; // 3
 */
export function parseSpamArgs(argv: readonly string[]): SpamOptions {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        backend: { type: 'string' },
        epochs: { type: 'string' },
        seed: { type: 'string' },
        limit: { type: 'string' },
        'batch-size': { type: 'string' },
        lr: { type: 'string' },
        l2: { type: 'string' },
        'test-fraction': { type: 'string' },
        'max-features': { type: 'string' },
        'min-df': { type: 'string' },
        'no-progress': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (e) {
    throw new ArgumentError({ op: 'spam options', argument: 'arguments', expected: 'the options listed by --help', given: String((e as { message?: unknown }).message ?? e) });
  }
  const s = (k: string) => values[k] as string | undefined;
  const backend = s('backend') ?? DEFAULT_OPTIONS.backend;
  if (backend !== 'js' && backend !== 'wasm') {
    throw new ArgumentError({ op: 'spam options', argument: '--backend', expected: "'js' or 'wasm'", given: JSON.stringify(backend) });
  }
  const limit = s('limit');
  return {
    backend,
    epochs: integer('epochs', s('epochs'), DEFAULT_OPTIONS.epochs, 1),
    seed: integer('seed', s('seed'), DEFAULT_OPTIONS.seed, 0),
    limit: limit === undefined ? undefined : integer('limit', limit, 0, 10),
    batchSize: integer('batch-size', s('batch-size'), DEFAULT_OPTIONS.batchSize, 1),
    lr: real('lr', s('lr'), DEFAULT_OPTIONS.lr, (v) => v > 0, 'a number > 0'),
    l2: real('l2', s('l2'), DEFAULT_OPTIONS.l2, (v) => v >= 0, 'a number >= 0'),
    testFraction: real('test-fraction', s('test-fraction'), DEFAULT_OPTIONS.testFraction, (v) => v > 0 && v < 1, 'a number in (0, 1)'),
    maxFeatures: integer('max-features', s('max-features'), DEFAULT_OPTIONS.maxFeatures, 1),
    minDf: integer('min-df', s('min-df'), DEFAULT_OPTIONS.minDf, 1),
    progress: values['no-progress'] !== true,
    help: values.help === true,
  };
}
