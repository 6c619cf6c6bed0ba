import {
  Apply,
  ArgumentError,
  ChangeLog,
  FunctionGraph,
  InconsistencyError,
  MissingInputError,
  SharedVariable,
  TypeMismatchError,
  Variable,
  evaluate,
} from '../src';
import { add, constant, divmod, exp, mul, neg, num, other, scalar } from './helpers/toy';

/** The values of fg's outputs, with the inputs given in order. */
import { Recorder, ownerOf, run, smallGraph } from './helpers/fgraph-helpers';

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

