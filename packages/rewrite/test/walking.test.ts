import { ChangeLog, FunctionGraph, InconsistencyError, TypeMismatchError, type Apply } from '@proj/graph';
import * as pt from '@proj/tensor';
import { EquilibriumGraphRewriter, type GraphRewriter, NonConvergenceError, replaceValidate, type ValidatingFeature, WalkingGraphRewriter, mulByOne, negNeg, nodeRewriter, p, patternRewriter } from '../src';
import { opNames, run } from './helpers';

const x = pt.dvector('x');

/** A rewriter that never fires and records the nodes it was tried on. */
function recorder(seen: string[]) {
  return nodeRewriter({
    name: 'record',
    apply: (_fg, node: Apply) => {
      seen.push(node.op.toString());
      return undefined;
    },
  });
}

// log(x) -> neg(neg(log1p(x - 1))): correct, and leaves work for negNeg in the new nodes.
const logViaLog1p = patternRewriter({ name: 'logViaLog1p', from: p.log(p.var('x')), to: (b) => pt.neg(pt.neg(pt.log1p(pt.sub(b.x!, 1)))) });

describe('WalkingGraphRewriter', () => {
  it('visits inputs first in2out and outputs first out2in', () => {
    const fg = new FunctionGraph([x], [pt.exp(pt.log(pt.neg(x)))]);
    const a: string[] = [];
    const b: string[] = [];
    new WalkingGraphRewriter(recorder(a), { order: 'in2out' }).rewrite(fg);
    new WalkingGraphRewriter(recorder(b), { order: 'out2in' }).rewrite(fg);
    expect(a).toEqual(['Elemwise{neg}', 'Elemwise{log}', 'Elemwise{exp}']);
    expect(b).toEqual(['Elemwise{exp}', 'Elemwise{log}', 'Elemwise{neg}']);
  });

  it('order changes the result of overlapping rewrites', () => {
    // neg(neg(neg(e))): in2out removes the inner pair and keeps the outer node,
    // out2in removes the outer pair and keeps the inner node.
    const build = () => {
      const n1 = pt.neg(pt.exp(x));
      const n3 = pt.neg(pt.neg(n1));
      return { fg: new FunctionGraph([x], [n3], { clone: false }), inner: n1.owner!, outer: n3.owner! };
    };
    const a = build();
    new WalkingGraphRewriter(negNeg, { order: 'in2out' }).rewrite(a.fg);
    expect(a.fg.outputs[0]!.owner).toBe(a.outer);
    const b = build();
    new WalkingGraphRewriter(negNeg, { order: 'out2in' }).rewrite(b.fg);
    expect(b.fg.outputs[0]!.owner).toBe(b.inner);
    expect(opNames(a.fg)).toEqual(['Elemwise{exp}', 'Elemwise{neg}']);
    expect(run(a.fg, [1])).toEqual(run(b.fg, [1]));
  });

  it('visits the nodes a replacement brings in, unless ignoreNewTrees', () => {
    const build = () => new FunctionGraph([x], [pt.log(x)]);
    const fg1 = build();
    new WalkingGraphRewriter([logViaLog1p, negNeg]).rewrite(fg1);
    expect(opNames(fg1)).toEqual(['DimShuffle{(x)}', 'Elemwise{sub}', 'Elemwise{log1p}']);
    const fg2 = build();
    new WalkingGraphRewriter([logViaLog1p, negNeg], { ignoreNewTrees: true }).rewrite(fg2);
    expect(opNames(fg2)).toEqual(['DimShuffle{(x)}', 'Elemwise{sub}', 'Elemwise{log1p}', 'Elemwise{neg}', 'Elemwise{neg}']);
    const want = Math.log(3);
    expect((run(fg1, [3])[0] as number[])[0]).toBeCloseTo(want, 14);
    expect((run(fg2, [3])[0] as number[])[0]).toBeCloseTo(want, 14);
  });

  it('replaces through fgraph.replace with the rewrite name as reason', () => {
    const fg = new FunctionGraph([x], [pt.mul(pt.exp(x), 1)]);
    const log = new ChangeLog();
    fg.attachFeature(log);
    new WalkingGraphRewriter(mulByOne).rewrite(fg);
    expect(log.events.filter((e) => e.kind === 'change').map((e) => e.reason)).toEqual(['mulByOne']);
  });

  it('refuses a replacement of another Type, naming the rewrite', () => {
    const bad = nodeRewriter({ name: 'badType', tracks: [pt.Elemwise], apply: () => [pt.ivector('i')] });
    const fg = new FunctionGraph([x], [pt.exp(x)]);
    expect(() => new WalkingGraphRewriter(bad).rewrite(fg)).toThrow(TypeMismatchError);
    expect(() => new WalkingGraphRewriter(bad).rewrite(fg)).toThrow(/rewrite 'badType'.*float64/);
  });

  it('accepts a Map result', () => {
    const r = nodeRewriter({ name: 'expToExp2', tracks: [new pt.Elemwise(pt.scalarExp)], apply: (_fg, node) => new Map([[node.outputs[0]!, pt.exp2(node.inputs[0] as pt.TensorVariable)]]) });
    const fg = new FunctionGraph([x], [pt.exp(x)]);
    expect(new WalkingGraphRewriter(r).rewrite(fg).fired).toBe(1);
    expect(run(fg, [3])).toEqual([[8]]);
  });
});

describe('EquilibriumGraphRewriter', () => {
  it('applies rewrites until none fires', () => {
    const fg = new FunctionGraph([x], [pt.log(pt.add(1, pt.neg(pt.neg(pt.mul(pt.mul(x, 1), 1)))))]);
    const log1p = patternRewriter({ name: 'log1p', from: p.log(p.add(p.const(1), p.var('x'))), to: p.log1p(p.var('x')) });
    const stats = new EquilibriumGraphRewriter([log1p, mulByOne, negNeg]).rewrite(fg);
    expect(stats.fired).toBe(4);
    expect(opNames(fg)).toEqual(['Elemwise{log1p}']);
  });

  it('throws a NonConvergenceError naming the rewrite that keeps firing', () => {
    // a * b -> b * a fires forever.
    const swap = patternRewriter({ name: 'swapMul', from: p.mul(p.var('a'), p.var('b')), to: (b) => pt.mul(b.b!, b.a!) });
    const fg = new FunctionGraph([x], [pt.mul(x, pt.exp(x))]);
    let err: unknown;
    try {
      new EquilibriumGraphRewriter([swap, negNeg], { maxUseRatio: 2 }).rewrite(fg);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(NonConvergenceError);
    expect((err as NonConvergenceError).rewrites).toEqual(['swapMul']);
    expect((err as Error).message).toMatch(/'swapMul' fired more than 4 times/);
    fg.checkIntegrity();
  });

  it('bounds the number of passes', () => {
    // A graph rewriter that claims a change on every pass.
    const restless: GraphRewriter = { kind: 'graph', name: 'restless', tags: [], rewrite: () => ({ fired: 1 }) };
    const fg = new FunctionGraph([x], [pt.exp(x)]);
    expect(() => new EquilibriumGraphRewriter([restless, negNeg], { maxPasses: 3, maxUseRatio: 1000 }).rewrite(fg)).toThrow(/after 3 passes.*restless \(3 times\)/);
  });
});

describe('replaceValidate', () => {
  it('undoes a refused replacement and rethrows other errors', () => {
    const fg = new FunctionGraph([x], [pt.exp(x)]);
    const before = opNames(fg);
    const refusing: ValidatingFeature = { validate: () => { throw new InconsistencyError('no'); } };
    fg.attachFeature(refusing);
    expect(replaceValidate(fg, [[fg.outputs[0]!, pt.log(fg.inputs[0] as pt.TensorVariable)]], 'test')).toBe(false);
    expect(opNames(fg)).toEqual(before);
    fg.checkIntegrity();
    expect(() => replaceValidate(fg, [[fg.outputs[0]!, pt.log(fg.inputs[0] as pt.TensorVariable)]], 'test', true)).toThrow('no');
    fg.removeFeature(refusing);
    const broken: ValidatingFeature = { validate: () => { throw new RangeError('bug'); } };
    fg.attachFeature(broken);
    expect(() => replaceValidate(fg, [[fg.outputs[0]!, pt.log(fg.inputs[0] as pt.TensorVariable)]], 'test')).toThrow(RangeError);
    expect(opNames(fg)).toEqual(before);
  });
});
