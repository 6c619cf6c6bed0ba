/**
 * SamplingDot (PyTensor's sampling_dot): (x @ y.T) * p computed only on the
 * stored pattern of the sparse p. x is m x k, y is n x k (dense), p is m x n.
 */
import { Apply, Op, TypeMismatchError, gradNotImplemented, type FunctionGraph, type ShapeTuple, type StorageCell, type Variable } from '@proj/graph';
import { upcast, type NDArray } from '@proj/tensor';
import { makeCompressed, type CompressedMatrix } from '../values/compressed';
import { newRaw } from '../values/storage';
import { SparseType } from '../type/sparse-type';
import { asSparseOrTensorVariable } from '../type/as-sparse';
import type { SparseVariable } from '../type/sparse-variable';
import { mul } from './arith';
import { dot } from './dot';
import { transpose } from './structure';
import { samplingDotData, type NumIn, type NumOut } from './dot-kernel';
import { checkDenseMatrix, checkRealDtype, checkSparse, dotShapeError, staticShape, strided } from './dot-util';
import { ShapeError } from '@proj/graph';

function shapeMismatch(op: string, xs: readonly (number | null)[], ys: readonly (number | null)[], ps: readonly (number | null)[]): ShapeError {
  const t = (s: readonly (number | null)[]) => `(${s.map((d) => d ?? '?').join(',')})`;
  return new ShapeError({ op, argument: 'inputs', expected: 'x (m, k), y (n, k) and p (m, n)', given: `shapes x ${t(xs)}, y ${t(ys)}, p ${t(ps)}` });
}

/**
 * (x @ y.T) * p on p's stored entries: a sparse matrix with p's format and
 * pattern. Gradients: x gets dot(p * gz, y), y gets dot((p * gz).T, x); p's
 * gradient is not implemented (as in the reference).
 *
 * @example
 * new SamplingDot().call(pt.dmatrix('x'), pt.dmatrix('y'), sp.csrMatrix('p'));
 */
export class SamplingDot extends Op {
  makeNode(x: Variable, y: Variable, p: Variable): Apply {
    const op = 'SamplingDot';
    const xt = checkDenseMatrix(op, 0, x);
    const yt = checkDenseMatrix(op, 1, y);
    const ps = checkSparse(op, 2, p);
    const dtype = upcast(checkRealDtype(op, 0, xt), checkRealDtype(op, 1, yt), checkRealDtype(op, 2, ps));
    const [xs, ys, pss] = [xt.type.shape, yt.type.shape, staticShape(ps)];
    const bad = (a: number | null | undefined, b: number | null | undefined) => a !== null && a !== undefined && b !== null && b !== undefined && a !== b;
    if (bad(xs[1], ys[1]) || bad(xs[0], pss[0]) || bad(ys[0], pss[1])) throw shapeMismatch(op, xs, ys, pss);
    return new Apply(this, [xt, yt, ps], [new SparseType(ps.format, dtype, [pss[0]!, pss[1]!]).makeVariable()]);
  }

  override perform(node: Apply, [x, y, p]: readonly unknown[], [out]: StorageCell[]): void {
    const xv = x as NDArray;
    const yv = y as NDArray;
    const pm = p as CompressedMatrix;
    if (xv.shape[1] !== yv.shape[1]) throw dotShapeError('SamplingDot', xv.shape, [yv.shape[1]!, yv.shape[0]!]);
    if (xv.shape[0] !== pm.shape[0] || yv.shape[0] !== pm.shape[1]) throw shapeMismatch('SamplingDot', xv.shape, yv.shape, pm.shape);
    const dtype = (node.outputs[0]!.type as SparseType).dtype;
    const data = newRaw(dtype, pm.nnz);
    samplingDotData(pm.majorDim, pm.format === 'csr', pm.indptr, pm.indices, pm.data as unknown as NumIn, xv.shape[1]!, strided(xv), strided(yv), data as unknown as NumOut);
    out![0] = makeCompressed(pm.format, { indptr: pm.indptr.slice(), indices: pm.indices.slice(), data }, pm.shape, dtype);
  }

  override inferShape(_fg: FunctionGraph | undefined, _node: Apply, shapes: readonly ShapeTuple[]): ShapeTuple[] {
    return [[shapes[2]![0]!, shapes[2]![1]!]];
  }

  override grad([x, y, p]: readonly Variable[], [gz]: readonly Variable[]): Variable[] {
    const pgz = mul(p, gz);
    return [dot(pgz, y), dot(transpose(pgz), x), gradNotImplemented(this, 2, p!, 'SamplingDot has no gradient for the pattern p')];
  }
}

/**
 * (x @ y.T) * p only on p's pattern (PyTensor's sampling_dot); x: m x k and
 * y: n x k dense, p: m x n sparse. The result is sparse, p's format and pattern.
 *
 * @example
 * sp.samplingDot(pt.dmatrix('x'), pt.dmatrix('y'), sp.csrMatrix('p'));
 */
export function samplingDot(x: unknown, y: unknown, p: unknown): SparseVariable {
  const [xv, yv, pv] = [x, y, p].map((v) => asSparseOrTensorVariable(v));
  if (!(pv!.type instanceof SparseType)) throw new TypeMismatchError({ op: 'samplingDot', argument: 2, expected: 'a sparse matrix p', given: `${pv} of type ${pv!.type}` });
  return new SamplingDot().call(xv!, yv!, pv!) as SparseVariable;
}
