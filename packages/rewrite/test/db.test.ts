import { FunctionGraph, debugprint } from '@proj/graph';
import * as pt from '@proj/tensor';
import {
  EquilibriumDB,
  EquilibriumGraphRewriter,
  RewriteDatabaseQuery,
  RewriteTrace,
  SequenceDB,
  SequentialGraphRewriter,
  addZero,
  constantFolding,
  log1pFromLog,
  mergeOptimizer,
  mulByOne,
  negNeg,
  runPipeline,
  type DBEntry,
  type Pipeline,
} from '../src';
import { opNames, run } from './helpers';

const entries: DBEntry[] = [
  { name: 'mulByOne', rewriter: mulByOne, tags: ['canonicalize', 'fast_run'] },
  { name: 'addZero', rewriter: addZero, tags: ['canonicalize', 'fast_run'] },
  { name: 'negNeg', rewriter: negNeg, tags: ['canonicalize'] },
  { name: 'log1pFromLog', rewriter: log1pFromLog, tags: ['stabilize', 'fast_run'] },
  { name: 'constantFolding', rewriter: constantFolding, tags: ['canonicalize', 'fast_run', 'fast_compile'] },
];

const names = (r: unknown) => (r as EquilibriumGraphRewriter).nodeRewriters.map((n) => n.name);

describe('RewriteDatabaseQuery', () => {
  const db = new EquilibriumDB('canonicalize', entries);

  it('includes entries with any included tag or name', () => {
    expect(names(db.query(new RewriteDatabaseQuery({ include: ['canonicalize'] })))).toEqual(['mulByOne', 'addZero', 'negNeg', 'constantFolding']);
    expect(names(db.query(new RewriteDatabaseQuery({ include: ['stabilize', 'negNeg'] })))).toEqual(['negNeg', 'log1pFromLog']);
  });

  it('excludes entries with any excluded tag or name', () => {
    const q = new RewriteDatabaseQuery({ include: ['fast_run'] }).excluding('constantFolding', 'stabilize');
    expect(names(db.query(q))).toEqual(['mulByOne', 'addZero']);
  });

  it('requires every required tag', () => {
    const q = new RewriteDatabaseQuery({ include: ['canonicalize'] }).requiring('fast_run', 'fast_compile');
    expect(names(db.query(q))).toEqual(['constantFolding']);
    expect(names(db.query(new RewriteDatabaseQuery({ include: ['fast_run'], require: ['missing'] })))).toEqual([]);
  });

  it('runs node rewriter entries of a SequenceDB as in2out walks, in list order', () => {
    const seq = new SequenceDB('seq', entries);
    const r = seq.query(new RewriteDatabaseQuery({ include: ['canonicalize'] })) as SequentialGraphRewriter;
    expect(r.rewriters.map((w) => w.name)).toEqual(['mulByOne', 'addZero', 'negNeg', 'constantFolding']);
    const x = pt.dvector('x');
    const fg = new FunctionGraph([x], [pt.neg(pt.neg(pt.add(pt.mul(x, 1), 0)))]);
    r.rewrite(fg);
    expect(opNames(fg)).toEqual([]);
    expect(run(fg, [4])).toEqual([[4]]);
  });

  it('refuses duplicate names', () => {
    expect(() => new SequenceDB('s', [entries[0]!, entries[0]!])).toThrow(/distinct entry names/);
  });

  it('queries nested databases with the same query, in list order', () => {
    const seq = new SequenceDB('optimizer', [
      { name: 'merge1', rewriter: mergeOptimizer(), tags: ['fast_run', 'merge'] },
      { name: 'canonicalize', rewriter: db, tags: ['fast_run'] },
      { name: 'stabilize', rewriter: new EquilibriumDB('stabilize', entries), tags: ['stabilize'] },
    ]);
    const r = seq.query(new RewriteDatabaseQuery({ include: ['fast_run'] }).excluding('negNeg')) as SequentialGraphRewriter;
    expect(r.rewriters.map((x) => x.name)).toEqual(['merge', 'canonicalize']);
    expect(names(r.rewriters[1])).toEqual(['mulByOne', 'addZero', 'log1pFromLog', 'constantFolding']);
  });
});

describe('pipelines and traces', () => {
  const x = pt.dvector('x');
  const canonicalize = new EquilibriumDB('canonicalize', entries).query(new RewriteDatabaseQuery({ include: ['canonicalize'] }));
  const stabilize = new EquilibriumDB('stabilize', entries).query(new RewriteDatabaseQuery({ include: ['stabilize'] }));
  const pipeline: Pipeline = [
    { name: 'merge', rewriter: mergeOptimizer() },
    { name: 'canonicalize', rewriter: canonicalize },
    { name: 'stabilize', rewriter: stabilize },
  ];

  it('runs the phases in order and records each firing with its subgraphs', () => {
    const fg = new FunctionGraph([x], [pt.log(pt.add(pt.mul(2, 0.5), pt.neg(pt.neg(pt.mul(x, 1)))))]);
    const before = run(fg, [0.25, 3]);
    const trace = new RewriteTrace();
    runPipeline(fg, pipeline, { trace });
    expect(opNames(fg)).toEqual(['Elemwise{log1p}']);
    expect(run(fg, [0.25, 3])).toEqual(before.map((v) => (v as number[]).map((n) => expect.closeTo(n, 14))));
    // in2out: the constant nodes (2 * 0.5 and the two DimShuffles of constants) come first.
    expect(trace.events.map((e) => `${e.phase}:${e.rewrite}`)).toEqual([
      'canonicalize:constantFolding',
      'canonicalize:constantFolding',
      'canonicalize:constantFolding',
      'canonicalize:mulByOne',
      'canonicalize:negNeg',
      'stabilize:log1pFromLog',
    ]);
    const last = trace.firingsOf('log1pFromLog')[0]!;
    expect(last.node).toMatch(/^Elemwise\{log\}/);
    expect(last.before).toMatch(/Elemwise\{log\} \[id A\]\n └─ Elemwise\{add\}/);
    expect(last.after).toBe(debugprint(fg.outputs[0]!));
    expect([...trace.phaseTimes.keys()]).toEqual(['merge', 'canonicalize', 'stabilize']);
    expect(trace.rewriteCounts.get('constantFolding')).toBe(3);
    expect(trace.rewriteTimes.get('negNeg')).toBeGreaterThanOrEqual(0);
    const text = trace.toString();
    expect(text).toMatch(/^Rewrite trace/);
    expect(text).toMatch(/\ncanonicalize\s+\d+\.\d{3}\n/);
    expect(text).toMatch(/\nconstantFolding\s+3\s+\d+\.\d{3}\n/);
    expect(text).toMatch(/#5 \[stabilize\] log1pFromLog on Elemwise\{log\}/);
    expect(text).toMatch(/ {2}after:\n {4}Elemwise\{log1p\} \[id A\]/);
  });

  it('records nothing without a trace', () => {
    const fg = new FunctionGraph([x], [pt.mul(x, 1)]);
    // The DimShuffle of the constant 1 is folded, then x * [1] -> x.
    expect(runPipeline(fg, pipeline).fired).toBe(2);
    expect(opNames(fg)).toEqual([]);
  });
});
