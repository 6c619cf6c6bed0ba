import * as sp from '../src';

describe('@proj/sparse public API', () => {
  it('exports the sparse values and their helpers', () => {
    for (const name of ['CSRMatrix', 'CSCMatrix', 'CompressedMatrix', 'SparseFormatError', 'csrMatrix', 'cscMatrix', 'fromDense', 'fromCOO', 'random', 'mmread', 'mmwrite', 'sparseEqual', 'isSparseMatrix']) {
      expect(typeof (sp as Record<string, unknown>)[name]).toBe('function');
    }
  });

  it('works end to end under a namespace import', () => {
    const a = sp.csrMatrix([[0, 1.5], [2, 0]]);
    const b = sp.mmread(sp.mmwrite(a.tocsc().transpose()));
    expect(sp.sparseEqual(b, a.transpose())).toBe(true);
  });
});
