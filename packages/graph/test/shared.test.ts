import {
  Apply,
  Op,
  SharedVariable,
  Type,
  TypeMismatchError,
  Variable,
  describeThing,
  evaluate,
  type FilterOptions,
  type StorageCell,
} from '../src';
import { add, mul, num, scalar } from './helpers/toy';

/** Values are mutable number[]; a Float64Array is converted (non-strict). */
class ArrayType extends Type<number[]> {
  filter(value: unknown, options: FilterOptions = {}): number[] {
    if (Array.isArray(value) && value.every((x) => typeof x === 'number')) return value as number[];
    if (!options.strict && value instanceof Float64Array) return Array.from(value);
    throw new TypeMismatchError({ op: 'ArrayType.filter', expected: 'an array of numbers', given: describeThing(value) });
  }
  hash(): string {
    return 'ArrayType';
  }
  toString(): string {
    return 'ArrayType';
  }
  override copyValue(value: number[]): number[] {
    return [...value];
  }
}
const arr = new ArrayType();

class Sum extends Op {
  makeNode(x: Variable): Apply {
    return new Apply(this, [arr.filterVariable(x)], [num.makeVariable()]);
  }
  override perform(_n: Apply, [x]: readonly unknown[], [out]: StorageCell[]): void {
    out![0] = (x as number[]).reduce((a, b) => a + b, 0);
  }
}
const sum = (x: Variable) => new Sum().call(x);

describe('SharedVariable', () => {
  test('is a graph input that holds a value', () => {
    const w = new SharedVariable(arr, [1, 2], { name: 'w' });
    expect(w).toBeInstanceOf(Variable);
    expect(w.owner).toBeNull();
    expect(w.name).toBe('w');
    expect(w.type).toBe(arr);
    expect(w.isConstant()).toBe(false);
    expect(w.storedValue()).toEqual({ value: [1, 2] });
    expect(w.getValue()).toEqual([1, 2]);
  });

  test('the constructor copies the value unless borrow', () => {
    const v = [1, 2];
    const w = new SharedVariable(arr, v);
    v[0] = 100;
    expect(w.getValue()).toEqual([1, 2]);

    const b = [1, 2];
    const wb = new SharedVariable(arr, b, { borrow: true });
    b[0] = 100;
    expect(wb.getValue()).toEqual([100, 2]);
    expect(wb.getValue({ borrow: true })).toBe(b);
  });

  test('getValue returns a copy unless borrow', () => {
    const w = new SharedVariable(arr, [1, 2]);
    const copy = w.getValue() as number[];
    copy[0] = 50;
    expect(w.getValue()).toEqual([1, 2]);
    const inner = w.getValue({ borrow: true }) as number[];
    expect(w.getValue({ borrow: true })).toBe(inner);
    inner[0] = 50;
    expect(w.getValue()).toEqual([50, 2]);
  });

  test('setValue copies unless borrow', () => {
    const w = new SharedVariable(arr, [0]);
    const v = [3, 4];
    w.setValue(v);
    v[0] = 99;
    expect(w.getValue()).toEqual([3, 4]);
    expect(w.getValue({ borrow: true })).not.toBe(v);

    const b = [5, 6];
    w.setValue(b, { borrow: true });
    expect(w.getValue({ borrow: true })).toBe(b);
  });

  test('values are converted with the Type, and bad ones rejected', () => {
    const w = new SharedVariable(arr, new Float64Array([1, 2]));
    expect(w.getValue()).toEqual([1, 2]);
    expect(Array.isArray(w.getValue())).toBe(true);
    expect(() => w.setValue('nope')).toThrow(TypeMismatchError);
    expect(() => w.setValue(new Float64Array([1]), { strict: true })).toThrow(TypeMismatchError);
    expect(w.getValue()).toEqual([1, 2]);
    expect(() => new SharedVariable(arr, { a: 1 })).toThrow(TypeMismatchError);
  });

  test('evaluation uses the current value', () => {
    const w = new SharedVariable(arr, [1, 2, 3], { name: 'w' });
    const x = scalar('x');
    const z = mul(sum(w), x);
    expect(z.eval({ x: 2 })).toBe(12);
    w.setValue([10]);
    expect(z.eval({ x: 2 })).toBe(20);
    // A value given for it takes precedence.
    expect(evaluate([z], [[w, [1]], [x, 2]])).toEqual([2]);
    // It is an input name like any other.
    expect(evaluate([z], { w: [4], x: 1 })).toEqual([4]);
  });

  test('clone shares the value cell', () => {
    const w = new SharedVariable(arr, [1], { name: 'w' });
    w.tag.note = 'n';
    const c = w.clone();
    expect(c).toBeInstanceOf(SharedVariable);
    expect(c).not.toBe(w);
    expect(c.name).toBe('w');
    expect(c.type).toBe(arr);
    expect(c.tag).toEqual({ note: 'n' });
    expect(c.container).toBe(w.container);
    c.setValue([7, 8]);
    expect(w.getValue()).toEqual([7, 8]);
    w.setValue([9]);
    expect(add(sum(c), scalar('x')).eval({ x: 0 })).toBe(9);
  });

  test('an explicit container is shared', () => {
    const container = { value: [1, 2] as unknown };
    const a = new SharedVariable(arr, undefined, { container });
    const b = new SharedVariable(arr, undefined, { container });
    a.setValue([3]);
    expect(b.getValue()).toEqual([3]);
    expect(container.value).toEqual([3]);
  });
});
