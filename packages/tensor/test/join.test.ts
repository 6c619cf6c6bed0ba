/** Join / concatenate / stack / stacklists / Split against NumPy fixtures, plus shapes, errors and inferShape. */
import { NodeError, ShapeError, TypeMismatchError, ArgumentError, type Variable } from '@proj/graph';
import { TensorType } from '../src/type/tensor-type';
import { TensorConstant, TensorVariable } from '../src/variable/tensor-variable';
import { constant } from '../src/basic/as-tensor';
import { fromRaw, rawView, type NDArray } from '../src/value/ndarray';
import { MakeVector } from '../src/shape/make-vector';
import { shapeTuple } from '../src/shape/shape';
import { AxisError } from '../src/reduce/axis';
import { Join, concatenate, horizontalStack, join, verticalStack } from '../src/join/join';
import { Split, split } from '../src/join/split';
import { stack, stacklists } from '../src/join/stack';
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

/** Variables for encoded inputs: fully static shapes, or unknown lengths. */
function inputs(encs: readonly Enc[], staticShapes: boolean): { vars: TensorVariable[]; givens: Map<Variable, unknown>; values: NDArray[] } {
  const vars = encs.map((e, i) => {
    const t = typeOf(e);
    return (staticShapes ? t : new TensorType(t.dtype, nulls(t.ndim))).makeVariable(`x${i}`);
  });
  const values = encs.map(decode);
  return { vars, values, givens: new Map<Variable, unknown>(vars.map((v, i) => [v, values[i]])) };
}

/** Evaluates what inferShape says of each output and compares it with the computed shapes. */
function expectInferShape(outs: readonly TensorVariable[], givens: Map<Variable, unknown>): void {
  const node = outs[0]!.owner!;
  const inShapes = node.inputs.map((v) => shapeTuple(v as TensorVariable));
  const inferred = node.op.inferShape!(undefined, node, inShapes);
  outs.forEach((o, i) => {
    const want = o.eval(givens).shape;
    const got = inferred[i]!.map((s) => (typeof s === 'number' ? s : Number((s as TensorVariable).eval(givens).get())));
    expect(got).toEqual(want);
  });
}

/** The raw numbers behind each input, to check that nothing wrote into them. */
const snapshot = (values: readonly NDArray[]) => values.map((v) => Array.from(rawView(v).data as ArrayLike<number | bigint>));

describe('concatenate against NumPy', () => {
  it.each(fixtures.concatenate!.map((c) => [c.name, c]))('%s', (_name, c) => {
    for (const staticShapes of [true, false]) {
      const { vars, givens, values } = inputs(c.inputs, staticShapes);
      const before = snapshot(values);
      const out = concatenate(vars, { axis: c.axis });
      expect(out.owner!.op).toBeInstanceOf(Join);
      expect(out.dtype).toBe(c.out.dtype);
      if (staticShapes) expect(out.type.shape).toEqual(c.out.shape);
      const value = out.eval(givens);
      expectArray(value, c.out);
      for (const v of values) expect(rawView(value).data).not.toBe(rawView(v).data);
      expect(snapshot(values)).toEqual(before);
      expectInferShape([out], givens);
    }
  });

  it('takes a symbolic axis, negative values included', () => {
    const c = fixtures.concatenate!.find((k) => k.name === 'f64 axis 1')!;
    const { vars, givens } = inputs(c.inputs, false);
    const axis = new TensorType('int32', []).makeVariable('axis');
    const out = join(axis, ...vars);
    expect(out.type.shape).toEqual([null, null]);
    for (const a of [1, -1]) {
      givens.set(axis, a);
      expectArray(out.eval(givens), c.out);
      expectInferShape([out], givens);
    }
    givens.set(axis, 2);
    const e = cause(() => out.eval(givens));
    expect(e).toBeInstanceOf(AxisError);
    expect(e.message).toContain('axis 2 is out of bounds for array of dimension 2');
  });

  it('normalises a negative constant axis and keeps static lengths', () => {
    const x = new TensorType('float64', [2, null]).makeVariable('x');
    const y = new TensorType('float64', [null, 4]).makeVariable('y');
    const out = join(-2, x, y);
    expect((out.owner!.inputs[0] as TensorConstant).data.get()).toBe(0n);
    expect(out.type.shape).toEqual([null, 4]);
    const z = new TensorType('float64', [3, 4]).makeVariable('z');
    expect(join(0, new TensorType('float64', [2, 4]).makeVariable(), z).type.shape).toEqual([5, 4]);
  });

  it('returns a single tensor unchanged and joins constants', () => {
    const x = new TensorType('float64', [null]).makeVariable('x');
    expect(join(0, x)).toBe(x);
    expect(concatenate([[1, 2], [3]]).evalNested()).toEqual([1, 2, 3]);
    expect(horizontalStack([[1], [2]], [[3], [4]]).evalNested()).toEqual([[1, 3], [2, 4]]);
    expect(verticalStack([[1, 2]], [[3, 4]]).evalNested()).toEqual([[1, 2], [3, 4]]);
  });

  it('rejects bad inputs with typed errors', () => {
    const m = new TensorType('float64', [null, 3]).makeVariable('m');
    const n = new TensorType('float64', [null, 4]).makeVariable('n');
    const v = new TensorType('float64', [null]).makeVariable('v');
    const s = new TensorType('float64', []).makeVariable('s');
    const e = cause(() => concatenate([m, n]));
    expect(e).toBeInstanceOf(ShapeError);
    expect(e.message).toContain('all the input array dimensions except for the concatenation axis must match exactly, but along dimension 1, the array at index 0 has size 3 and the array at index 1 has size 4');
    expect(() => concatenate([m, v])).toThrow(TypeMismatchError);
    expect(cause(() => concatenate([m, v])).message).toContain('input ndims were [2, 1]');
    expect(() => concatenate([s, s])).toThrow(/use stack to join 0-d tensors/);
    expect(cause(() => concatenate([m, m], { axis: 2 })).message).toContain('axis 2 is out of bounds for array of dimension 2');
    expect(() => concatenate([m, m], { axis: -3 })).toThrow(AxisError);
    expect(() => join(0.5, m, m)).toThrow(ArgumentError);
    expect(() => new Join().call(constant(0))).toThrow(/cannot join an empty list/);
    expect(() => new Join().call(constant(0.5), m, m)).toThrow(TypeMismatchError);
    expect(() => concatenate(m as never)).toThrow(/forget \[\]/);
    expect(() => horizontalStack(m, v)).toThrow(TypeMismatchError);
  });

  it('checks lengths off the axis at run time', () => {
    const m = new TensorType('float64', [null, null]).makeVariable('m');
    const n = new TensorType('float64', [null, null]).makeVariable('n');
    const out = concatenate([m, n]);
    const e = cause(() => out.eval(new Map<Variable, unknown>([[m, [[1, 2, 3]]], [n, [[1, 2, 3, 4]]]])));
    expect(e).toBeInstanceOf(ShapeError);
    expect(e.message).toContain('along dimension 1, the array at index 0 has size 3 and the array at index 1 has size 4');
  });

  it('has Rop: the join of the eval points (zeros where an input does not vary)', () => {
    const x = new TensorType('float64', [null]).makeVariable('x');
    const y = new TensorType('float64', [null]).makeVariable('y');
    const ex = new TensorType('float64', [null]).makeVariable('ex');
    const out = join(0, x, y);
    const [r] = out.owner!.op.Rop(out.owner!.inputs, [null, ex, null]);
    const g = new Map<Variable, unknown>([[x, [1, 2]], [y, [3]], [ex, [5, 6]]]);
    expect((r as TensorVariable).evalNested(g)).toEqual([5, 6, 0]);
    expect(out.owner!.op.Rop(out.owner!.inputs, [null, null, null])).toEqual([null]);
  });
});

describe('stack against NumPy', () => {
  it.each(fixtures.stack!.map((c) => [c.name, c]))('%s', (_name, c) => {
    for (const staticShapes of [true, false]) {
      const { vars, givens } = inputs(c.inputs, staticShapes);
      const out = stack(vars, { axis: c.axis });
      expect(out.dtype).toBe(c.out.dtype);
      if (staticShapes) expect(out.type.shape).toEqual(c.out.shape);
      expectArray(out.eval(givens), c.out);
    }
  });

  it('makes a MakeVector of 0-d inputs and numbers', () => {
    const a = new TensorType('float64', []).makeVariable('a');
    const v = stack([a, 2, 3.5]);
    expect(v.owner!.op).toBeInstanceOf(MakeVector);
    expect(v.type.shape).toEqual([3]);
    expect(v.evalNested({ a: 1 })).toEqual([1, 2, 3.5]);
  });

  it('rejects bad inputs', () => {
    const m = new TensorType('float64', [null, null]).makeVariable('m');
    const v = new TensorType('float64', [null]).makeVariable('v');
    expect(() => stack([])).toThrow(/no tensor arguments provided/);
    expect(() => stack([m, v])).toThrow(TypeMismatchError);
    expect(cause(() => stack([m, m], { axis: 3 })).message).toContain('axis 3 is out of bounds for array of dimension 3');
    expect(() => stack([1, 2], { axis: 1 })).toThrow(AxisError);
    expect(() => stack(m as never)).toThrow(TypeMismatchError);
    const n = new TensorType('float64', [null, null]).makeVariable('n');
    const bad = cause(() => stack([m, n]).eval(new Map<Variable, unknown>([[m, [[1, 2]]], [n, [[1, 2, 3]]]])));
    expect(bad).toBeInstanceOf(ShapeError);
  });
});

describe('stacklists against NumPy', () => {
  it.each(fixtures.stacklists!.map((c) => [c.name, c]))('%s', (_name, c) => {
    const leaves: TensorVariable[] = [];
    const values = new Map<Variable, unknown>();
    const build = (t: unknown, depth: number): unknown => {
      if (depth === 0) {
        const v = new TensorType(c.dtype, nulls(c.leafShape.length)).makeVariable(`l${leaves.length}`);
        leaves.push(v);
        values.set(v, t);
        return v;
      }
      return (t as unknown[]).map((e) => build(e, depth - 1));
    };
    const tree = build(c.tree, c.out.shape.length - c.leafShape.length);
    const out = stacklists(tree as never);
    expect(out.ndim).toBe(c.out.shape.length);
    expectArray(out.eval(values), c.out);
  });

  it('stacks matrices into a grid', () => {
    const [a, b, cc, d] = ['a', 'b', 'c', 'd'].map((n) => new TensorType('float32', [null, null]).makeVariable(n));
    const x = stacklists([[a!, b!], [cc!, d!]]);
    const one = fromRaw('float32', new Float32Array(16).fill(1), [4, 4]);
    expect(x.eval(new Map<Variable, unknown>([a!, b!, cc!, d!].map((v) => [v, one]))).shape).toEqual([2, 2, 4, 4]);
    expect(() => stacklists([])).toThrow(ArgumentError);
  });
});

describe('split against NumPy', () => {
  it.each(fixtures.split!.map((c) => [c.name, c]))('%s', (_name, c) => {
    for (const staticShapes of [true, false]) {
      const { vars, givens, values } = inputs([c.input], staticShapes);
      const before = snapshot(values);
      const outs = split(vars[0]!, c.sizes, { axis: c.axis });
      expect(outs).toHaveLength(c.outs.length);
      expect(outs[0]!.owner!.op.equals(new Split(c.sizes.length))).toBe(true);
      outs.forEach((o, i) => {
        if (staticShapes) expect(o.type.shape).toEqual(c.outs[i].shape);
        expectArray(o.eval(givens), c.outs[i]);
      });
      expect(snapshot(values)).toEqual(before);
      expectInferShape(outs, givens);
    }
  });

  it('takes symbolic sizes and a symbolic axis', () => {
    const x = new TensorType('float64', [null, null]).makeVariable('x');
    const sizes = new TensorType('int64', [null]).makeVariable('sizes');
    const axis = new TensorType('int8', []).makeVariable('axis');
    const outs = split(x, sizes, { axis, nSplits: 2 });
    const g = new Map<Variable, unknown>([[x, [[1, 2, 3], [4, 5, 6]]], [sizes, [1, 2]], [axis, -1]]);
    expect(outs.map((o) => o.evalNested(g))).toEqual([[[1], [4]], [[2, 3], [5, 6]]]);
    expectInferShape(outs, g);
    const n = new TensorType('int64', []).makeVariable('n');
    const [p, q] = split(x, [n, 1], { axis: 1 });
    const g2 = new Map<Variable, unknown>([[x, [[1, 2, 3]]], [n, 2]]);
    expect([p!.evalNested(g2), q!.evalNested(g2)]).toEqual([[[1, 2]], [[3]]]);
    expect(q!.type.shape).toEqual([null, 1]);
  });

  it('checks the sizes at run time', () => {
    const x = new TensorType('float64', [null]).makeVariable('x');
    const sizes = new TensorType('int64', [null]).makeVariable('sizes');
    const outs = split(x, sizes, { nSplits: 2 });
    const run = (s: number[]) => cause(() => outs[0]!.eval(new Map<Variable, unknown>([[x, [1, 2, 3]], [sizes, s]])));
    const e = run([1, 1]);
    expect(e).toBeInstanceOf(ShapeError);
    expect(e.message).toContain('split sizes sum to 2; expected 3');
    expect(run([1, 1, 1]).message).toContain('the length of splits is not equal to nSplits');
    expect(run([4, -1]).message).toContain('split sizes cannot be negative');
  });

  it('rejects bad arguments when the graph is built', () => {
    const x = new TensorType('float64', [3]).makeVariable('x');
    expect(() => split(x, [1, 1])).toThrow(/split lengths summing to 3/);
    expect(() => split(x, [1, 2], { axis: 1 })).toThrow(AxisError);
    expect(() => split(x, [1, -2])).toThrow(ArgumentError);
    expect(() => split(x, [1, 2], { nSplits: 3 })).toThrow(ArgumentError);
    expect(() => split(x, new TensorType('int64', [null]).makeVariable())).toThrow(/nSplits/);
    expect(() => split(x, new TensorType('float64', [2]).makeVariable())).toThrow(TypeMismatchError);
    expect(() => new Split(2).callAll(x, constant(0), constant([1, 1, 1]))).toThrow(/2 split lengths/);
    expect(() => new Split(-1)).toThrow(ArgumentError);
    expect(() => split(new TensorType('float64', []).makeVariable(), [1])).toThrow();
  });

  it('has Rop: the split of the eval point', () => {
    const x = new TensorType('float64', [null]).makeVariable('x');
    const ex = new TensorType('float64', [null]).makeVariable('ex');
    const outs = split(x, [1, 2]);
    const r = outs[0]!.owner!.op.Rop(outs[0]!.owner!.inputs, [ex, null, null]) as TensorVariable[];
    expect(r.map((o) => o.evalNested(new Map<Variable, unknown>([[x, [1, 2, 3]], [ex, [4, 5, 6]]])))).toEqual([[4], [5, 6]]);
    expect(outs[0]!.owner!.op.Rop(outs[0]!.owner!.inputs, [null, null, null])).toEqual([null, null]);
  });
});
