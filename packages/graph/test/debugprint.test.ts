import { Apply, FunctionGraph, OpFromGraph, config, debugprint, type AliasMap, type Variable } from '../src';
import { charId } from '../src/print/ids';
import { Add, Neg, add, constant, divmod, exp, mul, neg, scalar } from './helpers/toy';

/** Declares that it overwrites its first input. */
class AddInplace extends Add {
  override get destroyMap(): AliasMap {
    return { 0: [0] };
  }
}

/** Declares that its output is a view of its input. */
class View extends Neg {
  override get viewMap(): AliasMap {
    return { 0: [0] };
  }
}

const lines = (...ls: string[]) => ls.join('\n');

/** z = x + y * 2 */
function small() {
  const x = scalar('x');
  const y = scalar('y');
  const z = add(x, mul(y, constant(2)));
  z.name = 'z';
  return { x, y, z };
}

describe('debugprint of a Variable', () => {
  test('exact text of a small graph, with letter ids', () => {
    const { z } = small();
    expect(debugprint(z)).toBe(
      lines(
        "Add [id A] 'z'", //
        ' ├─ x [id B]',
        ' └─ Mul [id C]',
        '    ├─ y [id D]',
        '    └─ 2 [id E]',
      ),
    );
  });

  test('printType adds each Variable\'s Type', () => {
    const { z } = small();
    expect(debugprint(z, { printType: true })).toBe(
      lines(
        "Add [id A] 'z' <NumberType>",
        ' ├─ x [id B] <NumberType>',
        ' └─ Mul [id C] <NumberType>',
        '    ├─ y [id D] <NumberType>',
        '    └─ 2 [id E] <NumberType>',
      ),
    );
  });

  test("idsType '' prints no ids; 'int' counts from 0", () => {
    const { z } = small();
    expect(debugprint(z, { idsType: '' })).toBe(lines("Add 'z'", ' ├─ x', ' └─ Mul', '    ├─ y', '    └─ 2'));
    expect(debugprint(z, { idsType: 'int' })).toBe(
      lines("Add [id 0] 'z'", ' ├─ x [id 1]', ' └─ Mul [id 2]', '    ├─ y [id 3]', '    └─ 2 [id 4]'),
    );
  });

  test("idsType 'id' prints the nodes' and inputs' own ids", () => {
    const { x, z } = small();
    const text = debugprint(z, { idsType: 'id' });
    expect(text.split('\n')[0]).toBe(`Add [id ${z.owner!.id}] 'z'`);
    expect(text.split('\n')[1]).toBe(` ├─ x [id ${x.id}]`);
  });

  test('depth limits the levels printed below the output', () => {
    const { z } = small();
    expect(debugprint(z, { depth: 1 })).toBe("Add [id A] 'z'");
    expect(debugprint(z, { depth: 2 })).toBe(lines("Add [id A] 'z'", ' ├─ x [id B]', ' └─ Mul [id C]'));
    expect(debugprint(z, { depth: 3 })).toBe(debugprint(z));
  });

  test('a shared subexpression is printed once, then referenced by its id only', () => {
    const x = scalar('x');
    const y = scalar('y');
    const s = mul(x, y);
    const w = add(neg(s), exp(s));
    expect(debugprint(w)).toBe(
      lines(
        'Add [id A]',
        ' ├─ Neg [id B]',
        ' │  └─ Mul [id C]',
        ' │     ├─ x [id D]',
        ' │     └─ y [id E]',
        ' └─ Exp [id F]',
        '    └─ Mul [id C]',
      ),
    );
  });

  test('an input used twice gets the same id', () => {
    const x = scalar('x');
    expect(debugprint(add(x, x))).toBe(lines('Add [id A]', ' ├─ x [id B]', ' └─ x [id B]'));
  });

  test('multi-output nodes: .0/.1 labels, one id per node', () => {
    const x = scalar('x');
    const y = scalar('y');
    const [q, r] = divmod(x, y);
    expect(debugprint(add(q!, r!))).toBe(
      lines(
        'Add [id A]', //
        ' ├─ DivMod.0 [id B]',
        ' │  ├─ x [id C]',
        ' │  └─ y [id D]',
        ' └─ DivMod.1 [id B]',
      ),
    );
  });

  test('inputs without names print as <Type>; named constants print their name', () => {
    const v = scalar();
    expect(debugprint(neg(v))).toBe(lines('Neg [id A]', ' └─ <NumberType> [id B]'));
    expect(debugprint(neg(constant(3, 'three')))).toBe(lines('Neg [id A]', ' └─ three [id B]'));
  });

  test('a graph input alone', () => {
    expect(debugprint(scalar('x'))).toBe('x [id A]');
  });

  test('several outputs share ids', () => {
    const x = scalar('x');
    const s = neg(x);
    expect(debugprint([s, exp(s)])).toBe(lines('Neg [id A]', ' └─ x [id B]', 'Exp [id C]', ' └─ Neg [id A]'));
  });

  test('an Apply node prints its outputs', () => {
    const [q] = divmod(scalar('a'), scalar('b'));
    expect(debugprint(q!.owner as Apply)).toBe(lines('DivMod.0 [id A]', ' ├─ a [id B]', ' └─ b [id C]', 'DivMod.1 [id A]'));
  });

  test('print: true also writes the text with console.log', () => {
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      const text = debugprint(neg(scalar('x')), { print: true });
      expect(log).toHaveBeenCalledWith(text);
    } finally {
      log.mockRestore();
    }
  });
});

describe('destroyMap and viewMap', () => {
  test('printDestroyMap shows d={...} on nodes that declare one', () => {
    const x = scalar('x');
    const y = scalar('y');
    const z = new AddInplace().call(x, neg(y));
    expect(debugprint(z, { printDestroyMap: true })).toBe(
      lines('AddInplace [id A] d={0: [0]}', ' ├─ x [id B]', ' └─ Neg [id C]', '    └─ y [id D]'),
    );
    expect(debugprint(z)).toBe(lines('AddInplace [id A]', ' ├─ x [id B]', ' └─ Neg [id C]', '    └─ y [id D]'));
  });

  test('printViewMap shows v={...}', () => {
    const z = new View().call(scalar('x'));
    expect(debugprint(z, { printViewMap: true })).toBe(lines('View [id A] v={0: [0]}', ' └─ x [id B]'));
    expect(debugprint(z, { printDestroyMap: true })).toBe(lines('View [id A]', ' └─ x [id B]'));
  });
});

describe('FunctionGraph', () => {
  test('nodes carry their toposort index; printFgraphInputs lists the inputs first', () => {
    const x = scalar('x');
    const y = scalar('y');
    const s = mul(x, y);
    const fg = new FunctionGraph([x, y], [add(neg(s), exp(s)), neg(x)]);
    expect(fg.toposort().map((n) => String(n.op))).toEqual(['Mul', 'Neg', 'Exp', 'Add', 'Neg']);
    expect(debugprint(fg, { printFgraphInputs: true })).toBe(
      lines(
        '→ x [id A]',
        '→ y [id B]',
        'Add [id C] 3',
        ' ├─ Neg [id D] 1',
        ' │  └─ Mul [id E] 0',
        ' │     ├─ x [id A]',
        ' │     └─ y [id B]',
        ' └─ Exp [id F] 2',
        '    └─ Mul [id E] 0',
        'Neg [id G] 4',
        ' └─ x [id A]',
      ),
    );
  });

  test('without printFgraphInputs the inputs are not listed', () => {
    const x = scalar('x');
    const fg = new FunctionGraph([x], [neg(x)]);
    expect(debugprint(fg)).toBe(lines('Neg [id A] 0', ' └─ x [id B]'));
  });
});

describe('inner graphs', () => {
  test('an OpFromGraph node is followed by an Inner graphs section', () => {
    const x = scalar('x');
    const y = scalar('y');
    const op = new OpFromGraph([x, y], [add(mul(x, y), x)], { name: 'addMul' });
    const out = neg(op.call(scalar('a'), constant(3)));
    expect(debugprint(out)).toBe(
      lines(
        'Neg [id A]',
        ' └─ addMul [id B]',
        '    ├─ a [id C]',
        '    └─ 3 [id D]',
        '',
        'Inner graphs:',
        '',
        'addMul',
        ' ← Add [id E]',
        '    ├─ Mul [id F]',
        '    │  ├─ *0-<NumberType> [id G]',
        '    │  └─ *1-<NumberType> [id H]',
        '    └─ *0-<NumberType> [id G]',
      ),
    );
  });

  test('printInnerGraphs: false leaves the section out', () => {
    const x = scalar('x');
    const op = new OpFromGraph([x], [neg(x)], { name: 'negate' });
    expect(debugprint(op.call(scalar('a')), { printInnerGraphs: false })).toBe(lines('negate [id A]', ' └─ a [id B]'));
  });

  test('an inner graph used twice is printed once; nested inner graphs are printed too', () => {
    const x = scalar('x');
    const inner = new OpFromGraph([x], [exp(x)], { name: 'inner' });
    const y = scalar('y');
    const outer = new OpFromGraph([y], [neg(inner.call(y))], { name: 'outer' });
    const a = scalar('a');
    const text = debugprint(add(outer.call(a), outer.call(a)));
    expect(text).toBe(
      lines(
        'Add [id A]',
        ' ├─ outer [id B]',
        ' │  └─ a [id C]',
        ' └─ outer [id D]',
        '    └─ a [id C]',
        '',
        'Inner graphs:',
        '',
        'outer',
        ' ← Neg [id E]',
        '    └─ inner [id F]',
        '       └─ *0-<NumberType> [id G]',
        '',
        'inner',
        ' ← Exp [id H]',
        '    └─ *0-<NumberType> [id I]',
      ),
    );
  });
});

describe('large graphs', () => {
  function chain(n: number): { x: Variable; top: Variable } {
    return config.changeFlags({ tracebackLimit: 0 }, () => {
      const x = scalar('x');
      let v: Variable = x;
      for (let i = 0; i < n; i++) v = neg(v);
      return { x, top: v };
    });
  }

  test('a 100,000-node chain prints without a stack overflow (depth-limited: the full text is quadratic)', () => {
    const { x, top } = chain(100_000);
    expect(debugprint(top, { depth: 3, idsType: '' })).toBe(lines('Neg', ' └─ Neg', '    └─ Neg'));
    const fg = new FunctionGraph([x], [top], { clone: false });
    const text = debugprint(fg, { depth: 2 });
    expect(text).toBe(lines('Neg [id A] 99999', ' └─ Neg [id B] 99998'));
  });

  test('100,000 chain nodes printed as outputs, each referring to the previous one', () => {
    const x = scalar('x');
    const outs: Variable[] = config.changeFlags({ tracebackLimit: 0 }, () => {
      const vs: Variable[] = [];
      let v: Variable = x;
      for (let i = 0; i < 100_000; i++) vs.push((v = neg(v)));
      return vs;
    });
    const text = debugprint(outs);
    const ls = text.split('\n');
    expect(ls).toHaveLength(200_000);
    expect(ls.slice(0, 4)).toEqual(['Neg [id A]', ' └─ x [id B]', 'Neg [id C]', ' └─ Neg [id A]']);
    expect(ls[199_999]).toBe(` └─ Neg [id ${charId(99_998 + 1)}]`);
  });

  test('a 3,000-deep chain prints in full, one line per level', () => {
    const { top } = chain(3_000);
    const ls = debugprint(top, { idsType: '' }).split('\n');
    expect(ls).toHaveLength(3_001);
    expect(ls[3_000]).toBe(`${' '.repeat(1 + 3 * 2_999)}└─ x`);
    expect(ls[1_500]).toBe(`${' '.repeat(1 + 3 * 1_499)}└─ Neg`);
  });
});

describe('debugprint of a compiled function', () => {
  test('prints the graph the function holds (anything with an fgraph, functions included)', () => {
    const x = scalar('x');
    const fg = new FunctionGraph([x], [neg(x)], { clone: false });
    const f = Object.assign(() => 0, { fgraph: fg });
    expect(debugprint(f)).toBe(debugprint(fg));
    expect(debugprint({ fgraph: fg })).toBe(debugprint(fg));
  });
});
