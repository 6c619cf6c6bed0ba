import { FunctionGraph, SharedVariable, toHtml, type AliasMap, type Variable } from '../src';
import { layered } from '../src/print/layout';
import { Neg, add, constant, exp, mul, neg, num, scalar } from './helpers/toy';

/** The `<g class="node ...">` groups of a page: class list and id. */
function nodes(html: string): { cls: string[]; id: string; text: string }[] {
  return [...html.matchAll(/<g class="([^"]*)" id="([^"]*)"[^>]*>([\s\S]*?)<\/g>/g)].map((m) => ({ cls: m[1]!.split(' '), id: m[2]!, text: m[3]! }));
}

class NegInplace extends Neg {
  override get destroyMap(): AliasMap {
    return { 0: [0] };
  }
  override toString(): string {
    return 'Neg{inplace}';
  }
}

describe('toHtml', () => {
  test('one box per Apply, coloured ellipses for inputs, constants, shared variables and outputs', () => {
    const x = scalar('x');
    const w = new SharedVariable(num, 3, { name: 'w' });
    const s = mul(x, w);
    const z = add(neg(s), exp(mul(s, constant(2))));
    const html = toHtml(z, { title: 'my <graph>' });
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<title>my &lt;graph&gt;</title>');
    expect(html).not.toMatch(/(src|href)="https?:/);
    const ns = nodes(html);
    const of = (kind: string) => ns.filter((n) => n.cls.includes(kind));
    expect(of('apply').map((n) => /<text[^>]*>([^<]*)<\/text>/.exec(n.text)![1]).sort()).toEqual(['Add', 'Exp', 'Mul', 'Mul', 'Neg']);
    expect(of('input').map((n) => n.id)).toEqual([`v${x.id}`]);
    expect(of('shared').map((n) => n.id)).toEqual([`v${w.id}`]);
    expect(of('constant')).toHaveLength(1);
    expect(of('output').map((n) => n.id)).toEqual([`o${z.id}`]);
    // 2 + 1 + 2 + 1 + 2 uses, plus the edge into the output.
    expect(html.match(/class="edge"/g)).toHaveLength(9);
    expect(html).toContain('data-nodes="5"');
  });

  test('a FunctionGraph (as compiled functions hold) is drawn from its inputs, and in-place nodes are marked', () => {
    const x = scalar('x');
    const node = new NegInplace().makeNode(exp(x));
    const fg = new FunctionGraph([x], [node.outputs[0]!], { clone: false });
    const html = toHtml({ fgraph: fg });
    const inplace = nodes(html).filter((n) => n.cls.includes('inplace'));
    expect(inplace).toHaveLength(1);
    expect(inplace[0]!.text).toContain('Neg{inplace}');
    expect(nodes(html).filter((n) => n.cls.includes('fused'))).toHaveLength(0);
  });

  test('long Op texts are cut in the box and kept whole in the tooltip', () => {
    const x = scalar('x');
    const z = neg(x);
    const long = 'N'.repeat(80);
    Object.defineProperty(z.owner!.op, 'toString', { value: () => long });
    const html = toHtml(z, { maxLabel: 20 });
    expect(html).toContain(`<title>${long}`);
    expect(html).toContain(`${'N'.repeat(19)}…`);
  });

  test('a 5,000-node chain lays out (layers follow the chain)', () => {
    let v: Variable = scalar('x');
    for (let i = 0; i < 5000; i++) v = neg(v);
    const html = toHtml(v);
    expect(nodes(html).filter((n) => n.cls.includes('apply'))).toHaveLength(5000);
  });
});

describe('layered', () => {
  test('puts every item below its predecessors and none overlapping in a row', () => {
    const items = [
      { width: 40, height: 20, preds: [] },
      { width: 60, height: 20, preds: [] },
      { width: 40, height: 30, preds: [0, 1] },
      { width: 40, height: 20, preds: [0] },
      { width: 40, height: 20, preds: [2, 3] },
    ];
    const lay = layered(items);
    expect([...lay.layer]).toEqual([0, 0, 1, 1, 2]);
    items.forEach((it, i) => it.preds.forEach((p) => expect(lay.y[i]!).toBeGreaterThan(lay.y[p]!)));
    expect(Math.abs(lay.x[0]! - lay.x[1]!)).toBeGreaterThanOrEqual((40 + 60) / 2);
    expect(Math.abs(lay.x[2]! - lay.x[3]!)).toBeGreaterThanOrEqual(40);
    for (let i = 0; i < items.length; i++) {
      expect(lay.x[i]! - items[i]!.width / 2).toBeGreaterThanOrEqual(0);
      expect(lay.x[i]! + items[i]!.width / 2).toBeLessThanOrEqual(lay.width);
    }
  });
});
