import { debugprint, FunctionGraph } from '@proj/graph';
import * as pt from '@proj/tensor';
import { WalkingGraphRewriter, addZero, constantValue, log1pFromLog, matchPattern, mulByOne, negNeg, nodeRewriter, p, patternRewriter, patternToString, tracksNode } from '../src';
import { graph, opNames, run } from './helpers';

describe('nodeRewriter', () => {
  it('tracks Op classes, Op values and predicates', () => {
    const x = pt.dvector('x');
    const node = pt.exp(x).owner!;
    const make = (tracks: Parameters<typeof nodeRewriter>[0]['tracks']) => nodeRewriter({ name: 'r', tracks, apply: () => undefined });
    expect(tracksNode(make([pt.Elemwise]), node)).toBe(true);
    expect(tracksNode(make([pt.DimShuffle]), node)).toBe(false);
    expect(tracksNode(make([new pt.Elemwise(pt.scalarExp)]), node)).toBe(true);
    expect(tracksNode(make([new pt.Elemwise(pt.scalarLog)]), node)).toBe(false);
    expect(tracksNode(make([(op) => op.toString() === 'Elemwise{exp}']), node)).toBe(true);
    expect(tracksNode(make(undefined), node)).toBe(true);
  });

  it('refuses a nameless rewriter', () => {
    expect(() => nodeRewriter({ name: '', apply: () => undefined })).toThrow(/non-empty name/);
  });
});

describe('pattern matching', () => {
  const x = pt.dvector('x');
  const y = pt.dvector('y');

  it('binds variables and matches constants by value, behind DimShuffle', () => {
    const b = matchPattern(p.mul(p.var('a'), p.const(1)), pt.mul(x, 1));
    expect(b).toEqual({ a: x });
    expect(matchPattern(p.mul(p.var('a'), p.const(1)), pt.mul(x, 2))).toBeUndefined();
    expect(constantValue(pt.constant([3, 3, 3]))).toBe(3);
    expect(constantValue(pt.constant([3, 4]))).toBeUndefined();
  });

  it('matches commutative ops in either order, and only those', () => {
    expect(matchPattern(p.mul(p.var('a'), p.const(1)), pt.mul(1, x))).toEqual({ a: x });
    expect(matchPattern(p.sub(p.var('a'), p.const(0)), pt.sub(0, x))).toBeUndefined();
    expect(matchPattern(p.sub(p.var('a'), p.const(0)), pt.sub(x, 0))).toEqual({ a: x });
  });

  it('requires a name bound twice to be the same Variable', () => {
    const pat = p.sub(p.var('a'), p.var('a'));
    expect(matchPattern(pat, pt.sub(x, x))).toEqual({ a: x });
    expect(matchPattern(pat, pt.sub(x, y))).toBeUndefined();
  });

  it('applies constraints on variables and constants', () => {
    const pat = p.mul(p.var('a', (v) => v.name === 'x'), p.constVar('c', (c) => c > 1));
    expect(matchPattern(pat, pt.mul(x, 3))).toMatchObject({ a: x });
    expect(matchPattern(pat, pt.mul(x, 0.5))).toBeUndefined();
    expect(matchPattern(pat, pt.mul(y, 3))).toBeUndefined();
  });

  it('prints patterns', () => {
    expect(patternToString(log1pFromLog.from)).toBe('log(add(1, x))');
  });

  it('does not fire when the replacement would change the Type (broadcast)', () => {
    const s = pt.dscalar('s');
    const fg = graph([s], [pt.mul(s, pt.constant([1, 1, 1], { dtype: 'float64' }))]);
    // s * [1, 1, 1] has three elements, s one: a constant with several elements never matches.
    expect(mulByOne.apply(fg, fg.outputs[0]!.owner!)).toBeUndefined();
    const ok = graph([s], [pt.mul(s, 1)]);
    expect(mulByOne.apply(ok, ok.outputs[0]!.owner!)).toEqual([s]);
  });

  it('uses a rewriter-level constraint and a function output', () => {
    // x * c -> x + x when c == 2
    const double = patternRewriter({ name: 'double', from: p.mul(p.var('x'), p.constVar('c')), where: (b) => constantValue(b.c!) === 2, to: (b) => pt.add(b.x!, b.x!) });
    const fg = new FunctionGraph([x], [pt.mul(x, 2), pt.mul(x, 3)]);
    new WalkingGraphRewriter(double).rewrite(fg);
    expect(opNames(fg)).toEqual(['Elemwise{add}', 'DimShuffle{(x)}', 'Elemwise{mul}']);
    expect(run(fg, [1, 2])).toEqual([[2, 4], [3, 6]]);
  });
});

describe('the example canonicalizations', () => {
  const x = pt.dvector('x');
  const cases = [
    { rewrite: mulByOne, build: () => pt.mul(pt.exp(x), 1), before: /Elemwise\{mul\}/, after: 'Elemwise{exp} [id A]\n └─ x [id B]' },
    { rewrite: addZero, build: () => pt.add(0, pt.exp(x)), before: /Elemwise\{add\}/, after: 'Elemwise{exp} [id A]\n └─ x [id B]' },
    { rewrite: negNeg, build: () => pt.neg(pt.neg(pt.exp(x))), before: /Elemwise\{neg\}/, after: 'Elemwise{exp} [id A]\n └─ x [id B]' },
    { rewrite: log1pFromLog, build: () => pt.log(pt.add(1, x)), before: /Elemwise\{log\}/, after: 'Elemwise{log1p} [id A]\n └─ x [id B]' },
  ];
  it.each(cases)('$rewrite.name rewrites the graph and keeps its values', ({ rewrite, build, before, after }) => {
    const fg = new FunctionGraph([x], [build()]);
    const value = run(fg, [0.5, 1, 2])[0] as number[];
    expect(debugprint(fg)).toMatch(before);
    expect(new WalkingGraphRewriter(rewrite).rewrite(fg).fired).toBe(1);
    expect(debugprint(fg).trim().replace(/ \d+$/gm, '')).toBe(after);
    const got = run(fg, [0.5, 1, 2])[0] as number[];
    got.forEach((g, i) => expect(g).toBeCloseTo(value[i]!, 12));
    fg.checkIntegrity();
  });

  it('log1p is more accurate than log(1 + x) for tiny x', () => {
    const fg = new FunctionGraph([x], [pt.log(pt.add(1, x))]);
    new WalkingGraphRewriter(log1pFromLog).rewrite(fg);
    expect((run(fg, [1e-17])[0] as number[])[0]).toBe(1e-17); // NumPy: np.log1p(1e-17) == 1e-17
  });
});
