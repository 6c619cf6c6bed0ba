/**
 * Drafts docs/pytensor-names.md: one row per name the reference pages document
 * (reference-names.ts), with its TypeScript name found by the naming rules of
 * DESIGN.md (camelCase functions and members, PascalCase classes) looked up in
 * the packages' exports and prototypes. Rows the rules cannot settle, and every
 * name we do not provide, come from the hand-reviewed tables in name-review.ts,
 * so a refresh keeps the review.
 *
 * Run: `pnpm docs:names` (root), which builds the packages and writes the page.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { referenceNames, type ReferenceName } from './reference-names';
import { PACKAGES, tsNameExists } from './name-check';
import { CLASS_ALIASES, MEMBER_REASONS, OVERRIDES, type Review } from './name-review';

/** One row of the page. `ts` is '—' when we provide no counterpart; then `note` says why. */
export interface NameRow {
  readonly pytensor: string;
  readonly ts: string;
  readonly pkg: string;
  readonly note: string;
}

/**
 * PyTensor's snake_case to this project's camelCase (`as_tensor_variable` ->
 * `asTensorVariable`, `add_s_s_data` -> `addSSData`, `R_op` -> `Rop`).
 *
 * @example
 * camelCase('make_node'); // 'makeNode'
 */
export function camelCase(py: string): string {
  if (py === 'R_op' || py === 'L_op') return py.replace('_op', 'op');
  return py.replace(/(?<=[A-Za-z0-9])_([A-Za-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

/**
 * The package a PyTensor/Theano module maps to.
 *
 * @example
 * packageOf('theano.sparse.basic.add'); // '@proj/sparse'
 */
export function packageOf(qualified: string): string {
  const [, mod] = qualified.split('.');
  if (mod === 'graph' || mod === 'tensor' || mod === 'sparse' || mod === 'gradient') return `@proj/${mod}`;
  throw new Error(`no package for ${qualified}`);
}

function find(candidates: readonly string[], home: string): { ts: string; pkg: string } | undefined {
  const order = [home, ...Object.keys(PACKAGES).filter((p) => p !== home)];
  for (const pkg of order) {
    for (const ts of candidates) if (tsNameExists(pkg, ts)) return { ts, pkg };
  }
  return undefined;
}

function pascal(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The TypeScript class a PyTensor class maps to (same name unless aliased). */
function tsClass(owner: string): string {
  const short = owner.slice(owner.lastIndexOf('.') + 1);
  return CLASS_ALIASES[owner] ?? short;
}

function fromReview(n: ReferenceName, r: Review, home: string): NameRow {
  return { pytensor: n.name, ts: r.ts ?? '—', pkg: r.pkg ?? (r.ts ? home : '—'), note: r.note ?? '' };
}

/**
 * The draft row of one reference name.
 *
 * @example
 * draftRow({ name: 'pytensor.graph.op.Op.make_node', kind: 'method', owner: 'pytensor.graph.op.Op', short: 'make_node', page: 'p', line: 1 });
 * // { pytensor: 'pytensor.graph.op.Op.make_node', ts: 'Op.makeNode', pkg: '@proj/graph', note: '' }
 */
export function draftRow(n: ReferenceName): NameRow {
  const home = packageOf(n.name);
  const review = OVERRIDES[n.name];
  if (review) return fromReview(n, review, home);
  if (n.owner) {
    const reason = MEMBER_REASONS[n.short];
    if (reason) return fromReview(n, reason, home);
    const cls = tsClass(n.owner);
    const candidates = n.short === '__init__' ? [`new ${cls}`] : [`${cls}.${camelCase(n.short)}`];
    const hit = find(candidates, home);
    if (hit) return { pytensor: n.name, ...hit, note: '' };
    return { pytensor: n.name, ts: '—', pkg: '—', note: 'TODO: not found' };
  }
  const camel = n.kind === 'class' || n.kind === 'exception' ? tsClass(n.name) : camelCase(n.short);
  const hit = find([camel, pascal(camel)], home);
  if (hit) return { pytensor: n.name, ...hit, note: '' };
  return { pytensor: n.name, ts: '—', pkg: '—', note: 'TODO: not found' };
}

const PAGE_TITLES: Readonly<Record<string, string>> = {
  'pytensor-graph-op.txt': 'pytensor.graph (Op, HasInnerGraph, test values)',
  'pytensor-tensor-basic.txt': 'pytensor.tensor (basic tensor functionality)',
  'pytensor-gradient.txt': 'pytensor.gradient',
  'pytensor-sparse.txt': 'pytensor.sparse',
  'theano-sparse.txt': 'theano.sparse (the older names)',
};

function cell(s: string): string {
  return s.replace(/\|/g, '\\|');
}

/**
 * The markdown page for the given names and rows (same order).
 *
 * @example
 * const names = referenceNames(dir);
 * writeFileSync('docs/pytensor-names.md', renderPage(names, names.map(draftRow)));
 */
export function renderPage(names: readonly ReferenceName[], rows: readonly NameRow[]): string {
  const missing = rows.filter((r) => r.ts === '—').length;
  const out: string[] = [
    '# PyTensor names -> TypeScript',
    '',
    'Every public name documented by the PyTensor/Theano reference pages this project',
    'follows (`../shared/reference/*.txt`), with its TypeScript counterpart and package.',
    'Naming follows the design (`../shared/DESIGN.md`): functions and members in camelCase',
    '(`make_node` -> `makeNode`, `as_tensor_variable` -> `asTensorVariable`), classes in',
    'PascalCase. `Class.member` is a method or property of that class (for',
    '`TensorVariable`/`SparseVariable`: a method on the variable, `x.flatten()`);',
    '`new Class` is its constructor. **—** means we provide no counterpart; the note says why.',
    '',
    `${rows.length} names, ${rows.length - missing} provided, ${missing} not provided.`,
    'Generated by `pnpm docs:names` (tools/src/docs/names-draft.ts) from the hand-reviewed',
    'tables in tools/src/docs/name-review.ts; `tools/test/docs-names.test.ts` checks that',
    'every reference name has a row and that every TypeScript name exists.',
    'The rows cover the `[source]` entries of every page, the plural constructors of the',
    'tensor page and the "List of Implemented Operations" of the PyTensor sparse page (the',
    'Theano page repeats that list; there only its `[source]` entries are read).',
    '',
  ];
  let page = '';
  names.forEach((n, i) => {
    if (n.page !== page) {
      page = n.page;
      out.push('', `## ${PAGE_TITLES[page] ?? page}`, '', '| PyTensor name | TypeScript | package | note |', '|---|---|---|---|');
    }
    const r = rows[i];
    const ts = r.ts === '—' ? '—' : `\`${r.ts}\``;
    const pkg = r.pkg === '—' ? '—' : `\`${r.pkg}\``;
    out.push(`| \`${r.pytensor}\` | ${cell(ts)} | ${pkg} | ${cell(r.note)} |`);
  });
  return `${out.join('\n')}\n`;
}

/** Where the extracted names are kept for checkouts without ../shared/reference. */
export const NAMES_SNAPSHOT = join('tools', 'test', 'fixtures', 'reference-names.json');

/**
 * Writes docs/pytensor-names.md under `root` from the reference pages in
 * `referenceDir`, and the snapshot of the extracted names the test falls back on.
 *
 * @example
 * writeNamesPage('/work/main', '/work/shared/reference').length; // one row per name
 */
export function writeNamesPage(root: string, referenceDir: string): NameRow[] {
  const names = referenceNames(referenceDir);
  const rows = names.map(draftRow);
  writeFileSync(join(root, 'docs', 'pytensor-names.md'), renderPage(names, rows));
  writeFileSync(join(root, NAMES_SNAPSHOT), `[\n${names.map((n) => JSON.stringify(n)).join(',\n')}\n]\n`);
  return rows;
}

if (require.main === module) {
  // The repository root is the nearest folder with pnpm-workspace.yaml (source or dist).
  let root = __dirname;
  while (!existsSync(join(root, 'pnpm-workspace.yaml')) && dirname(root) !== root) root = dirname(root);
  const refDir = process.argv[2] ?? join(root, '..', 'shared', 'reference');
  const rows = writeNamesPage(root, refDir);
  const todo = rows.filter((r) => r.note.startsWith('TODO'));
  console.log(`${rows.length} rows, ${todo.length} to review`);
  for (const r of todo) console.log(`  ${r.pytensor}`);
}
