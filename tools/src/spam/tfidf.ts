/**
 * TF-IDF features as a CSR matrix (scikit-learn's TfidfVectorizer with
 * smooth_idf=True and norm='l2'): fit the vocabulary and the idf weights on the
 * training documents, then turn any documents into L2-normalised rows.
 */
import { ArgumentError } from '@proj/graph';
import * as sp from '@proj/sparse';

/** How the vocabulary is chosen and how term counts are weighted. */
export interface TfidfOptions {
  /** Keep terms found in at least this many training documents (default 2). */
  minDf?: number;
  /** Drop terms found in more than this fraction of the training documents (default 1: keep all). */
  maxDfFraction?: number;
  /** Keep at most this many terms, those of highest document frequency (ties: alphabetical). Default: no cap. */
  maxFeatures?: number;
  /** Weight a term count c as 1 + ln(c) instead of c (scikit-learn's sublinear_tf; default true). */
  sublinearTf?: boolean;
}

/**
 * Terms to column indices and idf weights, fitted on tokenised documents.
 *
 * Columns are the kept terms in alphabetical order; idf(t) = ln((1 + n) / (1 + df(t))) + 1
 * for n training documents; a row is tf(t) * idf(t) over the terms of the
 * document, divided by its L2 norm (rows without a known term stay empty).
 *
 * @example
 * const v = TfidfVectorizer.fit([['free', 'money'], ['meeting', 'money']], { minDf: 1 });
 * v.transform([['money', 'money', 'free']]).toarray();
 */
export class TfidfVectorizer {
  /** The kept terms, in column order. */
  readonly terms: readonly string[];
  /** Term -> column. */
  readonly vocabulary: ReadonlyMap<string, number>;
  /** idf weight of each column. */
  readonly idf: Float64Array;
  readonly sublinearTf: boolean;

  private constructor(terms: string[], idf: Float64Array, sublinearTf: boolean) {
    this.terms = terms;
    this.vocabulary = new Map(terms.map((t, j) => [t, j]));
    this.idf = idf;
    this.sublinearTf = sublinearTf;
  }

  /**
   * Chooses the vocabulary by document frequency and computes the idf weights.
   *
   * @example
   * TfidfVectorizer.fit(docs, { minDf: 2, maxFeatures: 20000 }).terms.length;
   */
  static fit(docs: readonly (readonly string[])[], options: TfidfOptions = {}): TfidfVectorizer {
    const op = 'TfidfVectorizer.fit';
    const minDf = options.minDf ?? 2;
    const maxDfFraction = options.maxDfFraction ?? 1;
    const maxFeatures = options.maxFeatures ?? Infinity;
    if (!Number.isInteger(minDf) || minDf < 1) throw new ArgumentError({ op, argument: 'minDf', expected: 'an integer >= 1', given: String(minDf) });
    if (!(maxDfFraction > 0 && maxDfFraction <= 1)) throw new ArgumentError({ op, argument: 'maxDfFraction', expected: 'a number in (0, 1]', given: String(maxDfFraction) });
    if (!(maxFeatures >= 1)) throw new ArgumentError({ op, argument: 'maxFeatures', expected: 'a number >= 1', given: String(maxFeatures) });
    if (docs.length === 0) throw new ArgumentError({ op, argument: 'docs', expected: 'at least one document', given: 'none' });

    const df = new Map<string, number>();
    for (const doc of docs) {
      for (const t of new Set(doc)) df.set(t, (df.get(t) ?? 0) + 1);
    }
    const n = docs.length;
    const maxDf = maxDfFraction * n;
    let kept = [...df.entries()].filter(([, d]) => d >= minDf && d <= maxDf);
    if (kept.length > maxFeatures) {
      kept.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      kept = kept.slice(0, maxFeatures);
    }
    kept.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const idf = new Float64Array(kept.length);
    kept.forEach(([, d], j) => {
      idf[j] = Math.log((1 + n) / (1 + d)) + 1;
    });
    return new TfidfVectorizer(kept.map(([t]) => t), idf, options.sublinearTf ?? true);
  }

  /** Number of columns (kept terms). */
  get nFeatures(): number {
    return this.terms.length;
  }

  /**
   * The TF-IDF rows of `docs` (unknown terms ignored), column indices sorted in each row.
   *
   * @example
   * v.transform([['free', 'money']]).shape; // [1, v.nFeatures]
   */
  transform(docs: readonly (readonly string[])[]): sp.CSRMatrix {
    const indptr = new Int32Array(docs.length + 1);
    const cols: number[] = [];
    const vals: number[] = [];
    const counts = new Map<number, number>();
    docs.forEach((doc, i) => {
      counts.clear();
      for (const t of doc) {
        const j = this.vocabulary.get(t);
        if (j !== undefined) counts.set(j, (counts.get(j) ?? 0) + 1);
      }
      const js = [...counts.keys()].sort((a, b) => a - b);
      let norm2 = 0;
      const start = vals.length;
      for (const j of js) {
        const c = counts.get(j)!;
        const v = (this.sublinearTf ? 1 + Math.log(c) : c) * this.idf[j]!;
        cols.push(j);
        vals.push(v);
        norm2 += v * v;
      }
      const inv = norm2 > 0 ? 1 / Math.sqrt(norm2) : 0;
      for (let k = start; k < vals.length; k++) vals[k] = vals[k]! * inv;
      indptr[i + 1] = vals.length;
    });
    return sp.csrMatrix({ data: Float64Array.from(vals), indices: Int32Array.from(cols), indptr, shape: [docs.length, this.nFeatures] }, { dtype: 'float64' });
  }
}
