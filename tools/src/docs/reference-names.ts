/**
 * Lists the public names documented by the PyTensor/Theano reference pages
 * (../shared/reference/*.txt): classes, exceptions, module functions and
 * attributes, and the members documented under each class. docs/pytensor-names.md
 * must have a row for each of them (tools/test/docs-names.test.ts checks it).
 *
 * The pages are text dumps of Sphinx HTML in two layouts:
 * - PyTensor pages: one entry per line, `class pytensor.x.Y(...)[source]#`,
 *   `pytensor.x.f(...)[source]#`, or an unqualified member `make_node(x, y)[source]#`
 *   (sometimes after a list dash `- `);
 * - the Theano page: the same pieces split over lines (`class` / `theano.sparse.basic.` /
 *   `AddSD` / `[source]¶`, or `grad` / `(inputs, gout)[source]¶`).
 * Besides the `[source]` entries, the tensor page lists plural constructors in
 * prose (`iscalars, lscalars, ...`) and the PyTensor sparse page lists its ops as
 * bullets ("List of Implemented Operations"); both are read too. The Theano page's copy
 * of that list is a garbled dump of the same names and is not read.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** What a reference entry documents. */
export type ReferenceKind = 'class' | 'exception' | 'function' | 'attribute' | 'method' | 'property';

/** One public name documented by a reference page. */
export interface ReferenceName {
  /** Fully qualified name, e.g. `pytensor.sparse.basic.AddSD.make_node`. */
  readonly name: string;
  readonly kind: ReferenceKind;
  /** For a member: the qualified name of its class. */
  readonly owner?: string;
  /** The last component of the name (`make_node`). */
  readonly short: string;
  /** The reference page (file name) and 1-based line of the first mention. */
  readonly page: string;
  readonly line: number;
}

const SOURCE = '[source]';
const IDENT = /^([A-Za-z_][\w.]*)/;
const KEYWORDS = /^(?:abstract\s+|static\s+|property\s+)+/;

/** The signature text of the entry whose `[source]` marker is on line `i`. */
function signatureAt(lines: readonly string[], i: number): string {
  const line = lines[i];
  let head = line.slice(0, line.indexOf(SOURCE));
  const trimmed = head.trim();
  // Theano layout: the name is on the previous line, its module prefix and
  // `class` keyword on the lines before it.
  if (trimmed === '' || trimmed.startsWith('(') || trimmed.startsWith('=')) {
    const name = lines[i - 1].trim();
    let k = i - 2;
    let prefix = '';
    if (k >= 0 && /^[\w.]+\.$/.test(lines[k].trim())) {
      prefix = lines[k].trim();
      k -= 1;
    }
    const keyword = k >= 0 && /^(class|exception)$/.test(lines[k].trim()) ? `${lines[k].trim()} ` : '';
    return `${keyword}${prefix}${name}${trimmed}`;
  }
  // PyTensor graph page: entries follow a list dash, sometimes mid-line after prose.
  const dash = head.match(/(?:^|\.)\s*-\s+(.*)$/);
  if (dash) head = dash[1];
  return head.trim();
}

function lastPart(name: string): string {
  return name.slice(name.lastIndexOf('.') + 1);
}

/** Entries marked `[source]` on one page. */
function sourceEntries(page: string, text: string): ReferenceName[] {
  const lines = text.split('\n');
  const out: ReferenceName[] = [];
  let owner: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].includes(SOURCE)) continue;
    let sig = signatureAt(lines, i);
    const kw = sig.match(/^(class|exception)\s+/);
    sig = sig.slice(kw ? kw[0].length : 0);
    const isProperty = /(^|\s)property\s/.test(sig);
    sig = sig.replace(KEYWORDS, '');
    const m = sig.match(IDENT);
    if (!m) throw new Error(`${page}:${i + 1}: cannot read the entry name in ${JSON.stringify(lines[i])}`);
    const name = m[1];
    const rest = sig.slice(name.length);
    const line = i + 1;
    if (kw) {
      out.push({ name, kind: kw[1] as 'class' | 'exception', short: lastPart(name), page, line });
      owner = name;
    } else if (/^(pytensor|theano)\./.test(name)) {
      const kind: ReferenceKind = rest.startsWith('(') ? 'function' : 'attribute';
      out.push({ name, kind, short: lastPart(name), page, line });
      // `pytensor.tensor.log(a), log2(a), log10(a)`: one entry for several functions.
      const module = name.slice(0, name.lastIndexOf('.'));
      for (const extra of rest.matchAll(/\),\s*([A-Za-z_]\w*)\(/g)) {
        out.push({ name: `${module}.${extra[1]}`, kind: 'function', short: extra[1], page, line });
      }
      owner = undefined;
    } else {
      if (!owner) throw new Error(`${page}:${line}: member ${name} outside any class`);
      const kind: ReferenceKind = rest.startsWith('(') ? 'method' : isProperty ? 'property' : 'attribute';
      out.push({ name: `${owner}.${name}`, kind, owner, short: name, page, line });
    }
  }
  return out;
}

/** `iscalars, lscalars, fscalars, dscalars` lines of the tensor page. */
function pluralConstructors(page: string, text: string): ReferenceName[] {
  const out: ReferenceName[] = [];
  text.split('\n').forEach((l, i) => {
    if (!/^[a-z]+s(, [a-z]+s)+$/.test(l.trim())) return;
    for (const short of l.trim().split(', ')) {
      out.push({ name: `pytensor.tensor.${short}`, kind: 'function', short, page, line: i + 1 });
    }
  });
  return out;
}

// Words of the bullet prose that are no names.
const PROSE = new Set(['PyTensor', 'Theano', 'Sparse', 'sparse_variable', 'and', 'or', 'with', 'returns', 'returning', 'remove']);

/** The bullets of "List of Implemented Operations" on the PyTensor sparse page. */
function implementedList(page: string, text: string): ReferenceName[] {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.startsWith('List of Implemented Operations'));
  if (start < 0 || !text.includes('•')) return [];
  const out: ReferenceName[] = [];
  for (let i = start + 1; i < lines.length; i++) {
    if (lines[i].includes(SOURCE) || /^\S.*Sparse Op/.test(lines[i])) break;
    // Second-level bullets name the operations; deeper ones describe them.
    const b = lines[i].match(/^ {4}• (.*)$/);
    if (!b) continue;
    const words = [...b[1].matchAll(/([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)(\(\))?/g)];
    words.forEach((w, j) => {
      const prev = j > 0 ? b[1].slice(0, w.index).trimEnd() : '';
      const listed = j === 0 || /(,|\band|\bwith|\bor)$/.test(prev);
      const codeLike = /_|\d/.test(w[1]) || w[2] !== undefined;
      if (!(listed || codeLike)) return;
      const short = lastPart(w[1]);
      // Placeholders of the slice syntax (`x[M:N, O:P]`) are single letters.
      if (PROSE.has(short) || /^[A-Za-z]$/.test(short)) return;
      out.push({ name: `pytensor.sparse.${short}`, kind: 'function', short, page, line: i + 1 });
    });
  }
  return out;
}

/**
 * The public names of one reference page, in page order, without duplicates.
 *
 * @example
 * const names = pageNames('pytensor-graph-op.txt', readFileSync(path, 'utf8'));
 * names.find((n) => n.name === 'pytensor.graph.op.Op.make_node'); // { kind: 'method', ... }
 */
export function pageNames(page: string, text: string): ReferenceName[] {
  const all = [...sourceEntries(page, text), ...pluralConstructors(page, text), ...implementedList(page, text)];
  const seen = new Set<string>();
  return all.filter((n) => (seen.has(n.name) ? false : (seen.add(n.name), true)));
}

/**
 * The public names of every reference page in `dir` (the `*.txt` files), deduplicated
 * by qualified name (a name on two pages is kept at its first mention).
 *
 * @example
 * const names = referenceNames('/work/shared/reference');
 * names.length; // several hundred
 */
export function referenceNames(dir: string): ReferenceName[] {
  const seen = new Set<string>();
  const out: ReferenceName[] = [];
  for (const page of readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()) {
    for (const n of pageNames(page, readFileSync(join(dir, page), 'utf8'))) {
      if (seen.has(n.name)) continue;
      seen.add(n.name);
      out.push(n);
    }
  }
  return out;
}
