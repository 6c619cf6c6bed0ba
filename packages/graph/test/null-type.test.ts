import {
  DisconnectedType,
  NullType,
  TypeMismatchError,
  Variable,
  disconnectedType,
  gradNotImplemented,
  gradUndefined,
} from '../src';
import { Add, Scale, num, scalar } from './helpers/toy';

describe('NullType', () => {
  test('has no values: filter always throws a TypeMismatchError', () => {
    const t = new NullType('why');
    expect(() => t.filter(0)).toThrow(TypeMismatchError);
    expect(() => t.filter(undefined)).toThrow('NullType.filter: input 0 expected no value (a NullType variable has none), got undefined');
    expect(t.isValidValue(null)).toBe(false);
    expect(() => t.makeConstant(1)).toThrow(TypeMismatchError);
  });

  test('whyNull: given, or a default', () => {
    expect(new NullType('because').whyNull).toBe('because');
    expect(new NullType().whyNull).toBe('(no explanation given)');
  });

  test('equal when the explanation is the same', () => {
    expect(new NullType('a').equals(new NullType('a'))).toBe(true);
    expect(new NullType('a').equals(new NullType('b'))).toBe(false);
    expect(new NullType('a').equals(new DisconnectedType())).toBe(false);
    expect(new NullType('a').equals(num)).toBe(false);
    expect(String(new NullType('a'))).toBe('NullType');
  });

  test('makeVariable gives a graph input of that Type', () => {
    const t = new NullType('x');
    const v = t.makeVariable('g');
    expect(v).toBeInstanceOf(Variable);
    expect(v.type).toBe(t);
    expect(String(v)).toBe('g');
  });
});

describe('DisconnectedType', () => {
  test('has no values', () => {
    const t = new DisconnectedType();
    expect(() => t.filter(0)).toThrow(TypeMismatchError);
    expect(() => t.filter(0)).toThrow(/DisconnectedType\.filter: input 0 expected no value \(a DisconnectedType variable is a placeholder\), got 0/);
    expect(t.isValidValue(0)).toBe(false);
  });

  test('all DisconnectedTypes are equal', () => {
    expect(new DisconnectedType().equals(new DisconnectedType())).toBe(true);
    expect(new DisconnectedType().hash()).toBe('DisconnectedType');
    expect(String(new DisconnectedType())).toBe('DisconnectedType');
  });

  test('disconnectedType() makes a fresh variable each time', () => {
    const a = disconnectedType();
    const b = disconnectedType();
    expect(a.type).toBeInstanceOf(DisconnectedType);
    expect(a).not.toBe(b);
    expect(a.owner).toBeNull();
  });
});

describe('gradUndefined and gradNotImplemented', () => {
  test('gradUndefined: a NullType variable naming the input, the Op and the reason', () => {
    const x = scalar('x');
    const g = gradUndefined(new Scale(2), 0, x, 'it is piecewise constant');
    expect(g.type).toBeInstanceOf(NullType);
    expect((g.type as NullType).whyNull).toBe(
      'This variable is Null because the grad method for input 0 (x) of the Scale{factor=2} op is mathematically undefined. it is piecewise constant',
    );
  });

  test('gradNotImplemented: a NullType variable naming the input and the Op', () => {
    const y = scalar('y');
    const g = gradNotImplemented(new Add(), 1, y);
    expect(g.type).toBeInstanceOf(NullType);
    // No trailing space without a comment.
    expect((g.type as NullType).whyNull).toBe('This variable is Null because the grad method for input 1 (y) of the Add op is not implemented.');
  });

  test('the two are distinguishable by their Types', () => {
    const x = scalar('x');
    expect(gradUndefined(new Add(), 0, x).type.equals(gradNotImplemented(new Add(), 0, x).type)).toBe(false);
    expect(gradUndefined(new Add(), 0, x).type.equals(gradUndefined(new Add(), 0, x).type)).toBe(true);
  });
});
