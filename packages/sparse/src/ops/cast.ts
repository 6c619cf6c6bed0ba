/**
 * Cast: a sparse matrix with its stored values converted to another dtype
 * (NumPy's astype rules), and the shortcuts bcast ... zcast of PyTensor.
 */
import { Apply, Op, config, gradNotImplemented, type FunctionGraph, type ShapeTuple, type StorageCell, type Variable } from '@proj/graph';
import { checkDtype, isComplex, isDiscrete, type Dtype } from '@proj/tensor';
import type { CompressedMatrix } from '../values/compressed';
import type { SparseVariable } from '../type/sparse-variable';
import { sparseArg, sparseOut } from './convert';
import { spZerosLike } from './structure';

/**
 * Converts the stored values of a sparse matrix to `outType`. Regular
 * gradient: the output gradient cast back (zero for integer results).
 *
 * @example
 * new Cast('float32').call(sp.csrMatrix('x'));
 */
export class Cast extends Op<{ outType: Dtype }> {
  constructor(outType: Dtype | 'floatX') {
    super({ outType: checkDtype(outType === 'floatX' ? config.floatX : outType, 'Cast') });
  }

  makeNode(x: Variable): Apply {
    const s = sparseArg(this.toString(), x, 0);
    return new Apply(this, [s], [sparseOut(s.format, this.props.outType, s.type.shape)]);
  }

  override perform(_node: Apply, [x]: readonly unknown[], [out]: StorageCell[]): void {
    // SciPy's astype sums duplicates first (so a cast rounds the sums, not the parts).
    out![0] = (x as CompressedMatrix).copy().sumDuplicates().astype(this.props.outType);
  }

  override inferShape(_f: FunctionGraph | undefined, _node: Apply, shapes: readonly ShapeTuple[]): ShapeTuple[] {
    return [shapes[0]!];
  }

  override grad([x]: readonly Variable[], [gz]: readonly Variable[]): Variable[] {
    const s = x as SparseVariable;
    const g = gz as SparseVariable;
    if (isComplex(g.dtype) || isComplex(s.dtype)) return [gradNotImplemented(this, 0, s, 'grad not implemented for complex types')];
    if (isDiscrete(g.dtype)) return [isDiscrete(s.dtype) ? cast(spZerosLike(s), config.floatX) : spZerosLike(s)];
    return [isDiscrete(s.dtype) ? g : cast(g, s.dtype)];
  }

  override Rop(_inputs: readonly Variable[], [ev]: readonly (Variable | null)[]): (Variable | null)[] {
    return [ev ? this.call(ev) : null];
  }
}

/**
 * The sparse matrix x with its values cast to `dtype` (PyTensor's sparse cast).
 *
 * @example
 * sp.cast(sp.csrMatrix('x'), 'float32');
 */
export function cast(x: unknown, dtype: Dtype | 'floatX'): SparseVariable {
  const d = checkDtype(dtype === 'floatX' ? config.floatX : dtype, 'cast');
  return new Cast(d).call(sparseArg('cast', x, 0)) as SparseVariable;
}

/** Cast to int8. @example sp.bcast(x) */
export const bcast = (x: unknown): SparseVariable => cast(x, 'int8');
/** Cast to int16. @example sp.wcast(x) */
export const wcast = (x: unknown): SparseVariable => cast(x, 'int16');
/** Cast to int32. @example sp.icast(x) */
export const icast = (x: unknown): SparseVariable => cast(x, 'int32');
/** Cast to int64. @example sp.lcast(x) */
export const lcast = (x: unknown): SparseVariable => cast(x, 'int64');
/** Cast to float32. @example sp.fcast(x) */
export const fcast = (x: unknown): SparseVariable => cast(x, 'float32');
/** Cast to float64. @example sp.dcast(x) */
export const dcast = (x: unknown): SparseVariable => cast(x, 'float64');
/** Cast to complex64. @example sp.ccast(x) */
export const ccast = (x: unknown): SparseVariable => cast(x, 'complex64');
/** Cast to complex128. @example sp.zcast(x) */
export const zcast = (x: unknown): SparseVariable => cast(x, 'complex128');
