import {
  ArgumentError,
  FunctionGraph,
  MethodNotDefinedError,
  MissingInputError,
  OpFromGraph,
  SharedVariable,
  TypeMismatchError,
  Variable,
  equalComputations,
  evaluate,
  hasInnerGraph,
  type LopOverride,
  type RopOverride,
} from '../src';
import { Add, add, constant, divmod, exp, first, mul, neg, num, other, scalar } from './helpers/toy';

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a throw');
}

/** (x, y) -> x * y + x */
function addMul(options = {}) {
  const x = scalar('x');
  const y = scalar('y');
  return new OpFromGraph([x, y], [add(mul(x, y), x)], { name: 'addMul', ...options });
}

describe('building and computing', () => {
  test('perform evaluates the inner graph', () => {
    const op = addMul();
    const a = scalar('a');
    const b = scalar('b');
    const w = op.call(a, b);
    expect(w.owner!.op).toBe(op);
    expect(w.owner!.inputs).toEqual([a, b]);
    expect(w.type).toBe(num);
    expect(w.eval({ a: 2, b: 3 })).toBe(8);
    // Nodes of the same Op compose.
    expect(op.call(w, constant(1)).eval({ a: 2, b: 3 })).toBe(16);
  });

  test('several outputs', () => {
    const x = scalar('x');
    const y = scalar('y');
    const [q, r] = divmod(x, y);
    const op = new OpFromGraph([x, y], [q!, neg(r!)]);
    const outs = op.callAll(scalar('a'), scalar('b'));
    expect(outs).toHaveLength(2);
    expect(evaluate(outs, { a: 7, b: 2 })).toEqual([3, -1]);
    expect(() => op.call(scalar('a'), scalar('b'))).toThrow(/callAll/);
  });

  test('the inner graph is a copy: the caller\'s graph is not taken over', () => {
    const x = scalar('x');
    const z = exp(x);
    const op = new OpFromGraph([x], [z]);
    expect(op.fgraph).toBeInstanceOf(FunctionGraph);
    expect(op.innerInputs).toHaveLength(1);
    expect(op.innerInputs[0]).not.toBe(x);
    expect(op.innerInputs[0]!.type).toBe(num);
    expect(op.innerOutputs[0]).not.toBe(z);
    expect(equalComputations(op.innerOutputs, [z], op.innerInputs, [x])).toBe(true);
  });

  test('name, default name, and toString', () => {
    expect(addMul().name).toBe('addMul');
    expect(String(addMul())).toBe('addMul');
    const x = scalar('x');
    expect(new OpFromGraph([x], [neg(x)]).name).toBe('OpFromGraph');
  });

  test('each OpFromGraph is its own Op', () => {
    const a = addMul();
    const b = addMul();
    expect(a.equals(a)).toBe(true);
    expect(a.equals(b)).toBe(false);
    expect(a.hash()).not.toBe(b.hash());
  });
});

describe('input checks', () => {
  test('a wrong number of inputs is an ArgumentError', () => {
    const e = thrown(() => addMul().call(scalar('a')));
    expect(e).toBeInstanceOf(ArgumentError);
    expect(e.message).toBe("addMul: argument 'inputs' expected 2 inputs, got 1");
  });

  test('an input of the wrong Type is a TypeMismatchError', () => {
    const e = thrown(() => addMul().call(scalar('a'), other.makeVariable('s')));
    expect(e).toBeInstanceOf(TypeMismatchError);
    expect(e.message).toBe('NumberType.filterVariable: input 0 expected a Variable of type NumberType, got s of type OtherType');
  });

  test('constants are rejected as inputs', () => {
    const c = constant(2);
    const e = thrown(() => new OpFromGraph([c], [neg(c)]));
    expect(e).toBeInstanceOf(ArgumentError);
    expect(e.message).toBe(
      "OpFromGraph: argument 'inputs[0]' expected a free input Variable (no owner, not a constant or shared variable), got 2",
    );
  });

  test('node outputs and shared variables are rejected as inputs', () => {
    const x = scalar('x');
    const e = neg(x);
    expect(() => new OpFromGraph([x, e], [add(x, e)])).toThrow(/argument 'inputs\[1\]' expected a free input Variable/);
    const w = new SharedVariable(num, 1, { name: 'w' });
    expect(() => new OpFromGraph([w], [neg(w)])).toThrow(ArgumentError);
  });

  test('a free variable that is not among the inputs is a MissingInputError naming it', () => {
    const x = scalar('x');
    const y = scalar('y');
    const e = thrown(() => new OpFromGraph([x], [add(x, y)]));
    expect(e).toBeInstanceOf(MissingInputError);
    expect(e.message).toBe('OpFromGraph: the outputs depend on y, which is not among the inputs');
    expect((e as MissingInputError).variable).toBe(y);
  });

  test('inner constants are fine', () => {
    const x = scalar('x');
    const op = new OpFromGraph([x], [mul(x, constant(10))]);
    expect(op.call(scalar('a')).eval({ a: 3 })).toBe(30);
  });
});

describe('shared variables inside', () => {
  test('become extra inputs of each node, and their current value is used', () => {
    const x = scalar('x');
    const w = new SharedVariable(num, 2, { name: 'w' });
    const op = new OpFromGraph([x], [mul(x, w)], { name: 'scaleByW' });
    expect(op.sharedInputs).toEqual([w]);
    expect(op.innerInputs).toHaveLength(2);
    const a = scalar('a');
    const out = op.call(a);
    expect(out.owner!.inputs).toEqual([a, w]);
    expect(out.eval({ a: 5 })).toBe(10);
    w.setValue(3);
    expect(out.eval({ a: 5 })).toBe(15);
    // makeNode still counts only the explicit inputs.
    expect(() => op.call(a, w)).toThrow(/expected 1 inputs, got 2/);
  });
});

describe('connectionPattern', () => {
  test('from the inner graph: which output depends on which input', () => {
    const x = scalar('x');
    const y = scalar('y');
    const z = scalar('z');
    const op = new OpFromGraph([x, y, z], [neg(x), add(y, x), first(z, y)]);
    const node = op.makeNode(scalar('a'), scalar('b'), scalar('c'));
    // first(z, y) is computed from both z and y (the graph does not know First ignores y).
    expect(op.connectionPattern(node)).toEqual([
      [true, true, false],
      [false, true, true],
      [false, false, true],
    ]);
  });

  test('includes rows for shared inputs', () => {
    const x = scalar('x');
    const w = new SharedVariable(num, 1);
    const op = new OpFromGraph([x], [neg(x), mul(w, w)]);
    const node = op.makeNode(scalar('a'));
    expect(op.connectionPattern(node)).toEqual([
      [true, false],
      [false, true],
    ]);
  });
});

describe('inlineOutputs', () => {
  test('rebuilds the inner graph on the node\'s inputs: the same computation', () => {
    const op = addMul();
    const a = scalar('a');
    const b = scalar('b');
    const node = op.makeNode(a, b);
    const inlined = op.inlineOutputs(node.inputs);
    expect(inlined).toHaveLength(1);
    expect(hasInnerGraph(inlined[0]!.owner!.op)).toBe(false);
    expect(equalComputations(inlined, [add(mul(a, b), a)])).toBe(true);
    expect(evaluate([inlined[0]!, node.outputs[0]!], { a: 4, b: -2 })).toEqual([-4, -4]);
  });

  test('with shared variables, on the node\'s full input list', () => {
    const x = scalar('x');
    const w = new SharedVariable(num, 3, { name: 'w' });
    const op = new OpFromGraph([x], [add(x, w)]);
    const node = op.makeNode(scalar('a'));
    const [inlined] = op.inlineOutputs(node.inputs);
    expect(inlined!.owner!.inputs[1]).toBe(w);
    expect(inlined!.eval({ a: 1 })).toBe(4);
  });
});

describe('gradients', () => {
  test('lopOverrides is used by Lop and grad when given', () => {
    const lop: LopOverride = jest.fn((inputs: readonly Variable[], _outputs: readonly Variable[], grads: readonly Variable[]) =>
      inputs.map(() => grads[0]!),
    );
    const op = addMul({ lopOverrides: lop });
    const a = scalar('a');
    const b = scalar('b');
    const out = op.call(a, b);
    const g = scalar('g');
    expect(op.Lop([a, b], [out], [g])).toEqual([g, g]);
    expect(lop).toHaveBeenCalledWith([a, b], [out], [g]);
    expect(op.grad([a, b], [g])).toEqual([g, g]);
    expect(op.lopOverrides).toBe(lop);
  });

  test('without lopOverrides, Lop and grad throw MethodNotDefinedError pointing to @proj/gradient', () => {
    const op = addMul();
    const a = scalar('a');
    expect(() => op.Lop([a, a], [], [scalar('g')])).toThrow(MethodNotDefinedError);
    expect(() => op.grad([a, a], [scalar('g')])).toThrow(
      'addMul: without lopOverrides, the gradient of an OpFromGraph is derived from its inner graph by grad() of @proj/gradient',
    );
  });

  test('ropOverrides is used by Rop when given, MethodNotDefinedError otherwise', () => {
    const rop: RopOverride = jest.fn((_inputs: readonly Variable[], points: readonly (Variable | null)[]) => [points[0] ?? null]);
    const a = scalar('a');
    const e = scalar('e');
    expect(addMul({ ropOverrides: rop }).Rop([a, a], [e, null])).toEqual([e]);
    expect(rop).toHaveBeenCalledWith([a, a], [e, null]);
    expect(() => addMul().Rop([a, a], [e, null])).toThrow(MethodNotDefinedError);
    expect(() => addMul().Rop([a, a], [e, null])).toThrow(/addMul: without ropOverrides, the R-operator of an OpFromGraph/);
  });
});

describe('inline flag and hasInnerGraph', () => {
  test('inline is off by default', () => {
    const op = addMul();
    expect(op.isInline).toBe(false);
    expect(op.props.inline).toBe(false);
  });

  test('inline: true is recorded in the props and printed', () => {
    const op = addMul({ inline: true });
    expect(op.isInline).toBe(true);
    expect(op.props.inline).toBe(true);
    expect(String(op)).toBe('addMul{inline}');
    expect(op.call(scalar('a'), scalar('b')).eval({ a: 1, b: 1 })).toBe(2);
  });

  test('hasInnerGraph', () => {
    expect(hasInnerGraph(addMul())).toBe(true);
    expect(hasInnerGraph(new Add())).toBe(false);
    expect(hasInnerGraph({ fgraph: addMul().fgraph })).toBe(false);
    expect(hasInnerGraph(null)).toBe(false);
  });
});
