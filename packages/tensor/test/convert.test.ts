import * as fs from 'node:fs';
import * as path from 'node:path';
import { DtypeError, ShapeError, TypeMismatchError, config } from '@proj/graph';
import { TensorType } from '../src/type/tensor-type';
import { castArray, toNDArray } from '../src/value/convert';
import { BigIntNDArray, copyArray, fromRaw, rawView, toNested } from '../src/value/ndarray';
import { asTensorVariable, autocastNumber, constant } from '../src/basic/as-tensor';
import { TensorConstant, TensorSharedVariable } from '../src/variable/tensor-variable';

const autocast = (JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'dtypes.json'), 'utf8')) as {
  autocast: { ints: [number, string | null][]; floats: [number, string][] };
}).autocast;

describe('toNDArray', () => {
  it('converts nested arrays with their shape', () => {
    const a = toNDArray([[1, 2, 3], [4, 5, 6]], 'int16');
    expect(a.dtype).toBe('int16');
    expect(a.shape).toEqual([2, 3]);
    expect(toNested(a)).toEqual([[1, 2, 3], [4, 5, 6]]);
  });

  it('converts scalars to 0-d arrays and empty lists to shape (0,)', () => {
    expect(toNDArray(3.5, 'float64').shape).toEqual([]);
    expect(toNested(toNDArray(3.5, 'float64'))).toBe(3.5);
    expect(toNDArray([], 'float64').shape).toEqual([0]);
    expect(toNDArray([[], []], 'int8').shape).toEqual([2, 0]);
  });

  it('refuses lossy conversions with a DtypeError naming the value', () => {
    expect(() => toNDArray([1.5], 'int32')).toThrow(DtypeError);
    expect(() => toNDArray([1.5], 'int32')).toThrow(/1\.5 \(not an integer\)/);
    expect(() => toNDArray(300, 'int8')).toThrow(/outside the int8 range/);
    expect(() => toNDArray(0.1, 'float32')).toThrow(/rounds in float32/);
    expect(() => toNDArray(-1, 'uint8')).toThrow(/outside the uint8 range/);
    expect(toNested(toNDArray(2 ** 60, 'int64'))).toBe(2n ** 60n);
  });

  it('allows lossy conversions with allowDowncast', () => {
    expect(toNested(toNDArray([1.7, -1.7], 'int32', { allowDowncast: true }))).toEqual([1, -1]);
    expect(toNested(toNDArray(0.1, 'float32', { allowDowncast: true }))).toBeCloseTo(0.1, 6);
  });

  it('keeps int64 values exact through BigInt', () => {
    const big = 2n ** 62n + 1n;
    const a = toNDArray([big, -big], 'int64');
    expect(a).toBeInstanceOf(BigIntNDArray);
    expect(toNested(a)).toEqual([big, -big]);
    expect(() => toNDArray([2n ** 63n], 'int64')).toThrow(/outside the int64 range/);
    expect(toNested(toNDArray([2n ** 64n - 1n], 'uint64'))).toEqual([2n ** 64n - 1n]);
  });

  it('converts booleans and complex numbers', () => {
    expect(toNested(toNDArray([true, false], 'bool'))).toEqual([true, false]);
    expect(toNested(toNDArray([{ re: 1, im: -2 }, 3], 'complex128'))).toEqual([[1, -2], [3, 0]]);
    expect(() => toNDArray([{ re: 1, im: 2 }], 'float64')).toThrow(/imaginary part/);
  });

  it('checks ragged nested arrays', () => {
    expect(() => toNDArray([[1, 2], [3]], 'float64')).toThrow(ShapeError);
    expect(() => toNDArray([[1, 2], 3], 'float64')).toThrow(/ragged/);
  });

  it('converts typed arrays by their dtype (safe casts only)', () => {
    expect(toNDArray(new Int8Array([1, 2]), 'float32').dtype).toBe('float32');
    expect(() => toNDArray(new Float64Array([1]), 'float32')).toThrow(/Float64Array \(float64\)/);
  });

  it('converts ndarrays of other dtypes only when the cast is safe', () => {
    const i8 = toNDArray([1, 2], 'int8');
    expect(toNDArray(i8, 'int32').dtype).toBe('int32');
    expect(() => toNDArray(toNDArray([1.5], 'float64'), 'float32')).toThrow(/dtype casts safely to float32.*float64/);
    expect(toNDArray(i8, 'int8')).toBe(i8);
  });
});

describe('castArray and strided values', () => {
  it('casts like NumPy astype (truncation, bool as != 0)', () => {
    const a = toNDArray([-1.7, 0, 2.9], 'float64');
    expect(toNested(castArray(a, 'int32'))).toEqual([-1, 0, 2]);
    expect(toNested(castArray(a, 'bool'))).toEqual([true, false, true]);
    expect(toNested(castArray(a, 'int64'))).toEqual([-1n, 0n, 2n]);
    expect(toNested(castArray(a, 'complex64'))).toEqual([[Math.fround(-1.7), 0], [0, 0], [Math.fround(2.9), 0]]);
  });

  it('copies strided views (negative and zero strides) contiguously', () => {
    const raw = new Float64Array([1, 2, 3, 4, 5, 6]);
    const reversed = fromRaw('float64', raw, [3], [-2], 4); // 5, 3, 1
    expect(toNested(reversed)).toEqual([5, 3, 1]);
    const c = copyArray(reversed);
    expect(c.strides).toEqual([1]);
    expect(toNested(c)).toEqual([5, 3, 1]);
    const bcast = fromRaw('float64', raw, [2, 3], [0, 1], 0);
    expect(toNested(bcast)).toEqual([[1, 2, 3], [1, 2, 3]]);
  });

  it('gives raw views of complex values with doubled strides', () => {
    const z = toNDArray([{ re: 1, im: 2 }, { re: 3, im: 4 }], 'complex128');
    const v = rawView(z);
    expect(v.width).toBe(2);
    expect(Array.from(v.data as Float64Array)).toEqual([1, 2, 3, 4]);
    expect(v.strides).toEqual([2]);
  });
});

describe('TensorType.filter', () => {
  const t = new TensorType('float32', [null, 2]);

  it('converts and checks ndim and static shape', () => {
    expect(t.filter([[1, 2]]).shape).toEqual([1, 2]);
    expect(() => t.filter([1, 2])).toThrow(/expected 2 dimensions, got 1 dimensions/);
    expect(() => t.filter([[1, 2, 3]])).toThrow(/expected shape \(\?, 2\), got shape \(1, 3\)/);
  });

  it('is strict when asked', () => {
    expect(() => t.filter([[1, 2]], { strict: true })).toThrow(TypeMismatchError);
    const v = toNDArray([[1, 2]], 'float32');
    expect(t.filter(v, { strict: true })).toBe(v);
  });

  it('refuses a lossy conversion unless allowDowncast', () => {
    expect(() => t.filter([[0.1, 2]])).toThrow(DtypeError);
    expect(t.filter([[0.1, 2]], { allowDowncast: true }).dtype).toBe('float32');
  });

  it('compares Types by dtype and static shape', () => {
    expect(new TensorType('float32', [null, 2]).equals(t)).toBe(true);
    expect(new TensorType('float64', [null, 2]).equals(t)).toBe(false);
    expect(t.isSuperType(new TensorType('float32', [5, 2]))).toBe(true);
    expect(new TensorType('float32', [5, 2]).isSuperType(t)).toBe(false);
    expect(t.broadcastable).toEqual([false, false]);
    expect(new TensorType('int8', [1, null]).broadcastable).toEqual([true, false]);
    expect(String(t)).toBe('TensorType(float32, shape=(?, 2))');
  });

  it('names an unknown dtype', () => {
    expect(() => new TensorType('float16' as never)).toThrow(DtypeError);
  });
});

describe('autocasting of JS numbers (PyTensor rules, NumPy-checked)', () => {
  it.each(autocast.ints.filter(([, d]) => d !== null))('integer %p is %p', (v, d) => {
    expect(autocastNumber(v)).toBe(d);
  });

  it.each(autocast.floats)('float %p is %p', (v, d) => {
    expect(autocastNumber(v)).toBe(d);
  });

  it('uses floatX=float32 for every float', () => {
    config.changeFlags({ floatX: 'float32' }, () => expect(autocastNumber(0.1)).toBe('float32'));
  });
});

describe('constant and asTensorVariable', () => {
  it('copies the value so later changes do not reach the graph', () => {
    const raw = new Float64Array([1, 2]);
    const c = constant(raw);
    raw[0] = 99;
    expect(toNested(c.data)).toEqual([1, 2]);
  });

  it('infers the dtype as PyTensor autocasts', () => {
    expect(constant(1).dtype).toBe('int8');
    expect(constant([1, 300]).dtype).toBe('int16');
    expect(constant([0.5, 1]).dtype).toBe('float32');
    expect(constant([0.1, 1]).dtype).toBe('float64');
    expect(constant([true, false]).dtype).toBe('bool');
    expect(constant([1n]).dtype).toBe('int64');
    expect(constant([[1.5, 2]]).type.shape).toEqual([1, null]);
    expect(constant(3, { dtype: 'float64' }).dtype).toBe('float64');
  });

  it('merges equal constants by signature', () => {
    expect(constant([1, 2]).signature()).toBe(constant([1, 2]).signature());
    expect(constant([1, 2]).signature()).not.toBe(constant([1, 3]).signature());
    expect(constant([1, 2]).signature()).not.toBe(constant([1, 2], { dtype: 'float64' }).signature());
  });

  it('passes tensors through and rejects non-tensors', () => {
    const x = new TensorType('float64', [null]).makeVariable('x');
    expect(asTensorVariable(x)).toBe(x);
    expect(asTensorVariable(2)).toBeInstanceOf(TensorConstant);
    expect(() => asTensorVariable('a')).toThrow(TypeMismatchError);
    expect(() => asTensorVariable(x, { ndim: 2 })).toThrow(/2 dimensions/);
  });

  it('evaluates constants and shared variables with their own values', () => {
    const t = new TensorType('float64', [null]);
    const s = new TensorSharedVariable(t, [1, 2], { name: 's' });
    expect(s.evalNested()).toEqual([1, 2]);
    s.setValue([3]);
    expect(s.evalNested()).toEqual([3]);
    const got = s.getValue();
    (got.data as Float64Array)[0] = 100;
    expect(s.evalNested()).toEqual([3]);
    expect(constant([4, 5]).evalNested()).toEqual([4, 5]);
  });
});

describe('constant of a scalar with more dimensions', () => {
  it('pt.constant(0, { ndim: 2 }) is a (1, 1) constant', () => {
    const c = constant(0, { ndim: 2 });
    expect(c.type.ndim).toBe(2);
    expect(c.data.shape).toEqual([1, 1]);
    expect(toNested(c.data)).toEqual([[0]]);
  });
});
