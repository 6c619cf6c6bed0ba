import { ArgumentError, ShapeError, Type, TypeMismatchError, type FilterOptions, type Variable } from '@proj/graph';
import { canCastSafely, checkDtype, type Dtype } from '@proj/tensor';
import { CompressedMatrix, type SparseFormat } from '../values/compressed';
import { csrMatrix, cscMatrix } from '../values/construct';
import { SparseConstant, SparseVariable } from './sparse-variable';

/** A static sparse shape: rows and columns, null where unknown. */
export type SparseStaticShape = readonly [number | null, number | null];

function shapeText(shape: readonly (number | null)[]): string {
  return `(${shape.map((s) => s ?? '?').join(', ')})`;
}

/**
 * The Type of sparse matrices (PyTensor's SparseType): a format ('csr' or
 * 'csc'), a dtype and a static shape. Values are CSRMatrix / CSCMatrix; filter
 * checks their structure, so a malformed matrix is refused at the door of a graph.
 *
 * @example
 * const t = new SparseType('csr', 'float64');
 * const x = t.makeVariable('x');
 */
export class SparseType extends Type<CompressedMatrix> {
  readonly format: SparseFormat;
  readonly dtype: Dtype;
  readonly shape: SparseStaticShape;

  constructor(format: SparseFormat, dtype: Dtype | 'floatX', shape: SparseStaticShape = [null, null]) {
    super();
    if (format !== 'csr' && format !== 'csc') {
      throw new ArgumentError({ op: 'SparseType', argument: 'format', expected: "'csr' or 'csc'", given: JSON.stringify(format) });
    }
    this.format = format;
    this.dtype = checkDtype(dtype, 'SparseType');
    this.shape = [shape[0] ?? null, shape[1] ?? null];
  }

  get ndim(): 2 {
    return 2;
  }

  hash(): string {
    return `SparseType(${this.format},${this.dtype},${this.shape.map((s) => s ?? '?').join(',')})`;
  }

  toString(): string {
    return `SparseType(${this.format}, ${this.dtype}, shape=${shapeText(this.shape)})`;
  }

  /** A SparseType like this one with some parts changed. */
  clone(options: { format?: SparseFormat; dtype?: Dtype; shape?: SparseStaticShape } = {}): SparseType {
    return new SparseType(options.format ?? this.format, options.dtype ?? this.dtype, options.shape ?? this.shape);
  }

  /**
   * A matrix of this format and dtype: sparse matrices of the other format are
   * converted and dtypes cast safely (unless `strict`); a lossy dtype change needs
   * `allowDowncast`. The structure is checked (malformed indptr or indices are
   * a SparseFormatError naming the problem).
   */
  filter(value: unknown, options: FilterOptions = {}): CompressedMatrix {
    const op = `${this}.filter`;
    if (!(value instanceof CompressedMatrix)) {
      if (options.strict) throw new TypeMismatchError({ op, argument: 'value', expected: `a ${this.format.toUpperCase()}Matrix`, given: this.describeValue(value) });
      // Dense values (nested arrays, ndarrays) are converted, as scipy's constructors do.
      value = this.format === 'csr' ? csrMatrix(value as never, { dtype: this.dtype }) : cscMatrix(value as never, { dtype: this.dtype });
    }
    let m = value as CompressedMatrix;
    if (m.format !== this.format || m.dtype !== this.dtype) {
      if (options.strict) {
        throw new TypeMismatchError({ op, argument: 'value', expected: `a ${this.format} matrix of dtype ${this.dtype} (strict)`, given: this.describeValue(m) });
      }
      if (m.dtype !== this.dtype && !options.allowDowncast && !canCastSafely(m.dtype, this.dtype)) {
        throw new TypeMismatchError({ op, argument: 'value', expected: `a matrix whose dtype casts safely to ${this.dtype} (or allowDowncast)`, given: this.describeValue(m) });
      }
      if (m.dtype !== this.dtype) m = m.astype(this.dtype);
      if (m.format !== this.format) m = this.format === 'csr' ? m.tocsr() : m.tocsc();
    }
    m.check();
    this.shape.forEach((s, i) => {
      if (s !== null && m.shape[i] !== s) {
        throw new ShapeError({ op, argument: 'value', expected: `shape ${shapeText(this.shape)}`, given: `shape ${shapeText(m.shape)}` });
      }
    });
    return m;
  }

  override isSuperType(other: Type): boolean {
    if (!(other instanceof SparseType) || other.format !== this.format || other.dtype !== this.dtype) return false;
    return this.shape.every((s, i) => s === null || s === other.shape[i]);
  }

  override convertVariable(v: Variable): Variable | undefined {
    return this.isSuperType(v.type) ? v : undefined;
  }

  override makeVariable(name?: string): SparseVariable {
    return new SparseVariable(this, null, null, name);
  }

  override makeConstant(value: unknown, name?: string): SparseConstant {
    return new SparseConstant(this, this.filter(value), name);
  }

  override valueSignature(value: CompressedMatrix): string {
    const c = value.copy().sumDuplicates().eliminateZeros();
    const data = Array.from(c.data as ArrayLike<number | bigint>, String).join(',');
    return `${c.format}${shapeText(c.shape)}|${c.dtype}|${Array.from(c.indptr).join(',')}|${Array.from(c.indices).join(',')}|${data}`;
  }

  override copyValue(value: CompressedMatrix): CompressedMatrix {
    return value.copy();
  }

  override valueToString(value: CompressedMatrix): string {
    return `${value.format.toUpperCase()}Matrix(${value.shape[0]}x${value.shape[1]}, nnz=${value.nnz}, ${value.dtype})`;
  }

  override describeValue(value: unknown): string {
    if (value instanceof CompressedMatrix) return `${value.format} matrix (dtype=${value.dtype}, shape=${shapeText(value.shape)}, nnz=${value.nnz})`;
    return super.describeValue(value);
  }
}
