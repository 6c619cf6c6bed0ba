/**
 * One run of the spam classifier, from raw mails to held-out metrics: parse and
 * tokenise, split, fit TF-IDF on the training side, compile the model, train,
 * predict. Returns a SpamReport; formatting it is report.ts's job.
 */
import { backendCompileOptions } from './backend';
import { loadCorpus, subsetCorpus, type Corpus } from './corpus';
import { takeRows } from './csr-rows';
import { parseMail } from './mail';
import { binaryMetrics, type BinaryMetrics } from './metrics';
import { compileLogistic } from './model';
import type { SpamOptions } from './options';
import { stratifiedSplit } from './random';
import { TfidfVectorizer } from './tfidf';
import { tokenise } from './tokenise';
import { train, type TrainProgress } from './train';

/** What a run measured. */
export interface SpamReport {
  options: SpamOptions;
  mails: number;
  spam: number;
  trainMails: number;
  testMails: number;
  features: number;
  /** Mean stored entries per TF-IDF row (training side). */
  meanRowNnz: number;
  batches: number;
  /** Nodes of the compiled training step and predictor (after rewriting). */
  stepNodes: number;
  predictNodes: number;
  epochLosses: number[];
  train: BinaryMetrics;
  test: BinaryMetrics;
  /** Seconds: loading the corpus, parsing + tokenising, TF-IDF, compile(), training, prediction. */
  seconds: { load: number; tokenise: number; tfidf: number; compile: number; train: number; predict: number };
}

/** Optional collaborators of runSpam. */
export interface RunHooks {
  /** An already loaded corpus (tests load it once); default loadCorpus(). */
  corpus?: Corpus;
  progress?: TrainProgress;
  /** Receives a line as each phase starts (main prints them on stderr). */
  log?: (line: string) => void;
}

function seconds(t0: number): number {
  return (performance.now() - t0) / 1e3;
}

/**
 * Runs the classifier with `options` and returns what it measured.
 *
 * @example
 * const report = runSpam({ ...DEFAULT_OPTIONS, limit: 600 });
 * report.test.accuracy; // above 0.9
 */
export function runSpam(options: SpamOptions, hooks: RunHooks = {}): SpamReport {
  // Fail on an unavailable backend before any slow work.
  const compileOptions = backendCompileOptions(options.backend);
  const log = hooks.log ?? (() => undefined);
  log('loading the SpamAssassin corpus');
  let t = performance.now();
  const corpus = subsetCorpus(hooks.corpus ?? loadCorpus(), options.limit, options.seed);
  const load = seconds(t);

  log(`parsing and tokenising ${corpus.texts.length} mails`);
  t = performance.now();
  const docs = corpus.texts.map((text) => {
    const mail = parseMail(text);
    return tokenise(`${mail.subject}\n${mail.body}`);
  });
  const tok = seconds(t);

  log('building TF-IDF features');
  t = performance.now();
  const split = stratifiedSplit(corpus.labels, options.testFraction, options.seed);
  const vectorizer = TfidfVectorizer.fit(split.train.map((i) => docs[i]!), { minDf: options.minDf, maxFeatures: options.maxFeatures });
  const all = vectorizer.transform(docs);
  const xTrain = takeRows(all, split.train);
  const xTest = takeRows(all, split.test);
  const yTrain = Uint8Array.from(split.train, (i) => corpus.labels[i]!);
  const yTest = Uint8Array.from(split.test, (i) => corpus.labels[i]!);
  const tfidf = seconds(t);

  log(`compiling the training step and the predictor (${vectorizer.nFeatures} features, backend ${options.backend})`);
  const model = compileLogistic({ nFeatures: vectorizer.nFeatures, lr: options.lr, l2: options.l2, compileOptions });
  const fit = train(model, xTrain, yTrain, { epochs: options.epochs, batchSize: options.batchSize, seed: options.seed, progress: hooks.progress });

  t = performance.now();
  const classify = (p: Float64Array) => Uint8Array.from(p, (v) => (v > 0.5 ? 1 : 0));
  const testMetrics = binaryMetrics(yTest, classify(model.predictProba(xTest)));
  const predict = seconds(t);
  const trainMetrics = binaryMetrics(yTrain, classify(model.predictProba(xTrain)));

  return {
    options,
    mails: corpus.texts.length,
    spam: corpus.labels.reduce((s, l) => s + l, 0),
    trainMails: split.train.length,
    testMails: split.test.length,
    features: vectorizer.nFeatures,
    meanRowNnz: xTrain.nnz / Math.max(1, xTrain.shape[0]),
    batches: fit.batches,
    stepNodes: model.stepNodes,
    predictNodes: model.predictNodes,
    epochLosses: fit.epochLosses,
    train: trainMetrics,
    test: testMetrics,
    seconds: { load, tokenise: tok, tfidf, compile: model.compileSeconds, train: fit.seconds, predict },
  };
}
