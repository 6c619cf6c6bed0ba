/**
 * GetItem2d (PyTensor's get_item_2d): x[a:b:s, c:d:t] of a sparse matrix, a
 * sparse matrix of the same format. As in PyTensor's Subtensor, the props hold
 * the pattern of the two slices (a bound known when the graph is built is a
 * number there, a default bound null, a symbolic one 'sym' and the next scalar
 * input of the node). As in the reference, the gradient is not implemented.
 */
import { Apply, ArgumentError, Op, TypeMismatchError, gradNotImplemented, gradUndefined, type FunctionGraph, type ShapeTuple, type StorageCell, type Variable } from '@proj/graph';
import { Slice, TensorConstant, TensorVariable, canonicalSlice, intValues, parseSliceText, sliceLength, type SliceBound } from '@proj/tensor';
import { makeCompressed, type CompressedMatrix } from '../values/compressed';
import type { SparseVariable } from '../type/sparse-variable';
import { sparseArg, sparseOut } from './convert';
import { indexScalarArg, scalarValue, staticShape } from './get-item-args';
import { sliceCompressed, type AxisRange } from './get-item-kernel';

/** A bound in the props: a number, null (the default), or 'sym' (the next scalar input). */
export type GetItem2dBound = number | null | 'sym';

/** What getItem2d takes per axis: pt.slice(...) or a slice text such as '1:5' or '::-1'. */
export type SliceLike = Slice | string;

const NAMES = ['start', 'stop', 'step'] as const;

function boundText(b: GetItem2dBound, name: string): string {
  return b === null ? '' : b === 'sym' ? name : String(b);
}

/**
 * A sub-matrix by two slices, in x's format: x.get('1:4', '::-1'). Both
 * formats are handled on their own arrays: the slice of the compressed axis
 * (rows of CSR, columns of CSC) picks the index ranges to read, the other slice
 * filters those entries. Costs O(selected major slices + their entries): a
 * row slice of a CSC matrix reads every column (O(nnz + cols)) but is never a
 * conversion to CSR. Stored zeros and duplicates inside the window are kept.
 *
 * @example
 * new GetItem2d([1, 4, null, null, null, -1]).call(sp.csrMatrix('x')); // x[1:4, ::-1]
 */
export class GetItem2d extends Op<{ bounds: readonly GetItem2dBound[] }> {
  constructor(bounds: readonly GetItem2dBound[]) {
    const ok = bounds.length === 6 && bounds.every((b) => b === null || b === 'sym' || Number.isInteger(b));
    if (!ok) throw new ArgumentError({ op: 'GetItem2d', argument: 'bounds', expected: "6 bounds (start, stop, step of each axis): integers, null or 'sym'", given: JSON.stringify(bounds) });
    [2, 5].forEach((k) => {
      if (bounds[k] === 0) throw new ArgumentError({ op: 'GetItem2d', argument: `bounds[${k}]`, expected: 'a non-zero slice step', given: '0 (slice step cannot be zero)' });
    });
    super({ bounds: [...bounds] });
  }

  override toString(): string {
    const b = this.props.bounds;
    const one = (k: number) => `${boundText(b[k]!, 'start')}:${boundText(b[k + 1]!, 'stop')}${b[k + 2] === null ? '' : `:${boundText(b[k + 2]!, 'step')}`}`;
    return `GetItem2d{${one(0)}, ${one(3)}}`;
  }

  makeNode(x: Variable, ...bounds: Variable[]): Apply {
    const op = this.name;
    const s = sparseArg(op, x, 0);
    const want = this.props.bounds.filter((b) => b === 'sym').length;
    if (bounds.length !== want) throw new ArgumentError({ op, expected: `${want} symbolic slice bound(s) after x`, given: `${bounds.length}` });
    const syms = bounds.map((b, k) => indexScalarArg(op, b, k + 1));
    const shape = staticShape(s);
    const b = this.props.bounds;
    const outShape = [0, 1].map((axis) => {
      const [start, stop, step] = b.slice(3 * axis, 3 * axis + 3);
      const n = shape[axis];
      if (n === null || n === undefined || start === 'sym' || stop === 'sym' || step === 'sym') return null;
      return sliceLength(start ?? null, stop ?? null, step ?? null, n);
    });
    return new Apply(this, [s, ...syms], [sparseOut(s.format, s.dtype, outShape)]);
  }

  /** The bounds with their symbolic entries taken from `values` (node inputs 1...). */
  private resolve<T>(values: readonly T[]): (number | T | null)[] {
    let next = 0;
    return this.props.bounds.map((b) => (b === 'sym' ? values[next++]! : b));
  }

  override perform(_node: Apply, [x, ...syms]: readonly unknown[], [out]: StorageCell[]): void {
    const m = x as CompressedMatrix;
    const b = this.resolve(syms.map(scalarValue)) as (number | null)[];
    const ranges = [0, 1].map((axis): AxisRange => {
      const c = canonicalSlice(b[3 * axis] ?? null, b[3 * axis + 1] ?? null, b[3 * axis + 2] ?? null, m.shape[axis]!, this.name);
      return { start: c.start as number, step: c.step as number, length: c.length as number };
    });
    const [maj, min] = m.format === 'csr' ? [ranges[0]!, ranges[1]!] : [ranges[1]!, ranges[0]!];
    const c = sliceCompressed(m, maj, min, m.minorDim, m.width);
    out![0] = makeCompressed(m.format, c, [ranges[0]!.length, ranges[1]!.length], m.dtype);
  }

  override inferShape(_f: FunctionGraph | undefined, node: Apply, [xs]: readonly ShapeTuple[]): ShapeTuple[] {
    const b = this.resolve(node.inputs.slice(1) as TensorVariable[]);
    return [
      [0, 1].map((axis) => {
        const [start = null, stop = null, step = null] = b.slice(3 * axis, 3 * axis + 3);
        const n = xs![axis]! as number | TensorVariable;
        if (start === null && stop === null && step === null) return n;
        return canonicalSlice(start, stop, step, n, this.name).length;
      }),
    ];
  }

  override grad([x, ...bounds]: readonly Variable[]): Variable[] {
    return [gradNotImplemented(this, 0, x!), ...bounds.map((v, k) => gradUndefined(this, k + 1, v, 'a slice bound'))];
  }
}

/** A slice bound as a prop: numbers (and integer constants) fold, symbolic scalars are inputs. */
function splitBound(op: string, v: SliceBound, argument: string, syms: TensorVariable[]): GetItem2dBound {
  if (v === null || v === undefined) return null;
  const t = indexScalarArg(op, v, argument);
  if (t instanceof TensorConstant) return intValues(t.data)[0]!;
  syms.push(t);
  return 'sym';
}

/**
 * The GetItem2d node of x[s0, s1] (s1 defaults to ':'): slices as pt.slice(...)
 * or slice texts. Step 1 is the default step (null). A zero step is an ArgumentError.
 */
export function makeGetItem2d(op: string, x: SparseVariable, index: readonly SliceLike[]): SparseVariable {
  if (index.length < 1 || index.length > 2) {
    throw new ArgumentError({ op, argument: 'index', expected: '1 or 2 slices', given: `${index.length}` });
  }
  const syms: TensorVariable[] = [];
  const bounds: GetItem2dBound[] = [];
  [index[0]!, index[1] ?? ':'].forEach((s, axis) => {
    const argument = `index ${axis}`;
    if (typeof s === 'string') s = toSlice(parseSliceText(s, argument));
    if (!(s instanceof Slice)) {
      throw new TypeMismatchError({ op, argument, expected: "a slice (pt.slice(...) or a text such as '1:5')", given: String(s) });
    }
    const parts = [s.start, s.stop, s.step].map((v, k) => splitBound(op, v, `${argument}.${NAMES[k]}`, syms));
    if (parts[2] === 0) throw new ArgumentError({ op, argument: `${argument}.step`, expected: 'a non-zero slice step', given: '0 (slice step cannot be zero)' });
    if (parts[2] === 1) parts[2] = null;
    bounds.push(...parts);
  });
  return new GetItem2d(bounds).call(x, ...syms) as SparseVariable;
}

function toSlice(e: ReturnType<typeof parseSliceText>): Slice {
  if (e.kind !== 'slice') throw new ArgumentError({ op: 'GetItem2d', argument: 'index', expected: 'a slice', given: e.kind });
  return new Slice(e.start, e.stop, e.step);
}

/**
 * A sub-matrix of a sparse matrix by one or two slices (PyTensor's
 * get_item_2d), in x's format. Slices: pt.slice(start, stop, step) with
 * integers, integer scalars or null, or texts such as ':', '1:5', '::-1'.
 *
 * @example
 * sp.getItem2d(sp.csrMatrix('x'), ['1:4', pt.slice(null, null, -1)]); // x[1:4, ::-1]
 */
export function getItem2d(x: unknown, index: readonly SliceLike[]): SparseVariable {
  return makeGetItem2d('getItem2d', sparseArg('getItem2d', x, 0), index);
}
