/**
 * SpSum (PyTensor's sp_sum): the sum of a sparse matrix over all entries or
 * along an axis, as a dense tensor. The gradient is sparse in x's format:
 * structured (only on x's stored pattern) with sparseGrad, else regular.
 */
import { checkOptions, ArgumentError, Apply, Op, type FunctionGraph, type ShapeTuple, type StorageCell, type Variable } from '@proj/graph';
import * as pt from '@proj/tensor';
import { TensorType, fromRaw, isFloat, isComplex, type TensorVariable } from '@proj/tensor';
import type { CompressedMatrix } from '../values/compressed';
import { newRaw } from '../values/storage';
import { asSparseVariable } from '../type/as-sparse';
import type { SparseVariable } from '../type/sparse-variable';
import { mul } from './arith';
import { DenseFromSparse, SparseFromDense } from './convert';
import { colScale, rowScale } from './scale';
import { spOnesLike, spZerosLike } from './structure';
import { compressedSums, type NumIn, type NumOut } from './dot-kernel';
import { checkRealDtype, checkSparse } from './dot-util';

export type SpSumAxis = 0 | 1 | null;

/**
 * Sum of a sparse matrix: a scalar (axis null), or a vector (axis 0: one sum
 * per column; axis 1: one per row). O(nnz + rows + cols) for both formats.
 *
 * @example
 * new SpSum({ axis: 0 }).call(sp.csrMatrix('x'));
 */
export class SpSum extends Op<{ axis: SpSumAxis; sparseGrad: boolean }> {
  constructor(options: { axis?: number | null; sparseGrad?: boolean } = {}) {
    const axis = options.axis ?? null;
    if (axis !== null && axis !== 0 && axis !== 1 && axis !== -1 && axis !== -2) {
      throw new ArgumentError({ op: 'SpSum', argument: 'axis', expected: 'null, 0, 1 (or -2, -1)', given: String(options.axis) });
    }
    super({ axis: axis === null ? null : ((axis + 2) % 2) as 0 | 1, sparseGrad: options.sparseGrad ?? true });
  }

  makeNode(x: Variable): Apply {
    const s = checkSparse('SpSum', 0, x);
    const dtype = checkRealDtype('SpSum', 0, s);
    const [r, c] = s.type.shape;
    const shape = this.props.axis === null ? [] : [this.props.axis === 0 ? c : r];
    return new Apply(this, [s], [new TensorType(dtype, shape).makeVariable()]);
  }

  override perform(node: Apply, [x]: readonly unknown[], [out]: StorageCell[]): void {
    const m = x as CompressedMatrix;
    const dtype = (node.outputs[0]!.type as TensorType).dtype;
    const axis = this.props.axis;
    const data = m.data as unknown as NumIn;
    let sums: Float64Array;
    if (axis === null) {
      let s = 0;
      for (let k = 0; k < m.nnz; k++) s += data[k]!;
      sums = Float64Array.of(s);
    } else {
      // axis 1 (per row) is by major for CSR; axis 0 (per column) by major for CSC.
      const byMajor = (axis === 1) === (m.format === 'csr');
      sums = compressedSums(m.majorDim, m.minorDim, byMajor, m.indptr, m.indices, data);
    }
    const raw = newRaw(dtype, sums.length) as unknown as NumOut;
    for (let i = 0; i < sums.length; i++) raw[i] = sums[i]!;
    out![0] = fromRaw(dtype, raw as never, axis === null ? [] : [sums.length]);
  }

  override inferShape(_fg: FunctionGraph | undefined, _node: Apply, [xs]: readonly ShapeTuple[]): ShapeTuple[] {
    const axis = this.props.axis;
    return [axis === null ? [] : [axis === 0 ? xs![1]! : xs![0]!]];
  }

  /**
   * Structured (sparseGrad): gz * spOnesLike(x), colScale / rowScale of
   * spOnesLike(x) by gz. Regular: the dense broadcast of gz made sparse in x's
   * format. Discrete x: zeros.
   */
  override grad([x]: readonly Variable[], [gz]: readonly Variable[]): Variable[] {
    const s = x as SparseVariable;
    const g = gz as TensorVariable;
    if (!isFloat(s.dtype) && !isComplex(s.dtype)) return [spZerosLike(s)];
    const axis = this.props.axis;
    if (this.props.sparseGrad) {
      const ones = spOnesLike(s);
      if (axis === null) return [mul(ones, g)];
      return [axis === 0 ? colScale(ones, g) : rowScale(ones, g)];
    }
    const dense = new DenseFromSparse().call(s) as TensorVariable;
    const onesD = pt.onesLike(dense);
    let r: TensorVariable;
    if (axis === null) r = pt.mul(onesD, g);
    else r = pt.mul(pt.dimshuffle(g, axis === 0 ? ['x', 0] : [0, 'x']), onesD);
    return [new SparseFromDense(s.format).call(r)];
  }
}

/**
 * The sum of a sparse matrix, all entries (axis null, the default) or along
 * an axis, as a dense tensor (PyTensor's sp_sum). `sparseGrad` (default false,
 * as the reference's function) makes the gradient structured; either way the
 * gradient is sparse in x's format.
 *
 * @example
 * sp.spSum(sp.csrMatrix('x'), { axis: 1, sparseGrad: true }); // a vector
 */
export function spSum(x: unknown, options: { axis?: number | null; sparseGrad?: boolean } = {}): TensorVariable {
  checkOptions('sp.spSum', options, ['axis', 'sparseGrad']);
  return new SpSum({ axis: options.axis ?? null, sparseGrad: options.sparseGrad ?? false }).call(asSparseVariable(x)) as TensorVariable;
}
