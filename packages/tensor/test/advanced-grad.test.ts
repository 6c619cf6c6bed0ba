/** Gradients (Lop, by central finite differences) and Rop of the advanced indexing Ops. */
import { DisconnectedType } from '@proj/graph';
import { constant } from '../src/basic/as-tensor';
import { mul } from '../src/math/arith';
import { sum } from '../src/reduce/sum';
import { advancedGetItem, advancedSetOrInc } from '../src/subtensor/advanced';
import type { IndexEntry } from '../src/subtensor/index-entry';
import { TensorType } from '../src/type/tensor-type';
import { TensorVariable } from '../src/variable/tensor-variable';
import { backprop, flatNums, nest } from './helpers/backprop';

/** Compares the backprop gradient of sum(f(x) * w) with central differences. */
function checkGrad(f: (x: TensorVariable) => TensorVariable, shape: number[], tol = 1e-6): void {
  const x = new TensorType('float64', shape).makeVariable('x');
  const n0 = shape.reduce((p, s) => p * s, 1);
  const x0 = Array.from({ length: n0 }, (_, i) => Math.sin(i + 1) * 2);
  const y = f(x);
  const yShape = y.eval({ x: nest(x0, shape) }).shape;
  const n = yShape.reduce((p, s) => p * s, 1);
  const w = constant(nest(Array.from({ length: n }, (_, i) => 0.5 + 0.25 * i), yShape), { dtype: 'float64' });
  const cost = sum(mul(y, w));
  const gx = backprop(cost, x);
  const got = flatNums(gx.evalNested({ x: nest(x0, shape) }));
  const h = 1e-6;
  const at = (v: number[]) => Number(cost.evalNested({ x: nest(v, shape) }));
  x0.forEach((_, i) => {
    const p = [...x0];
    const m = [...x0];
    p[i]! += h;
    m[i]! -= h;
    const num = (at(p) - at(m)) / (2 * h);
    expect(Math.abs(got[i]! - num)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(num)));
  });
}

const all: IndexEntry = { kind: 'slice', start: null, stop: null, step: null };
const arr = (v: unknown, dtype?: 'bool'): IndexEntry => ({ kind: 'array', value: constant(v, dtype ? { dtype } : {}) });
const base = (shape: number[]) => constant(nest(Array.from({ length: shape.reduce((p, s) => p * s, 1) }, (_, i) => i * 0.5 - 1), shape), { dtype: 'float64' });

describe('Lop by finite differences', () => {
  it.each([
    ['AdvancedSubtensor1 with duplicates', (x: TensorVariable) => advancedGetItem(x, [arr([0, 2, 2, -1])]), [4, 3]],
    ['AdvancedSubtensor adjacent', (x: TensorVariable) => advancedGetItem(x, [all, arr([[1, 1], [0, 3]])]), [3, 4]],
    ['AdvancedSubtensor non-adjacent', (x: TensorVariable) => advancedGetItem(x, [arr([0, 2]), all, arr([1, 1])]), [3, 4, 2]],
    ['AdvancedSubtensor bool mask', (x: TensorVariable) => advancedGetItem(x, [arr([[true, false, true], [false, true, true]], 'bool')]), [2, 3]],
    ['inc wrt x', (x: TensorVariable) => advancedSetOrInc(advancedGetItem(x, [arr([1, 1, 0])]), base([3, 2]), { set: false })!, [3, 2]],
    ['set wrt x', (x: TensorVariable) => advancedSetOrInc(advancedGetItem(x, [all, arr([2, 0])]), base([3, 2]), { set: true })!, [3, 4]],
    ['set wrt x, Subtensor1', (x: TensorVariable) => advancedSetOrInc(advancedGetItem(x, [arr([2, 0])]), 1, { set: true })!, [3, 2]],
    ['inc wrt y with duplicates', (y: TensorVariable) => advancedSetOrInc(advancedGetItem(base([4, 3]), [arr([1, 3, 1])]), y, { set: false })!, [3, 3]],
    ['inc wrt y broadcast over rows', (y: TensorVariable) => advancedSetOrInc(advancedGetItem(base([4, 3]), [arr([1, 3, 1])]), y, { set: false })!, [3]],
    ['inc wrt y length-1 dims', (y: TensorVariable) => advancedSetOrInc(advancedGetItem(base([3, 4, 2]), [arr([0, 2]), all, arr([1, 1])]), y, { set: false })!, [1, 4]],
    ['set wrt y, mask', (y: TensorVariable) => advancedSetOrInc(advancedGetItem(base([2, 3]), [arr([[true, false, true], [false, true, false]], 'bool')]), y, { set: true })!, [3]],
    ['set wrt scalar y', (y: TensorVariable) => advancedSetOrInc(advancedGetItem(base([2, 3]), [all, arr([0, 2])]), y, { set: true })!, []],
  ] as const)('%s', (_name, f, shape) => {
    checkGrad(f, [...shape]);
  });

  it('index inputs get disconnected gradients', () => {
    const x = new TensorType('float64', [null, null]).makeVariable('x');
    const out = advancedGetItem(x, [all, arr([0, 1])]);
    const node = out.owner!;
    const grads = node.op.Lop(node.inputs, node.outputs, [out]);
    expect(grads[1]!.type).toBeInstanceOf(DisconnectedType);
    const inc = advancedSetOrInc(out, 1, { set: false })!;
    const g2 = inc.owner!.op.Lop(inc.owner!.inputs, inc.owner!.outputs, [inc]);
    expect(g2[2]!.type).toBeInstanceOf(DisconnectedType);
  });

  it('a y of another float dtype gets its gradient in its own dtype', () => {
    const x = new TensorType('float64', [null]).makeVariable('x');
    const y = new TensorType('float32', [2]).makeVariable('y');
    const inc = advancedSetOrInc(advancedGetItem(x, [arr([0, 1])]), y, { set: false })!;
    const gy = backprop(sum(inc), y);
    expect(gy.dtype).toBe('float32');
    expect(gy.evalNested({ x: [1, 2, 3], y: [1, 1] })).toEqual([1, 1]);
  });
});

describe('Rop', () => {
  it('AdvancedSubtensor1 and AdvancedSubtensor apply to the eval point', () => {
    const x = new TensorType('float64', [null, null]).makeVariable('x');
    const v = new TensorType('float64', [null, null]).makeVariable('v');
    const vv = [[1, 2, 3], [4, 5, 6]];
    for (const entries of [[arr([1, 0, 1])], [all, arr([2, 0])], [arr([1]), arr([[0], [2]])]] as IndexEntry[][]) {
      const out = advancedGetItem(x, entries);
      const node = out.owner!;
      const [r] = node.op.Rop(node.inputs, [v, ...node.inputs.slice(1).map(() => null)]);
      expect((r as TensorVariable).evalNested({ v: vv })).toEqual(advancedGetItem(v, entries).evalNested({ v: vv }));
      expect(node.op.Rop(node.inputs, node.inputs.map(() => null))).toEqual([null]);
    }
  });

  it('Inc Ops are linear in (x, y)', () => {
    const x = new TensorType('float64', [null]).makeVariable('x');
    const y = new TensorType('float64', [null]).makeVariable('y');
    const ex = new TensorType('float64', [null]).makeVariable('ex');
    const inc = advancedSetOrInc(advancedGetItem(x, [arr([0, 0])]), y, { set: false })!;
    const node = inc.owner!;
    const [r] = node.op.Rop(node.inputs, [ex, null, null]);
    expect((r as TensorVariable).evalNested({ ex: [1, 2, 3], y: [5, 6] })).toEqual([1, 2, 3]);
  });
});
