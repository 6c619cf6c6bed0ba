/**
 * Argument checks and index reading shared by the sparse indexing Ops: integer
 * scalars and integer vectors as symbolic inputs, and their values read at run
 * time with negative indices counted from the end and bounds checked (NumPy's
 * IndexError wording).
 */
import { DtypeError, TypeMismatchError, Variable, describeThing } from '@proj/graph';
import { IndexError, TensorConstant, TensorType, TensorVariable, asTensorVariable, intValues, isBool, isInteger, nestedShape, rawView, sizeOf, type NDArray } from '@proj/tensor';
import { CompressedMatrix } from '../values/compressed';
import { SparseConstant, SparseVariable } from '../type/sparse-variable';

function describe(x: unknown): string {
  if (x instanceof Variable) return `${x} of type ${x.type}`;
  if (x instanceof CompressedMatrix) return `a sparse matrix (${x})`;
  return describeThing(x);
}

/**
 * An index that must be one integer: a JS integer (made a constant) or a 0-d
 * integer tensor. A float is a DtypeError; anything else a TypeMismatchError.
 *
 * @example
 * indexScalarArg('GetItemScalar', -1, 1); // an int8 constant
 */
export function indexScalarArg(op: string, x: unknown, argument: number | string): TensorVariable {
  if (typeof x === 'number' && !Number.isInteger(x)) {
    throw new DtypeError({ op, argument, expected: 'an integer index', given: `the number ${x} (indices must be integers)` });
  }
  if (typeof x !== 'number' && typeof x !== 'bigint' && !(x instanceof TensorVariable)) {
    throw new TypeMismatchError({ op, argument, expected: 'an integer index (a JS integer or a 0-d integer tensor)', given: describe(x) });
  }
  const t = asTensorVariable(typeof x === 'bigint' ? Number(x) : x);
  if (t.ndim !== 0) throw new TypeMismatchError({ op, argument, expected: 'an integer index (a 0-d integer tensor)', given: describe(t) });
  if (!isInteger(t.dtype)) throw new DtypeError({ op, argument, expected: 'an index of an integer dtype', given: `${t} of dtype ${t.dtype}` });
  return t;
}

/**
 * An index that must be a list of integers: a JS array, an integer typed array
 * or a 1-d integer tensor. An empty array is an empty int64 index, as in NumPy.
 * Float or bool entries are a DtypeError; other shapes a TypeMismatchError.
 *
 * @example
 * indexVectorArg('GetItemList', [2, 0, -1], 1); // an int8 constant vector
 */
export function indexVectorArg(op: string, x: unknown, argument: number | string): TensorVariable {
  if (x instanceof SparseVariable || x instanceof CompressedMatrix || (x instanceof Variable && !(x instanceof TensorVariable))) {
    throw new TypeMismatchError({ op, argument, expected: 'a list of integer indices (an array or a 1-d integer tensor)', given: describe(x) });
  }
  const t = Array.isArray(x) && sizeOf(nestedShape(x, op)) === 0 ? new TensorType('int64', nestedShape(x, op)).makeConstant(x) : asTensorVariable(x);
  if (!isInteger(t.dtype)) {
    const why = isBool(t.dtype) ? ' (bool masks are not supported on sparse matrices)' : '';
    throw new DtypeError({ op, argument, expected: 'indices of an integer dtype', given: `${t} of dtype ${t.dtype}${why}` });
  }
  if (t.ndim !== 1) throw new TypeMismatchError({ op, argument, expected: 'a 1-d list of integer indices', given: describe(t) });
  return t;
}

/** A 0-d integer value (an NDArray, a number or a BigInt) as a JS number. */
export function scalarValue(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  const r = rawView(v as NDArray);
  return Number(r.data[r.offset]!);
}

/**
 * One index along an axis of length n, negative counted from the end; an
 * IndexError ('index 7 is out of bounds for axis 0 with size 5') otherwise.
 */
export function checkedIndex(op: string, i: number, axis: number, n: number): number {
  const j = i < 0 ? i + n : i;
  if (!(j >= 0 && j < n)) throw IndexError.outOfBounds(op, i, axis, n);
  return j;
}

/**
 * The values of a 1-d integer index array as an Int32Array, each checked and
 * made non-negative (checkedIndex). Strided and BigInt arrays are read
 * element by element; the bounds are checked before narrowing to int32.
 */
export function readIndices(op: string, a: NDArray, axis: number, n: number): Int32Array {
  const v = rawView(a);
  const len = a.shape[0] ?? 0;
  const s = v.strides[0] ?? 1;
  const out = new Int32Array(len);
  for (let k = 0; k < len; k++) out[k] = checkedIndex(op, Number(v.data[v.offset + k * s]!), axis, n);
  return out;
}

/** The shape known when the graph is built: a constant's actual shape, else the Type's (null where unknown). */
export function staticShape(x: SparseVariable): readonly [number | null, number | null] {
  return x instanceof SparseConstant ? x.data.shape : x.type.shape;
}

/**
 * Checks the entries of a constant index (scalar or vector) against an axis of
 * known length n, so that x.get(9, 0) on a 5-row constant fails where it is
 * written rather than when it runs. Symbolic indices and unknown lengths pass.
 */
export function checkStaticIndices(op: string, idx: TensorVariable, axis: number, n: number | null): void {
  if (n === null || !(idx instanceof TensorConstant)) return;
  for (const i of intValues(idx.data)) checkedIndex(op, i, axis, n);
}
