/**
 * Shared pieces of the sparse product Ops: input checks with typed errors,
 * strided views of dense values, dense outputs.
 */
import { DtypeError, ShapeError, TypeMismatchError, type Variable } from '@proj/graph';
import { TensorType, TensorVariable, fromRaw, isBigInt, isComplex, rawView, type Dtype, type NDArray } from '@proj/tensor';
import { newRaw } from '../values/storage';
import type { SparseType } from '../type/sparse-type';
import { SparseVariable } from '../type/sparse-variable';
import type { NumOut, Strided } from './dot-kernel';

function npShape(s: readonly (number | null)[]): string {
  return `(${s.map((d) => (d === null ? '?' : String(d))).join(',')}${s.length === 1 ? ',' : ''})`;
}

/** NumPy/SciPy's "shapes (2,3) and (4,5) not aligned: 3 (dim 1) != 4 (dim 0)" as a ShapeError. */
export function dotShapeError(op: string, xs: readonly (number | null)[], ys: readonly (number | null)[]): ShapeError {
  const xd = xs.length - 1;
  return new ShapeError({
    op,
    argument: 'inputs',
    expected: `x.shape[${xd}] == y.shape[0]`,
    given: `shapes ${npShape(xs)} and ${npShape(ys)} not aligned: ${xs[xd]} (dim ${xd}) != ${ys[0]} (dim 0)`,
  });
}

/** Checks that the inner dimensions agree where both are known. */
export function checkAligned(op: string, xs: readonly (number | null)[], ys: readonly (number | null)[]): void {
  const a = xs[xs.length - 1];
  const b = ys[0];
  if (a !== null && a !== undefined && b !== null && b !== undefined && a !== b) throw dotShapeError(op, xs, ys);
}

/** A real (not complex, not 64-bit integer) dtype; the product kernels compute in float64. */
export function checkRealDtype(op: string, position: number, v: Variable): Dtype {
  const dtype = (v.type as unknown as { dtype: Dtype }).dtype;
  if (isComplex(dtype) || isBigInt(dtype) || dtype === 'bool') {
    throw new DtypeError({ op, argument: position, expected: 'a real dtype (floats or integers up to 32 bits)', given: `dtype ${dtype}` });
  }
  return dtype;
}

/**
 * A dtype the Dot / StructuredDot kernels handle: real dtypes in float64, complex
 * and 64-bit integers in their own kernels (dot-kernel-wide.ts); bool is refused.
 */
export function checkDotDtype(op: string, position: number, v: Variable): Dtype {
  const dtype = (v.type as unknown as { dtype: Dtype }).dtype;
  if (dtype === 'bool') throw new DtypeError({ op, argument: position, expected: 'a numeric dtype (not bool)', given: `dtype ${dtype}` });
  return dtype;
}

export function checkSparse(op: string, position: number, v: Variable, what = 'a sparse matrix (SparseVariable)'): SparseVariable {
  if (!(v instanceof SparseVariable)) throw new TypeMismatchError({ op, argument: position, expected: what, given: `${v} of type ${v.type}` });
  return v;
}

export function checkDenseMatrix(op: string, position: number, v: Variable, what = 'a dense matrix (2-d TensorVariable)'): TensorVariable {
  if (!(v instanceof TensorVariable) || v.ndim !== 2) {
    throw new TypeMismatchError({ op, argument: position, expected: what, given: `${v} of type ${v.type}` });
  }
  return v;
}

/** The static shape of a sparse or dense 2-d variable. */
export function staticShape(v: Variable): readonly (number | null)[] {
  return (v.type as SparseType | TensorType).shape;
}

/** A strided view of a dense 2-d value (or its transpose). */
export function strided(a: NDArray, transposed = false): Strided {
  const r = rawView(a);
  const [rs, cs] = r.strides;
  return transposed ? { data: r.data as never, off: r.offset, rs: cs!, cs: rs! } : { data: r.data as never, off: r.offset, rs: rs!, cs: cs! };
}

/** A new contiguous dense output of `dtype` with its raw storage. */
export function denseOut(dtype: Dtype, shape: readonly number[]): { value: NDArray; raw: NumOut } {
  const raw = newRaw(dtype, shape.reduce((p, s) => p * s, 1));
  return { value: fromRaw(dtype, raw, shape), raw: raw as unknown as NumOut };
}

export function matrixOut(dtype: Dtype, shape: readonly (number | null)[]): TensorVariable {
  return new TensorType(dtype, shape).makeVariable() as TensorVariable;
}
