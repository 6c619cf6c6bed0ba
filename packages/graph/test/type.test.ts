import {
  Apply,
  ArgumentError,
  Constant,
  GenericType,
  Op,
  Type,
  TypeMismatchError,
  Variable,
  describeThing,
  generic,
  type FilterOptions,
  type StorageCell,
} from '../src';
import { NumberType, OtherType, num, other, scalar } from './helpers/toy';

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a throw');
}

/**
 * Integers in [lo, hi]. strict: only such integers; otherwise numeric strings and
 * booleans are converted; a fractional number is truncated only with allowDowncast.
 */
class IntRange extends Type<number> {
  constructor(readonly lo: number, readonly hi: number) {
    super();
  }
  filter(value: unknown, options: FilterOptions = {}): number {
    const fail = (why: string) => new TypeMismatchError({ op: `${this}.filter`, expected: why, given: describeThing(value) });
    const ok = (v: number) => Number.isInteger(v) && v >= this.lo && v <= this.hi;
    if (typeof value === 'number' && ok(value)) return value;
    if (options.strict) throw fail(`an integer in [${this.lo}, ${this.hi}]`);
    let v: number;
    if (typeof value === 'number') v = value;
    else if (typeof value === 'boolean') v = value ? 1 : 0;
    else if (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) v = Number(value);
    else throw fail('a number, a numeric string or a boolean');
    if (!Number.isInteger(v)) {
      if (!options.allowDowncast) throw fail(`an integer (allowDowncast to truncate ${v})`);
      v = Math.trunc(v);
    }
    if (!ok(v)) throw fail(`an integer in [${this.lo}, ${this.hi}]`);
    return v;
  }
  hash(): string {
    return `IntRange(${this.lo},${this.hi})`;
  }
  toString(): string {
    return `IntRange(${this.lo}, ${this.hi})`;
  }
  override isSuperType(o: Type): boolean {
    return o instanceof IntRange && o.lo >= this.lo && o.hi <= this.hi;
  }
}

/** Converts a NumberType variable to IntRange(-1e9, 1e9) (rounds). */
class Round extends Op {
  makeNode(x: Variable): Apply {
    return new Apply(this, [x], [wide.makeVariable()]);
  }
  override perform(_n: Apply, [x]: readonly unknown[], [out]: StorageCell[]): void {
    out![0] = Math.round(x as number);
  }
}
class ConvertingIntRange extends IntRange {
  override convertVariable(v: Variable): Variable | undefined {
    return v.type instanceof NumberType ? new Round().call(v) : undefined;
  }
  override hash(): string {
    return `C${super.hash()}`;
  }
}
const wide = new IntRange(-1e9, 1e9);

describe('the toy NumberType', () => {
  test('filter accepts numbers, whatever the options', () => {
    for (const options of [{}, { strict: true }, { allowDowncast: true }]) {
      expect(num.filter(1.5, options)).toBe(1.5);
      expect(num.filter(NaN, options)).toBeNaN();
      expect(num.filter(-Infinity, options)).toBe(-Infinity);
    }
  });

  test('filter rejects non-numbers with a TypeMismatchError saying what it got', () => {
    const e = thrown(() => num.filter('1'));
    expect(e).toBeInstanceOf(TypeMismatchError);
    expect(e.message).toBe('NumberType.filter: expected a number, got string 1');
    expect(() => num.filter(1n, { strict: false, allowDowncast: true })).toThrow(TypeMismatchError);
  });

  test('isValidValue', () => {
    expect(num.isValidValue(3)).toBe(true);
    expect(num.isValidValue(NaN)).toBe(true);
    expect(num.isValidValue('3')).toBe(false);
    expect(num.isValidValue(undefined)).toBe(false);
  });

  test('equals: same class, same hash', () => {
    expect(num.equals(new NumberType())).toBe(true);
    expect(num.equals(num)).toBe(true);
    expect(num.equals(other)).toBe(false);
    expect(num.equals('NumberType')).toBe(false);
    expect(num.equals({ hash: () => 'NumberType' })).toBe(false);
  });

  test('a different class with the same hash is not equal', () => {
    class Impostor extends NumberType {}
    expect(num.equals(new Impostor())).toBe(false);
    expect(new Impostor().equals(num)).toBe(false);
  });

  test('makeVariable: a graph input of this Type', () => {
    const v = num.makeVariable('v');
    expect(v).toBeInstanceOf(Variable);
    expect(v.type).toBe(num);
    expect(v.owner).toBeNull();
    expect(v.index).toBeNull();
    expect(v.name).toBe('v');
    expect(num.makeVariable().name).toBeUndefined();
  });

  test('makeConstant filters the value', () => {
    const c = num.makeConstant(2.5, 'c');
    expect(c).toBeInstanceOf(Constant);
    expect(c.data).toBe(2.5);
    expect(c.name).toBe('c');
    expect(c.type).toBe(num);
    expect(() => num.makeConstant('2.5')).toThrow(TypeMismatchError);
  });

  test('valuesEq compares structurally (NaN equals NaN, -0 differs from 0)', () => {
    expect(num.valuesEq(1, 1)).toBe(true);
    expect(num.valuesEq(1, 2)).toBe(false);
    expect(num.valuesEq(NaN, NaN)).toBe(true);
    expect(num.valuesEq(0, -0)).toBe(false);
  });

  test('copyValue, valueToString, describeValue', () => {
    expect(num.copyValue(3)).toBe(3);
    expect(num.valueToString(3)).toBe('3');
    expect(other.valueToString('a"b')).toBe('"a\\"b"');
    expect(num.describeValue(3)).toBe('number 3');
    expect(num.describeValue(null)).toBe('null');
    expect(num.describeValue([1])).toBe('Array');
  });
});

describe('filter options (a Type that converts)', () => {
  const t = new IntRange(0, 10);

  test('strict accepts only values that already are of the Type', () => {
    expect(t.filter(3, { strict: true })).toBe(3);
    expect(() => t.filter('3', { strict: true })).toThrow(TypeMismatchError);
    expect(() => t.filter(true, { strict: true })).toThrow(TypeMismatchError);
    expect(() => t.filter(2.5, { strict: true, allowDowncast: true })).toThrow(TypeMismatchError);
  });

  test('non-strict converts when no information is lost', () => {
    expect(t.filter('3')).toBe(3);
    expect(t.filter(true)).toBe(1);
    expect(t.filter(4.0)).toBe(4);
  });

  test('a lossy conversion needs allowDowncast', () => {
    expect(() => t.filter(2.5)).toThrow(/allowDowncast to truncate 2.5/);
    expect(t.filter(2.5, { allowDowncast: true })).toBe(2);
    expect(() => t.filter(12.5, { allowDowncast: true })).toThrow(TypeMismatchError);
  });

  test('isValidValue is the strict filter', () => {
    expect(t.isValidValue(3)).toBe(true);
    expect(t.isValidValue('3')).toBe(false);
    expect(t.isValidValue(11)).toBe(false);
  });

  test('makeConstant converts (non-strict) but does not downcast', () => {
    expect(t.makeConstant('7').data).toBe(7);
    expect(() => t.makeConstant(7.5)).toThrow(TypeMismatchError);
  });

  test('parameterised Types are equal when their parameters are', () => {
    expect(t.equals(new IntRange(0, 10))).toBe(true);
    expect(t.equals(new IntRange(0, 11))).toBe(false);
  });
});

describe('filterVariable and convertVariable', () => {
  test('a Variable of this very Type is returned as it is', () => {
    const x = scalar('x');
    expect(num.filterVariable(x)).toBe(x);
    expect(num.filterVariable(new NumberType().makeVariable())).toBeInstanceOf(Variable);
  });

  test('a Variable of a subtype stands for the supertype', () => {
    const narrow = new IntRange(0, 10).makeVariable('n');
    expect(new IntRange(0, 100).filterVariable(narrow)).toBe(narrow);
    expect(new IntRange(0, 100).isSuperType(narrow.type)).toBe(true);
    expect(() => new IntRange(0, 5).filterVariable(narrow)).toThrow(TypeMismatchError);
  });

  test('a Variable of another Type is a TypeMismatchError naming both Types', () => {
    const s = other.makeVariable('s');
    const e = thrown(() => num.filterVariable(s));
    expect(e).toBeInstanceOf(TypeMismatchError);
    expect(e.message).toBe('NumberType.filterVariable: input 0 expected a Variable of type NumberType, got s of type OtherType');
  });

  test('a non-Variable is a TypeMismatchError', () => {
    const e = thrown(() => num.filterVariable(3 as unknown as Variable));
    expect(e).toBeInstanceOf(TypeMismatchError);
    expect(e.message).toContain('got number 3');
  });

  test('convertVariable is used when allowConvert, and only then', () => {
    const t = new ConvertingIntRange(-1e9, 1e9);
    const x = scalar('x');
    const converted = t.filterVariable(x, true);
    expect(converted).not.toBe(x);
    expect(converted.owner!.op).toBeInstanceOf(Round);
    expect(converted.owner!.inputs[0]).toBe(x);
    expect(t.isSuperType(converted.type)).toBe(true);
    expect(() => t.filterVariable(x, false)).toThrow(TypeMismatchError);
    expect(() => t.filterVariable(other.makeVariable(), true)).toThrow(TypeMismatchError);
  });

  test('by default convertVariable converts nothing', () => {
    expect(num.convertVariable(other.makeVariable())).toBeUndefined();
    expect(() => num.filterVariable(other.makeVariable(), true)).toThrow(TypeMismatchError);
  });

  test('TypeMismatchError is an ArgumentError', () => {
    expect(thrown(() => other.filterVariable(scalar()))).toBeInstanceOf(ArgumentError);
    expect(new OtherType().equals(other)).toBe(true);
  });
});

describe('GenericType', () => {
  test('accepts any value unchanged', () => {
    const o = { a: 1 };
    expect(generic.filter(o)).toBe(o);
    expect(generic.filter(undefined)).toBeUndefined();
    expect(generic.isValidValue(() => 1)).toBe(true);
  });

  test('is one Type: all instances are equal', () => {
    expect(generic.equals(new GenericType())).toBe(true);
    expect(generic.equals(num)).toBe(false);
    expect(String(generic)).toBe('GenericType');
    expect(generic.hash()).toBe('GenericType');
  });

  test('values compare structurally when they are plain data', () => {
    expect(generic.valuesEq({ a: [1, 2] }, { a: [1, 2] })).toBe(true);
    expect(generic.valuesEq({ a: [1, 2] }, { a: [1, 3] })).toBe(false);
  });

  test('values without structure (functions, class instances) equal only themselves', () => {
    const f = () => 1;
    const g = () => 1;
    class Box {}
    const b = new Box();
    expect(generic.valuesEq(f, f)).toBe(true);
    expect(generic.valuesEq(f, g)).toBe(false);
    expect(generic.valuesEq(b, b)).toBe(true);
    expect(generic.valuesEq(b, new Box())).toBe(false);
  });

  test('constants holding functions have identity signatures', () => {
    const f = () => 1;
    const c1 = generic.makeConstant(f);
    const c2 = generic.makeConstant(f);
    const c3 = generic.makeConstant(() => 1);
    expect(c1.signature()).toBe(c2.signature());
    expect(c1.signature()).not.toBe(c3.signature());
  });

  test('makeVariable', () => {
    const v = generic.makeVariable('anything');
    expect(v.type).toBe(generic);
    expect(String(v)).toBe('anything');
    expect(String(generic.makeVariable())).toBe('<GenericType>');
  });
});
