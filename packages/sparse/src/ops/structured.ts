/**
 * StructuredElemwise: a scalar function applied to the stored values of a
 * sparse matrix only (PyTensor's structured_monoid: structured_sigmoid, _exp,
 * _log, _pow, _minimum, _maximum, _add, and the zero-keeping unary functions
 * sin, tan, ... of unary.ts). The result has the input's structure; the
 * gradient is structured (gz times the derivative, on the stored pattern).
 */
import { Apply, Op, TypeMismatchError, type ShapeTuple, type StorageCell, type Variable } from '@proj/graph';
import * as pt from '@proj/tensor';
import { TensorVariable, upcast, upgradeToFloat, type Dtype, type NDArray } from '@proj/tensor';
import type { CompressedMatrix } from '../values/compressed';
import type { SparseVariable } from '../type/sparse-variable';
import { add as addSparse, asSparseInput, checkArithDtype, MulSD, MulSS } from './arith';
import { DenseFromSparse } from './convert';
import { denseReader, mapStored } from './arith-kernel';
import { STRUCTURED_FNS, type StructuredFnName } from './structured-kernel';

/** fn(x) (or fn(x, p) for p a scalar) on the stored entries of x. */
export class StructuredElemwise extends Op<{ fn: StructuredFnName }> {
  constructor(fn: StructuredFnName) {
    super({ fn });
  }
  override get name(): string {
    return `Structured{${this.props.fn}}`;
  }
  override toString(): string {
    return this.name;
  }
  makeNode(a: Variable, ...rest: Variable[]): Apply {
    const spec = STRUCTURED_FNS[this.props.fn];
    const x = asSparseInput(this.name, 0, a);
    if (rest.length !== (spec.param ? 1 : 0)) {
      throw new TypeMismatchError({ op: this.name, argument: 1, expected: spec.param ? 'one scalar parameter' : 'no parameter', given: `${rest.length} parameters` });
    }
    const inputs: Variable[] = [x];
    let dtype: Dtype;
    if (spec.param) {
      const p = pt.asTensorVariable(rest[0]);
      if (p.type.ndim !== 0) throw new TypeMismatchError({ op: this.name, argument: 1, expected: 'a scalar', given: `${p} of type ${p.type}` });
      checkArithDtype(this.name, 1, p.type.dtype);
      inputs.push(p);
      dtype = upcast(x.dtype, p.type.dtype);
    } else {
      dtype = spec.dtype === 'same' ? x.dtype : (upgradeToFloat([x.dtype], this.props.fn) as Dtype);
    }
    return new Apply(this, inputs, [x.type.clone({ dtype }).makeVariable()]);
  }
  override perform(node: Apply, [x, p]: readonly unknown[], [out]: StorageCell[]): void {
    const impl = STRUCTURED_FNS[this.props.fn].impl;
    const pv = p === undefined ? 0 : denseReader(p as NDArray)(0, 0);
    out![0] = mapStored(x as CompressedMatrix, (v) => impl(v, pv), (node.outputs[0] as SparseVariable).dtype);
  }
  override inferShape(_f: unknown, _node: Apply, shapes: readonly ShapeTuple[]): ShapeTuple[] {
    return [shapes[0]!];
  }
  /** Structured: the tangent of x is read on the stored pattern of x only (its other entries are ignored). */
  override Rop(inputs: readonly Variable[], [ex, ep]: readonly (Variable | null)[]): (Variable | null)[] {
    const spec: { dx: string | null; dp?: string } = STRUCTURED_FNS[this.props.fn];
    const [x, ...rest] = inputs;
    const times = (e: Variable, name: string): Variable => {
      const fn = name as StructuredFnName;
      const d = new StructuredElemwise(fn).call(x!, ...(STRUCTURED_FNS[fn].param ? rest : []));
      return e instanceof TensorVariable ? new MulSD().call(d, e) : new MulSS().call(d, e);
    };
    const tx = ex ? (spec.dx === null ? new MulSD().call(ex, pt.asTensorVariable(0)) : times(ex, spec.dx)) : null;
    const tp = ep && spec.dp ? times(ep, spec.dp) : null;
    if (tx && tp) return [addSparse(tx, tp)];
    return [tx ?? tp];
  }
  override grad(inputs: readonly Variable[], [gz]: readonly Variable[]): Variable[] {
    const spec: { dx: string | null; dp?: string } = STRUCTURED_FNS[this.props.fn];
    const [x, ...rest] = inputs;
    const deriv = (name: string): Variable => {
      const fn = name as StructuredFnName;
      return new MulSS().call(gz!, new StructuredElemwise(fn).call(x!, ...(STRUCTURED_FNS[fn].param ? rest : [])));
    };
    // Rounding functions: a zero gradient on the stored pattern.
    const gx = spec.dx === null ? new MulSD().call(gz!, pt.asTensorVariable(0)) : deriv(spec.dx);
    if (rest.length === 0) return [gx];
    const gp = pt.sum(new DenseFromSparse().call(deriv(spec.dp!)) as TensorVariable);
    return [gx, pt.cast(gp, (rest[0] as TensorVariable).type.dtype)];
  }
}

function apply1(fn: StructuredFnName, x: unknown): SparseVariable {
  return new StructuredElemwise(fn).call(asSparseInput(`sp.${fn}`, 0, x)) as SparseVariable;
}
function apply2(fn: StructuredFnName, x: unknown, p: unknown): SparseVariable {
  return new StructuredElemwise(fn).call(asSparseInput(`sp.${fn}`, 0, x), pt.asTensorVariable(p)) as SparseVariable;
}

/**
 * sigmoid of the stored values (implicit zeros stay zero).
 *
 * @example
 * sp.structuredSigmoid(sp.csrMatrix('x'));
 */
export const structuredSigmoid = (x: unknown): SparseVariable => apply1('sigmoid', x);
/** exp of the stored values (implicit zeros stay zero). */
export const structuredExp = (x: unknown): SparseVariable => apply1('exp', x);
/** log of the stored values. */
export const structuredLog = (x: unknown): SparseVariable => apply1('log', x);
/** The stored values to the power p (a scalar). */
export const structuredPow = (x: unknown, p: unknown): SparseVariable => apply2('pow', x, p);
/** minimum(stored value, p). */
export const structuredMinimum = (x: unknown, p: unknown): SparseVariable => apply2('minimum', x, p);
/** maximum(stored value, p). */
export const structuredMaximum = (x: unknown, p: unknown): SparseVariable => apply2('maximum', x, p);
/** stored value + p. */
export const structuredAdd = (x: unknown, p: unknown): SparseVariable => apply2('add', x, p);

/** For unary.ts: a zero-keeping function on the stored values. */
export function structuredUnary(fn: StructuredFnName, x: unknown): SparseVariable {
  return apply1(fn, x);
}
