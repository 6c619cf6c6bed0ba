/**
 * Eye (ones on one diagonal, zeros elsewhere) with eye and identityLike.
 */
import {
  Apply,
  ArgumentError,
  Op,
  ShapeError,
  TypeMismatchError,
  gradUndefined,
  type FunctionGraph,
  type ShapeTuple,
  type StorageCell,
  type Variable,
} from '@proj/graph';
import { checkDtype, dtypeWidth, isBigInt, isInteger, type Dtype } from '../dtype/dtypes';
import { TensorType } from '../type/tensor-type';
import { allocRaw, fromRaw, type NDArray } from '../value/ndarray';
import { TensorVariable } from '../variable/tensor-variable';
import { constantScalarInt, int64Scalar, intValues } from '../shape/make-vector';
import { shapeTuple } from '../shape/shape';
import { asTensorVariable, type TensorLike } from './as-tensor';

/**
 * An (n, m) array with ones on diagonal k (0 the main one, > 0 above, < 0
 * below) and zeros elsewhere; inputs n, m, k are integer scalars.
 *
 * @example
 * new Eye('float64').call(n, m, k);
 */
export class Eye extends Op<{ dtype: Dtype }> {
  constructor(dtype: Dtype) {
    super({ dtype });
  }

  get dtype(): Dtype {
    return this.props.dtype;
  }

  makeNode(n: Variable, m: Variable, k: Variable): Apply {
    [n, m, k].forEach((v, i) => {
      if (!(v instanceof TensorVariable) || v.ndim !== 0 || !isInteger(v.dtype)) {
        throw new TypeMismatchError({ op: this.toString(), argument: i, expected: 'an integer scalar', given: `${v} of type ${v?.type}` });
      }
    });
    const shape = [n, m].map((v, i) => {
      const c = constantScalarInt(v);
      if (c !== undefined && c < 0) throw new ShapeError({ op: this.toString(), argument: i, expected: 'a non-negative length', given: `${c} (negative dimensions are not allowed)` });
      return c ?? null;
    });
    return new Apply(this, [n, m, k], [new TensorType(this.dtype, shape).makeVariable()]);
  }

  override perform(_node: Apply, inputs: readonly unknown[], out: StorageCell[]): void {
    const [n, m, k] = inputs.map((v) => intValues(v as NDArray)[0]!) as [number, number, number];
    [n, m].forEach((s, i) => {
      if (s < 0) throw new ShapeError({ op: this.toString(), argument: i, expected: 'a non-negative length', given: `${s} (negative dimensions are not allowed)` });
    });
    const w = dtypeWidth(this.dtype);
    const raw = allocRaw(this.toString(), this.dtype, [n, m]);
    const one = isBigInt(this.dtype) ? 1n : 1;
    // Row i holds its one at column i + k when that column exists.
    for (let i = Math.max(0, -k); i < n && i + k < m; i++) (raw as unknown as (number | bigint)[])[(i * m + i + k) * w] = one;
    out[0]![0] = fromRaw(this.dtype, raw, [n, m]);
  }

  override inferShape(_fg: FunctionGraph | undefined, node: Apply): ShapeTuple[] {
    const [n, m] = node.inputs;
    return [[constantScalarInt(n!) ?? n!, constantScalarInt(m!) ?? m!]];
  }

  override grad(inputs: readonly Variable[]): Variable[] {
    return inputs.map((x, i) => gradUndefined(this, i, x, 'Eye depends on its inputs only through integer lengths.'));
  }
}

/** Options of eye. */
export interface EyeOptions {
  /** Number of columns (default n). */
  m?: number | TensorVariable | null;
  /** The diagonal: 0 the main one, > 0 above, < 0 below. */
  k?: number | TensorVariable;
  /** Default config.floatX. */
  dtype?: Dtype | 'floatX';
}

function lengthArg(name: string, v: unknown): TensorVariable {
  if (typeof v === 'number') {
    if (!Number.isInteger(v)) throw new ArgumentError({ op: 'pt.eye', argument: name, expected: 'an integer', given: String(v) });
    return int64Scalar(v);
  }
  if (v instanceof TensorVariable && v.ndim === 0 && isInteger(v.dtype)) return v;
  throw new TypeMismatchError({ op: 'pt.eye', argument: name, expected: 'an integer or an integer scalar tensor', given: v instanceof TensorVariable ? `${v} of type ${v.type}` : String(v) });
}

/**
 * An (n, m) tensor with ones on diagonal k and zeros elsewhere (NumPy's eye).
 * Positional like PyTensor (n, m, k, dtype), or n and one options object.
 *
 * @example
 * eye(3, 4, 1, 'int32'); // eye(3, { m: 4, k: 1, dtype: 'int32' })
 */
export function eye(n: number | TensorVariable, m?: number | TensorVariable | null | EyeOptions, k?: number | TensorVariable, dtype?: Dtype | 'floatX'): TensorVariable {
  let opts: EyeOptions;
  if (m !== null && typeof m === 'object' && !(m instanceof TensorVariable)) opts = m;
  else opts = { m, k, dtype };
  const d = checkDtype(opts.dtype ?? 'floatX', 'pt.eye');
  const nv = lengthArg('n', n);
  const mv = opts.m === undefined || opts.m === null ? nv : lengthArg('m', opts.m);
  const kv = lengthArg('k', opts.k ?? 0);
  [nv, mv].forEach((v, i) => {
    const c = constantScalarInt(v);
    if (c !== undefined && c < 0) throw new ShapeError({ op: 'pt.eye', argument: i === 0 ? 'n' : 'm', expected: 'a non-negative length', given: `${c} (negative dimensions are not allowed)` });
  });
  return new Eye(d).call(nv, mv, kv) as TensorVariable;
}

/**
 * A tensor shaped like the matrix `x` with ones on the main diagonal and zeros
 * elsewhere, of `x`'s dtype unless `dtype` is given.
 *
 * @example
 * identityLike(pt.matrix('a')); // eye(a.shape[0], a.shape[1])
 */
export function identityLike(x: TensorLike, dtype?: Dtype | 'floatX'): TensorVariable {
  const t = asTensorVariable(x);
  if (t.ndim !== 2) throw new ArgumentError({ op: 'pt.identityLike', argument: 0, expected: 'a matrix (2 dimensions)', given: `${t} of type ${t.type}` });
  const [n, m] = shapeTuple(t) as [number | TensorVariable, number | TensorVariable];
  return eye(n, m, 0, dtype ?? t.dtype);
}
