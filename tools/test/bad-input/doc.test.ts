/** docs/bad-input.md is generated from the catalogue rows the other tests check: it must equal the generated text. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BAD_INPUT_CATALOGUE } from '../../src/bad-input';
import { badInputDoc } from '../../src/docs/bad-input-doc';

describe('docs/bad-input.md', () => {
  it('equals the page generated from the catalogue (regenerate with pnpm --filter @proj/tools docs:bad-input)', () => {
    const committed = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'bad-input.md'), 'utf8');
    expect(committed).toBe(badInputDoc(BAD_INPUT_CATALOGUE));
  });

  it('has a section per package and a line per row', () => {
    const text = badInputDoc(BAD_INPUT_CATALOGUE);
    for (const s of BAD_INPUT_CATALOGUE) {
      expect(text).toContain(`## ${s.pkg}`);
      for (const r of s.rows) expect(text).toContain(r.input.replace(/\|/g, '\\|'));
    }
  });
});
