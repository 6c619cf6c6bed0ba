import { FunctionGraph, SharedVariable, toDot, type Variable } from '../src';
import { add, constant, divmod, exp, mul, neg, num, scalar } from './helpers/toy';

/** Checks the overall shape of DOT text and returns its statement lines. */
function statements(text: string): string[] {
  const ls = text.split('\n');
  expect(ls[0]).toMatch(/^digraph "(?:[^"\\]|\\.)*" \{$/);
  expect(ls[ls.length - 1]).toBe('}');
  const body = ls.slice(1, -1);
  for (const l of body) expect(l).toMatch(/^ {2}\S.*;$/);
  // Balanced quotes on every line (escaped quotes excluded).
  for (const l of body) expect((l.replace(/\\"/g, '').match(/"/g) ?? []).length % 2).toBe(0);
  return body.map((l) => l.trim());
}

const boxes = (body: string[]) => body.filter((l) => /^n\d+ \[.*shape=box\];$/.test(l));
const ellipses = (body: string[], color: string) =>
  body.filter((l) => /shape=ellipse, style=filled/.test(l) && l.endsWith(`fillcolor=${color}];`));
const edges = (body: string[]) => body.filter((l) => l.includes(' -> '));

describe('toDot', () => {
  test('a small graph: one box per Apply, ellipses for inputs, constants and outputs, one edge per use', () => {
    const x = scalar('x');
    const y = scalar('y');
    const s = mul(x, y);
    const z = add(neg(s), exp(mul(s, constant(2))));
    const body = statements(toDot(z));
    // Mul, Neg, Mul, Exp, Add
    expect(boxes(body)).toHaveLength(5);
    expect(boxes(body).map((l) => /label="([^"]*)"/.exec(l)![1]).sort()).toEqual(['Add', 'Exp', 'Mul', 'Mul', 'Neg']);
    expect(ellipses(body, 'limegreen').map((l) => /label="([^"\\]*)/.exec(l)![1]).sort()).toEqual(['x', 'y']);
    expect(ellipses(body, 'lightgrey')).toHaveLength(1);
    expect(ellipses(body, 'lightgrey')[0]).toContain('label="2\\nNumberType"');
    expect(ellipses(body, 'dodgerblue')).toHaveLength(1);
    expect(ellipses(body, 'cyan')).toHaveLength(0);
    // Inputs of the nodes: 2 + 1 + 2 + 1 + 2 = 8, and one edge into the output ellipse.
    expect(edges(body)).toHaveLength(9);
    expect(body[0]).toBe('node [fontname="Helvetica"];');
  });

  test('edges name the node and the Variable ellipses, and carry input position and Type', () => {
    const x = scalar('x');
    const y = scalar('y');
    const z = add(x, neg(y));
    const body = statements(toDot(z));
    const addId = `n${z.owner!.id}`;
    const negId = `n${z.owner!.inputs[1]!.owner!.id}`;
    expect(body).toContain(`v${x.id} -> ${addId} [label="0 NumberType"];`);
    expect(body).toContain(`v${y.id} -> ${negId} [label="NumberType"];`);
    expect(body).toContain(`${negId} -> ${addId} [label="1 NumberType"];`);
    expect(body).toContain(`${addId} -> v${z.id};`);
    expect(body).toContain(`v${z.id} [label="Add.0\\nNumberType", shape=ellipse, style=filled, fillcolor=dodgerblue];`);
  });

  test('edgeTypes: false leaves only positions on edges', () => {
    const x = scalar('x');
    const z = add(x, neg(x));
    const body = statements(toDot(z, { edgeTypes: false }));
    expect(body.join('\n')).not.toContain('NumberType"]');
    expect(edges(body).filter((l) => l.includes('[label='))).toHaveLength(2);
    expect(edges(body)).toHaveLength(4);
  });

  test('shared variables are cyan', () => {
    const w = new SharedVariable(num, 1, { name: 'w' });
    const body = statements(toDot(mul(w, scalar('x'))));
    expect(ellipses(body, 'cyan')).toHaveLength(1);
    expect(ellipses(body, 'cyan')[0]).toContain('label="w\\nNumberType"');
    expect(ellipses(body, 'limegreen')).toHaveLength(1);
  });

  test('each Variable is declared once, however often it is used', () => {
    const x = scalar('x');
    const body = statements(toDot(add(mul(x, x), x)));
    expect(ellipses(body, 'limegreen')).toHaveLength(1);
    expect(edges(body).filter((l) => l.startsWith(`v${x.id} ->`))).toHaveLength(3);
  });

  test('several outputs, a multi-output node, and an output used by another output', () => {
    const x = scalar('x');
    const y = scalar('y');
    const [q, r] = divmod(x, y);
    const nr = neg(r!);
    const body = statements(toDot([q!, r!, nr]));
    expect(boxes(body)).toHaveLength(2);
    expect(ellipses(body, 'dodgerblue')).toHaveLength(3);
    // x, y -> DivMod; r -> Neg (from r's ellipse); DivMod -> q, DivMod -> r, Neg -> nr.
    expect(edges(body)).toHaveLength(6);
    expect(body).toContain(`v${r!.id} -> n${nr.owner!.id} [label="NumberType"];`);
  });

  test('a FunctionGraph, a graph name and quoting', () => {
    const x = scalar('x "quoted"');
    const fg = new FunctionGraph([x], [exp(x)]);
    const text = toDot(fg, { name: 'my "graph"' });
    const body = statements(text);
    expect(text.split('\n')[0]).toBe('digraph "my \\"graph\\"" {');
    expect(boxes(body)).toHaveLength(1);
    expect(ellipses(body, 'limegreen')[0]).toContain('label="x \\"quoted\\"\\nNumberType"');
    expect(edges(body)).toHaveLength(2);
  });

  test('an output that is a graph input has no box and no edges', () => {
    const x: Variable = scalar('x');
    const body = statements(toDot(x));
    expect(boxes(body)).toHaveLength(0);
    expect(edges(body)).toHaveLength(0);
    expect(ellipses(body, 'dodgerblue')).toHaveLength(1);
  });
});
