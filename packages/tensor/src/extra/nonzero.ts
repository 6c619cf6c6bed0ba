/**
 * Nonzero (PyTensor's): the int64 indices of the non-zero elements, one vector
 * per dimension (NumPy's tuple) or one (ndim, count) matrix (`returnMatrix`),
 * and the user functions nonzero and flatnonzero. The output
 * length depends on the values, so there is no inferShape.
 */
import { checkOptions, Apply, ArgumentError, Op, gradUndefined, type StorageCell, type Variable } from '@proj/graph';
import { asTensorVariable, type TensorLike } from '../basic/as-tensor';
import { flatten } from '../shape/reshape';
import { TensorType } from '../type/tensor-type';
import { fromRaw, rawView, type NDArray } from '../value/ndarray';
import type { TensorVariable } from '../variable/tensor-variable';
import { checkTensor, offsetTable } from './strided';

/**
 * The row-major positions (flat indices into the C-order flattening) of the
 * non-zero elements of `a` (NaN counts as non-zero; complex when re or im is).
 *
 * @example
 * nonzeroFlat(a); // Int32Array of positions
 */
export function nonzeroFlat(a: NDArray): Int32Array {
  const v = rawView(a);
  const offs = offsetTable(a.shape, v.strides);
  const data = v.data as unknown as ArrayLike<number | bigint>;
  const hits = new Int32Array(offs.length);
  let count = 0;
  if (v.width === 2) {
    for (let k = 0; k < offs.length; k++) {
      const o = v.offset + offs[k]!;
      if (data[o] !== 0 || data[o + 1] !== 0) hits[count++] = k;
    }
  } else {
    const zero = typeof data[v.offset] === 'bigint' ? 0n : 0;
    for (let k = 0; k < offs.length; k++) if (data[v.offset + offs[k]!] !== zero) hits[count++] = k;
  }
  return hits.subarray(0, count);
}

/**
 * The indices of the non-zero elements of a tensor of at least one dimension:
 * ndim int64 vectors (one per dimension), or with `returnMatrix` one int64
 * matrix of shape (ndim, count).
 *
 * @example
 * new Nonzero(false).callAll(x); // [rows, cols] for a matrix x
 */
export class Nonzero extends Op<{ returnMatrix: boolean }> {
  constructor(returnMatrix = false) {
    super({ returnMatrix });
  }

  override get name(): string {
    return this.props.returnMatrix ? 'Nonzero{matrix}' : 'Nonzero';
  }

  override toString(): string {
    return this.name;
  }

  makeNode(x: Variable): Apply {
    const t = checkTensor(this.name, 0, x);
    if (t.ndim === 0) throw new ArgumentError({ op: this.name, argument: 0, expected: 'a tensor with at least 1 dimension (use flatnonzero for a 0-d one)', given: `${t} of type ${t.type}` });
    const outs = this.props.returnMatrix ? [new TensorType('int64', [t.ndim, null]).makeVariable()] : t.type.shape.map(() => new TensorType('int64', [null]).makeVariable());
    return new Apply(this, [t], outs);
  }

  override perform(_node: Apply, [x]: readonly unknown[], out: StorageCell[]): void {
    const a = x as NDArray;
    const hits = nonzeroFlat(a);
    const nd = a.shape.length;
    const count = hits.length;
    const raw = new BigInt64Array(nd * count);
    // Unravel each flat position into its indices, last dimension fastest.
    for (let j = 0; j < count; j++) {
      let p = hits[j]!;
      for (let d = nd - 1; d >= 0; d--) {
        const len = a.shape[d]!;
        raw[d * count + j] = BigInt(p % len);
        p = Math.floor(p / len);
      }
    }
    if (this.props.returnMatrix) out[0]![0] = fromRaw('int64', raw, [nd, count]);
    else for (let d = 0; d < nd; d++) out[d]![0] = fromRaw('int64', raw.subarray(d * count, (d + 1) * count), [count]);
  }

  override grad(inputs: readonly Variable[], _outputGrads?: readonly Variable[]): Variable[] {
    return [gradUndefined(this, 0, inputs[0]!, 'The indices of non-zero elements are piecewise constant.')];
  }
}

/**
 * The indices of the non-zero elements of `x` (at least 1-d): one int64 vector
 * per dimension (NumPy's nonzero), or with `returnMatrix` one (ndim, count)
 * int64 matrix (PyTensor's return_matrix).
 *
 * @example
 * const [rows, cols] = pt.nonzero(m);
 */
export function nonzero(x: TensorLike, options?: { returnMatrix?: false }): TensorVariable[];
export function nonzero(x: TensorLike, options: { returnMatrix: true }): TensorVariable;
export function nonzero(x: TensorLike, options: { returnMatrix?: boolean } = {}): TensorVariable[] | TensorVariable {
  checkOptions('pt.nonzero', options, ['returnMatrix']);
  const t = asTensorVariable(x);
  if (t.ndim === 0) throw new ArgumentError({ op: 'pt.nonzero', argument: 0, expected: 'a tensor with at least 1 dimension (use flatnonzero for a 0-d one)', given: `${t} of type ${t.type}` });
  const outs = new Nonzero(options.returnMatrix ?? false).callAll(t) as TensorVariable[];
  return options.returnMatrix ? outs[0]! : outs;
}

/**
 * The int64 indices of the non-zero elements of the flattened `x` (NumPy's flatnonzero).
 *
 * @example
 * pt.flatnonzero([[0, 3], [4, 0]]); // [1, 2]
 */
export function flatnonzero(x: TensorLike): TensorVariable {
  const t = asTensorVariable(x);
  return (new Nonzero(false).callAll(flatten(t)) as TensorVariable[])[0]!;
}
