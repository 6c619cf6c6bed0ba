/**
 * Reshape (NumPy's reshape, with one -1 length inferred) and flatten. The
 * output is a view of a contiguous input and a copy of a strided one.
 */
import {
  checkOptions,
  optionKeys,
  Apply,
  ArgumentError,
  Op,
  ShapeError,
  TypeMismatchError,
  disconnectedType,
  type FunctionGraph,
  type ShapeTuple,
  type StorageCell,
  type Variable,
} from '@proj/graph';
import { isInteger } from '../dtype/dtypes';
import { TensorType } from '../type/tensor-type';
import { contiguousStrides, copyArray, fromRaw, rawView, sizeOf, type NDArray } from '../value/ndarray';
import { TensorVariable } from '../variable/tensor-variable';
import { asTensorVariable, type TensorLike } from '../basic/as-tensor';
import { asShapeVector, intValues, shapeText, staticVectorEntries, vectorEntryVariables, type ShapeArg } from './make-vector';
import { shape as shapeOf, shapeI, shapeTuple } from './shape';
import { specifyShape } from './specify-shape';

function cannotReshape(op: string, size: number, shape: readonly (number | null)[]): ShapeError {
  return new ShapeError({
    op,
    argument: 1,
    expected: `a shape with ${size} elements in all`,
    given: `${shapeText(shape)} (cannot reshape array of size ${size} into shape ${shapeText(shape)})`,
  });
}

/**
 * The lengths of a reshape to `requested` (-1 = inferred) of an array of `size`
 * elements, or a ShapeError with NumPy's message.
 *
 * @example
 * resolveReshape('Reshape{2}', 6, [3, -1]); // [3, 2]
 */
export function resolveReshape(op: string, size: number, requested: readonly number[]): number[] {
  let unknown = -1;
  let known = 1;
  requested.forEach((s, i) => {
    if (s === -1) {
      if (unknown >= 0) throw new ShapeError({ op, argument: 1, expected: 'at most one -1 (can only specify one unknown dimension)', given: shapeText(requested) });
      unknown = i;
    } else if (s < 0 || !Number.isInteger(s)) {
      throw new ShapeError({ op, argument: 1, expected: 'non-negative lengths or -1', given: `${shapeText(requested)} (negative dimensions are not allowed)` });
    } else known *= s;
  });
  if (unknown < 0) {
    if (known !== size) throw cannotReshape(op, size, requested);
    return [...requested];
  }
  if (known === 0 || size % known !== 0) throw cannotReshape(op, size, requested);
  const out = [...requested];
  out[unknown] = size / known;
  return out;
}

function isContiguous(a: NDArray): boolean {
  const want = contiguousStrides(a.shape);
  return a.shape.every((s, i) => s <= 1 || a.strides[i] === want[i]);
}

/**
 * Gives a tensor a new shape of `ndim` lengths with the same elements in
 * row-major order (PyTensor's Reshape). The shape input is an integer vector;
 * one entry may be -1 (inferred from the size).
 *
 * @example
 * new Reshape(2).call(x, shp); // x with shape shp (a length-2 int vector)
 */
export class Reshape extends Op<{ ndim: number }> {
  constructor(ndim: number) {
    if (!Number.isInteger(ndim) || ndim < 0) throw new ArgumentError({ op: 'Reshape', argument: 'ndim', expected: 'a non-negative integer', given: String(ndim) });
    super({ ndim });
  }

  get ndim(): number {
    return this.props.ndim;
  }

  override get name(): string {
    return `Reshape{${this.ndim}}`;
  }

  override toString(): string {
    return this.name;
  }

  override get viewMap(): Readonly<Record<number, readonly number[]>> {
    return { 0: [0] };
  }

  makeNode(x: Variable, shp: Variable): Apply {
    if (!(x instanceof TensorVariable)) throw new TypeMismatchError({ op: this.name, argument: 0, expected: 'a tensor', given: `${x} of type ${x.type}` });
    if (!(shp instanceof TensorVariable) || shp.ndim !== 1 || !isInteger(shp.dtype)) {
      throw new TypeMismatchError({ op: this.name, argument: 1, expected: 'an integer vector (the new shape)', given: `${shp} of type ${shp.type}` });
    }
    const len = shp.type.shape[0];
    if (len !== null && len !== undefined && len !== this.ndim) {
      throw new ShapeError({ op: this.name, argument: 1, expected: `a shape vector of length ${this.ndim}`, given: `length ${len}` });
    }
    return new Apply(this, [x, shp], [new TensorType(x.dtype, this.staticShape(x, shp)).makeVariable()]);
  }

  /** The output's static shape from what is known of the shape vector and of x. */
  private staticShape(x: TensorVariable, shp: TensorVariable): (number | null)[] {
    const entries = staticVectorEntries(shp) ?? new Array<null>(this.ndim).fill(null);
    if (entries.length !== this.ndim) {
      throw new ShapeError({ op: this.name, argument: 1, expected: `a shape vector of length ${this.ndim}`, given: `length ${entries.length}` });
    }
    const known = entries.filter((e): e is number => e !== null);
    const minusOnes = known.filter((e) => e === -1).length;
    if (minusOnes > 1) throw new ShapeError({ op: this.name, argument: 1, expected: 'at most one -1 (can only specify one unknown dimension)', given: shapeText(entries) });
    for (const e of known) {
      if (e < -1) throw new ShapeError({ op: this.name, argument: 1, expected: 'non-negative lengths or -1', given: `${shapeText(entries)} (negative dimensions are not allowed)` });
    }
    const out = entries.map((e) => (e === null || e === -1 ? null : e));
    const size = x.type.shape.every((s) => s !== null) ? sizeOf(x.type.shape as number[]) : null;
    const open = entries.filter((e) => e === null || e === -1).length;
    const rest = sizeOf(known.filter((e) => e !== -1));
    if (size !== null && open === 0 && rest !== size) throw cannotReshape(this.name, size, entries as number[]);
    // With x's size known, the one open length (a -1 or a symbolic entry) is fixed.
    if (size !== null && open === 1) {
      if (rest === 0 || size % rest !== 0) {
        if (minusOnes === 1) throw cannotReshape(this.name, size, entries.map((e) => e ?? -1));
      } else out[entries.findIndex((e) => e === null || e === -1)] = size / rest;
    }
    return out;
  }

  override perform(_node: Apply, [x, shp]: readonly unknown[], out: StorageCell[]): void {
    const a = x as NDArray;
    const requested = intValues(shp as NDArray);
    if (requested.length !== this.ndim) {
      throw new ShapeError({ op: this.name, argument: 1, expected: `a shape of length ${this.ndim}`, given: shapeText(requested) });
    }
    const newShape = resolveReshape(this.name, sizeOf(a.shape), requested);
    // Values are never written in place, so a contiguous input can be shared.
    const src = isContiguous(a) ? a : copyArray(a);
    out[0]![0] = fromRaw(a.dtype, rawView(src).data, newShape, contiguousStrides(newShape), src.offset);
  }

  override inferShape(_fg: FunctionGraph | undefined, node: Apply): ShapeTuple[] {
    const outType = node.outputs[0]!.type as TensorType;
    const entries = vectorEntryVariables(node.inputs[1] as TensorVariable);
    // Lengths not known here are read from the output (what a missing inferShape would do).
    return [outType.shape.map((s, i) => {
      if (s !== null) return s;
      const e = entries?.[i];
      if (e instanceof TensorVariable || (typeof e === 'number' && e >= 0)) return e;
      return shapeI(node.outputs[0] as TensorVariable, i);
    })];
  }

  override connectionPattern(): boolean[][] {
    return [[true], [false]];
  }

  override grad([x]: readonly Variable[], [gz]: readonly Variable[]): Variable[] {
    const xt = x as TensorVariable;
    return [reshape(gz as TensorVariable, shapeOf(xt), { ndim: xt.ndim }), disconnectedType()];
  }

  override Rop([, shp]: readonly Variable[], [ev]: readonly (Variable | null)[]): (Variable | null)[] {
    return [ev === null || ev === undefined ? null : this.call(ev, shp!)];
  }
}

/** Options of reshape. */
export interface ReshapeOptions {
  /** The number of dimensions of the result: needed when `newshape` is a symbolic vector of unknown length. */
  ndim?: number;
}

const RESHAPE_KEYS = optionKeys<ReshapeOptions>({ ndim: true });

/**
 * `x` with a new shape (NumPy's reshape): a list of lengths (numbers or int
 * scalars, one may be -1), a length, or a symbolic int vector (x.shape, say).
 *
 * @example
 * reshape(x, [2, -1]); // x.reshape([2, -1])
 */
export function reshape(x: TensorLike, newshape: ShapeArg, options: ReshapeOptions = {}): TensorVariable {
  checkOptions('pt.reshape', options, RESHAPE_KEYS);
  const t = asTensorVariable(x);
  const shp = asShapeVector('pt.reshape', newshape);
  const len = shp.type.shape[0] ?? null;
  if (options.ndim !== undefined) {
    if (!Number.isInteger(options.ndim) || options.ndim < 0) throw new ArgumentError({ op: 'pt.reshape', argument: 'ndim', expected: 'a non-negative integer', given: String(options.ndim) });
    if (len !== null && len !== options.ndim) {
      throw new ArgumentError({ op: 'pt.reshape', argument: 'ndim', expected: `the length of the shape (${len})`, given: String(options.ndim) });
    }
  }
  const ndim = len ?? options.ndim;
  if (ndim === undefined) {
    throw new ArgumentError({ op: 'pt.reshape', argument: 'ndim', expected: 'the number of dimensions (the length of this shape vector is not known)', given: 'undefined' });
  }
  return new Reshape(ndim).call(t, shp) as TensorVariable;
}

/**
 * `x` with its dimensions from `ndim - 1` on collapsed into one (PyTensor's
 * flatten; ndim = 1 gives a vector of all the elements).
 *
 * @example
 * flatten(pt.tensor4('x'), 2); // shape (n0, n1 * n2 * n3)
 */
export function flatten(x: TensorLike, ndim = 1): TensorVariable {
  const t = asTensorVariable(x);
  if (!Number.isInteger(ndim) || ndim < 1 || (ndim > 1 && ndim > t.ndim)) {
    throw new ArgumentError({ op: 'pt.flatten', argument: 'ndim', expected: `an integer in [1, ${Math.max(1, t.ndim)}] for a ${t.ndim}-d input`, given: String(ndim) });
  }
  const kept = shapeTuple(t).slice(0, ndim - 1);
  const out = reshape(t, [...kept, -1]);
  // The collapsed length is known when every collapsed length is, even if the kept ones are not.
  const collapsed = t.type.shape.slice(ndim - 1);
  const last = collapsed.every((s) => s !== null) ? sizeOf(collapsed as number[]) : null;
  if (last !== null && out.type.shape[ndim - 1] === null) return specifyShape(out, [...out.type.shape.slice(0, -1), last]);
  return out;
}
