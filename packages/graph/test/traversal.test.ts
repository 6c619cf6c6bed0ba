import {
  InconsistencyError,
  ancestors,
  applysBetween,
  graphInputs,
  ioToposort,
  orphans,
  toposort,
  varsBetween,
  type Apply,
  type Variable,
} from '../src';
import { Add, Exp, Neg, add, constant, divmod, exp, mul, neg, scalar } from './helpers/toy';

function ownerOf(v: Variable): Apply {
  if (v.owner === null) throw new Error(`${v} has no owner`);
  return v.owner;
}

/** z = neg(exp(x) * y) */
function smallGraph() {
  const x = scalar('x');
  const y = scalar('y');
  const e = exp(x);
  const m = mul(e, y);
  const z = neg(m);
  return { x, y, e, m, z };
}

/** A diamond: d = add(exp(x), neg(x)) with a constant on the side. */
function diamond() {
  const x = scalar('x');
  const c = constant(2, 'c');
  const a = exp(x);
  const b = neg(mul(x, c));
  const d = add(a, b);
  return { x, c, a, b, d };
}

describe('ancestors', () => {
  test('depth-first from the outputs, inputs left to right', () => {
    const { x, y, e, m, z } = smallGraph();
    expect(ancestors([z])).toEqual([z, m, e, x, y]);
  });

  test('each Variable once, even when reached several ways', () => {
    const { x, c, a, b, d } = diamond();
    const found = ancestors([d]);
    expect(found).toEqual([d, a, x, b, ownerOf(b).inputs[0], c]);
    expect(new Set(found).size).toBe(found.length);
  });

  test('blockers are included but not walked through', () => {
    const { y, m, z } = smallGraph();
    expect(ancestors([z], [m])).toEqual([z, m]);
    expect(ancestors([z], new Set([y]))).toHaveLength(5);
  });

  test('several outputs, in order, sharing their ancestors', () => {
    const { x, y, e, m, z } = smallGraph();
    expect(ancestors([e, z])).toEqual([e, x, z, m, y]);
    expect(ancestors([])).toEqual([]);
  });
});

describe('graphInputs', () => {
  test('the owner-less ancestors, in the order they are met', () => {
    const { x, y, z } = smallGraph();
    expect(graphInputs([z])).toEqual([x, y]);
  });

  test('constants are owner-less, so they are graph inputs too', () => {
    const { x, c, d } = diamond();
    expect(graphInputs([d])).toEqual([x, c]);
  });

  test('reached blockers count as inputs', () => {
    const { y, e, z } = smallGraph();
    expect(graphInputs([z], [e])).toEqual([e, y]);
  });

  test('an input asked for is its own graph input', () => {
    const x = scalar('x');
    expect(graphInputs([x])).toEqual([x]);
  });
});

describe('applysBetween and varsBetween', () => {
  test('the nodes the outputs depend on, not past the inputs', () => {
    const { x, y, e, m, z } = smallGraph();
    expect(applysBetween([x, y], [z])).toEqual([z.owner, m.owner, e.owner]);
    expect(applysBetween([e, y], [z])).toEqual([z.owner, m.owner]);
    expect(applysBetween([m], [z])).toEqual([z.owner]);
    expect(applysBetween([z], [z])).toEqual([]);
  });

  test('a multi-output node is listed once', () => {
    const a = scalar('a');
    const b = scalar('b');
    const [q, r] = divmod(a, b) as [Variable, Variable];
    const out = add(q, r);
    expect(applysBetween([a, b], [out])).toEqual([out.owner, q.owner]);
  });

  test('inputs may be any Iterable: a Set or an iterator', () => {
    const { x, y, e, m, z } = smallGraph();
    expect(applysBetween(new Set([e, y]), [z])).toEqual([z.owner, m.owner]);
    // A one-shot iterator must block exactly as the array does.
    expect(applysBetween([e, y].values(), [z])).toEqual([z.owner, m.owner]);
    expect(ancestors([z], [e, y].values())).toEqual([z, m, e, y]);
    expect(x).toBeDefined();
  });

  test('varsBetween: both ends included', () => {
    const { x, y, e, m, z } = smallGraph();
    expect(varsBetween([x, y], [z])).toEqual([z, m, e, x, y]);
    expect(varsBetween([e], [z])).toEqual([z, m, e, y]);
  });
});

describe('ioToposort and toposort', () => {
  test('each node after the owners of its inputs', () => {
    const { x, c, a, b, d } = diamond();
    const order = ioToposort([x], [d]);
    expect(order).toEqual([a.owner, ownerOf(b).inputs[0]!.owner, b.owner, d.owner]);
    expect(c.owner).toBeNull();
  });

  test('does not go past the inputs', () => {
    const { e, y, m, z } = smallGraph();
    expect(ioToposort([e, y], [z])).toEqual([m.owner, z.owner]);
    expect(ioToposort([z], [z])).toEqual([]);
  });

  test('is deterministic: two identical graphs give the same sequence of ops', () => {
    const build = () => {
      const a = scalar('a');
      const b = scalar('b');
      const p = exp(a);
      const q = neg(b);
      return [add(p, q), mul(q, p), neg(add(a, b))];
    };
    const describe = (outs: Variable[]) =>
      toposort(outs).map((n) => `${n.op}(${n.inputs.map((v) => (v.owner ? `${v.owner.op}` : String(v))).join(',')})`);
    const g1 = build();
    const g2 = build();
    expect(describe(g1)).toEqual(describe(g2));
    expect(describe(g1)).toEqual(['Exp(a)', 'Neg(b)', 'Add(Exp,Neg)', 'Mul(Neg,Exp)', 'Add(a,b)', 'Neg(Add)']);
    expect(toposort(g1)).toEqual(toposort(g1));
  });

  test('orderings add constraints', () => {
    const x = scalar('x');
    const e = exp(x);
    const n = neg(x);
    expect(ioToposort([x], [e, n])).toEqual([e.owner, n.owner]);
    expect(ioToposort([x], [e, n], new Map([[ownerOf(e), [ownerOf(n)]]]))).toEqual([n.owner, e.owner]);
  });

  test('a cycle made by hand is an InconsistencyError', () => {
    const x = scalar('x');
    const a = exp(x);
    const b = neg(a);
    ownerOf(a).inputs[0] = b; // exp(neg(exp(neg(...))))
    expect(() => ioToposort([x], [b])).toThrow(InconsistencyError);
    expect(() => toposort([b])).toThrow(/cycle/);
    // The other walks still stop.
    expect(ancestors([b])).toEqual([b, a]);
    expect(graphInputs([b])).toEqual([]);
  });

  test('a node that uses its own output is a cycle', () => {
    const x = scalar('x');
    const s = add(x, x);
    ownerOf(s).inputs[1] = s;
    expect(() => toposort([s])).toThrow(InconsistencyError);
  });

  test('a cycle behind the inputs is not seen', () => {
    const x = scalar('x');
    const a = exp(x);
    const b = neg(a);
    ownerOf(a).inputs[0] = b;
    const out = exp(b);
    expect(ioToposort([b], [out])).toEqual([out.owner]);
  });

  test('toposort starts from the free inputs', () => {
    const { e, m, z } = smallGraph();
    expect(toposort([z])).toEqual([e.owner, m.owner, z.owner]);
  });
});

describe('orphans', () => {
  test('owner-less Variables that are not inputs', () => {
    const { x, c, d } = diamond();
    expect(orphans([x], [d])).toEqual([c]);
    expect(orphans([], [d])).toEqual([x, c]);
    expect(orphans([x, c], [d])).toEqual([]);
  });

  test('nothing behind the inputs counts', () => {
    const { a, b, d } = diamond();
    expect(orphans([a, b], [d])).toEqual([]);
  });
});

describe('100,000-node chains', () => {
  const N = 100_000;

  /** x -> exp -> neg -> add(., c) -> exp -> ... built with makeNode (no traces). */
  function chain(n: number) {
    const x = scalar('x');
    const c = constant(1, 'c');
    const e = new Exp();
    const ng = new Neg();
    const ad = new Add();
    let v: Variable = x;
    for (let i = 0; i < n; i++) {
      const k = i % 3;
      v = (k === 0 ? e.makeNode(v) : k === 1 ? ng.makeNode(v) : ad.makeNode(v, c)).outputs[0]!;
    }
    return { x, c, out: v };
  }

  const { x, c, out } = chain(N);

  test('ancestors', () => {
    const found = ancestors([out]);
    expect(found).toHaveLength(N + 2);
    expect(found[0]).toBe(out);
    expect(found).toContain(x);
  });

  test('graphInputs', () => {
    expect(graphInputs([out])).toEqual([x, c]);
  });

  test('applysBetween', () => {
    const nodes = applysBetween([x], [out]);
    expect(nodes).toHaveLength(N);
    expect(nodes[0]).toBe(out.owner);
  });

  test('varsBetween', () => {
    expect(varsBetween([x], [out])).toHaveLength(N + 2);
  });

  test('ioToposort', () => {
    const order = ioToposort([x], [out]);
    expect(order).toHaveLength(N);
    expect(order[0]!.inputs[0]).toBe(x);
    expect(order[N - 1]).toBe(out.owner);
    for (let i = 1; i < N; i += 997) expect(order[i]!.inputs[0]!.owner).toBe(order[i - 1]);
  });

  test('toposort', () => {
    const order = toposort([out]);
    expect(order).toHaveLength(N);
    expect(order[N - 1]).toBe(out.owner);
  });

  test('orphans', () => {
    expect(orphans([x], [out])).toEqual([c]);
  });

  test('a cycle at the far end of the chain is still found', () => {
    const { x: x2, out: out2 } = chain(N);
    const bottom = toposort([out2])[0]!;
    expect(bottom.inputs[0]).toBe(x2);
    bottom.inputs[0] = out2;
    expect(() => toposort([out2])).toThrow(InconsistencyError);
  });
});
