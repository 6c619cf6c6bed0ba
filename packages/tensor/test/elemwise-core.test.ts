import { NodeError, ShapeError, TypeMismatchError, ArgumentError, evaluate, debugprint } from '@proj/graph';
import { TensorType } from '../src/type/tensor-type';
import { add, mul, neg, sub, trueDiv } from '../src/math/arith';
import { Elemwise } from '../src/elemwise/elemwise';
import { scalarAdd } from '../src/scalar/arith';
import { broadcastShapes } from '../src/elemwise/kernel';
import { fromRaw, toNested } from '../src/value/ndarray';
import { constant } from '../src/basic/as-tensor';
import type { TensorVariable } from '../src/variable/tensor-variable';

const t = (dtype: 'float64' | 'float32' | 'int8' | 'int32' | 'int64' | 'bool', shape: (number | null)[], name: string) =>
  new TensorType(dtype, shape).makeVariable(name);

describe('Elemwise broadcasting', () => {
  it('aligns lower-rank inputs on the left and infers static shapes', () => {
    const x = t('float64', [null, 3], 'x');
    const y = t('float64', [3], 'y');
    const z = add(x, y);
    expect(z.type.shape).toEqual([null, 3]);
    expect(z.owner!.inputs[1]!.owner!.op.toString()).toBe('DimShuffle{(x,0)}');
    expect(toNested(z.eval({ x: [[1, 2, 3], [4, 5, 6]], y: [10, 20, 30] }))).toEqual([[11, 22, 33], [14, 25, 36]]);
  });

  it('computes the broadcast shape as NumPy does', () => {
    expect(broadcastShapes('add', [[2, 1], [3]])).toEqual([2, 3]);
    expect(broadcastShapes('add', [[0, 1], [1, 4]])).toEqual([0, 4]);
    expect(broadcastShapes('add', [[], [2]])).toEqual([2]);
    expect(() => broadcastShapes('add', [[2], [3]])).toThrow(/add: argument 'inputs' expected shapes that broadcast together, got \(2,\) and \(3,\)/);
  });

  it('refuses static shapes that cannot broadcast when the node is made', () => {
    expect(() => add(t('float64', [3], 'a'), t('float64', [4], 'b'))).toThrow(ShapeError);
    expect(() => add(t('float64', [3], 'a'), t('float64', [4], 'b'))).toThrow(/Elemwise\{add\}.*\(3\) and \(4\)/);
  });

  it('reports a runtime shape mismatch with the node and where it was made', () => {
    const z = add(t('float64', [null], 'a'), t('float64', [null], 'b'));
    let err: unknown;
    try {
      z.eval({ a: [1, 2], b: [1, 2, 3] });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(NodeError);
    expect((err as NodeError).cause).toBeInstanceOf(ShapeError);
    expect((err as Error).message).toMatch(/Error computing node Elemwise\{add\}\(a, b\)/);
    expect((err as Error).message).toMatch(/elemwise-core\.test\.ts/);
  });

  it('works on strided, broadcast (zero-stride) and reversed inputs', () => {
    const raw = new Float64Array([1, 2, 3, 4, 5, 6]);
    const xT = fromRaw('float64', raw, [3, 2], [1, 3], 0); // the transpose of [[1,2,3],[4,5,6]]
    const rev = fromRaw('float64', raw, [2], [-1], 5); // [6, 5]
    const x = t('float64', [null, null], 'x');
    const y = t('float64', [null], 'y');
    expect(toNested(sub(x, y).eval([[x, xT], [y, rev]]))).toEqual([[-5, -1], [-4, 0], [-3, 1]]);
    expect(Array.from(raw)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('handles empty and 0-d inputs', () => {
    const x = t('float64', [null], 'x');
    expect(toNested(mul(x, 2).eval({ x: [] }))).toEqual([]);
    const s = t('float64', [], 's');
    expect(toNested(mul(s, 2).eval({ s: 4 }))).toBe(8);
  });

  it('propagates NaN and inf', () => {
    const x = t('float64', [null], 'x');
    expect(toNested(trueDiv(x, 0).eval({ x: [1, -1, 0] }))).toEqual([Infinity, -Infinity, NaN]);
  });
});

describe('Elemwise dtypes', () => {
  it('upcasts, keeps small int arithmetic wrapping like NumPy, and is exact for int64', () => {
    const a = t('int8', [null], 'a');
    expect(add(a, a).dtype).toBe('int8');
    expect(toNested(add(a, a).eval({ a: [100, -100] }))).toEqual([-56, 56]);
    const i = t('int32', [null], 'i');
    expect(toNested(mul(i, i).eval({ i: [2 ** 20 + 1] }))).toEqual([(2 ** 40 + 2 ** 21 + 1) % 2 ** 32 | 0]);
    const l = t('int64', [null], 'l');
    expect(toNested(add(l, 1).eval({ l: [2n ** 62n + 1n] }))).toEqual([2n ** 62n + 2n]);
    // PyTensor's TrueDiv: discrete / discrete gives floatX.
    expect(trueDiv(a, a).dtype).toBe('float64');
    expect(trueDiv(i, i).dtype).toBe('float64');
  });

  it('types constants by autocasting', () => {
    const f = t('float32', [null], 'f');
    expect(mul(f, 2).dtype).toBe('float32');
    expect(mul(f, 0.5).dtype).toBe('float32');
    expect(mul(f, 0.1).dtype).toBe('float64');
  });

  it('refuses non-tensors and wrong input counts', () => {
    expect(() => new Elemwise(scalarAdd).makeNode()).toThrow(ArgumentError);
    expect(() => neg(t('bool', [null], 'b'))).toThrow(/neg.*bool/);
    const other = { type: 'nope' };
    expect(() => add(other as never, 1)).toThrow(TypeMismatchError);
  });
});

describe('Elemwise shapes and gradients', () => {
  it('infers output shapes symbolically from the input shapes', () => {
    const x = t('float64', [null, 3], 'x');
    const y = t('float64', [1, null], 'y');
    const z = add(x, y);
    const node = z.owner!;
    const sx = constant(7);
    const sy = constant(9);
    const [shape] = (node.op as Elemwise).inferShape(undefined, node, [[sx, 3], [1, sy]]);
    expect(shape).toEqual([sx, 3]);
  });

  it('sums gradients back over broadcast dimensions', () => {
    const x = t('float64', [null, null], 'x');
    const y = t('float64', [1, null], 'y');
    const z = mul(x, y);
    const gz = t('float64', [null, null], 'gz');
    const [gx, gy] = z.owner!.op.Lop(z.owner!.inputs, z.owner!.outputs, [gz]) as TensorVariable[];
    expect(gy!.type.shape).toEqual([1, null]);
    const givens = { x: [[1, 2], [3, 4]], y: [[10, 100]], gz: [[1, 1], [1, 1]] };
    const byVar = [[x, givens.x], [y, givens.y], [gz, givens.gz]] as const;
    expect(toNested(evaluate([gx!], byVar.filter(([v]) => v !== x))[0] as never)).toEqual([[10, 100], [10, 100]]);
    expect(toNested(evaluate([gy!], byVar.filter(([v]) => v !== y))[0] as never)).toEqual([[4, 6]]);
  });

  it('prints as Elemwise{name}', () => {
    const x = t('float64', [null], 'x');
    // The 0-d constant is aligned by a DimShuffle, which constant folding removes later.
    expect(debugprint(add(x, 1))).toBe(['Elemwise{add} [id A]', ' ├─ x [id B]', ' └─ DimShuffle{(x)} [id C]', '    └─ 1 [id D]'].join('\n'));
    expect(new Elemwise(scalarAdd, { 0: 0 }).toString()).toBe('Elemwise{add}[0:0]');
    expect(new Elemwise(scalarAdd, { 0: 0 }).destroyMap).toEqual({ 0: [0] });
  });
});

describe('call-time input checks', () => {
  it('refuses a value with the wrong number of dimensions, naming the Type', () => {
    const x = t('float64', [null, null], 'x');
    expect(() => add(x, 1).eval({ x: [1, 2] })).toThrow(ShapeError);
    expect(() => add(x, 1).eval({ x: [1, 2] })).toThrow(/value given for x: TensorType\(float64, shape=\(\?, \?\)\)\.filter: argument 'value' expected 2 dimensions, got 1 dimensions/);
  });

  it('refuses a lossy value at call time', () => {
    const x = t('int32', [null], 'x');
    expect(() => add(x, 1).eval({ x: [1.5] })).toThrow(/value given for x: .*1\.5 \(not an integer\)/);
  });
});

describe('Elemwise Rop', () => {
  it('is the sum of partial derivatives times the eval points, with broadcasting', () => {
    const x = t('float64', [null, null], 'x');
    const y = t('float64', [null], 'y');
    const z = mul(x, y);
    const ex = t('float64', [null, null], 'ex');
    const ey = t('float64', [null], 'ey');
    const [r] = z.owner!.op.Rop(z.owner!.inputs, [ex, z.owner!.inputs[1]!.owner!.op.Rop([y], [ey])[0]!]) as TensorVariable[];
    const v = [[x, [[1, 2], [3, 4]]], [y, [10, 100]], [ex, [[1, 0], [0, 1]]], [ey, [1, 2]]] as const;
    // d(x*y) = ex*y + x*ey
    expect(toNested(evaluate([r!], v)[0] as never)).toEqual([[10 + 1, 0 + 4], [0 + 3, 100 + 8]]);
  });

  it('skips inputs whose eval point is null', () => {
    const x = t('float64', [null], 'x');
    const z = neg(x);
    expect(z.owner!.op.Rop(z.owner!.inputs, [null])).toEqual([null]);
  });
});
