import { checkOptions, optionKeys, ArgumentError, TypeMismatchError, Variable, config, describeThing } from '@proj/graph';
import { checkDtype, type Dtype } from '../dtype/dtypes';
import { TensorType } from '../type/tensor-type';
import { fromRaw, isNDArray, rawView, type NDArray } from '../value/ndarray';
import { nestedShape, scalarDtype, toNDArray, typedArrayDtype } from '../value/convert';
import { TensorConstant, TensorVariable } from '../variable/tensor-variable';

/** Anything that can stand for a tensor: a TensorVariable, a number, nested arrays, a typed array, an ndarray. */
export type TensorLike = TensorVariable | NDArray | number | bigint | boolean | ArrayBufferView | readonly unknown[] | { re: number; im: number };

/** The smallest integer dtype of int8..int64 that holds `v` (PyTensor's autocast of Python ints). */
function smallestInt(v: number): Dtype {
  if (v >= -128 && v <= 127) return 'int8';
  if (v >= -32768 && v <= 32767) return 'int16';
  if (v >= -2147483648 && v <= 2147483647) return 'int32';
  return 'int64';
}

/**
 * The dtype PyTensor gives a JS number (autocasting): integers get the smallest
 * of int8..int64 that holds them; other numbers float32 when that is exact,
 * else float64 (always floatX when floatX is float32). Integral values count
 * as integers: JS cannot tell 2 from 2.0.
 *
 * @example
 * autocastNumber(1); // 'int8'
 * autocastNumber(0.5); // 'float32'
 * autocastNumber(0.1); // 'float64'
 */
export function autocastNumber(v: number): Dtype {
  if (Number.isInteger(v)) return Math.abs(v) < 2 ** 63 ? smallestInt(v) : 'float64';
  if (config.floatX === 'float32') return 'float32';
  return Number.isNaN(v) || !Number.isFinite(v) || Math.fround(v) === v ? 'float32' : 'float64';
}

/** The dtype a JS value would be given as a constant (the upcast over its elements). */
export function inferDtype(x: unknown): Dtype {
  if (isNDArray(x)) return x.dtype;
  if (ArrayBuffer.isView(x)) {
    const d = typedArrayDtype(x);
    if (d === undefined) throw new TypeMismatchError({ op: 'asTensorVariable', argument: 0, expected: 'a numeric typed array', given: describeThing(x) });
    return d;
  }
  const stack: unknown[] = [x];
  let kind: 'bool' | 'int' | 'float' | 'complex' | undefined;
  let lo = 0;
  let hi = 0;
  let exact32 = true;
  let big = false;
  while (stack.length > 0) {
    const v = stack.pop();
    if (Array.isArray(v)) {
      for (const e of v) stack.push(e);
      continue;
    }
    const sd = scalarDtype(v);
    if (typeof v === 'number' && Number.isInteger(v)) {
      if (kind === undefined || kind === 'bool') kind = 'int';
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    } else if (typeof v === 'bigint') {
      if (kind === undefined || kind === 'bool') kind = 'int';
      big = true;
    } else if (sd === 'bool') {
      kind ??= 'bool';
    } else if (sd === 'float64') {
      if (kind !== 'complex') kind = 'float';
      if (!(Number.isNaN(v) || Math.fround(v as number) === v)) exact32 = false;
    } else if (sd === 'complex128') {
      kind = 'complex';
    } else {
      throw new TypeMismatchError({ op: 'asTensorVariable', argument: 0, expected: 'numbers, BigInts, booleans or nested arrays of them', given: describeThing(v) });
    }
  }
  switch (kind) {
    case undefined:
      return config.floatX; // an empty list, as NumPy gives float64
    case 'bool':
      return 'bool';
    case 'int':
      return big ? 'int64' : Math.max(-lo, hi) >= 2 ** 63 ? 'float64' : [smallestInt(lo), smallestInt(hi)].sort((a, b) => rank(b) - rank(a))[0]!;
    case 'float':
      return config.floatX === 'float32' || exact32 ? (hasIntsBeyond16(lo, hi) ? 'float64' : 'float32') : 'float64';
    case 'complex':
      return 'complex128';
  }
}

function rank(d: Dtype): number {
  return ['int8', 'int16', 'int32', 'int64'].indexOf(d);
}

// Integers in a float list are autocast as well; float32 holds every int16 exactly.
function hasIntsBeyond16(lo: number, hi: number): boolean {
  return lo < -32768 || hi > 32767;
}

/** Options of constant(). */
export interface ConstantOptions {
  name?: string;
  /** The dtype; by default inferred as PyTensor autocasts. */
  dtype?: Dtype | 'floatX';
  /** Add leading broadcastable dimensions up to this many. */
  ndim?: number;
}

const CONSTANT_KEYS = optionKeys<ConstantOptions>({ name: true, dtype: true, ndim: true });

/**
 * A TensorConstant holding a copy of `x`. The static shape marks length-1
 * dimensions and leaves the others unknown (as the reference describes), so
 * the constant broadcasts like any tensor of its dtype and rank.
 *
 * @example
 * pt.constant(1).dtype; // 'int8'
 * pt.constant([[1.5, 2]]).type.shape; // [1, null]
 */
export function constant(x: unknown, options: ConstantOptions = {}): TensorConstant {
  checkOptions('pt.constant', options, CONSTANT_KEYS);
  const dtype = options.dtype !== undefined ? checkDtype(options.dtype, 'pt.constant') : inferDtype(x);
  let value = toNDArray(x, dtype, { op: 'pt.constant' });
  if (options.ndim !== undefined) {
    if (options.ndim < value.shape.length) {
      throw new ArgumentError({ op: 'pt.constant', argument: 'ndim', expected: `at least ${value.shape.length} (the value's dimensions)`, given: String(options.ndim) });
    }
    const shape = [...new Array(options.ndim - value.shape.length).fill(1), ...value.shape];
    value = fromRaw(dtype, rawView(value).data, shape, [...new Array(shape.length - value.shape.length).fill(0), ...(value.shape.length === 0 ? [] : value.strides)], value.offset);
  }
  const type = new TensorType(dtype, value.shape.map((s) => (s === 1 ? 1 : null)));
  return new TensorConstant(type, value, options.name);
}

/**
 * `x` as a TensorVariable: tensors pass through, other values become
 * TensorConstants (PyTensor's as_tensor_variable). With `ndim`, a tensor
 * with fewer dimensions gets leading broadcastable ones; one with more is an error.
 *
 * @example
 * asTensorVariable([1, 2, 3]).dtype; // 'int8'
 */
export function asTensorVariable(x: unknown, options: { name?: string; ndim?: number } = {}): TensorVariable {
  checkOptions('pt.asTensorVariable', options, ['name', 'ndim']);
  if (x instanceof TensorVariable) {
    if (options.ndim === undefined || x.ndim === options.ndim) return x;
    throw new TypeMismatchError({ op: 'asTensorVariable', argument: 0, expected: `a tensor with ${options.ndim} dimensions`, given: `${x} of type ${x.type}` });
  }
  if (x instanceof Variable) {
    throw new TypeMismatchError({ op: 'asTensorVariable', argument: 0, expected: 'a tensor (TensorType)', given: `${x} of type ${x.type}` });
  }
  if (x === null || x === undefined || typeof x === 'string' || typeof x === 'function') {
    throw new TypeMismatchError({ op: 'asTensorVariable', argument: 0, expected: 'a tensor, a number or nested arrays of numbers', given: describeThing(x) });
  }
  if (options.ndim !== undefined && !isNDArray(x) && !ArrayBuffer.isView(x)) {
    const nd = nestedShape(x, 'asTensorVariable').length;
    if (nd > options.ndim) throw new TypeMismatchError({ op: 'asTensorVariable', argument: 0, expected: `${options.ndim} dimensions`, given: `${nd}` });
  }
  return constant(x, options);
}

