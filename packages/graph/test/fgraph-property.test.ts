/**
 * Property test of FunctionGraph.replace: random expression DAGs over the toy
 * ops, then random replacements of a Variable by an equivalent expression
 * (v * 1, v + -0, -(-v), Scale{1}(v)) or by an existing Variable known to compute
 * the same function. After each step the bookkeeping must be consistent and the
 * outputs must compute exactly the same values. All these rewrites are exact in
 * IEEE arithmetic (x + -0 is x even for x = -0), so values are compared with Object.is.
 */
import fc from 'fast-check';
import { FunctionGraph, InconsistencyError, ancestors, evaluate, type Apply, type Feature, type Variable } from '../src';
import { DivMod, add, constant, divmod, exp, mul, neg, scale, scalar } from './helpers/toy';

interface NodeSpec {
  readonly op: number;
  readonly a: number;
  readonly b: number;
  readonly factor: number;
}

interface StepSpec {
  readonly target: number;
  readonly kind: number;
  readonly pick: number;
}

interface Case {
  readonly nIn: number;
  readonly nodes: readonly NodeSpec[];
  readonly outPicks: readonly number[];
  readonly steps: readonly StepSpec[];
  readonly values: readonly number[];
}

const nodeSpec: fc.Arbitrary<NodeSpec> = fc.record({
  op: fc.integer({ min: 0, max: 7 }),
  a: fc.nat(),
  b: fc.nat(),
  factor: fc.constantFrom(-2, -0, 0.5, 3),
});

const stepSpec: fc.Arbitrary<StepSpec> = fc.record({
  target: fc.nat(),
  kind: fc.integer({ min: 0, max: 5 }),
  pick: fc.nat(),
});

const inputValue = fc.oneof(fc.constantFrom(0, -0, 1, -1, 0.5, 2), fc.double({ min: -3, max: 3, noNaN: true }));

const caseArb: fc.Arbitrary<Case> = fc.record({
  nIn: fc.integer({ min: 1, max: 3 }),
  nodes: fc.array(nodeSpec, { minLength: 1, maxLength: 25 }),
  outPicks: fc.array(fc.nat(), { minLength: 0, maxLength: 2 }),
  steps: fc.array(stepSpec, { minLength: 1, maxLength: 15 }),
  values: fc.array(inputValue, { minLength: 3, maxLength: 3 }),
});

/** Classes of Variables known to compute the same function of the inputs. */
class Equivalences {
  private readonly classOf = new Map<Variable, Set<Variable>>();

  union(a: Variable, b: Variable): void {
    const ca = this.get(a);
    const cb = this.get(b);
    if (ca === cb) return;
    for (const v of cb) {
      ca.add(v);
      this.classOf.set(v, ca);
    }
  }

  get(v: Variable): Set<Variable> {
    let c = this.classOf.get(v);
    if (c === undefined) {
      c = new Set([v]);
      this.classOf.set(v, c);
    }
    return c;
  }
}

/** Builds the random DAG; returns the inputs, the outputs and the known equivalences. */
function build(spec: Case): { inputs: Variable[]; outputs: Variable[]; eq: Equivalences } {
  const eq = new Equivalences();
  const inputs = Array.from({ length: spec.nIn }, (_, i) => scalar(`x${i}`));
  const pool: Variable[] = [...inputs];
  const at = (k: number) => pool[k % pool.length]!;
  for (const n of spec.nodes) {
    const a = at(n.a);
    const b = at(n.b);
    switch (n.op) {
      case 0:
        pool.push(add(a, b));
        break;
      case 1:
        pool.push(mul(a, b));
        break;
      case 2:
        pool.push(neg(a));
        break;
      case 3:
        pool.push(exp(a));
        break;
      case 4:
        pool.push(scale(a, n.factor));
        break;
      case 5:
        pool.push(...divmod(a, b));
        break;
      case 6:
        pool.push(constant(n.factor));
        break;
      default: {
        // A duplicate of an existing node: a second Variable computing the same thing.
        const owned = pool.filter((v) => v.owner !== null);
        if (owned.length === 0) break;
        const orig = owned[n.a % owned.length]!;
        const node = orig.owner!;
        const dup = node.op.makeNode(...node.inputs).outputs[orig.index!]!;
        eq.union(orig, dup);
        pool.push(dup);
      }
    }
  }
  const outputs = [pool[pool.length - 1]!, ...spec.outPicks.map(at)];
  return { inputs, outputs, eq };
}

/** Keeps its own set of the graph's nodes from the import / prune callbacks. */
class NodeTracker implements Feature {
  readonly nodes = new Set<Apply>();
  onAttach(fg: FunctionGraph): void {
    for (const n of fg.applyNodes) this.nodes.add(n);
  }
  onImport(_fg: FunctionGraph, node: Apply): void {
    expect(this.nodes.has(node)).toBe(false);
    this.nodes.add(node);
  }
  onPrune(_fg: FunctionGraph, node: Apply): void {
    expect(this.nodes.has(node)).toBe(true);
    this.nodes.delete(node);
  }
}

function valuesOf(fg: FunctionGraph, values: readonly number[]): unknown[] {
  return evaluate(fg.outputs, new Map(fg.inputs.map((v, i) => [v, values[i]!])));
}

function expectSameValues(got: readonly unknown[], want: readonly unknown[]): void {
  expect(got).toHaveLength(want.length);
  got.forEach((g, i) => {
    if (!Object.is(g, want[i])) throw new Error(`output ${i}: got ${String(g)}, expected ${String(want[i])}`);
  });
}

/** Whether making `v`'s clients use `w` would make a node depend on its own output. */
function wouldCycle(fg: FunctionGraph, v: Variable, w: Variable): boolean {
  const clientNodes = new Set<Apply>();
  for (const c of fg.getClients(v)) if (c.node !== 'output') clientNodes.add(c.node);
  return ancestors([w]).some((u) => u.owner !== null && clientNodes.has(u.owner));
}

describe('FunctionGraph.replace with equivalent expressions (property)', () => {
  test('keeps the bookkeeping consistent and the output values unchanged', () => {
    let replacements = 0;
    let refused = 0;
    let byExisting = 0;
    fc.assert(
      fc.property(caseArb, (spec) => {
        const { inputs, outputs, eq } = build(spec);
        const fg = new FunctionGraph(inputs, outputs, { clone: false });
        const tracker = new NodeTracker();
        fg.attachFeature(tracker);
        fg.checkIntegrity();
        const expected = valuesOf(fg, spec.values);

        spec.steps.forEach((step, k) => {
          const candidates = [...fg.variables];
          const v = candidates[step.target % candidates.length]!;
          let w: Variable;
          switch (step.kind) {
            case 0:
              w = mul(v, constant(1));
              break;
            case 1:
              w = add(v, constant(-0));
              break;
            case 2:
              w = neg(neg(v));
              break;
            case 3:
              w = scale(v, 1);
              break;
            default: {
              const others = [...eq.get(v)].filter((u) => u !== v);
              if (others.length > 0) byExisting++;
              w = others.length > 0 ? others[step.pick % others.length]! : mul(constant(1), v);
            }
          }
          eq.union(v, w);
          const reason = `step ${k}`;
          if (wouldCycle(fg, v, w)) {
            expect(() => fg.replace(v, w, { reason })).toThrow(InconsistencyError);
            refused++;
          } else {
            fg.replace(v, w, { reason });
            // The only users of v left are the nodes of w's own graph.
            const wNodes = new Set(ancestors([w]).map((u) => u.owner));
            for (const c of fg.getClients(v)) expect(c.node !== 'output' && wNodes.has(c.node)).toBe(true);
            replacements++;
          }
          fg.checkIntegrity();
          expect(tracker.nodes).toEqual(fg.applyNodes);
          expect(fg.toposort()).toHaveLength(fg.applyNodes.size);
          expectSameValues(valuesOf(fg, spec.values), expected);
        });

        // A copy of the rewritten graph computes the same.
        const copy = fg.clone();
        copy.checkIntegrity();
        expectSameValues(valuesOf(copy, spec.values), expected);
      }),
      { seed: 20240611, numRuns: 100 },
    );
    // The runs really did replace things, and met cycles now and then.
    expect(replacements).toBeGreaterThan(500);
    expect(byExisting).toBeGreaterThan(50);
    expect(refused).toBeGreaterThan(0);
  });

  test('the duplicate-node builder really builds equal-valued Variables', () => {
    const x = scalar('x');
    const y = scalar('y');
    const [q] = divmod(x, y) as [Variable];
    const q2 = new DivMod().makeNode(x, y).outputs[0]!;
    expect(evaluate([q, q2], [[x, 7], [y, 2]])).toEqual([3, 3]);
  });
});
