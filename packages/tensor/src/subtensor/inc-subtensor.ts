/**
 * IncSubtensor (x with its basic-indexed part set to, or incremented by, y)
 * and the user functions setSubtensor / incSubtensor, which take the result
 * of an indexing (x.get(...)) as PyTensor's set_subtensor(x[idx], y) does.
 */
import {
  Apply,
  DtypeError,
  Op,
  ShapeError,
  TypeMismatchError,
  config,
  describeThing,
  disconnectedType,
  type FunctionGraph,
  type ShapeTuple,
  Variable,
  type StorageCell,
  checkOptions,
} from '@proj/graph';
import { canCastSafely, isComplex, isDiscrete, isFloat, type Dtype } from '../dtype/dtypes';
import { copyArray, type NDArray } from '../value/ndarray';
import { castArray, toNDArray } from '../value/convert';
import { TensorVariable } from '../variable/tensor-variable';
import { constant, inferDtype, type TensorLike } from '../basic/as-tensor';
import { zerosLike } from '../basic/fill';
import { cast } from '../math/cast';
import { sum } from '../reduce/sum';
import { DimShuffle, dimshuffle, type ShuffleEntry } from '../shape/dimshuffle';
import { shapeText } from '../shape/make-vector';
import { specifyShape } from '../shape/specify-shape';
import { advancedSetOrInc } from './advanced';
import { Subtensor, checkIndexInputs, formatIdxList, indexView, resolveIdxList, scalarValue, type IdxListEntry } from './subtensor';
import { writeBroadcast } from './write-kernel';

/** Options of setSubtensor / incSubtensor. */
export interface IncOptions {
  /** Advanced indexing only: repeated indices are incremented once (x[idx] += y) rather than accumulated (np.add.at). */
  readonly ignoreDuplicates?: boolean;
}

/**
 * x with x[idx] set to y (setInsteadOfInc) or incremented by y, y broadcast to
 * the shape of x[idx] (PyTensor's IncSubtensor). The inputs are x, y and the
 * symbolic scalars of idxList. Not inplace by default: x is copied first.
 *
 * @example
 * new IncSubtensor([{ kind: 'int', value: 0 }], { setInsteadOfInc: true }).call(x, y); // x with x[0] = y
 */
export class IncSubtensor extends Op<{ idxList: readonly IdxListEntry[]; setInsteadOfInc: boolean; inplace: boolean }> {
  constructor(idxList: readonly IdxListEntry[], options: { setInsteadOfInc?: boolean; inplace?: boolean } = {}) {
    // The Subtensor constructor checks idxList.
    super({ idxList: new Subtensor(idxList).idxList, setInsteadOfInc: options.setInsteadOfInc ?? false, inplace: options.inplace ?? false });
  }

  get idxList(): readonly IdxListEntry[] {
    return this.props.idxList;
  }

  override get name(): string {
    const kind = this.props.setInsteadOfInc ? 'SetSubtensor' : 'IncSubtensor';
    return `${kind}${this.props.inplace ? 'Inplace' : ''}{${formatIdxList(this.idxList)}}`;
  }

  override toString(): string {
    return this.name;
  }

  override get destroyMap(): Readonly<Record<number, readonly number[]>> {
    return this.props.inplace ? { 0: [0] } : {};
  }

  makeNode(x: Variable, y: Variable, ...scalars: Variable[]): Apply {
    const sub = checkIndexInputs(this.name, this.idxList, x, scalars, 2);
    const t = x as TensorVariable;
    if (!(y instanceof TensorVariable)) throw new TypeMismatchError({ op: this.name, argument: 1, expected: 'a tensor', given: `${y} of type ${y.type}` });
    if (y.ndim > sub.length) {
      throw new ShapeError({ op: this.name, argument: 1, expected: `a value with at most ${sub.length} dimensions (those of the indexed part of x)`, given: `${y.ndim} dimensions (${y.type})` });
    }
    const pad = sub.length - y.ndim;
    y.type.shape.forEach((s, i) => {
      const want = sub[pad + i];
      if (s !== null && s !== 1 && want !== null && s !== want) {
        throw new ShapeError({ op: this.name, argument: 1, expected: `a value that broadcasts to the indexed part of x, shape ${shapeText(sub)}`, given: `static shape ${shapeText(y.type.shape)}` });
      }
    });
    if (!canCastSafely(y.dtype, t.dtype)) {
      throw new DtypeError({ op: this.name, argument: 1, expected: `a value whose dtype casts safely to ${t.dtype} (the dtype of x)`, given: `dtype ${y.dtype}` });
    }
    return new Apply(this, [x, y, ...scalars], [t.type.makeVariable()]);
  }

  override perform(_node: Apply, [x, y, ...scalars]: readonly unknown[], out: StorageCell[]): void {
    const a = x as NDArray;
    const dst = this.props.inplace ? a : copyArray(a);
    const view = indexView(this.name, dst, resolveIdxList(this.idxList, scalars.map(scalarValue)));
    let value = y as NDArray;
    const pad = view.shape.length - value.shape.length;
    value.shape.forEach((s, i) => {
      if (s !== 1 && s !== view.shape[pad + i]) {
        throw new ShapeError({ op: this.name, argument: 1, expected: `a value that broadcasts to the indexed part of x, shape ${shapeText(view.shape)}`, given: `shape ${shapeText(value.shape)}` });
      }
    });
    if (value.dtype !== dst.dtype) value = castArray(value, dst.dtype);
    writeBroadcast(view, value, !this.props.setInsteadOfInc);
    out[0]![0] = dst;
  }

  override inferShape(_fg: FunctionGraph | undefined, _node: Apply, [xShape]: readonly ShapeTuple[]): ShapeTuple[] {
    return [xShape!];
  }

  override connectionPattern(node: Apply): boolean[][] {
    return node.inputs.map((_, i) => [i < 2]);
  }

  /** gx: the output gradient (with zeros where y was set); gy: its indexed part, summed where y was broadcast. */
  override Lop(inputs: readonly Variable[], _outputs: readonly Variable[], [gz]: readonly Variable[]): Variable[] {
    const [x, y, ...rest] = inputs as TensorVariable[];
    const g = gz as TensorVariable;
    let gx: TensorVariable;
    let gy: TensorVariable;
    if (isDiscrete(x!.dtype)) {
      gx = zerosLike(x!, config.floatX);
      gy = isDiscrete(y!.dtype) ? zerosLike(y!, config.floatX) : zerosLike(y!);
    } else {
      gx = this.props.setInsteadOfInc ? (new IncSubtensor(this.idxList, { setInsteadOfInc: true }).call(g, constant(0, { dtype: g.dtype }), ...rest) as TensorVariable) : g;
      gy = sumOverBroadcast(y!, new Subtensor(this.idxList).call(g, ...rest) as TensorVariable);
      if (isDiscrete(y!.dtype)) gy = zerosLike(y!, config.floatX);
      else if (gy.dtype !== y!.dtype) gy = cast(gy, y!.dtype);
    }
    return [gx, gy, ...rest.map(() => disconnectedType())];
  }

  override grad(inputs: readonly Variable[], outputGrads: readonly Variable[]): Variable[] {
    return this.Lop(inputs, [], outputGrads);
  }

  /** Linear in (x, y): the same Op applied to the eval points (zeros for one that does not vary). */
  override Rop(inputs: readonly Variable[], [ex, ey]: readonly (Variable | null)[]): (Variable | null)[] {
    if ((ex === null || ex === undefined) && (ey === null || ey === undefined)) return [null];
    const x = ex ?? zerosLike(inputs[0] as TensorVariable);
    const y = ey ?? zerosLike(inputs[1] as TensorVariable);
    return [this.call(x, y, ...inputs.slice(2))];
  }
}

/** The gradient of a value broadcast into `g`'s shape: g summed over the added and stretched dimensions. */
function sumOverBroadcast(y: TensorVariable, g: TensorVariable): TensorVariable {
  const pad = g.ndim - y.ndim;
  const stretched = y.type.shape.map((s, i) => (s === 1 && g.type.shape[i + pad] !== 1 ? i + pad : -1)).filter((d) => d >= 0);
  const axes = [...Array(pad).keys(), ...stretched];
  let out = axes.length === 0 ? g : sum(g, { axis: axes });
  if (stretched.length > 0) {
    const pattern: ShuffleEntry[] = [];
    let k = 0;
    for (let i = 0; i < y.ndim; i++) pattern.push(stretched.includes(i + pad) ? 'x' : k++);
    out = dimshuffle(out, pattern);
  }
  return out;
}

/**
 * `y` as a tensor to write into a tensor of `dtype`. A tensor must have a
 * dtype that casts safely to it (DtypeError otherwise: use pt.cast). JS
 * values are converted by value: they must be exactly representable, except
 * that floats may round to float32 (or complex64).
 *
 * @example
 * incValue('pt.setSubtensor', 'int8', 3); // an int8 constant
 * incValue('pt.setSubtensor', 'int8', 2.5); // DtypeError
 */
export function incValue(op: string, dtype: Dtype, y: TensorLike): TensorVariable {
  if (y instanceof TensorVariable) {
    if (!canCastSafely(y.dtype, dtype)) {
      throw new DtypeError({ op, argument: 'y', expected: `a value whose dtype casts safely to ${dtype} (the dtype of x; use pt.cast to convert)`, given: `${y} of dtype ${y.dtype}` });
    }
    return y;
  }
  if (y === null || y === undefined || typeof y === 'string' || typeof y === 'function' || y instanceof Variable) {
    throw new TypeMismatchError({ op, argument: 'y', expected: 'a tensor, a number or nested arrays of numbers', given: describeThing(y) });
  }
  const natural = inferDtype(y);
  const rounding = (isFloat(natural) && isFloat(dtype)) || (isComplex(natural) && isComplex(dtype));
  const value = toNDArray(y, dtype, { op, allowDowncast: !canCastSafely(natural, dtype) && rounding });
  return constant(value, { dtype });
}

/** Whether a DimShuffle only inserts new axes (the newaxis entries of x.get). */
function insertsAxesOnly(op: DimShuffle): boolean {
  const kept = op.newOrder.filter((e) => e !== 'x');
  return kept.length === op.props.inputNdim && kept.every((e, i) => e === i);
}

/** y for the input of an axis-inserting DimShuffle: y right-aligned to the view, without the new axes (which must have length 1). */
function dropNewAxes(op: string, y: TensorVariable, order: readonly ShuffleEntry[]): TensorVariable {
  const pad = order.length - y.ndim;
  let t = pad > 0 ? dimshuffle(y, [...new Array<ShuffleEntry>(pad).fill('x'), ...[...Array(y.ndim).keys()]]) : y;
  const added = order.map((e, i) => (e === 'x' ? i : -1)).filter((i) => i >= 0);
  added.forEach((d) => {
    const s = t.type.shape[d];
    if (s !== null && s !== 1) {
      throw new ShapeError({ op, argument: 'y', expected: `length 1 along dimension ${d} (a new axis of the indexed view)`, given: `static shape ${shapeText(t.type.shape)}` });
    }
  });
  if (added.some((d) => t.type.shape[d] === null)) t = specifyShape(t, t.type.shape.map((s, i) => (added.includes(i) ? 1 : s)));
  return dimshuffle(t, [...Array(order.length).keys()].filter((i) => !added.includes(i)));
}

/** y with static length 1 where the indexed part has it (PyTensor's specify_broadcastable). */
function matchBroadcastable(y: TensorVariable, sub: readonly (number | null)[]): TensorVariable {
  const pad = sub.length - y.ndim;
  if (pad < 0 || !y.type.shape.some((s, i) => s === null && sub[pad + i] === 1)) return y;
  return specifyShape(y, y.type.shape.map((s, i) => (s === null && sub[pad + i] === 1 ? 1 : s)));
}

function setOrInc(op: string, x: TensorVariable, y: TensorLike, set: boolean, options: IncOptions): TensorVariable {
  checkOptions(op, options, ['ignoreDuplicates']);
  if (!(x instanceof TensorVariable)) throw new TypeMismatchError({ op, argument: 'x', expected: 'the result of indexing a tensor (x.get(...))', given: describeThing(x) });
  const yv = incValue(op, x.dtype, y);
  if (yv.ndim > x.ndim) {
    throw new ShapeError({ op, argument: 'y', expected: `a value with at most ${x.ndim} dimensions (those of the indexed part ${x})`, given: `${yv.ndim} dimensions (${yv.type})` });
  }
  const owner = x.owner;
  if (owner?.op instanceof Subtensor) {
    const base = owner.inputs[0] as TensorVariable;
    return new IncSubtensor(owner.op.idxList, { setInsteadOfInc: set }).call(base, matchBroadcastable(yv, x.type.shape), ...owner.inputs.slice(1)) as TensorVariable;
  }
  if (owner?.op instanceof DimShuffle && insertsAxesOnly(owner.op)) {
    return setOrInc(op, owner.inputs[0] as TensorVariable, dropNewAxes(op, yv, owner.op.newOrder), set, options);
  }
  const advanced = advancedSetOrInc(x, yv, { set, ignoreDuplicates: options.ignoreDuplicates });
  if (advanced !== undefined) return advanced;
  throw new TypeMismatchError({ op, argument: 'x', expected: 'the result of indexing a tensor (x.get(...))', given: owner ? `${x}, an output of ${owner.op}` : `${x}, which is not the result of an operation` });
}

/**
 * x with the part `sub` selects set to `y`, where `sub` is the result of
 * indexing x (PyTensor's set_subtensor(x[idx], y)); y is broadcast to the
 * shape of sub. x itself is not modified.
 *
 * @example
 * setSubtensor(getItem(r, ['10:']), 5); // r with r[10:] = 5
 */
export function setSubtensor(sub: TensorVariable, y: TensorLike, options: IncOptions = {}): TensorVariable {
  return setOrInc('pt.setSubtensor', sub, y, true, options);
}

/**
 * x with the part `sub` selects incremented by `y` (PyTensor's
 * inc_subtensor(x[idx], y)). With advanced indexing, repeated indices
 * accumulate (np.add.at) unless `ignoreDuplicates`.
 *
 * @example
 * incSubtensor(getItem(r, ['10:']), 5); // r with r[10:] += 5
 */
export function incSubtensor(sub: TensorVariable, y: TensorLike, options: IncOptions = {}): TensorVariable {
  return setOrInc('pt.incSubtensor', sub, y, false, options);
}
