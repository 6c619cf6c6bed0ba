import {
  Apply,
  ArgumentError,
  Constant,
  Op,
  Type,
  TypeMismatchError,
  Variable,
  describeThing,
  freshId,
  generic,
  type StorageCell,
} from '../src';
import { assertVariable } from '../src/basic';
import { Add, DivMod, Mul, NumberType, Scale, add, constant, divmod, num, other, scalar } from './helpers/toy';

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a throw');
}

/** One input of any Type, one output of the input's Type. */
class Identity extends Op {
  makeNode(x: Variable): Apply {
    return new Apply(this, [x], [x.type.makeVariable()]);
  }
  override perform(_n: Apply, [x]: readonly unknown[], [out]: StorageCell[]): void {
    out![0] = x;
  }
}

/** Numbers at most `max`; a smaller bound is a subtype. Converts NumberType variables with Clip. */
class AtMost extends Type<number> {
  constructor(readonly max: number) {
    super();
  }
  filter(value: unknown): number {
    if (typeof value !== 'number' || !(value <= this.max)) {
      throw new TypeMismatchError({ op: `${this}.filter`, expected: `a number <= ${this.max}`, given: describeThing(value) });
    }
    return value;
  }
  hash(): string {
    return `AtMost(${this.max})`;
  }
  toString(): string {
    return `AtMost(${this.max})`;
  }
  override isSuperType(o: Type): boolean {
    return o instanceof AtMost && o.max <= this.max;
  }
  override convertVariable(v: Variable): Variable | undefined {
    return v.type instanceof NumberType ? new Clip(this.max).call(v) : undefined;
  }
}

class Clip extends Op<{ readonly max: number }> {
  constructor(max: number) {
    super({ max });
  }
  makeNode(x: Variable): Apply {
    return new Apply(this, [x], [new AtMost(this.props.max).makeVariable()]);
  }
}

/** A Variable subclass, to check that clone keeps the class. */
class NamedVariable extends Variable<NumberType> {
  hello(): string {
    return `hello ${this.name}`;
  }
}

describe('Variable', () => {
  test('a graph input has a Type, no owner and no index', () => {
    const x = new Variable(num, null, null, 'x');
    expect(x.type).toBe(num);
    expect(x.owner).toBeNull();
    expect(x.index).toBeNull();
    expect(x.name).toBe('x');
    expect(x.tag).toEqual({});
    expect(x.isConstant()).toBe(false);
    expect(x.storedValue()).toBeUndefined();
  });

  test('ids are fresh and increasing', () => {
    const a = scalar();
    const b = scalar();
    expect(b.id).toBeGreaterThan(a.id);
    const n = freshId();
    expect(freshId()).toBe(n + 1);
  });

  test('toString: the name, Op.index, or <Type>', () => {
    const x = scalar('x');
    expect(String(x)).toBe('x');
    expect(String(scalar())).toBe('<NumberType>');
    expect(String(add(x, x))).toBe('Add.0');
    const [q, r] = divmod(x, x);
    expect([String(q), String(r)]).toEqual(['DivMod.0', 'DivMod.1']);
    const named = new Scale(2).call(x);
    named.name = 'y';
    expect(String(named)).toBe('y');
  });

  test('clone: same Type and name, a copy of the tag, no owner, a new id', () => {
    const x = scalar('x');
    x.tag.testValue = 3;
    x.tag.note = 'n';
    const y = x.clone();
    expect(y).not.toBe(x);
    expect(y.type).toBe(x.type);
    expect(y.name).toBe('x');
    expect(y.owner).toBeNull();
    expect(y.id).not.toBe(x.id);
    expect(y.tag).toEqual({ testValue: 3, note: 'n' });
    expect(y.tag).not.toBe(x.tag);
    y.tag.note = 'changed';
    expect(x.tag.note).toBe('n');
  });

  test('clone of a node output has no owner and no index', () => {
    const z = add(scalar('a'), scalar('b'));
    const c = z.clone();
    expect(c.owner).toBeNull();
    expect(c.index).toBeNull();
    expect(c.type).toBe(num);
    expect(z.owner).not.toBeNull();
  });

  test('clone keeps the subclass', () => {
    const v = new NamedVariable(num, null, null, 'v');
    const c = v.clone();
    expect(c).toBeInstanceOf(NamedVariable);
    expect((c as NamedVariable).hello()).toBe('hello v');
  });
});

describe('Constant', () => {
  test('holds its data, is a constant, stores its value', () => {
    const c = constant(2.5);
    expect(c).toBeInstanceOf(Variable);
    expect(c.data).toBe(2.5);
    expect(c.isConstant()).toBe(true);
    expect(c.storedValue()).toEqual({ value: 2.5 });
    expect(c.owner).toBeNull();
  });

  test('toString: the name, or the value', () => {
    expect(String(constant(2.5))).toBe('2.5');
    expect(String(constant(2.5, 'half5'))).toBe('half5');
    expect(String(generic.makeConstant('s'))).toBe('"s"');
  });

  test('signature: equal for same Type and equal values', () => {
    expect(constant(2).signature()).toBe(constant(2).signature());
    expect(constant(2).signature()).toBe(constant(2, 'named').signature());
    expect(constant(NaN).signature()).toBe(constant(NaN).signature());
    expect(generic.makeConstant({ a: [1, 2] }).signature()).toBe(generic.makeConstant({ a: [1, 2] }).signature());
  });

  test('signature: different for different values or Types', () => {
    expect(constant(2).signature()).not.toBe(constant(3).signature());
    expect(constant(0).signature()).not.toBe(constant(-0).signature());
    expect(constant(2).signature()).not.toBe(generic.makeConstant(2).signature());
    expect(other.makeConstant('2').signature()).not.toBe(generic.makeConstant('2').signature());
  });

  test('clone: a Constant with the same data, Type and name', () => {
    const c = constant(4, 'four');
    c.tag.x = 1;
    const d = c.clone();
    expect(d).toBeInstanceOf(Constant);
    expect(d).not.toBe(c);
    expect(d.data).toBe(4);
    expect(d.name).toBe('four');
    expect(d.tag).toEqual({ x: 1 });
    expect(d.signature()).toBe(c.signature());
  });
});

describe('Apply', () => {
  test('construction sets the outputs\' owner and index', () => {
    const x = scalar('x');
    const y = scalar('y');
    const o0 = num.makeVariable();
    const o1 = num.makeVariable();
    const node = new Apply(new DivMod(), [x, y], [o0, o1]);
    expect(node.outputs).toEqual([o0, o1]);
    expect([o0.owner, o1.owner]).toEqual([node, node]);
    expect([o0.index, o1.index]).toEqual([0, 1]);
    expect(node.nin).toBe(2);
    expect(node.nout).toBe(2);
    expect(String(node)).toBe('DivMod(x, y)');
  });

  test('the inputs array is a copy', () => {
    const ins = [scalar('x'), scalar('y')];
    const node = new Apply(new Add(), ins, [num.makeVariable()]);
    ins.pop();
    expect(node.inputs).toHaveLength(2);
  });

  test('a non-Variable input is an ArgumentError naming the position', () => {
    const e = thrown(() => new Apply(new Add(), [scalar('x'), 3 as unknown as Variable], [num.makeVariable()]));
    expect(e).toBeInstanceOf(ArgumentError);
    expect(e.message).toBe('Apply(Add): input 1 expected a Variable, got number 3');
  });

  test('a non-Variable output is an ArgumentError', () => {
    const e = thrown(() => new Apply(new Add(), [scalar('x')], [{} as Variable]));
    expect(e).toBeInstanceOf(ArgumentError);
    expect(e.message).toBe("Apply(Add): argument 'outputs[0]' expected a Variable, got Object");
  });

  test('a failed construction leaves no output pointing at the node that was not made', () => {
    const fresh = num.makeVariable();
    const owned = add(scalar('x'), scalar('y'));
    expect(() => new Apply(new DivMod(), [scalar('a'), scalar('b')], [fresh, owned])).toThrow(ArgumentError);
    expect(fresh.owner).toBeNull();
    expect(fresh.index).toBeNull();
    const twice = num.makeVariable();
    expect(() => new Apply(new DivMod(), [scalar('a'), scalar('b')], [twice, twice])).toThrow("Apply(DivMod): argument 'outputs[1]' expected distinct output Variables, got the Variable of outputs[0] again");
    expect(twice.owner).toBeNull();
  });

  test('an output that already has an owner is an ArgumentError, and it keeps its owner', () => {
    const z = add(scalar('x'), scalar('y'));
    const owner = z.owner;
    const e = thrown(() => new Apply(new Mul(), [scalar('a')], [z]));
    expect(e).toBeInstanceOf(ArgumentError);
    expect(e.message).toBe("Apply(Mul): argument 'outputs[0]' expected a Variable without an owner, got Add.0, already output 0 of Add");
    expect(z.owner).toBe(owner);
  });

  test('defaultOutput and out', () => {
    const z = add(scalar('x'), scalar('y'));
    expect(z.owner!.defaultOutput()).toBe(z);
    expect(z.owner!.out).toBe(z);
    const [q] = divmod(scalar('x'), scalar('y'));
    expect(() => q!.owner!.defaultOutput()).toThrow(ArgumentError);
    expect(() => q!.owner!.out).toThrow(/use node\.outputs or op\.callAll/);
  });

  test('clone: the same Op and inputs, new outputs of the same Types, a copy of the tag', () => {
    const x = scalar('x');
    const y = scalar('y');
    const [q, r] = divmod(x, y);
    const node = q!.owner!;
    node.tag.note = 'n';
    const cp = node.clone();
    expect(cp).not.toBe(node);
    expect(cp.op).toBe(node.op);
    expect(cp.inputs).toEqual([x, y]);
    expect(cp.inputs).not.toBe(node.inputs);
    expect(cp.outputs).toHaveLength(2);
    cp.outputs.forEach((o, i) => {
      expect(o).not.toBe(node.outputs[i]);
      expect(o.type).toBe(node.outputs[i]!.type);
      expect(o.owner).toBe(cp);
      expect(o.index).toBe(i);
    });
    expect(cp.tag).toEqual(node.tag);
    expect(cp.tag.note).toBe('n');
    expect(cp.tag).not.toBe(node.tag);
    // The original is untouched.
    expect([q!.owner, r!.owner]).toEqual([node, node]);
  });

  test('cloneWithNewInputs with inputs of the same Types reuses the Op', () => {
    const x = scalar('x');
    const z = new Scale(3).call(x);
    const node = z.owner!;
    node.tag.trace = ['at somewhere'];
    const w = scalar('w');
    const cp = node.cloneWithNewInputs([w]);
    expect(cp.op).toBe(node.op);
    expect(cp.inputs).toEqual([w]);
    expect(cp.outputs[0]).not.toBe(z);
    expect(cp.outputs[0]!.owner).toBe(cp);
    expect(cp.tag.trace).toEqual(['at somewhere']);
    expect(node.inputs).toEqual([x]);
  });

  test('cloneWithNewInputs with a wrong number of inputs is an ArgumentError', () => {
    const node = add(scalar('x'), scalar('y')).owner!;
    const e = thrown(() => node.cloneWithNewInputs([scalar('a')]));
    expect(e).toBeInstanceOf(ArgumentError);
    expect(e.message).toBe("cloneWithNewInputs(Add): argument 'inputs' expected 2 inputs, got 1");
  });

  test('strict cloneWithNewInputs with an incompatible Type is a TypeMismatchError', () => {
    const node = new Identity().makeNode(scalar('x'));
    expect(() => node.cloneWithNewInputs([other.makeVariable('s')], true)).toThrow(TypeMismatchError);
  });

  test('non-strict cloneWithNewInputs with a different Type remakes the node with makeNode', () => {
    const op = new Identity();
    const node = op.makeNode(scalar('x'));
    node.tag.note = 'kept';
    const spy = jest.spyOn(op, 'makeNode');
    const s = other.makeVariable('s');
    const cp = node.cloneWithNewInputs([s], false);
    expect(spy).toHaveBeenCalledWith(s);
    expect(cp.op).toBe(op);
    expect(cp.inputs).toEqual([s]);
    // makeNode chose the output Type from the new input.
    expect(cp.outputs[0]!.type).toBe(other);
    expect(cp.tag.note).toBe('kept');
  });

  test('strict cloneWithNewInputs converts an input when its Type can (convertVariable), keeping the Op', () => {
    const a = new AtMost(5).makeVariable('a');
    const node = new Identity().makeNode(a);
    const x = scalar('x');
    const cp = node.cloneWithNewInputs([x], true);
    expect(cp.op).toBe(node.op);
    const input = cp.inputs[0]!;
    expect(input.owner!.op).toBeInstanceOf(Clip);
    expect(input.owner!.inputs[0]).toBe(x);
    expect(cp.outputs[0]!.type.equals(new AtMost(5))).toBe(true);
  });

  test('strict cloneWithNewInputs with a subtype input remakes the node with makeNode', () => {
    const op = new Identity();
    const node = op.makeNode(new AtMost(5).makeVariable('a'));
    const spy = jest.spyOn(op, 'makeNode');
    const narrow = new AtMost(1).makeVariable('n');
    const cp = node.cloneWithNewInputs([narrow], true);
    expect(spy).toHaveBeenCalledWith(narrow);
    expect(cp.inputs).toEqual([narrow]);
    expect(cp.outputs[0]!.type.equals(new AtMost(1))).toBe(true);
  });

  test('non-strict cloneWithNewInputs through a type-checking makeNode still checks', () => {
    const node = add(scalar('x'), scalar('y')).owner!;
    expect(() => node.cloneWithNewInputs([scalar('a'), other.makeVariable('s')], false)).toThrow(TypeMismatchError);
  });
});

describe('describeThing and assertVariable', () => {
  test('describeThing', () => {
    expect(describeThing(null)).toBe('null');
    expect(describeThing(undefined)).toBe('undefined');
    expect(describeThing(3)).toBe('number 3');
    expect(describeThing('a')).toBe('string a');
    expect(describeThing(new Map())).toBe('Map');
    expect(describeThing(scalar('x'))).toBe('Variable x of type NumberType');
  });

  test('assertVariable throws a TypeMismatchError for non-Variables', () => {
    expect(() => assertVariable(scalar('x'), 'f', 0)).not.toThrow();
    const e = thrown(() => assertVariable(2, 'myFn', 'x'));
    expect(e).toBeInstanceOf(TypeMismatchError);
    expect(e.message).toBe("myFn: argument 'x' expected a Variable, got number 2");
  });
});
