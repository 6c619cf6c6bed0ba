/**
 * docs/pytensor-names.md maps every name of the PyTensor/Theano reference pages to
 * its TypeScript counterpart. No name may be silently missing, no TypeScript name
 * may be invented, and every '—' row says why.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pageNames, referenceNames, type ReferenceName } from '../src/docs/reference-names';
import { tsNameExists } from '../src/docs/name-check';
import { camelCase, packageOf } from '../src/docs/names-draft';
import { MEMBER_REASONS, OVERRIDES } from '../src/docs/name-review';

const ROOT = join(__dirname, '..', '..');
const REFERENCE_DIR = process.env.REFERENCE_DIR ?? join(ROOT, '..', 'shared', 'reference');
const SNAPSHOT = join(ROOT, 'tools', 'test', 'fixtures', 'reference-names.json');
const havePages = existsSync(REFERENCE_DIR);

interface Row {
  pytensor: string;
  ts: string;
  pkg: string;
  note: string;
}

function unquote(s: string): string {
  return s.trim().replace(/^`|`$/g, '');
}

function pageRows(): Row[] {
  const text = readFileSync(join(ROOT, 'docs', 'pytensor-names.md'), 'utf8');
  return text
    .split('\n')
    .filter((l) => l.startsWith('| `'))
    .map((l) => {
      const cells = l.slice(1, -1).split(/(?<!\\) \| /).map((c) => c.replace(/\\\|/g, '|'));
      return { pytensor: unquote(cells[0]), ts: unquote(cells[1]), pkg: unquote(cells[2]), note: cells[3].trim() };
    });
}

// The reference pages live next to the checkout; a checkout without them uses the
// names extracted when the page was last generated (tools/test/fixtures).
const names: ReferenceName[] = havePages ? referenceNames(REFERENCE_DIR) : JSON.parse(readFileSync(SNAPSHOT, 'utf8'));
const rows = pageRows();
const byName = new Map(rows.map((r) => [r.pytensor, r]));

describe('reference-names extractor', () => {
  const has = (n: string) => names.some((x) => x.name === n);

  it('reads classes, exceptions, methods and attributes of the PyTensor pages', () => {
    expect(has('pytensor.graph.op.Op.make_node')).toBe(true);
    expect(has('pytensor.graph.op.HasInnerGraph.fgraph')).toBe(true);
    expect(has('pytensor.gradient.GradientError')).toBe(true);
    expect(has('pytensor.sparse.basic.CSM.grad')).toBe(true);
    expect(has('pytensor.sparse.basic.CSMProperties.view_map')).toBe(true);
    expect(has('pytensor.tensor.variable._tensor_py_operators.flatten')).toBe(true);
    expect(names.find((n) => n.name === 'pytensor.tensor.TensorType.broadcastable')?.kind).toBe('attribute');
  });

  it('splits entries that document several functions and reads the prose lists', () => {
    for (const n of ['log', 'log2', 'log10', 'erfcinv', 'dscalars', 'imatrices']) expect(has(`pytensor.tensor.${n}`)).toBe(true);
    expect(has('pytensor.sparse.structured_sigmoid')).toBe(true);
    expect(has('pytensor.sparse.csr_fbinomial')).toBe(true);
  });

  it('reads the split-line layout of the Theano page', () => {
    expect(has('theano.sparse.basic.add_s_s_data')).toBe(true);
    expect(has('theano.sparse.basic.AddSD.make_node')).toBe(true);
    expect(names.find((n) => n.name === 'theano.sparse.basic.Usmm')?.kind).toBe('class');
  });

  it('reads a small page in both layouts', () => {
    const py = pageNames('a.txt', 'class pytensor.x.Foo(a)[source]#\nbar(y)[source]#\npytensor.x.baz(a), qux(b)[source]#\n');
    expect(py.map((n) => [n.name, n.kind])).toEqual([
      ['pytensor.x.Foo', 'class'],
      ['pytensor.x.Foo.bar', 'method'],
      ['pytensor.x.baz', 'function'],
      ['pytensor.x.qux', 'function'],
    ]);
    const th = pageNames('b.txt', 'class\ntheano.x.\nFoo\n[source]¶ \ngrad\n(inputs)[source]¶ doc\n\ntheano.x.\nf\n= <theano.x.Foo object>[source]¶\n');
    expect(th.map((n) => [n.name, n.kind])).toEqual([
      ['theano.x.Foo', 'class'],
      ['theano.x.Foo.grad', 'method'],
      ['theano.x.f', 'attribute'],
    ]);
  });

  (havePages ? it : it.skip)('the committed snapshot matches the reference pages (regenerate with pnpm docs:names)', () => {
    expect(JSON.parse(readFileSync(SNAPSHOT, 'utf8'))).toEqual(names);
  });
});

describe('docs/pytensor-names.md', () => {
  it('has a row for every name of the reference pages, and no other rows', () => {
    expect(names.length).toBeGreaterThan(600);
    expect(names.filter((n) => !byName.has(n.name)).map((n) => n.name)).toEqual([]);
    const known = new Set(names.map((n) => n.name));
    expect(rows.filter((r) => !known.has(r.pytensor)).map((r) => r.pytensor)).toEqual([]);
  });

  it('names only TypeScript names that exist in the named package', () => {
    const bad = rows.filter((r) => r.ts !== '—' && !tsNameExists(r.pkg, r.ts)).map((r) => `${r.pytensor} -> ${r.pkg} ${r.ts}`);
    expect(bad).toEqual([]);
  });

  it('gives a reason for every name we do not provide', () => {
    const silent = rows.filter((r) => r.ts === '—' && r.note.length < 10).map((r) => r.pytensor);
    expect(silent).toEqual([]);
  });

  it('has no stale "—": a name marked missing is not exported under its camelCase name', () => {
    const info = new Map(names.map((n) => [n.name, n]));
    const stale = rows
      .filter((r) => r.ts === '—')
      .filter((r) => {
        const n = info.get(r.pytensor)!;
        const pkg = packageOf(n.name);
        const camel = camelCase(n.short);
        if (n.owner) return tsNameExists(pkg, `${n.owner.slice(n.owner.lastIndexOf('.') + 1)}.${camel}`);
        return tsNameExists(pkg, camel);
      })
      .map((r) => r.pytensor);
    expect(stale).toEqual([]);
  });

  it('converts names as DESIGN.md says', () => {
    expect(camelCase('make_node')).toBe('makeNode');
    expect(camelCase('as_tensor_variable')).toBe('asTensorVariable');
    expect(camelCase('add_s_s_data')).toBe('addSSData');
    expect(camelCase('R_op')).toBe('Rop');
    expect(camelCase('and_')).toBe('and_');
    expect(packageOf('theano.sparse.basic.add')).toBe('@proj/sparse');
  });

  // Names other engineers are still adding say 'not implemented yet (issue N)'
  // (none at the moment); every other '—' row was reviewed in name-review.ts.
  it('has no unreviewed row: no TODO left, and every "—" is reviewed or waits for a named issue', () => {
    const reviewed = new Set([...Object.values(MEMBER_REASONS), ...Object.values(OVERRIDES)].map((r) => r.note));
    expect(rows.filter((r) => r.note.startsWith('TODO')).map((r) => r.pytensor)).toEqual([]);
    const unexplained = rows.filter((r) => r.ts === '—' && !reviewed.has(r.note) && !/^not implemented yet \(issue \d+\)$/.test(r.note));
    expect(unexplained.map((r) => r.pytensor)).toEqual([]);
  });
});
