import { FunctionGraph, debugprint, evaluate, type Variable } from '@proj/graph';
import * as pt from '@proj/tensor';
import { FAST_RUN_QUERY, MAX_FUSED_INPUTS, RewriteTrace, elemwiseFusion, isFusible, rewriteGraph } from '../../src';
import { ops, randArray, rng } from '../canonicalize/check';

type TV = pt.TensorVariable;

/**
 * Runs the fusion pass on a graph of `outputs`; checks the rewritten graph's
 * values equal the original's exactly on seeded random inputs (shapes given,
 * or 3 for open lengths) and that the inputs are unchanged.
 */
function fuse(inputs: Variable[], outputs: Variable[], shapes: (readonly number[])[] = [], seed = 3): { fg: FunctionGraph; fired: number } {
  const fg = new FunctionGraph(inputs, outputs);
  const r = rng(seed);
  const values = fg.inputs.map((v, i) => randArray(r, (v as TV).dtype, shapes[i] ?? (v as TV).type.shape.map((s) => s ?? 3)));
  const snapshot = values.map((v) => pt.toNested(v));
  const givens = () => fg.inputs.map((v, i) => [v, values[i]] as const);
  const before = evaluate(fg.outputs, givens()) as pt.NDArray[];
  const { fired } = elemwiseFusion.rewrite(fg);
  fg.checkIntegrity();
  const after = evaluate(fg.outputs, givens()) as pt.NDArray[];
  after.forEach((a, i) => {
    expect(a.dtype).toBe(before[i]!.dtype);
    expect(pt.toNested(a)).toEqual(pt.toNested(before[i]!));
  });
  values.forEach((v, i) => expect(pt.toNested(v)).toEqual(snapshot[i]));
  return { fg, fired };
}

describe('elemwiseFusion', () => {
  it('fuses exp(x) * y + tanh(z) - sqr(x) into one Elemwise over a Composite', () => {
    const [x, y, z] = [pt.dvector('x'), pt.dvector('y'), pt.dvector('z')];
    const { fg, fired } = fuse([x, y, z], [pt.sub(pt.add(pt.mul(pt.exp(x), y), pt.tanh(z)), pt.sqr(x))]);
    expect(fired).toBe(1);
    expect(debugprint(fg.outputs[0]!)).toBe(
      ['Elemwise{Composite{((exp(i0) * i1) + tanh(i2)) - sqr(i0)}} [id A]', ' ├─ x [id B]', ' ├─ y [id C]', ' └─ z [id D]'].join('\n'),
    );
  });

  it('inlines scalar constants and keeps broadcast inputs (with their DimShuffle) as inputs', () => {
    const m = pt.dmatrix('m');
    const v = pt.dvector('v');
    const out = pt.mul(pt.add(pt.exp(m), v), 2).sub(1.5);
    const { fg, fired } = fuse([m, v], [out], [[2, 3], [3]]);
    expect(fired).toBe(1);
    expect(ops(fg)).toEqual(['DimShuffle{(x,0)}', 'Elemwise{Composite{((exp(i0) + i1) * 2) - 1.5}}']);
  });

  it('stops at an expensive intermediate with clients outside the group: it is computed once and feeds both', () => {
    const [x, y] = [pt.dvector('x'), pt.dvector('y')];
    const e = pt.exp(pt.neg(x));
    const { fg, fired } = fuse([x, y], [pt.mul(pt.log(e), y).add(1), pt.sqrt(e).sub(y), e]);
    expect(fired).toBe(3);
    expect(ops(fg).sort()).toEqual(['Elemwise{Composite{(log(i0) * i1) + 1}}', 'Elemwise{Composite{exp(-i0)}}', 'Elemwise{Composite{sqrt(i0) - i1}}'].sort());
    // The shared value has one node computing it.
    expect(fg.toposort().filter((n) => String(n.op).includes('exp')).length).toBe(1);
  });

  it('recomputes a cheap intermediate inside each group that uses it instead of storing it', () => {
    const [x, y] = [pt.dvector('x'), pt.dvector('y')];
    const t = pt.mul(x, y);
    const { fg, fired } = fuse([x, y], [pt.exp(t).sub(1), pt.add(t, 1).mul(2)]);
    expect(fired).toBe(2);
    // mul(x, y) is computed in both loops and no longer on its own.
    expect(ops(fg).sort()).toEqual(['Elemwise{Composite{exp(i0 * i1) - 1}}', 'Elemwise{Composite{((i0 * i1) + 1) * 2}}'].sort());
    // A cheap value that is also a graph output is computed once and read.
    const { fg: fg2 } = fuse([x, y], [pt.exp(t).sub(1), t]);
    expect(ops(fg2).sort()).toEqual(['Elemwise{Composite{exp(i0) - 1}}', 'Elemwise{mul}'].sort());
  });

  it('does not fuse across a non-Elemwise, nor a producer broadcast by its consumer', () => {
    const m = pt.dmatrix('m');
    const s = pt.sum(pt.exp(m), { axis: 1 });
    const { fg } = fuse([m], [pt.log(s).mul(2)], [[2, 3]]);
    expect(ops(fg)).toEqual(['Elemwise{exp}', 'Sum{axis=1}', 'Elemwise{Composite{log(i0) * 2}}']);
    const row = pt.tensor({ dtype: 'float64', shape: [1, null] });
    const { fg: fg2, fired } = fuse([m, row], [pt.add(m, pt.exp(row))], [[2, 3], [1, 3]]);
    expect(fired).toBe(0);
    expect(ops(fg2)).toEqual(['Elemwise{exp}', 'Elemwise{add}']);
  });

  it('fuses mixed dtypes exactly (float32, int8 wrap, bool) and leaves int64 alone', () => {
    const f = pt.fvector('f');
    const b = pt.bvector('b');
    const c = pt.tensor({ dtype: 'bool', shape: [null] });
    const out = pt.switch(c, pt.mul(b, b).add(f), pt.exp(f).mul(f));
    expect(fuse([f, b, c], [out]).fired).toBe(1);
    const l = pt.lvector('l');
    const { fired, fg } = fuse([l], [pt.mul(pt.add(l, l), l)]);
    expect(fired).toBe(0);
    expect(ops(fg)).toEqual(['Elemwise{add}', 'Elemwise{mul}']);
  });

  it('fuses trees with shared subexpressions and several outputs of separate groups', () => {
    const [x, y] = [pt.dmatrix('x'), pt.dmatrix('y')];
    const t = pt.tanh(x.mul(y));
    const { fg, fired } = fuse([x, y], [pt.add(t.mul(t), t), pt.cos(y).mul(2)]);
    expect(fired).toBe(2);
    // The shared value seen first through the outer node, before its other client joined, still joins.
    const { fg: fg2 } = fuse([x, y], [pt.add(t, t.mul(t))]);
    expect(ops(fg2)).toEqual(['Elemwise{Composite{tanh(i0 * i1) + (tanh(i0 * i1) * tanh(i0 * i1))}}']);
    expect(ops(fg).sort()).toEqual(['Elemwise{Composite{cos(i0) * 2}}', 'Elemwise{Composite{(tanh(i0 * i1) * tanh(i0 * i1)) + tanh(i0 * i1)}}'].sort());
  });

  it('flattens a fused node into a larger group when run again after more Elemwise appear', () => {
    const [x, y] = [pt.dvector('x'), pt.dvector('y')];
    const fg = new FunctionGraph([x, y], [pt.exp(x).mul(y)]);
    elemwiseFusion.rewrite(fg);
    const inner = fg.outputs[0]! as TV;
    const fg2 = new FunctionGraph(fg.inputs, [pt.sqrt(inner).add(1)], { clone: false });
    expect(elemwiseFusion.rewrite(fg2).fired).toBe(1);
    expect(ops(fg2)).toEqual(['Elemwise{Composite{sqrt(exp(i0) * i1) + 1}}']);
  });

  it('bounds the number of inputs of a fused node', () => {
    const xs = Array.from({ length: MAX_FUSED_INPUTS + 8 }, (_, i) => pt.dvector(`x${i}`));
    let acc: TV = pt.exp(xs[0]!);
    for (const x of xs.slice(1)) acc = pt.mul(acc, pt.exp(x));
    const { fg } = fuse(xs, [acc]);
    for (const n of fg.toposort()) expect(n.inputs.length).toBeLessThanOrEqual(MAX_FUSED_INPUTS);
    expect(fg.toposort().length).toBeLessThan(2 * xs.length - 1);
  });

  it('runs in the FAST_RUN pipeline (fusion phase) and can be excluded by tag', () => {
    const [x, y, z] = [pt.dvector('x'), pt.dvector('y'), pt.dvector('z')];
    const out = pt.sub(pt.add(pt.mul(pt.exp(x), y), pt.tanh(z)), pt.sqr(x));
    const fg = new FunctionGraph([x, y, z], [out]);
    const trace = new RewriteTrace();
    rewriteGraph(fg, FAST_RUN_QUERY, { trace });
    expect(ops(fg)).toEqual(['Elemwise{Composite{((exp(i0) * i1) + tanh(i2)) - sqr(i0)}}']);
    const fg2 = new FunctionGraph([x, y, z], [out]);
    rewriteGraph(fg2, FAST_RUN_QUERY.excluding('fusion'));
    expect(ops(fg2).length).toBeGreaterThan(1);
    expect(isFusible(fg2.toposort()[0]!)).toBe(true);
  });
});
