/** Gradients (Lop) of Join, Split, Repeat, RepeatSum, Roll, Flip and of tile/stack, against central finite differences. */
import { DisconnectedType, disconnectedType, type Variable } from '@proj/graph';
import { TensorType } from '../src/type/tensor-type';
import type { TensorVariable } from '../src/variable/tensor-variable';
import { constant } from '../src/basic/as-tensor';
import { mul } from '../src/math/arith';
import { concatenate, join } from '../src/join/join';
import { split } from '../src/join/split';
import { stack, stacklists } from '../src/join/stack';
import { RepeatSum, repeat } from '../src/join/repeat';
import { roll } from '../src/join/roll';
import { flip } from '../src/extra/flip';
import { tile } from '../src/join/tile';
import { checkGrad } from './join-fixtures';

type F = (...xs: TensorVariable[]) => TensorVariable;

const cases: [string, F, number[][]][] = [
  ['concatenate axis 0', (a, b) => concatenate([a!, b!]), [[2, 3], [1, 3]]],
  ['concatenate axis -1, three inputs', (a, b, c) => concatenate([a!, b!, c!], { axis: -1 }), [[2, 1], [2, 3], [2, 2]]],
  ['join of one input used twice', (a) => join(1, a!, mul(a!, 3)), [[2, 2]]],
  ['stack axis 0', (a, b) => stack([a!, b!]), [[2, 3], [2, 3]]],
  ['stack axis -1 of vectors', (a, b, c) => stack([a!, b!, c!], { axis: -1 }), [[3], [3], [3]]],
  ['stacklists of matrices', (a, b, c, d) => stacklists([[a!, b!], [c!, d!]]), [[1, 2], [1, 2], [1, 2], [1, 2]]],
  ['split, one piece used', (x) => split(x!, [2, 1, 1])[1]!, [[4]]],
  ['split, pieces weighted', (x) => { const [p, , q] = split(x!, [1, 1, 2], { axis: 1 }); return join(1, mul(p!, 3), q!); }, [[2, 4]]],
  ['repeat scalar, flattened', (x) => repeat(x!, 2), [[2, 3]]],
  ['repeat scalar, axis 1', (x) => repeat(x!, 3, { axis: 1 }), [[2, 2]]],
  ['repeat vector, axis 0', (x) => repeat(x!, [2, 0, 1], { axis: 0 }), [[3, 2]]],
  ['repeat vector, flattened', (x) => repeat(x!, [1, 3, 0, 2]), [[2, 2]]],
  ['repeat length-1 vector', (x) => repeat(x!, [2], { axis: -1 }), [[2, 3]]],
  ['repeat of a 0-d input', (x) => repeat(x!, 3), [[]]],
  ['tile [2, 3]', (x) => tile(x!, [2, 3]), [[2, 2]]],
  ['tile with fewer reps', (x) => tile(x!, 2), [[2, 3]]],
  ['tile with more reps', (x) => tile(x!, [2, 1, 2]), [[3]]],
  ['roll flattened', (x) => roll(x!, 2), [[2, 3]]],
  ['roll axis 0, negative', (x) => roll(x!, -1, { axis: 0 }), [[3, 2]]],
  ['roll two axes', (x) => roll(x!, [1, 2], { axis: [0, 1] }), [[2, 3]]],
  ['flip all', (x) => flip(x!), [[2, 3]]],
  ['flip axis 1', (x) => flip(x!, { axis: 1 }), [[2, 3]]],
];

describe('gradients by finite differences', () => {
  it.each(cases)('%s (static shapes)', (_name, f, shapes) => checkGrad(f, shapes));
  it.each(cases)('%s (unknown shapes)', (_name, f, shapes) => checkGrad(f, shapes, { staticShapes: false }));

  it('join with a symbolic axis', () => {
    const axis = new TensorType('int64', []).makeVariable('axis');
    for (const a of [1, -2]) checkGrad((x, y) => join(axis, x!, y!), [[2, 2], [2, 2]], { extra: new Map<Variable, unknown>([[axis, a]]) });
  });

  it('split with a symbolic axis and symbolic sizes', () => {
    const axis = new TensorType('int8', []).makeVariable('axis');
    const n = new TensorType('int64', []).makeVariable('n');
    checkGrad((x) => { const [p, q] = split(x!, [n, 1], { axis }); return join(axis, mul(q!, 2), p!); }, [[2, 3]], {
      extra: new Map<Variable, unknown>([[axis, -1], [n, 2]]),
    });
  });

  it('RepeatSum, the adjoint of Repeat', () => {
    checkGrad((g) => new RepeatSum(0).call(g!, constant([2, 1])) as TensorVariable, [[3, 2]]);
  });
});

describe('gradient special cases', () => {
  it('Join of integers gives float zeros; a disconnected output gradient stays disconnected', () => {
    const a = new TensorType('int32', [null]).makeVariable('a');
    const b = new TensorType('int32', [null]).makeVariable('b');
    const out = join(0, a, b);
    const gz = new TensorType('float64', [null]).makeVariable('gz');
    const [gAxis, ga] = out.owner!.op.Lop(out.owner!.inputs, out.owner!.outputs, [gz]);
    expect(gAxis!.type).toBeInstanceOf(DisconnectedType);
    expect((ga as TensorVariable).dtype).toBe('float64');
    expect((ga as TensorVariable).evalNested({ a: [1, 2] })).toEqual([0, 0]);
    const x = new TensorType('float64', [null]).makeVariable('x');
    const fl = join(0, x, x);
    const gs = fl.owner!.op.Lop(fl.owner!.inputs, fl.owner!.outputs, [disconnectedType()]);
    expect(gs.every((g) => g.type instanceof DisconnectedType)).toBe(true);
  });

  it('Join.grad keeps broadcastable dimensions of the inputs', () => {
    const r = new TensorType('float64', [1, null]).makeVariable('r');
    const m = new TensorType('float64', [null, null]).makeVariable('m');
    const out = join(0, r, m);
    const gz = new TensorType('float64', [null, null]).makeVariable('gz');
    const [, gr] = out.owner!.op.grad(out.owner!.inputs, [gz]);
    expect((gr as TensorVariable).type.shape).toEqual([1, null]);
    expect((gr as TensorVariable).evalNested({ gz: [[1, 2], [3, 4]], m: [[0, 0]] })).toEqual([[1, 2]]);
  });

  it('Split joins zeros in place of disconnected gradients', () => {
    const x = new TensorType('float64', [null]).makeVariable('x');
    const outs = split(x, [1, 2]);
    const node = outs[0]!.owner!;
    const g = new TensorType('float64', [null]).makeVariable('g');
    const [gx, ga, gs] = node.op.Lop(node.inputs, node.outputs, [disconnectedType(), g]);
    expect(ga!.type).toBeInstanceOf(DisconnectedType);
    expect(gs!.type).toBeInstanceOf(DisconnectedType);
    expect((gx as TensorVariable).evalNested({ x: [1, 2, 3], g: [5, 6] })).toEqual([0, 5, 6]);
    expect(node.op.connectionPattern(node)).toEqual([[true, true], [false, false], [false, false]]);
  });
});

describe('Rop of the linear Ops: the Op applied to the eval point', () => {
  const x = new TensorType('float64', [null, null]).makeVariable('x');
  const ev = new TensorType('float64', [null, null]).makeVariable('ev');
  const givens = new Map<Variable, unknown>([[x, [[1, 2, 3], [4, 5, 6]]], [ev, [[0.5, -1, 2], [3, 0, -2]]]]);
  it.each([
    ['repeat', (t: TensorVariable) => repeat(t, [1, 2], { axis: 0 })],
    ['repeat flattened', (t: TensorVariable) => repeat(t, 2)],
    ['roll', (t: TensorVariable) => roll(t, 1, { axis: 1 })],
    ['flip', (t: TensorVariable) => flip(t, { axis: 0 })],
  ])('%s', (_name, f) => {
    const out = f(x);
    const node = out.owner!;
    const [r] = node.op.Rop(node.inputs, node.inputs.map((v, i) => (i === 0 ? ev : null)));
    expect((r as TensorVariable).evalNested(givens)).toEqual(f(ev).evalNested(givens));
    expect(node.op.Rop(node.inputs, node.inputs.map(() => null))).toEqual([null]);
  });
});
