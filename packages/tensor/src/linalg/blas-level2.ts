/**
 * Gemv (y <- alpha * A @ x + beta * y) and Ger (A <- A + alpha * x y^T),
 * PyTensor's level-2 BLAS Ops for the rewrite layer. The in-place / destructive
 * versions overwrite their first input (destroyMap); the others never modify
 * an input. float32 / float64 only.
 */
import { Apply, Op, type FunctionGraph, type ShapeTuple, type StorageCell, type Variable } from '@proj/graph';
import { canCastSafely } from '../dtype/dtypes';
import { asTensorVariable, type TensorLike } from '../basic/as-tensor';
import { mul } from '../math/arith';
import { sum } from '../reduce/sum';
import { dimshuffle } from '../shape/dimshuffle';
import { transpose } from '../shape/rearrange';
import { TensorType } from '../type/tensor-type';
import { copyArray, rawView, zerosArray, type NDArray } from '../value/ndarray';
import type { TensorVariable } from '../variable/tensor-variable';
import { gemvF32, gerF32 } from './kernels/gemv-f32';
import { gemvF64, gerF64 } from './kernels/gemv-f64';
import { blasDtype, blasScalar, checkLength, unaliased } from './blas-gemm';
import { Dot } from './dot-op';
import { checkScalarInput, checkTensorInput, scalarValue } from './util';

/**
 * y <- alpha * A @ x + beta * y for a float matrix A and vectors x, y
 * (PyTensor's Gemv); inputs (y, alpha, A, x, beta). beta = 0 ignores y's values.
 *
 * @example
 * new Gemv(false).call(y, alpha, A, x, beta);
 */
export class Gemv extends Op<{ inplace: boolean }> {
  constructor(inplace: boolean) {
    super({ inplace });
  }

  override get name(): string {
    return this.props.inplace ? 'Gemv{inplace}' : 'Gemv{no_inplace}';
  }

  override toString(): string {
    return this.name;
  }

  override get destroyMap(): Readonly<Record<number, readonly number[]>> {
    return this.props.inplace ? { 0: [0] } : {};
  }

  makeNode(y: Variable, alpha: Variable, A: Variable, x: Variable, beta: Variable): Apply {
    const op = this.name;
    const yt = checkTensorInput(op, 0, y, [1], 'a vector (y)');
    const at = checkTensorInput(op, 2, A, [2], 'a matrix (A)');
    const xt = checkTensorInput(op, 3, x, [1], 'a vector (x)');
    const dtype = blasDtype(op, [[0, yt], [2, at], [3, xt]]);
    const al = checkScalarInput(op, 1, alpha, dtype, (d) => canCastSafely(d, dtype));
    const be = checkScalarInput(op, 4, beta, dtype, (d) => canCastSafely(d, dtype));
    checkLength(op, 3, 'x', xt.type.shape[0]!, at.type.shape[1]!, xt.type.shape);
    checkLength(op, 0, 'y', yt.type.shape[0]!, at.type.shape[0]!, yt.type.shape);
    return new Apply(this, [yt, al, at, xt, be], [new TensorType(dtype, [yt.type.shape[0] ?? at.type.shape[0]!]).makeVariable()]);
  }

  override perform(_node: Apply, inputs: readonly unknown[], out: StorageCell[]): void {
    const op = this.name;
    const [y, al, A, x, be] = inputs as NDArray[];
    const [m, n] = A!.shape as [number, number];
    checkLength(op, 3, 'x', x!.shape[0]!, n, x!.shape);
    checkLength(op, 0, 'y', y!.shape[0]!, m, y!.shape);
    const alpha = scalarValue(al!);
    const beta = scalarValue(be!);
    const target = this.props.inplace ? y! : beta === 0 ? zerosArray(y!.dtype, [m]) : copyArray(y!);
    const av = rawView(unaliased(A!, target));
    const xv = rawView(unaliased(x!, target));
    const yv = rawView(target);
    const kernel = target.dtype === 'float32' ? gemvF32 : gemvF64;
    kernel(m, n, alpha, av.data as never, av.offset, av.strides[0]!, av.strides[1]!, xv.data as never, xv.offset, xv.strides[0]!, beta, yv.data as never, yv.offset, yv.strides[0]!);
    out[0]![0] = target;
  }

  override inferShape(_fg: FunctionGraph | undefined, _node: Apply, [ys]: readonly ShapeTuple[]): ShapeTuple[] {
    return [ys!];
  }

  /** d/dy = beta g, d/dalpha = sum(g * (A @ x)), d/dA = alpha outer(g, x), d/dx = alpha A^T @ g, d/dbeta = sum(g * y). */
  override Lop(inputs: readonly Variable[], _outputs: readonly Variable[], [gz]: readonly Variable[]): Variable[] {
    const [y, al, A, x, be] = inputs as TensorVariable[];
    const g = gz as TensorVariable;
    const dot = new Dot();
    return [
      mul(be!, g),
      sum(mul(g, dot.call(A!, x!) as TensorVariable)),
      mul(al!, dot.call(dimshuffle(g, [0, 'x']), dimshuffle(x!, ['x', 0])) as TensorVariable),
      mul(al!, dot.call(transpose(A!), g) as TensorVariable),
      sum(mul(g, y!)),
    ];
  }

  override grad(inputs: readonly Variable[], outputGrads: readonly Variable[]): Variable[] {
    return this.Lop(inputs, [], outputGrads);
  }
}

/**
 * A <- A + alpha * x y^T for a float matrix A and vectors x, y (PyTensor's
 * Ger); inputs (A, alpha, x, y). `destructive` overwrites A.
 *
 * @example
 * new Ger(false).call(A, alpha, x, y);
 */
export class Ger extends Op<{ destructive: boolean }> {
  constructor(destructive: boolean) {
    super({ destructive });
  }

  override get name(): string {
    return this.props.destructive ? 'Ger{destructive}' : 'Ger{non-destructive}';
  }

  override toString(): string {
    return this.name;
  }

  override get destroyMap(): Readonly<Record<number, readonly number[]>> {
    return this.props.destructive ? { 0: [0] } : {};
  }

  makeNode(A: Variable, alpha: Variable, x: Variable, y: Variable): Apply {
    const op = this.name;
    const at = checkTensorInput(op, 0, A, [2], 'a matrix (A)');
    const xt = checkTensorInput(op, 2, x, [1], 'a vector (x)');
    const yt = checkTensorInput(op, 3, y, [1], 'a vector (y)');
    const dtype = blasDtype(op, [[0, at], [2, xt], [3, yt]]);
    const al = checkScalarInput(op, 1, alpha, dtype, (d) => canCastSafely(d, dtype));
    checkLength(op, 2, 'x', xt.type.shape[0]!, at.type.shape[0]!, xt.type.shape);
    checkLength(op, 3, 'y', yt.type.shape[0]!, at.type.shape[1]!, yt.type.shape);
    const shape = [at.type.shape[0] ?? xt.type.shape[0]!, at.type.shape[1] ?? yt.type.shape[0]!];
    return new Apply(this, [at, al, xt, yt], [new TensorType(dtype, shape).makeVariable()]);
  }

  override perform(_node: Apply, inputs: readonly unknown[], out: StorageCell[]): void {
    const op = this.name;
    const [A, al, x, y] = inputs as NDArray[];
    const [m, n] = A!.shape as [number, number];
    checkLength(op, 2, 'x', x!.shape[0]!, m, x!.shape);
    checkLength(op, 3, 'y', y!.shape[0]!, n, y!.shape);
    const target = this.props.destructive ? A! : copyArray(A!);
    const xv = rawView(unaliased(x!, target));
    const yv = rawView(unaliased(y!, target));
    const av = rawView(target);
    const kernel = target.dtype === 'float32' ? gerF32 : gerF64;
    kernel(m, n, scalarValue(al!), xv.data as never, xv.offset, xv.strides[0]!, yv.data as never, yv.offset, yv.strides[0]!, av.data as never, av.offset, av.strides[0]!, av.strides[1]!);
    out[0]![0] = target;
  }

  override inferShape(_fg: FunctionGraph | undefined, _node: Apply, [as]: readonly ShapeTuple[]): ShapeTuple[] {
    return [as!];
  }

  /** d/dA = g, d/dalpha = sum(g * outer(x, y)), d/dx = alpha g @ y, d/dy = alpha g^T @ x. */
  override Lop(inputs: readonly Variable[], _outputs: readonly Variable[], [gz]: readonly Variable[]): Variable[] {
    const [, al, x, y] = inputs as TensorVariable[];
    const g = gz as TensorVariable;
    const dot = new Dot();
    const xy = dot.call(dimshuffle(x!, [0, 'x']), dimshuffle(y!, ['x', 0])) as TensorVariable;
    return [g, sum(mul(g, xy)), mul(al!, dot.call(g, y!) as TensorVariable), mul(al!, dot.call(transpose(g), x!) as TensorVariable)];
  }

  override grad(inputs: readonly Variable[], outputGrads: readonly Variable[]): Variable[] {
    return this.Lop(inputs, [], outputGrads);
  }
}

/**
 * alpha * A @ x + beta * y as a new vector (PyTensor's gemv_no_inplace).
 *
 * @example
 * pt.gemvNoInplace(y, 1, A, x, 0);
 */
export function gemvNoInplace(y: TensorLike, alpha: TensorLike, A: TensorLike, x: TensorLike, beta: TensorLike): TensorVariable {
  const yt = asTensorVariable(y);
  return new Gemv(false).call(yt, blasScalar(alpha, yt), asTensorVariable(A), asTensorVariable(x), blasScalar(beta, yt)) as TensorVariable;
}

/**
 * y <- alpha * A @ x + beta * y, overwriting y's value (PyTensor's gemv_inplace).
 *
 * @example
 * pt.gemvInplace(y, 1, A, x, 1);
 */
export function gemvInplace(y: TensorLike, alpha: TensorLike, A: TensorLike, x: TensorLike, beta: TensorLike): TensorVariable {
  const yt = asTensorVariable(y);
  return new Gemv(true).call(yt, blasScalar(alpha, yt), asTensorVariable(A), asTensorVariable(x), blasScalar(beta, yt)) as TensorVariable;
}

/**
 * A + alpha * outer(x, y) as a new matrix (PyTensor's ger).
 *
 * @example
 * pt.ger(A, 0.5, x, y);
 */
export function ger(A: TensorLike, alpha: TensorLike, x: TensorLike, y: TensorLike): TensorVariable {
  const at = asTensorVariable(A);
  return new Ger(false).call(at, blasScalar(alpha, at), asTensorVariable(x), asTensorVariable(y)) as TensorVariable;
}

/**
 * A <- A + alpha * outer(x, y), overwriting A's value (PyTensor's ger_destructive).
 *
 * @example
 * pt.gerDestructive(A, 1, x, y);
 */
export function gerDestructive(A: TensorLike, alpha: TensorLike, x: TensorLike, y: TensorLike): TensorVariable {
  const at = asTensorVariable(A);
  return new Ger(true).call(at, blasScalar(alpha, at), asTensorVariable(x), asTensorVariable(y)) as TensorVariable;
}
