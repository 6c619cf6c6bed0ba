/**
 * In-place Elemwise under the DestroyHandler: where it fires (destroyMap
 * present, the value really overwritten), and graphs built to tempt it (an
 * input the caller passed, a constant, a value with another client, a value
 * needed later, an output, a view, two views of one array) whose values stay
 * unchanged and whose results equal those of the original graph.
 */
import { FunctionGraph, InconsistencyError, evaluate, type Variable } from '@proj/graph';
import * as pt from '@proj/tensor';
import { DestroyHandler, inplaceElemwise, isDestroyHandler, validateGraph } from '../../src';
import { expectClose, printed, randomArray, snapshot, values } from '../stabilize/check';

/** The in-place nodes of the graph, as 'Op' strings, in topological order. */
function inplaceOps(fg: FunctionGraph): string[] {
  return fg
    .toposort()
    .filter((n) => Object.keys(n.op.destroyMap).length > 0)
    .map((n) => n.op.toString());
}

/**
 * Rewrites a graph over dvectors / dmatrices in place and checks that it
 * computes what the original computes, and leaves the given inputs unchanged.
 */
function rewriteAndCompare(inputs: Variable[], outputs: Variable[], shapes: number[][]): FunctionGraph {
  const fg = new FunctionGraph(inputs, outputs, { clone: false });
  const args = shapes.map((s, i) => randomArray('float64', s, 20 + i, 0.5, 2));
  const kept = args.map(snapshot);
  const before = values(fg, args);
  inplaceElemwise.rewrite(fg);
  fg.checkIntegrity();
  // The rewriter checks locally: the DestroyHandler must accept the result.
  validateGraph(fg);
  expect(fg.features.some(isDestroyHandler)).toBe(true);
  const after = values(fg, args);
  after.forEach((a, k) => expectClose(a, before[k]!, 1e-15));
  args.forEach((a, i) => expect(snapshot(a)).toEqual(kept[i]));
  return fg;
}

describe('inplaceElemwise fires where it is safe', () => {
  const x = pt.dvector('x');

  it('writes add(exp(x), 1) into the exp result, and the destroyMap says so', () => {
    const fg = rewriteAndCompare([x], [pt.add(pt.exp(x), 1)], [[5]]);
    expect(printed(fg)).toBe('Elemwise{add}[0:0] [id A]\n ├─ Elemwise{exp} [id B]\n │  └─ x [id C]\n └─ DimShuffle{(x)} [id D]\n    └─ 1 [id E]');
    expect(fg.outputs[0]!.owner!.op.destroyMap).toEqual({ 0: [0] });
  });

  it('makes a whole chain in place, each node overwriting the result of the previous one', () => {
    const y = pt.dvector('y');
    const fg = rewriteAndCompare([x, y], [pt.mul(pt.sub(pt.add(pt.exp(x), y), 3), y)], [[6], [6]]);
    expect(inplaceOps(fg)).toEqual(['Elemwise{add}[0:0]', 'Elemwise{sub}[0:0]', 'Elemwise{mul}[0:0]']);
  });

  it('picks the second input when the first may not be overwritten', () => {
    const fg = rewriteAndCompare([x], [pt.add(x, pt.exp(x))], [[4]]);
    expect(inplaceOps(fg)).toEqual(['Elemwise{add}[0:1]']);
  });

  it('accepts the same Variable in two inputs (each element is read before it is written)', () => {
    const t = pt.exp(x);
    const same = rewriteAndCompare([x], [pt.mul(t, t)], [[4]]);
    expect(inplaceOps(same)).toEqual(['Elemwise{mul}[0:0]']);
  });

  it('really overwrites the array: the in-place output is the input array', () => {
    const t = pt.dvector('t');
    const node = new pt.Elemwise(pt.scalarAdd, { 0: 0 }).makeNode(t, pt.constant([10, 20, 30], { dtype: 'float64' }));
    const arr = pt.fromRaw('float64', new Float64Array([1, 2, 3]) as never, [3]);
    const [out] = evaluate(node.outputs, [[t, arr]]) as pt.NDArray[];
    expect(out).toBe(arr);
    expect(snapshot(arr)).toEqual([11, 22, 33]);
  });

  it('falls back to a new array when the overwritten input is broadcast at run time', () => {
    const t = pt.dvector('t');
    const u = pt.dvector('u');
    const node = new pt.Elemwise(pt.scalarAdd, { 0: 0 }).makeNode(t, u);
    const arr = pt.fromRaw('float64', new Float64Array([1]) as never, [1]);
    const [out] = evaluate(node.outputs, [[t, arr], [u, [1, 2, 3]]]) as pt.NDArray[];
    expect(out).not.toBe(arr);
    expect(snapshot(out!)).toEqual([2, 3, 4]);
    expect(snapshot(arr)).toEqual([1]);
  });
});

describe('inplaceElemwise does not overwrite what is still needed', () => {
  const x = pt.dvector('x');
  const y = pt.dvector('y');

  it('an input the caller passed', () => {
    const fg = rewriteAndCompare([x, y], [pt.add(x, y), pt.mul(x, 2)], [[5], [5]]);
    expect(inplaceOps(fg)).toEqual([]);
  });

  it('an input the caller passed, unless declared mutable', () => {
    const fg = new FunctionGraph([x, y], [pt.add(x, y)], { clone: false });
    inplaceElemwise.withOptions({ mutableInputs: (v) => v === x }).rewrite(fg);
    expect(inplaceOps(fg)).toEqual(['Elemwise{add}[0:0]']);
    const xv = pt.fromRaw('float64', new Float64Array([1, 2]) as never, [2]);
    const yv = pt.fromRaw('float64', new Float64Array([10, 20]) as never, [2]);
    expect(values(fg, [xv, yv])).toEqual([[11, 22]]);
    expect(snapshot(xv)).toEqual([11, 22]);
    expect(snapshot(yv)).toEqual([10, 20]);
  });

  it('a view of an input', () => {
    const m = pt.dmatrix('m');
    const fg = rewriteAndCompare([m], [pt.add(pt.transpose(m), 1)], [[2, 3]]);
    expect(inplaceOps(fg)).toEqual([]);
  });

  it('a constant', () => {
    const c = pt.constant([1, 2, 3], { dtype: 'float64' });
    const fg = rewriteAndCompare([x], [pt.add(c, pt.sum(x))], [[3]]);
    expect(inplaceOps(fg)).toEqual([]);
    expect(snapshot(c.data as pt.NDArray)).toEqual([1, 2, 3]);
    // A second run sees the same constant.
    const args = [randomArray('float64', [3], 1)];
    expect(values(fg, args)).toEqual(values(fg, args));
  });

  it('a value another node also reads: one of the two readers overwrites it, after the other has read it', () => {
    const t = pt.exp(x);
    const fg = rewriteAndCompare([x], [pt.add(t, 1), pt.mul(t, 2)], [[5]]);
    expect(inplaceOps(fg)).toEqual(['Elemwise{add}[0:0]']);
    const order = fg.toposort().map((n) => n.op.toString());
    expect(order.indexOf('Elemwise{mul}')).toBeLessThan(order.indexOf('Elemwise{add}[0:0]'));
  });

  it('a value needed after the node that would overwrite it', () => {
    const t = pt.exp(x);
    const a = pt.add(t, 1);
    const fg = rewriteAndCompare([x], [pt.mul(a, t)], [[5]]);
    // add may not overwrite t (mul reads t afterwards); mul may overwrite a.
    expect(inplaceOps(fg)).toEqual(['Elemwise{mul}[0:0]']);
  });

  it('a graph output', () => {
    const t = pt.exp(x);
    const fg = rewriteAndCompare([x], [t, pt.add(t, 1)], [[5]]);
    expect(inplaceOps(fg)).toEqual([]);
  });

  it('a value whose view is a graph output (the caller receives that memory)', () => {
    const m = pt.dmatrix('m');
    const t = pt.exp(m);
    const fg = rewriteAndCompare([m], [pt.transpose(t), pt.add(t, 1)], [[2, 2]]);
    expect(inplaceOps(fg)).toEqual([]);
    // The DestroyHandler refuses it too.
    const addInplace = new pt.Elemwise(pt.scalarAdd, { 0: 0 });
    const bad = new FunctionGraph([m], [pt.transpose(t), addInplace.call(t, pt.constant([[1]], { dtype: 'float64' }))], { clone: false });
    expect(() => bad.attachFeature(new DestroyHandler())).toThrow(/whose view .* is an output of the graph/);
  });

  it('a value read through a view by a later node', () => {
    const m = pt.dmatrix('m');
    const t = pt.exp(m);
    const a = pt.add(t, 1);
    const fg = rewriteAndCompare([m], [pt.mul(a, pt.transpose(pt.transpose(t)))], [[3, 3]]);
    expect(inplaceOps(fg)).toEqual(['Elemwise{mul}[0:0]']);
  });

  it('two views of one array in the same node (t + t.T would read elements already overwritten)', () => {
    const m = pt.dmatrix('m');
    const t = pt.exp(m);
    const fg = rewriteAndCompare([m], [pt.add(t, pt.transpose(t))], [[4, 4]]);
    expect(inplaceOps(fg)).toEqual([]);
  });

  it('an input broadcast into the output', () => {
    const m = pt.dmatrix('m');
    const fg = rewriteAndCompare([m, x], [pt.add(pt.exp(x), m)], [[2, 3], [3]]);
    // exp(x) is a vector broadcast to a matrix; m is a graph input: nothing can be overwritten.
    expect(inplaceOps(fg)).toEqual([]);
  });

  it('keeps a DestroyHandler the caller attached, with its destroyable inputs', () => {
    const fg = new FunctionGraph([x, y], [pt.add(x, y)], { clone: false });
    const dh = new DestroyHandler({ destroyableInputs: [y] });
    fg.attachFeature(dh);
    inplaceElemwise.rewrite(fg);
    expect(fg.features.filter(isDestroyHandler)).toEqual([dh]);
    expect(inplaceOps(fg)).toEqual(['Elemwise{add}[0:1]']);
  });

  it('leaves a graph the DestroyHandler accepts (an unsafe in-place node would be refused)', () => {
    const t = pt.exp(x);
    const fg = new FunctionGraph([x], [pt.add(t, 1), pt.mul(t, 2)], { clone: false });
    inplaceElemwise.rewrite(fg);
    const addNode = fg.toposort().find((n) => n.op.toString() === 'Elemwise{add}[0:0]')!;
    const mulNode = fg.toposort().find((n) => n.op.toString() === 'Elemwise{mul}')!;
    // Making the other reader in place as well must be refused.
    expect(() => fg.replace(mulNode.outputs[0]!, new pt.Elemwise(pt.scalarMul, { 0: 0 }).makeNode(...mulNode.inputs).outputs[0]!)).not.toThrow();
    expect(() => fg.features.find(isDestroyHandler)!.validate(fg)).toThrow(InconsistencyError);
    expect(addNode.op.destroyMap).toEqual({ 0: [0] });
  });
});
