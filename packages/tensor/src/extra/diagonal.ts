/**
 * Diagonals: ExtractDiag (a view, PyTensor's), its gradient ExtractDiagGrad
 * (zeros shaped like x with the diagonal set, AllocDiag-style), and the user
 * functions diagonal and trace (NumPy's).
 */
import {
  checkOptions,
  optionKeys,
  Apply,
  ArgumentError,
  Op,
  disconnectedType,
  type FunctionGraph,
  type ShapeTuple,
  type StorageCell,
  type Variable,
} from '@proj/graph';
import { asTensorVariable, type TensorLike } from '../basic/as-tensor';
import { dtypeWidth, rawArrayCtor } from '../dtype/dtypes';
import { sub } from '../math/arith';
import { maximum, minimum } from '../math/compare';
import { AxisError } from '../reduce/axis';
import { sum } from '../reduce/sum';
import { TensorType } from '../type/tensor-type';
import { contiguousStrides, fromRaw, rawView, sizeOf, type NDArray } from '../value/ndarray';
import type { TensorVariable } from '../variable/tensor-variable';
import { asDtype, checkTensor, normalizeAxis, offsetTable } from './strided';

type DiagProps = { offset: number; axis1: number; axis2: number };

/**
 * The length of diagonal `offset` of an (n1, n2) plane (NumPy's rule).
 *
 * @example
 * diagLength(3, 5, 3); // 2
 */
export function diagLength(n1: number, n2: number, offset: number): number {
  return Math.max(0, offset >= 0 ? Math.min(n1, n2 - offset) : Math.min(n1 + offset, n2));
}

/** Shape, element strides and element offset of the diagonal view of a value of `shape`/`strides`. */
function diagView(p: DiagProps, shape: readonly number[], strides: readonly number[], offset: number): { shape: number[]; strides: number[]; offset: number } {
  const { axis1, axis2 } = p;
  const len = diagLength(shape[axis1]!, shape[axis2]!, p.offset);
  const keep = shape.map((_, d) => d).filter((d) => d !== axis1 && d !== axis2);
  const start = len === 0 ? offset : offset + (p.offset >= 0 ? p.offset * strides[axis2]! : -p.offset * strides[axis1]!);
  return { shape: [...keep.map((d) => shape[d]!), len], strides: [...keep.map((d) => strides[d]!), strides[axis1]! + strides[axis2]!], offset: start };
}

abstract class DiagBase extends Op<DiagProps> {
  constructor(offset: number, axis1: number, axis2: number) {
    const op = new.target.name;
    if (!Number.isInteger(offset)) throw new ArgumentError({ op, argument: 'offset', expected: 'an integer', given: String(offset) });
    [axis1, axis2].forEach((a, i) => {
      if (!Number.isInteger(a) || a < 0) throw new AxisError({ op, argument: i === 0 ? 'axis1' : 'axis2', expected: 'a non-negative integer axis', given: String(a) });
    });
    if (axis1 === axis2) throw new AxisError({ op, argument: 'axis2', expected: 'an axis other than axis1', given: `axis1 = axis2 = ${axis1}` });
    super({ offset, axis1, axis2 });
  }

  override get name(): string {
    return `${this.constructor.name}{offset=${this.props.offset}, axis1=${this.props.axis1}, axis2=${this.props.axis2}}`;
  }

  override toString(): string {
    return this.name;
  }

  protected checkNdim(x: TensorVariable, argument: number): void {
    const need = Math.max(this.props.axis1, this.props.axis2) + 1;
    if (x.ndim < 2 || x.ndim < need) {
      throw new AxisError({ op: this.name, argument, expected: `a tensor with at least ${Math.max(2, need)} dimensions`, given: `${x.ndim} dimensions (${x.type})` });
    }
  }
}

/**
 * The diagonal `offset` of the planes (axis1, axis2): those two axes removed
 * and the diagonal appended as the last one. A view of the input.
 *
 * @example
 * new ExtractDiag(0, 0, 1).call(m);
 */
export class ExtractDiag extends DiagBase {
  override get viewMap(): Readonly<Record<number, readonly number[]>> {
    return { 0: [0] };
  }

  makeNode(x: Variable): Apply {
    const t = checkTensor(this.name, 0, x);
    this.checkNdim(t, 0);
    const s = t.type.shape;
    const { axis1, axis2, offset } = this.props;
    const n1 = s[axis1]!;
    const n2 = s[axis2]!;
    const len = n1 !== null && n2 !== null ? diagLength(n1, n2, offset) : null;
    const shape = [...s.filter((_, d) => d !== axis1 && d !== axis2), len];
    return new Apply(this, [t], [new TensorType(t.dtype, shape).makeVariable()]);
  }

  override perform(_node: Apply, [x]: readonly unknown[], out: StorageCell[]): void {
    const a = x as NDArray;
    const v = diagView(this.props, a.shape, a.strides, a.offset);
    out[0]![0] = fromRaw(a.dtype, rawView(a).data, v.shape, v.strides, v.offset);
  }

  override inferShape(_fg: FunctionGraph | undefined, node: Apply, [shape]: readonly ShapeTuple[]): ShapeTuple[] {
    const { axis1, axis2, offset } = this.props;
    const known = (node.outputs[0]!.type as TensorType).shape;
    const rest = shape!.filter((_, d) => d !== axis1 && d !== axis2);
    const last = known[known.length - 1];
    if (last !== null && last !== undefined) return [[...rest, last]];
    const n1 = shape![axis1]!;
    const n2 = shape![axis2]!;
    const len = offset >= 0 ? minimum(n1 as TensorLike, sub(n2 as TensorLike, offset)) : minimum(sub(n1 as TensorLike, -offset), n2 as TensorLike);
    return [[...rest, maximum(len, 0)]];
  }

  override grad(inputs: readonly Variable[], [gz]: readonly Variable[]): Variable[] {
    const { offset, axis1, axis2 } = this.props;
    return [new ExtractDiagGrad(offset, axis1, axis2).call(gz!, inputs[0]!)];
  }

  override Rop(_inputs: readonly Variable[], [ev]: readonly (Variable | null)[]): (Variable | null)[] {
    return [ev === null || ev === undefined ? null : this.call(ev)];
  }
}

/**
 * Zeros shaped like `x` (input 1, used for its shape and dtype only) with the
 * diagonal of ExtractDiag set to `gz` (input 0): the gradient of ExtractDiag.
 *
 * @example
 * new ExtractDiagGrad(0, 0, 1).call(gz, x);
 */
export class ExtractDiagGrad extends DiagBase {
  makeNode(gz: Variable, x: Variable): Apply {
    const g = checkTensor(this.name, 0, gz);
    const t = checkTensor(this.name, 1, x);
    this.checkNdim(t, 1);
    if (g.ndim !== t.ndim - 1) throw new ArgumentError({ op: this.name, argument: 0, expected: `a diagonal with ${t.ndim - 1} dimensions`, given: `${g.ndim} dimensions (${g.type})` });
    return new Apply(this, [g, t], [t.type.makeVariable()]);
  }

  override perform(_node: Apply, [gz, x]: readonly unknown[], out: StorageCell[]): void {
    const a = x as NDArray;
    const g = asDtype(gz as NDArray, a.dtype);
    const w = dtypeWidth(a.dtype);
    const strides = contiguousStrides(a.shape);
    const raw = new (rawArrayCtor(a.dtype))(sizeOf(a.shape) * w);
    const view = diagView(this.props, a.shape, strides, 0);
    if (view.shape.length !== g.shape.length || view.shape.some((s, d) => s !== g.shape[d])) {
      throw new ArgumentError({ op: this.name, argument: 0, expected: `a diagonal of shape (${view.shape.join(', ')})`, given: `shape (${g.shape.join(', ')})` });
    }
    const gv = rawView(g);
    const src = offsetTable(view.shape, gv.strides);
    const dst = offsetTable(view.shape, view.strides.map((s) => s * w));
    const from = gv.data as unknown as ArrayLike<number | bigint>;
    const to = raw as unknown as { [k: number]: number | bigint };
    const o0 = view.offset * w;
    for (let k = 0; k < src.length; k++) {
      to[o0 + dst[k]!] = from[gv.offset + src[k]!]!;
      if (w === 2) to[o0 + dst[k]! + 1] = from[gv.offset + src[k]! + 1]!;
    }
    out[0]![0] = fromRaw(a.dtype, raw, a.shape);
  }

  override inferShape(_fg: FunctionGraph | undefined, _node: Apply, shapes: readonly ShapeTuple[]): ShapeTuple[] {
    return [shapes[1]!];
  }

  override connectionPattern(): boolean[][] {
    return [[true], [false]];
  }

  override grad(_inputs: readonly Variable[], [g]: readonly Variable[]): Variable[] {
    const { offset, axis1, axis2 } = this.props;
    return [new ExtractDiag(offset, axis1, axis2).call(g!), disconnectedType()];
  }

  override Rop(inputs: readonly Variable[], [ev]: readonly (Variable | null)[]): (Variable | null)[] {
    return [ev === null || ev === undefined ? null : this.call(ev, inputs[1]!)];
  }
}

/** Options of diagonal and trace (NumPy's). */
export interface DiagonalOptions {
  /** The diagonal: 0 the main one, > 0 above, < 0 below. */
  readonly offset?: number;
  /** The first axis of the planes (default 0; negative counts from the end). */
  readonly axis1?: number;
  /** The second axis of the planes (default 1). */
  readonly axis2?: number;
}

function diagOp(fn: string, t: TensorVariable, options: DiagonalOptions): ExtractDiag {
  if (t.ndim < 2) throw new AxisError({ op: fn, argument: 0, expected: 'a tensor with at least 2 dimensions', given: `${t.ndim} dimensions (${t.type})` });
  const offset = options.offset ?? 0;
  if (!Number.isInteger(offset)) throw new ArgumentError({ op: fn, argument: 'offset', expected: 'an integer', given: String(offset) });
  const a1 = normalizeAxis(fn, options.axis1 ?? 0, t.ndim, 'axis1');
  const a2 = normalizeAxis(fn, options.axis2 ?? 1, t.ndim, 'axis2');
  if (a1 === a2) throw new AxisError({ op: fn, argument: 'axis2', expected: 'an axis other than axis1', given: `axis1 ${options.axis1 ?? 0} and axis2 ${options.axis2 ?? 1} (both ${a1})` });
  return new ExtractDiag(offset, a1, a2);
}

const DIAGONAL_KEYS = optionKeys<DiagonalOptions>({ offset: true, axis1: true, axis2: true });

/**
 * The diagonal `offset` of the (axis1, axis2) planes of `x`, a view (NumPy's
 * diagonal): those axes removed, the diagonal appended last.
 *
 * @example
 * pt.diagonal(m, { offset: 1 }); // the superdiagonal of a matrix
 */
export function diagonal(x: TensorLike, options: DiagonalOptions = {}): TensorVariable {
  checkOptions('pt.diagonal', options, DIAGONAL_KEYS);
  const t = asTensorVariable(x);
  return diagOp('pt.diagonal', t, options).call(t) as TensorVariable;
}

/**
 * The sum along diagonal `offset` of the (axis1, axis2) planes (NumPy's
 * trace; integers sum in int64/uint64 like pt.sum).
 *
 * @example
 * pt.trace(m); // m[0, 0] + m[1, 1] + ...
 */
export function trace(x: TensorLike, options: DiagonalOptions = {}): TensorVariable {
  checkOptions('pt.trace', options, DIAGONAL_KEYS);
  const t = asTensorVariable(x);
  return sum(diagOp('pt.trace', t, options).call(t) as TensorVariable, { axis: -1 });
}
