/**
 * shared(): a tensor graph input that holds its own value (pytensor.shared).
 */
import { checkOptions, optionKeys, ArgumentError, TypeMismatchError, describeThing } from '@proj/graph';
import { checkDtype, type Dtype } from '../dtype/dtypes';
import { TensorType, type StaticShape } from '../type/tensor-type';
import { isNDArray } from '../value/ndarray';
import { nestedShape, typedArrayDtype } from '../value/convert';
import { TensorSharedVariable } from '../variable/tensor-variable';

/** Options of shared(). */
export interface SharedTensorOptions {
  name?: string;
  /** Keep `value` itself rather than a copy (later changes to it are seen). */
  borrow?: boolean;
  /** The static shape (null = unknown); by default every length is unknown, as in PyTensor. */
  shape?: StaticShape;
  /** The dtype; by default NumPy's for the value (JS integers int64, other numbers float64). */
  dtype?: Dtype | 'floatX';
  /** Allow a dtype conversion that loses information (with `dtype`, or in later setValue calls). */
  allowDowncast?: boolean;
}

const RANK = { bool: 0, int: 1, uint: 2, float: 3, complex: 4 } as const;
type Kind = keyof typeof RANK;

/**
 * The dtype NumPy's asarray gives a JS value: integers int64 (uint64 for BigInts
 * above the int64 range), other numbers float64, booleans bool, {re, im}
 * complex128; ndarrays and typed arrays keep theirs. JS cannot tell 2 from 2.0:
 * integral numbers count as integers.
 *
 * @example
 * numpyDtypeOf([[1, 2.5]]); // 'float64'
 */
export function numpyDtypeOf(value: unknown): Dtype {
  if (isNDArray(value)) return value.dtype;
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const d = typedArrayDtype(value);
    if (d === undefined) throw new TypeMismatchError({ op: 'pt.shared', argument: 'value', expected: 'a numeric typed array', given: describeThing(value) });
    return d;
  }
  let kind: Kind | undefined;
  const see = (k: Kind) => {
    if (kind === undefined || RANK[k] > RANK[kind]) kind = k;
  };
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (Array.isArray(v)) for (const e of v) stack.push(e);
    else if (typeof v === 'boolean') see('bool');
    else if (typeof v === 'bigint') see(v >= 1n << 63n ? 'uint' : 'int');
    else if (typeof v === 'number') see(Number.isInteger(v) ? 'int' : 'float');
    else if (typeof v === 'object' && v !== null && typeof (v as { re?: unknown }).re === 'number' && typeof (v as { im?: unknown }).im === 'number') see('complex');
    else throw new TypeMismatchError({ op: 'pt.shared', argument: 'value', expected: 'numbers, BigInts, booleans, nested arrays of them, a typed array or an ndarray', given: describeThing(v) });
  }
  const dtypes: Record<Kind, Dtype> = { bool: 'bool', int: 'int64', uint: 'uint64', float: 'float64', complex: 'complex128' };
  return kind === undefined ? 'float64' : dtypes[kind];
}

function ndimOf(value: unknown): number {
  if (isNDArray(value)) return value.shape.length;
  return nestedShape(value, 'pt.shared').length;
}

const SHARED_TENSOR_KEYS = optionKeys<SharedTensorOptions>({ name: true, borrow: true, shape: true, dtype: true, allowDowncast: true });

/**
 * A TensorSharedVariable holding `value` (copied unless `borrow`). Its dtype is
 * the value's (NumPy's rule, see numpyDtypeOf) and its static shape unknown in
 * every dimension unless `shape` is given, as in PyTensor.
 *
 * @example
 * const w = shared([[1, 2], [3, 4]], 'w'); // int64, shape (?, ?)
 */
export function shared(value: unknown, name?: string | SharedTensorOptions, options: SharedTensorOptions = {}): TensorSharedVariable {
  const opts: SharedTensorOptions = typeof name === 'object' && name !== null ? name : { ...options, name: name ?? options.name };
  checkOptions('pt.shared', opts, SHARED_TENSOR_KEYS);
  if (opts.name !== undefined && typeof opts.name !== 'string') {
    throw new ArgumentError({ op: 'pt.shared', argument: 'name', expected: 'a string', given: describeThing(opts.name) });
  }
  if (value === null || value === undefined || typeof value === 'string') {
    throw new TypeMismatchError({ op: 'pt.shared', argument: 'value', expected: 'a number, nested arrays, a typed array or an ndarray', given: describeThing(value) });
  }
  const dtype = opts.dtype !== undefined ? checkDtype(opts.dtype, 'pt.shared') : numpyDtypeOf(value);
  const ndim = ndimOf(value);
  const shape = opts.shape ?? new Array<null>(ndim).fill(null);
  if (shape.length !== ndim) {
    throw new ArgumentError({ op: 'pt.shared', argument: 'shape', expected: `${ndim} entries (the value has ${ndim} dimensions)`, given: `${shape.length} entries` });
  }
  const type = new TensorType(dtype, shape);
  return new TensorSharedVariable(type, value, { name: opts.name, borrow: opts.borrow ?? false, allowDowncast: opts.allowDowncast ?? false });
}
