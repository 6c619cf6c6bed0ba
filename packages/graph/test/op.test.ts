import {
  Apply,
  ArgumentError,
  MethodNotDefinedError,
  Op,
  TypeMismatchError,
  Variable,
  type ComputeMap,
  type StorageCell,
  type StorageMap,
} from '../src';
import { Add, DivMod, Exp, First, Mul, Neg, Scale, add, divmod, num, other, scalar } from './helpers/toy';

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a throw');
}

/** An Op with structured props. */
class Reduce extends Op<{ readonly axis: readonly number[]; readonly opts: { readonly keep: boolean; readonly tags: readonly string[] } }> {
  makeNode(x: Variable): Apply {
    return new Apply(this, [x], [num.makeVariable()]);
  }
}

/** Two outputs, `call` returns the second. */
class SecondByDefault extends Op {
  override get defaultOutput(): number {
    return 1;
  }
  makeNode(x: Variable): Apply {
    return new Apply(this, [x], [num.makeVariable(), num.makeVariable()]);
  }
  override perform(_n: Apply, [x]: readonly unknown[], [a, b]: StorageCell[]): void {
    a![0] = x;
    b![0] = 2 * (x as number);
  }
}

/** Defines makeNode only. */
class Bare extends Op {
  makeNode(x: Variable): Apply {
    return new Apply(this, [x], [num.makeVariable()]);
  }
}

/** Has grad; Lop should use it. */
class WithGrad extends Op {
  makeNode(x: Variable): Apply {
    return new Apply(this, [x], [num.makeVariable()]);
  }
  override grad(inputs: readonly Variable[], outputGrads: readonly Variable[]): Variable[] {
    return [new Mul().call(outputGrads[0]!, inputs[0]!)];
  }
}

/** Accumulates into its output cell when the cell already holds a value. */
class Accumulate extends Op {
  prepared = 0;
  makeNode(x: Variable): Apply {
    return new Apply(this, [x], [num.makeVariable()]);
  }
  override prepareNode(): void {
    this.prepared++;
  }
  override perform(_n: Apply, [x]: readonly unknown[], [out]: StorageCell[]): void {
    out![0] = ((out![0] as number | undefined) ?? 0) + (x as number);
  }
}

describe('props', () => {
  test('are deep frozen', () => {
    const op = new Reduce({ axis: [0, 2], opts: { keep: true, tags: ['a'] } });
    expect(Object.isFrozen(op.props)).toBe(true);
    expect(Object.isFrozen(op.props.axis)).toBe(true);
    expect(Object.isFrozen(op.props.opts)).toBe(true);
    expect(Object.isFrozen(op.props.opts.tags)).toBe(true);
    expect(() => {
      (op.props.axis as number[]).push(3);
    }).toThrow(TypeError);
    expect(() => {
      (op.props as { axis: unknown }).axis = [];
    }).toThrow(TypeError);
    expect(op.props.axis).toEqual([0, 2]);
  });

  test('the props object is a copy of the one given', () => {
    const given: { axis: readonly number[]; opts: { keep: boolean; tags: string[] } } = { axis: [0], opts: { keep: true, tags: [] } };
    const op = new Reduce(given);
    expect(op.props).not.toBe(given);
    expect(Object.isFrozen(given)).toBe(false);
    given.axis = [5];
    expect(op.props.axis).toEqual([0]);
  });

  test('an Op without props has empty frozen props', () => {
    const op = new Add();
    expect(op.props).toEqual({});
    expect(Object.isFrozen(op.props)).toBe(true);
  });
});

describe('equals and hash', () => {
  test('same class and equal props: equal, same hash', () => {
    expect(new Scale(2).equals(new Scale(2))).toBe(true);
    expect(new Scale(2).hash()).toBe(new Scale(2).hash());
    expect(new Add().equals(new Add())).toBe(true);
    const a = new Reduce({ axis: [0, 1], opts: { keep: false, tags: [] } });
    const b = new Reduce({ opts: { tags: [], keep: false }, axis: [0, 1] });
    expect(a.equals(b)).toBe(true);
    expect(a.hash()).toBe(b.hash());
  });

  test('different props: not equal, different hash', () => {
    expect(new Scale(2).equals(new Scale(3))).toBe(false);
    expect(new Scale(2).hash()).not.toBe(new Scale(3).hash());
    expect(new Scale(0).equals(new Scale(-0))).toBe(false);
    const a = new Reduce({ axis: [0, 1], opts: { keep: false, tags: [] } });
    const b = new Reduce({ axis: [1, 0], opts: { keep: false, tags: [] } });
    expect(a.equals(b)).toBe(false);
  });

  test('different classes with the same (empty) props are not equal', () => {
    expect(new Add().equals(new Mul())).toBe(false);
    expect(new Add().hash()).not.toBe(new Mul().hash());
    expect(new Neg().equals(new Exp())).toBe(false);
  });

  test('a subclass is not equal to its base class, even with equal props', () => {
    class Scale2 extends Scale {}
    expect(new Scale2(2).equals(new Scale(2))).toBe(false);
    expect(new Scale(2).equals(new Scale2(2))).toBe(false);
  });

  test('an Op is not equal to non-Ops', () => {
    const op = new Scale(2);
    expect(op.equals({ hash: () => op.hash() })).toBe(false);
    expect(op.equals(null)).toBe(false);
    expect(op.equals(op)).toBe(true);
  });

  test('hash names the class and the props', () => {
    expect(new Scale(2).hash()).toContain('Scale');
    expect(new Scale(2).hash()).toContain('factor');
  });

  test('an Op used as a prop (a Hashable) counts by its own hash, and prints by its toString', () => {
    class Wrap extends Op<{ readonly inner: Op }> {
      makeNode(x: Variable): Apply {
        return new Apply(this, [x], [num.makeVariable()]);
      }
    }
    const a = new Wrap({ inner: new Scale(2) });
    expect(a.equals(new Wrap({ inner: new Scale(2) }))).toBe(true);
    expect(a.equals(new Wrap({ inner: new Scale(3) }))).toBe(false);
    expect(a.equals(new Wrap({ inner: new Add() }))).toBe(false);
    expect(String(a)).toBe('Wrap{inner=Scale{factor=2}}');
    // The inner Op is not frozen by the outer one (it is immutable by contract).
    expect(a.props.inner).toBeInstanceOf(Scale);
  });

  test('an Op whose props hold a function cannot be hashed', () => {
    class Fn extends Bare {}
    const op = new (Fn as unknown as new (p: object) => Op)({ f: () => 1 });
    expect(() => op.hash()).toThrow(/functions have no structural identity/);
  });
});

describe('toString and name', () => {
  test('the class name, with props when there are any', () => {
    expect(new Add().toString()).toBe('Add');
    expect(String(new Scale(2))).toBe('Scale{factor=2}');
    expect(new Scale(2).name).toBe('Scale');
    expect(String(new Reduce({ axis: [0, 2], opts: { keep: true, tags: ['a'] } }))).toBe(
      'Reduce{axis=(0, 2), opts={"keep":true,"tags":["a"]}}',
    );
  });

  test('undefined props are not printed, strings are printed bare', () => {
    class Named extends Bare {}
    const op = new (Named as unknown as new (p: object) => Op)({ mode: 'fast', extra: undefined });
    expect(String(op)).toBe('Named{mode=fast}');
  });
});

describe('call and callAll', () => {
  test('call builds a node and returns its only output', () => {
    const x = scalar('x');
    const y = scalar('y');
    const z = new Add().call(x, y);
    expect(z).toBeInstanceOf(Variable);
    expect(z.owner).toBeInstanceOf(Apply);
    expect(z.owner!.op).toBeInstanceOf(Add);
    expect(z.owner!.inputs).toEqual([x, y]);
    expect(z.index).toBe(0);
    expect(z.type).toBe(num);
  });

  test('callAll returns every output', () => {
    const x = scalar('x');
    const y = scalar('y');
    const outs = new DivMod().callAll(x, y);
    expect(outs).toHaveLength(2);
    expect(outs[0]!.owner).toBe(outs[1]!.owner);
    expect(outs.map((o) => o.index)).toEqual([0, 1]);
    expect(divmod(x, y)).toHaveLength(2);
  });

  test('call on a multi-output Op without defaultOutput throws an ArgumentError naming callAll', () => {
    const e = thrown(() => new DivMod().call(scalar('x'), scalar('y')));
    expect(e).toBeInstanceOf(ArgumentError);
    expect(e.message).toMatch(/^DivMod: argument 'defaultOutput' expected a single output or a defaultOutput, got 2 outputs/);
    expect(e.message).toContain('callAll');
  });

  test('call returns defaultOutput when the Op names one', () => {
    const x = scalar('x');
    const out = new SecondByDefault().call(x);
    expect(out.index).toBe(1);
    expect(out.owner!.outputs[1]).toBe(out);
    expect(new SecondByDefault().callAll(x)).toHaveLength(2);
  });

  test('a defaultOutput out of range is an ArgumentError', () => {
    class BadDefault extends Bare {
      override get defaultOutput(): number {
        return 3;
      }
    }
    const e = thrown(() => new BadDefault().call(scalar('x')));
    expect(e).toBeInstanceOf(ArgumentError);
    expect(e.message).toBe('BadDefault: argument \'defaultOutput\' expected an index below 1, got 3');
  });
});

describe('makeNode input checks (toy Ops)', () => {
  test('a wrong number of inputs is an ArgumentError naming the Op, expected and given', () => {
    const e = thrown(() => new Add().makeNode(scalar('x')));
    expect(e).toBeInstanceOf(ArgumentError);
    expect(e).not.toBeInstanceOf(TypeMismatchError);
    expect(e.message).toBe("Add: argument 'inputs' expected 2 inputs, got 1");
    const ae = e as ArgumentError;
    expect([ae.op, ae.argument, ae.expected, ae.given]).toEqual(['Add', 'inputs', '2 inputs', '1']);
  });

  test('an input of the wrong Type is a TypeMismatchError naming the Op, the position, expected and given', () => {
    const s = other.makeVariable('s');
    const e = thrown(() => new Add().call(scalar('x'), s));
    expect(e).toBeInstanceOf(TypeMismatchError);
    expect(e).toBeInstanceOf(ArgumentError);
    expect(e.message).toBe('Add: input 1 expected a Variable of type NumberType, got s of type OtherType');
    expect((e as TypeMismatchError).argument).toBe(1);
  });

  test('a non-Variable input is a TypeMismatchError', () => {
    const e = thrown(() => new Scale(2).call(3 as unknown as Variable));
    expect(e).toBeInstanceOf(TypeMismatchError);
    expect(e.message).toBe('Scale{factor=2}: input 0 expected a Variable, got number 3');
  });
});

describe('default methods', () => {
  test('perform is not defined by default', () => {
    const op = new Bare();
    const node = op.makeNode(scalar('x'));
    const e = thrown(() => op.perform(node, [1], [[undefined]]));
    expect(e).toBeInstanceOf(MethodNotDefinedError);
    expect(e.message).toBe('Bare: perform is not defined for this Op');
  });

  test('grad and Rop are not implemented by default', () => {
    const op = new Bare();
    const x = scalar('x');
    expect(() => op.grad([x], [scalar('g')])).toThrow(MethodNotDefinedError);
    expect(() => op.grad([x], [scalar('g')])).toThrow('Bare: grad is not implemented for this Op');
    expect(() => op.Lop([x], [op.call(x)], [scalar('g')])).toThrow(MethodNotDefinedError);
    expect(() => op.Rop([x], [scalar('e')])).toThrow('Bare: Rop is not implemented for this Op');
  });

  test('Lop defaults to grad', () => {
    const op = new WithGrad();
    const x = scalar('x');
    const g = scalar('g');
    const spy = jest.spyOn(op, 'grad');
    const [gx] = op.Lop([x], [op.call(x)], [g]);
    expect(spy).toHaveBeenCalledWith([x], [g]);
    expect(gx!.owner!.op).toBeInstanceOf(Mul);
    expect(gx!.owner!.inputs).toEqual([g, x]);
  });

  test('connectionPattern: every output depends on every input', () => {
    const [q] = divmod(scalar('a'), scalar('b'));
    expect(new DivMod().connectionPattern(q!.owner!)).toEqual([
      [true, true],
      [true, true],
    ]);
    const z = add(scalar('a'), scalar('b'));
    expect(z.owner!.op.connectionPattern(z.owner!)).toEqual([[true], [true]]);
    const f = new First().call(scalar('a'), scalar('b'));
    expect(f.owner!.op.connectionPattern(f.owner!)).toEqual([[true], [false]]);
  });

  test('no aliasing, constant folding allowed, no default output', () => {
    const op = new Add();
    const z = op.call(scalar('a'), scalar('b'));
    expect(op.destroyMap).toEqual({});
    expect(op.viewMap).toEqual({});
    expect(op.defaultOutput).toBeNull();
    expect(op.doConstantFolding(undefined, z.owner!)).toBe(true);
  });
});

describe('makeThunk', () => {
  test('reads input cells, writes output cells and marks outputs computed', () => {
    const x = scalar('x');
    const y = scalar('y');
    const z = add(x, y);
    const node = z.owner!;
    const xCell: StorageCell = [2];
    const storage: StorageMap = new Map([
      [x, xCell],
      [y, [3]],
    ]);
    const computed: ComputeMap = new Map([[z, [false]]]);
    const thunk = node.op.makeThunk(node, storage, computed, []);
    expect(thunk.node).toBe(node);
    expect(thunk.inputs[0]).toBe(xCell);
    // The output cell did not exist: makeThunk created it in the storage map.
    expect(storage.get(z)).toBe(thunk.outputs[0]);
    expect(computed.get(z)).toEqual([false]);
    thunk();
    expect(storage.get(z)![0]).toBe(5);
    expect(computed.get(z)).toEqual([true]);
    // The thunk reads the cells at each call, not when it was made.
    xCell[0] = 10;
    thunk();
    expect(storage.get(z)![0]).toBe(13);
  });

  test('multi-output nodes fill every output cell', () => {
    const [q, r] = divmod(scalar('a'), scalar('b'));
    const node = q!.owner!;
    const storage: StorageMap = new Map([
      [node.inputs[0]!, [7]],
      [node.inputs[1]!, [2]],
    ]);
    const computed: ComputeMap = new Map([
      [q!, [false]],
      [r!, [false]],
    ]);
    node.op.makeThunk(node, storage, computed, [])();
    expect([storage.get(q!)![0], storage.get(r!)![0]]).toEqual([3, 1]);
    expect([computed.get(q!)![0], computed.get(r!)![0]]).toEqual([true, true]);
  });

  test('calls prepareNode once, when the thunk is made', () => {
    const op = new Accumulate();
    const x = scalar('x');
    const node = op.makeNode(x);
    const thunk = op.makeThunk(node, new Map([[x, [1]]]), new Map(), []);
    expect(op.prepared).toBe(1);
    thunk();
    thunk();
    expect(op.prepared).toBe(1);
  });

  test('an output cell may be reused between calls unless the output is in noRecycling', () => {
    const op = new Accumulate();
    const x = scalar('x');
    const node = op.makeNode(x);
    const out = node.outputs[0]!;

    const recycled: StorageMap = new Map([[x, [1]]]);
    const t1 = op.makeThunk(node, recycled, new Map(), []);
    t1();
    t1();
    t1();
    expect(recycled.get(out)![0]).toBe(3);

    const fresh: StorageMap = new Map([[x, [1]]]);
    const t2 = op.makeThunk(node, fresh, new Map(), [out]);
    t2();
    t2();
    t2();
    expect(fresh.get(out)![0]).toBe(1);
  });

  test('an Op without perform gives a thunk that throws MethodNotDefinedError', () => {
    const op = new Bare();
    const x = scalar('x');
    const node = op.makeNode(x);
    const computed: ComputeMap = new Map([[node.outputs[0]!, [false]]]);
    const thunk = op.makeThunk(node, new Map([[x, [1]]]), computed, []);
    expect(() => thunk()).toThrow(MethodNotDefinedError);
    expect(computed.get(node.outputs[0]!)).toEqual([false]);
  });
});
