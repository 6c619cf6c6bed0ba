/** Every bad-input row of @proj/sparse: the typed error and message the catalogue (docs/bad-input.md) promises. */
import { BAD_INPUT_CATALOGUE } from '../../src/bad-input';
import { checkRow } from '../../src/bad-input/check-row';

const section = BAD_INPUT_CATALOGUE.find((s) => s.pkg === '@proj/sparse')!;

describe('bad input: @proj/sparse', () => {
  it('has rows', () => {
    expect(section.rows.length).toBeGreaterThan(0);
  });

  // A per-test timeout: a row that hangs fails instead of blocking the run.
  it.each(section.rows.map((r) => [`${r.kind}: ${r.input}`, r] as const))('%s', (_name, row) => {
    expect(checkRow(row)).toBeUndefined();
  }, 20_000);
});
