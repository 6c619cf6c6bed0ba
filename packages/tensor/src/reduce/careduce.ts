/**
 * CAReduce: a commutative-associative scalar op folded over a set of axes
 * (PyTensor's CAReduce). Sum, Prod, Max, Min, All and Any are its
 * subclasses (reduce-ops.ts); keepdims is a DimShuffle after the reduction,
 * as in PyTensor.
 */
import { Apply, ArgumentError, DtypeError, Op, TypeMismatchError, type FunctionGraph, type ShapeTuple, type StorageCell, type Variable } from '@proj/graph';
import { isComplex, isDiscrete, isFloat, upcast, type Dtype } from '../dtype/dtypes';
import type { ScalarOp } from '../scalar/scalar-op';
import { TensorType } from '../type/tensor-type';
import type { NDArray } from '../value/ndarray';
import { TensorVariable } from '../variable/tensor-variable';
import { AxisError, axesList, axisText } from './axis';
import { careduceKernel } from './careduce-kernel';

/** dtype / accDtype of a reduction: null derives them from the input dtype. */
export interface ReduceDtypeOptions {
  readonly dtype?: Dtype | null;
  readonly accDtype?: Dtype | null;
}

export interface CAReduceProps {
  readonly scalarOp: ScalarOp;
  /** Sorted distinct non-negative axes; null reduces every axis. */
  readonly axis: readonly number[] | null;
  readonly dtype: Dtype | null;
  readonly accDtype: Dtype | null;
  readonly [key: string]: unknown;
}

/** Scalar ops the kernel folds by name (maximum/minimum have no finite identity: empty groups are errors). */
const FOLDED_BY_NAME = ['add', 'mul', 'maximum', 'minimum', 'and', 'or', 'mul_without_zeros'];

/** Discrete inputs of sum/prod give (and accumulate in) 64-bit integers, as NumPy's default. */
const DISCRETE_UP: Partial<Record<Dtype, Dtype>> = {
  bool: 'int64',
  int8: 'int64',
  int16: 'int64',
  int32: 'int64',
  uint8: 'uint64',
  uint16: 'uint64',
  uint32: 'uint64',
};

/** The default accumulators of sum/prod: float32 and complex64 accumulate in double precision. */
const ACC_UP: Partial<Record<Dtype, Dtype>> = { ...DISCRETE_UP, float32: 'float64', complex64: 'complex128' };

/**
 * The output dtype of a sum/prod of `idtype` (PyTensor's `_output_dtype`):
 * the given dtype, else 64-bit integers for discrete inputs, else the input dtype.
 *
 * @example
 * upcastDiscreteDtype('int8', null); // 'int64'
 */
export function upcastDiscreteDtype(idtype: Dtype, dtype: Dtype | null): Dtype {
  return dtype ?? DISCRETE_UP[idtype] ?? idtype;
}

/**
 * The accumulator dtype of a sum/prod of `idtype` (PyTensor's `_acc_dtype`):
 * the default table, or a given one that loses no precision (a float
 * accumulator for discrete inputs is allowed); else a DtypeError naming `op`.
 *
 * @example
 * sumAccDtype('Sum', 'float32', null); // 'float64'
 */
export function sumAccDtype(op: string, idtype: Dtype, accDtype: Dtype | null): Dtype {
  if (accDtype === null) return ACC_UP[idtype] ?? idtype;
  if ((isFloat(accDtype) || isComplex(accDtype)) && isDiscrete(idtype)) return accDtype;
  if (upcast(idtype, accDtype) !== accDtype) {
    throw new DtypeError({ op, argument: 'accDtype', expected: `an accumulator at least as precise as the input dtype ${idtype}`, given: `${accDtype} (precision would be lost)` });
  }
  return accDtype;
}

/**
 * A scalar op folded over `axis` (null: every axis). The base class gives
 * the scalar op's output dtype and accumulates in it; subclasses set their
 * dtype rules and gradients.
 *
 * @example
 * new CAReduce(scalarAdd, [0]).call(x); // the column sums of a matrix
 */
export class CAReduce<P extends CAReduceProps = CAReduceProps> extends Op<P> {
  constructor(scalarOp: ScalarOp, axis: readonly number[] | null = null, options: ReduceDtypeOptions = {}) {
    const { dtype = null, accDtype = null, ...rest } = options as ReduceDtypeOptions & Record<string, unknown>;
    if (scalarOp.nin !== -1 && scalarOp.nin !== 2) {
      throw new ArgumentError({ op: new.target.name, argument: 'scalarOp', expected: 'a binary or variadic scalar op', given: `${scalarOp.name} with ${scalarOp.nin} inputs` });
    }
    if (scalarOp.spec.identity === undefined && !FOLDED_BY_NAME.includes(scalarOp.name)) {
      throw new ArgumentError({ op: new.target.name, argument: 'scalarOp', expected: 'a scalar op with an identity (the value of an empty reduction)', given: scalarOp.name });
    }
    super({ scalarOp, axis: checkAxisProp(new.target.name, axis), dtype, accDtype, ...rest } as unknown as P);
  }

  get scalarOp(): ScalarOp {
    return this.props.scalarOp;
  }

  get axis(): readonly number[] | null {
    return this.props.axis;
  }

  override get name(): string {
    const cls = this.constructor.name;
    const parts = cls === 'CAReduce' ? [this.scalarOp.name, axisText(this.axis)] : [axisText(this.axis)];
    if (this.props.dtype !== null) parts.push(`dtype=${this.props.dtype}`);
    if (this.props.accDtype !== null) parts.push(`accDtype=${this.props.accDtype}`);
    return `${cls}{${parts.join(', ')}}`;
  }

  override toString(): string {
    return this.name;
  }

  /** The output dtype for an input of `idtype`. */
  outputDtypeFor(idtype: Dtype): Dtype {
    return this.props.dtype ?? this.scalarOp.outputDtype([idtype, idtype]);
  }

  /** The accumulator dtype for an input of `idtype` (checked by makeNode). */
  accDtypeFor(idtype: Dtype): Dtype {
    return this.props.accDtype ?? this.outputDtypeFor(idtype);
  }

  /** Rejects input dtypes the reduction does not define (complex for max/min, say). */
  protected checkInputDtype(x: TensorVariable): void {
    try {
      this.scalarOp.outputDtype([x.dtype, x.dtype]);
    } catch (e) {
      if (e instanceof DtypeError) throw new DtypeError({ op: this.name, argument: 0, expected: e.expected, given: x.dtype });
      throw e;
    }
  }

  makeNode(x: Variable): Apply {
    if (!(x instanceof TensorVariable)) {
      throw new TypeMismatchError({ op: this.name, argument: 0, expected: 'a tensor', given: `${x} of type ${x.type}` });
    }
    const bad = (this.axis ?? []).find((a) => a >= x.ndim);
    if (bad !== undefined) {
      throw new AxisError({ op: this.name, argument: 'axis', expected: `axes in [0, ${x.ndim}) for a ${x.ndim}-d input`, given: `axis ${bad} (ndim ${x.ndim})` });
    }
    this.checkInputDtype(x);
    const dtype = this.outputDtypeFor(x.dtype);
    this.accDtypeFor(x.dtype);
    const reduced = axesList(this.axis, x.ndim);
    const shape = x.type.shape.filter((_, d) => !reduced.includes(d));
    return new Apply(this, [x], [new TensorType(dtype, shape).makeVariable()]);
  }

  override perform(node: Apply, [x]: readonly unknown[], out: StorageCell[]): void {
    const a = x as NDArray;
    const outDtype = (node.outputs[0]!.type as TensorType).dtype;
    out[0]![0] = careduceKernel(this.scalarOp, a, axesList(this.axis, a.shape.length), outDtype, this.accDtypeFor(a.dtype), this.name);
  }

  override inferShape(_fg: FunctionGraph | undefined, node: Apply, [shape]: readonly ShapeTuple[]): ShapeTuple[] {
    const reduced = axesList(this.axis, (node.inputs[0] as TensorVariable).ndim);
    return [shape!.filter((_, d) => !reduced.includes(d))];
  }
}

function checkAxisProp(op: string, axis: readonly number[] | null): readonly number[] | null {
  if (axis === null) return null;
  if (!Array.isArray(axis)) throw new AxisError({ op, argument: 'axis', expected: 'null or an array of non-negative integers', given: String(axis) });
  axis.forEach((a, i) => {
    if (!Number.isInteger(a) || a < 0) throw new AxisError({ op, argument: 'axis', expected: 'non-negative integer axes (user functions normalise negative ones)', given: `axis[${i}] = ${a}` });
    if (axis.indexOf(a) !== i) throw new AxisError({ op, argument: 'axis', expected: 'distinct axes', given: `axis ${a} repeated` });
  });
  return [...axis].sort((p, q) => p - q);
}
