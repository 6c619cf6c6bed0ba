/**
 * The printed report of a run.
 */
import type { SpamReport } from './run';

const pct = (v: number) => `${(100 * v).toFixed(2)}%`;
const sec = (v: number) => `${v.toFixed(2)} s`;

/**
 * A short plain-text report: data, model, held-out metrics and timings.
 *
 * @example
 * console.log(formatReport(runSpam(options)));
 */
export function formatReport(r: SpamReport): string {
  const o = r.options;
  const m = r.test;
  const lines = [
    'Spam classifier: L2-regularised logistic regression on TF-IDF features',
    `  corpus      SpamAssassin public corpus: ${r.mails} mails, ${r.spam} spam (${pct(r.spam / r.mails)})${o.limit !== undefined ? ` [--limit ${o.limit}]` : ''}`,
    `  split       ${r.trainMails} train / ${r.testMails} held out (stratified, seed ${o.seed})`,
    `  features    ${r.features} terms (min df ${o.minDf}, cap ${o.maxFeatures}), ${r.meanRowNnz.toFixed(1)} stored per mail on average`,
    `  training    ${o.epochs} epochs x ${Math.ceil(r.trainMails / o.batchSize)} batches of ${o.batchSize}, Adam lr ${o.lr}, l2 ${o.l2}, backend ${o.backend}`,
    `  loss        ${r.epochLosses.map((l) => l.toFixed(4)).join(' -> ')} (mean per epoch)`,
    '',
    `Held-out results (${r.testMails} mails; spam is the positive class):`,
    `  accuracy    ${pct(m.accuracy)}   (train ${pct(r.train.accuracy)})`,
    `  precision   ${pct(m.precision)}`,
    `  recall      ${pct(m.recall)}`,
    `  F1          ${pct(m.f1)}`,
    `  confusion   ${m.tp} spam caught, ${m.fn} spam missed, ${m.fp} ham flagged, ${m.tn} ham passed`,
    '',
    'Time:',
    `  load corpus ${sec(r.seconds.load)}   parse + tokenise ${sec(r.seconds.tokenise)}   TF-IDF ${sec(r.seconds.tfidf)}`,
    `  compile     ${sec(r.seconds.compile)} (training step ${r.stepNodes} nodes, predictor ${r.predictNodes})`,
    `  train       ${sec(r.seconds.train)} (${r.batches} steps, ${((1e3 * r.seconds.train) / Math.max(1, r.batches)).toFixed(1)} ms each)   predict ${sec(r.seconds.predict)}`,
  ];
  return lines.join('\n');
}
