/** Reductions: Op construction, errors, static shapes, inferShape, kernels on strided values, exact int64. */
import { ArgumentError, DtypeError, NodeError, TypeMismatchError, Variable, generic } from '@proj/graph';
import { constant } from '../src/basic/as-tensor';
import { scalarAdd, scalarMul } from '../src/scalar/arith';
import { ScalarOp } from '../src/scalar/scalar-op';
import { TensorType } from '../src/type/tensor-type';
import { fromRaw, toNested, type NDArray } from '../src/value/ndarray';
import type { TensorVariable } from '../src/variable/tensor-variable';
import { Argmax, MaxAndArgmax, argmax, argmin, maxAndArgmax } from '../src/reduce/argmax';
import { AxisError, keepDimsPattern, normalizeAxes } from '../src/reduce/axis';
import { CAReduce } from '../src/reduce/careduce';
import { argReduceKernel, careduceKernel } from '../src/reduce/careduce-kernel';
import { all, any, max, min, ptp } from '../src/reduce/max';
import { ReducedCount, mean, std, var_ } from '../src/reduce/mean';
import { All, Any, Max, Min, Prod, Sum } from '../src/reduce/reduce-ops';
import { prod, sum } from '../src/reduce/sum';

const t3 = (dtype: 'float64' | 'int8' | 'complex128' = 'float64', shape: (number | null)[] = [2, 3, 4]) => new TensorType(dtype, shape).makeVariable('x');

describe('axis handling', () => {
  it('normalises undefined/null, ints, negative ints and lists', () => {
    expect(normalizeAxes('f', undefined, 3)).toBeNull();
    expect(normalizeAxes('f', null, 3)).toBeNull();
    expect(normalizeAxes('f', -1, 3)).toEqual([2]);
    expect(normalizeAxes('f', [2, -3], 3)).toEqual([0, 2]);
    expect(keepDimsPattern([0, 2], 3)).toEqual(['x', 0, 'x']);
    expect(keepDimsPattern(null, 2)).toEqual(['x', 'x']);
  });

  it.each([
    ['pt.sum', () => sum(t3(), { axis: 3 }), /pt\.sum: argument 'axis' expected an axis in \[-3, 3\) for a 3-d input, got axis 3 \(ndim 3\)/],
    ['pt.max', () => max(t3(), { axis: -4 }), /pt\.max.*axis -4 \(ndim 3\)/],
    ['pt.mean', () => mean(t3(), { axis: [0, 5] }), /pt\.mean.*axis 5/],
    ['pt.argmax', () => argmax(t3(), { axis: 7 }), /pt\.argmax.*axis 7 \(ndim 3\)/],
    ['pt.var', () => var_(t3(), { axis: 3 }), /pt\.var/],
    ['pt.prod (repeated)', () => prod(t3(), { axis: [1, -2] }), /pt\.prod.*distinct axes.*repeated/],
    ['pt.all (non-integer)', () => all(t3(), { axis: 1.5 }), /pt\.all.*integer axes/],
    ['pt.sum on a 0-d input', () => sum(constant(2.5), { axis: 0 }), /pt\.sum: argument 'axis' expected no axis for a 0-d input \(undefined, null or \[\]\), got axis 0 \(ndim 0\)/],
  ])('%s: a bad axis is an AxisError naming the function, the axis and ndim', (_n, f, msg) => {
    expect(f).toThrow(AxisError);
    expect(f).toThrow(ArgumentError);
    expect(f).toThrow(msg);
  });

  it('Ops check their axis props and the input ndim', () => {
    expect(() => new Sum([-1])).toThrow(AxisError);
    expect(() => new Max([1, 1])).toThrow(/distinct/);
    expect(() => new Argmax([0, 0])).toThrow(AxisError);
    expect(() => new Sum([3]).call(t3())).toThrow(/Sum\{axis=3\}: argument 'axis' expected axes in \[0, 3\) for a 3-d input/);
    expect(() => new MaxAndArgmax([4]).call(t3())).toThrow(AxisError);
  });
});

describe('Op checks', () => {
  it('refuses non-tensors with a TypeMismatchError naming the Op', () => {
    const g = new Variable(generic);
    expect(() => new Sum(null).call(g)).toThrow(TypeMismatchError);
    expect(() => new Sum(null).call(g)).toThrow(/Sum\{axes=None\}: input 0 expected a tensor/);
    expect(() => new Argmax(null).call(g)).toThrow(TypeMismatchError);
    expect(() => new ReducedCount(null, 'float64').call(g)).toThrow(TypeMismatchError);
  });

  it('refuses complex for max/min/argmax and var/std, with a DtypeError', () => {
    const z = t3('complex128');
    expect(() => max(z)).toThrow(DtypeError);
    expect(() => min(z, { axis: 1 })).toThrow(/Min\{axis=1\}: input 0 expected/);
    expect(() => argmax(z)).toThrow(/Argmax\{axes=None\}: input 0 expected a real dtype/);
    expect(() => maxAndArgmax(z)).toThrow(DtypeError);
    expect(() => var_(z)).toThrow(/pt\.var: input 0 expected a real dtype, got complex128/);
    expect(() => std(z)).toThrow(DtypeError);
    expect(() => ptp(constant([true, false]))).toThrow(DtypeError);
  });

  it('refuses an accumulator that loses precision (PyTensor _acc_dtype)', () => {
    expect(() => sum(t3(), { accDtype: 'float32' })).toThrow(DtypeError);
    expect(() => sum(t3(), { accDtype: 'float32' })).toThrow(/Sum\{axes=None, accDtype=float32\}: argument 'accDtype' expected an accumulator at least as precise as the input dtype float64/);
    expect(() => prod(t3('int8'), { accDtype: 'uint8' })).toThrow(DtypeError);
    expect(sum(t3('int8'), { accDtype: 'float32' }).dtype).toBe('int64');
    expect(() => var_(t3(), { ddof: -1 })).toThrow(/pt\.var: argument 'ddof' expected a non-negative number, got -1/);
  });

  it('gives PyTensor output dtypes', () => {
    const of = (dtype: string) => new TensorType(dtype as 'int8', [3]).makeVariable();
    expect(sum(of('int8')).dtype).toBe('int64');
    expect(sum(of('bool')).dtype).toBe('int64');
    expect(sum(of('uint16')).dtype).toBe('uint64');
    expect(sum(of('int64')).dtype).toBe('int64');
    expect(sum(of('float32')).dtype).toBe('float32');
    expect(prod(of('uint8')).dtype).toBe('uint64');
    expect(sum(of('int8'), { dtype: 'int16' }).dtype).toBe('int16');
    expect(mean(of('int8')).dtype).toBe('float64');
    expect(mean(of('float32')).dtype).toBe('float32');
    expect(mean(of('complex64')).dtype).toBe('complex64');
    expect(var_(of('int16')).dtype).toBe('float64');
    expect(std(of('float32')).dtype).toBe('float32');
    expect(max(of('uint8')).dtype).toBe('uint8');
    expect(min(of('bool')).dtype).toBe('bool');
    expect(argmax(of('float32')).dtype).toBe('int64');
    expect(all(of('float64')).dtype).toBe('bool');
    expect(any(of('int8')).dtype).toBe('bool');
  });

  it('is a value: equal for equal props, printed as PyTensor does', () => {
    expect(new Sum([0, 2]).equals(new Sum([2, 0]))).toBe(true);
    expect(new Sum([0]).equals(new Prod([0]))).toBe(false);
    expect(new Sum([0]).equals(new Sum([1]))).toBe(false);
    expect(new Sum(null).name).toBe('Sum{axes=None}');
    expect(new Max([1]).toString()).toBe('Max{axis=1}');
    expect(new All([0, 2]).name).toBe('All{axes=[0, 2]}');
    expect(new Sum([1], { dtype: 'float32' }).name).toBe('Sum{axis=1, dtype=float32}');
    expect(new CAReduce(scalarMul, [0]).name).toBe('CAReduce{mul, axis=0}');
    expect(new Argmax(null).name).toBe('Argmax{axes=None}');
  });
});

describe('static shapes and inferShape', () => {
  it('drops the reduced axes, and keepdims puts back length-1 axes', () => {
    const x = t3('float64', [2, null, 4]);
    expect(sum(x, { axis: 1 }).type.shape).toEqual([2, 4]);
    expect(sum(x, { axis: [0, 2], keepdims: true }).type.shape).toEqual([1, null, 1]);
    expect(max(x).type.shape).toEqual([]);
    expect(argmax(x, { axis: -1, keepdims: true }).type.shape).toEqual([2, null, 1]);
    expect(mean(x, { axis: [] }).type.shape).toEqual([2, null, 4]);
    const [m, i] = maxAndArgmax(x, { axis: 0 });
    expect(m.type.shape).toEqual([null, 4]);
    expect(i.type.shape).toEqual([null, 4]);
  });

  it('inferShape of every Op', () => {
    const x = t3('float64', [null, null, null]);
    const s = [5, 6, 7] as const;
    for (const op of [new Sum([1]), new Prod([0, 2]), new Max(null), new Min([2]), new All([0]), new Any([1, 2]), new CAReduce(scalarAdd, [0])]) {
      const node = op.makeNode(x);
      const reduced = op.axis ?? [0, 1, 2];
      expect(op.inferShape(undefined, node, [s])).toEqual([s.filter((_, d) => !reduced.includes(d))]);
    }
    const am = new MaxAndArgmax([1]).makeNode(x);
    expect(am.op.inferShape!(undefined, am, [s])).toEqual([[5, 7], [5, 7]]);
    const ai = new Argmax(null).makeNode(x);
    expect(ai.op.inferShape!(undefined, ai, [s])).toEqual([[]]);
    const rc = new ReducedCount([0], 'float64').makeNode(x);
    expect(rc.op.inferShape!(undefined, rc, [s])).toEqual([[]]);
  });

  it('mean/var of unknown shapes count the elements at run time (ReducedCount)', () => {
    const x = new TensorType('float64', [null, null]).makeVariable('x');
    const value = [[1, 2, 3], [4, 5, 9]];
    expect(mean(x, { axis: 1 }).evalNested({ x: value })).toEqual([2, 6]);
    expect(var_(x, { axis: 0, ddof: 1 }).evalNested({ x: value })).toEqual([4.5, 4.5, 18]);
    expect(toNested(new ReducedCount([0, 1], 'float32', 2).call(x).eval({ x: value }) as NDArray)).toBe(4);
    expect(toNested(new ReducedCount([0], 'float64', 5).call(x).eval({ x: value }) as NDArray)).toBe(0);
  });
});

describe('kernels', () => {
  it('reduce strided values with negative strides and offsets, leaving the input unchanged', () => {
    // [[1, 2, 3], [4, 5, 6]] stored reversed along both axes.
    const data = new Float64Array([6, 5, 4, 3, 2, 1]);
    const x = fromRaw('float64', data, [2, 3], [-3, -1], 5);
    expect(toNested(x)).toEqual([[1, 2, 3], [4, 5, 6]]);
    expect(toNested(careduceKernel(scalarAdd, x, [0], 'float64', 'float64', 'Sum'))).toEqual([5, 7, 9]);
    expect(toNested(careduceKernel(scalarMul, x, [1], 'float64', 'float64', 'Prod'))).toEqual([6, 120]);
    const { values, indices } = argReduceKernel('max', x, [0, 1], 'MaxAndArgmax');
    expect(toNested(values)).toBe(6);
    expect(toNested(indices)).toBe(5n);
    expect(Array.from(data)).toEqual([6, 5, 4, 3, 2, 1]);
    // Broadcast (zero-stride) input: every row is the same buffer.
    const b = fromRaw('int8', new Int8Array([1, -2, 3]), [4, 3], [0, 1], 0);
    expect(toNested(careduceKernel(scalarAdd, b, [0], 'int64', 'int64', 'Sum'))).toEqual([4n, -8n, 12n]);
  });

  it('sums int32 exactly past 2^53 and wraps int64 modulo 2^64, as NumPy', () => {
    const n = 5_000_000;
    const big = fromRaw('int32', new Int32Array(n).fill(2147483647), [n]);
    expect(toNested(careduceKernel(scalarAdd, big, [0], 'int64', 'int64', 'Sum'))).toBe(BigInt(n) * 2147483647n);
    const w = fromRaw('int64', BigInt64Array.of(2n ** 62n, 2n ** 62n, 2n ** 62n), [3]);
    expect(sum(constant(w)).evalNested()).toBe(-(2n ** 62n));
  });

  it('NaN propagates through max/min; argmax picks the first NaN', () => {
    const x = constant([1, NaN, 3, NaN], { dtype: 'float64' });
    expect(max(x).evalNested()).toBeNaN();
    expect(min(x).evalNested()).toBeNaN();
    expect(argmax(x).evalNested()).toBe(1n);
    expect(argmin(x).evalNested()).toBe(1n);
    expect(all(x).evalNested()).toBe(true);
  });

  it('empty reductions: sum 0, prod 1, mean NaN; max raises a clear error', () => {
    const e = new TensorType('float64', [null, null]).makeVariable('e');
    const v = { e: fromRaw('float64', new Float64Array(0), [0, 3]) };
    expect(sum(e).evalNested(v)).toBe(0);
    expect(prod(e, { axis: 0 }).evalNested(v)).toEqual([1, 1, 1]);
    expect(mean(e)).toBeDefined();
    expect(mean(e).evalNested(v)).toBeNaN();
    expect(max(e, { axis: 1 }).evalNested(v)).toEqual([]);
    expect(() => max(e).eval(v)).toThrow(NodeError);
    expect(() => max(e, { axis: 0 }).eval(v)).toThrow(/Max\{axis=0\}: input 0 expected non-empty reduced groups \(maximum of an empty group has no identity, as in NumPy\), got shape \(0, 3\) reduced over axes \(0\)/);
    expect(() => argmin(e).eval(v)).toThrow(/Argmin\{axes=None\}.*argmin of an empty group/);
  });

  it('maxAndArgmax gives both outputs in one node', () => {
    const [m, i] = maxAndArgmax(constant([[1, 7, 7], [9, 2, 3]], { dtype: 'int16' }), { axis: 1, keepdims: true });
    expect(m.owner!.inputs[0]!.owner).toBe(i.owner!.inputs[0]!.owner);
    expect(m.evalNested()).toEqual([[7], [9]]);
    expect(i.evalNested()).toEqual([[1n], [0n]]);
  });

  it('all/any read the truth of any dtype (NaN and complex nonzero are true)', () => {
    expect(all(constant([[1, 2], [0, 3]], { dtype: 'int64' }), { axis: 1 }).evalNested()).toEqual([true, false]);
    expect(any(constant([0, NaN], { dtype: 'float64' })).evalNested()).toBe(true);
    expect(any(constant([{ re: 0, im: 0 }, { re: 0, im: 2 }])).evalNested()).toBe(true);
    expect(all(constant([{ re: 0, im: 0 }, { re: 0, im: 2 }])).evalNested()).toBe(false);
    expect(sum(constant([{ re: 1, im: 2 }, { re: 3, im: -1 }])).evalNested()).toEqual([4, 1]);
  });
});

describe('generic CAReduce', () => {
  const sumSq = new ScalarOp({ name: 'sum_sq', nin: 2, impl: (a, b) => a + b * b, implBigInt: (a, b) => a + b * b, implComplex: (a, b) => ({ re: a.re + b.re * b.re - b.im * b.im, im: a.im + 2 * b.re * b.im }), identity: 0 });

  it('folds any binary scalar op with an identity, in number, BigInt and complex accumulators', () => {
    const x = constant([[1, 2], [3, -4]], { dtype: 'float64' });
    expect((new CAReduce(sumSq, [1]).call(x) as TensorVariable).evalNested()).toEqual([5, 25]);
    const i = constant([100, 100], { dtype: 'int8' });
    expect((new CAReduce(sumSq, null).call(i) as TensorVariable).dtype).toBe('int8');
    expect((new CAReduce(sumSq, null).call(i) as TensorVariable).evalNested()).toBe(32); // 20000 wraps to int8
    expect((new CAReduce(sumSq, null, { dtype: 'int64', accDtype: 'int64' }).call(i) as TensorVariable).evalNested()).toBe(20000n);
    expect((new CAReduce(sumSq, null).call(constant([{ re: 1, im: 1 }])) as TensorVariable).evalNested()).toEqual([0, 2]);
  });

  it('refuses scalar ops it cannot fold', () => {
    const noId = new ScalarOp({ name: 'hypot2', nin: 2, impl: (a, b) => Math.hypot(a, b) });
    expect(() => new CAReduce(noId, [0])).toThrow(/CAReduce: argument 'scalarOp' expected a scalar op with an identity/);
    const unary = new ScalarOp({ name: 'neg1', nin: 1, impl: (a) => -a, identity: 0 });
    expect(() => new CAReduce(unary, [0])).toThrow(/binary or variadic/);
  });
});

test('the sum used by Elemwise gradients accepts axis lists and keepdims', () => {
  const x = constant([[1, 2], [3, 4]], { dtype: 'float64' }) as TensorVariable;
  expect(sum(x, { axis: [0], keepdims: true }).evalNested()).toEqual([[4, 6]]);
});
