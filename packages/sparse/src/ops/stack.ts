/**
 * Joining sparse matrices: HStack / VStack (SciPy's hstack, vstack) and
 * SparseBlockDiagonal (block_diag). Inputs are converted to the output format
 * and dtype (O(nnz) each), then joined by one kernel.
 */
import { checkOptions, optionKeys, Apply, ArgumentError, Op, ShapeError, gradNotImplemented, type FunctionGraph, type ShapeTuple, type StorageCell, type Variable } from '@proj/graph';
import { add, checkDtype, isDiscrete, split, stack, upcast, type Dtype, type TensorVariable } from '@proj/tensor';
import { makeCompressed, type CompressedMatrix, type SparseFormat } from '../values/compressed';
import { newRaw } from '../values/storage';
import { SparseVariable } from '../type/sparse-variable';
import { SparseFromDense, denseFromSparse, sparseArg, sparseOut, tensorArg } from './convert';
import { csmShape } from './csm';
import { joinMajor, joinMinor } from './stack-kernel';

type StackProps = { format: SparseFormat; dtype: Dtype | null };

function checkFormat(op: string, format: unknown): SparseFormat {
  if (format !== 'csr' && format !== 'csc') throw new ArgumentError({ op, argument: 'format', expected: "'csr' or 'csc'", given: JSON.stringify(format) });
  return format;
}

function converted(m: CompressedMatrix, format: SparseFormat, dtype: Dtype): CompressedMatrix {
  const f = format === 'csr' ? m.tocsr() : m.tocsc();
  return f.dtype === dtype ? f : f.astype(dtype);
}

/** Shared body of HStack (axis 1) and VStack (axis 0). */
abstract class StackBase extends Op<StackProps> {
  protected abstract readonly axis: 0 | 1;

  constructor(format: SparseFormat = 'csc', dtype: Dtype | null = null) {
    super({ format: checkFormat(new.target.name, format), dtype: dtype === null ? null : checkDtype(dtype, new.target.name) });
  }

  makeNode(...blocks: Variable[]): Apply {
    const op = this.toString();
    if (blocks.length === 0) throw new ArgumentError({ op, argument: 'blocks', expected: 'at least one sparse matrix', given: 'none' });
    const xs = blocks.map((b, i) => sparseArg(op, b, i));
    const keep = 1 - this.axis;
    const known = xs.map((x) => x.type.shape[keep]).filter((s): s is number => s !== null);
    if (known.some((s) => s !== known[0])) {
      throw new ShapeError({ op, argument: 'blocks', expected: `blocks with one number of ${keep === 0 ? 'rows' : 'columns'}`, given: xs.map((x) => `(${x.type.shape.map((s) => s ?? '?').join(', ')})`).join(', ') });
    }
    const dtype = this.props.dtype ?? upcast(xs[0]!.dtype, ...xs.slice(1).map((x) => x.dtype));
    const lens = xs.map((x) => x.type.shape[this.axis]);
    const joined = lens.every((s) => s !== null) ? (lens as number[]).reduce((a, b) => a + b, 0) : null;
    const shape: (number | null)[] = [null, null];
    shape[this.axis] = joined;
    shape[keep] = known[0] ?? null;
    return new Apply(this, xs, [sparseOut(this.props.format, dtype, shape)]);
  }

  override perform(node: Apply, inputs: readonly unknown[], [out]: StorageCell[]): void {
    const { format } = this.props;
    const dtype = (node.outputs[0] as SparseVariable).dtype;
    const ms = (inputs as CompressedMatrix[]).map((m) => converted(m, format, dtype));
    const keep = 1 - this.axis;
    ms.forEach((m, i) => {
      if (m.shape[keep] !== ms[0]!.shape[keep]) {
        throw new ShapeError({ op: this.toString(), argument: i, expected: `a block with ${ms[0]!.shape[keep]} ${keep === 0 ? 'rows' : 'columns'}`, given: `shape (${m.shape.join(', ')})` });
      }
    });
    const shape: [number, number] = [0, 0];
    shape[keep] = ms[0]!.shape[keep];
    shape[this.axis] = ms.reduce((a, m) => a + m.shape[this.axis], 0);
    const nnz = ms.reduce((a, m) => a + m.nnz, 0);
    const data = newRaw(dtype, nnz);
    const width = ms[0]!.width;
    // Stacking along the major axis of the format (rows of CSR, columns of CSC) is a plain concatenation.
    const alongMajor = (format === 'csr') === (this.axis === 0);
    const c = alongMajor
      ? joinMajor(ms, ms.map((m) => m.majorDim), ms.map(() => 0), width, data)
      : joinMinor(ms, ms[0]!.majorDim, offsets(ms.map((m) => m.minorDim)), width, data);
    out![0] = makeCompressed(format, c, shape, dtype);
  }

  override inferShape(_f: FunctionGraph | undefined, _node: Apply, shapes: readonly ShapeTuple[]): ShapeTuple[] {
    const keep = 1 - this.axis;
    const sizes = shapes.map((s) => s[this.axis]!);
    const total = sizes.every((s) => typeof s === 'number') ? (sizes as number[]).reduce((a, b) => a + b, 0) : add(...(sizes as never[]));
    const out: (Variable | number)[] = [0, 0];
    out[this.axis] = total;
    out[keep] = shapes[0]![keep]!;
    return [out];
  }

  override grad(inputs: readonly Variable[], [gz]: readonly Variable[]): Variable[] {
    const g = gz instanceof SparseVariable ? denseFromSparse(gz) : (gz as TensorVariable);
    const sizes = stack(inputs.map((x) => csmShape(x).get(this.axis)));
    const pieces = split(g, sizes, { axis: this.axis, nSplits: inputs.length });
    return inputs.map((x, i) => {
      const s = x as SparseVariable;
      if (isDiscrete(s.dtype)) return gradNotImplemented(this, i, s, 'integer input');
      return new SparseFromDense(s.format).call(pieces[i]!);
    });
  }
}

function offsets(sizes: readonly number[]): number[] {
  const out: number[] = [];
  let acc = 0;
  for (const s of sizes) {
    out.push(acc);
    acc += s;
  }
  return out;
}

/**
 * Sparse matrices side by side (SciPy's hstack); output format `format`
 * (default 'csc') and dtype (default: the inputs' upcast). Regular gradient.
 *
 * @example
 * new HStack('csr').call(a, b);
 */
export class HStack extends StackBase {
  protected readonly axis = 1;
}

/**
 * Sparse matrices one under the other (SciPy's vstack). Regular gradient.
 *
 * @example
 * new VStack('csr').call(a, b);
 */
export class VStack extends StackBase {
  protected readonly axis = 0;
}

export interface StackOptions {
  /** The output format (default 'csc'). */
  readonly format?: SparseFormat;
  /** The output dtype (default: the blocks' upcast). */
  readonly dtype?: Dtype;
}

const STACK_KEYS = optionKeys<StackOptions>({ format: true, dtype: true });

/**
 * Sparse matrices side by side (PyTensor's hstack).
 *
 * @example
 * sp.hstack([a, b], { format: 'csr' });
 */
export function hstack(blocks: readonly unknown[], options: StackOptions = {}): SparseVariable {
  checkOptions('sp.hstack', options, STACK_KEYS);
  return new HStack(options.format ?? 'csc', options.dtype ?? null).call(...blocks.map((b, i) => sparseArg('hstack', b, i))) as SparseVariable;
}

/**
 * Sparse matrices one under the other (PyTensor's vstack).
 *
 * @example
 * sp.vstack([a, b], { format: 'csr' });
 */
export function vstack(blocks: readonly unknown[], options: StackOptions = {}): SparseVariable {
  checkOptions('sp.vstack', options, STACK_KEYS);
  return new VStack(options.format ?? 'csc', options.dtype ?? null).call(...blocks.map((b, i) => sparseArg('vstack', b, i))) as SparseVariable;
}

/**
 * The block diagonal matrix of sparse matrices, in `format` (PyTensor's SparseBlockDiagonal).
 *
 * @example
 * new SparseBlockDiagonal(2, 'csr').call(a, b);
 */
export class SparseBlockDiagonal extends Op<{ nInputs: number; format: SparseFormat }> {
  constructor(nInputs: number, format: SparseFormat = 'csc') {
    if (!Number.isInteger(nInputs) || nInputs < 1) throw new ArgumentError({ op: 'SparseBlockDiagonal', argument: 'nInputs', expected: 'a positive integer', given: String(nInputs) });
    super({ nInputs, format: checkFormat('SparseBlockDiagonal', format) });
  }

  makeNode(...matrices: Variable[]): Apply {
    const op = this.toString();
    if (matrices.length !== this.props.nInputs) throw new ArgumentError({ op, argument: 'matrices', expected: `${this.props.nInputs} matrices`, given: String(matrices.length) });
    const xs = matrices.map((m, i) => sparseArg(op, m, i));
    const dtype = upcast(xs[0]!.dtype, ...xs.slice(1).map((x) => x.dtype));
    const sum = (d: 0 | 1) => (xs.every((x) => x.type.shape[d] !== null) ? xs.reduce((a, x) => a + x.type.shape[d]!, 0) : null);
    return new Apply(this, xs, [sparseOut(this.props.format, dtype, [sum(0), sum(1)])]);
  }

  override perform(node: Apply, inputs: readonly unknown[], [out]: StorageCell[]): void {
    const { format } = this.props;
    const dtype = (node.outputs[0] as SparseVariable).dtype;
    const ms = (inputs as CompressedMatrix[]).map((m) => converted(m, format, dtype));
    const data = newRaw(dtype, ms.reduce((a, m) => a + m.nnz, 0));
    const c = joinMajor(ms, ms.map((m) => m.majorDim), offsets(ms.map((m) => m.minorDim)), ms[0]!.width, data);
    out![0] = makeCompressed(format, c, [ms.reduce((a, m) => a + m.shape[0], 0), ms.reduce((a, m) => a + m.shape[1], 0)], dtype);
  }

  override inferShape(_f: FunctionGraph | undefined, _node: Apply, shapes: readonly ShapeTuple[]): ShapeTuple[] {
    const total = (d: 0 | 1) => {
      const s = shapes.map((x) => x[d]!);
      return s.every((v) => typeof v === 'number') ? (s as number[]).reduce((a, b) => a + b, 0) : add(...(s as never[]));
    };
    return [[total(0), total(1)]];
  }

  override grad(inputs: readonly Variable[]): Variable[] {
    return inputs.map((x, i) => gradNotImplemented(this, i, x));
  }
}

/**
 * The block diagonal matrix of `matrices` (sparse, or dense matrices converted
 * to `format`), PyTensor's block_diag with sparse output.
 *
 * @example
 * sp.blockDiag([a, b], { format: 'csr' });
 */
export function blockDiag(matrices: readonly unknown[], options: { format?: SparseFormat } = {}): SparseVariable {
  checkOptions('sp.blockDiag', options, ['format']);
  const format = options.format ?? 'csc';
  const xs = matrices.map((m, i) => {
    try {
      return sparseArg('blockDiag', m, i);
    } catch {
      return new SparseFromDense(format).call(tensorArg('blockDiag', m, i, 2)) as SparseVariable;
    }
  });
  return new SparseBlockDiagonal(xs.length, format).call(...xs) as SparseVariable;
}
