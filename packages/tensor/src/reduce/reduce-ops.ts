/**
 * The named reductions (PyTensor's Sum, Prod, ProdWithoutZeros, Max, Min,
 * All, Any): CAReduce with a fixed scalar op, their dtype rules and gradients.
 */
import { gradNotImplemented, type Variable } from '@proj/graph';
import { isComplex, isFloat, type Dtype } from '../dtype/dtypes';
import { fill } from '../basic/fill';
import { mul, trueDiv } from '../math/arith';
import { eq, neq } from '../math/compare';
import { switch_ } from '../math/condition';
import { scalarAdd, scalarMul } from '../scalar/arith';
import { scalarMaximum, scalarMinimum } from '../scalar/compare';
import { gradZeros } from '../scalar/zero-grad';
import { dimshuffle } from '../shape/dimshuffle';
import type { TensorVariable } from '../variable/tensor-variable';
import { keepDimsPattern } from './axis';
import { CAReduce, sumAccDtype, upcastDiscreteDtype, type CAReduceProps, type ReduceDtypeOptions } from './careduce';
import { scalarAnd, scalarMulWithoutZeros, scalarOr } from './scalar-ops';
import { sum } from './sum';

const isContinuous = (d: Dtype) => isFloat(d) || isComplex(d);

/** gz (of the reduced shape) with the reduced axes put back as length-1 dimensions. */
function padGrad(op: CAReduce, x: TensorVariable, g: TensorVariable): TensorVariable {
  return dimshuffle(g, keepDimsPattern(op.axis, x.ndim));
}

/**
 * Sum over axes. Discrete inputs give and accumulate in int64/uint64; float32
 * accumulates in float64 and is rounded back (PyTensor's defaults).
 *
 * @example
 * new Sum([1]).call(x); // row sums
 */
export class Sum extends CAReduce {
  constructor(axis: readonly number[] | null = null, options: ReduceDtypeOptions = {}) {
    super(scalarAdd, axis, options);
  }

  override outputDtypeFor(idtype: Dtype): Dtype {
    return upcastDiscreteDtype(idtype, this.props.dtype);
  }

  override accDtypeFor(idtype: Dtype): Dtype {
    return sumAccDtype(this.name, idtype, this.props.accDtype);
  }

  /** d sum / dx: the output gradient broadcast back over the reduced axes. */
  override Lop(inputs: readonly Variable[], outputs: readonly Variable[], [gz]: readonly Variable[]): Variable[] {
    const x = inputs[0] as TensorVariable;
    if (!isContinuous((outputs[0] as TensorVariable).dtype)) return [gradZeros(x)];
    return [fill(x, padGrad(this, x, gz as TensorVariable))];
  }

  override grad(inputs: readonly Variable[], outputGrads: readonly Variable[]): Variable[] {
    return this.Lop(inputs, this.makeNode(inputs[0]!).outputs, outputGrads);
  }

  /** Sum is linear: its R-operator is the sum of the evaluation point. */
  override Rop(_inputs: readonly Variable[], [ev]: readonly (Variable | null)[]): (Variable | null)[] {
    return [ev === null || ev === undefined ? null : this.call(ev)];
  }
}

export interface ProdProps extends CAReduceProps {
  readonly noZerosInInput: boolean;
}

/**
 * Product over axes (dtype rules as Sum). `noZerosInInput` promises there
 * are no zeros, which makes the gradient a simple division (and twice differentiable).
 *
 * @example
 * new Prod([0]).call(x);
 */
export class Prod extends CAReduce<ProdProps> {
  constructor(axis: readonly number[] | null = null, options: ReduceDtypeOptions & { noZerosInInput?: boolean } = {}) {
    super(scalarMul, axis, { dtype: options.dtype ?? null, accDtype: options.accDtype ?? null, noZerosInInput: options.noZerosInInput ?? false } as ReduceDtypeOptions);
  }

  override get name(): string {
    const base = super.name;
    return this.props.noZerosInInput ? `${base.slice(0, -1)}, noZerosInInput=true}` : base;
  }

  override outputDtypeFor(idtype: Dtype): Dtype {
    return upcastDiscreteDtype(idtype, this.props.dtype);
  }

  override accDtypeFor(idtype: Dtype): Dtype {
    return sumAccDtype(this.name, idtype, this.props.accDtype);
  }

  /**
   * PyTensor's Prod.L_op: gz * prod / x in groups without zeros; in groups
   * with one zero, the product of the other elements at the zero and 0
   * elsewhere; 0 in groups with several zeros.
   */
  override Lop(inputs: readonly Variable[], outputs: readonly Variable[], [gzIn]: readonly Variable[]): Variable[] {
    const x = inputs[0] as TensorVariable;
    const out = outputs[0] as TensorVariable;
    if (!isContinuous(out.dtype) || !isContinuous(this.accDtypeFor(x.dtype))) return [gradZeros(x)];
    if (this.axis !== null && this.axis.length === 0) return [fill(x, gzIn as TensorVariable)];
    const prodOut = padGrad(this, x, out);
    const gz = padGrad(this, x, gzIn as TensorVariable);
    const withoutZeros = trueDiv(mul(gz, prodOut), x);
    if (this.props.noZerosInInput) return [withoutZeros];
    const whereZeros = eq(x, 0);
    const zerosPerGroup = new Sum(this.axis).call(whereZeros) as TensorVariable;
    const singleZeroGroups = padGrad(this, x, eq(zerosPerGroup, 1));
    const whereSingleZero = mul(singleZeroGroups, whereZeros);
    // Only groups with a single zero and a nonzero incoming gradient need the product without zeros.
    const take = mul(singleZeroGroups, neq(gz, 0));
    const prodWithoutZeros = padGrad(this, x, new ProdWithoutZeros(this.axis).call(mul(take, x)) as TensorVariable);
    const noZeroGroups = padGrad(this, x, eq(zerosPerGroup, 0));
    return [switch_(noZeroGroups, withoutZeros, mul(switch_(whereSingleZero, prodWithoutZeros, 0), gz))];
  }

  override grad(inputs: readonly Variable[], outputGrads: readonly Variable[]): Variable[] {
    return this.Lop(inputs, this.makeNode(inputs[0]!).outputs, outputGrads);
  }
}

/**
 * The product of the nonzero elements (zeros count as 1); used by Prod's gradient.
 *
 * @example
 * new ProdWithoutZeros([0]).call(x);
 */
export class ProdWithoutZeros extends CAReduce {
  constructor(axis: readonly number[] | null = null, options: ReduceDtypeOptions = {}) {
    super(scalarMulWithoutZeros, axis, options);
  }

  override outputDtypeFor(idtype: Dtype): Dtype {
    return upcastDiscreteDtype(idtype, this.props.dtype);
  }

  override accDtypeFor(idtype: Dtype): Dtype {
    return sumAccDtype(this.name, idtype, this.props.accDtype);
  }

  override Lop(inputs: readonly Variable[], _outputs?: readonly Variable[], _outputGrads?: readonly Variable[]): Variable[] {
    return [
      gradNotImplemented(this, 0, inputs[0]!, '2nd derivatives of prod(x) are not supported; if x has no zeros, use prod(x, { noZerosInInput: true })'),
    ];
  }

  override grad(inputs: readonly Variable[], _outputGrads?: readonly Variable[]): Variable[] {
    return this.Lop(inputs);
  }
}

/** Max and Min: the extreme value keeps the input dtype; NaN propagates; complex is refused. */
abstract class Extremum extends CAReduce {
  override outputDtypeFor(idtype: Dtype): Dtype {
    return idtype;
  }

  override accDtypeFor(idtype: Dtype): Dtype {
    return idtype;
  }

  /** The gradient flows to every position equal to the extreme value: gz * eq(x, out). */
  override Lop(inputs: readonly Variable[], outputs: readonly Variable[], [gz]: readonly Variable[]): Variable[] {
    const x = inputs[0] as TensorVariable;
    if (!isContinuous(x.dtype)) return [gradZeros(x)];
    return [mul(eq(padGrad(this, x, outputs[0] as TensorVariable), x), padGrad(this, x, gz as TensorVariable))];
  }

  override grad(inputs: readonly Variable[], outputGrads: readonly Variable[]): Variable[] {
    return this.Lop(inputs, this.makeNode(inputs[0]!).outputs, outputGrads);
  }

  /** J v for the Jacobian Lop uses: the eval point summed over the positions equal to the extreme. */
  override Rop(inputs: readonly Variable[], [ev]: readonly (Variable | null)[]): (Variable | null)[] {
    if (ev === null || ev === undefined) return [null];
    const x = inputs[0] as TensorVariable;
    const out = this.makeNode(x).outputs[0] as TensorVariable;
    const atExtreme = eq(padGrad(this, x, out), x);
    return [sum(mul(atExtreme, ev as TensorVariable), { axis: this.axis === null ? null : [...this.axis] })];
  }
}

/**
 * Maximum over axes (NaN propagates, as np.max).
 *
 * @example
 * new Max([1]).call(x);
 */
export class Max extends Extremum {
  constructor(axis: readonly number[] | null = null) {
    super(scalarMaximum, axis);
  }
}

/**
 * Minimum over axes (NaN propagates, as np.min).
 *
 * @example
 * new Min(null).call(x);
 */
export class Min extends Extremum {
  constructor(axis: readonly number[] | null = null) {
    super(scalarMinimum, axis);
  }
}

/** All and Any give bool from the truth values of any dtype; no gradient flows (zeros). */
abstract class Logical extends CAReduce {
  override outputDtypeFor(): Dtype {
    return 'bool';
  }

  override accDtypeFor(): Dtype {
    return 'bool';
  }

  override Lop(inputs: readonly Variable[], _outputs?: readonly Variable[], _outputGrads?: readonly Variable[]): Variable[] {
    return [gradZeros(inputs[0] as TensorVariable)];
  }

  override grad(inputs: readonly Variable[], _outputGrads?: readonly Variable[]): Variable[] {
    return this.Lop(inputs);
  }
}

/**
 * Whether every element is true (nonzero) over axes.
 *
 * @example
 * new All([0]).call(x);
 */
export class All extends Logical {
  constructor(axis: readonly number[] | null = null) {
    super(scalarAnd, axis);
  }
}

/**
 * Whether any element is true (nonzero) over axes.
 *
 * @example
 * new Any(null).call(x);
 */
export class Any extends Logical {
  constructor(axis: readonly number[] | null = null) {
    super(scalarOr, axis);
  }
}
