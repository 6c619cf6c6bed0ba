/**
 * Gemm: z <- alpha * x @ y + beta * z (PyTensor's blas Gemm), the Op the
 * rewrite layer turns dot products with scaling and accumulation into. The
 * in-place version overwrites its z input (destroyMap); the other works on a
 * copy and never modifies an input. float32 / float64 only (as BLAS).
 */
import { Apply, DtypeError, Op, ShapeError, type FunctionGraph, type ShapeTuple, type StorageCell, type Variable } from '@proj/graph';
import { canCastSafely, type Dtype } from '../dtype/dtypes';
import { asTensorVariable, type TensorLike } from '../basic/as-tensor';
import { toNDArray } from '../value/convert';
import { mul } from '../math/arith';
import { sum } from '../reduce/sum';
import { transpose } from '../shape/rearrange';
import { TensorType } from '../type/tensor-type';
import { copyArray, fromRaw, rawView, zerosArray, type NDArray } from '../value/ndarray';
import type { TensorVariable } from '../variable/tensor-variable';
import { gemmF32 } from './kernels/gemm-f32';
import { gemmF64 } from './kernels/gemm-f64';
import { Dot } from './dot-op';
import { notAligned, npShape } from './product';
import { checkScalarInput, checkTensorInput, scalarValue } from './util';

/**
 * The float dtype every array input of a BLAS Op must share, or a DtypeError
 * naming the input that differs.
 *
 * @example
 * blasDtype('Gemm', [[0, z], [2, x], [3, y]]); // 'float64'
 */
export function blasDtype(op: string, arrays: readonly [number, TensorVariable][]): Dtype {
  const dtype = arrays[0]![1].dtype;
  if (dtype !== 'float32' && dtype !== 'float64') {
    throw new DtypeError({ op, argument: arrays[0]![0], expected: 'float32 or float64 (the BLAS dtypes; use pt.dot for others)', given: `dtype ${dtype}` });
  }
  for (const [i, t] of arrays) {
    if (t.dtype !== dtype) throw new DtypeError({ op, argument: i, expected: `dtype ${dtype} (the dtype of input ${arrays[0]![0]})`, given: `dtype ${t.dtype}` });
  }
  return dtype;
}

/**
 * A ShapeError when a static or run-time length of `what` differs from the one
 * the product needs (null: not known, not checked).
 *
 * @example
 * checkLength('Gemv', 3, 'x', x.shape[0], A.shape[1], x.shape);
 */
export function checkLength(op: string, position: number, what: string, got: number | null, want: number | null, shape: readonly (number | null)[]): void {
  if (got !== null && want !== null && got !== want) {
    throw new ShapeError({ op, argument: position, expected: `${what} of length ${want}`, given: `shape ${npShape(shape)}` });
  }
}

/**
 * `v`, or a copy of it when it shares memory with `out` (which the kernel
 * writes), so the kernel reads the values it was given.
 *
 * @example
 * const xv = rawView(unaliased(x, z));
 */
export function unaliased(v: NDArray, out: NDArray): NDArray {
  const a = rawView(v).data;
  const b = rawView(out).data;
  return a.buffer === b.buffer ? copyArray(v) : v;
}

/**
 * z <- alpha * x @ y + beta * z for float matrices (PyTensor's Gemm); inputs
 * (z, alpha, x, y, beta) with alpha and beta 0-d. beta = 0 ignores z's values
 * (BLAS convention: NaN in z does not propagate).
 *
 * @example
 * new Gemm(false).call(z, alpha, x, y, beta);
 */
export class Gemm extends Op<{ inplace: boolean }> {
  constructor(inplace: boolean) {
    super({ inplace });
  }

  override get name(): string {
    return this.props.inplace ? 'Gemm{inplace}' : 'Gemm{no_inplace}';
  }

  override toString(): string {
    return this.name;
  }

  override get destroyMap(): Readonly<Record<number, readonly number[]>> {
    return this.props.inplace ? { 0: [0] } : {};
  }

  makeNode(z: Variable, alpha: Variable, x: Variable, y: Variable, beta: Variable): Apply {
    const op = this.name;
    const zt = checkTensorInput(op, 0, z, [2], 'a matrix (z)');
    const xt = checkTensorInput(op, 2, x, [2], 'a matrix (x)');
    const yt = checkTensorInput(op, 3, y, [2], 'a matrix (y)');
    const dtype = blasDtype(op, [[0, zt], [2, xt], [3, yt]]);
    const a = checkScalarInput(op, 1, alpha, dtype, (d) => canCastSafely(d, dtype));
    const b = checkScalarInput(op, 4, beta, dtype, (d) => canCastSafely(d, dtype));
    const [zs, xs, ys] = [zt.type.shape, xt.type.shape, yt.type.shape];
    if (xs[1] !== null && ys[0] !== null && xs[1] !== ys[0]) throw notAligned(op, xs, ys, 1, 0);
    checkLength(op, 0, 'z: rows', zs[0]!, xs[0]!, zs);
    checkLength(op, 0, 'z: columns', zs[1]!, ys[1]!, zs);
    const shape = [zs[0] ?? xs[0]!, zs[1] ?? ys[1]!];
    return new Apply(this, [zt, a, xt, yt, b], [new TensorType(dtype, shape).makeVariable()]);
  }

  override perform(_node: Apply, inputs: readonly unknown[], out: StorageCell[]): void {
    const op = this.name;
    const [z, a, x, y, b] = inputs as NDArray[];
    const [zs, xs, ys] = [z!.shape, x!.shape, y!.shape];
    if (xs[1] !== ys[0]) throw notAligned(op, xs, ys, 1, 0);
    const [m, n] = [xs[0]!, ys[1]!];
    // z may broadcast at run time (a length-1 row or column, as NumPy's beta * z + ...):
    // Elemwise does, so the gemm rewrite of such an add must too.
    const broadcast = zs[0] !== m || zs[1] !== n;
    if (zs[0] !== 1) checkLength(op, 0, 'z: rows', zs[0]!, m, zs);
    if (zs[1] !== 1) checkLength(op, 0, 'z: columns', zs[1]!, n, zs);
    const alpha = scalarValue(a!);
    const beta = scalarValue(b!);
    // Only the in-place version writes into z (when z has the output's shape); the
    // other starts from a copy (or zeros when z is ignored).
    const target = beta === 0 && (broadcast || !this.props.inplace) ? zerosArray(z!.dtype, [m, n]) : broadcast ? copyArray(broadcastTo(z!, m, n)) : this.props.inplace ? z! : copyArray(z!);
    const xv = rawView(unaliased(x!, target));
    const yv = rawView(unaliased(y!, target));
    const zv = rawView(target);
    const kernel = target.dtype === 'float32' ? gemmF32 : gemmF64;
    kernel(
      m, n, xs[1]!, alpha,
      xv.data as never, xv.offset, xv.strides[0]!, xv.strides[1]!,
      yv.data as never, yv.offset, yv.strides[0]!, yv.strides[1]!,
      beta,
      zv.data as never, zv.offset, zv.strides[0]!, zv.strides[1]!,
    );
    out[0]![0] = target;
  }

  override inferShape(_fg: FunctionGraph | undefined, _node: Apply, [zs]: readonly ShapeTuple[]): ShapeTuple[] {
    return [zs!];
  }

  /** d/dz = beta g, d/dalpha = sum(g * (x @ y)), d/dx = alpha g @ y^T, d/dy = alpha x^T @ g, d/dbeta = sum(g * z). */
  override Lop(inputs: readonly Variable[], _outputs: readonly Variable[], [gz]: readonly Variable[]): Variable[] {
    const [z, a, x, y, b] = inputs as TensorVariable[];
    const g = gz as TensorVariable;
    const dot = new Dot();
    const xy = dot.call(x!, y!) as TensorVariable;
    return [
      mul(b!, g),
      sum(mul(g, xy)),
      mul(a!, dot.call(g, transpose(y!)) as TensorVariable),
      mul(a!, dot.call(transpose(x!), g) as TensorVariable),
      sum(mul(g, z!)),
    ];
  }

  override grad(inputs: readonly Variable[], outputGrads: readonly Variable[]): Variable[] {
    return this.Lop(inputs, [], outputGrads);
  }
}

/** z viewed with the shape (m, n), stride 0 on its length-1 dimensions. */
function broadcastTo(z: NDArray, m: number, n: number): NDArray {
  const v = rawView(z);
  return fromRaw(z.dtype, v.data, [m, n], [z.shape[0] === 1 ? 0 : z.strides[0]!, z.shape[1] === 1 ? 0 : z.strides[1]!], z.offset);
}

/**
 * alpha / beta as a tensor: a JS number becomes a 0-d constant of the array
 * dtype (rounded to it, as BLAS reads alpha and beta in that dtype).
 *
 * @example
 * blasScalar(0.5, z); // TensorConstant of z.dtype
 */
export function blasScalar(v: TensorLike, like: TensorVariable): TensorVariable {
  if (typeof v !== 'number') return asTensorVariable(v);
  // A JS number is rounded to the array dtype, as BLAS reads alpha and beta in it.
  return new TensorType(like.dtype, []).makeConstant(toNDArray(v, like.dtype, { allowDowncast: true }));
}

/**
 * alpha * x @ y + beta * z as a new matrix (z is not modified; PyTensor's gemm_no_inplace).
 *
 * @example
 * pt.gemmNoInplace(z, 1, x, y, 0.5);
 */
export function gemmNoInplace(z: TensorLike, alpha: TensorLike, x: TensorLike, y: TensorLike, beta: TensorLike): TensorVariable {
  const zt = asTensorVariable(z);
  return new Gemm(false).call(zt, blasScalar(alpha, zt), asTensorVariable(x), asTensorVariable(y), blasScalar(beta, zt)) as TensorVariable;
}

/**
 * z <- alpha * x @ y + beta * z, overwriting z's value (PyTensor's gemm_inplace;
 * for the rewrite layer, which checks that z may be destroyed).
 *
 * @example
 * pt.gemmInplace(z, 1, x, y, 1);
 */
export function gemmInplace(z: TensorLike, alpha: TensorLike, x: TensorLike, y: TensorLike, beta: TensorLike): TensorVariable {
  const zt = asTensorVariable(z);
  return new Gemm(true).call(zt, blasScalar(alpha, zt), asTensorVariable(x), asTensorVariable(y), blasScalar(beta, zt)) as TensorVariable;
}
