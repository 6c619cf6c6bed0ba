import {
  ArgumentError,
  ChangeLog,
  FunctionGraph,
  MissingInputError,
  SharedVariable,
  Variable,
  equalComputations,
  evaluate,
  type Feature,
} from '../src';
import { add, constant, divmod, exp, mul, neg, num, scalar } from './helpers/toy';

/** The values of fg's outputs, with the inputs given in order. */
import { Recorder, keys, ownerOf, run, smallGraph } from './helpers/fgraph-helpers';

describe('FunctionGraph construction', () => {
  test('clones the graph by default and leaves the caller graph alone', () => {
    const { x, y, m, z } = smallGraph();
    const fg = new FunctionGraph([x, y], [z]);
    expect(fg.inputs).toHaveLength(2);
    expect(fg.inputs[0]).not.toBe(x);
    expect(fg.inputs[1]).not.toBe(y);
    expect(fg.inputs.map((v) => v.name)).toEqual(['x', 'y']);
    expect(fg.inputs[0]!.type.equals(num)).toBe(true);
    expect(fg.outputs[0]).not.toBe(z);
    expect(fg.applyNodes.has(ownerOf(z))).toBe(false);
    expect(fg.applyNodes.size).toBe(3);
    expect(equalComputations(fg.outputs, [z], fg.inputs, [x, y])).toBe(true);
    expect(run(fg, 0.5, 3)).toEqual([-Math.exp(0.5) * 3]);

    fg.replace(fg.outputs[0]!, fg.inputs[0]!, { reason: 'test' });
    expect(fg.outputs[0]).toBe(fg.inputs[0]);
    expect(fg.applyNodes.size).toBe(0);
    expect(ownerOf(z).inputs).toEqual([m]);
    expect(ownerOf(m).inputs[1]).toBe(y);
    expect(evaluate([z], [[x, 0.5], [y, 3]])).toEqual([-Math.exp(0.5) * 3]);
  });

  test('clone: false uses the very Variables and nodes given', () => {
    const { x, y, e, m, z } = smallGraph();
    const fg = new FunctionGraph([x, y], [z], { clone: false });
    expect(fg.inputs).toEqual([x, y]);
    expect(fg.inputs[0]).toBe(x);
    expect(fg.outputs[0]).toBe(z);
    expect([...fg.applyNodes].sort((a, b) => a.id - b.id)).toEqual([e.owner, m.owner, z.owner]);
    for (const v of [x, y, e, m, z]) expect(fg.variables.has(v)).toBe(true);
    expect(fg.variables.size).toBe(5);
    fg.checkIntegrity();
  });

  test('an input that is the output of a node is rejected (clone: false)', () => {
    const x = scalar('x');
    const e = exp(x);
    expect(() => new FunctionGraph([e], [neg(e)], { clone: false })).toThrow(ArgumentError);
    expect(() => new FunctionGraph([e], [neg(e)], { clone: false })).toThrow(/without an owner/);
  });

  test('with clone: true, an owned input cuts the graph there (as PyTensor does)', () => {
    const x = scalar('x');
    const e = exp(x);
    const fg = new FunctionGraph([e], [neg(e)]);
    expect(fg.inputs[0]!.owner).toBeNull();
    expect([...fg.applyNodes].map((n) => n.op.toString())).toEqual(['Neg']);
    expect(run(fg, 2)).toEqual([-2]);
    fg.checkIntegrity();
  });

  test('inputs and outputs must be Variables', () => {
    const x = scalar('x');
    expect(() => new FunctionGraph([x, 3 as unknown as Variable], [x])).toThrow(ArgumentError);
    expect(() => new FunctionGraph([x], [null as unknown as Variable])).toThrow(/outputs\[0\]/);
  });

  test.each([true, false])('a free variable that is not an input is a MissingInputError (clone: %p)', (cloneGraph) => {
    const x = scalar('x');
    const y = scalar('y');
    let err: unknown;
    try {
      new FunctionGraph([x], [add(x, y)], { clone: cloneGraph });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(MissingInputError);
    expect((err as MissingInputError).variable).toBe(y);
    expect((err as Error).message).toMatch(/\by\b.*not an input/);
  });

  test('constants are not inputs and are not copied', () => {
    const x = scalar('x');
    const c = constant(2, 'two');
    const fg = new FunctionGraph([x], [mul(x, c)]);
    expect(fg.inputs).toHaveLength(1);
    expect(fg.variables.has(c)).toBe(true);
    expect(fg.isInput(c)).toBe(false);
    expect(keys(fg, c)).toEqual([`Mul#${ownerOf(fg.outputs[0]!).id}:1`]);
    expect(run(fg, 5)).toEqual([10]);
    fg.checkIntegrity();
  });

  test.each([true, false])('shared variables become implicit inputs (clone: %p)', (cloneGraph) => {
    const x = scalar('x');
    const w = new SharedVariable(num, 4, { name: 'w' });
    const fg = new FunctionGraph([x], [mul(x, w)], { clone: cloneGraph });
    expect(fg.inputs).toHaveLength(2);
    expect(fg.inputs[1]).toBe(w);
    expect(fg.isInput(w)).toBe(true);
    fg.checkIntegrity();
    expect(evaluate(fg.outputs, [[fg.inputs[0]!, 3]])).toEqual([12]);
    w.setValue(5);
    expect(evaluate(fg.outputs, [[fg.inputs[0]!, 3]])).toEqual([15]);
  });

  test('an input can be an output, and an output can appear twice', () => {
    const x = scalar('x');
    const e = exp(x);
    const fg = new FunctionGraph([x], [x, e, e], { clone: false });
    expect(fg.applyNodes.size).toBe(1);
    expect(keys(fg, x)).toEqual([`Exp#${ownerOf(e).id}:0`, 'output:0'].sort());
    expect(keys(fg, e)).toEqual(['output:1', 'output:2']);
    fg.checkIntegrity();
    expect(run(fg, 0)).toEqual([0, 1, 1]);
  });

  test('unused inputs are kept, with no clients', () => {
    const x = scalar('x');
    const y = scalar('y');
    const fg = new FunctionGraph([x, y], [exp(x)], { clone: false });
    expect(fg.inputs).toEqual([x, y]);
    expect(fg.getClients(y)).toEqual([]);
    fg.checkIntegrity();
  });

  test('addInput ignores an input already there; addOutput imports a new output', () => {
    const x = scalar('x');
    const fg = new FunctionGraph([x], [exp(x)], { clone: false });
    fg.addInput(x);
    expect(fg.inputs).toEqual([x]);
    const n = neg(x);
    fg.addOutput(n);
    expect(fg.outputs).toHaveLength(2);
    expect(fg.applyNodes.has(ownerOf(n))).toBe(true);
    expect(keys(fg, n)).toEqual(['output:1']);
    fg.checkIntegrity();
    expect(run(fg, 1)).toEqual([Math.E, -1]);
    expect(String(fg)).toMatch(/^FunctionGraph\(/);
  });
});

describe('clients', () => {
  test('each use of a Variable is one client, graph outputs included', () => {
    const x = scalar('x');
    const y = scalar('y');
    const s = add(x, x);
    const p = mul(s, y);
    const fg = new FunctionGraph([x, y], [p, s], { clone: false });
    const sNode = ownerOf(s);
    const pNode = ownerOf(p);
    expect(fg.getClients(x)).toEqual([
      { node: sNode, index: 0 },
      { node: sNode, index: 1 },
    ]);
    expect(fg.getClients(y)).toEqual([{ node: pNode, index: 1 }]);
    expect(keys(fg, s)).toEqual([`Mul#${pNode.id}:0`, 'output:1'].sort());
    expect(fg.getClients(p)).toEqual([{ node: 'output', index: 0 }]);
    expect(fg.getClients(scalar('stranger'))).toEqual([]);
  });

  test('replace moves every client of the old Variable to the new one', () => {
    const x = scalar('x');
    const y = scalar('y');
    const s = add(x, x);
    const fg = new FunctionGraph([x, y], [s, mul(x, y)], { clone: false });
    fg.replace(x, y);
    expect(fg.getClients(x)).toEqual([]);
    expect(fg.getClients(y)).toHaveLength(4);
    expect(ownerOf(s).inputs).toEqual([y, y]);
    fg.checkIntegrity();
    expect(run(fg, 1, 3)).toEqual([6, 9]);
  });

  test('multi-output nodes: each output has its own clients', () => {
    const a = scalar('a');
    const b = scalar('b');
    const [q, r] = divmod(a, b) as [Variable, Variable];
    const fg = new FunctionGraph([a, b], [neg(r!)], { clone: false });
    expect(fg.variables.has(q)).toBe(true);
    expect(fg.getClients(q)).toEqual([]);
    expect(fg.getClients(r)).toHaveLength(1);
    fg.checkIntegrity();
    expect(run(fg, 7, 3)).toEqual([-1]);
  });
});

/** A feature that records every callback with its arguments. */
describe('features', () => {
  test('features given at creation are attached first and see every node imported, inputs first', () => {
    const rec = new Recorder();
    const { x, y, z } = smallGraph();
    const fg = new FunctionGraph([x, y], [z], { features: [rec] });
    expect(rec.calls).toEqual(['attach 0', 'import Exp init', 'import Mul init', 'import Neg init']);
    expect(fg.features).toEqual([rec]);
  });

  test('attachFeature calls onAttach once, does not replay imports, and removeFeature calls onDetach', () => {
    const { x, y, z } = smallGraph();
    const fg = new FunctionGraph([x, y], [z]);
    const rec = new Recorder();
    fg.attachFeature(rec);
    fg.attachFeature(rec);
    expect(rec.calls).toEqual(['attach 1']);
    expect(fg.features).toEqual([rec]);
    fg.removeFeature(rec);
    fg.removeFeature(rec);
    expect(rec.calls).toEqual(['attach 1', 'detach']);
    expect(fg.features).toEqual([]);
    fg.replace(fg.outputs[0]!, fg.inputs[0]!);
    expect(rec.calls).toEqual(['attach 1', 'detach']);
  });

  test('a feature whose onAttach throws is not attached', () => {
    const { x, y, z } = smallGraph();
    const fg = new FunctionGraph([x, y], [z]);
    const refuse: Feature = {
      onAttach() {
        throw new Error('not this graph');
      },
    };
    expect(() => fg.attachFeature(refuse)).toThrow('not this graph');
    expect(fg.features).toEqual([]);
  });

  test('ChangeLog records import, prune and change with the reason', () => {
    const { x, y, e, m, z } = smallGraph();
    const fg = new FunctionGraph([x, y], [z], { clone: false });
    const log = new ChangeLog();
    fg.attachFeature(log);
    const c = constant(3);
    const w = mul(x, c); // replaces e = exp(x)
    fg.replace(e, w, { reason: 'exp -> mul' });
    expect(log.events).toEqual([
      { kind: 'import', node: w.owner, reason: 'exp -> mul' },
      { kind: 'prune', node: e.owner, reason: 'exp -> mul' },
      { kind: 'change', node: m.owner, index: 0, reason: 'exp -> mul' },
    ]);
    fg.checkIntegrity();
    expect(run(fg, 2, 5)).toEqual([-30]);
  });

  test('onChangeInput gets the node, the index, the old and new Variables and the reason', () => {
    const { x, y, e, m, z } = smallGraph();
    const rec = new Recorder();
    const fg = new FunctionGraph([x, y], [z], { clone: false, features: [rec] });
    rec.calls.length = 0;
    fg.replace(y, e, { reason: 'y -> e' });
    expect(rec.changes).toEqual([{ node: m.owner, index: 1, oldVar: y, newVar: e, reason: 'y -> e' }]);
    expect(rec.calls).toEqual(['change Mul 1 y -> e']);
    fg.replace(z, m, { reason: 'drop neg' });
    expect(rec.calls).toEqual(['change Mul 1 y -> e', 'prune Neg drop neg', 'change output 0 drop neg']);
    expect(rec.changes[1]).toEqual({ node: 'output', index: 0, oldVar: z, newVar: m, reason: 'drop neg' });
  });

  test('without a reason, callbacks still get a string reason', () => {
    const { x, y, e, z } = smallGraph();
    const rec = new Recorder();
    const fg = new FunctionGraph([x, y], [z], { clone: false, features: [rec] });
    fg.replace(e, neg(x));
    expect(rec.changes).toHaveLength(1);
    expect(typeof rec.changes[0]!.reason).toBe('string');
  });

  test('every feature is told, in the order they were attached', () => {
    const order: string[] = [];
    const mk = (name: string): Feature => ({
      onChangeInput: () => {
        order.push(name);
      },
    });
    const { x, y, e, z } = smallGraph();
    const fg = new FunctionGraph([x, y], [z], { clone: false, features: [mk('a'), mk('b')] });
    fg.attachFeature(mk('c'));
    fg.replace(e, x);
    expect(order).toEqual(['a', 'b', 'c']);
  });

  test('callbacks are called with the feature as `this`', () => {
    const { x, y, e, z } = smallGraph();
    const fg = new FunctionGraph([x, y], [z], { clone: false });
    const feature = {
      count: 0,
      onChangeInput(this: { count: number }) {
        this.count++;
      },
    };
    fg.attachFeature(feature);
    fg.replace(e, x);
    expect(feature.count).toBe(1);
  });
});

