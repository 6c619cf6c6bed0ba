import { loadCorpus, subsetCorpus } from '../src/spam/corpus';
import { DEFAULT_OPTIONS } from '../src/spam/options';
import { formatReport } from '../src/spam/report';
import { runSpam } from '../src/spam/run';
import type { TrainProgress } from '../src/spam/train';

// The whole pipeline on a stratified subset of the real corpus, small enough for a unit test.
describe('spam classifier end to end (--limit 800)', () => {
  const corpus = loadCorpus();

  it('loads the SpamAssassin corpus: 6046 mails, 1896 spam', () => {
    expect(corpus.texts.length).toBe(6046);
    expect(corpus.labels.reduce((s, l) => s + l, 0)).toBe(1896);
    expect(new Set(corpus.groups)).toEqual(new Set(['easy-ham-1', 'easy-ham-2', 'hard-ham-1', 'spam-1', 'spam-2']));
  });

  it('a stratified subset keeps the spam ratio', () => {
    const sub = subsetCorpus(corpus, 800, 42);
    expect(Math.abs(sub.texts.length - 800)).toBeLessThanOrEqual(1);
    expect(sub.labels.reduce((s, l) => s + l, 0)).toBe(Math.round((1896 * 800) / 6046));
  });

  it('trains, reports progress and classifies held-out mails with accuracy above 90%', () => {
    const seen: number[] = [];
    let stopped = false;
    const progress: TrainProgress = { start: (total) => seen.push(total), update: (done) => seen.push(done), stop: () => { stopped = true; } };
    const options = { ...DEFAULT_OPTIONS, limit: 800, epochs: 10, batchSize: 64, lr: 0.03, maxFeatures: 5000, progress: false };
    const r = runSpam(options, { corpus, progress });
    expect(r.testMails + r.trainMails).toBe(r.mails);
    // Each class gives round(20%) of its mails to the held-out side.
    expect(r.testMails).toBe(Math.round(0.2 * r.spam) + Math.round(0.2 * (r.mails - r.spam)));
    const perEpoch = Math.ceil(r.trainMails / options.batchSize);
    expect(seen[0]).toBe(perEpoch * 10);
    expect(seen[seen.length - 1]).toBe(perEpoch * 10);
    expect(stopped).toBe(true);
    expect(r.epochLosses).toHaveLength(10);
    expect(r.epochLosses[9]).toBeLessThan(r.epochLosses[0]!);
    expect(r.test.accuracy).toBeGreaterThan(0.9);
    expect(r.test.precision).toBeGreaterThan(0.85);
    expect(r.test.recall).toBeGreaterThan(0.75);
    const text = formatReport(r);
    expect(text).toContain(`accuracy    ${(100 * r.test.accuracy).toFixed(2)}%`);
    expect(text).toContain('compile');
  }, 60_000);
});
