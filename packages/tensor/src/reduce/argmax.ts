/**
 * Arg-reductions: Argmax, Argmin and MaxAndArgmax, and the user functions
 * pt.argmax, pt.argmin, pt.maxAndArgmax. Indices are int64 positions in the
 * row-major flattening of the reduced axes (NumPy's for one axis or None).
 */
import { checkOptions, optionKeys, Apply, DisconnectedType, DtypeError, Op, TypeMismatchError, type FunctionGraph, type ShapeTuple, type StorageCell, type Variable } from '@proj/graph';
import { isComplex, isFloat } from '../dtype/dtypes';
import { asTensorVariable, type TensorLike } from '../basic/as-tensor';
import { mul } from '../math/arith';
import { dimshuffle } from '../shape/dimshuffle';
import { TensorType } from '../type/tensor-type';
import type { NDArray } from '../value/ndarray';
import { TensorVariable } from '../variable/tensor-variable';
import { AxisError, axesList, axisText, keepDimsPattern, normalizeAxes } from './axis';
import { argReduceKernel } from './careduce-kernel';
import { eq } from '../math/compare';
import { gradZeros } from '../scalar/zero-grad';
import type { ReduceOptions } from './sum';

/** Shared checks and shapes of the arg-reductions (props: axis, null = all). */
abstract class ArgReduceBase extends Op<{ axis: readonly number[] | null }> {
  constructor(axis: readonly number[] | null = null) {
    if (axis !== null) {
      axis.forEach((a, i) => {
        if (!Number.isInteger(a) || a < 0 || axis.indexOf(a) !== i) {
          throw new AxisError({ op: new.target.name, argument: 'axis', expected: 'distinct non-negative integer axes', given: `[${axis.join(', ')}]` });
        }
      });
    }
    super({ axis: axis === null ? null : [...axis].sort((p, q) => p - q) });
  }

  get axis(): readonly number[] | null {
    return this.props.axis;
  }

  override get name(): string {
    return `${this.constructor.name}{${axisText(this.axis)}}`;
  }

  override toString(): string {
    return this.name;
  }

  /** The checked input and the static shape of the outputs. */
  protected checked(x: Variable): { t: TensorVariable; shape: (number | null)[] } {
    if (!(x instanceof TensorVariable)) throw new TypeMismatchError({ op: this.name, argument: 0, expected: 'a tensor', given: `${x} of type ${x.type}` });
    if (isComplex(x.dtype)) throw new DtypeError({ op: this.name, argument: 0, expected: 'a real dtype (complex values are not ordered)', given: x.dtype });
    const bad = (this.axis ?? []).find((a) => a >= x.ndim);
    if (bad !== undefined) throw new AxisError({ op: this.name, argument: 'axis', expected: `axes in [0, ${x.ndim}) for a ${x.ndim}-d input`, given: `axis ${bad} (ndim ${x.ndim})` });
    const reduced = axesList(this.axis, x.ndim);
    return { t: x, shape: x.type.shape.filter((_, d) => !reduced.includes(d)) };
  }

  override inferShape(_fg: FunctionGraph | undefined, node: Apply, [shape]: readonly ShapeTuple[]): ShapeTuple[] {
    const reduced = axesList(this.axis, (node.inputs[0] as TensorVariable).ndim);
    const out = shape!.filter((_, d) => !reduced.includes(d));
    return node.outputs.map(() => out);
  }

  protected run(which: 'max' | 'min', x: unknown): { values: NDArray; indices: NDArray } {
    const a = x as NDArray;
    return argReduceKernel(which, a, axesList(this.axis, a.shape.length), this.name);
  }
}

/** Indices are piecewise constant: zero gradient. */
abstract class ArgIndex extends ArgReduceBase {
  makeNode(x: Variable): Apply {
    const { t, shape } = this.checked(x);
    return new Apply(this, [t], [new TensorType('int64', shape).makeVariable()]);
  }

  override grad(inputs: readonly Variable[], _outputGrads?: readonly Variable[]): Variable[] {
    return [gradZeros(inputs[0] as TensorVariable)];
  }
}

/**
 * The index of the maximum over axes (int64; the first NaN, else the first maximum).
 *
 * @example
 * new Argmax([1]).call(x);
 */
export class Argmax extends ArgIndex {
  override perform(_node: Apply, [x]: readonly unknown[], out: StorageCell[]): void {
    out[0]![0] = this.run('max', x).indices;
  }
}

/**
 * The index of the minimum over axes (int64; the first NaN, else the first minimum).
 *
 * @example
 * new Argmin(null).call(x);
 */
export class Argmin extends ArgIndex {
  override perform(_node: Apply, [x]: readonly unknown[], out: StorageCell[]): void {
    out[0]![0] = this.run('min', x).indices;
  }
}

/**
 * The maximum and its index over axes in one pass (two outputs: max in the
 * input dtype, argmax in int64). The gradient flows through the max only.
 *
 * @example
 * const [m, i] = new MaxAndArgmax([0]).callAll(x);
 */
export class MaxAndArgmax extends ArgReduceBase {
  makeNode(x: Variable): Apply {
    const { t, shape } = this.checked(x);
    return new Apply(this, [t], [new TensorType(t.dtype, shape).makeVariable(), new TensorType('int64', shape).makeVariable()]);
  }

  override perform(_node: Apply, [x]: readonly unknown[], out: StorageCell[]): void {
    const { values, indices } = this.run('max', x);
    out[0]![0] = values;
    out[1]![0] = indices;
  }

  override Lop(inputs: readonly Variable[], outputs: readonly Variable[], [gMax]: readonly Variable[]): Variable[] {
    const x = inputs[0] as TensorVariable;
    if (gMax === undefined || gMax.type instanceof DisconnectedType || !isFloat(x.dtype)) return [gradZeros(x)];
    const pattern = keepDimsPattern(this.axis, x.ndim);
    return [mul(eq(dimshuffle(outputs[0] as TensorVariable, pattern), x), dimshuffle(gMax as TensorVariable, pattern))];
  }

  override grad(inputs: readonly Variable[], outputGrads: readonly Variable[]): Variable[] {
    return this.Lop(inputs, this.makeNode(inputs[0]!).outputs, outputGrads);
  }
}

function argReduce(fn: string, x: TensorLike, options: ReduceOptions, make: (axis: number[] | null) => Op): TensorVariable[] {
  const t = asTensorVariable(x);
  const axis = normalizeAxes(fn, options.axis, t.ndim);
  const outs = make(axis).callAll(t) as TensorVariable[];
  return options.keepdims ? outs.map((o) => dimshuffle(o, keepDimsPattern(axis, t.ndim))) : outs;
}

const ARG_KEYS = optionKeys<ReduceOptions>({ axis: true, keepdims: true });

/**
 * The int64 index of the maximum along `axis` (the flattened input by default, like NumPy).
 *
 * @example
 * pt.argmax(x, { axis: -1 });
 */
export function argmax(x: TensorLike, options: ReduceOptions = {}): TensorVariable {
  checkOptions('pt.argmax', options, ARG_KEYS);
  return argReduce('pt.argmax', x, options, (axis) => new Argmax(axis))[0]!;
}

/**
 * The int64 index of the minimum along `axis` (the flattened input by default).
 *
 * @example
 * pt.argmin(x, { axis: 0, keepdims: true });
 */
export function argmin(x: TensorLike, options: ReduceOptions = {}): TensorVariable {
  checkOptions('pt.argmin', options, ARG_KEYS);
  return argReduce('pt.argmin', x, options, (axis) => new Argmin(axis))[0]!;
}

/**
 * The maximum and its int64 index along `axis`, as [max, argmax].
 *
 * @example
 * const [m, i] = pt.maxAndArgmax(x, { axis: 1 });
 */
export function maxAndArgmax(x: TensorLike, options: ReduceOptions = {}): [TensorVariable, TensorVariable] {
  checkOptions('pt.maxAndArgmax', options, ARG_KEYS);
  const [m, i] = argReduce('pt.maxAndArgmax', x, options, (axis) => new MaxAndArgmax(axis));
  return [m!, i!];
}
