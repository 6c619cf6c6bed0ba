import { Apply, FunctionGraph, InconsistencyError, Op, ancestors, evaluate, type StorageCell, type Variable } from '@proj/graph';
import * as pt from '@proj/tensor';
import { DestroyHandler, MergeFeature, ShapeFeature, WalkingGraphRewriter, mergeOptimizer, nodeRewriter, p, patternRewriter } from '../src';
import { graph, opNames, run } from './helpers';

describe('MergeOptimizer', () => {
  const x = pt.dvector('x');
  const y = pt.dvector('y');

  it('merges duplicate subgraphs', () => {
    const a = pt.mul(pt.exp(x), y);
    const b = pt.mul(pt.exp(x), y);
    const fg = new FunctionGraph([x, y], [pt.add(a, b), pt.exp(x)]);
    expect(opNames(fg)).toEqual(['Elemwise{exp}', 'Elemwise{mul}', 'Elemwise{exp}', 'Elemwise{mul}', 'Elemwise{add}', 'Elemwise{exp}']);
    const stats = mergeOptimizer().rewrite(fg);
    expect(stats.fired).toBe(3);
    expect(opNames(fg)).toEqual(['Elemwise{exp}', 'Elemwise{mul}', 'Elemwise{add}']);
    const add = fg.outputs[0]!.owner!;
    expect(add.inputs[0]).toBe(add.inputs[1]);
    expect(fg.outputs[1]).toBe(add.inputs[0]!.owner!.inputs[0]);
    expect(run(fg, [0], [2])).toEqual([[4], [1]]);
    fg.checkIntegrity();
  });

  it('merges constants with equal signatures, and only those', () => {
    const fg = new FunctionGraph([x], [pt.add(x, pt.constant(2.5, { dtype: 'float64' })), pt.mul(x, pt.constant(2.5, { dtype: 'float64' })), pt.sub(x, pt.constant(2.5, { dtype: 'float32' }))]);
    const consts = () => new Set([...fg.variables].filter((v) => v.isConstant()));
    expect(consts().size).toBe(3);
    mergeOptimizer().rewrite(fg);
    expect(consts().size).toBe(2);
    // The DimShuffles of the merged constants became equal and were merged too.
    expect(opNames(fg).filter((n) => n.startsWith('DimShuffle'))).toHaveLength(2);
    expect(run(fg, [1])).toEqual([[3.5], [2.5], [-1.5]]);
  });

  it('keeps merging as rewrites make nodes equal', () => {
    // exp(x * 1) and exp(x): equal once x * 1 -> x.
    const mulByOne = patternRewriter({ name: 'mulByOne', from: p.mul(p.var('x'), p.const(1)), to: p.var('x') });
    const fg = new FunctionGraph([x], [pt.add(pt.exp(pt.mul(x, 1)), pt.exp(x))]);
    const mf = new MergeFeature();
    fg.attachFeature(mf);
    new WalkingGraphRewriter(mulByOne).rewrite(fg);
    expect(mf.scheduled).toHaveLength(1);
    mergeOptimizer().rewrite(fg);
    expect(opNames(fg)).toEqual(['Elemwise{exp}', 'Elemwise{add}']);
  });
});

/** An Op without inferShape: the ShapeFeature falls back to Shape_i of its output. */
class Opaque extends Op {
  makeNode(v: Variable): Apply {
    return new Apply(this, [v], [v.type.makeVariable()]);
  }
  override perform(_n: Apply, [v]: readonly unknown[], out: StorageCell[]): void {
    out[0]![0] = v;
  }
}

describe('ShapeFeature', () => {
  it('answers the shape without computing the tensor', () => {
    const x = pt.dmatrix('x');
    const y = pt.tensor({ dtype: 'float64', shape: [null, 3] });
    const z = pt.add(pt.exp(pt.mul(x, 2)), y);
    const fg = graph([x, y], [z]);
    const sf = new ShapeFeature();
    fg.attachFeature(sf);
    const shape = sf.shapeOf(z)!;
    expect(shape).toHaveLength(2);
    expect(shape[1]).toBe(3);
    const d0 = shape[0] as Variable;
    expect(d0.owner!.op.toString()).toBe('Shape_i{0}');
    // Only Shape_i nodes: exp and mul are never computed.
    const ops = ancestors([d0]).filter((v) => v.owner).map((v) => v.owner!.op.toString());
    expect(ops).toEqual(['Shape_i{0}']);
    expect(Number((evaluate([d0], [[x, [[1, 2, 3], [4, 5, 6]]]])[0] as pt.NDArray).get())).toBe(2);
  });

  it('falls back to Shape_i of the output for an Op without inferShape', () => {
    const x = pt.dvector('x');
    const o = new Opaque().call(pt.exp(x)) as pt.TensorVariable;
    const fg = graph([x], [pt.neg(o)]);
    const sf = new ShapeFeature();
    fg.attachFeature(sf);
    const d = sf.shapeI(o, 0) as Variable;
    expect(d.owner!.op.toString()).toBe('Shape_i{0}');
    expect(d.owner!.inputs[0]).toBe(o);
    expect(sf.shapeI(fg.outputs[0]!, 0)).toBe(d);
  });

  it('is updated when the graph changes', () => {
    const x = pt.dvector('x');
    const fg = graph([x], [pt.exp(x)]);
    const sf = new ShapeFeature();
    fg.attachFeature(sf);
    const repl = pt.neg(pt.log(pt.add(x, x)));
    fg.replace(fg.outputs[0]!, repl, { reason: 'test' });
    const d = sf.shapeI(repl, 0) as Variable;
    expect(d.owner!.op.toString()).toBe('Shape_i{0}');
    expect(d.owner!.inputs[0]).toBe(x);
  });
});

describe('DestroyHandler', () => {
  const addInplace = new pt.Elemwise(pt.scalarAdd, { 0: 0 });
  const x = pt.dvector('x');
  const y = pt.dvector('y');
  const refuse = (inputs: Variable[], outputs: Variable[], re: RegExp, options?: ConstructorParameters<typeof DestroyHandler>[0]) => {
    const fg = graph(inputs, outputs);
    expect(() => fg.attachFeature(new DestroyHandler(options))).toThrow(InconsistencyError);
    expect(() => fg.attachFeature(new DestroyHandler(options))).toThrow(re);
  };

  it('refuses overwriting a graph input unless it is marked destroyable', () => {
    const out = addInplace.call(x, y);
    refuse([x, y], [out], /overwrites the graph input x, which is not marked destroyable/);
    const fg = graph([x, y], [out]);
    expect(() => fg.attachFeature(new DestroyHandler({ destroyableInputs: [x] }))).not.toThrow();
  });

  it('refuses overwriting an input through a view', () => {
    const view = pt.dimshuffle(x, ['x', 0]);
    const m = pt.dmatrix('m');
    refuse([x, y, m], [addInplace.call(view, m)], /graph input x/, { destroyableInputs: [y] });
  });

  it('refuses overwriting a constant', () => {
    refuse([x], [addInplace.call(pt.constant([1, 2], { dtype: 'float64' }), x)], /overwrites the constant/);
  });

  it('refuses overwriting a value another node needs afterwards', () => {
    const t = pt.exp(x);
    const w = addInplace.call(t, y) as pt.TensorVariable;
    // The add reads t after w has overwritten it: no order works.
    refuse([x, y], [pt.add(w, t)], /needs it afterwards/);
  });

  it('refuses two nodes overwriting the same value, and overwriting an output', () => {
    const t = pt.exp(x);
    refuse([x, y], [addInplace.call(t, y), addInplace.call(t, x)], /overwritten by several nodes/);
    refuse([x, y], [addInplace.call(t, y), t], /an output of the graph/);
  });

  it('orders the destroyer after the other readers', () => {
    const t = pt.exp(x);
    const s = pt.mul(t, 2);
    const w = addInplace.call(t, y);
    // Built so that plain topological order would run the in-place add first.
    const fg = graph([x, y], [w, s]);
    fg.attachFeature(new DestroyHandler());
    const order = fg.toposort().map((n) => n.op.toString());
    expect(order.indexOf('Elemwise{mul}')).toBeLessThan(order.indexOf('Elemwise{add}[0:0]'));
  });

  it('makes rewriters undo an unsafe in-place replacement', () => {
    const add = new pt.Elemwise(pt.scalarAdd);
    const toInplace = nodeRewriter({ name: 'addInplace', tracks: [add], apply: (_fg, node) => [addInplace.call(...node.inputs)] });
    const unsafe = graph([x, y], [pt.add(x, y)]);
    unsafe.attachFeature(new DestroyHandler());
    expect(new WalkingGraphRewriter(toInplace).rewrite(unsafe).fired).toBe(0);
    expect(opNames(unsafe)).toEqual(['Elemwise{add}']);
    unsafe.checkIntegrity();
    const safe = graph([x, y], [pt.add(pt.exp(x), y)]);
    safe.attachFeature(new DestroyHandler());
    expect(new WalkingGraphRewriter(toInplace).rewrite(safe).fired).toBe(1);
    expect(opNames(safe)).toEqual(['Elemwise{exp}', 'Elemwise{add}[0:0]']);
    expect(run(safe, [0, 0], [1, 2])).toEqual([[2, 3]]);
  });
});
