import {
  Apply,
  ArgumentError,
  Constant,
  SharedVariable,
  TypeMismatchError,
  Variable,
  ancestors,
  clone,
  cloneGetEquiv,
  cloneReplace,
  equalComputations,
  evaluate,
  graphInputs,
  toposort,
} from '../src';
import { Exp, Neg, add, constant, divmod, exp, mul, neg, num, other, scalar } from './helpers/toy';

function ownerOf(v: Variable): Apply {
  if (v.owner === null) throw new Error(`${v} has no owner`);
  return v.owner;
}

/** z = add(mul(exp(x), c), y) with a constant c = 3 */
function graph() {
  const x = scalar('x');
  const y = scalar('y');
  const c = constant(3, 'c');
  const e = exp(x);
  const m = mul(e, c);
  const z = add(m, y);
  return { x, y, c, e, m, z };
}

const value = (outs: readonly Variable[], givens: [Variable, number][]) => evaluate(outs, givens);

describe('clone', () => {
  test('copies inputs, nodes and outputs; the copy computes the same', () => {
    const { x, y, z } = graph();
    const [[x2, y2], [z2]] = clone([x, y], [z]) as [Variable[], Variable[]];
    expect(x2).not.toBe(x);
    expect(y2).not.toBe(y);
    expect(z2).not.toBe(z);
    expect(x2!.name).toBe('x');
    expect(x2!.owner).toBeNull();
    expect(z2!.type.equals(z.type)).toBe(true);
    expect(equalComputations([z2!], [z], [x2!, y2!], [x, y])).toBe(true);
    expect(value([z2!], [[x2!, 0], [y2!, 1]])).toEqual(value([z], [[x, 0], [y, 1]]));
    // No node is shared with the original.
    const nodes = new Set(toposort([z]));
    for (const n of toposort([z2!])) expect(nodes.has(n)).toBe(false);
  });

  test('leaves the original graph as it was', () => {
    const { x, y, c, e, m, z } = graph();
    const before = ancestors([z]);
    clone([x, y], [z]);
    expect(ancestors([z])).toEqual(before);
    expect(ownerOf(z).inputs).toEqual([m, y]);
    expect(ownerOf(m).inputs).toEqual([e, c]);
  });

  test('copyInputs: false reuses the inputs', () => {
    const { x, y, z } = graph();
    const [[x2, y2], [z2]] = clone([x, y], [z], { copyInputs: false }) as [Variable[], Variable[]];
    expect(x2).toBe(x);
    expect(y2).toBe(y);
    expect(z2).not.toBe(z);
    expect(ownerOf(z2!).inputs[1]).toBe(y);
    expect(equalComputations([z2!], [z])).toBe(true);
  });

  test('copyOrphans: constants and other free Variables outside the inputs', () => {
    const { x, y, c, z } = graph();
    const copied = cloneGetEquiv([x], [z]);
    const kept = cloneGetEquiv([x], [z], { copyOrphans: false });
    // With copyOrphans (the default) the orphans c and y are copied...
    expect(copied.get(c)).not.toBe(c);
    expect(copied.get(c)).toBeInstanceOf(Constant);
    expect((copied.get(c) as Constant).data).toBe(3);
    expect(copied.get(y)).not.toBe(y);
    expect((copied.get(y) as Variable).name).toBe('y');
    // ...without it they are reused.
    expect(kept.get(c)).toBe(c);
    expect(kept.get(y)).toBe(y);
  });

  test('an orphan output is copied only with copyOrphans', () => {
    const c = constant(5);
    expect(cloneGetEquiv([], [c]).get(c)).not.toBe(c);
    expect(cloneGetEquiv([], [c], { copyOrphans: false }).get(c)).toBe(c);
  });

  test('an input that is also an output', () => {
    const x = scalar('x');
    const [[x2], [o1, o2]] = clone([x], [x, exp(x)]) as [Variable[], Variable[]];
    expect(o1).toBe(x2);
    expect(ownerOf(o2!).inputs[0]).toBe(x2);
  });

  test('cloneGetEquiv maps every node and Variable to its copy', () => {
    const { x, y, c, e, m, z } = graph();
    const equiv = cloneGetEquiv([x, y], [z], { copyOrphans: false });
    for (const v of [x, y, e, m, z]) {
      const v2 = equiv.get(v) as Variable;
      expect(v2).toBeInstanceOf(Variable);
      expect(v2).not.toBe(v);
      expect(v2.type.equals(v.type)).toBe(true);
    }
    expect(equiv.get(c)).toBe(c);
    for (const v of [e, m, z]) {
      const n2 = equiv.get(ownerOf(v)) as Apply;
      expect(n2).toBeInstanceOf(Apply);
      expect(n2.op).toBe(ownerOf(v).op);
      expect(n2.outputs[0]).toBe(equiv.get(v));
      expect(n2.inputs).toEqual(ownerOf(v).inputs.map((i) => equiv.get(i)));
    }
    expect(equiv.size).toBe(9);
  });

  test('multi-output nodes are copied once, with every output mapped', () => {
    const a = scalar('a');
    const b = scalar('b');
    const [q, r] = divmod(a, b) as [Variable, Variable];
    const out = add(q, neg(r));
    const equiv = cloneGetEquiv([a, b], [out]);
    const n2 = equiv.get(ownerOf(q)) as Apply;
    expect(n2.outputs).toEqual([equiv.get(q), equiv.get(r)]);
    expect((equiv.get(r) as Variable).index).toBe(1);
    const [a2, b2, o2] = [a, b, out].map((v) => equiv.get(v) as Variable);
    expect(value([o2!], [[a2!, 7], [b2!, 2]])).toEqual([2]);
  });

  test('a memo decides what some Variables become', () => {
    const { x, y, z } = graph();
    const w = scalar('w');
    const memo = new Map<Variable | Apply, Variable | Apply>([[x, w]]);
    const equiv = cloneGetEquiv([x, y], [z], { memo, copyInputs: false });
    expect(equiv).toBe(memo);
    const z2 = equiv.get(z) as Variable;
    expect(value([z2], [[w, 0], [y, 1]])).toEqual([4]);
    expect(equalComputations([z2], [z], [w], [x])).toBe(true);
  });

  test('node and Variable tags are copied, not shared', () => {
    const { x, y, z } = graph();
    ownerOf(z).tag.custom = 1;
    z.tag.custom = 2;
    const equiv = cloneGetEquiv([x, y], [z]);
    const n2 = equiv.get(ownerOf(z)) as Apply;
    expect(n2.tag.custom).toBe(1);
    expect((equiv.get(z) as Variable).tag.custom).toBe(2);
    n2.tag.custom = 3;
    expect(ownerOf(z).tag.custom).toBe(1);
  });

  test('a shared Variable is copied but shares its value', () => {
    const x = scalar('x');
    const s = new SharedVariable(num, 2, { name: 's' });
    const out = mul(x, s);
    const equiv = cloneGetEquiv([x], [out]);
    const s2 = equiv.get(s) as SharedVariable;
    expect(s2).not.toBe(s);
    expect(s2).toBeInstanceOf(SharedVariable);
    s.setValue(9);
    expect(s2.getValue()).toBe(9);
    expect(value([equiv.get(out) as Variable], [[equiv.get(x) as Variable, 2]])).toEqual([18]);
  });

  test('a 100,000-node chain', () => {
    const x = scalar('x');
    const ops = [new Exp(), new Neg()];
    let v: Variable = x;
    for (let i = 0; i < 100_000; i++) v = ops[i % 2]!.makeNode(v).outputs[0]!;
    const [[x2], [v2]] = clone([x], [v]) as [Variable[], Variable[]];
    expect(toposort([v2!])).toHaveLength(100_000);
    expect(toposort([v2!])[0]!.inputs[0]).toBe(x2);
    expect(equalComputations([v2!], [v], [x2!], [x])).toBe(true);
    const zero = constant(0);
    const [w] = cloneReplace([v], [[x, zero]]);
    expect(toposort([w!])).toHaveLength(100_000);
    expect(graphInputs([w!])).toEqual([zero]);
    expect(equalComputations([w!], [v], [zero], [x])).toBe(true);
  });
});

describe('cloneReplace', () => {
  test('replaces an input; the other inputs are kept', () => {
    const { x, y, z } = graph();
    const w = scalar('w');
    const [z2] = cloneReplace([z], [[y, w]]);
    expect(ancestors([z2!])).toContain(x);
    expect(ancestors([z2!])).toContain(w);
    expect(ancestors([z2!])).not.toContain(y);
    expect(value([z2!], [[x, 0], [w, 10]])).toEqual([13]);
    // The original is unchanged.
    expect(value([z], [[x, 0], [y, 1]])).toEqual([4]);
  });

  test('accepts a Map', () => {
    const { x, y, z } = graph();
    const [z2] = cloneReplace([z], new Map([[x, constant(0)]]));
    expect(value([z2!], [[y, 1]])).toEqual([4]);
  });

  test('replaces an intermediate Variable; the replacement graph is used as it is', () => {
    const { x, y, c, e, z } = graph();
    const r = neg(x);
    const [z2] = cloneReplace([z], [[e, r]]);
    expect(ownerOf(ownerOf(z2!).inputs[0]!).inputs).toEqual([r, c]);
    expect(equalComputations([z2!], [add(mul(neg(x), c), y)])).toBe(true);
  });

  test('a replacement computed from the replaced Variable', () => {
    const { x, y, e, z } = graph();
    const [z2] = cloneReplace([z], [[e, mul(e, constant(2))]]);
    expect(value([z2!], [[x, 0], [y, 1]])).toEqual([7]);
    const [z3] = cloneReplace([z], [[x, add(x, constant(0))]]);
    expect(value([z3!], [[x, 0.5], [y, 1]])).toEqual(value([z], [[x, 0.5], [y, 1]]));
  });

  test('several replacements at once', () => {
    const { x, y, c, z } = graph();
    const [z2] = cloneReplace([z], [
      [x, constant(0)],
      [y, constant(1)],
      [c, constant(10)],
    ]);
    expect(value([z2!], [])).toEqual([11]);
  });

  test('replacing an output itself gives the replacement', () => {
    const { x, z } = graph();
    const [z2, e2] = cloneReplace([z, exp(x)], [[z, x]]);
    expect(z2).toBe(x);
    expect(ownerOf(e2!).inputs[0]).toBe(x);
  });

  test('without replacements, a copy of the nodes on the same inputs', () => {
    const { x, y, z } = graph();
    const [z2] = cloneReplace([z], []);
    expect(z2).not.toBe(z);
    expect(equalComputations([z2!], [z])).toBe(true);
    expect(ancestors([z2!])).toContain(x);
    expect(ancestors([z2!])).toContain(y);
  });

  test('a replacement of another Type is a TypeMismatchError naming both Types', () => {
    const { y, z } = graph();
    const s = other.makeVariable('s');
    let err: unknown;
    try {
      cloneReplace([z], [[y, s]]);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(TypeMismatchError);
    expect((err as Error).message).toContain('NumberType');
    expect((err as Error).message).toContain('OtherType');
  });

  test('a pair that is not two Variables is an ArgumentError', () => {
    const { y, z } = graph();
    expect(() => cloneReplace([z], [[y, 3 as unknown as Variable]])).toThrow(ArgumentError);
  });
});
