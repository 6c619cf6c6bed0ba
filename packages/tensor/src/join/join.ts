/**
 * Join (NumPy's concatenate) and the user functions join, concatenate,
 * horizontalStack and verticalStack. The axis is the first input, a constant
 * or a symbolic integer scalar, as in PyTensor.
 */
import {
  checkOptions,
  optionKeys,
  Apply,
  ArgumentError,
  DisconnectedType,
  Op,
  ShapeError,
  TypeMismatchError,
  config,
  disconnectedType,
  type FunctionGraph,
  type ShapeTuple,
  type StorageCell,
  type Variable,
} from '@proj/graph';
import { dtypeWidth, isComplex, isFloat, upcast, type Dtype } from '../dtype/dtypes';
import { TensorType } from '../type/tensor-type';
import { fromRaw, sizeOf, type NDArray } from '../value/ndarray';
import { TensorConstant, TensorVariable } from '../variable/tensor-variable';
import { asTensorVariable, constant, type TensorLike } from '../basic/as-tensor';
import { zerosLike } from '../basic/fill';
import { add, mul } from '../math/arith';
import { eq, lt } from '../math/compare';
import { switch_ } from '../math/condition';
import { sum } from '../reduce/sum';
import { constantScalarInt } from '../shape/make-vector';
import { shape as shapeOf, shapeI } from '../shape/shape';
import { specifyShape } from '../shape/specify-shape';
import { blockSizes, contiguousRaw, joinKernel, newRaw } from './kernel';
import { split } from './split';
import { addLengths, checkIntScalar, concatMismatch, intScalarValue, normalizeAxisIndex, type Length } from './util';

function checkTensors(op: string, tensors: readonly Variable[]): TensorVariable[] {
  if (tensors.length === 0) throw new ArgumentError({ op, argument: 'tensors', expected: 'at least one tensor to join', given: 'none (cannot join an empty list of tensors)' });
  const ts = tensors.map((t, i) => {
    if (!(t instanceof TensorVariable)) throw new TypeMismatchError({ op, argument: i + 1, expected: 'a tensor', given: `${t} of type ${t.type}` });
    return t;
  });
  if (ts.some((t) => t.ndim === 0)) {
    const i = ts.findIndex((t) => t.ndim === 0);
    throw new TypeMismatchError({ op, argument: i + 1, expected: 'a tensor with at least 1 dimension (use stack to join 0-d tensors)', given: `${ts[i]} of type ${ts[i]!.type}` });
  }
  const nd = ts[0]!.ndim;
  const bad = ts.findIndex((t) => t.ndim !== nd);
  if (bad >= 0) {
    throw new TypeMismatchError({
      op,
      argument: bad + 1,
      expected: `a tensor with ${nd} dimensions like input 1 (only tensors with the same number of dimensions can be joined)`,
      given: `${ts[bad]!.ndim} dimensions; input ndims were [${ts.map((t) => t.ndim).join(', ')}]`,
    });
  }
  return ts;
}

/**
 * Concatenates tensors of the same number of dimensions along an axis
 * (PyTensor's Join). Inputs: the axis (an integer scalar, constant or
 * symbolic; negative counts from the end), then the tensors. The output dtype
 * is the upcast of theirs; a new array is always returned.
 *
 * @example
 * new Join().call(constant(0), x, y); // x and y one after the other along axis 0
 */
export class Join extends Op {
  makeNode(axis: Variable, ...tensors: Variable[]): Apply {
    checkIntScalar('Join', axis, 0, true);
    const ts = checkTensors('Join', tensors);
    const nd = ts[0]!.ndim;
    let ax: Variable = axis;
    let outShape: (number | null)[] = new Array<null>(nd).fill(null);
    const known = constantScalarInt(axis);
    if (known !== undefined) {
      const a = normalizeAxisIndex('Join', known, nd, 0);
      // A negative constant axis becomes its non-negative equivalent, as PyTensor canonicalises it.
      if (a !== known || !(axis instanceof TensorConstant)) ax = constant(a, { dtype: (axis as TensorVariable).dtype });
      outShape = this.staticShape(ts, a);
    }
    const dtype = upcast(ts[0]!.dtype, ...ts.slice(1).map((t) => t.dtype));
    return new Apply(this, [ax, ...ts], [new TensorType(dtype, outShape).makeVariable()]);
  }

  private staticShape(ts: readonly TensorVariable[], axis: number): (number | null)[] {
    return ts[0]!.type.shape.map((_, d) => {
      const lens: (number | null)[] = ts.map((t) => t.type.shape[d]!);
      if (d === axis) return lens.includes(null) ? null : (lens as number[]).reduce((p, q) => p + q, 0);
      const i = lens.findIndex((s) => s !== null);
      if (i < 0) return null;
      const j = lens.findIndex((s) => s !== null && s !== lens[i]);
      if (j >= 0) throw new ShapeError({ op: 'Join', argument: j + 1, expected: `length ${lens[i]} in dimension ${d} (the length of input ${i + 1})`, given: concatMismatch(d, i, lens[i]!, j, lens[j]!) });
      return lens[i]!;
    });
  }

  override perform(node: Apply, [axisValue, ...arrays]: readonly unknown[], out: StorageCell[]): void {
    const as = arrays as NDArray[];
    const nd = as[0]!.shape.length;
    const axis = normalizeAxisIndex('Join', intScalarValue(axisValue), nd, 0);
    as.forEach((a, j) => {
      if (a.shape.length !== nd) {
        throw new ShapeError({ op: 'Join', argument: j + 1, expected: `${nd} dimensions`, given: `all the input arrays must have same number of dimensions, but the array at index 0 has ${nd} dimension(s) and the array at index ${j} has ${a.shape.length} dimension(s)` });
      }
      a.shape.forEach((s, d) => {
        if (d !== axis && s !== as[0]!.shape[d]) {
          throw new ShapeError({ op: 'Join', argument: j + 1, expected: `length ${as[0]!.shape[d]} in dimension ${d}`, given: concatMismatch(d, 0, as[0]!.shape[d]!, j, s) });
        }
      });
    });
    const dtype = (node.outputs[0]!.type as TensorType).dtype;
    const lens = as.map((a) => a.shape[axis]!);
    const shape = [...as[0]!.shape];
    shape[axis] = lens.reduce((p, q) => p + q, 0);
    const raw = newRaw(dtype, sizeOf(shape));
    const { outer, inner } = blockSizes(shape, axis, dtypeWidth(dtype));
    joinKernel(as.map((a) => contiguousRaw(a, dtype)), lens, outer, inner, raw);
    out[0]![0] = fromRaw(dtype, raw, shape);
  }

  override inferShape(_fg: FunctionGraph | undefined, node: Apply, shapes: readonly ShapeTuple[]): ShapeTuple[] {
    const [, ...ins] = shapes;
    const outType = node.outputs[0]!.type as TensorType;
    const known = constantScalarInt(node.inputs[0]!);
    const nd = outType.ndim;
    if (known !== undefined) {
      return [outType.shape.map((s, d) => s ?? (d === known ? addLengths(ins.map((sh) => sh![d]!)) : ins[0]![d]!))];
    }
    // A symbolic axis: choose, per dimension, the sum or the common length at run time.
    const axis = node.inputs[0] as TensorVariable;
    const joinDim = switch_(lt(axis, 0), add(axis, nd), axis);
    return [outType.shape.map((s, d) => s ?? switch_(eq(joinDim, d), addLengths(ins.map((sh) => sh![d]!)) as TensorVariable, ins[0]![d]! as TensorLike))];
  }

  override connectionPattern(node: Apply): boolean[][] {
    return node.inputs.map((_, i) => [i > 0]);
  }

  /** The output gradient split back into the pieces each input contributed. */
  override Lop(inputs: readonly Variable[], outputs: readonly Variable[], [gz]: readonly Variable[]): Variable[] {
    return joinGrad(inputs as TensorVariable[], (outputs[0] as TensorVariable).dtype, gz!);
  }

  override grad(inputs: readonly Variable[], [gz]: readonly Variable[]): Variable[] {
    const ts = inputs.slice(1) as TensorVariable[];
    return joinGrad(inputs as TensorVariable[], upcast(ts[0]!.dtype, ...ts.slice(1).map((t) => t.dtype)), gz!);
  }

  /** The join of the eval points (zeros for inputs that do not vary). */
  override Rop(inputs: readonly Variable[], evalPoints: readonly (Variable | null)[]): (Variable | null)[] {
    const evs = evalPoints.slice(1);
    if (evs.every((e) => e === null || e === undefined)) return [null];
    return [this.call(inputs[0]!, ...evs.map((e, i) => e ?? zerosLike(inputs[i + 1] as TensorVariable)))];
  }
}

function joinGrad([axis, ...ts]: readonly TensorVariable[], outDtype: Dtype, gz: Variable): Variable[] {
  // An integer output lets no gradient through: zeros, as PyTensor gives.
  if (!isFloat(outDtype) && !isComplex(outDtype)) return [disconnectedType(), ...ts.map((t) => zerosLike(t, config.floatX))];
  if (gz.type instanceof DisconnectedType) return [disconnectedType(), ...ts.map(() => disconnectedType())];
  const known = constantScalarInt(axis!);
  const sizes = ts.map((t) => axisLength(t, axis!, known));
  const pieces = split(gz as TensorVariable, sizes, { axis: known ?? axis!, nSplits: ts.length });
  // Keep what is known of each input's shape (its broadcastable dimensions, say).
  return [disconnectedType(), ...pieces.map((g, i) => specifyShape(g, ts[i]!.type.shape.map((s) => (s === 1 ? 1 : null))))];
}

/** The length of `t` along the join axis: static, a ShapeI, or picked from t.shape by a symbolic axis. */
function axisLength(t: TensorVariable, axis: TensorVariable, known: number | undefined): Length {
  if (known !== undefined) return t.type.shape[known] ?? shapeI(t, known);
  const nd = t.ndim;
  const dim = switch_(lt(axis, 0), add(axis, nd), axis);
  const dims = constant(BigInt64Array.from({ length: nd }, (_, i) => BigInt(i)));
  return sum(mul(shapeOf(t), eq(dims, dim)));
}

/** An axis argument: a number, or an integer scalar (symbolic or constant). */
export type AxisLike = number | TensorVariable;

/**
 * Concatenates `tensors` along `axis` (PyTensor's join). One tensor is
 * returned as it is. The axis may be symbolic; negative counts from the end.
 *
 * @example
 * join(0, x, y); // rows of x, then rows of y
 */
export function join(axis: AxisLike, ...tensors: TensorLike[]): TensorVariable {
  if (typeof axis !== 'number' && !(axis instanceof TensorVariable)) {
    throw new TypeMismatchError({ op: 'pt.join', argument: 'axis', expected: 'a number or an integer scalar tensor', given: String(axis) });
  }
  const ts = tensors.map((t) => asTensorVariable(t));
  if (ts.length === 1) {
    if (typeof axis === 'number') normalizeAxisIndex('pt.join', axis, ts[0]!.ndim);
    return ts[0]!;
  }
  const ax = typeof axis === 'number' ? axisConstant('pt.join', axis) : axis;
  return new Join().call(ax, ...ts) as TensorVariable;
}

function axisConstant(op: string, axis: number): TensorConstant {
  if (!Number.isInteger(axis)) throw new ArgumentError({ op, argument: 'axis', expected: 'an integer', given: String(axis) });
  return constant(axis, { dtype: 'int64' });
}

/** Options of concatenate and stack. */
export interface AxisOptions {
  /** The axis (default 0); negative counts from the end; concatenate also takes a symbolic integer scalar. */
  axis?: AxisLike;
}

const AXIS_KEYS = optionKeys<AxisOptions>({ axis: true });

/**
 * Concatenates a list of tensors along `axis` (default 0), as NumPy's concatenate.
 *
 * @example
 * concatenate([x, y], { axis: -1 });
 */
export function concatenate(tensorList: readonly TensorLike[], options: AxisOptions = {}): TensorVariable {
  checkOptions('pt.concatenate', options, AXIS_KEYS);
  if (!Array.isArray(tensorList)) {
    throw new TypeMismatchError({ op: 'pt.concatenate', argument: 'tensorList', expected: 'an array of tensors (did you forget [] around the arguments?)', given: String(tensorList) });
  }
  return join(options.axis ?? 0, ...tensorList);
}

function check2d(op: string, args: readonly TensorLike[]): TensorVariable[] {
  if (args.length < 2) throw new ArgumentError({ op, argument: 'args', expected: 'at least 2 matrices', given: String(args.length) });
  return args.map((a, i) => {
    const t = asTensorVariable(a);
    if (t.ndim !== 2) throw new TypeMismatchError({ op, argument: i, expected: 'a 2-d tensor', given: `${t} of type ${t.type}` });
    return t;
  });
}

/**
 * Matrices side by side (concatenated along axis 1), as PyTensor's horizontal_stack.
 *
 * @example
 * horizontalStack(a, b); // shape (n, ka + kb)
 */
export function horizontalStack(...args: TensorLike[]): TensorVariable {
  return join(1, ...check2d('pt.horizontalStack', args));
}

/**
 * Matrices one above the other (concatenated along axis 0), as PyTensor's vertical_stack.
 *
 * @example
 * verticalStack(a, b); // shape (na + nb, k)
 */
export function verticalStack(...args: TensorLike[]): TensorVariable {
  return join(0, ...check2d('pt.verticalStack', args));
}
