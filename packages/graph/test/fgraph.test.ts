import {
  Apply,
  ArgumentError,
  ChangeLog,
  Constant,
  FunctionGraph,
  InconsistencyError,
  MissingInputError,
  SharedVariable,
  TypeMismatchError,
  Variable,
  equalComputations,
  evaluate,
  type Client,
  type Feature,
} from '../src';
import { Exp, Neg, add, constant, divmod, exp, mul, neg, num, other, scalar } from './helpers/toy';

/** The values of fg's outputs, with the inputs given in order. */
function run(fg: FunctionGraph, ...values: number[]): unknown[] {
  return evaluate(fg.outputs, new Map(fg.inputs.map((v, i) => [v, values[i]])));
}

/** A client, printed for comparisons: 'output:0' or 'Add#12:1'. */
function clientKey(c: Client): string {
  return c.node === 'output' ? `output:${c.index}` : `${c.node.op}#${c.node.id}:${c.index}`;
}

function keys(fg: FunctionGraph, v: Variable): string[] {
  return fg.getClients(v).map(clientKey).sort();
}

/** The node computing `v` (throws when `v` is a graph input). */
function ownerOf(v: Variable): Apply {
  if (v.owner === null) throw new Error(`${v} has no owner`);
  return v.owner;
}

/** x, y and z = neg(exp(x) * y), built without a FunctionGraph. */
function smallGraph() {
  const x = scalar('x');
  const y = scalar('y');
  const e = exp(x);
  const m = mul(e, y);
  const z = neg(m);
  return { x, y, e, m, z };
}

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
class Recorder implements Feature {
  readonly calls: string[] = [];
  readonly changes: { node: Apply | 'output'; index: number; oldVar: Variable; newVar: Variable; reason: string }[] = [];
  onAttach(fg: FunctionGraph): void {
    this.calls.push(`attach ${fg.outputs.length}`);
  }
  onDetach(): void {
    this.calls.push('detach');
  }
  onImport(_fg: FunctionGraph, node: Apply, reason: string): void {
    this.calls.push(`import ${node.op} ${reason}`);
  }
  onPrune(_fg: FunctionGraph, node: Apply, reason: string): void {
    this.calls.push(`prune ${node.op} ${reason}`);
  }
  onChangeInput(_fg: FunctionGraph, node: Apply | 'output', index: number, oldVar: Variable, newVar: Variable, reason: string): void {
    this.calls.push(`change ${node === 'output' ? 'output' : node.op} ${index} ${reason}`);
    this.changes.push({ node, index, oldVar, newVar, reason });
  }
}

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

describe('replace and replaceAll', () => {
  test('replacing an intermediate Variable changes what the outputs compute', () => {
    const { x, y, e, z } = smallGraph();
    const fg = new FunctionGraph([x, y], [z], { clone: false });
    fg.replace(e, neg(x), { reason: 'test' });
    fg.checkIntegrity();
    expect(run(fg, 2, 5)).toEqual([10]);
    expect(fg.variables.has(e)).toBe(false);
    expect(fg.applyNodes.has(ownerOf(e))).toBe(false);
  });

  test('a Variable of another Type is a TypeMismatchError naming both Types, and nothing changes', () => {
    const { x, y, e, z } = smallGraph();
    const fg = new FunctionGraph([x, y], [z], { clone: false });
    const log = new ChangeLog();
    fg.attachFeature(log);
    const s = other.makeVariable('s');
    let err: unknown;
    try {
      fg.replace(e, s);
    } catch (caught) {
      err = caught;
    }
    expect(err).toBeInstanceOf(TypeMismatchError);
    expect((err as Error).message).toContain('NumberType');
    expect((err as Error).message).toContain('OtherType');
    expect((err as TypeMismatchError).expected).toContain('NumberType');
    expect((err as TypeMismatchError).given).toContain('OtherType');
    expect(log.events).toEqual([]);
    expect(fg.variables.has(s)).toBe(false);
    fg.checkIntegrity();
    expect(() => fg.replaceAll([[e, x], [y, s]])).toThrow(TypeMismatchError);
    expect(() => fg.changeNodeInput('output', 0, s)).toThrow(TypeMismatchError);
  });

  test('replacing an output updates fg.outputs and its clients', () => {
    const { x, y, m, z } = smallGraph();
    const fg = new FunctionGraph([x, y], [z], { clone: false });
    const w = add(m, x);
    fg.replace(z, w);
    expect(fg.outputs).toEqual([w]);
    expect(fg.getClients(w)).toEqual([{ node: 'output', index: 0 }]);
    expect(fg.variables.has(z)).toBe(false);
    fg.checkIntegrity();
    expect(run(fg, 0, 2)).toEqual([2]);
  });

  test('replacing an output by a graph input prunes everything', () => {
    const { x, y, z } = smallGraph();
    const fg = new FunctionGraph([x, y], [z], { clone: false });
    const log = new ChangeLog();
    fg.attachFeature(log);
    fg.replace(z, y, { reason: 'r' });
    expect(fg.applyNodes.size).toBe(0);
    expect([...fg.variables].sort((a, b) => a.id - b.id)).toEqual([x, y]);
    expect(log.events.map((ev) => ev.kind)).toEqual(['prune', 'prune', 'prune', 'change']);
    expect(log.events.filter((ev) => ev.kind === 'prune').map((ev) => String((ev.node as Apply).op))).toEqual(['Neg', 'Mul', 'Exp']);
    fg.checkIntegrity();
    expect(run(fg, 1, 7)).toEqual([7]);
  });

  test('replacing a Variable that is not in the graph does nothing', () => {
    const { x, y, z } = smallGraph();
    const fg = new FunctionGraph([x, y], [z], { clone: false });
    const log = new ChangeLog();
    fg.attachFeature(log);
    const stranger = exp(y);
    fg.replace(stranger, x);
    expect(log.events).toEqual([]);
    fg.checkIntegrity();
  });

  test('replacing a Variable by itself does nothing', () => {
    const { x, y, e, z } = smallGraph();
    const fg = new FunctionGraph([x, y], [z], { clone: false });
    const log = new ChangeLog();
    fg.attachFeature(log);
    fg.replace(e, e);
    expect(log.events).toEqual([]);
    fg.checkIntegrity();
  });

  test('replaceAll applies the pairs in order', () => {
    const { x, y, e, m, z } = smallGraph();
    const fg = new FunctionGraph([x, y], [z], { clone: false });
    const rec = new Recorder();
    fg.attachFeature(rec);
    const n = neg(x);
    // The second pair replaces the Variable the first pair brought in.
    fg.replaceAll([[e, n], [n, y]], { reason: 'both' });
    expect(ownerOf(m).inputs).toEqual([y, y]);
    expect(rec.calls.slice(1)).toEqual(['import Neg both', 'prune Exp both', 'change Mul 0 both', 'prune Neg both', 'change Mul 0 both']);
    fg.checkIntegrity();
    expect(run(fg, 1, 3)).toEqual([-9]);
  });

  test('pruning keeps nodes that are still used and removes constants no longer used', () => {
    const x = scalar('x');
    const c = constant(2);
    const e = exp(mul(x, c));
    const out1 = neg(e);
    const out2 = add(e, x);
    const fg = new FunctionGraph([x], [out1, out2], { clone: false });
    expect(fg.applyNodes.size).toBe(4);
    fg.replace(out1, x);
    // e is still used by out2
    expect(fg.applyNodes.size).toBe(3);
    expect(fg.applyNodes.has(ownerOf(e))).toBe(true);
    expect(fg.variables.has(c)).toBe(true);
    fg.replace(out2, x);
    expect(fg.applyNodes.size).toBe(0);
    expect(fg.variables.has(c)).toBe(false);
    expect(fg.variables.has(x)).toBe(true);
    expect(fg.clients.has(c)).toBe(false);
    fg.checkIntegrity();
  });

  test('a multi-output node stays while one of its outputs is used', () => {
    const a = scalar('a');
    const b = scalar('b');
    const [q, r] = divmod(a, b) as [Variable, Variable];
    const fg = new FunctionGraph([a, b], [q, r], { clone: false });
    const node = ownerOf(q);
    fg.replace(q, a);
    expect(fg.applyNodes.has(node)).toBe(true);
    expect(fg.variables.has(q)).toBe(true);
    fg.checkIntegrity();
    fg.replace(r, b);
    expect(fg.applyNodes.has(node)).toBe(false);
    expect(fg.variables.has(q)).toBe(false);
    fg.checkIntegrity();
  });

  test('a new free Variable is a MissingInputError unless importMissing', () => {
    const { x, y, e, z } = smallGraph();
    const fg = new FunctionGraph([x, y], [z], { clone: false });
    const w = scalar('w');
    expect(() => fg.replace(e, add(x, w))).toThrow(MissingInputError);
    expect(fg.inputs).toEqual([x, y]);
    fg.checkIntegrity();

    fg.replace(e, add(x, w), { importMissing: true });
    expect(fg.inputs).toEqual([x, y, w]);
    expect(fg.isInput(w)).toBe(true);
    fg.checkIntegrity();
    expect(run(fg, 1, 2, 3)).toEqual([-8]);

    const v = scalar('v');
    fg.replace(fg.outputs[0]!, v, { importMissing: true });
    expect(fg.inputs).toEqual([x, y, w, v]);
    fg.checkIntegrity();
  });

  test('a failed import (MissingInputError) leaves the bookkeeping as it was', () => {
    const { x, y, e, z } = smallGraph();
    const fg = new FunctionGraph([x, y], [z], { clone: false });
    const c = constant(7);
    const w = scalar('w');
    // add(c, x) is imported before the missing w is found.
    expect(() => fg.replace(e, add(add(c, x), w))).toThrow(MissingInputError);
    expect(fg.variables.has(c)).toBe(false);
    expect(() => fg.checkIntegrity()).not.toThrow();
  });

  test('a failed import does not add the shared Variables it met to the inputs', () => {
    const { x, y, e, z } = smallGraph();
    const fg = new FunctionGraph([x, y], [z], { clone: false });
    const log = new ChangeLog();
    fg.attachFeature(log);
    const s = new SharedVariable(num, 1, { name: 's' });
    expect(() => fg.replace(e, add(add(s, x), scalar('w')))).toThrow(MissingInputError);
    expect(fg.inputs).toEqual([x, y]);
    expect(log.events).toEqual([]);
    fg.checkIntegrity();
  });

  test('a shared Variable brought in by a replacement becomes an input', () => {
    const { x, y, e, z } = smallGraph();
    const fg = new FunctionGraph([x, y], [z], { clone: false });
    const s = new SharedVariable(num, 10, { name: 's' });
    fg.replace(e, s);
    expect(fg.inputs).toEqual([x, y, s]);
    fg.checkIntegrity();
    expect(evaluate(fg.outputs, [[x, 0], [y, 2]])).toEqual([-20]);
  });

  test('a replacement that would create a cycle is an InconsistencyError, and nothing changes', () => {
    const { x, y, e, m, z } = smallGraph();
    const fg = new FunctionGraph([x, y], [z], { clone: false });
    const log = new ChangeLog();
    fg.attachFeature(log);
    // exp's input x -> z = neg(exp(x) * y) would make exp depend on itself
    expect(() => fg.replace(x, z)).toThrow(InconsistencyError);
    expect(() => fg.replace(x, add(m, y))).toThrow(/cycle/);
    expect(log.events).toEqual([]);
    expect(ownerOf(e).inputs[0]).toBe(x);
    fg.checkIntegrity();
    expect(fg.toposort()).toHaveLength(3);
  });

  test('checkCycles: false skips the check; the cycle shows up in toposort', () => {
    const { x, y, e, z } = smallGraph();
    const fg = new FunctionGraph([x, y], [z], { clone: false });
    expect(() => fg.replace(x, z, { checkCycles: false })).not.toThrow();
    expect(ownerOf(e).inputs[0]).toBe(z);
    expect(() => fg.toposort()).toThrow(InconsistencyError);
  });

  test('replacing an output by an expression of itself is not a cycle', () => {
    const { x, y, z } = smallGraph();
    const fg = new FunctionGraph([x, y], [z], { clone: false });
    const before = run(fg, 1, 2)[0] as number;
    fg.replace(z, neg(neg(z)));
    fg.checkIntegrity();
    expect(run(fg, 1, 2)).toEqual([before]);
    expect(fg.applyNodes.size).toBe(5);
  });

  test('changeNodeInput checks the node and the index', () => {
    const { x, y, z } = smallGraph();
    const fg = new FunctionGraph([x, y], [z], { clone: false });
    const stranger = ownerOf(neg(x));
    expect(() => fg.changeNodeInput(stranger, 0, y)).toThrow(InconsistencyError);
    expect(() => fg.changeNodeInput(ownerOf(z), 3, y)).toThrow(ArgumentError);
    expect(() => fg.changeNodeInput('output', 1, y)).toThrow(ArgumentError);
    fg.changeNodeInput(ownerOf(z), 0, y, { reason: 'direct' });
    fg.checkIntegrity();
    expect(run(fg, 1, 4)).toEqual([-4]);
  });
});

describe('checkIntegrity', () => {
  function fresh() {
    const g = smallGraph();
    const fg = new FunctionGraph([g.x, g.y], [g.z], { clone: false });
    fg.checkIntegrity();
    return { ...g, fg };
  }

  test('passes after a series of changes', () => {
    const { fg, x, y, e, m } = fresh();
    fg.replace(e, add(x, constant(1)));
    fg.checkIntegrity();
    fg.replace(m, mul(y, y));
    fg.checkIntegrity();
    fg.addOutput(exp(y));
    fg.checkIntegrity();
    fg.replace(fg.outputs[0]!, fg.outputs[1]!);
    fg.checkIntegrity();
    expect(run(fg, 1, 2)).toEqual([Math.exp(2), Math.exp(2)]);
  });

  test('a missing client is found', () => {
    const { fg, y } = fresh();
    fg.clients.get(y)!.pop();
    expect(() => fg.checkIntegrity()).toThrow(InconsistencyError);
    expect(() => fg.checkIntegrity()).toThrow(/clients of y/);
  });

  test('an extra client is found', () => {
    const { fg, x, m } = fresh();
    fg.clients.get(x)!.push({ node: ownerOf(m), index: 1 });
    expect(() => fg.checkIntegrity()).toThrow(InconsistencyError);
  });

  test('a stale node is found', () => {
    const { fg, x } = fresh();
    fg.applyNodes.add(ownerOf(neg(x)));
    expect(() => fg.checkIntegrity()).toThrow(/stale: Neg\(x\)/);
  });

  test('a missing node is found', () => {
    const { fg, e } = fresh();
    fg.applyNodes.delete(ownerOf(e));
    expect(() => fg.checkIntegrity()).toThrow(/missing: Exp\(x\)/);
  });

  test('an unrecorded variable is found', () => {
    const { fg, m } = fresh();
    fg.variables.delete(m);
    expect(() => fg.checkIntegrity()).toThrow(InconsistencyError);
  });

  test('a recorded variable the graph does not use is found', () => {
    const { fg } = fresh();
    const stray = scalar('stray');
    fg.variables.add(stray);
    expect(() => fg.checkIntegrity()).toThrow(/stray is recorded but not used/);
  });

  test('an input changed by hand, without bookkeeping, is found', () => {
    const { fg, x, m } = fresh();
    ownerOf(m).inputs[1] = x;
    expect(() => fg.checkIntegrity()).toThrow(InconsistencyError);
  });

  test('a free variable put in by hand is found', () => {
    const { fg, m } = fresh();
    const w = scalar('w');
    ownerOf(m).inputs[1] = w;
    fg.variables.add(w);
    expect(() => fg.checkIntegrity()).toThrow(/no owner and is not a graph input/);
  });

  test('an output that no longer points back to its node is found', () => {
    const { fg, e } = fresh();
    e.index = 1;
    expect(() => fg.checkIntegrity()).toThrow(/does not point back/);
  });
});

describe('toposort', () => {
  test('puts each node after the nodes computing its inputs', () => {
    const { x, y, z } = smallGraph();
    const fg = new FunctionGraph([x, y], [z]);
    const order = fg.toposort();
    expect(order.map((n) => String(n.op))).toEqual(['Exp', 'Mul', 'Neg']);
    const pos = new Map(order.map((n, i) => [n, i]));
    for (const n of order) {
      for (const v of n.inputs) if (v.owner) expect(pos.get(v.owner)!).toBeLessThan(pos.get(n)!);
    }
  });

  test('is deterministic: the same graph built twice, or sorted twice, gives the same order', () => {
    const build = () => {
      const a = scalar('a');
      const b = scalar('b');
      const outs = [add(exp(a), neg(b)), mul(neg(a), exp(b)), exp(add(a, b))];
      return new FunctionGraph([a, b], outs);
    };
    const f1 = build();
    const f2 = build();
    const names = (fg: FunctionGraph) => fg.toposort().map((n) => `${n.op}(${n.inputs.map((v) => (v.owner ? String(v.owner.op) : String(v))).join(',')})`);
    expect(names(f1)).toEqual(names(f2));
    expect(f1.toposort()).toEqual(f1.toposort());
    expect(names(f1)).toEqual(['Exp(a)', 'Neg(b)', 'Add(Exp,Neg)', 'Neg(a)', 'Exp(b)', 'Mul(Neg,Exp)', 'Add(a,b)', 'Exp(Add)']);
  });

  test('honours the orderings of the features', () => {
    const x = scalar('x');
    const e = exp(x);
    const n = neg(x);
    const fg = new FunctionGraph([x], [e, n], { clone: false });
    expect(fg.toposort()).toEqual([e.owner, n.owner]);
    // neg must run before exp
    fg.attachFeature({ orderings: () => new Map([[ownerOf(e), [ownerOf(n)]]]) });
    expect(fg.toposort()).toEqual([n.owner, e.owner]);
  });

  test('merges the orderings of several features', () => {
    const x = scalar('x');
    const a = exp(x);
    const b = neg(x);
    const c = add(x, x);
    const fg = new FunctionGraph([x], [a, b, c], { clone: false });
    expect(fg.toposort()).toEqual([a.owner, b.owner, c.owner]);
    fg.attachFeature({ orderings: () => new Map([[ownerOf(a), [ownerOf(c)]]]) });
    fg.attachFeature({ orderings: () => new Map([[ownerOf(a), [ownerOf(b)]], [ownerOf(b), [ownerOf(c)]]]) });
    expect(fg.orderings().get(ownerOf(a))).toEqual([c.owner, b.owner]);
    expect(fg.toposort()).toEqual([c.owner, b.owner, a.owner]);
  });

  test('contradictory orderings are an InconsistencyError', () => {
    const x = scalar('x');
    const a = exp(x);
    const b = neg(x);
    const fg = new FunctionGraph([x], [a, b], { clone: false });
    fg.attachFeature({
      orderings: () =>
        new Map([
          [ownerOf(a), [ownerOf(b)]],
          [ownerOf(b), [ownerOf(a)]],
        ]),
    });
    expect(() => fg.toposort()).toThrow(InconsistencyError);
  });

  test('a graph with one node or none', () => {
    const x = scalar('x');
    expect(new FunctionGraph([x], [x]).toposort()).toEqual([]);
    const fg = new FunctionGraph([x], [exp(x)]);
    expect(fg.toposort()).toEqual([fg.outputs[0]!.owner]);
  });
});

describe('FunctionGraph.clone and cloneGetEquiv', () => {
  test('clone copies every node and variable except constants', () => {
    const x = scalar('x');
    const c = constant(3);
    const out = add(mul(exp(x), c), x);
    const fg = new FunctionGraph([x], [out]);
    const [copy, equiv] = fg.cloneGetEquiv();
    expect(copy.inputs[0]).toBe(equiv.get(fg.inputs[0]!));
    expect(copy.outputs[0]).toBe(equiv.get(fg.outputs[0]!));
    for (const n of fg.applyNodes) {
      const n2 = equiv.get(n) as Apply;
      expect(n2).not.toBe(n);
      expect(copy.applyNodes.has(n2)).toBe(true);
      expect(n2.op).toBe(n.op);
    }
    for (const v of fg.variables) {
      if (v.isConstant()) expect(equiv.get(v)).toBe(v);
      else {
        expect(equiv.get(v)).not.toBe(v);
        expect(copy.variables.has(equiv.get(v) as Variable)).toBe(true);
      }
    }
    expect(copy.applyNodes.size).toBe(fg.applyNodes.size);
    expect(equalComputations(copy.outputs, fg.outputs, copy.inputs, fg.inputs)).toBe(true);
    expect(run(copy, 1)).toEqual(run(fg, 1));
  });

  test('changing the copy leaves the original alone', () => {
    const { x, y, z } = smallGraph();
    const fg = new FunctionGraph([x, y], [z]);
    const copy = fg.clone();
    copy.replace(copy.outputs[0]!, copy.inputs[1]!);
    copy.checkIntegrity();
    fg.checkIntegrity();
    expect(fg.applyNodes.size).toBe(3);
    expect(run(fg, 0, 2)).toEqual([-2]);
    expect(run(copy, 0, 2)).toEqual([2]);
  });

  test('features are attached to the copy only when asked', () => {
    const { x, y, z } = smallGraph();
    const rec = new Recorder();
    const fg = new FunctionGraph([x, y], [z], { features: [rec] });
    rec.calls.length = 0;
    const plain = fg.clone();
    expect(plain.features).toEqual([]);
    expect(rec.calls).toEqual([]);
    const [withFeatures] = fg.cloneGetEquiv(true, true);
    expect(withFeatures.features).toEqual([rec]);
    expect(rec.calls).toEqual(['attach 0', 'import Exp init', 'import Mul init', 'import Neg init']);
  });

  test('shared variables stay shared in the copy', () => {
    const x = scalar('x');
    const w = new SharedVariable(num, 2, { name: 'w' });
    const fg = new FunctionGraph([x], [mul(x, w)]);
    const copy = fg.clone();
    expect(copy.inputs).toHaveLength(2);
    const w2 = copy.inputs[1] as SharedVariable;
    expect(w2).toBeInstanceOf(SharedVariable);
    w.setValue(6);
    expect(w2.getValue()).toBe(6);
    expect(evaluate(copy.outputs, [[copy.inputs[0]!, 2]])).toEqual([12]);
  });
});

describe('long chains', () => {
  const N = 100_000;

  function chain(n: number): { x: Variable; out: Variable } {
    const x = scalar('x');
    const ops = [new Exp(), new Neg()];
    let v: Variable = x;
    for (let i = 0; i < n; i++) v = ops[i % 2]!.makeNode(v).outputs[0]!;
    return { x, out: v };
  }

  test(
    'a 100,000-node chain: build, replace, check, clone, toposort, without stack overflow',
    () => {
      const { x, out } = chain(N);
      const fg = new FunctionGraph([x], [out]);
      expect(fg.applyNodes.size).toBe(N);
      fg.checkIntegrity();
      const order = fg.toposort();
      expect(order).toHaveLength(N);
      expect(order[0]!.inputs[0]).toBe(fg.inputs[0]);
      expect(order[N - 1]!.outputs[0]).toBe(fg.outputs[0]);
      // Replacing the output by the input prunes the whole chain (iteratively).
      const copy = fg.clone();
      expect(copy.applyNodes.size).toBe(N);
      const log = new ChangeLog();
      copy.attachFeature(log);
      copy.replace(copy.outputs[0]!, copy.inputs[0]!);
      expect(copy.applyNodes.size).toBe(0);
      expect(log.events.filter((ev) => ev.kind === 'prune')).toHaveLength(N);
      copy.checkIntegrity();
      // A cycle check over the whole chain.
      const first = order[0]!;
      expect(() => fg.changeNodeInput(first, 0, fg.outputs[0]!)).toThrow(InconsistencyError);
      // Replacing the input of the first node: a new node at the bottom of the chain.
      fg.replace(fg.inputs[0]!, neg(fg.inputs[0]!));
      expect(fg.applyNodes.size).toBe(N + 1);
      fg.checkIntegrity();
    },
    60_000,
  );
});

describe('Constant and Variable bookkeeping corner cases', () => {
  test('the same constant used twice by one node has two clients', () => {
    const x = scalar('x');
    const c = constant(1);
    const fg = new FunctionGraph([x], [add(add(c, c), x)], { clone: false });
    expect(fg.getClients(c)).toHaveLength(2);
    fg.checkIntegrity();
    expect(run(fg, 1)).toEqual([3]);
    expect(c).toBeInstanceOf(Constant);
  });

  test('an Exp node made by makeNode and by call are alike', () => {
    const x = scalar('x');
    const a = new Exp().makeNode(x).outputs[0]!;
    const b = exp(x);
    expect(equalComputations([a], [b])).toBe(true);
    expect(new Neg().equals(ownerOf(neg(x)).op)).toBe(true);
  });
});
