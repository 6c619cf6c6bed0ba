import { InconsistencyError, NodeError } from '@proj/graph';
import { DestroyHandler, WalkingGraphRewriter, nodeRewriter } from '@proj/rewrite';
import * as pt from '@proj/tensor';
import { FAST_RUN, In, Mode, compile } from '../src';

const nested = (v: unknown) => pt.toNested(v as pt.NDArray);
const arr = (x: unknown) => pt.toNDArray(x, 'float64');

/**
 * A test in-place rewrite: every Elemwise whose output has the type of its
 * first input overwrites that input. It is unsafe on its own; compile() must
 * make it safe (the DestroyHandler refuses the replacements that would
 * overwrite a caller's array, a shared value, a constant or a value still needed).
 */
const greedyInplace = nodeRewriter({
  name: 'greedyInplace',
  tracks: [pt.Elemwise],
  apply: (_fg, node) => {
    const op = node.op as pt.Elemwise;
    if (Object.keys(op.props.inplacePattern).length > 0 || node.outputs.length !== 1) return undefined;
    if (!node.outputs[0]!.type.equals(node.inputs[0]!.type)) return undefined;
    return [new pt.Elemwise(op.scalarOp, { 0: 0 }).call(...node.inputs) as pt.TensorVariable];
  },
});
// Without FAST_RUN's own fusion and in-place phases, so that the test rewrite sees the plain Elemwise nodes.
const inplaceMode = new Mode({ name: 'FAST_RUN+greedy', query: FAST_RUN.excluding('fusion', 'inplace').query, rewriter: (fg) => void new WalkingGraphRewriter(greedyInplace).rewrite(fg) });
const inplaceNodes = (f: ReturnType<typeof compile>) => f.maker.schedule.filter((n) => Object.keys(n.op.destroyMap).length > 0);

describe('compile: in-place rewrites under the DestroyHandler', () => {
  const x = pt.dvector('x');
  const y = pt.dvector('y');

  it('attaches a DestroyHandler and turns intermediates in-place, never the caller arrays', () => {
    const f = compile([x, y], x.mul(y).exp().add(x), { mode: inplaceMode });
    expect(f.fgraph.features.some((ft) => ft instanceof DestroyHandler)).toBe(true);
    // exp(mul) and add(exp, x) overwrite intermediates; mul(x, y) may not overwrite x.
    expect(inplaceNodes(f).length).toBe(2);
    const a = arr([0.5, 1, 2]);
    const b = arr([1, -1, 0.25]);
    const out = f(a, b) as pt.NDArray;
    expect(nested(a)).toEqual([0.5, 1, 2]);
    expect(nested(b)).toEqual([1, -1, 0.25]);
    const want = [0.5, 1, 2].map((v, i) => Math.exp(v * [1, -1, 0.25][i]!) + v);
    (nested(out) as number[]).forEach((v, i) => expect(v).toBeCloseTo(want[i]!, 12));
    // A second call gives the same, from fresh inputs.
    expect(nested(f(a, b))).toEqual(nested(out));
  });

  it('lets an In(..., { mutable: true }) input be overwritten, and still returns a fresh output', () => {
    const f = compile([In(x, { mutable: true }), y], x.mul(y), { mode: inplaceMode });
    expect(inplaceNodes(f).length).toBe(1);
    const a = arr([1, 2, 3]);
    const out = f(a, arr([2, 2, 2])) as pt.NDArray;
    expect(nested(out)).toEqual([2, 4, 6]);
    expect(out.data).not.toBe(a.data);
  });

  it('never overwrites a value another node still reads, shared values or constants', () => {
    const s = pt.shared(arr([1, 2]), 's');
    const c = pt.constant(arr([10, 20]));
    const t = x.mul(2); // read by both branches: only the later reader may overwrite it
    const f = compile([x], [t.exp().sum(), t.add(s).add(c), s.mul(c)], { mode: inplaceMode });
    expect(inplaceNodes(f).length).toBeGreaterThan(0);
    const a = arr([0.5, 1]);
    const [e, u, v] = f(a) as pt.NDArray[];
    expect(nested(e)).toBeCloseTo(Math.exp(1) + Math.exp(2), 12);
    expect(nested(u)).toEqual([12, 24]);
    expect(nested(v)).toEqual([10, 40]);
    expect(nested(s.getValue())).toEqual([1, 2]);
    expect(nested(c.data)).toEqual([10, 20]);
    expect(nested(a)).toEqual([0.5, 1]);
    // Twice: the shared value and the constant were not overwritten by the first call.
    expect((f(a) as pt.NDArray[]).map(nested)).toEqual([nested(e), [12, 24], [10, 40]]);
  });

  it('refuses a user-written in-place Op on a non-mutable input with a message naming the fix', () => {
    const z = pt.dvector('z');
    const bad = new pt.Elemwise((pt.exp(z).owner!.op as pt.Elemwise).scalarOp, { 0: 0 }).call(z) as pt.TensorVariable;
    expect(() => compile([z], bad)).toThrow(/acceptInplace/);
    expect(() => compile([z], bad.mul(2), { acceptInplace: true })).toThrow(InconsistencyError);
    expect(() => compile([z], bad.mul(2), { acceptInplace: true })).toThrow(/mutable/);
    const g = compile([In(z, { mutable: true })], bad.mul(2), { acceptInplace: true });
    expect(nested(g(arr([0])))).toEqual([2]);
  });

  it('keeps the rewrites FAST_RUN would make that the guard allows (FAST_RUN on a plain graph changes no input)', () => {
    const f = compile([x, y], x.add(y).mul(x).exp().sum());
    const a = arr([0.1, 0.2]);
    const b = arr([0.3, 0.4]);
    const before = [nested(a), nested(b)];
    f(a, b);
    expect([nested(a), nested(b)]).toEqual(before);
  });

  it('a failing call with in-place nodes leaves shared variables and the caller arrays unchanged', () => {
    const w = pt.shared(arr([1, 2]), 'w');
    const f = compile([x], w.mul(2).exp().sum(), { mode: inplaceMode, updates: [[w, w.mul(x).add(1).exp()]] });
    expect(inplaceNodes(f).length).toBeGreaterThan(0);
    const bad = arr([1, 2, 3]);
    expect(() => f(bad)).toThrow(NodeError);
    expect(nested(w.getValue())).toEqual([1, 2]);
    expect(nested(bad)).toEqual([1, 2, 3]);
    f(arr([0, 0]));
    expect(nested(w.getValue())).toEqual([Math.E, Math.E]);
  });
});
