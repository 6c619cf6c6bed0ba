/** The linear-algebra Ops: type checks and their errors, static shapes, inferShape, dtypes, in-place semantics of the BLAS Ops. */
import { ArgumentError, DtypeError, NodeError, ShapeError, TypeMismatchError, type Variable } from '@proj/graph';
import type { Dtype } from '../src/dtype/dtypes';
import { TensorType } from '../src/type/tensor-type';
import { copyArray, fromRaw } from '../src/value/ndarray';
import type { TensorVariable } from '../src/variable/tensor-variable';
import { AxisError } from '../src/reduce/axis';
import { BatchedDot, batchedDot, batchedTensordot } from '../src/linalg/batched';
import { Gemm, gemmInplace, gemmNoInplace } from '../src/linalg/blas-gemm';
import { Gemv, Ger, gemvInplace, gemvNoInplace, ger, gerDestructive } from '../src/linalg/blas-level2';
import { Dot } from '../src/linalg/dot-op';
import { MatMul, matmul } from '../src/linalg/matmul';
import { dot, outer, tensordot } from '../src/linalg/tensordot';
import { elements, layOut } from './linalg-helpers';

const t = (dtype: Dtype, shape: (number | null)[], name = 'v') => new TensorType(dtype, shape).makeVariable(name);
const f64 = (shape: number[], data: number[]) => fromRaw('float64', Float64Array.from(data), shape);
const run = (out: TensorVariable, pairs: [Variable, unknown][]) => out.eval(new Map(pairs));

function thrown(f: () => unknown): Error {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error');
}

describe('dtype of the result: upcast of the inputs (NumPy)', () => {
  test.each([
    ['float32', 'float32', 'float32'], ['int8', 'float32', 'float32'], ['int32', 'float32', 'float64'], ['int64', 'int64', 'int64'],
    ['bool', 'bool', 'bool'], ['int8', 'uint8', 'int16'], ['complex64', 'float64', 'complex128'], ['uint64', 'int64', 'float64'],
  ] as const)('%s @ %s -> %s', (a, b, want) => {
    expect(dot(t(a, [2, 3]), t(b, [3])).dtype).toBe(want);
    expect(matmul(t(a, [2, 3]), t(b, [3, 2])).dtype).toBe(want);
    expect(tensordot(t(a, [2, 3]), t(b, [3, 2]), 1).dtype).toBe(want);
    expect(batchedDot(t(a, [2, 3]), t(b, [2, 3])).dtype).toBe(want);
  });
  test('0-d operands multiply elementwise', () => {
    const out = dot(3, [1.5, 2]);
    expect(out.ndim).toBe(1);
    expect(out.evalNested()).toEqual([4.5, 6]);
  });
});

describe('static shapes of the results', () => {
  test.each([
    [[2, 3], [3, 4], [2, 4]], [[null, 3], [3], [null]], [[3], [3, null], [null]], [[2, 3, 4], [5, 4, 6], [2, 3, 5, 6]], [[2, null, 4], [4], [2, null]],
  ] as const)('dot %j %j', (xs, ys, want) => {
    expect(dot(t('float64', [...xs]), t('float64', [...ys])).type.shape).toEqual(want);
  });
  test('matmul broadcasts known batch lengths; a 1 gives way to an unknown length', () => {
    expect(matmul(t('float64', [5, 1, 2, 3]), t('float64', [4, 3, 2])).type.shape).toEqual([5, 4, 2, 2]);
    expect(matmul(t('float64', [1, 2, 3]), t('float64', [null, 3, 2])).type.shape).toEqual([null, 2, 2]);
    expect(matmul(t('float64', [3]), t('float64', [7, 3, 2])).type.shape).toEqual([7, 2]);
  });
  test('tensordot of the reference example', () => {
    expect(tensordot(t('float64', [2, 3, 4]), t('float64', [5, 6, 4, 3]), [[1, 2], [3, 2]]).type.shape).toEqual([2, 5, 6]);
    expect(tensordot(t('float64', [2, 3, 4]), t('float64', [5, 6, 4, 3]), 0).type.shape).toEqual([2, 3, 4, 5, 6, 4, 3]);
  });
  test('batched results keep the batch length', () => {
    expect(batchedDot(t('float64', [null, 2, 3]), t('float64', [4, 3, 5])).type.shape).toEqual([4, 2, 5]);
    expect(batchedTensordot(t('float64', [4, 2, 3, 5]), t('float64', [4, 5, 3, 6]), [[2, 3], [2, 1]]).type.shape).toEqual([4, 2, 6]);
  });
});

describe('inferShape', () => {
  const cases: [string, () => TensorVariable, number[][], number[]][] = [
    ['Dot mm', () => new Dot().call(t('float64', [null, null]), t('float64', [null, null])) as TensorVariable, [[2, 3], [3, 4]], [2, 4]],
    ['Dot mv', () => new Dot().call(t('float64', [null, null]), t('float64', [null])) as TensorVariable, [[2, 3], [3]], [2]],
    ['Dot vm', () => new Dot().call(t('float64', [null]), t('float64', [null, null])) as TensorVariable, [[3], [3, 4]], [4]],
    ['Dot vv', () => new Dot().call(t('float64', [null]), t('float64', [null])) as TensorVariable, [[3], [3]], []],
    ['MatMul', () => new MatMul().call(t('float64', [null, 1, null, null]), t('float64', [null, null, null])) as TensorVariable, [[5, 1, 2, 3], [4, 3, 6]], [5, 4, 2, 6]],
    ['BatchedDot', () => new BatchedDot().call(t('float64', [null, null]), t('float64', [null, null, null])) as TensorVariable, [[4, 3], [4, 3, 5]], [4, 5]],
    ['Gemm', () => gemmNoInplace(t('float64', [null, null]), 1, t('float64', [null, null]), t('float64', [null, null]), 1), [[2, 4], [], [2, 3], [3, 4], []], [2, 4]],
    ['Gemv', () => gemvNoInplace(t('float64', [null]), 1, t('float64', [null, null]), t('float64', [null]), 1), [[2], [], [2, 3], [3], []], [2]],
    ['Ger', () => ger(t('float64', [null, null]), 1, t('float64', [null]), t('float64', [null])), [[2, 3], [], [2], [3]], [2, 3]],
  ];
  test.each(cases)('%s', (_name, build, inShapes, want) => {
    const node = build().owner!;
    expect(node.op.inferShape!(undefined, node, inShapes)).toEqual([want]);
  });
});

describe('errors', () => {
  test('Dot refuses non-tensors and tensors of other ranks', () => {
    const e = thrown(() => new Dot().call(t('float64', [2, 2, 2]), t('float64', [2])));
    expect(e).toBeInstanceOf(TypeMismatchError);
    expect(e.message).toMatch(/^Dot: input 0 expected a vector or a matrix/);
    expect(() => new Dot().call(t('float64', []), t('float64', [2]))).toThrow(TypeMismatchError);
  });
  test('MatMul refuses fewer than 2 dimensions', () => {
    expect(() => new MatMul().call(t('float64', [2]), t('float64', [2, 2]))).toThrow(/MatMul: input 0 expected a tensor with at least 2 dimensions/);
  });
  test('BatchedDot refuses other ranks and different batch lengths', () => {
    expect(() => new BatchedDot().call(t('float64', [2]), t('float64', [2, 2]))).toThrow(TypeMismatchError);
    const x = t('float64', [null, 2, 3], 'x');
    const y = t('float64', [null, 3, 2], 'y');
    const e = thrown(() => run(batchedDot(x, y), [[x, f64([2, 2, 3], new Array(12).fill(1))], [y, f64([3, 3, 2], new Array(18).fill(1))]]));
    expect(e).toBeInstanceOf(NodeError);
    expect((e as NodeError).cause).toBeInstanceOf(ShapeError);
    expect(e.message).toContain('Shapes must match in the 0-th dimension: shapes (2,2,3) and (3,3,2)');
  });
  test('batchedDot needs a batch axis', () => {
    expect(() => batchedDot(t('float64', []), t('float64', [2]))).toThrow(ArgumentError);
    expect(() => batchedTensordot(t('float64', [3, 2]), t('float64', [3, 2]), [[0], [0]])).toThrow(/do not include the batch axis 0/);
    expect(() => batchedTensordot(t('float64', [3, 2]), t('float64', [3, 2]), 2)).toThrow(/at most a.ndim - 1/);
  });
  test('tensordot axes: out of range, repeated, unequal lists, too many', () => {
    const a = t('float64', [2, 3]);
    const b = t('float64', [3, 2]);
    expect(() => tensordot(a, b, [[2], [0]])).toThrow(AxisError);
    expect(() => tensordot(a, b, [[0, 0], [0, 1]])).toThrow(/each axis at most once/);
    expect(() => tensordot(a, b, [[0, 1], [0]])).toThrow(/two lists of the same length/);
    expect(() => tensordot(a, b, 3)).toThrow(/at most a.ndim = 2 axes/);
    expect(() => tensordot(a, b, [0] as never)).toThrow(/an integer or a pair of axis lists/);
    expect(tensordot(a, b, [[-1], [-2]]).type.shape).toEqual([2, 2]);
  });
  test('tensordot over several axes checks each length at run time (equal products are not enough)', () => {
    const a = t('float64', [null, null], 'a');
    const b = t('float64', [null, null], 'b');
    const out = tensordot(a, b, [[0, 1], [0, 1]]);
    const e = thrown(() => run(out, [[a, f64([2, 3], [1, 2, 3, 4, 5, 6])], [b, f64([3, 2], [1, 2, 3, 4, 5, 6])]]));
    expect((e as NodeError).cause).toBeInstanceOf(ShapeError);
    expect(run(out, [[a, f64([2, 3], [1, 2, 3, 4, 5, 6])], [b, f64([2, 3], [1, 1, 1, 1, 1, 1])]]).get()).toBe(21);
  });
  test('the BLAS Ops take float32 or float64 only, all arrays of one dtype', () => {
    const m32 = t('float32', [2, 2]);
    const m64 = t('float64', [2, 2]);
    expect(() => gemmNoInplace(m64, 1, m32, m64, 1)).toThrow(DtypeError);
    expect(thrown(() => gemmNoInplace(m64, 1, m32, m64, 1)).message).toBe('Gemm{no_inplace}: input 2 expected dtype float64 (the dtype of input 0), got dtype float32');
    expect(() => gemmNoInplace(t('int32', [2, 2]), 1, t('int32', [2, 2]), t('int32', [2, 2]), 1)).toThrow(/float32 or float64 \(the BLAS dtypes/);
    expect(() => gemmNoInplace(t('complex128', [2, 2]), 1, t('complex128', [2, 2]), t('complex128', [2, 2]), 1)).toThrow(DtypeError);
    expect(() => gemmNoInplace(m32, t('float64', []), m32, m32, 1)).toThrow(/input 1 expected a real scalar whose dtype casts safely to float32/);
    expect(() => gemmNoInplace(m64, t('float64', [1]), m64, m64, 1)).toThrow(/input 1 expected a 0-d tensor/);
    expect(() => gemvNoInplace(t('float64', [2]), 1, m64, t('float32', [2]), 1)).toThrow(DtypeError);
    expect(() => ger(m64, 1, t('float64', [2]), t('float64', [2, 2]))).toThrow(TypeMismatchError);
  });
  test('the BLAS Ops check shapes statically and at run time', () => {
    expect(() => gemmNoInplace(t('float64', [2, 2]), 1, t('float64', [2, 3]), t('float64', [4, 2]), 1)).toThrow('shapes (2,3) and (4,2) not aligned: 3 (dim 1) != 4 (dim 0)');
    expect(() => gemmNoInplace(t('float64', [3, 2]), 1, t('float64', [2, 3]), t('float64', [3, 2]), 1)).toThrow(/input 0 expected z: rows of length 2, got shape \(3,2\)/);
    expect(() => gemvNoInplace(t('float64', [3]), 1, t('float64', [2, 4]), t('float64', [4]), 1)).toThrow(ShapeError);
    expect(() => ger(t('float64', [2, 3]), 1, t('float64', [2]), t('float64', [4]))).toThrow(ShapeError);
    const z = t('float64', [null, null], 'z');
    const out = gemmNoInplace(z, 1, z, z, 1);
    const e = thrown(() => run(out, [[z, f64([2, 3], new Array(6).fill(1))]]));
    expect((e as NodeError).cause).toBeInstanceOf(ShapeError);
  });
});

describe('BLAS Ops: in place only when asked', () => {
  const zv = () => f64([2, 2], [1, 2, 3, 4]);
  const xv = f64([2, 3], [1, 0, 2, 0, 1, 1]);
  const yv = f64([3, 2], [1, 1, 2, 0, 0, 3]);
  // x @ y = [[1, 7], [2, 3]]
  test('Gemm{no_inplace} leaves z alone; Gemm{inplace} writes z and returns it', () => {
    const z = t('float64', [2, 2], 'z');
    const x = t('float64', [2, 3], 'x');
    const y = t('float64', [3, 2], 'y');
    const z0 = zv();
    const out = run(gemmNoInplace(z, 2, x, y, 0.5), [[z, z0], [x, xv], [y, yv]]);
    expect(elements(out)).toEqual([2.5, 15, 5.5, 8]);
    expect(elements(z0)).toEqual([1, 2, 3, 4]);
    const inplace = gemmInplace(z, 2, x, y, 0.5);
    expect(inplace.owner!.op.destroyMap).toEqual({ 0: [0] });
    expect(new Gemm(false).destroyMap).toEqual({});
    const z1 = zv();
    const res = run(inplace, [[z, z1], [x, xv], [y, yv]]);
    expect(res).toBe(z1);
    expect(elements(z1)).toEqual([2.5, 15, 5.5, 8]);
  });
  test('Gemm{inplace} on a strided z writes through its strides', () => {
    const z = t('float64', [2, 2], 'z');
    const x = t('float64', [2, 3], 'x');
    const y = t('float64', [3, 2], 'y');
    const zs = layOut('float64', [2, 2], [1, 2, 3, 4], 'f');
    run(gemmInplace(z, 1, x, y, 1), [[z, zs], [x, xv], [y, yv]]);
    expect(elements(zs)).toEqual([2, 9, 5, 7]);
  });
  test('Gemm{inplace} with x aliasing z reads x before writing z', () => {
    const z = t('float64', [2, 2], 'z');
    const z0 = f64([2, 2], [1, 2, 3, 4]);
    run(gemmInplace(z, 1, z, z, 0), [[z, z0]]);
    expect(elements(z0)).toEqual([7, 10, 15, 22]);
  });
  test('Gemv and Ger', () => {
    const y = t('float64', [2], 'y');
    const A = t('float64', [2, 3], 'A');
    const x = t('float64', [3], 'x');
    const y0 = f64([2], [1, -1]);
    const x0 = f64([3], [1, 2, 3]);
    const before = copyArray(xv);
    expect(elements(run(gemvNoInplace(y, 1, A, x, 2), [[y, y0], [A, xv], [x, x0]]))).toEqual([9, 3]);
    expect(elements(y0)).toEqual([1, -1]);
    expect(elements(xv)).toEqual(elements(before));
    expect(gemvInplace(y, 1, A, x, 2).owner!.op.destroyMap).toEqual({ 0: [0] });
    expect(new Gemv(false).destroyMap).toEqual({});
    expect(run(gemvInplace(y, 1, A, x, 2), [[y, y0], [A, xv], [x, x0]])).toBe(y0);
    expect(elements(y0)).toEqual([9, 3]);
    const A0 = f64([2, 3], [0, 0, 0, 1, 1, 1]);
    const u = t('float64', [2], 'u');
    expect(elements(run(ger(A, 2, u, x), [[A, A0], [u, f64([2], [1, -1])], [x, x0]]))).toEqual([2, 4, 6, -1, -3, -5]);
    expect(elements(A0)).toEqual([0, 0, 0, 1, 1, 1]);
    expect(new Ger(true).destroyMap).toEqual({ 0: [0] });
    expect(new Ger(false).destroyMap).toEqual({});
    expect(run(gerDestructive(A, 2, u, x), [[A, A0], [u, f64([2], [1, -1])], [x, x0]])).toBe(A0);
    expect(elements(A0)).toEqual([2, 4, 6, -1, -3, -5]);
  });
  test('a JS number for alpha/beta is rounded to the array dtype', () => {
    const z = t('float32', [1, 1], 'z');
    const out = gemmNoInplace(z, 0.1, z, z, 0);
    expect(out.owner!.inputs[1]!.type).toEqual(new TensorType('float32', []));
  });
});

describe('values that need no fixture', () => {
  test('dot and matmul never modify their inputs and return fresh arrays', () => {
    const x = t('float64', [null, null], 'x');
    const xs = layOut('float64', [2, 2], [1, 2, 3, 4], 'rev');
    const out = run(matmul(x, x), [[x, xs]]);
    expect(elements(xs)).toEqual([1, 2, 3, 4]);
    expect(elements(out)).toEqual([7, 10, 15, 22]);
    expect(out.data).not.toBe(xs.data);
  });
  test('k = 0 gives zeros of the output shape', () => {
    const a = new TensorType('int64', [3, 0]).makeConstant(fromRaw('int64', new BigInt64Array(0), [3, 0]));
    const b = new TensorType('int64', [0, 2]).makeConstant(fromRaw('int64', new BigInt64Array(0), [0, 2]));
    expect(dot(a, b).evalNested()).toEqual([[0n, 0n], [0n, 0n], [0n, 0n]]);
    expect(matmul(a, b).evalNested()).toEqual([[0n, 0n], [0n, 0n], [0n, 0n]]);
  });
  test('outer flattens its inputs', () => {
    expect(outer([[1, 2], [3, 4]], [1, 10]).evalNested()).toEqual([[1, 10], [2, 20], [3, 30], [4, 40]]);
  });
});

describe('Gemm with a z that broadcasts at run time', () => {
  // Elemwise broadcasts a length-1 dimension whose static length is unknown, so
  // the gemm rewrite of z + a * dot(x, y) meets such a z: Gemm must agree.
  it.each([false, true])('z of shape (1, n) or (m, 1) (inplace: %s): beta * z broadcast + alpha * x @ y, z untouched', (inplace) => {
    const z = new TensorType('float64', [null, null]).makeVariable('z');
    const x = new TensorType('float64', [null, null]).makeVariable('x');
    const y = new TensorType('float64', [null, null]).makeVariable('y');
    const out = new Gemm(inplace).call(z, new TensorType('float64', []).makeConstant(fromRaw('float64', new Float64Array([2]), [])), x, y, new TensorType('float64', []).makeConstant(fromRaw('float64', new Float64Array([3]), []))) as TensorVariable;
    const xv = fromRaw('float64', new Float64Array([1, 2, 3, 4]), [2, 2]);
    const yv = fromRaw('float64', new Float64Array([1, 0, 0, 1]), [2, 2]);
    for (const [zv, want] of [
      [fromRaw('float64', new Float64Array([10, 20]), [1, 2]), [32, 64, 36, 68]],
      [fromRaw('float64', new Float64Array([10, 20]), [2, 1]), [32, 34, 66, 68]],
    ] as const) {
      const before = Array.from(zv.data as Float64Array);
      const r = out.eval([[z, zv], [x, xv], [y, yv]]) as ReturnType<typeof fromRaw>;
      expect(r.shape).toEqual([2, 2]);
      expect(Array.from(copyArray(r).data as Float64Array)).toEqual(want);
      expect(Array.from(zv.data as Float64Array)).toEqual(before);
    }
  });
});
