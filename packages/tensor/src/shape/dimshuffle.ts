import { Apply, ArgumentError, Op, ShapeError, TypeMismatchError, type FunctionGraph, type ShapeTuple, type StorageCell, type Variable } from '@proj/graph';
import { TensorType } from '../type/tensor-type';
import { fromRaw, rawView, type NDArray } from '../value/ndarray';
import { TensorVariable } from '../variable/tensor-variable';
import { asTensorVariable, type TensorLike } from '../basic/as-tensor';

/** One entry of a DimShuffle pattern: an input dimension, or 'x' for a new length-1 dimension. */
export type ShuffleEntry = number | 'x';

/**
 * Reorders, adds ('x') and drops (length-1) dimensions, as a view of the input
 * (PyTensor's DimShuffle). Every input dimension not in `newOrder` must be
 * known to have length 1.
 *
 * @example
 * new DimShuffle(2, [1, 'x', 0]).call(x); // shape (n, 1, m) from (m, n)
 */
export class DimShuffle extends Op<{ inputNdim: number; newOrder: readonly ShuffleEntry[] }> {
  constructor(inputNdim: number, newOrder: readonly ShuffleEntry[]) {
    const seen = new Set<number>();
    newOrder.forEach((e, i) => {
      if (e === 'x') return;
      if (!Number.isInteger(e) || e < 0 || e >= inputNdim) {
        throw new ArgumentError({ op: 'DimShuffle', argument: `newOrder[${i}]`, expected: `'x' or a dimension index in [0, ${inputNdim})`, given: String(e) });
      }
      if (seen.has(e)) throw new ArgumentError({ op: 'DimShuffle', argument: `newOrder[${i}]`, expected: 'each input dimension at most once', given: `${e} repeated` });
      seen.add(e);
    });
    super({ inputNdim, newOrder: [...newOrder] });
  }

  get newOrder(): readonly ShuffleEntry[] {
    return this.props.newOrder;
  }

  /** The input dimensions that are dropped. */
  get drop(): number[] {
    return [...Array(this.props.inputNdim).keys()].filter((d) => !this.newOrder.includes(d));
  }

  /** Whether this only transposes / adds / drops nothing (identity pattern). */
  get isIdentity(): boolean {
    return this.newOrder.length === this.props.inputNdim && this.newOrder.every((e, i) => e === i);
  }

  override get name(): string {
    return this.isTranspose ? 'Transpose' : `DimShuffle{(${this.newOrder.join(',')})}`;
  }

  private get isTranspose(): boolean {
    const n = this.props.inputNdim;
    return n >= 2 && this.newOrder.length === n && this.newOrder.every((e, i) => e === n - 1 - i);
  }

  override toString(): string {
    return this.name;
  }

  override get viewMap(): Readonly<Record<number, readonly number[]>> {
    return { 0: [0] };
  }

  makeNode(x: Variable): Apply {
    if (!(x instanceof TensorVariable)) {
      throw new TypeMismatchError({ op: this.name, argument: 0, expected: 'a tensor', given: `${x} of type ${x.type}` });
    }
    if (x.ndim !== this.props.inputNdim) {
      throw new TypeMismatchError({ op: this.name, argument: 0, expected: `a tensor with ${this.props.inputNdim} dimensions`, given: `${x.ndim} dimensions (${x.type})` });
    }
    for (const d of this.drop) {
      if (x.type.shape[d] !== 1) {
        throw new ShapeError({ op: this.name, argument: 0, expected: `dimension ${d} known to have length 1 (only those can be dropped)`, given: `${x.type}` });
      }
    }
    const shape = this.newOrder.map((e) => (e === 'x' ? 1 : x.type.shape[e]!));
    return new Apply(this, [x], [new TensorType(x.dtype, shape).makeVariable()]);
  }

  override perform(node: Apply, [x]: readonly unknown[], out: StorageCell[]): void {
    const a = x as NDArray;
    for (const d of this.drop) {
      if (a.shape[d] !== 1) throw new ShapeError({ op: this.name, argument: 0, expected: `length 1 in dimension ${d}`, given: `shape (${a.shape.join(', ')})` });
    }
    const shape = this.newOrder.map((e) => (e === 'x' ? 1 : a.shape[e]!));
    const strides = this.newOrder.map((e) => (e === 'x' ? 0 : a.strides[e]!));
    const raw = rawView(a);
    out[0]![0] = fromRaw(a.dtype, raw.data, shape, strides, a.offset);
  }

  override inferShape(_fg: FunctionGraph | undefined, _node: Apply, [shape]: readonly ShapeTuple[]): ShapeTuple[] {
    return [this.newOrder.map((e) => (e === 'x' ? 1 : shape![e]!))];
  }

  override Lop(inputs: readonly Variable[], _outputs: readonly Variable[], [gz]: readonly Variable[]): Variable[] {
    const x = inputs[0] as TensorVariable;
    // Undo the shuffle: drop the added dimensions, put the kept ones back, re-add the dropped ones.
    const kept = this.newOrder.map((e, i) => [e, i] as const).filter(([e]) => e !== 'x');
    const back: ShuffleEntry[] = [];
    for (let d = 0; d < x.ndim; d++) {
      const k = kept.findIndex(([e]) => e === d);
      back.push(k < 0 ? 'x' : k);
    }
    let g = gz as TensorVariable;
    const added = this.newOrder.map((e, i) => (e === 'x' ? i : -1)).filter((i) => i >= 0);
    if (added.length > 0) {
      const keep = this.newOrder.map((_, i) => i).filter((i) => !added.includes(i));
      g = dimshuffle(g, keep);
    }
    return [dimshuffle(g, back)];
  }

  override grad(inputs: readonly Variable[], outputGrads: readonly Variable[]): Variable[] {
    return this.Lop(inputs, [], outputGrads);
  }

  override Rop(_inputs: readonly Variable[], [ev]: readonly (Variable | null)[]): (Variable | null)[] {
    return [ev === null ? null : this.call(ev)];
  }
}

/**
 * Reorders, adds ('x') and drops dimensions of `x` (x.dimshuffle(...)).
 *
 * @example
 * dimshuffle(x, [1, 'x', 0]);
 */
export function dimshuffle(x: TensorLike, pattern: readonly ShuffleEntry[]): TensorVariable {
  const t = asTensorVariable(x);
  const op = new DimShuffle(t.ndim, pattern);
  return op.isIdentity ? t : (op.call(t) as TensorVariable);
}
