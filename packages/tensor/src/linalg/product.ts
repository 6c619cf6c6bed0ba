/**
 * Value-level matrix products shared by the linear-algebra Ops: casting to the
 * result dtype, broadcasting batch dimensions, and dispatching each 2-d
 * product to the kernel of its dtype (blocked GEMM for floats, gemv when one
 * side is a vector, exact kernels for integers, bool and complex). Also the
 * NumPy-style shape messages.
 */
import { ShapeError } from '@proj/graph';
import { dtypeWidth, type Dtype, type RawArray } from '../dtype/dtypes';
import { castArray } from '../value/convert';
import { allocRaw, fromRaw, rawView, sizeOf, type NDArray } from '../value/ndarray';
import { gemmBigInt, gemmComplex, gemmInt32, type Int32FamilyArray } from './kernels/gemm-exact';
import { gemmF32 } from './kernels/gemm-f32';
import { gemmF64 } from './kernels/gemm-f64';
import { gemvF32 } from './kernels/gemv-f32';
import { gemvF64 } from './kernels/gemv-f64';

/** A strided matrix inside raw numbers: offset and strides count raw numbers. */
interface Mat {
  readonly data: RawArray;
  readonly off: number;
  readonly rs: number;
  readonly cs: number;
}

/**
 * A shape as NumPy prints it in messages: (2,3), (3,), (); '?' for an unknown length.
 *
 * @example
 * npShape([3]); // '(3,)'
 */
export function npShape(shape: readonly (number | string | null)[]): string {
  const parts = shape.map((s) => (s === null ? '?' : String(s)));
  return parts.length === 1 ? `(${parts[0]},)` : `(${parts.join(',')})`;
}

/**
 * NumPy's dot error as a ShapeError: 'shapes (2,3) and (4,5) not aligned: 3 (dim 1) != 4 (dim 0)'.
 *
 * @example
 * throw notAligned('Dot', [2, 3], [4, 5], 1, 0);
 */
export function notAligned(op: string, xs: readonly (number | null)[], ys: readonly (number | null)[], xd: number, yd: number): ShapeError {
  return new ShapeError({
    op,
    argument: 'inputs',
    expected: `x.shape[${xd}] == y.shape[${yd}]`,
    given: `shapes ${npShape(xs)} and ${npShape(ys)} not aligned: ${xs[xd]} (dim ${xd}) != ${ys[yd]} (dim ${yd})`,
  });
}

/**
 * NumPy's matmul core-dimension error as a ShapeError ('matmul: Input operand 1
 * has a mismatch in its core dimension 0, ... (size 4 is different from 3)').
 *
 * @example
 * throw matmulMismatch('MatMul', [2, 3], [4, 5]);
 */
export function matmulMismatch(op: string, xs: readonly (number | null)[], ys: readonly (number | null)[]): ShapeError {
  const xk = xs[xs.length - 1];
  const yk = ys[Math.max(0, ys.length - 2)];
  return new ShapeError({
    op,
    argument: 1,
    expected: `y's core length k equal to x.shape[-1] (${xk})`,
    given: `shapes ${npShape(xs)} and ${npShape(ys)}: matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature (n?,k),(k,m?)->(n?,m?) (size ${yk} is different from ${xk})`,
  });
}

/** C <- A @ B for one 2-d product of `dtype` into a zero-filled C. */
function product2d(dtype: Dtype, m: number, n: number, k: number, A: Mat, B: Mat, C: Mat): void {
  if (m === 0 || n === 0 || k === 0) return;
  switch (dtype) {
    case 'float64': {
      const a = A.data as Float64Array, b = B.data as Float64Array, c = C.data as Float64Array;
      if (n === 1) gemvF64(m, k, 1, a, A.off, A.rs, A.cs, b, B.off, B.rs, 1, c, C.off, C.rs);
      else if (m === 1) gemvF64(n, k, 1, b, B.off, B.cs, B.rs, a, A.off, A.cs, 1, c, C.off, C.cs);
      else gemmF64(m, n, k, 1, a, A.off, A.rs, A.cs, b, B.off, B.rs, B.cs, 1, c, C.off, C.rs, C.cs);
      return;
    }
    case 'float32': {
      const a = A.data as Float32Array, b = B.data as Float32Array, c = C.data as Float32Array;
      if (n === 1) gemvF32(m, k, 1, a, A.off, A.rs, A.cs, b, B.off, B.rs, 1, c, C.off, C.rs);
      else if (m === 1) gemvF32(n, k, 1, b, B.off, B.cs, B.rs, a, A.off, A.cs, 1, c, C.off, C.cs);
      else gemmF32(m, n, k, 1, a, A.off, A.rs, A.cs, b, B.off, B.rs, B.cs, 1, c, C.off, C.rs, C.cs);
      return;
    }
    case 'complex64':
    case 'complex128':
      gemmComplex(m, n, k, A.data as Float64Array, A.off, A.rs, A.cs, B.data as Float64Array, B.off, B.rs, B.cs, C.data as Float64Array, C.off, C.rs, C.cs);
      return;
    case 'int64':
    case 'uint64':
      gemmBigInt(m, n, k, A.data as BigInt64Array, A.off, A.rs, A.cs, B.data as BigInt64Array, B.off, B.rs, B.cs, C.data as BigInt64Array, C.off, C.rs, C.cs);
      return;
    default:
      gemmInt32(m, n, k, A.data as Int32FamilyArray, A.off, A.rs, A.cs, B.data as Int32FamilyArray, B.off, B.rs, B.cs, C.data as Int32FamilyArray, C.off, C.rs, C.cs, dtype === 'bool');
  }
}

/**
 * The stacked products x[..., :, :] @ y[..., :, :] of two values with at least
 * 2 dimensions, in `dtype` (inputs of another dtype are cast first), batch
 * dimensions broadcast to `batch` (the caller has checked the shapes). The
 * result is a new contiguous array of shape `outShape` (default batch + (m, n),
 * which must have as many elements).
 *
 * @example
 * matmulValues(x, y, 'float64', [], [2, 2]); // a 2x2 product
 */
export function matmulValues(x: NDArray, y: NDArray, dtype: Dtype, batch: readonly number[], outShape?: readonly number[]): NDArray {
  const xv = rawView(x.dtype === dtype ? x : castArray(x, dtype));
  const yv = rawView(y.dtype === dtype ? y : castArray(y, dtype));
  const xn = xv.shape.length;
  const yn = yv.shape.length;
  const m = xv.shape[xn - 2]!;
  const k = xv.shape[xn - 1]!;
  const n = yv.shape[yn - 1]!;
  if (yv.shape[yn - 2] !== k) throw new ShapeError({ op: 'matmulValues', argument: 1, expected: `${k} rows`, given: npShape(yv.shape) });
  const width = dtypeWidth(dtype);
  const shape = outShape ?? [...batch, m, n];
  const out = allocRaw('Dot', dtype, shape);
  const nb = sizeOf(batch);
  const xs = batchStrides(xv.shape, xv.strides, batch);
  const ys = batchStrides(yv.shape, yv.strides, batch);
  const idx = new Array<number>(batch.length).fill(0);
  let xo = xv.offset;
  let yo = yv.offset;
  const step = m * n * width;
  for (let t = 0; t < nb; t++) {
    product2d(
      dtype, m, n, k,
      { data: xv.data, off: xo, rs: xv.strides[xn - 2]!, cs: xv.strides[xn - 1]! },
      { data: yv.data, off: yo, rs: yv.strides[yn - 2]!, cs: yv.strides[yn - 1]! },
      { data: out, off: t * step, rs: n * width, cs: width },
    );
    // Advance the batch index (row-major), keeping the input offsets in step.
    for (let d = batch.length - 1; d >= 0; d--) {
      idx[d]!++;
      xo += xs[d]!;
      yo += ys[d]!;
      if (idx[d]! < batch[d]!) break;
      xo -= xs[d]! * batch[d]!;
      yo -= ys[d]! * batch[d]!;
      idx[d] = 0;
    }
  }
  return fromRaw(dtype, out, shape);
}

/** Raw strides of an input's batch dimensions aligned on the right with `batch`: 0 where it is absent or broadcast. */
function batchStrides(shape: readonly number[], strides: readonly number[], batch: readonly number[]): number[] {
  const own = shape.length - 2;
  const pad = batch.length - own;
  return batch.map((len, d) => (d < pad || (shape[d - pad] === 1 && len !== 1) ? 0 : strides[d - pad]!));
}

/**
 * A view of `a` with `shape` and element strides `strides` over the same
 * data (used to see a vector as a 1 x k or k x 1 matrix without copying).
 *
 * @example
 * viewAs(v, [1, k], [0, v.strides[0]]); // the vector v as a 1 x k row
 */
export function viewAs(a: NDArray, shape: readonly number[], strides: readonly number[]): NDArray {
  const v = rawView(a);
  return fromRaw(a.dtype, v.data, shape, strides, v.offset / v.width);
}
