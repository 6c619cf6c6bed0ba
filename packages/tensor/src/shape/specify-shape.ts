/**
 * SpecifyShape: states lengths of a tensor's dimensions, giving its output a
 * more precise static shape and checking the lengths at run time.
 */
import {
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
import type { NDArray } from '../value/ndarray';
import { TensorVariable } from '../variable/tensor-variable';
import { asTensorVariable, type TensorLike } from '../basic/as-tensor';
import { constantScalarInt, int64Scalar, intValues, shapeEntries, shapeText } from './make-vector';

/**
 * Checks that the input has the given lengths (`known[d]` says which
 * dimensions are given; the given lengths are the inputs after x) and returns
 * it unchanged (a view), with the static shape these lengths imply.
 *
 * @example
 * new SpecifyShape([true, false]).call(x, n); // x, known to have n rows
 */
export class SpecifyShape extends Op<{ known: readonly boolean[] }> {
  constructor(known: readonly boolean[]) {
    super({ known: [...known] });
  }

  get known(): readonly boolean[] {
    return this.props.known;
  }

  override get name(): string {
    return 'SpecifyShape';
  }

  override toString(): string {
    return `SpecifyShape{(${this.known.map((k) => (k ? 'n' : '?')).join(', ')})}`;
  }

  override get viewMap(): Readonly<Record<number, readonly number[]>> {
    return { 0: [0] };
  }

  makeNode(x: Variable, ...dims: Variable[]): Apply {
    if (!(x instanceof TensorVariable)) {
      throw new TypeMismatchError({ op: 'SpecifyShape', argument: 0, expected: 'a tensor', given: `${x} of type ${x.type}` });
    }
    if (x.ndim !== this.known.length) {
      throw new ShapeError({ op: 'SpecifyShape', argument: 0, expected: `a tensor with ${this.known.length} dimensions`, given: `${x.ndim} dimensions (${x.type})` });
    }
    const count = this.known.filter((k) => k).length;
    if (dims.length !== count) {
      throw new ArgumentError({ op: 'SpecifyShape', argument: 'inputs', expected: `${count} lengths after the tensor`, given: `${dims.length}` });
    }
    dims.forEach((d, i) => {
      if (!(d instanceof TensorVariable) || d.ndim !== 0 || !isInteger(d.dtype)) {
        throw new TypeMismatchError({ op: 'SpecifyShape', argument: i + 1, expected: 'an integer scalar', given: `${d} of type ${d.type}` });
      }
    });
    const shape = this.staticShape(x, dims);
    const given = this.entries(dims).map((d) => (d === null ? null : constantScalarInt(d) ?? null));
    x.type.shape.forEach((s, d) => {
      const want = given[d];
      if (s !== null && want !== null && want !== undefined && s !== want) {
        throw new ShapeError({ op: 'SpecifyShape', argument: 0, expected: `shape ${shapeText(given)}`, given: `static shape ${shapeText(x.type.shape)}` });
      }
    });
    return new Apply(this, [x, ...dims], [new TensorType(x.dtype, shape).makeVariable()]);
  }

  /** The length variable of each dimension, null where it is not given. */
  private entries<T>(dims: readonly T[]): (T | null)[] {
    let k = 0;
    return this.known.map((known) => (known ? dims[k++]! : null));
  }

  private staticShape(x: TensorVariable, dims: readonly Variable[]): (number | null)[] {
    return this.entries(dims).map((d, i) => (d === null ? x.type.shape[i]! : constantScalarInt(d) ?? x.type.shape[i]!));
  }

  override perform(_node: Apply, [x, ...dims]: readonly unknown[], out: StorageCell[]): void {
    const a = x as NDArray;
    const want = this.entries(dims.map((d) => intValues(d as NDArray)[0]!));
    const ok = a.shape.length === want.length && want.every((w, i) => w === null || w === a.shape[i]);
    if (!ok) {
      throw new ShapeError({ op: 'SpecifyShape', argument: 0, expected: `shape ${shapeText(want)}`, given: `shape ${shapeText(a.shape)}` });
    }
    out[0]![0] = a;
  }

  override inferShape(_fg: FunctionGraph | undefined, node: Apply, [xs]: readonly ShapeTuple[]): ShapeTuple[] {
    const entries = this.entries(node.inputs.slice(1));
    return [entries.map((d, i) => (d === null ? xs![i]! : constantScalarInt(d) ?? d))];
  }

  override connectionPattern(node: Apply): boolean[][] {
    return node.inputs.map((_, i) => [i === 0]);
  }

  override grad(inputs: readonly Variable[], [gz]: readonly Variable[]): Variable[] {
    return [this.call(gz!, ...inputs.slice(1)), ...inputs.slice(1).map(() => disconnectedType())];
  }

  override Rop(inputs: readonly Variable[], [ev]: readonly (Variable | null)[]): (Variable | null)[] {
    return [ev === null || ev === undefined ? null : this.call(ev, ...inputs.slice(1))];
  }
}

/** A shape for specifyShape: a length, an int scalar or null (not specified) per dimension. */
export type SpecifiedShape = readonly (number | TensorVariable | null)[] | TensorVariable;

/**
 * `x` stated to have `shape` (null entries leave a dimension free): the result
 * has that static shape, and a run-time check raises a ShapeError when the
 * value does not match. Returns `x` itself when nothing new is stated.
 *
 * @example
 * specifyShape(pt.matrix('x'), [2, null]).type.shape; // [2, null]
 */
export function specifyShape(x: TensorLike, shape: SpecifiedShape): TensorVariable {
  const t = asTensorVariable(x);
  const op = 'pt.specifyShape';
  let entries: (number | TensorVariable | null)[];
  if (shape instanceof TensorVariable) entries = shapeEntries(op, shape);
  else if (Array.isArray(shape)) {
    entries = (shape as readonly (number | TensorVariable | null)[]).map((e, i) => (e === null || e === undefined ? null : shapeEntries(op, [e])[0]!)).map((e, i) => {
      if (typeof e === 'number' && e < 0) throw new ArgumentError({ op, argument: `shape[${i}]`, expected: 'a non-negative length or null', given: String(e) });
      return e;
    });
  } else throw new TypeMismatchError({ op, argument: 'shape', expected: 'an array of lengths (number, integer scalar or null)', given: String(shape) });
  if (entries.length !== t.ndim) {
    throw new ShapeError({ op, argument: 'shape', expected: `${t.ndim} entries (one per dimension of ${t})`, given: `${entries.length} entries` });
  }
  const adds = entries.some((e, i) => e !== null && e !== t.type.shape[i]);
  if (!adds) return t;
  const known = entries.map((e) => e !== null);
  const dims = entries.filter((e): e is number | TensorVariable => e !== null).map((e) => (typeof e === 'number' ? int64Scalar(e) : e));
  return new SpecifyShape(known).call(t, ...dims) as TensorVariable;
}
