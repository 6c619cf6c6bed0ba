/**
 * Alloc (a value broadcast into a new array of a given shape) and the
 * creation functions built on it: alloc, zeros, ones, full.
 */
import {
  Apply,
  Op,
  ShapeError,
  TypeMismatchError,
  disconnectedType,
  type FunctionGraph,
  type ShapeTuple,
  type StorageCell,
  type Variable,
} from '@proj/graph';
import { checkDtype, isInteger, type Dtype } from '../dtype/dtypes';
import { TensorType } from '../type/tensor-type';
import { allocRaw, fromRaw, rawView, sizeOf, type NDArray } from '../value/ndarray';
import { castArray } from '../value/convert';
import { TensorConstant, TensorVariable } from '../variable/tensor-variable';
import { cast } from '../math/cast';
import { sum } from '../reduce/sum';
import { Elemwise } from '../elemwise/elemwise';
import { DimShuffle, dimshuffle, type ShuffleEntry } from '../shape/dimshuffle';
import { constantScalarInt, int64Scalar, intValues, shapeEntries, shapeText, type ShapeArg } from '../shape/make-vector';
import { asTensorVariable, constant, type TensorLike } from './as-tensor';

/**
 * A new array of `shape` holding `value` broadcast to it (NumPy's
 * broadcast_to followed by a copy). Throws a ShapeError naming `op` when the
 * value does not broadcast.
 *
 * @example
 * broadcastInto('Alloc', value, [2, 3]);
 */
export function broadcastInto(op: string, value: NDArray, shape: readonly number[]): NDArray {
  const nd = shape.length;
  const pad = nd - value.shape.length;
  value.shape.forEach((s, i) => {
    if (s !== 1 && s !== shape[pad + i]) {
      throw new ShapeError({ op, argument: 0, expected: `a value that broadcasts to shape ${shapeText(shape)}`, given: `a value of shape ${shapeText(value.shape)}` });
    }
  });
  const v = rawView(value);
  const w = v.width;
  const n = sizeOf(shape);
  const out = allocRaw(op, value.dtype, shape);
  const src = v.data as Float64Array;
  const dst = out as Float64Array;
  if (n === 0) return fromRaw(value.dtype, out, shape);
  if (sizeOf(value.shape) === 1 && w === 1) {
    (dst as unknown as { fill(x: unknown): void }).fill(src[v.offset]);
    return fromRaw(value.dtype, out, shape);
  }
  // Raw strides of the value seen with the output shape (0 along broadcast dimensions).
  const strides = shape.map((len, d) => (d < pad || (value.shape[d - pad] === 1 && len !== 1) ? 0 : v.strides[d - pad]!));
  const inner = nd === 0 ? 1 : shape[nd - 1]!;
  const sInner = nd === 0 ? 0 : strides[nd - 1]!;
  const idx = new Array<number>(Math.max(nd - 1, 0)).fill(0);
  let off = v.offset;
  for (let k = 0; k < n; k += inner) {
    let o = off;
    if (w === 1) {
      for (let j = 0; j < inner; j++, o += sInner) dst[k + j] = src[o]!;
    } else {
      for (let j = 0; j < inner; j++, o += sInner) {
        dst[2 * (k + j)] = src[o]!;
        dst[2 * (k + j) + 1] = src[o + 1]!;
      }
    }
    // Odometer over the outer dimensions.
    for (let d = nd - 2; d >= 0; d--) {
      idx[d]!++;
      off += strides[d]!;
      if (idx[d]! < shape[d]!) break;
      off -= strides[d]! * shape[d]!;
      idx[d] = 0;
    }
  }
  return fromRaw(value.dtype, out, shape);
}

/**
 * A new tensor of the given shape (one integer scalar input per dimension)
 * filled with the first input broadcast to it (PyTensor's Alloc).
 *
 * @example
 * new Alloc().call(value, n, m); // an (n, m) array of value
 */
export class Alloc extends Op {
  makeNode(value: Variable, ...shape: Variable[]): Apply {
    if (!(value instanceof TensorVariable)) {
      throw new TypeMismatchError({ op: 'Alloc', argument: 0, expected: 'a tensor', given: `${value} of type ${value.type}` });
    }
    if (value.ndim > shape.length) {
      throw new ShapeError({ op: 'Alloc', argument: 0, expected: `a value with at most ${shape.length} dimensions (the length of the shape)`, given: `${value.ndim} dimensions (${value.type})` });
    }
    shape.forEach((s, i) => {
      if (!(s instanceof TensorVariable) || s.ndim !== 0 || !isInteger(s.dtype)) {
        throw new TypeMismatchError({ op: 'Alloc', argument: i + 1, expected: 'an integer scalar (a length)', given: `${s} of type ${s.type}` });
      }
    });
    const pad = shape.length - value.ndim;
    const lengths = shape.map((s) => constantScalarInt(s) ?? null);
    const out = lengths.map((c, d) => {
      if (c !== null && c < 0) throw new ShapeError({ op: 'Alloc', argument: d + 1, expected: 'a non-negative length', given: `${c} (negative dimensions are not allowed)` });
      const vs = d < pad ? 1 : value.type.shape[d - pad]!;
      if (vs !== null && vs !== 1 && c !== null && vs !== c) {
        throw new ShapeError({ op: 'Alloc', argument: 0, expected: `a value that broadcasts to shape ${shapeText(lengths)}`, given: `static shape ${shapeText(value.type.shape)}` });
      }
      // A value length other than 1 must be the output length.
      return c ?? (vs !== null && vs !== 1 ? vs : null);
    });
    return new Apply(this, [value, ...shape], [new TensorType(value.dtype, out).makeVariable()]);
  }

  override perform(_node: Apply, [value, ...shape]: readonly unknown[], out: StorageCell[]): void {
    const lengths = shape.map((s) => intValues(s as NDArray)[0]!);
    lengths.forEach((s, i) => {
      if (s < 0) throw new ShapeError({ op: 'Alloc', argument: i + 1, expected: 'a non-negative length', given: `${s} (negative dimensions are not allowed)` });
    });
    out[0]![0] = broadcastInto('Alloc', value as NDArray, lengths);
  }

  override inferShape(_fg: FunctionGraph | undefined, node: Apply): ShapeTuple[] {
    const outType = node.outputs[0]!.type as TensorType;
    return [node.inputs.slice(1).map((s, d) => outType.shape[d] ?? constantScalarInt(s) ?? s)];
  }

  override connectionPattern(node: Apply): boolean[][] {
    return node.inputs.map((_, i) => [i === 0]);
  }

  /** Sums the output gradient over the dimensions the value was broadcast along. */
  override grad(inputs: readonly Variable[], [gz]: readonly Variable[]): Variable[] {
    const x = inputs[0] as TensorVariable;
    const g = gz as TensorVariable;
    const pad = g.ndim - x.ndim;
    const added = [...Array(pad).keys()];
    const stretched = x.type.shape.map((s, i) => (s === 1 && g.type.shape[i + pad] !== 1 ? i + pad : -1)).filter((d) => d >= 0);
    const axes = [...added, ...stretched];
    let gx = axes.length === 0 ? g : sum(g, { axis: axes });
    if (stretched.length > 0) {
      // Put the stretched dimensions back as length 1.
      const pattern: ShuffleEntry[] = [];
      let k = 0;
      for (let i = 0; i < x.ndim; i++) pattern.push(stretched.includes(i + pad) ? 'x' : k++);
      gx = dimshuffle(gx, pattern);
    }
    return [gx, ...inputs.slice(1).map(() => disconnectedType())];
  }

  override Rop(inputs: readonly Variable[], [ev]: readonly (Variable | null)[]): (Variable | null)[] {
    return [ev === null || ev === undefined ? null : this.call(ev, ...inputs.slice(1))];
  }

  /**
   * Not folded when the array would be copied for each use (a graph output) or
   * when its consumers can take the small value instead (an Alloc lifted
   * through Elemwise, DimShuffle, Join...), as PyTensor decides.
   */
  override doConstantFolding(fgraph: FunctionGraph | undefined, node: Apply): boolean {
    if (fgraph === undefined) return true;
    const clients = fgraph.getClients(node.outputs[0]!);
    if (clients.length === 0) return false;
    return clients.every(({ node: client, index }) => {
      if (client === 'output') return false;
      const op = client.op;
      if (op instanceof Elemwise || op instanceof DimShuffle || op instanceof Alloc) return false;
      // By name: these Ops live in other families (and take the Alloc in place, for the Inc ones).
      const name = op.constructor.name;
      if (name === 'Join' || name === 'Blockwise') return false;
      return !(index === 0 && /IncSubtensor/.test(name));
    });
  }
}

/** Shape arguments of alloc: lengths given one by one, or one list / vector of them. */
function allocShape(op: string, shape: readonly (number | TensorVariable | ShapeArg)[]): (number | TensorVariable)[] {
  if (shape.length === 1 && (Array.isArray(shape[0]) || (shape[0] instanceof TensorVariable && shape[0].ndim === 1))) {
    return shapeEntries(op, shape[0] as ShapeArg);
  }
  return shapeEntries(op, shape as readonly (number | TensorVariable)[]);
}

function build(op: string, value: TensorVariable, entries: readonly (number | TensorVariable)[]): TensorVariable {
  entries.forEach((e, i) => {
    if (typeof e === 'number' && e < 0) throw new ShapeError({ op, argument: `shape[${i}]`, expected: 'a non-negative length', given: `${e} (negative dimensions are not allowed)` });
  });
  return new Alloc().call(value, ...entries.map((e) => (typeof e === 'number' ? int64Scalar(e) : e))) as TensorVariable;
}

/**
 * A new tensor of the given shape filled with `value` broadcast to it
 * (PyTensor's alloc). Lengths are numbers or integer scalars, one by one or
 * as one list (x.shape too).
 *
 * @example
 * alloc(0.5, 2, n); // a (2, n) tensor of 0.5
 */
export function alloc(value: TensorLike, ...shape: (number | TensorVariable | ShapeArg)[]): TensorVariable {
  return build('pt.alloc', asTensorVariable(value), allocShape('pt.alloc', shape));
}

/**
 * A tensor of zeros of `shape` (a length, a list of lengths, or x.shape) and
 * `dtype` (default config.floatX).
 *
 * @example
 * zeros([2, 3], 'int32');
 */
export function zeros(shape: ShapeArg, dtype: Dtype | 'floatX' = 'floatX'): TensorVariable {
  const d = checkDtype(dtype, 'pt.zeros');
  return build('pt.zeros', constant(0, { dtype: d }), shapeEntries('pt.zeros', shape));
}

/**
 * A tensor of ones of `shape` and `dtype` (default config.floatX).
 *
 * @example
 * ones(x.shape);
 */
export function ones(shape: ShapeArg, dtype: Dtype | 'floatX' = 'floatX'): TensorVariable {
  const d = checkDtype(dtype, 'pt.ones');
  return build('pt.ones', constant(1, { dtype: d }), shapeEntries('pt.ones', shape));
}

/**
 * A tensor of `shape` filled with `fillValue` (broadcast to it), cast to
 * `dtype` when given (NumPy's full: 1.5 as int32 is 1).
 *
 * @example
 * full([2, 2], 7, 'int16');
 */
export function full(shape: ShapeArg, fillValue: TensorLike, dtype?: Dtype | 'floatX'): TensorVariable {
  let value = asTensorVariable(fillValue);
  if (dtype !== undefined) {
    const d = checkDtype(dtype, 'pt.full');
    if (value instanceof TensorConstant) {
      if (value.dtype !== d) value = new TensorType(d, value.type.shape).makeConstant(castArray(value.data, d));
    } else if (value.dtype !== d) value = cast(value, d);
  }
  return build('pt.full', value, shapeEntries('pt.full', shape));
}

