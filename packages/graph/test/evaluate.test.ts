import {
  Apply,
  ArgumentError,
  MissingInputError,
  NodeError,
  Op,
  TypeMismatchError,
  Variable,
  config,
  describeNode,
  evaluate,
  nodeError,
  resolveGivens,
  type StorageCell,
} from '../src';
import { Add, Failing, Mul, add, constant, divmod, exp, mul, neg, num, scalar, scale } from './helpers/toy';

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a throw');
}

/** perform writes a string into a NumberType output. */
class BadOutput extends Op {
  makeNode(x: Variable): Apply {
    return new Apply(this, [x], [num.makeVariable()]);
  }
  override perform(_n: Apply, _i: readonly unknown[], [out]: StorageCell[]): void {
    out![0] = 'not a number';
  }
}

describe('values', () => {
  test('computes a small graph from givens keyed by Variable (Map)', () => {
    const x = scalar('x');
    const y = scalar('y');
    const z = add(mul(x, y), neg(x)); // x*y - x
    expect(evaluate([z], new Map([[x, 3], [y, 4]]))).toEqual([9]);
  });

  test('givens as pairs', () => {
    const x = scalar('x');
    const y = scalar('y');
    expect(evaluate([add(x, y), mul(x, y)], [[x, 2], [y, 5]])).toEqual([7, 10]);
  });

  test('givens as an object keyed by input name', () => {
    const x = scalar('x');
    const y = scalar('y');
    expect(evaluate([add(x, scale(y, 10))], { x: 1, y: 2 })).toEqual([21]);
  });

  test('constants supply their own values', () => {
    const x = scalar('x');
    expect(evaluate([mul(x, constant(0.5))], { x: 8 })).toEqual([4]);
    expect(evaluate([exp(constant(0))])).toEqual([1]);
  });

  test('a graph input that is also an output evaluates to its given value', () => {
    const x = scalar('x');
    expect(evaluate([x, neg(x)], [[x, 2]])).toEqual([2, -2]);
  });

  test('multi-output nodes', () => {
    const [q, r] = divmod(scalar('a'), scalar('b'));
    expect(evaluate([q!, r!], { a: 7, b: 2 })).toEqual([3, 1]);
    expect(evaluate([r!], { a: -7, b: 2 })).toEqual([1]); // floored, as numpy.divmod
  });

  test('each node is computed once, even when used several times', () => {
    const op = new Add();
    const spy = jest.spyOn(op, 'perform');
    const x = scalar('x');
    const s = op.call(x, x);
    const z = mul(s, s);
    expect(evaluate([z, s], { x: 3 })).toEqual([36, 6]);
    expect(spy).toHaveBeenCalledTimes(1);
  });

  test('a value given for an intermediate Variable replaces its computation', () => {
    const x = scalar('x');
    const s = add(x, x);
    const z = neg(s);
    // x is not needed: s is given.
    expect(evaluate([z], [[s, 10]])).toEqual([-10]);
  });

  test('given values are converted with the Variable\'s Type (a bad one is a TypeMismatchError naming the input)', () => {
    const x = scalar('x');
    const e = thrown(() => evaluate([neg(x)], { x: 'three' }));
    expect(e).toBeInstanceOf(TypeMismatchError);
    expect(e.message).toBe('value given for x: NumberType.filter: expected a number, got string three');
  });

  test('Variable.eval', () => {
    const x = scalar('x');
    const y = scalar('y');
    expect(add(x, y).eval({ x: 1, y: 2 })).toBe(3);
    expect(add(x, y).eval([[x, 1], [y, 5]])).toBe(6);
    expect(neg(constant(4)).eval()).toBe(-4);
    expect(constant(4).eval()).toBe(4);
  });
});

describe('givens errors', () => {
  test('an unknown name is an ArgumentError listing the graph\'s input names', () => {
    const x = scalar('x');
    const y = scalar('y');
    const e = thrown(() => evaluate([add(x, y)], { x: 1, z: 2 }));
    expect(e).toBeInstanceOf(ArgumentError);
    expect(e.message).toBe("evaluate: argument 'givens.z' expected the name of an input of the graph ('x', 'y'), got 'z'");
  });

  test('an unknown name in a graph without named inputs', () => {
    const e = thrown(() => evaluate([neg(scalar())], { x: 1 }));
    expect(e.message).toMatch(/input of the graph \(none\), got 'x'/);
  });

  test('a name shared by two inputs is an ArgumentError saying to key by Variable', () => {
    const a = scalar('x');
    const b = scalar('x');
    const e = thrown(() => evaluate([add(a, b)], { x: 1 }));
    expect(e).toBeInstanceOf(ArgumentError);
    expect(e.message).toBe(
      "evaluate: argument 'givens.x' expected a name used by one input only, got 'x', the name of 2 inputs (key the givens by Variable)",
    );
    // Keyed by Variable, it works.
    expect(evaluate([add(a, b)], [[a, 1], [b, 2]])).toEqual([3]);
  });

  test('constants\' names are not input names', () => {
    const c = constant(2, 'c');
    expect(() => evaluate([neg(c)], { c: 5 })).toThrow(ArgumentError);
  });

  test('a malformed pair is an ArgumentError naming its position', () => {
    const x = scalar('x');
    const e = thrown(() => evaluate([neg(x)], [[x, 1], ['x', 2]] as unknown as [Variable, unknown][]));
    expect(e).toBeInstanceOf(ArgumentError);
    expect(e.message).toMatch(/^evaluate: argument 'givens\[1\]' expected a \[Variable, value\] pair/);
  });

  test('resolveGivens returns a Map keyed by Variable', () => {
    const x = scalar('x');
    const m = resolveGivens([neg(x)], { x: 1 });
    expect(m).toBeInstanceOf(Map);
    expect([...m.entries()]).toEqual([[x, 1]]);
    expect(resolveGivens([x], undefined).size).toBe(0);
  });
});

describe('missing inputs', () => {
  test('a MissingInputError naming the variable and the node that needs it', () => {
    const x = scalar('x');
    const y = scalar('y');
    const e = thrown(() => evaluate([add(x, y)], { x: 1 }));
    expect(e).toBeInstanceOf(MissingInputError);
    expect(e.message).toBe('evaluate: no value was given for y of type NumberType (input 1 of Add(x, y))');
    expect((e as MissingInputError).variable).toBe(y);
  });

  test('a missing output that is a graph input', () => {
    const x = scalar('x');
    const e = thrown(() => evaluate([x]));
    expect(e).toBeInstanceOf(MissingInputError);
    expect(e.message).toBe('evaluate: no value was given for x of type NumberType');
  });
});

describe('failures in perform', () => {
  test('a perform that throws becomes a NodeError naming the node, its inputs and where the test built it', () => {
    const x = scalar('x');
    const f = new Failing().call(neg(x));
    const node = f.owner!;
    const e = thrown(() => evaluate([f], { x: 3 }));
    expect(e).toBeInstanceOf(NodeError);
    const lines = e.message.split('\n');
    expect(lines[0]).toBe('Error computing node Failing(Neg.0): Failing.perform always fails');
    expect(lines[1]).toBe('  input 0: Neg.0 of type NumberType, value number -3');
    expect(lines[2]).toBe('Node created at:');
    expect(lines[3]).toContain(__filename);
    expect((e as NodeError).node).toBe(node);
    expect(((e as NodeError).cause as Error).message).toBe('Failing.perform always fails');
  });

  test('without a trace, the NodeError says how to record one', () => {
    const x = scalar('x');
    const f = config.changeFlags({ tracebackLimit: 0 }, () => new Failing().call(x));
    const e = thrown(() => f.eval({ x: 1 }));
    expect(e).toBeInstanceOf(NodeError);
    expect(e.message).toContain('Node created at: unknown (set config.tracebackLimit > 0');
  });

  test('exceptionVerbosity=high adds the input values', () => {
    const x = scalar('x');
    const f = new Failing().call(x);
    const low = thrown(() => f.eval({ x: 1.25 }));
    expect(low.message).not.toContain('value of input 0');
    const high = config.changeFlags({ exceptionVerbosity: 'high' }, () => thrown(() => f.eval({ x: 1.25 })));
    expect(high.message).toContain('  value of input 0: 1.25');
  });

  test('a perform returning a value that is not of the output Type is a NodeError', () => {
    const x = scalar('x');
    const b = new BadOutput().call(x);
    const e = thrown(() => evaluate([neg(b)], { x: 1 }));
    expect(e).toBeInstanceOf(NodeError);
    expect(e.message.split('\n')[0]).toBe(
      'Error computing node BadOutput(x): perform returned for output 0 string not a number, which is not a value of NumberType',
    );
    expect((e as NodeError).node).toBe(b.owner);
  });

  test('a perform that writes nothing is a NodeError', () => {
    class Silent extends BadOutput {
      override perform(): void {}
    }
    const e = thrown(() => new Silent().call(scalar('x')).eval({ x: 1 }));
    expect(e).toBeInstanceOf(NodeError);
    expect(e.message).toContain('perform returned for output 0 undefined');
  });

  test('describeNode and nodeError', () => {
    const x = scalar('x');
    const node = new Mul().call(x, constant(2)).owner!;
    expect(describeNode(node)).toBe('Mul(x, 2)');
    const err = nodeError(node, [5, 2], 'plain string cause');
    expect(err).toBeInstanceOf(NodeError);
    expect(err.message.split('\n').slice(0, 3)).toEqual([
      'Error computing node Mul(x, 2): plain string cause',
      '  input 0: x of type NumberType, value number 5',
      '  input 1: 2 of type NumberType, value number 2',
    ]);
    expect(err.cause).toBe('plain string cause');
  });
});
