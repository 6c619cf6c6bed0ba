/** tile / repeat / roll / flip against NumPy fixtures, plus shapes, views, errors and inferShape. */
import { DtypeError, NodeError, ShapeError, TypeMismatchError, ArgumentError, type Variable } from '@proj/graph';
import { TensorType } from '../src/type/tensor-type';
import type { TensorVariable } from '../src/variable/tensor-variable';
import { constant } from '../src/basic/as-tensor';
import { rawView, type NDArray } from '../src/value/ndarray';
import { shapeTuple } from '../src/shape/shape';
import { AxisError } from '../src/reduce/axis';
import { Repeat, RepeatSum, repeat } from '../src/join/repeat';
import { Roll, roll } from '../src/join/roll';
import { Flip, flip } from '../src/extra/flip';
import { tile } from '../src/join/tile';
import { decode, expectArray, fixtures, typeOf, type Enc } from './join-fixtures';

const nulls = (n: number) => new Array<null>(n).fill(null);
const cause = (f: () => unknown): Error => {
  try {
    f();
  } catch (e) {
    return e instanceof NodeError ? (e.cause as Error) : (e as Error);
  }
  throw new Error('expected an error');
};

function input(e: Enc, staticShapes: boolean): { x: TensorVariable; value: NDArray; givens: Map<Variable, unknown> } {
  const t = typeOf(e);
  const x = (staticShapes ? t : new TensorType(t.dtype, nulls(t.ndim))).makeVariable('x');
  const value = decode(e);
  return { x, value, givens: new Map<Variable, unknown>([[x, value]]) };
}

function expectInferShape(out: TensorVariable, givens: Map<Variable, unknown>): void {
  const node = out.owner!;
  const inferred = node.op.inferShape!(undefined, node, node.inputs.map((v) => shapeTuple(v as TensorVariable)));
  const got = inferred[0]!.map((s) => (typeof s === 'number' ? s : Number((s as TensorVariable).eval(givens).get())));
  expect(got).toEqual(out.eval(givens).shape);
}

const snapshot = (v: NDArray) => Array.from(rawView(v).data as ArrayLike<number | bigint>);

/** Runs `build` on static and unknown-shape inputs and compares with the fixture. */
function check(c: { input: Enc; out: Enc }, build: (x: TensorVariable) => TensorVariable, infer = true): TensorVariable {
  let last: TensorVariable | undefined;
  for (const staticShapes of [true, false]) {
    const { x, value, givens } = input(c.input, staticShapes);
    const before = snapshot(value);
    const out = build(x);
    expect(out.dtype).toBe(c.out.dtype);
    expect(out.ndim).toBe(c.out.shape.length);
    out.type.shape.forEach((s, i) => {
      if (s !== null) expect(s).toBe(c.out.shape[i]);
    });
    expectArray(out.eval(givens), c.out);
    expect(snapshot(value)).toEqual(before);
    if (infer && out.owner) expectInferShape(out, givens);
    last = out;
  }
  return last!;
}

describe('tile against NumPy', () => {
  it.each(fixtures.tile!.map((c) => [c.name, c]))('%s', (_name, c) => {
    check(c, (x) => tile(x, c.reps), false);
  });

  it('keeps static lengths and takes symbolic reps', () => {
    const x = new TensorType('float64', [2, 3]).makeVariable('x');
    expect(tile(x, [2, 1]).type.shape).toEqual([4, 3]);
    const r = new TensorType('int32', []).makeVariable('r');
    const out = tile(x, [r, 2]);
    expect(out.type.shape).toEqual([null, 6]);
    const g = new Map<Variable, unknown>([[x, [[1, 2, 3], [4, 5, 6]]], [r, 2]]);
    expect(out.eval(g).shape).toEqual([4, 6]);
    expect(tile(x, constant([2, 2])).type.shape).toEqual([4, 6]);
  });

  it('rejects bad reps', () => {
    const x = new TensorType('float64', [null]).makeVariable('x');
    expect(() => tile(x, -1)).toThrow(/negative dimensions are not allowed/);
    expect(() => tile(x, [1.5])).toThrow(ArgumentError);
    expect(() => tile(x, new TensorType('float64', []).makeVariable())).toThrow(TypeMismatchError);
    expect(() => tile(x, new TensorType('int64', [null]).makeVariable())).toThrow(ArgumentError);
  });
});

describe('repeat against NumPy', () => {
  it.each(fixtures.repeat!.map((c) => [c.name, c]))('%s', (_name, c) => {
    const out = check(c, (x) => repeat(x, c.repeats, { axis: c.axis }));
    expect(out.owner!.op).toBeInstanceOf(Repeat);
  });

  it('takes symbolic repeats', () => {
    const x = new TensorType('float64', [null, 2]).makeVariable('x');
    const r = new TensorType('int64', [null]).makeVariable('r');
    const out = repeat(x, r, { axis: 0 });
    const g = new Map<Variable, unknown>([[x, [[1, 2], [3, 4]]], [r, [0, 2]]]);
    expect(out.evalNested(g)).toEqual([[3, 4], [3, 4]]);
    expectInferShape(out, g);
    g.set(r, [3]);
    expect(out.eval(g).shape).toEqual([6, 2]);
    expectInferShape(out, g);
    const k = new TensorType('uint8', []).makeVariable('k');
    const flat = repeat(x, k);
    const g2 = new Map<Variable, unknown>([[x, [[1, 2]]], [k, 2]]);
    expect(flat.evalNested(g2)).toEqual([1, 1, 2, 2]);
    expectInferShape(flat, g2);
  });

  it('knows static lengths from constant repeats', () => {
    const x = new TensorType('float64', [2, 3]).makeVariable('x');
    expect(repeat(x, 2, { axis: 1 }).type.shape).toEqual([2, 6]);
    expect(repeat(x, [1, 2], { axis: 0 }).type.shape).toEqual([3, 3]);
    expect(repeat(x, 2).type.shape).toEqual([12]);
    expect(repeat(x, new TensorType('int8', []).makeVariable(), { axis: 0 }).type.shape).toEqual([null, 3]);
  });

  it('rejects bad repeats', () => {
    const x = new TensorType('float64', [2, 3]).makeVariable('x');
    expect(cause(() => repeat(x, [1, 2], { axis: 1 })).message).toContain('operands could not be broadcast together with shape (3,) (2,)');
    expect(() => repeat(x, -1)).toThrow(/negative dimensions are not allowed/);
    expect(() => repeat(x, 1.5)).toThrow(DtypeError);
    expect(() => repeat(x, new TensorType('uint64', []).makeVariable())).toThrow(DtypeError);
    expect(() => repeat(x, [[1]])).toThrow(TypeMismatchError);
    expect(() => repeat(x, 2, { axis: 2 })).toThrow(AxisError);
    expect(() => new Repeat(-1)).toThrow(ArgumentError);
    const y = new TensorType('float64', [null]).makeVariable('y');
    const r = new TensorType('int64', [null]).makeVariable('r');
    const out = repeat(y, r, { axis: 0 });
    const run = (rv: number[]) => cause(() => out.eval(new Map<Variable, unknown>([[y, [1, 2, 3]], [r, rv]])));
    expect(run([1, 2])).toBeInstanceOf(ShapeError);
    expect(run([1, -1, 1]).message).toContain('negative dimensions are not allowed');
  });
});

describe('RepeatSum (the adjoint of Repeat)', () => {
  it('sums the copies back', () => {
    const g = new TensorType('float64', [null, 2]).makeVariable('g');
    const out = new RepeatSum(0).call(g, constant([2, 0, 1])) as TensorVariable;
    expect(out.type.shape).toEqual([3, 2]);
    expect(out.evalNested({ g: [[1, 2], [3, 4], [5, 6]] })).toEqual([[4, 6], [0, 0], [5, 6]]);
    const s = new RepeatSum(1).call(g, constant(2)) as TensorVariable;
    expect(s.evalNested({ g: [[1, 2], [3, 4]] })).toEqual([[3], [7]]);
    const big = new RepeatSum(null).call(new TensorType('int64', [null]).makeVariable('b'), constant([1, 2])) as TensorVariable;
    expect(big.evalNested({ b: [1n, 2n, 3n] })).toEqual([1n, 5n]);
    expect(cause(() => s.eval({ g: [[1, 2, 3]] }))).toBeInstanceOf(ShapeError);
    expect(() => new RepeatSum(null).call(g, constant(2))).toThrow(TypeMismatchError);
  });
});

describe('roll against NumPy', () => {
  it.each(fixtures.roll!.map((c) => [c.name, c]))('%s', (_name, c) => {
    check(c, (x) => roll(x, c.shift, { axis: c.axis }));
  });

  it('takes a symbolic shift', () => {
    const x = new TensorType('float64', [null]).makeVariable('x');
    const s = new TensorType('int64', []).makeVariable('s');
    const out = roll(x, s);
    expect(out.owner!.op.equals(new Roll(null))).toBe(true);
    expect(out.evalNested(new Map<Variable, unknown>([[x, [1, 2, 3, 4]], [s, -5]]))).toEqual([2, 3, 4, 1]);
  });

  it('rejects bad arguments', () => {
    const x = new TensorType('float64', [null, null]).makeVariable('x');
    expect(() => roll(x, 1, { axis: 2 })).toThrow(AxisError);
    expect(() => roll(x, 1.5)).toThrow(ArgumentError);
    expect(() => roll(x, [1, 2, 3], { axis: [0, 1] })).toThrow(ArgumentError);
    expect(() => roll(x, new TensorType('float64', []).makeVariable())).toThrow(TypeMismatchError);
    expect(() => new Roll(-1)).toThrow(ArgumentError);
  });
});

// Flip is written in src/extra/flip.ts (the cumulative ops use it); these are its NumPy fixtures.
describe('flip against NumPy', () => {
  it.each(fixtures.flip!.map((c) => [c.name, c]))('%s', (_name, c) => {
    check(c, (x) => flip(x, { axis: c.axis }));
  });

  it('is a view of its input', () => {
    const x = new TensorType('float64', [null, null]).makeVariable('x');
    const out = flip(x, { axis: [-1, 0] });
    expect(out.owner!.op.equals(new Flip([0, 1]))).toBe(true);
    expect(out.owner!.op.viewMap).toEqual({ 0: [0] });
    const v = decode({ dtype: 'float64', shape: [2, 2], data: [1, 2, 3, 4] });
    const r = out.eval(new Map<Variable, unknown>([[x, v]]));
    expect(rawView(r).data).toBe(rawView(v).data);
    expect(r.strides).toEqual([-2, -1]);
    expect(flip(new TensorType('float64', []).makeVariable())).toBeDefined();
  });

  it('rejects bad axes', () => {
    const x = new TensorType('float64', [null, null]).makeVariable('x');
    expect(() => flip(x, { axis: 2 })).toThrow(AxisError);
    expect(() => flip(x, { axis: [0, 0] })).toThrow(AxisError);
    expect(() => new Flip([1, 1])).toThrow(AxisError);
    expect(() => new Flip([3]).call(x)).toThrow(AxisError);
  });
});
