import { ArgumentError, DtypeError, evaluate } from '@proj/graph';
import * as pt from '../src';
import { Composite, Elemwise, TensorType, compositeFromGraph, toNested, type Dtype, type TensorVariable } from '../src';
import { randomArray, rng } from './composite-helpers';

const v = (dtype: Dtype, shape: (number | null)[], name: string): TensorVariable => new TensorType(dtype, shape).makeVariable(name);

/** Evaluates `out` unfused and through one Elemwise over its Composite; both must agree exactly (NaN and signed zeros included). */
function expectFusedEqual(inputs: TensorVariable[], out: TensorVariable, shapes: number[][], seed = 1): Composite {
  const comp = compositeFromGraph(inputs, out);
  const fused = new Elemwise(comp).call(...inputs) as TensorVariable;
  expect(fused.type.dtype).toBe(out.type.dtype);
  const r = rng(seed);
  for (let trial = 0; trial < 3; trial++) {
    const values = inputs.map((x, i) => randomArray(r, x.dtype, shapes[i]!));
    const givens = inputs.map((x, i) => [x, values[i]] as [TensorVariable, unknown]);
    const [want, got] = evaluate([out, fused], givens) as pt.NDArray[];
    expect(got!.dtype).toBe(want!.dtype);
    expect(got!.shape).toEqual(want!.shape);
    expect(toNested(got!)).toEqual(toNested(want!));
  }
  return comp;
}

describe('Composite', () => {
  it('prints its program like PyTensor and knows its arity', () => {
    const [x, y, z] = [v('float64', [null], 'x'), v('float64', [null], 'y'), v('float64', [null], 'z')];
    const c = compositeFromGraph([x, y, z], pt.sub(pt.add(pt.mul(pt.exp(x), y), pt.tanh(z)), pt.sqr(x)));
    expect(c.name).toBe('Composite{((exp(i0) * i1) + tanh(i2)) - sqr(i0)}');
    expect(c.nin).toBe(3);
    expect(new Elemwise(c).name).toBe('Elemwise{Composite{((exp(i0) * i1) + tanh(i2)) - sqr(i0)}}');
    expect(compositeFromGraph([x], pt.mul(x, 2.5)).name).toBe('Composite{i0 * 2.5}');
  });

  it('is equal to a Composite of the same program and dtypes only', () => {
    const x = v('float64', [null], 'x');
    const y = v('float64', [null], 'y');
    const a = compositeFromGraph([x, y], pt.exp(x).mul(y));
    const b = compositeFromGraph([y, x], pt.exp(y).mul(x));
    expect(a.equals(b)).toBe(true);
    expect(a.hash()).toBe(b.hash());
    expect(new Elemwise(a).equals(new Elemwise(b))).toBe(true);
    const f = v('float32', [null], 'f');
    const c = compositeFromGraph([f, y], pt.exp(f).mul(y));
    expect(c.name).toBe(a.name);
    expect(a.equals(c)).toBe(false);
    expect(a.equals(compositeFromGraph([x, y], pt.exp(x).add(y)))).toBe(false);
    expect(a.equals(compositeFromGraph([x], pt.mul(x, 2)))).toBe(false);
  });

  it('computes the unfused graph exactly: float64 chains with shared subexpressions and constants', () => {
    const [x, y, z] = [v('float64', [null, null], 'x'), v('float64', [null, null], 'y'), v('float64', [null, null], 'z')];
    const e = pt.exp(x);
    expectFusedEqual([x, y, z], pt.sub(pt.add(pt.mul(e, y), pt.tanh(z)), pt.mul(e, pt.pow(x, 2))), [[3, 4], [3, 4], [3, 4]]);
    expectFusedEqual([x, y], pt.switch(pt.lt(x, 0), pt.log1p(pt.abs(y)), pt.sqrt(x).mul(-0.5)), [[2, 5], [2, 5]], 7);
  });

  it('rounds every intermediate as the unfused graph stores it: float32, small ints, bool', () => {
    const f = v('float32', [null], 'f');
    expectFusedEqual([f], pt.sub(pt.mul(pt.exp(f), 1.1), pt.sqr(f)).mul(f), [[50]], 2);
    const i8 = v('int8', [null], 'a');
    const u8 = v('uint8', [null], 'b');
    // int8 * int8 wraps at 8 bits before the addition.
    expectFusedEqual([i8, u8], pt.add(pt.mul(i8, i8), u8), [[40], [40]], 3);
    const i32 = v('int32', [null], 'i');
    expectFusedEqual([i32, i8], pt.intDiv(pt.mul(i32, i32), pt.add(i8, 1)).add(pt.mod(i32, 7)), [[40], [40]], 4);
    const b = v('bool', [null], 'c');
    expectFusedEqual([b, f], pt.bitwiseAnd(b, pt.gt(f, 0)).mul(f).add(pt.maximum(f, 0)), [[40], [40]], 5);
    const u16 = v('uint16', [null], 'w');
    expectFusedEqual([u16, f], pt.trueDiv(pt.sub(u16, 3), f), [[30], [30]], 6);
  });

  it('broadcasts its inputs like Elemwise', () => {
    const x = v('float64', [null, null], 'x');
    const row = v('float64', [1, null], 'r');
    const s = v('float64', [1, 1], 's');
    expectFusedEqual([x, row, s], pt.exp(x.mul(row)).sub(s), [[3, 4], [1, 4], [1, 1]], 8);
    expectFusedEqual([x, row, s], pt.exp(x.mul(row)).sub(s), [[3, 0], [1, 0], [1, 1]], 9);
  });

  it('has a js template that inlines the program when every op has a trusted template', () => {
    const [x, y] = [v('float32', [null], 'x'), v('float32', [null], 'y')];
    const c = compositeFromGraph([x, y], pt.exp(x).mul(y).sub(1));
    const f = new Function('a', 'b', `return ${c.spec.js!(['a', 'b'])};`) as (a: number, b: number) => number;
    for (const [a, b] of [[0.1, 2], [-3, 1e-3], [NaN, 1], [50, 2]] as const) expect(Object.is(f(a, b), c.spec.impl(a, b))).toBe(true);
    // int_div has no trusted template: no inlined template either.
    const i = v('int32', [null], 'i');
    expect(compositeFromGraph([i], pt.intDiv(i, 3)).spec.js).toBeUndefined();
  });

  it('refuses int64/complex programs, bad references and other input dtypes', () => {
    const l = v('int64', [null], 'l');
    expect(() => compositeFromGraph([l], pt.add(l, l))).toThrow(DtypeError);
    expect(() => new Composite({ inputDtypes: ['float64'], nodes: [{ op: pt.scalarExp, inputs: [{ kind: 'node', index: 0 }], dtype: 'float64' }], output: { kind: 'node', index: 0 } })).toThrow(ArgumentError);
    expect(() => new Composite({ inputDtypes: ['float64'], nodes: [{ op: pt.scalarExp, inputs: [{ kind: 'input', index: 0 }], dtype: 'float32' }], output: { kind: 'node', index: 0 } })).toThrow(/Composite: argument 'nodes\[0\] \(exp\)' expected float64, got float32/);
    const x = v('float64', [null], 'x');
    const c = compositeFromGraph([x], pt.exp(x));
    expect(() => new Elemwise(c).call(v('float32', [null], 'f'))).toThrow(/expected dtypes \(float64\), got float32/);
    expect(() => compositeFromGraph([x], pt.sum(pt.exp(x)))).toThrow(ArgumentError);
  });
});

describe('Composite of a large program', () => {
  it('prints as Composite{...} past 10 nodes (as PyTensor) but still compares by program', () => {
    const x = v('float64', [null], 'x');
    let t: TensorVariable = x;
    for (let k = 0; k < 40; k++) t = pt.mul(t, t).sub(x);
    const c = compositeFromGraph([x], t);
    expect(c.name).toBe('Composite{...}');
    expect(c.program.nodes.length).toBe(80);
    const other = compositeFromGraph([x], pt.mul(t, 2));
    expect(other.name).toBe('Composite{...}');
    expect(c.equals(other)).toBe(false);
    expect(c.equals(compositeFromGraph([x], t))).toBe(true);
    expectFusedEqual([x], pt.tanh(t.mul(1e-300)), [[5]], 12);
  });
});
