import {
  Apply,
  ChangeLog,
  Constant,
  FunctionGraph,
  InconsistencyError,
  SharedVariable,
  Variable,
  equalComputations,
  evaluate,
} from '../src';
import { Exp, Neg, add, constant, exp, mul, neg, num, scalar } from './helpers/toy';

/** The values of fg's outputs, with the inputs given in order. */
import { Recorder, ownerOf, run, smallGraph } from './helpers/fgraph-helpers';

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

