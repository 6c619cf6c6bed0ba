/**
 * Failure classes and dtype rules of the non-transcendental elementwise
 * functions: broadcasting mismatches (static and at run time), bitwise ops on
 * floats, wrong input counts, refused dtypes, and PyTensor's output dtypes.
 */
import { ArgumentError, DtypeError, NodeError, ShapeError, config } from '@proj/graph';
import { constant } from '../src/basic/as-tensor';
import { Elemwise } from '../src/elemwise/elemwise';
import { TensorType } from '../src/type/tensor-type';
import { abs, add, intDiv, mod, mul, neg, pow, reciprocal, sign, sqr, sub, trueDiv } from '../src/math/arith';
import { and_, bitwiseAnd, bitwiseNot, bitwiseOr, bitwiseXor, invert, or_, xor } from '../src/math/bitwise';
import { cast } from '../src/math/cast';
import { eq, equal, ge, greater, greaterEqual, gt, isnan, le, less, lessEqual, lt, maximum, neq, notEqual } from '../src/math/compare';
import * as condition from '../src/math/condition';
import { clip, switch_, where } from '../src/math/condition';
import { angle, complex, conj, imag, real } from '../src/math/complex-parts';
import { ceil, floor, iround, rint, round, roundHalfToEven, trunc } from '../src/math/rounding';
import { scalarSub } from '../src/scalar/arith';
import { scalarSwitch } from '../src/scalar/condition';
import type { Dtype } from '../src/dtype/dtypes';

const v = (dtype: Dtype, shape: (number | null)[] = [null], name = 'x') => new TensorType(dtype, shape).makeVariable(name);

describe('broadcasting shape mismatch', () => {
  it('is a ShapeError at makeNode when static shapes conflict', () => {
    const x = v('float64', [2, 3], 'x');
    const y = v('float64', [4, 3], 'y');
    expect(() => add(x, y)).toThrow(ShapeError);
    expect(() => add(x, y)).toThrow(/Elemwise\{add\}: argument 'inputs' expected static shapes that broadcast together, got \(2, 3\) and \(4, 3\)/);
    expect(() => maximum(v('int8', [3]), v('int8', [2, 2]))).toThrow(ShapeError);
  });

  it('is a ShapeError from perform (wrapped in a NodeError naming the node) when runtime shapes conflict', () => {
    const x = v('float64', [null, null], 'x');
    const y = v('float64', [null, null], 'y');
    const z = mul(x, y);
    let caught: unknown;
    try {
      z.eval({ x: [[1, 2, 3], [4, 5, 6]], y: [[1, 2, 3], [4, 5, 6], [7, 8, 9], [1, 1, 1]] });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(NodeError);
    expect((caught as NodeError).cause).toBeInstanceOf(ShapeError);
    expect((caught as Error).message).toMatch(/Elemwise\{mul\}: argument 'inputs' expected shapes that broadcast together, got \(2, 3\) and \(4, 3\)/);
  });

  it('accepts unknown static lengths and broadcasts length 1', () => {
    expect(add(v('float64', [null, 3]), v('float64', [4, 1])).type.shape).toEqual([4, 3]);
    expect(add(v('float64', [null, 1]), v('float64', [1, null])).type.shape).toEqual([null, null]);
  });
});

describe('bitwise ops on floats', () => {
  it.each([
    ['and_', () => and_(v('float64'), v('int32'))],
    ['or_', () => or_(v('int8'), v('float32'))],
    ['xor', () => xor(v('float32'), v('float32'))],
    ['invert', () => invert(v('float64'))],
    ['and_', () => and_(v('complex64'), v('int8'))],
  ])('%s refuses them with a DtypeError', (name, make) => {
    expect(make).toThrow(DtypeError);
    expect(make).toThrow(new RegExp(`Elemwise\\{${name}\\}: input \\d expected a dtype other than float/complex`));
  });

  it('refuses int64 with uint64 (their common dtype is float64)', () => {
    expect(() => and_(v('int64'), v('uint64'))).toThrow(/Elemwise\{and_\}: argument 'inputs' expected integer or bool dtypes.*common dtype float64/);
  });

  it('works on bool as the logical operators (invert is logical not)', () => {
    const a = constant([true, true, false, false]);
    const b = constant([true, false, true, false]);
    expect(and_(a, b).evalNested()).toEqual([true, false, false, false]);
    expect(or_(a, b).evalNested()).toEqual([true, true, true, false]);
    expect(xor(a, b).evalNested()).toEqual([false, true, true, false]);
    expect(invert(a).evalNested()).toEqual([false, false, true, true]);
    expect(invert(constant([0, -1, 5], { dtype: 'int8' })).evalNested()).toEqual([-1, 0, -6]);
  });
});

describe('wrong number of inputs', () => {
  it('is an ArgumentError naming the op and the expected count', () => {
    const x = v('float64');
    expect(() => new Elemwise(scalarSub).call(x)).toThrow(ArgumentError);
    expect(() => new Elemwise(scalarSub).call(x)).toThrow(/Elemwise\{sub\}: argument 'inputs' expected 2 inputs, got 1/);
    expect(() => new Elemwise(scalarSwitch).call(x, x)).toThrow(/Elemwise\{switch\}: argument 'inputs' expected 3 inputs, got 2/);
  });
});

describe('refused dtypes and values', () => {
  it.each([
    ['sub of bools', () => sub(v('bool'), v('bool')), /Elemwise\{sub\}/],
    ['neg of bool', () => neg(v('bool')), /Elemwise\{neg\}: input 0/],
    ['sign of bool', () => sign(v('bool')), /Elemwise\{sign\}/],
    ['sign of complex', () => sign(v('complex64')), /Elemwise\{sign\}: input 0 expected a real dtype/],
    ['intDiv of complex', () => intDiv(v('complex128'), v('float64')), /Elemwise\{int_div\}: input 0/],
    ['mod of complex', () => mod(v('float64'), v('complex64')), /Elemwise\{mod\}: input 1/],
    ['pow of complex', () => pow(v('complex64'), 2), /Elemwise\{pow\}/],
    ['lt of complex', () => lt(v('complex64'), v('complex64')), /Elemwise\{lt\}/],
    ['maximum of complex', () => maximum(v('complex64'), 1), /Elemwise\{maximum\}/],
    ['clip of complex', () => clip(v('complex64'), 0, 1), /Elemwise\{clip\}: input 0 expected a real dtype/],
    ['round of an integer', () => round(v('int32')), /Elemwise\{round_half_away_from_zero\}: input 0 expected a dtype other than bool\/signed integer\/unsigned integer, got int32/],
    ['rint of bool', () => rint(v('bool')), /Elemwise\{round_half_to_even\}/],
    ['floor of complex', () => floor(v('complex128')), /Elemwise\{floor\}/],
    ['complex() of a complex part', () => complex(v('complex64'), v('float32')), /Elemwise\{complex\}: input 0/],
    ['cast of complex to real', () => cast(v('complex64'), 'float32'), /pt\.cast: argument 'dtype' expected a complex dtype for a complex input.*got float32 for an input of dtype complex64/],
    ['cast to an unknown dtype', () => cast(v('float64'), 'float16' as Dtype), /pt\.cast: argument 'dtype' expected one of bool/],
  ])('%s is a DtypeError', (_name, make, message) => {
    expect(make).toThrow(DtypeError);
    expect(make).toThrow(message);
  });

  it('an unknown round mode is an ArgumentError', () => {
    expect(() => round(v('float64'), 'half_up' as never)).toThrow(ArgumentError);
    expect(() => round(v('float64'), 'half_up' as never)).toThrow(/pt\.round: argument 'mode' expected 'half_away_from_zero' or 'half_to_even', got "half_up"/);
  });

  it('an integer to a negative integer power fails at run time, as in NumPy', () => {
    const z = pow(constant([2, 3], { dtype: 'int32' }), constant([1, -1], { dtype: 'int8' }));
    let caught: unknown;
    try {
      z.eval();
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(NodeError);
    expect((caught as NodeError).cause).toBeInstanceOf(ArgumentError);
    expect((caught as Error).message).toMatch(/Elemwise\{pow\}: input 1 expected non-negative exponents when both inputs are integers.*got -1/);
    expect(() => pow(constant([2n]), constant([-1n])).eval()).toThrow(/integers to negative integer powers are not allowed/);
    expect(pow(constant([2.0, 4.5]), constant([-1], { dtype: 'int8' })).evalNested()).toEqual([0.5, Math.fround(1 / 4.5)]); // float32 ** int8 is float32
  });
});

describe("PyTensor's output dtypes", () => {
  it.each([
    ['trueDiv int8/int8 is floatX', () => trueDiv(v('int8'), v('int8')), 'float64'],
    ['trueDiv int8/float32', () => trueDiv(v('int8'), v('float32')), 'float32'],
    ['trueDiv int32/float32', () => trueDiv(v('int32'), v('float32')), 'float64'],
    ['reciprocal int8', () => reciprocal(v('int8')), 'float32'],
    ['reciprocal int32', () => reciprocal(v('int32')), 'float64'],
    ['reciprocal bool', () => reciprocal(v('bool')), 'float32'],
    ['floor uint16', () => floor(v('uint16')), 'float32'],
    ['ceil int64', () => ceil(v('int64')), 'float64'],
    ['trunc float32', () => trunc(v('float32')), 'float32'],
    ['round float32', () => roundHalfToEven(v('float32')), 'float32'],
    ['iround', () => iround(v('float32')), 'int64'],
    ['pow bool bool', () => pow(v('bool'), v('bool')), 'int8'],
    ['pow int8 with 2 (int8)', () => pow(v('int8'), 2), 'int8'],
    ['intDiv int8 uint8', () => intDiv(v('int8'), v('uint8')), 'int16'],
    ['mod float32 int32', () => mod(v('float32'), v('int32')), 'float64'],
    ['sqr bool', () => sqr(v('bool')), 'bool'],
    ['abs complex64', () => abs(v('complex64')), 'float32'],
    ['abs int8', () => abs(v('int8')), 'int8'],
    ['angle complex64', () => angle(v('complex64')), 'float64'],
    ['angle float32', () => angle(v('float32')), 'float64'],
    ['real complex128', () => real(v('complex128')), 'float64'],
    ['imag int16', () => imag(v('int16')), 'int16'],
    ['conj bool', () => conj(v('bool')), 'int8'],
    ['complex float32 int8', () => complex(v('float32'), v('int8')), 'complex64'],
    ['complex int32 int8', () => complex(v('int32'), v('int8')), 'complex128'],
    ['lt', () => lt(v('float64'), 1), 'bool'],
    ['isnan int32', () => isnan(v('int32')), 'bool'],
    ['switch ignores the condition dtype', () => switch_(v('float64'), v('int8'), v('uint8')), 'int16'],
    ['clip int8 with int8 bounds', () => clip(v('int8'), 0, 5), 'int8'],
    ['clip int8 with a wide bound', () => clip(v('int8'), 0, 300), 'int16'],
    ['maximum int8 float32', () => maximum(v('int8'), v('float32')), 'float32'],
    ['and_ bool int8', () => and_(v('bool'), v('int8')), 'int8'],
  ])('%s', (_name, make, dtype) => {
    expect(make().dtype).toBe(dtype);
  });

  it('trueDiv of integers follows floatX', () => {
    config.changeFlags({ floatX: 'float32' }, () => expect(trueDiv(v('int32'), v('int64')).dtype).toBe('float32'));
  });
});

describe('aliases and names', () => {
  it('the NumPy names are the same functions', () => {
    expect([less, greater, lessEqual, greaterEqual, equal, notEqual]).toEqual([lt, gt, le, ge, eq, neq]);
    expect([bitwiseAnd, bitwiseOr, bitwiseXor, bitwiseNot]).toEqual([and_, or_, xor, invert]);
    expect(where).toBe(switch_);
    expect(condition.switch).toBe(switch_);
  });

  it('prints the PyTensor names', () => {
    const x = v('float64');
    expect(String(intDiv(x, 2).owner!.op)).toBe('Elemwise{int_div}');
    expect(String(cast(x, 'int32').owner!.op)).toBe('Elemwise{Cast{int32}}');
    expect(String(round(x, { mode: 'half_to_even' }).owner!.op)).toBe('Elemwise{round_half_to_even}');
    expect(String(round(x).owner!.op)).toBe('Elemwise{round_half_away_from_zero}');
  });
});
