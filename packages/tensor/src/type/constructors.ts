/**
 * The symbolic tensor constructors with an optional dtype (scalar, vector, row,
 * col, matrix, tensor3..tensor7) and tensor(). Each takes a name and options,
 * or one options object; the dtype defaults to config.floatX.
 *
 * @example
 * const x = matrix('x'); // float64 (floatX), shape (?, ?)
 * const y = matrix('y', { dtype: 'int32', shape: [2, null] });
 * const z = matrix({ name: 'z', dtype: 'float32' });
 * const w = scalar('w', 'int32'); // PyTensor's scalar('w', dtype='int32')
 */
import { ArgumentError, ShapeError, TypeMismatchError, describeThing } from '@proj/graph';
import { checkDtype, isDtype, type Dtype } from '../dtype/dtypes';
import type { TensorVariable } from '../variable/tensor-variable';
import { TensorType, type StaticShape } from './tensor-type';

/** Options of the constructors: the dtype (default config.floatX) and the static shape. */
export interface ConstructorOptions {
  dtype?: Dtype | 'floatX';
  /** One entry per dimension: a known length, or null. */
  shape?: StaticShape;
}

/** The options object form: the name too. */
export interface NamedConstructorOptions extends ConstructorOptions {
  name?: string;
}

/** A constructor of symbolic tensors of a fixed number of dimensions. */
export interface Constructor {
  (name?: string, options?: ConstructorOptions | Dtype | 'floatX'): TensorVariable;
  (options: NamedConstructorOptions): TensorVariable;
}

/**
 * Reads the two argument forms of a constructor into one options object.
 *
 * @example
 * constructorArgs('pt.matrix', 'x', 'int32'); // { name: 'x', dtype: 'int32' }
 */
export function constructorArgs(fn: string, first: unknown, second: unknown): NamedConstructorOptions {
  if (first !== null && typeof first === 'object') {
    if (second !== undefined) throw new ArgumentError({ op: fn, argument: 1, expected: 'nothing after an options object', given: describeThing(second) });
    return first as NamedConstructorOptions;
  }
  if (first !== undefined && typeof first !== 'string') throw new TypeMismatchError({ op: fn, argument: 'name', expected: 'a string', given: describeThing(first) });
  if (typeof second === 'string') return { name: first, dtype: second as Dtype };
  if (second !== undefined && (second === null || typeof second !== 'object')) {
    throw new TypeMismatchError({ op: fn, argument: 'options', expected: 'an options object { dtype, shape } or a dtype name', given: describeThing(second) });
  }
  const opts = (second ?? {}) as ConstructorOptions & { name?: unknown };
  if (opts.name !== undefined) throw new ArgumentError({ op: fn, argument: 'options.name', expected: 'the name as the first argument only', given: String(opts.name) });
  return { ...opts, name: first };
}

function shapeText(shape: readonly (number | null)[]): string {
  return shape.length === 1 ? `(${shape[0] ?? 'null'},)` : `(${shape.map((s) => s ?? 'null').join(', ')})`;
}

/**
 * A Constructor for `ndim`-d tensors whose default static shape is `base`;
 * `fixed` lists dimensions that must stay of length 1 (row, col).
 *
 * @example
 * const tensor8 = makeConstructor('tensor8', new Array(8).fill(null));
 */
export function makeConstructor(fn: string, base: StaticShape, fixed: readonly number[] = []): Constructor {
  const make = (first?: unknown, second?: unknown): TensorVariable => {
    const opts = constructorArgs(fn, first, second);
    const dtype = checkDtype(opts.dtype ?? 'floatX', fn);
    const shape = opts.shape ?? base;
    if (!Array.isArray(shape) || shape.length !== base.length) {
      throw new ShapeError({ op: fn, argument: 'shape', expected: `${base.length} entries (one per dimension)`, given: Array.isArray(shape) ? `${shape.length} entries ${shapeText(shape)}` : describeThing(shape) });
    }
    for (const d of fixed) {
      if (shape[d] !== 1) throw new ShapeError({ op: fn, argument: 'shape', expected: `length 1 in dimension ${d}`, given: shapeText(shape) });
    }
    return new TensorType(dtype, shape).makeVariable(opts.name);
  };
  return make as Constructor;
}

const nulls = (n: number): null[] => new Array<null>(n).fill(null);

/** A 0-d tensor (a scalar). @example scalar('x'); scalar('i', 'int32') */
export const scalar: Constructor = makeConstructor('pt.scalar', []);
/** A 1-d tensor. @example vector('v', { dtype: 'int64', shape: [3] }) */
export const vector: Constructor = makeConstructor('pt.vector', nulls(1));
/** A 2-d tensor with exactly one row: shape (1, ?). @example row('r') */
export const row: Constructor = makeConstructor('pt.row', [1, null], [0]);
/** A 2-d tensor with exactly one column: shape (?, 1). @example col('c') */
export const col: Constructor = makeConstructor('pt.col', [null, 1], [1]);
/** A 2-d tensor. @example matrix('x', { shape: [2, null] }) */
export const matrix: Constructor = makeConstructor('pt.matrix', nulls(2));
/** A 3-d tensor. @example tensor3('t') */
export const tensor3: Constructor = makeConstructor('pt.tensor3', nulls(3));
/** A 4-d tensor. @example tensor4('t', 'float32') */
export const tensor4: Constructor = makeConstructor('pt.tensor4', nulls(4));
/** A 5-d tensor. @example tensor5('t') */
export const tensor5: Constructor = makeConstructor('pt.tensor5', nulls(5));
/** A 6-d tensor. @example tensor6('t') */
export const tensor6: Constructor = makeConstructor('pt.tensor6', nulls(6));
/** A 7-d tensor. @example tensor7('t') */
export const tensor7: Constructor = makeConstructor('pt.tensor7', nulls(7));

/** Options of tensor(): the static shape is required (it gives the number of dimensions). */
export interface TensorOptions {
  name?: string;
  dtype?: Dtype | 'floatX';
  shape: StaticShape;
}

/**
 * A symbolic tensor of any number of dimensions: `shape` gives one entry per
 * dimension (null = unknown length); the dtype defaults to config.floatX.
 *
 * @example
 * tensor({ dtype: 'int32', shape: [], name: 'myvar' }); // tensor('myvar', { dtype: 'int32', shape: [] })
 */
export function tensor(nameOrOptions: string | TensorOptions, options?: Omit<TensorOptions, 'name'>): TensorVariable {
  const fn = 'pt.tensor';
  if (typeof nameOrOptions === 'string' && (isDtype(nameOrOptions) || nameOrOptions === 'floatX')) {
    throw new ArgumentError({ op: fn, argument: 'name', expected: "a name (the dtype goes in the options: tensor(name, { dtype, shape }))", given: `'${nameOrOptions}', which looks like a dtype` });
  }
  const opts = constructorArgs(fn, nameOrOptions, options) as NamedConstructorOptions;
  if (opts.shape === undefined) {
    throw new ArgumentError({ op: fn, argument: 'shape', expected: 'a static shape (one entry per dimension, null for unknown; [] for a scalar)', given: 'undefined' });
  }
  return new TensorType(checkDtype(opts.dtype ?? 'floatX', fn), opts.shape).makeVariable(opts.name);
}
