/** Advanced indexing Ops: errors, symbolic indices, inferShape, props. */
import { ArgumentError, DtypeError, NodeError, ShapeError, TypeMismatchError, type Variable } from '@proj/graph';
import { constant } from '../src/basic/as-tensor';
import { exp } from '../src/math/transcendental';
import { shapeTuple } from '../src/shape/shape';
import {
  AdvancedIncSubtensor,
  AdvancedIncSubtensor1,
  AdvancedSubtensor,
  AdvancedSubtensor1,
  advancedGetItem,
  advancedSetOrInc,
} from '../src/subtensor/advanced';
import { IndexError } from '../src/subtensor/errors';
import type { IndexEntry } from '../src/subtensor/index-entry';
import { TensorType } from '../src/type/tensor-type';
import { TensorVariable } from '../src/variable/tensor-variable';
import { symbolic } from './advanced-helpers';

const all: IndexEntry = { kind: 'slice', start: null, stop: null, step: null };
const arr = (v: unknown, dtype?: 'bool' | 'int64' | 'int32'): IndexEntry => ({ kind: 'array', value: constant(v, dtype ? { dtype } : {}) });

/** The error a graph evaluation raised, unwrapped from the NodeError. */
function evalError(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(NodeError);
    return (e as NodeError).cause;
  }
  throw new Error('expected an error');
}

describe('errors', () => {
  const x5 = symbolic('float64', 1);
  const v5 = [1, 2, 3, 4, 5];

  it('out-of-bounds indices at run time name the index, the axis and the size', () => {
    for (const [idx, bad] of [[[0, 7], 7], [[-6], -6]] as const) {
      const e = evalError(() => advancedGetItem(x5, [arr(idx)]).eval({ x: v5 }));
      expect(e).toBeInstanceOf(IndexError);
      expect((e as Error).message).toBe(`AdvancedSubtensor1: index ${bad} is out of bounds for axis 0 with size 5`);
      expect(e).toMatchObject({ index: bad, axis: 0, size: 5 });
    }
    const m = symbolic('float64', 2);
    const e2 = evalError(() => advancedGetItem(m, [all, arr([0, 3])]).eval({ x: [[1, 2, 3]] }));
    expect((e2 as Error).message).toContain('index 3 is out of bounds for axis 1 with size 3');
    const e3 = evalError(() => advancedGetItem(m, [{ kind: 'int', value: 4 }, arr([0])]).eval({ x: [[1, 2, 3]] }));
    expect((e3 as Error).message).toContain('index 4 is out of bounds for axis 0 with size 1');
    const e4 = evalError(() => advancedSetOrInc(advancedGetItem(x5, [arr([5])]), 1, { set: false })!.eval({ x: v5 }));
    expect((e4 as Error).message).toBe('AdvancedIncSubtensor1{inc}: index 5 is out of bounds for axis 0 with size 5');
    const e5 = evalError(() => advancedSetOrInc(advancedGetItem(m, [arr([1]), all]), 1, { set: true })!.eval({ x: [[1, 2, 3]] }));
    expect((e5 as Error).message).toContain('index 1 is out of bounds for axis 0 with size 1');
  });

  it('an out-of-bounds index in an empty broadcast selects nothing (as NumPy)', () => {
    const m = symbolic('float64', 2);
    const out = advancedGetItem(m, [arr([7]), { kind: 'array', value: constant([], { dtype: 'int64' }) }]);
    expect(out.eval({ x: [[1, 2], [3, 4]] }).shape).toEqual([0]);
  });

  it('index arrays must be integer or bool', () => {
    expect(() => advancedGetItem(x5, [arr([0.5, 1.5])])).toThrow(DtypeError);
    expect(() => advancedGetItem(x5, [arr([0.5, 1.5])])).toThrow(/integer or bool dtype|integer index/);
    expect(() => new AdvancedSubtensor1().call(x5, constant([1.5]))).toThrow(DtypeError);
    expect(() => new AdvancedSubtensor1().call(x5, constant([true], { dtype: 'bool' }))).toThrow(/AdvancedSubtensor1: input 1 expected an integer index vector/);
    expect(() => new AdvancedSubtensor1().call(x5, constant([[1]]))).toThrow(TypeMismatchError);
    expect(() => new AdvancedSubtensor([{ kind: 'array' }]).call(x5, constant([0.5]))).toThrow(/AdvancedSubtensor: input 1 expected an index array of an integer or bool dtype/);
    expect(() => advancedGetItem(x5, [{ kind: 'int', value: constant(1.5) }, arr([0])])).toThrow(DtypeError);
    expect(() => advancedGetItem(x5, [{ kind: 'int', value: 0.5 }, arr([0])])).toThrow(ArgumentError);
  });

  it('too many indices, two ellipses, wrong input counts', () => {
    expect(() => advancedGetItem(x5, [arr([0]), arr([0])])).toThrow(/too many indices for array: array is 1-dimensional/);
    expect(() => advancedGetItem(x5, [arr([[true]], 'bool')])).toThrow(IndexError);
    expect(() => advancedGetItem(symbolic('float64', 2), [{ kind: 'ellipsis' }, arr([0]), { kind: 'ellipsis' }])).toThrow(/an index can only have a single ellipsis/);
    expect(() => new AdvancedSubtensor([{ kind: 'array' }]).call(x5)).toThrow(ArgumentError);
    expect(() => new AdvancedSubtensor([{ kind: 'array' }]).call(x5, constant([0]), constant([1]))).toThrow(/expected 2 inputs/);
  });

  it('bool masks must match the indexed lengths', () => {
    const e = evalError(() => advancedGetItem(x5, [arr([true, false], 'bool')]).eval({ x: v5 }));
    expect(e).toBeInstanceOf(IndexError);
    expect((e as Error).message).toContain('size of axis is 5 but size of corresponding boolean axis is 2');
  });

  it('index arrays must broadcast together', () => {
    const m = symbolic('float64', 2);
    const bad = () => advancedGetItem(m, [{ kind: 'array', value: new TensorType('int64', [2]).makeVariable() }, { kind: 'array', value: new TensorType('int64', [3]).makeVariable() }]);
    expect(bad).toThrow(ShapeError);
    const i = symbolic('int64', 1, 'i');
    const j = symbolic('int64', 1, 'j');
    const e = evalError(() => advancedGetItem(m, [{ kind: 'array', value: i }, { kind: 'array', value: j }]).eval({ x: [[1, 2, 3]], i: [0, 0], j: [0, 1, 2] }));
    expect(e).toBeInstanceOf(IndexError);
    expect((e as Error).message).toContain('shape mismatch: indexing arrays could not be broadcast together');
  });

  it('y must fit: dtype casts safely, broadcasts to the indexed shape', () => {
    const xf = symbolic('float32', 1);
    const sub = advancedGetItem(xf, [arr([0, 1])]);
    expect(() => advancedSetOrInc(sub, symbolic('float64', 1, 'y'), { set: true })).toThrow(DtypeError);
    expect(() => advancedSetOrInc(sub, symbolic('float64', 1, 'y'), { set: true })).toThrow(/casts safely to x's dtype float32/);
    expect(() => advancedSetOrInc(sub, 0.1, { set: true })).toThrow(DtypeError);
    const xi = symbolic('int8', 1);
    expect(() => advancedSetOrInc(advancedGetItem(xi, [arr([0])]), 1.5, { set: false })).toThrow(/AdvancedIncSubtensor1\{inc\}: argument 'y' expected a value exactly representable in x's dtype int8/);
    expect(() => new AdvancedIncSubtensor1().call(xf, new TensorType('float32', [2, 1]).makeVariable(), constant([0]))).toThrow(/expected a value y that broadcasts to the indexed shape \(1,\), got y of shape \(2, 1\)/);
    const e0 = evalError(() => new AdvancedIncSubtensor1().call(xf, symbolic('float32', 2, 'y'), constant([0])).eval({ x: [1], y: [[1], [2]] }));
    expect(e0).toBeInstanceOf(ShapeError);
    expect((new AdvancedIncSubtensor1().call(xf, symbolic('float32', 2, 'y'), constant([0, 0])) as TensorVariable).evalNested({ x: [1], y: [[1, 2]] })).toEqual([4]);
    expect(() => new AdvancedIncSubtensor1().call(xf, new TensorType('float32', [3]).makeVariable(), new TensorType('int64', [2]).makeVariable())).toThrow(ShapeError);
    const e = evalError(() => advancedSetOrInc(sub, [1, 2, 3], { set: true })!.eval({ x: [1, 2, 3] }));
    expect(e).toBeInstanceOf(ShapeError);
    expect((e as Error).message).toMatch(/AdvancedIncSubtensor1\{set\}/);
  });

  it('a zero slice step is an error', () => {
    const m = symbolic('float64', 2);
    const s = symbolic('int64', 0, 's');
    const e = evalError(() => advancedGetItem(m, [{ kind: 'slice', start: null, stop: null, step: s }, arr([0])]).eval({ x: [[1]], s: 0 }));
    expect((e as Error).message).toContain('slice step cannot be zero');
  });

  it('advancedSetOrInc is undefined for variables not made by advanced indexing', () => {
    const x = symbolic('float64', 1);
    expect(advancedSetOrInc(x, 1, { set: true })).toBeUndefined();
    expect(advancedSetOrInc(exp(x), 1, { set: true })).toBeUndefined();
  });
});

describe('symbolic indices', () => {
  it('symbolic index arrays, masks, ints and slice bounds', () => {
    const x = symbolic('float64', 2);
    const xv = [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11]];
    const i = symbolic('int32', 1, 'i');
    const k = symbolic('int64', 0, 'k');
    const m = symbolic('bool', 1, 'm');
    const lo = symbolic('int8', 0, 'lo');
    expect(advancedGetItem(x, [{ kind: 'array', value: i }]).evalNested({ x: xv, i: [2, -3] })).toEqual([[8, 9, 10, 11], [0, 1, 2, 3]]);
    expect(advancedGetItem(x, [{ kind: 'int', value: k }, { kind: 'array', value: i }]).evalNested({ x: xv, i: [3, 0], k: 1 })).toEqual([7, 4]);
    expect(advancedGetItem(x, [{ kind: 'array', value: m }, { kind: 'slice', start: lo, stop: null, step: -1 }]).evalNested({ x: xv, m: [true, false, true], lo: 1 })).toEqual([
      [1, 0],
      [9, 8],
    ]);
  });

  it('symbolic index with set and inc', () => {
    const x = symbolic('float64', 1);
    const i = symbolic('int64', 1, 'i');
    const sub = advancedGetItem(x, [{ kind: 'array', value: i }]);
    expect(advancedSetOrInc(sub, 1, { set: false })!.evalNested({ x: [0, 0, 0], i: [2, 2, 0] })).toEqual([1, 0, 2]);
    expect(advancedSetOrInc(sub, 1, { set: false, ignoreDuplicates: true })!.evalNested({ x: [0, 0, 0], i: [2, 2, 0] })).toEqual([1, 0, 1]);
  });
});

describe('inferShape', () => {
  /** Evaluates every entry of the inferred shape and compares with the computed output's shape. */
  function checkInfer(out: TensorVariable, givens: Map<Variable, unknown>): void {
    const node = out.owner!;
    const shapes = node.inputs.map((v) => shapeTuple(v as TensorVariable));
    const [inferred] = node.op.inferShape!(undefined, node, shapes);
    const actual = out.eval(givens).shape;
    expect(inferred!.length).toBe(actual.length);
    inferred!.forEach((s, d) => {
      const n = typeof s === 'number' ? s : Number((s as TensorVariable).eval(givens).get());
      expect(n).toBe(actual[d]);
    });
  }

  const x = symbolic('float64', 3);
  const xv = Array.from({ length: 3 }, (_, a) => Array.from({ length: 4 }, (_, b) => Array.from({ length: 5 }, (_, c) => a * 20 + b * 5 + c)));
  const i = symbolic('int64', 2, 'i');
  const j = new TensorType('int64', [1, null]).makeVariable('j');
  const m = symbolic('bool', 2, 'm');
  const g = (extra: [Variable, unknown][]) => new Map<Variable, unknown>([[x, xv], ...extra]);

  it.each([
    ['Subtensor1', () => advancedGetItem(x, [{ kind: 'array', value: symbolic('int64', 1, 'v') }]), [['v', [0, 2, 2, 1]]]],
    ['2-d array after slice', () => advancedGetItem(x, [all, { kind: 'array', value: i }]), [['i', [[0, 1, 2], [3, 3, 0]]]]],
    ['broadcast arrays', () => advancedGetItem(x, [{ kind: 'array', value: i }, { kind: 'array', value: j }]), [['i', [[0], [2]]], ['j', [[0, 3, 1]]]]],
    ['non-adjacent with stepped slice', () => advancedGetItem(x, [{ kind: 'array', value: j }, { kind: 'slice', start: 1, stop: null, step: 2 }, { kind: 'int', value: 2 }]), [['j', [[0, 2]]]]],
    ['symbolic slice bounds', () => advancedGetItem(x, [{ kind: 'array', value: symbolic('int64', 1, 'v') }, { kind: 'slice', start: symbolic('int8', 0, 'lo'), stop: null, step: -2 }]), [['v', [2, 0]], ['lo', -2]]],
    ['bool mask', () => advancedGetItem(x, [{ kind: 'array', value: m }, { kind: 'newaxis' }]), [['m', [[true, false, true, false], [false, false, false, true], [true, true, false, false]]]]],
  ] as const)('%s', (_name, make, givens) => {
    const out = make();
    const vars = new Map<string, Variable>();
    for (const v of out.owner!.inputs) if (v.name) vars.set(v.name, v);
    checkInfer(out, g(givens.map(([n, val]) => [vars.get(n)!, val])));
  });

  it('Inc Ops keep the shape of x', () => {
    const out = advancedSetOrInc(advancedGetItem(x, [all, { kind: 'array', value: i }]), 1, { set: false })!;
    checkInfer(out, g([[i, [[0, 1]]]]));
    const out1 = advancedSetOrInc(advancedGetItem(x, [arr([0])]), 1, { set: true })!;
    checkInfer(out1, g([]));
  });
});

describe('props and names', () => {
  it('equal Ops compare equal; flags show in the name', () => {
    expect(new AdvancedSubtensor([{ kind: 'array' }]).equals(new AdvancedSubtensor([{ kind: 'array' }]))).toBe(true);
    expect(new AdvancedSubtensor([{ kind: 'array' }]).equals(new AdvancedSubtensor([{ kind: 'newaxis' }, { kind: 'array' }]))).toBe(false);
    const a = new AdvancedIncSubtensor1({ setInsteadOfInc: true });
    expect(a.props).toEqual({ setInsteadOfInc: true, inplace: false, ignoreDuplicates: false });
    expect(a.name).toBe('AdvancedIncSubtensor1{set}');
    expect(new AdvancedIncSubtensor([{ kind: 'array' }], { ignoreDuplicates: true }).name).toBe('AdvancedIncSubtensor{inc, ignoreDuplicates}');
    expect(a.equals(new AdvancedIncSubtensor1({ setInsteadOfInc: true }))).toBe(true);
    expect(a.equals(new AdvancedIncSubtensor1())).toBe(false);
  });

  it('connection pattern: index inputs are not connected', () => {
    const x = symbolic('float64', 2);
    const out = advancedGetItem(x, [all, arr([0, 1])]);
    expect(out.owner!.op.connectionPattern(out.owner!)).toEqual([[true], [false]]);
    expect(out).toBeInstanceOf(TensorVariable);
  });
});
