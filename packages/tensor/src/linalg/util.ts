/** Graph-level helpers shared by the linear-algebra Ops: input checks, shape products, broadcast sums. */
import { DtypeError, TypeMismatchError, type Variable } from '@proj/graph';
import { isComplex, type Dtype } from '../dtype/dtypes';
import { mul } from '../math/arith';
import { sum } from '../reduce/sum';
import { specifyShape } from '../shape/specify-shape';
import { TensorVariable } from '../variable/tensor-variable';
import { rawView, type NDArray } from '../value/ndarray';

/**
 * `v` as a tensor whose number of dimensions is one of `ndims`, else a
 * TypeMismatchError naming the Op, the input and `what` was expected.
 *
 * @example
 * checkTensorInput('Dot', 0, x, [1, 2], 'a vector or a matrix');
 */
export function checkTensorInput(op: string, position: number, v: Variable, ndims: readonly number[], what: string): TensorVariable {
  if (!(v instanceof TensorVariable)) {
    throw new TypeMismatchError({ op, argument: position, expected: what, given: `${v} of type ${v.type}` });
  }
  if (!ndims.includes(v.ndim)) {
    throw new TypeMismatchError({ op, argument: position, expected: what, given: `${v.ndim} dimensions (${v.type})` });
  }
  return v;
}

/**
 * A 0-d real tensor input (alpha, beta of the BLAS Ops) whose dtype passes
 * `canCast`, else a TypeMismatchError / DtypeError.
 *
 * @example
 * checkScalarInput('Gemm', 1, alpha, 'float64', (d) => canCastSafely(d, 'float64'));
 */
export function checkScalarInput(op: string, position: number, v: Variable, dtype: Dtype, canCast: (from: Dtype) => boolean): TensorVariable {
  const t = checkTensorInput(op, position, v, [0], 'a 0-d tensor (a scalar)');
  if (isComplex(t.dtype) || !canCast(t.dtype)) {
    throw new DtypeError({ op, argument: position, expected: `a real scalar whose dtype casts safely to ${dtype}`, given: `dtype ${t.dtype}` });
  }
  return t;
}

/**
 * The one element of a 0-d value as a JS number.
 *
 * @example
 * scalarValue(fromRaw('float32', Float32Array.of(0.5), [])); // 0.5
 */
export function scalarValue(a: NDArray): number {
  const v = rawView(a);
  return Number(v.data[v.offset]);
}

/**
 * The product of shape entries: a number when they are all known, else an
 * int64 scalar expression (1 for no entries).
 *
 * @example
 * shapeProduct([2, 3]); // 6
 */
export function shapeProduct(entries: readonly (number | TensorVariable)[]): number | TensorVariable {
  let known = 1;
  const symbolic: TensorVariable[] = [];
  for (const e of entries) {
    if (typeof e === 'number') known *= e;
    else symbolic.push(e);
  }
  if (symbolic.length === 0) return known;
  return known === 1 && symbolic.length === 1 ? symbolic[0]! : mul(...symbolic, ...(known === 1 ? [] : [known]));
}

/**
 * `g` with the static lengths of `x` stated where `g` does not know them (so a
 * gradient has its input's broadcast pattern), unchanged when nothing is new.
 *
 * @example
 * matchStatic(gx, x); // gx with x's static shape, e.g. (1, 3)
 */
export function matchStatic(g: TensorVariable, x: TensorVariable): TensorVariable {
  const adds = x.type.shape.some((s, i) => s !== null && g.type.shape[i] === null);
  return adds ? specifyShape(g, x.type.shape) : g;
}

/**
 * `g` summed back to the shape of `x` after `x` was broadcast along batch
 * dimensions (NumPy's rule: aligned on the right; x's dims known to be 1 and
 * the leading dims x lacks are summed). The last `coreDims` dims are not batch dims.
 *
 * @example
 * sumToInput(gx, x, 2); // gx (5, 4, 2, 3) summed to x's (5, 1, 2, 3)
 */
export function sumToInput(g: TensorVariable, x: TensorVariable, coreDims: number): TensorVariable {
  const lead = g.ndim - x.ndim;
  const bcast: number[] = [];
  for (let d = 0; d < x.ndim - coreDims; d++) {
    if (x.type.shape[d] === 1 && g.type.shape[lead + d] !== 1) bcast.push(lead + d);
  }
  let out = bcast.length > 0 ? sum(g, { axis: bcast, keepdims: true }) : g;
  if (lead > 0) out = sum(out, { axis: [...Array(lead).keys()] });
  return matchStatic(out, x);
}
