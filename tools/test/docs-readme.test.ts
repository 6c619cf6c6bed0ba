/**
 * Runs every ```ts test block of docs/*.md and packages/*\/README.md (see
 * tools/src/docs/snippets.ts), so the guide and the READMEs never rot; and checks
 * that the documentation set is complete (every package has a README with an
 * install line, a tested example and an API section; typedoc covers every package).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PACKAGES } from '../src/docs/name-check';
import { compileSnippet, extractSnippets, typeCheckSnippets, type Snippet } from '../src/docs/snippets';
import { isNDArray, toNested } from '@proj/tensor';

const ROOT = path.join(__dirname, '..', '..');
const PKG_DIRS = fs.readdirSync(path.join(ROOT, 'packages')).filter((d) => fs.existsSync(path.join(ROOT, 'packages', d, 'package.json')));
const DOC_FILES = [
  ...fs.readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => path.join('docs', f)),
  ...PKG_DIRS.map((d) => path.join('packages', d, 'README.md')),
];

function isSparseValue(v: unknown): v is { toarray(): unknown; indptr: unknown } {
  return v !== null && typeof v === 'object' && 'indptr' in v && typeof (v as { toarray?: unknown }).toarray === 'function';
}

/** Plain data for comparison: ndarrays to nested arrays, sparse matrices to dense, typed arrays to arrays. */
function plain(v: unknown): unknown {
  if (isNDArray(v)) return plain(toNested(v));
  if (typeof v === 'bigint') return Number(v);
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return Array.from(v as unknown as ArrayLike<unknown>, plain);
  if (Array.isArray(v)) return v.map(plain);
  if (isSparseValue(v)) return plain(v.toarray());
  return v;
}

function close(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') {
    if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
    return a === b || Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  }
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => close(x, b[i]));
  return JSON.stringify(a) === JSON.stringify(b);
}

function run(s: Snippet): void {
  const js = compileSnippet(s);
  const where = (line: number) => `${s.file}:${line}`;
  const check = (actual: () => unknown, expected: unknown, line: number) => {
    const got = plain(actual());
    if (!close(got, plain(expected))) {
      throw new Error(`${where(line)}: expected ${JSON.stringify(plain(expected))}, got ${JSON.stringify(got, (_k, x) => (typeof x === 'bigint' ? String(x) : x))}`);
    }
  };
  const throws = (actual: () => unknown, name: string, line: number) => {
    try {
      actual();
    } catch (e) {
      if ((e as Error).name === name || (e as object).constructor?.name === name) return;
      throw new Error(`${where(line)}: expected ${name}, got ${(e as Error).name}: ${(e as Error).message}`);
    }
    throw new Error(`${where(line)}: expected ${name}, nothing was thrown`);
  };
  // The block's imports of @proj packages get the namespaces this test already
  // loaded (the sources, through jest's moduleNameMapper).
  const req = (id: string): unknown => PACKAGES[id] ?? require(id);
  const mod = { exports: {} };
  new Function('require', 'module', 'exports', '__check', '__throws', js)(req, mod, mod.exports, check, throws);
}

describe('documentation code blocks', () => {
  let log: jest.SpyInstance;
  beforeAll(() => {
    log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  });
  afterAll(() => log.mockRestore());

  for (const file of DOC_FILES) {
    const text = fs.existsSync(path.join(ROOT, file)) ? fs.readFileSync(path.join(ROOT, file), 'utf8') : '';
    for (const s of extractSnippets(file, text)) {
      it(`${file}:${s.line} runs and its checks hold`, () => {
        run(s);
      });
    }
  }

  it('the harness reports a failing check with its line', () => {
    expect(() => run({ file: 'x.md', line: 10, code: 'Math.sqrt(4); // => 3' })).toThrow('x.md:11: expected 3, got 2');
    expect(() => run({ file: 'x.md', line: 1, code: 'JSON.parse("{"); // throws RangeError' })).toThrow('expected RangeError, got SyntaxError');
  });
});

describe('documentation code blocks type-check', () => {
  it('every tested block is valid TypeScript against the current sources', () => {
    const all = DOC_FILES.flatMap((f) => (fs.existsSync(path.join(ROOT, f)) ? extractSnippets(f, fs.readFileSync(path.join(ROOT, f), 'utf8')) : []));
    expect(typeCheckSnippets(ROOT, all)).toEqual([]);
  }, 120_000);

  it('reports a type error with its markdown line', () => {
    expect(typeCheckSnippets(ROOT, [{ file: 'a.md', line: 3, code: "const n: number = 'x';" }])).toEqual([
      "a.md:4: Type 'string' is not assignable to type 'number'.",
    ]);
  }, 120_000);
});

describe('documentation set', () => {
  it.each(PKG_DIRS)('packages/%s/README.md says how to install it, shows a tested example and the API at a glance', (dir) => {
    const text = fs.readFileSync(path.join(ROOT, 'packages', dir, 'README.md'), 'utf8');
    const name = JSON.parse(fs.readFileSync(path.join(ROOT, 'packages', dir, 'package.json'), 'utf8')).name as string;
    expect(text).toContain(`npm install ${name}`);
    expect(extractSnippets(dir, text).length).toBeGreaterThan(0);
    // backend-wasm's README belongs to the WASM work; the docs only add a pointer section to it.
    if (dir !== 'backend-wasm') expect(text).toMatch(/^## API at a glance/m);
  });

  it('every `npm install` line of the docs names packages of this repository', () => {
    const names = new Set(PKG_DIRS.map((d) => JSON.parse(fs.readFileSync(path.join(ROOT, 'packages', d, 'package.json'), 'utf8')).name as string));
    const installed = DOC_FILES.flatMap((f) => {
      const text = fs.existsSync(path.join(ROOT, f)) ? fs.readFileSync(path.join(ROOT, f), 'utf8') : '';
      return [...text.matchAll(/^npm install ([^#\n]+)/gm)].flatMap((m) => m[1].trim().split(/\s+/));
    });
    expect(installed.length).toBeGreaterThan(PKG_DIRS.length);
    expect(installed.filter((n) => !names.has(n))).toEqual([]);
  });

  it('the guide has tested blocks', () => {
    const text = fs.readFileSync(path.join(ROOT, 'docs', 'getting-started.md'), 'utf8');
    expect(extractSnippets('getting-started.md', text).length).toBeGreaterThan(10);
  });

  it('typedoc documents every package from its src/index.ts', () => {
    const cfg = JSON.parse(fs.readFileSync(path.join(ROOT, 'typedoc.json'), 'utf8'));
    expect([...cfg.entryPoints].sort()).toEqual(PKG_DIRS.map((d) => `packages/${d}`).sort());
    expect(cfg.packageOptions.entryPoints).toEqual(['src/index.ts']);
    expect(cfg.out).toBe('docs/api');
    expect(fs.readFileSync(path.join(ROOT, '.gitignore'), 'utf8')).toMatch(/^docs\/api\/?$/m);
  });
});
