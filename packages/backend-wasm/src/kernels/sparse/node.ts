/**
 * WASM kernels of sparse x dense products: StructuredDot and sparse Dot with a
 * CSR or CSC first operand (float64 / float32 values) and a dense matrix or
 * vector. The sparse arrays are copied into WASM memory per call (once for a
 * constant matrix); a dense operand without contiguous rows runs in JS.
 */
import type { Apply, Variable } from '@proj/graph';
import { TensorType } from '@proj/tensor';
import { CompressedMatrix, Dot as SparseDot, SparseType, StructuredDot } from '@proj/sparse';
import type { LinkState, NodeContext } from '../../linker/context';
import type { NodeKernel } from '../../linker/table';
import { F32, F64, type Precision } from '../gemm/precision';
import { sparseModule } from './codegen';

type SparseFn = (major: number, n: number, indptr: number, indices: number, data: number, B: number, rsb: number, out: number) => void;

interface Placed {
  readonly indptr: number;
  readonly indices: number;
  readonly data: number;
}

function place(link: LinkState, a: CompressedMatrix, v: Variable): Placed {
  const put = (arr: Int32Array | Float64Array | Float32Array): number => {
    const ptr = link.alloc(Math.max(arr.byteLength, 4), v);
    new Uint8Array(link.arena.buffer, ptr, arr.byteLength).set(new Uint8Array(arr.buffer, arr.byteOffset, arr.byteLength));
    return ptr;
  };
  const indptr = put(a.indptr);
  const indices = put(a.indices);
  const data = put(a.data as Float64Array);
  return { indptr, indices, data };
}

/**
 * The kernel of a StructuredDot or sparse Dot node with a sparse first and a dense second operand.
 *
 * @example
 * const run = sparseDenseNodeKernel(node, link);
 */
export function sparseDenseNodeKernel(node: Apply, link: LinkState): NodeKernel | undefined {
  if (!(node.op instanceof StructuredDot || node.op instanceof SparseDot)) return undefined;
  const [av, bv] = node.inputs as [Variable, Variable];
  const out = node.outputs[0]!.type;
  if (!(av.type instanceof SparseType) || !(bv.type instanceof TensorType) || !(out instanceof TensorType)) return undefined;
  const dtype = out.dtype;
  if ((dtype !== 'float64' && dtype !== 'float32') || av.type.dtype !== dtype || bv.type.dtype !== dtype) return undefined;
  const p: Precision = dtype === 'float64' ? F64 : F32;
  const fns = link.kernels.get(`sparse-${dtype}`, () => sparseModule(p));
  const csr = fns.csr as unknown as SparseFn;
  const csc = fns.csc as unknown as SparseFn;
  // A constant matrix is placed once.
  let constant: Placed | undefined;
  return (ctx: NodeContext) => {
    const a = ctx.value(0) as CompressedMatrix;
    const b = ctx.input(1);
    const [m, k] = a.shape;
    const vector = b.shape.length === 1;
    const n = vector ? 1 : b.shape[1]!;
    if (b.shape[0] !== k || (!vector && n > 1 && b.strides[1] !== 1)) return ctx.fallback();
    const placed = av.isConstant() ? (constant ??= place(link, a, av)) : place(link, a, av);
    const o = ctx.output(0, dtype, vector ? [m] : [m, n]);
    if (m === 0 || n === 0) return;
    const rsb = (vector ? b.strides[0]! : b.strides[0]!) * p.bytes;
    if (a.format === 'csr') csr(m, n, placed.indptr, placed.indices, placed.data, b.ptr, rsb, o.ptr);
    else {
      (o.value.data as Float64Array).fill(0);
      csc(k, n, placed.indptr, placed.indices, placed.data, b.ptr, rsb, o.ptr);
    }
  };
}
