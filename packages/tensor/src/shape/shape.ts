/**
 * The shape of a tensor as a symbolic value: Shape (the whole shape, an int64
 * vector) and ShapeI (one length, an int64 scalar; PyTensor's Shape_i).
 * Their outputs do not depend on the input's elements, so the input is not
 * connected to them for gradients.
 */
import {
  Apply,
  ArgumentError,
  Op,
  TypeMismatchError,
  disconnectedType,
  type FunctionGraph,
  type ShapeTuple,
  type StorageCell,
  type Variable,
} from '@proj/graph';
import { TensorType } from '../type/tensor-type';
import { fromRaw, type NDArray } from '../value/ndarray';
import { TensorVariable } from '../variable/tensor-variable';
import { asTensorVariable, type TensorLike } from '../basic/as-tensor';

function checkTensor(op: string, x: Variable): TensorVariable {
  if (!(x instanceof TensorVariable)) {
    throw new TypeMismatchError({ op, argument: 0, expected: 'a tensor', given: `${x} of type ${x.type}` });
  }
  return x;
}

/**
 * The shape of a tensor as an int64 vector of length ndim (x.shape).
 *
 * @example
 * new Shape().call(x); // lvector of length x.ndim
 */
export class Shape extends Op {
  makeNode(x: Variable): Apply {
    const t = checkTensor('Shape', x);
    return new Apply(this, [t], [new TensorType('int64', [t.ndim]).makeVariable()]);
  }

  override perform(_node: Apply, [x]: readonly unknown[], out: StorageCell[]): void {
    const shape = (x as NDArray).shape;
    out[0]![0] = fromRaw('int64', BigInt64Array.from(shape, (s) => BigInt(s)), [shape.length]);
  }

  override inferShape(_fg: FunctionGraph | undefined, node: Apply): ShapeTuple[] {
    return [[(node.inputs[0] as TensorVariable).ndim]];
  }

  override connectionPattern(): boolean[][] {
    return [[false]];
  }

  // The elements of x take no part in computing its shape.
  override grad(): Variable[] {
    return [disconnectedType()];
  }

  override Rop(): (Variable | null)[] {
    return [null];
  }
}

/**
 * One length of a tensor's shape, as an int64 scalar (PyTensor's Shape_i).
 *
 * @example
 * new ShapeI(1).call(x); // the number of columns of a matrix x
 */
export class ShapeI extends Op<{ i: number }> {
  constructor(i: number) {
    if (!Number.isInteger(i) || i < 0) {
      throw new ArgumentError({ op: 'ShapeI', argument: 'i', expected: 'a non-negative integer dimension', given: String(i) });
    }
    super({ i });
  }

  get i(): number {
    return this.props.i;
  }

  override get name(): string {
    return `Shape_i{${this.i}}`;
  }

  override toString(): string {
    return this.name;
  }

  makeNode(x: Variable): Apply {
    const t = checkTensor(this.name, x);
    if (this.i >= t.ndim) {
      throw new ArgumentError({ op: this.name, argument: 0, expected: `a tensor with more than ${this.i} dimensions`, given: `${t} of type ${t.type}` });
    }
    return new Apply(this, [t], [new TensorType('int64', []).makeVariable()]);
  }

  override perform(_node: Apply, [x]: readonly unknown[], out: StorageCell[]): void {
    out[0]![0] = fromRaw('int64', BigInt64Array.of(BigInt((x as NDArray).shape[this.i]!)), []);
  }

  override inferShape(): ShapeTuple[] {
    return [[]];
  }

  override connectionPattern(): boolean[][] {
    return [[false]];
  }

  override grad(): Variable[] {
    return [disconnectedType()];
  }

  override Rop(): (Variable | null)[] {
    return [null];
  }
}

/**
 * The symbolic shape of `x`: an int64 vector of length x.ndim (PyTensor's shape / x.shape).
 *
 * @example
 * shape(pt.matrix('x')).eval({ x: [[1, 2, 3]] }); // [1n, 3n]
 */
export function shape(x: TensorLike): TensorVariable {
  return new Shape().call(asTensorVariable(x)) as TensorVariable;
}

/**
 * The length of dimension `i` of `x` (negative `i` counts from the end) as an
 * int64 scalar (PyTensor's shape_i).
 *
 * @example
 * shapeI(x, -1); // the last length of x
 */
export function shapeI(x: TensorLike, i: number): TensorVariable {
  const t = asTensorVariable(x);
  if (!Number.isInteger(i) || i < -t.ndim || i >= t.ndim) {
    throw new ArgumentError({ op: 'pt.shapeI', argument: 'i', expected: `a dimension in [${-t.ndim}, ${t.ndim}) of ${t}`, given: String(i) });
  }
  return new ShapeI(i < 0 ? i + t.ndim : i).call(t) as TensorVariable;
}

/**
 * The shape of `x` as a list: the static length where it is known, a ShapeI
 * scalar otherwise (PyTensor's shape_tuple). Alloc, reshape and zeros accept it.
 *
 * @example
 * shapeTuple(pt.tensor({ shape: [2, null] })); // [2, <Shape_i{1}>]
 */
export function shapeTuple(x: TensorLike): (number | TensorVariable)[] {
  const t = asTensorVariable(x);
  return t.type.shape.map((s, i) => (s !== null ? s : (new ShapeI(i).call(t) as TensorVariable)));
}
