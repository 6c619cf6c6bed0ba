/**
 * The fully typed constructors (PyTensor's dscalar, fmatrix, itensor3...): one
 * per dtype letter (b int8, w int16, i int32, l int64, f float32, d float64,
 * c complex64, z complex128) and kind (scalar, vector, row, col, matrix,
 * tensor3..tensor7), plus the unsigned scalars ubscalar..ulscalar. Each takes
 * an optional name; `.type` is its TensorType (x.type.equals(dmatrix.type)).
 */
import type { Dtype } from '../dtype/dtypes';
import type { TensorVariable } from '../variable/tensor-variable';
import { TensorType, type StaticShape } from './tensor-type';

/** A constructor of one TensorType: call it with an optional name. */
export type TypedConstructor = ((name?: string) => TensorVariable) & { readonly type: TensorType };

/**
 * The TypedConstructor of TensorType(dtype, shape).
 *
 * @example
 * const dtensor8 = typedConstructor('float64', new Array(8).fill(null));
 */
export function typedConstructor(dtype: Dtype, shape: StaticShape): TypedConstructor {
  // Made on first use: modules that TensorType's own imports reach may load this one first.
  let type: TensorType | undefined;
  const get = (): TensorType => (type ??= new TensorType(dtype, shape));
  const make = (name?: string): TensorVariable => get().makeVariable(name);
  Object.defineProperty(make, 'type', { get, enumerable: true });
  return make as TypedConstructor;
}

const N1 = [null];
const N2 = [null, null];
const N3 = [null, null, null];
const N4 = [null, null, null, null];
const N5 = [null, null, null, null, null];
const N6 = [null, null, null, null, null, null];
const N7 = [null, null, null, null, null, null, null];

// scalar
/** An int8 scalar. @example bscalar('x') */
export const bscalar = typedConstructor('int8', []);
/** An int16 scalar. @example wscalar('x') */
export const wscalar = typedConstructor('int16', []);
/** An int32 scalar. @example iscalar('x') */
export const iscalar = typedConstructor('int32', []);
/** An int64 scalar. @example lscalar('x') */
export const lscalar = typedConstructor('int64', []);
/** A float32 scalar. @example fscalar('x') */
export const fscalar = typedConstructor('float32', []);
/** A float64 scalar. @example dscalar('x') */
export const dscalar = typedConstructor('float64', []);
/** A complex64 scalar. @example cscalar('x') */
export const cscalar = typedConstructor('complex64', []);
/** A complex128 scalar. @example zscalar('x') */
export const zscalar = typedConstructor('complex128', []);

// vector
/** An int8 vector. @example bvector('x') */
export const bvector = typedConstructor('int8', N1);
/** An int16 vector. @example wvector('x') */
export const wvector = typedConstructor('int16', N1);
/** An int32 vector. @example ivector('x') */
export const ivector = typedConstructor('int32', N1);
/** An int64 vector. @example lvector('x') */
export const lvector = typedConstructor('int64', N1);
/** A float32 vector. @example fvector('x') */
export const fvector = typedConstructor('float32', N1);
/** A float64 vector. @example dvector('x') */
export const dvector = typedConstructor('float64', N1);
/** A complex64 vector. @example cvector('x') */
export const cvector = typedConstructor('complex64', N1);
/** A complex128 vector. @example zvector('x') */
export const zvector = typedConstructor('complex128', N1);

// row
/** An int8 row (shape (1, ?)). @example brow('x') */
export const brow = typedConstructor('int8', [1, null]);
/** An int16 row (shape (1, ?)). @example wrow('x') */
export const wrow = typedConstructor('int16', [1, null]);
/** An int32 row (shape (1, ?)). @example irow('x') */
export const irow = typedConstructor('int32', [1, null]);
/** An int64 row (shape (1, ?)). @example lrow('x') */
export const lrow = typedConstructor('int64', [1, null]);
/** A float32 row (shape (1, ?)). @example frow('x') */
export const frow = typedConstructor('float32', [1, null]);
/** A float64 row (shape (1, ?)). @example drow('x') */
export const drow = typedConstructor('float64', [1, null]);
/** A complex64 row (shape (1, ?)). @example crow('x') */
export const crow = typedConstructor('complex64', [1, null]);
/** A complex128 row (shape (1, ?)). @example zrow('x') */
export const zrow = typedConstructor('complex128', [1, null]);

// col
/** An int8 column (shape (?, 1)). @example bcol('x') */
export const bcol = typedConstructor('int8', [null, 1]);
/** An int16 column (shape (?, 1)). @example wcol('x') */
export const wcol = typedConstructor('int16', [null, 1]);
/** An int32 column (shape (?, 1)). @example icol('x') */
export const icol = typedConstructor('int32', [null, 1]);
/** An int64 column (shape (?, 1)). @example lcol('x') */
export const lcol = typedConstructor('int64', [null, 1]);
/** A float32 column (shape (?, 1)). @example fcol('x') */
export const fcol = typedConstructor('float32', [null, 1]);
/** A float64 column (shape (?, 1)). @example dcol('x') */
export const dcol = typedConstructor('float64', [null, 1]);
/** A complex64 column (shape (?, 1)). @example ccol('x') */
export const ccol = typedConstructor('complex64', [null, 1]);
/** A complex128 column (shape (?, 1)). @example zcol('x') */
export const zcol = typedConstructor('complex128', [null, 1]);

// matrix
/** An int8 matrix. @example bmatrix('x') */
export const bmatrix = typedConstructor('int8', N2);
/** An int16 matrix. @example wmatrix('x') */
export const wmatrix = typedConstructor('int16', N2);
/** An int32 matrix. @example imatrix('x') */
export const imatrix = typedConstructor('int32', N2);
/** An int64 matrix. @example lmatrix('x') */
export const lmatrix = typedConstructor('int64', N2);
/** A float32 matrix. @example fmatrix('x') */
export const fmatrix = typedConstructor('float32', N2);
/** A float64 matrix. @example dmatrix('x') */
export const dmatrix = typedConstructor('float64', N2);
/** A complex64 matrix. @example cmatrix('x') */
export const cmatrix = typedConstructor('complex64', N2);
/** A complex128 matrix. @example zmatrix('x') */
export const zmatrix = typedConstructor('complex128', N2);

// tensor3
/** An int8 3-d tensor. @example btensor3('x') */
export const btensor3 = typedConstructor('int8', N3);
/** An int16 3-d tensor. @example wtensor3('x') */
export const wtensor3 = typedConstructor('int16', N3);
/** An int32 3-d tensor. @example itensor3('x') */
export const itensor3 = typedConstructor('int32', N3);
/** An int64 3-d tensor. @example ltensor3('x') */
export const ltensor3 = typedConstructor('int64', N3);
/** A float32 3-d tensor. @example ftensor3('x') */
export const ftensor3 = typedConstructor('float32', N3);
/** A float64 3-d tensor. @example dtensor3('x') */
export const dtensor3 = typedConstructor('float64', N3);
/** A complex64 3-d tensor. @example ctensor3('x') */
export const ctensor3 = typedConstructor('complex64', N3);
/** A complex128 3-d tensor. @example ztensor3('x') */
export const ztensor3 = typedConstructor('complex128', N3);

// tensor4
/** An int8 4-d tensor. @example btensor4('x') */
export const btensor4 = typedConstructor('int8', N4);
/** An int16 4-d tensor. @example wtensor4('x') */
export const wtensor4 = typedConstructor('int16', N4);
/** An int32 4-d tensor. @example itensor4('x') */
export const itensor4 = typedConstructor('int32', N4);
/** An int64 4-d tensor. @example ltensor4('x') */
export const ltensor4 = typedConstructor('int64', N4);
/** A float32 4-d tensor. @example ftensor4('x') */
export const ftensor4 = typedConstructor('float32', N4);
/** A float64 4-d tensor. @example dtensor4('x') */
export const dtensor4 = typedConstructor('float64', N4);
/** A complex64 4-d tensor. @example ctensor4('x') */
export const ctensor4 = typedConstructor('complex64', N4);
/** A complex128 4-d tensor. @example ztensor4('x') */
export const ztensor4 = typedConstructor('complex128', N4);

// tensor5
/** An int8 5-d tensor. @example btensor5('x') */
export const btensor5 = typedConstructor('int8', N5);
/** An int16 5-d tensor. @example wtensor5('x') */
export const wtensor5 = typedConstructor('int16', N5);
/** An int32 5-d tensor. @example itensor5('x') */
export const itensor5 = typedConstructor('int32', N5);
/** An int64 5-d tensor. @example ltensor5('x') */
export const ltensor5 = typedConstructor('int64', N5);
/** A float32 5-d tensor. @example ftensor5('x') */
export const ftensor5 = typedConstructor('float32', N5);
/** A float64 5-d tensor. @example dtensor5('x') */
export const dtensor5 = typedConstructor('float64', N5);
/** A complex64 5-d tensor. @example ctensor5('x') */
export const ctensor5 = typedConstructor('complex64', N5);
/** A complex128 5-d tensor. @example ztensor5('x') */
export const ztensor5 = typedConstructor('complex128', N5);

// tensor6
/** An int8 6-d tensor. @example btensor6('x') */
export const btensor6 = typedConstructor('int8', N6);
/** An int16 6-d tensor. @example wtensor6('x') */
export const wtensor6 = typedConstructor('int16', N6);
/** An int32 6-d tensor. @example itensor6('x') */
export const itensor6 = typedConstructor('int32', N6);
/** An int64 6-d tensor. @example ltensor6('x') */
export const ltensor6 = typedConstructor('int64', N6);
/** A float32 6-d tensor. @example ftensor6('x') */
export const ftensor6 = typedConstructor('float32', N6);
/** A float64 6-d tensor. @example dtensor6('x') */
export const dtensor6 = typedConstructor('float64', N6);
/** A complex64 6-d tensor. @example ctensor6('x') */
export const ctensor6 = typedConstructor('complex64', N6);
/** A complex128 6-d tensor. @example ztensor6('x') */
export const ztensor6 = typedConstructor('complex128', N6);

// tensor7
/** An int8 7-d tensor. @example btensor7('x') */
export const btensor7 = typedConstructor('int8', N7);
/** An int16 7-d tensor. @example wtensor7('x') */
export const wtensor7 = typedConstructor('int16', N7);
/** An int32 7-d tensor. @example itensor7('x') */
export const itensor7 = typedConstructor('int32', N7);
/** An int64 7-d tensor. @example ltensor7('x') */
export const ltensor7 = typedConstructor('int64', N7);
/** A float32 7-d tensor. @example ftensor7('x') */
export const ftensor7 = typedConstructor('float32', N7);
/** A float64 7-d tensor. @example dtensor7('x') */
export const dtensor7 = typedConstructor('float64', N7);
/** A complex64 7-d tensor. @example ctensor7('x') */
export const ctensor7 = typedConstructor('complex64', N7);
/** A complex128 7-d tensor. @example ztensor7('x') */
export const ztensor7 = typedConstructor('complex128', N7);

// unsigned scalars
/** A uint8 scalar. @example ubscalar('n') */
export const ubscalar = typedConstructor('uint8', []);
/** A uint16 scalar. @example uwscalar('n') */
export const uwscalar = typedConstructor('uint16', []);
/** A uint32 scalar. @example uiscalar('n') */
export const uiscalar = typedConstructor('uint32', []);
/** A uint64 scalar. @example ulscalar('n') */
export const ulscalar = typedConstructor('uint64', []);
