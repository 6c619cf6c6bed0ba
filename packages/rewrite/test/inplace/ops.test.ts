/**
 * In-place IncSubtensor, Gemm, Gemv and Ger: they fire on fresh intermediate
 * values (destroyMap present, same results), and leave inputs the caller
 * passed, constants and values read later untouched; then the whole FAST_RUN
 * pipeline, whose results equal the original graph's and whose inputs stay unchanged.
 */
import { FunctionGraph, type Variable } from '@proj/graph';
import * as pt from '@proj/tensor';
import { FAST_RUN_QUERY, inplaceGemm, inplaceGemv, inplaceGer, inplaceIncSubtensor, inplaceRewritersWith, rewriteGraph, validateGraph, type GraphRewriter } from '../../src';
import { expectClose, randomArray, snapshot, values } from '../stabilize/check';

function destroyers(fg: FunctionGraph): string[] {
  return fg
    .toposort()
    .filter((n) => Object.keys(n.op.destroyMap).length > 0)
    .map((n) => n.op.toString());
}

/** Rewrites with `rewriter` (or FAST_RUN) and checks values against the original graph and that the inputs are unchanged. */
function rewriteAndCompare(inputs: Variable[], outputs: Variable[], shapes: number[][], rewriter?: GraphRewriter): FunctionGraph {
  const fg = new FunctionGraph(inputs, outputs, { clone: false });
  const args = shapes.map((s, i) => randomArray('float64', s, 40 + i, -2, 2));
  const kept = args.map(snapshot);
  const before = values(fg, args);
  if (rewriter) rewriter.rewrite(fg);
  else rewriteGraph(fg, FAST_RUN_QUERY);
  fg.checkIntegrity();
  validateGraph(fg);
  values(fg, args).forEach((a, k) => expectClose(a, before[k]!, 1e-12, 1e-12));
  args.forEach((a, i) => expect(snapshot(a)).toEqual(kept[i]));
  return fg;
}

describe('inplaceIncSubtensor', () => {
  const x = pt.dmatrix('x');
  const y = pt.dvector('y');

  it('writes exp(x)[0] += y into exp(x)', () => {
    const fg = rewriteAndCompare([x, y], [pt.exp(x).get(0).inc(y)], [[3, 4], [4]], inplaceIncSubtensor);
    expect(destroyers(fg)).toEqual(['IncSubtensorInplace{0}']);
  });

  it('makes set and advanced increments in place too', () => {
    const idx = pt.constant([0, 2, 0], { dtype: 'int64' });
    const fg = rewriteAndCompare([x, y], [pt.exp(x).get(1).set(y), pt.exp(x).get(idx).inc(pt.exp(x))], [[3, 4], [4]], inplaceIncSubtensor);
    expect(destroyers(fg)).toHaveLength(2);
    expect(destroyers(fg).every((s) => /Inplace|inplace/.test(s))).toBe(true);
  });

  it('leaves x alone when x is an input, or is read afterwards, or y is a view of it', () => {
    const t = pt.exp(x);
    const later = pt.mul(t.get(0).inc(y), t);
    const fg = rewriteAndCompare([x, y], [x.get(0).inc(y), later, t.get(0).inc(t.get(1))], [[3, 4], [4]], inplaceIncSubtensor);
    expect(destroyers(fg)).toEqual([]);
  });
});

describe('inplaceGemm, inplaceGemv, inplaceGer', () => {
  const x = pt.dmatrix('x');
  const y = pt.dmatrix('y');
  const z = pt.dmatrix('z');
  const u = pt.dvector('u');
  const v = pt.dvector('v');

  it('overwrite a fresh z', () => {
    const fg = rewriteAndCompare(
      [x, y, z, u, v],
      [pt.gemmNoInplace(pt.exp(z), 0.5, x, y, 2), pt.gemvNoInplace(pt.exp(u), 1, x, v, -1), pt.ger(pt.exp(x), 3, u, v)],
      [[3, 4], [4, 5], [3, 5], [3], [4]],
    );
    expect(destroyers(fg)).toEqual(expect.arrayContaining(['Gemm{inplace}', 'Gemv{inplace}', 'Ger{destructive}']));
  });

  it.each([
    ['inplaceGemm', inplaceGemm],
    ['inplaceGemv', inplaceGemv],
    ['inplaceGer', inplaceGer],
  ] as const)('%s leaves graph inputs and values read later alone', (_name, rewriter) => {
    const ez = pt.exp(z);
    const ex = pt.exp(x);
    const eu = pt.exp(u);
    const outs = [
      pt.gemmNoInplace(z, 1, x, y, 1),
      pt.mul(pt.gemmNoInplace(ez, 1, x, y, 1), ez),
      pt.gemvNoInplace(u, 1, x, v, 1),
      pt.mul(pt.gemvNoInplace(eu, 1, x, v, 1), eu),
      pt.ger(x, 1, u, v),
      pt.mul(pt.ger(ex, 1, u, v), ex),
    ];
    const fg = rewriteAndCompare([x, y, z, u, v], outs, [[3, 4], [4, 5], [3, 5], [3], [4]], rewriter);
    expect(destroyers(fg)).toEqual([]);
  });

  it('overwrite a value another node reads, after that node has read it', () => {
    const ez = pt.exp(z);
    const fg = rewriteAndCompare([x, y, z], [pt.gemmNoInplace(ez, 1, x, y, 1), pt.sum(ez)], [[3, 4], [4, 5], [3, 5]], inplaceGemm);
    expect(destroyers(fg)).toEqual(['Gemm{inplace}']);
    const order = fg.toposort().map((n) => n.op.toString());
    expect(order.findIndex((s) => s.startsWith('Sum'))).toBeLessThan(order.indexOf('Gemm{inplace}'));
  });

  it('inplaceGemm overwrites z even when x is z (Gemm copies an aliased operand)', () => {
    const s = pt.dmatrix('s');
    const t = pt.exp(s);
    const fg = rewriteAndCompare([s], [pt.gemmNoInplace(t, 1, t, t, 1)], [[3, 3]], inplaceGemm);
    expect(destroyers(fg)).toEqual(['Gemm{inplace}']);
  });
});

describe('the in-place phase of FAST_RUN', () => {
  it('turns z + 2 * dot(x, y) with a fresh z into Gemm{inplace}, with the same values and unchanged inputs', () => {
    const x = pt.dmatrix('x');
    const y = pt.dmatrix('y');
    const w = pt.dmatrix('w');
    const fg = rewriteAndCompare([x, y, w], [pt.add(pt.exp(w), pt.mul(2, pt.dot(x, y)))], [[3, 4], [4, 5], [3, 5]]);
    expect(destroyers(fg)).toContain('Gemm{inplace}');
  });

  it('never changes the inputs of a mixed graph, and computes what the original computes', () => {
    const x = pt.dmatrix('x');
    const y = pt.dmatrix('y');
    const b = pt.dvector('b');
    const h = pt.sigmoid(pt.add(pt.dot(x, y), b));
    const loss = pt.log(pt.sum(pt.exp(h), { axis: 1 }));
    const upd = pt.sub(y, pt.mul(0.1, pt.dot(pt.transpose(x), h)));
    rewriteAndCompare([x, y, b], [loss, upd, pt.exp(x).get(0).inc(b.get(pt.slice(0, 4)))], [[3, 4], [4, 5], [5]]);
  });

  it('overwrites a mutable input when the caller declares it so', () => {
    const acc = pt.dmatrix('acc');
    const x = pt.dmatrix('x');
    const fg = new FunctionGraph([acc, x], [pt.gemmNoInplace(acc, 1, x, x, 1)], { clone: false });
    for (const r of inplaceRewritersWith({ mutableInputs: (v) => v === acc })) r.rewrite(fg);
    expect(destroyers(fg)).toEqual(['Gemm{inplace}']);
    const accV = pt.fromRaw('float64', new Float64Array([1, 0, 0, 1]) as never, [2, 2]);
    const xV = pt.fromRaw('float64', new Float64Array([1, 2, 3, 4]) as never, [2, 2]);
    expect(values(fg, [accV, xV])).toEqual([[8, 10, 15, 23]]); // NumPy: I + [[1,2],[3,4]] @ [[1,2],[3,4]]
    expect(snapshot(accV)).toEqual([8, 10, 15, 23]);
    expect(snapshot(xV)).toEqual([1, 2, 3, 4]);
  });
});
