import * as fs from 'node:fs';
import * as path from 'node:path';
import * as pt from '@proj/tensor';
import { TfidfVectorizer } from '../src/spam/tfidf';
import { tokenise } from '../src/spam/tokenise';

// Computed with NumPy from the definitions by tools/fixtures/gen_spam_tfidf.py.
interface Case {
  name: string;
  min_df: number;
  max_df_fraction: number;
  max_features: number | null;
  sublinear_tf: boolean;
  terms: string[];
  idf: number[];
  train: number[];
  transform: number[];
}
const fixture = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'spam-tfidf.json'), 'utf8')) as {
  train: string[];
  transformDocs: string[];
  trainTokens: string[][];
  cases: Case[];
};

function dense(m: { toarray(): pt.NDArray }): number[] {
  return (pt.toNested(m.toarray()) as number[][]).flat();
}

describe('spam TF-IDF against NumPy', () => {
  const trainDocs = fixture.train.map(tokenise);
  const newDocs = fixture.transformDocs.map(tokenise);

  it('tokenises the fixture corpus as the Python re-implementation does', () => {
    expect(trainDocs).toEqual(fixture.trainTokens);
  });

  it.each(fixture.cases.map((c) => [c.name, c] as const))('%s: vocabulary, idf and L2-normalised rows', (_name, c) => {
    const v = TfidfVectorizer.fit(trainDocs, { minDf: c.min_df, maxDfFraction: c.max_df_fraction, maxFeatures: c.max_features ?? undefined, sublinearTf: c.sublinear_tf });
    expect(v.terms).toEqual(c.terms);
    Array.from(v.idf).forEach((x, j) => expect(x).toBeCloseTo(c.idf[j]!, 12));
    const xt = v.transform(trainDocs);
    expect(xt.shape).toEqual([trainDocs.length, c.terms.length]);
    expect(xt.hasSortedIndices).toBe(true);
    dense(xt).forEach((x, k) => expect(x).toBeCloseTo(c.train[k]!, 12));
    dense(v.transform(newDocs)).forEach((x, k) => expect(x).toBeCloseTo(c.transform[k]!, 12));
  });

  it('stores no zeros: a document without a known term is an empty row', () => {
    const v = TfidfVectorizer.fit(trainDocs, { minDf: 1 });
    const x = v.transform([['zebra'], ['free', 'zebra']]);
    expect(Array.from(x.indptr)).toEqual([0, 0, 1]);
    expect(x.data[0]).toBeCloseTo(1, 15);
  });

  it('rejects bad options with the option named', () => {
    expect(() => TfidfVectorizer.fit(trainDocs, { minDf: 0 })).toThrow(/minDf/);
    expect(() => TfidfVectorizer.fit(trainDocs, { maxDfFraction: 1.5 })).toThrow(/maxDfFraction/);
    expect(() => TfidfVectorizer.fit([], {})).toThrow(/docs/);
  });
});
