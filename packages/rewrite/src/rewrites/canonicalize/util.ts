/**
 * Helpers shared by the canonicalize rewrites: matching plain (not in-place)
 * Elemwise nodes, one-element constants, and making a replacement of exactly
 * the Type of the Variable it replaces.
 */
import { evaluate, type Apply, type FunctionGraph, type Variable } from '@proj/graph';
import {
  Elemwise,
  TensorType,
  TensorVariable,
  cast,
  constant,
  dtypeBits,
  fill,
  isBool,
  isComplex,
  isFloat,
  isSignedInt,
  isUnsignedInt,
  specifyShape,
  type Dtype,
  type NDArray,
  type ScalarOp,
} from '@proj/tensor';
import { scalarConstantValue } from '../../pattern';

/** The tags of a canonicalization that FAST_COMPILE does not run. */
export const canonicalTags = ['canonicalize', 'fast_run'] as const;

/**
 * Whether `node` is an Elemwise of `scalar` that overwrites none of its inputs
 * (in-place versions are made after canonicalization and are left alone).
 *
 * @example
 * isElemwiseOf(pt.add(x, y).owner!, pt.scalarAdd); // true
 */
export function isElemwiseOf(node: Apply | null, scalar: ScalarOp): node is Apply<Elemwise> {
  return node !== null && node.op instanceof Elemwise && node.op.scalarOp.equals(scalar) && Object.keys(node.op.props.inplacePattern).length === 0;
}

/** A tracks predicate for the plain Elemwise of `scalar`. */
export function elemwiseTrack(scalar: ScalarOp): (op: unknown) => boolean {
  return (op) => op instanceof Elemwise && op.scalarOp.equals(scalar) && Object.keys(op.props.inplacePattern).length === 0;
}

/**
 * The value of `v` when it is a one-element constant whose every static length
 * is 1 (so it can never stretch another operand), else undefined.
 *
 * @example
 * unitConstant(pt.constant(2).dimshuffle('x')); // 2
 */
export function unitConstant(v: Variable): number | undefined {
  if (!(v instanceof TensorVariable) || !v.type.shape.every((s) => s === 1)) return undefined;
  return scalarConstantValue(v);
}

/** Whether `v` has a single client in `fgraph` (one use, and not a graph output). */
export function singleClient(fgraph: FunctionGraph, v: Variable): boolean {
  return fgraph.getClients(v).length === 1;
}

/**
 * A constant with every length 1, `ndim` dimensions, dtype `dtype` and value
 * `value`.
 *
 * @example
 * unitConstantOf(2, 'float32', 0.5); // a (1, 1) float32 constant 0.5
 */
export function unitConstantOf(ndim: number, dtype: Dtype, value: number | bigint | NDArray): TensorVariable {
  if (typeof value === 'number' || typeof value === 'bigint') {
    // Nested one-element arrays rather than constant(value, { ndim }), which
    // builds wrong strides for a 0-d value (tensor/src/basic/as-tensor.ts).
    let nested: unknown = value;
    for (let d = 0; d < ndim; d++) nested = [nested];
    return constant(nested, { dtype });
  }
  return new TensorType(dtype, new Array<number>(ndim).fill(1)).makeConstant(value);
}

/**
 * Computes a small graph of constants now (with the reference evaluator) and
 * returns it as a constant of its own Type.
 *
 * @example
 * foldNow(pt.add(pt.constant(1), pt.constant(2))); // TensorConstant 3
 */
export function foldNow(v: TensorVariable): TensorVariable {
  const [value] = evaluate([v]);
  return v.type.makeConstant(value);
}

/**
 * `rep` turned into a Variable of exactly `out`'s Type, or undefined when it
 * cannot be: a different dtype is cast, static lengths `out` knows and `rep`
 * does not are stated with specifyShape. A more precise static shape is kept
 * (it can stand for `out`).
 *
 * @example
 * exactly(out, x); // x, or cast(x, out.dtype), or specifyShape(x, out.type.shape)
 */
export function exactly(out: Variable, rep: Variable | undefined): TensorVariable | undefined {
  if (rep === undefined || !(out instanceof TensorVariable) || !(rep instanceof TensorVariable) || rep.ndim !== out.ndim) return undefined;
  let r = rep;
  if (r.dtype !== out.dtype) {
    if (isComplex(r.dtype) && !isComplex(out.dtype)) return undefined;
    r = cast(r, out.dtype);
  }
  if (out.type.isSuperType(r.type)) return r;
  // Only lengths that are unknown in r and known in out can be added; a conflict means a wrong rewrite.
  const conflict = out.type.shape.some((s, d) => s !== null && r.type.shape[d] !== null && r.type.shape[d] !== s);
  if (conflict) return undefined;
  const stated = specifyShape(r, out.type.shape.map((s) => s));
  return out.type.isSuperType(stated.type) ? stated : undefined;
}

/**
 * A tensor of `value` with the shape of `like` and the Type of `out`
 * (`fill(like, value)`, PyTensor's second/fill), or undefined.
 *
 * @example
 * filledLike(out, x, 0); // zeros shaped like x, of out's dtype
 */
export function filledLike(out: Variable, like: TensorVariable, value: number): TensorVariable | undefined {
  if (!(out instanceof TensorVariable)) return undefined;
  // The value gets like's rank now, so no DimShuffle is needed to align it.
  return exactly(out, fill(like, unitConstantOf(like.ndim, out.dtype, value)));
}

/**
 * Whether every value of `from` converts to `to` and back without change (so a
 * cast through `to` loses nothing). Integers fit a float when they fit its mantissa.
 *
 * @example
 * losslessCast('int16', 'float32'); // true; 'int64' to 'float64' is false
 */
export function losslessCast(from: Dtype, to: Dtype): boolean {
  if (from === to) return true;
  if (isComplex(to)) return !isComplex(from) ? losslessCast(from, to === 'complex64' ? 'float32' : 'float64') : dtypeBits(to) >= dtypeBits(from);
  if (isComplex(from)) return false;
  if (isBool(from)) return true;
  if (isBool(to)) return false;
  const mantissa = (d: Dtype) => (d === 'float32' ? 24 : 53);
  if (isFloat(to)) return isFloat(from) ? dtypeBits(to) >= dtypeBits(from) : dtypeBits(from) < mantissa(to);
  if (isFloat(from)) return false;
  if (isSignedInt(to)) return isSignedInt(from) ? dtypeBits(to) >= dtypeBits(from) : dtypeBits(to) > dtypeBits(from);
  return isUnsignedInt(from) && dtypeBits(to) >= dtypeBits(from);
}
