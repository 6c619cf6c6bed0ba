/**
 * WASM kernels of the product Ops: Dot (matrix/vector in any combination),
 * Gemm and Gemv, float64 and float32 (both inputs of the output's dtype).
 */
import { ShapeError, type Apply } from '@proj/graph';
import { Dot, Gemm, Gemv, TensorType, type NDArray } from '@proj/tensor';
import type { LinkState, NodeContext } from '../../linker/context';
import type { NodeKernel } from '../../linker/table';
import type { TensorRef } from '../tensor-ref';
import { gemmModule, gemmScratchBytes } from './gemm-codegen';
import { gemvModule } from './gemv-codegen';
import { F32, F64, type Precision } from './precision';

type GemmFn = (m: number, n: number, k: number, alpha: number, A: number, rsa: number, csa: number, B: number, rsb: number, csb: number, C: number, ldc: number, scratch: number) => void;
type GemvFn = (m: number, k: number, alpha: number, A: number, rsa: number, csa: number, x: number, incx: number, y: number) => void;

function precisionOf(node: Apply, inputs: readonly number[]): Precision | undefined {
  const out = node.outputs[0]!.type;
  if (!(out instanceof TensorType) || (out.dtype !== 'float64' && out.dtype !== 'float32')) return undefined;
  for (const k of inputs) {
    const t = node.inputs[k]!.type;
    if (!(t instanceof TensorType) || t.dtype !== out.dtype) return undefined;
  }
  return out.dtype === 'float64' ? F64 : F32;
}

/** The GEMM and GEMV functions of one precision on a link's arena. */
class Blas {
  readonly gemm: GemmFn;
  readonly gemv: GemvFn;
  readonly scratchBytes: number;

  constructor(
    readonly link: LinkState,
    readonly p: Precision,
  ) {
    this.gemm = link.kernels.get(`gemm-${p.dtype}`, () => gemmModule(p)).gemm as unknown as GemmFn;
    this.gemv = link.kernels.get(`gemv-${p.dtype}`, () => gemvModule(p)).gemv as unknown as GemvFn;
    this.scratchBytes = gemmScratchBytes(p);
  }

  /** A new output filled with beta * src (zeros when beta is 0 or there is no src, as BLAS: NaN in src does not propagate). */
  output(ctx: NodeContext, shape: number[], src?: TensorRef, beta = 0): number {
    const { ptr, value } = ctx.output(0, this.p.dtype, shape);
    const out = value.data as Float64Array;
    if (src === undefined || beta === 0) out.fill(0);
    else {
      const E = this.p.bytes;
      const Arr = this.p.dtype === 'float64' ? Float64Array : Float32Array;
      const buf = this.link.arena.buffer;
      const view = new Arr(buf, 0, buf.byteLength / E);
      const base = src.ptr / E;
      if (shape.length === 1) for (let i = 0; i < shape[0]!; i++) out[i] = beta * view[base + i * src.strides[0]!]!;
      else {
        const [m, n] = shape as [number, number];
        for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) out[i * n + j] = beta * view[base + i * src.strides[0]! + j * src.strides[1]!]!;
      }
    }
    return ptr;
  }

  /** C (at cPtr, m x n contiguous) += alpha A B. */
  matmat(A: TensorRef, B: TensorRef, cPtr: number, alpha: number): void {
    const E = this.p.bytes;
    const [m, k] = A.shape as [number, number];
    const n = B.shape[1]!;
    if (m === 0 || n === 0 || k === 0) return;
    if (m === 1) return this.gemv(n, k, alpha, B.ptr, B.strides[1]! * E, B.strides[0]! * E, A.ptr, A.strides[1]! * E, cPtr);
    if (n === 1) return this.gemv(m, k, alpha, A.ptr, A.strides[0]! * E, A.strides[1]! * E, B.ptr, B.strides[0]! * E, cPtr);
    this.gemm(m, n, k, alpha, A.ptr, A.strides[0]! * E, A.strides[1]! * E, B.ptr, B.strides[0]! * E, B.strides[1]! * E, cPtr, n * E, this.link.scratch(this.scratchBytes));
  }

  /** y (at yPtr, contiguous) += alpha A x for A (m x k) given by its strides. */
  matvec(aPtr: number, m: number, k: number, rsa: number, csa: number, x: TensorRef, yPtr: number, alpha: number): void {
    if (m === 0 || k === 0) return;
    const E = this.p.bytes;
    this.gemv(m, k, alpha, aPtr, rsa * E, csa * E, x.ptr, x.strides[0]! * E, yPtr);
  }
}

function notAligned(op: string, argument: number, want: number, shape: readonly number[]): ShapeError {
  return new ShapeError({ op, argument, expected: `length ${want} along the summed dimension`, given: `shape (${shape.join(', ')}${shape.length === 1 ? ',' : ''})` });
}

function scalarOf(v: unknown): number {
  const a = v as NDArray;
  return Number(a.get(...a.shape.map(() => 0)));
}

/**
 * Dot of vectors and matrices.
 *
 * @example
 * const run = dotNodeKernel(node, link);
 */
export function dotNodeKernel(node: Apply, link: LinkState): NodeKernel | undefined {
  if (!(node.op instanceof Dot)) return undefined;
  const p = precisionOf(node, [0, 1]);
  if (!p) return undefined;
  const blas = new Blas(link, p);
  return (ctx) => {
    const x = ctx.input(0);
    const y = ctx.input(1);
    const k = x.shape[x.shape.length - 1]!;
    if (y.shape[0] !== k) throw notAligned('Dot', 1, k, y.shape);
    if (x.shape.length === 2 && y.shape.length === 2) {
      const ptr = blas.output(ctx, [x.shape[0]!, y.shape[1]!]);
      blas.matmat(x, y, ptr, 1);
    } else if (x.shape.length === 2) {
      const ptr = blas.output(ctx, [x.shape[0]!]);
      blas.matvec(x.ptr, x.shape[0]!, k, x.strides[0]!, x.strides[1]!, y, ptr, 1);
    } else if (y.shape.length === 2) {
      // x @ B = B^T x: B read through swapped strides.
      const ptr = blas.output(ctx, [y.shape[1]!]);
      blas.matvec(y.ptr, y.shape[1]!, k, y.strides[1]!, y.strides[0]!, x, ptr, 1);
    } else {
      const ptr = blas.output(ctx, []);
      blas.matvec(x.ptr, 1, k, 0, x.strides[0]!, y, ptr, 1);
    }
  };
}

/**
 * Gemm: alpha x @ y + beta z (into a new output; the in-place version may but need not overwrite z).
 *
 * @example
 * const run = gemmNodeKernel(node, link);
 */
export function gemmNodeKernel(node: Apply, link: LinkState): NodeKernel | undefined {
  if (!(node.op instanceof Gemm)) return undefined;
  const p = precisionOf(node, [0, 2, 3]);
  if (!p) return undefined;
  const blas = new Blas(link, p);
  const name = node.op.name;
  return (ctx) => {
    const alpha = scalarOf(ctx.value(1));
    const beta = scalarOf(ctx.value(4));
    const z = ctx.input(0);
    const x = ctx.input(2);
    const y = ctx.input(3);
    const [m, k] = x.shape as [number, number];
    const n = y.shape[1]!;
    if (y.shape[0] !== k) throw notAligned(name, 3, k, y.shape);
    // A z that broadcasts (a length-1 row or column) is handled by Gemm's own perform.
    if ((z.shape[0] === 1 || z.shape[0] === m) && (z.shape[1] === 1 || z.shape[1] === n) && (z.shape[0] !== m || z.shape[1] !== n)) return ctx.fallback();
    if (z.shape[0] !== m || z.shape[1] !== n) throw new ShapeError({ op: name, argument: 0, expected: `shape (${m}, ${n})`, given: `shape (${z.shape.join(', ')})` });
    const ptr = blas.output(ctx, [m, n], z, beta);
    blas.matmat(x, y, ptr, alpha);
  };
}

/**
 * Gemv: alpha A @ x + beta y.
 *
 * @example
 * const run = gemvNodeKernel(node, link);
 */
export function gemvNodeKernel(node: Apply, link: LinkState): NodeKernel | undefined {
  if (!(node.op instanceof Gemv)) return undefined;
  const p = precisionOf(node, [0, 2, 3]);
  if (!p) return undefined;
  const blas = new Blas(link, p);
  const name = node.op.name;
  return (ctx) => {
    const alpha = scalarOf(ctx.value(1));
    const beta = scalarOf(ctx.value(4));
    const y = ctx.input(0);
    const A = ctx.input(2);
    const x = ctx.input(3);
    const [m, k] = A.shape as [number, number];
    if (x.shape[0] !== k) throw notAligned(name, 3, k, x.shape);
    if (y.shape[0] !== m) throw new ShapeError({ op: name, argument: 0, expected: `length ${m}`, given: `shape (${y.shape[0]},)` });
    const ptr = blas.output(ctx, [m], y, beta);
    blas.matvec(A.ptr, m, k, A.strides[0]!, A.strides[1]!, x, ptr, alpha);
  };
}
