/**
 * The plural constructors (PyTensor's scalars, dmatrices, itensor3s...): many
 * variables at once. Given a count, that many unnamed variables; given names,
 * one variable per name — and, as in PyTensor, one string alone is split into
 * its letters (dmatrices('xyz') makes x, y and z). They always return an array.
 *
 * @example
 * const [x, y, z] = dmatrices('x', 'y', 'z');
 * const [a, b, c] = dmatrices(3);
 * const [u, v] = vectors('u', 'v', { dtype: 'int32' });
 */
import { ArgumentError, describeThing } from '@proj/graph';
import type { TensorVariable } from '../variable/tensor-variable';
import { col, matrix, row, scalar, tensor3, tensor4, tensor5, tensor6, tensor7, vector, type Constructor, type ConstructorOptions } from './constructors';
import * as typed from './constructors-typed';

/** Makes several variables: a count, or names. */
export type PluralConstructor = (...namesOrCount: (string | number)[]) => TensorVariable[];

/** Like PluralConstructor, with trailing options (dtype, shape) for the generic kinds. */
export type GenericPluralConstructor = (...args: (string | number | ConstructorOptions)[]) => TensorVariable[];

/**
 * The names to make (undefined for unnamed variables) from a plural constructor's arguments.
 *
 * @example
 * pluralNames('pt.dmatrices', ['xy']); // ['x', 'y']
 */
export function pluralNames(fn: string, args: readonly unknown[]): (string | undefined)[] {
  if (args.length === 0) throw new ArgumentError({ op: fn, argument: 0, expected: 'a count or one or more names', given: 'no arguments' });
  const first = args[0];
  if (typeof first === 'number') {
    if (args.length > 1) throw new ArgumentError({ op: fn, argument: 1, expected: 'nothing after a count', given: describeThing(args[1]) });
    if (!Number.isInteger(first) || first < 0) throw new ArgumentError({ op: fn, argument: 0, expected: 'a non-negative integer count', given: String(first) });
    return new Array<undefined>(first).fill(undefined);
  }
  args.forEach((a, i) => {
    if (typeof a !== 'string') throw new ArgumentError({ op: fn, argument: i, expected: 'a name (string)', given: describeThing(a) });
  });
  // One string alone stands for one name per letter (PyTensor's apply_across_args).
  return args.length === 1 ? [...(first as string)] : (args as string[]);
}

function generic(fn: string, single: Constructor): GenericPluralConstructor {
  return (...args) => {
    const last = args[args.length - 1];
    const hasOptions = last !== null && typeof last === 'object';
    const options = hasOptions ? (last as ConstructorOptions) : undefined;
    return pluralNames(fn, hasOptions ? args.slice(0, -1) : args).map((name) => single(name, options));
  };
}

function typedPlural(fn: string, single: (name?: string) => TensorVariable): PluralConstructor {
  return (...args) => pluralNames(fn, args).map((name) => single(name));
}

// scalars
/** Several scalars (dtype floatX unless options say). @example scalars('a', 'b', { dtype: 'int32' }) */
export const scalars: GenericPluralConstructor = generic('pt.scalars', scalar);
/** Several float32 scalars. @example fscalars('a', 'b'); fscalars(3) */
export const fscalars: PluralConstructor = typedPlural('pt.fscalars', typed.fscalar);
/** Several float64 scalars. @example dscalars('a', 'b'); dscalars(3) */
export const dscalars: PluralConstructor = typedPlural('pt.dscalars', typed.dscalar);
/** Several int32 scalars. @example iscalars('a', 'b'); iscalars(3) */
export const iscalars: PluralConstructor = typedPlural('pt.iscalars', typed.iscalar);
/** Several int64 scalars. @example lscalars('a', 'b'); lscalars(3) */
export const lscalars: PluralConstructor = typedPlural('pt.lscalars', typed.lscalar);

// vectors
/** Several vectors (dtype floatX unless options say). @example vectors('a', 'b', { dtype: 'int32' }) */
export const vectors: GenericPluralConstructor = generic('pt.vectors', vector);
/** Several float32 vectors. @example fvectors('a', 'b'); fvectors(3) */
export const fvectors: PluralConstructor = typedPlural('pt.fvectors', typed.fvector);
/** Several float64 vectors. @example dvectors('a', 'b'); dvectors(3) */
export const dvectors: PluralConstructor = typedPlural('pt.dvectors', typed.dvector);
/** Several int32 vectors. @example ivectors('a', 'b'); ivectors(3) */
export const ivectors: PluralConstructor = typedPlural('pt.ivectors', typed.ivector);
/** Several int64 vectors. @example lvectors('a', 'b'); lvectors(3) */
export const lvectors: PluralConstructor = typedPlural('pt.lvectors', typed.lvector);

// rows
/** Several rows (dtype floatX unless options say). @example rows('a', 'b', { dtype: 'int32' }) */
export const rows: GenericPluralConstructor = generic('pt.rows', row);
/** Several float32 rows. @example frows('a', 'b'); frows(3) */
export const frows: PluralConstructor = typedPlural('pt.frows', typed.frow);
/** Several float64 rows. @example drows('a', 'b'); drows(3) */
export const drows: PluralConstructor = typedPlural('pt.drows', typed.drow);
/** Several int32 rows. @example irows('a', 'b'); irows(3) */
export const irows: PluralConstructor = typedPlural('pt.irows', typed.irow);
/** Several int64 rows. @example lrows('a', 'b'); lrows(3) */
export const lrows: PluralConstructor = typedPlural('pt.lrows', typed.lrow);

// cols
/** Several cols (dtype floatX unless options say). @example cols('a', 'b', { dtype: 'int32' }) */
export const cols: GenericPluralConstructor = generic('pt.cols', col);
/** Several float32 cols. @example fcols('a', 'b'); fcols(3) */
export const fcols: PluralConstructor = typedPlural('pt.fcols', typed.fcol);
/** Several float64 cols. @example dcols('a', 'b'); dcols(3) */
export const dcols: PluralConstructor = typedPlural('pt.dcols', typed.dcol);
/** Several int32 cols. @example icols('a', 'b'); icols(3) */
export const icols: PluralConstructor = typedPlural('pt.icols', typed.icol);
/** Several int64 cols. @example lcols('a', 'b'); lcols(3) */
export const lcols: PluralConstructor = typedPlural('pt.lcols', typed.lcol);

// matrices
/** Several matrixs (dtype floatX unless options say). @example matrices('a', 'b', { dtype: 'int32' }) */
export const matrices: GenericPluralConstructor = generic('pt.matrices', matrix);
/** Several float32 matrixs. @example fmatrices('a', 'b'); fmatrices(3) */
export const fmatrices: PluralConstructor = typedPlural('pt.fmatrices', typed.fmatrix);
/** Several float64 matrixs. @example dmatrices('a', 'b'); dmatrices(3) */
export const dmatrices: PluralConstructor = typedPlural('pt.dmatrices', typed.dmatrix);
/** Several int32 matrixs. @example imatrices('a', 'b'); imatrices(3) */
export const imatrices: PluralConstructor = typedPlural('pt.imatrices', typed.imatrix);
/** Several int64 matrixs. @example lmatrices('a', 'b'); lmatrices(3) */
export const lmatrices: PluralConstructor = typedPlural('pt.lmatrices', typed.lmatrix);

// tensor3s
/** Several tensor3s (dtype floatX unless options say). @example tensor3s('a', 'b', { dtype: 'int32' }) */
export const tensor3s: GenericPluralConstructor = generic('pt.tensor3s', tensor3);
/** Several float32 tensor3s. @example ftensor3s('a', 'b'); ftensor3s(3) */
export const ftensor3s: PluralConstructor = typedPlural('pt.ftensor3s', typed.ftensor3);
/** Several float64 tensor3s. @example dtensor3s('a', 'b'); dtensor3s(3) */
export const dtensor3s: PluralConstructor = typedPlural('pt.dtensor3s', typed.dtensor3);
/** Several int32 tensor3s. @example itensor3s('a', 'b'); itensor3s(3) */
export const itensor3s: PluralConstructor = typedPlural('pt.itensor3s', typed.itensor3);
/** Several int64 tensor3s. @example ltensor3s('a', 'b'); ltensor3s(3) */
export const ltensor3s: PluralConstructor = typedPlural('pt.ltensor3s', typed.ltensor3);

// tensor4s
/** Several tensor4s (dtype floatX unless options say). @example tensor4s('a', 'b', { dtype: 'int32' }) */
export const tensor4s: GenericPluralConstructor = generic('pt.tensor4s', tensor4);
/** Several float32 tensor4s. @example ftensor4s('a', 'b'); ftensor4s(3) */
export const ftensor4s: PluralConstructor = typedPlural('pt.ftensor4s', typed.ftensor4);
/** Several float64 tensor4s. @example dtensor4s('a', 'b'); dtensor4s(3) */
export const dtensor4s: PluralConstructor = typedPlural('pt.dtensor4s', typed.dtensor4);
/** Several int32 tensor4s. @example itensor4s('a', 'b'); itensor4s(3) */
export const itensor4s: PluralConstructor = typedPlural('pt.itensor4s', typed.itensor4);
/** Several int64 tensor4s. @example ltensor4s('a', 'b'); ltensor4s(3) */
export const ltensor4s: PluralConstructor = typedPlural('pt.ltensor4s', typed.ltensor4);

// tensor5s
/** Several tensor5s (dtype floatX unless options say). @example tensor5s('a', 'b', { dtype: 'int32' }) */
export const tensor5s: GenericPluralConstructor = generic('pt.tensor5s', tensor5);
/** Several float32 tensor5s. @example ftensor5s('a', 'b'); ftensor5s(3) */
export const ftensor5s: PluralConstructor = typedPlural('pt.ftensor5s', typed.ftensor5);
/** Several float64 tensor5s. @example dtensor5s('a', 'b'); dtensor5s(3) */
export const dtensor5s: PluralConstructor = typedPlural('pt.dtensor5s', typed.dtensor5);
/** Several int32 tensor5s. @example itensor5s('a', 'b'); itensor5s(3) */
export const itensor5s: PluralConstructor = typedPlural('pt.itensor5s', typed.itensor5);
/** Several int64 tensor5s. @example ltensor5s('a', 'b'); ltensor5s(3) */
export const ltensor5s: PluralConstructor = typedPlural('pt.ltensor5s', typed.ltensor5);

// tensor6s
/** Several tensor6s (dtype floatX unless options say). @example tensor6s('a', 'b', { dtype: 'int32' }) */
export const tensor6s: GenericPluralConstructor = generic('pt.tensor6s', tensor6);
/** Several float32 tensor6s. @example ftensor6s('a', 'b'); ftensor6s(3) */
export const ftensor6s: PluralConstructor = typedPlural('pt.ftensor6s', typed.ftensor6);
/** Several float64 tensor6s. @example dtensor6s('a', 'b'); dtensor6s(3) */
export const dtensor6s: PluralConstructor = typedPlural('pt.dtensor6s', typed.dtensor6);
/** Several int32 tensor6s. @example itensor6s('a', 'b'); itensor6s(3) */
export const itensor6s: PluralConstructor = typedPlural('pt.itensor6s', typed.itensor6);
/** Several int64 tensor6s. @example ltensor6s('a', 'b'); ltensor6s(3) */
export const ltensor6s: PluralConstructor = typedPlural('pt.ltensor6s', typed.ltensor6);

// tensor7s
/** Several tensor7s (dtype floatX unless options say). @example tensor7s('a', 'b', { dtype: 'int32' }) */
export const tensor7s: GenericPluralConstructor = generic('pt.tensor7s', tensor7);
/** Several float32 tensor7s. @example ftensor7s('a', 'b'); ftensor7s(3) */
export const ftensor7s: PluralConstructor = typedPlural('pt.ftensor7s', typed.ftensor7);
/** Several float64 tensor7s. @example dtensor7s('a', 'b'); dtensor7s(3) */
export const dtensor7s: PluralConstructor = typedPlural('pt.dtensor7s', typed.dtensor7);
/** Several int32 tensor7s. @example itensor7s('a', 'b'); itensor7s(3) */
export const itensor7s: PluralConstructor = typedPlural('pt.itensor7s', typed.itensor7);
/** Several int64 tensor7s. @example ltensor7s('a', 'b'); ltensor7s(3) */
export const ltensor7s: PluralConstructor = typedPlural('pt.ltensor7s', typed.ltensor7);
