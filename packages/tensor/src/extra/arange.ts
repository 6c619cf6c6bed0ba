/**
 * ARange (PyTensor's) and the user function arange: evenly spaced values in
 * [start, stop) with NumPy's length rule and values, and PyTensor's dtype
 * rule (the upcast of the arguments; integers give int64, unsigned uint64).
 */
import {
  Apply,
  ArgumentError,
  DtypeError,
  Op,
  TypeMismatchError,
  Variable,
  config,
  disconnectedType,
  type FunctionGraph,
  type ShapeTuple,
  type StorageCell,
} from '@proj/graph';
import { asTensorVariable, autocastNumber, type TensorLike } from '../basic/as-tensor';
import { zerosLike } from '../basic/fill';
import { checkDtype, isBool, isComplex, isDiscrete, isSignedInt, isUnsignedInt, upcast, type Dtype } from '../dtype/dtypes';
import { mul, sub, trueDiv } from '../math/arith';
import { cast } from '../math/cast';
import { maximum } from '../math/compare';
import { ceil } from '../math/rounding';
import { sum } from '../reduce/sum';
import { shapeI } from '../shape/shape';
import { TensorType } from '../type/tensor-type';
import type { NDArray } from '../value/ndarray';
import { TensorConstant, TensorVariable } from '../variable/tensor-variable';
import { arangeKernel, arangeLength, readScalar } from './arange-kernel';

/**
 * A vector of evenly spaced values of `dtype` from three real 0-d inputs
 * (start, stop, step).
 *
 * @example
 * new ARange('int64').call(start, stop, step);
 */
export class ARange extends Op<{ dtype: Dtype }> {
  constructor(dtype: Dtype) {
    const d = checkDtype(dtype, 'ARange');
    if (isBool(d) || isComplex(d)) throw new DtypeError({ op: 'ARange', argument: 'dtype', expected: 'an integer or float dtype', given: d });
    super({ dtype: d });
  }

  get dtype(): Dtype {
    return this.props.dtype;
  }

  override get name(): string {
    return `ARange{dtype=${this.dtype}}`;
  }

  override toString(): string {
    return this.name;
  }

  makeNode(start: Variable, stop: Variable, step: Variable): Apply {
    const names = ['start', 'stop', 'step'];
    [start, stop, step].forEach((v, i) => {
      if (!(v instanceof TensorVariable) || v.ndim !== 0) throw new TypeMismatchError({ op: this.name, argument: i, expected: `a 0-d tensor (${names[i]})`, given: `${v} of type ${v?.type}` });
      if (isComplex(v.dtype)) throw new DtypeError({ op: this.name, argument: i, expected: `a real dtype (${names[i]})`, given: v.dtype });
    });
    let len: number | null = null;
    if ([start, stop, step].every((v) => v instanceof TensorConstant)) {
      const [a, b, c] = [start, stop, step].map((v) => readScalar((v as TensorConstant).data));
      len = arangeLength(this.name, a!, b!, c!);
    }
    return new Apply(this, [start, stop, step], [new TensorType(this.dtype, [len]).makeVariable()]);
  }

  override perform(_node: Apply, inputs: readonly unknown[], out: StorageCell[]): void {
    const [a, b, c] = inputs.map((v) => readScalar(v as NDArray));
    out[0]![0] = arangeKernel(this.name, a!, b!, c!, this.dtype);
  }

  // max(0, ceil((stop - start) / step)) as int64, as PyTensor's ARange.infer_shape.
  override inferShape(_fg: FunctionGraph | undefined, node: Apply): ShapeTuple[] {
    const known = (node.outputs[0]!.type as TensorType).shape[0];
    if (known !== null && known !== undefined) return [[known]];
    // In float64: an integer difference could overflow a narrow input dtype.
    const [start, stop, step] = (node.inputs as TensorVariable[]).map((v) => cast(v, 'float64'));
    const len = cast(ceil(trueDiv(sub(stop!, start!), step!)), 'int64');
    return [[maximum(len, 0)]];
  }

  override connectionPattern(): boolean[][] {
    return [[true], [false], [true]];
  }

  // d out[i] / d start = 1 and d out[i] / d step = i; stop only sets the length.
  override Lop(inputs: readonly Variable[], outputs: readonly Variable[], [gz]: readonly Variable[]): Variable[] {
    const [start, , step] = inputs as TensorVariable[];
    if (isDiscrete(this.dtype)) return [zerosLike(start!, config.floatX), disconnectedType(), zerosLike(step!, config.floatX)];
    const out = (outputs[0] as TensorVariable | undefined) ?? (this.call(...inputs) as TensorVariable);
    const steps = new ARange(this.dtype).call(asTensorVariable(0), shapeI(out, 0), asTensorVariable(1)) as TensorVariable;
    return [sum(gz as TensorVariable), disconnectedType(), sum(mul(gz as TensorVariable, steps))];
  }

  override grad(inputs: readonly Variable[], outputGrads: readonly Variable[]): Variable[] {
    return this.Lop(inputs, [], outputGrads);
  }
}

/** Options of arange. */
export interface ArangeOptions {
  /** The output dtype; by default inferred from the arguments (see arange). */
  readonly dtype?: Dtype | 'floatX';
}

/** The dtype an argument counts as: JS integers autocast, other JS numbers floatX. */
function argDtype(x: TensorLike): Dtype {
  if (typeof x === 'number') return Number.isInteger(x) ? autocastNumber(x) : config.floatX;
  return asTensorVariable(x).dtype;
}

/**
 * The dtype arange gives for arguments of these dtypes: their upcast, with
 * bool and signed integers as int64 and unsigned integers as uint64
 * (PyTensor's rule). JS numbers that are not integers count as floatX.
 *
 * @example
 * arangeDtype(['int8', 'int32']); // 'int64'
 */
export function arangeDtype(dtypes: readonly Dtype[]): Dtype {
  const d = upcast(dtypes[0]!, ...dtypes.slice(1));
  if (isBool(d) || isSignedInt(d)) return 'int64';
  if (isUnsignedInt(d)) return 'uint64';
  return d;
}

/**
 * Evenly spaced values in [start, stop) with `step` (NumPy's arange):
 * arange(stop), arange(start, stop) or arange(start, stop, step), each a
 * number or a 0-d tensor, and an optional trailing `{ dtype }`. The length is
 * ceil((stop - start) / step) (0 when negative). Without a dtype: integers
 * give int64, floats their upcast (a JS number with a fraction is floatX).
 *
 * @example
 * pt.arange(0, 1, 0.25); // [0, 0.25, 0.5, 0.75] (floatX)
 */
export function arange(...args: (TensorLike | ArangeOptions | null | undefined)[]): TensorVariable {
  let options: ArangeOptions = {};
  const last = args[args.length - 1];
  if (isOptions(last)) {
    options = last;
    args = args.slice(0, -1);
  }
  if (args.length === 2 && (args[1] === null || args[1] === undefined)) args = [args[0]];
  if (args.length < 1 || args.length > 3 || args.some((a) => a === null || a === undefined)) {
    throw new ArgumentError({ op: 'pt.arange', argument: 'arguments', expected: '(stop), (start, stop) or (start, stop, step), then optionally { dtype }', given: `${args.length} arguments` });
  }
  const positional = args as TensorLike[];
  const [start, stop, step] = positional.length === 1 ? [0, positional[0]!, 1] : [positional[0]!, positional[1]!, positional[2] ?? 1];
  const parts = [start, stop, step].map((v) => asTensorVariable(v));
  parts.forEach((p, i) => {
    if (p.ndim !== 0) throw new TypeMismatchError({ op: 'pt.arange', argument: ['start', 'stop', 'step'][i]!, expected: 'a number or a 0-d tensor', given: `${p} of type ${p.type}` });
    if (isComplex(p.dtype)) throw new DtypeError({ op: 'pt.arange', argument: ['start', 'stop', 'step'][i]!, expected: 'a real dtype', given: p.dtype });
  });
  const dtype = options.dtype !== undefined ? checkDtype(options.dtype, 'pt.arange') : arangeDtype([start, stop, step].map(argDtype));
  return new ARange(dtype).call(...parts) as TensorVariable;
}

function isOptions(x: unknown): x is ArangeOptions {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && !(x instanceof Variable) && !ArrayBuffer.isView(x) && !('shape' in x);
}
