/**
 * Sparse arithmetic (pytensor.sparse.basic): AddSS, AddSD, AddSSData, MulSS,
 * MulSD, MulSV, StructuredAddSV and the user functions add, sub, mul. Results
 * follow SciPy: sparse + sparse and sparse * anything are sparse, sparse +
 * dense is dense; the dtype is the upcast of the inputs' dtypes.
 */
import { Apply, DtypeError, Op, ShapeError, TypeMismatchError, type ShapeTuple, type StorageCell, type Variable } from '@proj/graph';
import * as pt from '@proj/tensor';
import { TensorType, TensorVariable, upcast, type Dtype, type NDArray } from '@proj/tensor';
import type { CompressedMatrix } from '../values/compressed';
import { SparseType } from '../type/sparse-type';
import { SparseVariable } from '../type/sparse-variable';
import { asSparseOrTensorVariable } from '../type/as-sparse';
import { DenseFromSparse } from './convert';
import { neg, spOnesLike } from './structure';
import { addSameStructure, denseBinop, denseReader, mapStored, rowCol, sparseBinop } from './arith-kernel';
import { addDenseWide, addSameStructureWide, mapStoredWide, sparseBinopWide, wideFamily } from './arith-kernel-wide';

/** A shape as SciPy prints it, '?' where unknown. */
export function shapeText(shape: readonly (number | null)[]): string {
  return `(${shape.map((s) => s ?? '?').join(', ')})`;
}

/**
 * Refuses the dtypes a kernel does not handle: with `wide`, none (the add/mul
 * kernels handle complex and exact 64-bit integers too); otherwise complex and
 * 64-bit integers (the comparison and scaling kernels read JS numbers).
 */
export function checkArithDtype(op: string, argument: number, dtype: Dtype, wide = false): void {
  if (!wide && (dtype.startsWith('complex') || dtype === 'int64' || dtype === 'uint64')) {
    throw new DtypeError({ op, argument, expected: 'a bool, integer (up to 32 bits) or float dtype', given: dtype });
  }
}

export function asSparseInput(op: string, argument: number, x: unknown, wide = false): SparseVariable {
  const v = asSparseOrTensorVariable(x);
  if (!(v instanceof SparseVariable)) throw new TypeMismatchError({ op, argument, expected: 'a sparse matrix', given: `${v} of type ${v.type}` });
  checkArithDtype(op, argument, v.dtype, wide);
  return v;
}

export function asDenseInput(op: string, argument: number, y: unknown, ndims: readonly number[], wide = false): TensorVariable {
  const v = asSparseOrTensorVariable(y);
  if (!(v instanceof TensorVariable) || !ndims.includes(v.type.ndim)) {
    throw new TypeMismatchError({ op, argument, expected: `a dense tensor of ndim ${ndims.join(' or ')}`, given: `${v} of type ${v.type}` });
  }
  checkArithDtype(op, argument, v.type.dtype, wide);
  return v;
}

/** Static check: both shapes fully compared where known (the run-time check is `checkShapesNow`). */
export function checkStaticShapes(op: string, a: readonly (number | null)[], b: readonly (number | null)[]): void {
  if (a.length !== b.length || a.some((s, i) => s !== null && b[i] !== null && s !== b[i])) {
    throw new ShapeError({ op, argument: 1, expected: `a shape equal to input 0's ${shapeText(a)}`, given: shapeText(b) });
  }
}

/** Run-time shape check. */
export function checkShapesNow(op: string, a: readonly number[], b: readonly number[]): void {
  if (a.length !== b.length || a.some((s, i) => s !== b[i])) {
    throw new ShapeError({ op, argument: 1, expected: `a shape equal to input 0's ${shapeText(a)}`, given: shapeText(b) });
  }
}

function mergeShape(a: readonly (number | null)[], b: readonly (number | null)[]): [number | null, number | null] {
  return [a[0] ?? b[0] ?? null, a[1] ?? b[1] ?? null];
}

/** The vector length check of the SV ops: a vector with one value per column. */
function checkColumnVector(op: string, x: readonly (number | null)[], y: readonly (number | null)[]): void {
  if (x[1] !== null && y[0] !== null && x[1] !== y[0]) {
    throw new ShapeError({ op, argument: 1, expected: `a vector of length ${x[1]} (the columns of input 0, shape ${shapeText(x)})`, given: `shape ${shapeText(y)}` });
  }
}

function sparseOut(x: SparseVariable, dtype: Dtype, shape: readonly [number | null, number | null]): SparseVariable {
  return new SparseType(x.format, dtype, shape).makeVariable();
}

abstract class SparseBinary extends Op {
  override inferShape(_f: unknown, _node: Apply, shapes: readonly ShapeTuple[]): ShapeTuple[] {
    return [shapes[0]!];
  }
}

/** Sparse + sparse -> sparse (SciPy's A + B; no zero results stored). Regular gradient. */
export class AddSS extends SparseBinary {
  makeNode(a: Variable, b: Variable): Apply {
    const x = asSparseInput('AddSS', 0, a, true), y = asSparseInput('AddSS', 1, b, true);
    checkStaticShapes('AddSS', x.type.shape, y.type.shape);
    return new Apply(this, [x, y], [sparseOut(x, upcast(x.dtype, y.dtype), mergeShape(x.type.shape, y.type.shape))]);
  }
  override perform(node: Apply, [x, y]: readonly unknown[], [out]: StorageCell[]): void {
    const a = x as CompressedMatrix, b = y as CompressedMatrix;
    checkShapesNow('AddSS', a.shape, b.shape);
    const dtype = (node.outputs[0] as SparseVariable).dtype;
    out![0] = wideFamily(dtype) ? sparseBinopWide(a, b, 'add', dtype) : sparseBinop(a, b, (u, v) => u + v, dtype);
  }
  override Rop(_inputs: readonly Variable[], [ex, ey]: readonly (Variable | null)[]): (Variable | null)[] {
    return [sumOf(ex ?? null, ey ?? null)];
  }
  override grad(_inputs: readonly Variable[], [gz]: readonly Variable[]): Variable[] {
    return [gz!, gz!];
  }
}

/** Sparse + dense -> dense (SciPy's A + D). The sparse input's gradient is gz on its stored pattern. */
export class AddSD extends SparseBinary {
  makeNode(a: Variable, b: Variable): Apply {
    const x = asSparseInput('AddSD', 0, a, true), y = asDenseInput('AddSD', 1, b, [2], true);
    checkStaticShapes('AddSD', x.type.shape, y.type.shape);
    return new Apply(this, [x, y], [new TensorType(upcast(x.dtype, y.type.dtype), mergeShape(x.type.shape, y.type.shape)).makeVariable()]);
  }
  override perform(node: Apply, [x, y]: readonly unknown[], [out]: StorageCell[]): void {
    const a = x as CompressedMatrix, d = y as NDArray;
    checkShapesNow('AddSD', a.shape, d.shape);
    const dtype = (node.outputs[0] as TensorVariable).type.dtype;
    out![0] = wideFamily(dtype) ? addDenseWide(a, d, dtype) : denseBinop(a, denseReader(d), (u, v) => u + v, dtype);
  }
  override Rop(_inputs: readonly Variable[], [ex, ey]: readonly (Variable | null)[]): (Variable | null)[] {
    return [sumOf(ex ?? null, ey ?? null)];
  }
  override grad([x]: readonly Variable[], [gz]: readonly Variable[]): Variable[] {
    return [new MulSD().call(spOnesLike(x!), gz!), gz!];
  }
}

/** x + y for two sparse matrices with the same pattern (same indptr and indices): data added. Structured gradient. */
export class AddSSData extends SparseBinary {
  makeNode(a: Variable, b: Variable): Apply {
    const x = asSparseInput('AddSSData', 0, a, true), y = asSparseInput('AddSSData', 1, b, true);
    if (x.format !== y.format) throw new TypeMismatchError({ op: 'AddSSData', argument: 1, expected: `a ${x.format} matrix (the format of input 0)`, given: `a ${y.format} matrix` });
    checkStaticShapes('AddSSData', x.type.shape, y.type.shape);
    return new Apply(this, [x, y], [sparseOut(x, upcast(x.dtype, y.dtype), mergeShape(x.type.shape, y.type.shape))]);
  }
  override perform(node: Apply, [x, y]: readonly unknown[], [out]: StorageCell[]): void {
    const a = x as CompressedMatrix, b = y as CompressedMatrix;
    checkShapesNow('AddSSData', a.shape, b.shape);
    const same = a.nnz === b.nnz && a.indptr.every((v, i) => v === b.indptr[i]) && a.indices.every((v, i) => v === b.indices[i]);
    if (!same) throw new ShapeError({ op: 'AddSSData', argument: 1, expected: `the sparsity pattern of input 0 (nnz=${a.nnz})`, given: `another pattern (nnz=${b.nnz})` });
    const dtype = (node.outputs[0] as SparseVariable).dtype;
    out![0] = wideFamily(dtype) ? addSameStructureWide(a, b, dtype) : addSameStructure(a, b, dtype);
  }
  override Rop(_inputs: readonly Variable[], [ex, ey]: readonly (Variable | null)[]): (Variable | null)[] {
    if (ex && ey) return [new AddSSData().call(ex, ey)];
    return [ex ?? ey ?? null];
  }
  override grad(_inputs: readonly Variable[], [gz]: readonly Variable[]): Variable[] {
    return [gz!, gz!];
  }
}

/** Sparse * sparse, elementwise -> sparse (SciPy's A.multiply(B)). Regular gradient. */
export class MulSS extends SparseBinary {
  makeNode(a: Variable, b: Variable): Apply {
    const x = asSparseInput('MulSS', 0, a, true), y = asSparseInput('MulSS', 1, b, true);
    checkStaticShapes('MulSS', x.type.shape, y.type.shape);
    return new Apply(this, [x, y], [sparseOut(x, upcast(x.dtype, y.dtype), mergeShape(x.type.shape, y.type.shape))]);
  }
  override perform(node: Apply, [x, y]: readonly unknown[], [out]: StorageCell[]): void {
    const a = x as CompressedMatrix, b = y as CompressedMatrix;
    checkShapesNow('MulSS', a.shape, b.shape);
    const dtype = (node.outputs[0] as SparseVariable).dtype;
    out![0] = wideFamily(dtype) ? sparseBinopWide(a, b, 'mul', dtype) : sparseBinop(a, b, (u, v) => u * v, dtype);
  }
  override Rop([x, y]: readonly Variable[], [ex, ey]: readonly (Variable | null)[]): (Variable | null)[] {
    return [sumOf(ex ? new MulSS().call(ex, y!) : null, ey ? new MulSS().call(x!, ey) : null)];
  }
  override grad([x, y]: readonly Variable[], [gz]: readonly Variable[]): Variable[] {
    return [new MulSS().call(gz!, y!), new MulSS().call(gz!, x!)];
  }
}

/**
 * Sparse * dense (a matrix or a scalar) -> sparse with the stored pattern of the
 * sparse input (SciPy's A.multiply(D)). Gradients: sparse for x, dense for y.
 */
export class MulSD extends SparseBinary {
  makeNode(a: Variable, b: Variable): Apply {
    const x = asSparseInput('MulSD', 0, a, true), y = asDenseInput('MulSD', 1, b, [0, 2], true);
    if (y.type.ndim === 2) checkStaticShapes('MulSD', x.type.shape, y.type.shape);
    const shape = y.type.ndim === 2 ? mergeShape(x.type.shape, y.type.shape) : x.type.shape;
    return new Apply(this, [x, y], [sparseOut(x, upcast(x.dtype, y.type.dtype), shape)]);
  }
  override perform(node: Apply, [x, y]: readonly unknown[], [out]: StorageCell[]): void {
    const a = x as CompressedMatrix, d = y as NDArray;
    if (d.shape.length === 2) checkShapesNow('MulSD', a.shape, d.shape);
    const dtype = (node.outputs[0] as SparseVariable).dtype;
    if (wideFamily(dtype)) {
      out![0] = mapStoredWide(a, d, 'mul', dtype);
      return;
    }
    const at = denseReader(d), rc = rowCol(a);
    out![0] = mapStored(a, (v, i, j) => { const [r, c] = rc(i, j); return v * at(r, c); }, dtype);
  }
  override Rop([x, y]: readonly Variable[], [ex, ey]: readonly (Variable | null)[]): (Variable | null)[] {
    return [sumOf(ex ? new MulSD().call(ex, y!) : null, ey ? new MulSD().call(x!, ey) : null)];
  }
  override grad([x, y]: readonly Variable[], [gz]: readonly Variable[]): Variable[] {
    const gy = new DenseFromSparse().call(new MulSS().call(x!, gz!)) as TensorVariable;
    return [new MulSD().call(gz!, y!), (y as TensorVariable).type.ndim === 0 ? pt.sum(gy) : gy];
  }
}

/** Sparse * vector, the vector broadcast over the rows (x[i, j] * y[j]) -> sparse. Regular gradient. */
export class MulSV extends SparseBinary {
  makeNode(a: Variable, b: Variable): Apply {
    const x = asSparseInput('MulSV', 0, a, true), y = asDenseInput('MulSV', 1, b, [1], true);
    checkColumnVector('MulSV', x.type.shape, y.type.shape);
    return new Apply(this, [x, y], [sparseOut(x, upcast(x.dtype, y.type.dtype), [x.type.shape[0], x.type.shape[1] ?? y.type.shape[0] ?? null])]);
  }
  override perform(node: Apply, [x, y]: readonly unknown[], [out]: StorageCell[]): void {
    const a = x as CompressedMatrix, d = y as NDArray;
    if (d.shape[0] !== a.shape[1]) checkColumnVector('MulSV', a.shape, d.shape);
    const dtype = (node.outputs[0] as SparseVariable).dtype;
    if (wideFamily(dtype)) {
      out![0] = mapStoredWide(a, d, 'mul', dtype);
      return;
    }
    const at = denseReader(d), rc = rowCol(a);
    out![0] = mapStored(a, (v, i, j) => v * at(0, rc(i, j)[1]), dtype);
  }
  override Rop([x, y]: readonly Variable[], [ex, ey]: readonly (Variable | null)[]): (Variable | null)[] {
    return [sumOf(ex ? new MulSV().call(ex, y!) : null, ey ? new MulSV().call(x!, ey) : null)];
  }
  override grad([x, y]: readonly Variable[], [gz]: readonly Variable[]): Variable[] {
    return [new MulSV().call(gz!, y!), pt.sum(new DenseFromSparse().call(new MulSS().call(x!, gz!)) as TensorVariable, { axis: 0 })];
  }
}

/** x + y[j] on the stored entries of x only (y a vector, one value per column) -> sparse. Structured gradient. */
export class StructuredAddSV extends SparseBinary {
  makeNode(a: Variable, b: Variable): Apply {
    const x = asSparseInput('StructuredAddSV', 0, a, true), y = asDenseInput('StructuredAddSV', 1, b, [1], true);
    checkColumnVector('StructuredAddSV', x.type.shape, y.type.shape);
    return new Apply(this, [x, y], [sparseOut(x, upcast(x.dtype, y.type.dtype), [x.type.shape[0], x.type.shape[1] ?? y.type.shape[0] ?? null])]);
  }
  override perform(node: Apply, [x, y]: readonly unknown[], [out]: StorageCell[]): void {
    const a = x as CompressedMatrix, d = y as NDArray;
    if (d.shape[0] !== a.shape[1]) checkColumnVector('StructuredAddSV', a.shape, d.shape);
    const dtype = (node.outputs[0] as SparseVariable).dtype;
    if (wideFamily(dtype)) {
      out![0] = mapStoredWide(a, d, 'add', dtype);
      return;
    }
    const at = denseReader(d), rc = rowCol(a);
    out![0] = mapStored(a, (v, i, j) => v + at(0, rc(i, j)[1]), dtype);
  }
  override grad(_inputs: readonly Variable[], [gz]: readonly Variable[]): Variable[] {
    return [gz!, pt.sum(new DenseFromSparse().call(gz!) as TensorVariable, { axis: 0 })];
  }
}

/**
 * a + b for the R-operators here, either may be null (no change): sparse +
 * sparse, sparse + dense or dense + dense.
 */
function sumOf(a: Variable | null, b: Variable | null): Variable | null {
  if (a === null || b === null) return a ?? b;
  if (a instanceof SparseVariable || b instanceof SparseVariable) return add(a, b);
  return pt.add(a as TensorVariable, b as TensorVariable);
}

type Operand = SparseVariable | TensorVariable;
const isSparse = (v: Operand): v is SparseVariable => v instanceof SparseVariable;

/**
 * x + y with at least one sparse operand: sparse + sparse -> sparse (AddSS),
 * sparse + dense -> dense (AddSD).
 *
 * @example
 * sp.add(sp.csrMatrix('x'), sp.csrMatrix('y')); // sparse
 * sp.add(sp.csrMatrix('x'), pt.matrix('d'));    // dense
 */
export function add(x: unknown, y: unknown): Variable {
  const a = asSparseOrTensorVariable(x), b = asSparseOrTensorVariable(y);
  if (isSparse(a) && isSparse(b)) return new AddSS().call(a, b);
  if (isSparse(a)) return new AddSD().call(a, b);
  if (isSparse(b)) return new AddSD().call(b, a);
  throw new TypeMismatchError({ op: 'sp.add', argument: 0, expected: 'at least one sparse operand', given: 'two dense operands' });
}

/**
 * x - y with at least one sparse operand (add(x, -y)).
 *
 * @example
 * sp.sub(sp.csrMatrix('x'), sp.csrMatrix('y'));
 */
export function sub(x: unknown, y: unknown): Variable {
  const a = asSparseOrTensorVariable(x), b = asSparseOrTensorVariable(y);
  if (!isSparse(a) && !isSparse(b)) throw new TypeMismatchError({ op: 'sp.sub', argument: 0, expected: 'at least one sparse operand', given: 'two dense operands' });
  const negB = isSparse(b) ? neg(b) : pt.neg(b);
  return add(a, negB);
}

/**
 * x * y elementwise with at least one sparse operand: sparse * sparse (MulSS),
 * sparse * dense matrix or scalar (MulSD), sparse * vector (MulSV); always sparse.
 *
 * @example
 * sp.mul(sp.csrMatrix('x'), pt.vector('v')); // each row times v
 */
export function mul(x: unknown, y: unknown): Variable {
  const a = asSparseOrTensorVariable(x), b = asSparseOrTensorVariable(y);
  if (isSparse(a) && isSparse(b)) return new MulSS().call(a, b);
  const [s, d] = isSparse(a) ? [a, b as TensorVariable] : isSparse(b) ? [b, a as TensorVariable] : [null, null];
  if (s === null || d === null) throw new TypeMismatchError({ op: 'sp.mul', argument: 0, expected: 'at least one sparse operand', given: 'two dense operands' });
  return d.type.ndim === 1 ? new MulSV().call(s, d) : new MulSD().call(s, d);
}

/** PyTensor's add_s_s_data: x + y for two sparse matrices of one pattern. */
export function addSSData(x: unknown, y: unknown): SparseVariable {
  return new AddSSData().call(asSparseInput('addSSData', 0, x, true), asSparseInput('addSSData', 1, y, true)) as SparseVariable;
}

/** PyTensor's structured_add_s_v: y[j] added to the stored entries of column j. */
export function structuredAddSV(x: unknown, y: unknown): SparseVariable {
  return new StructuredAddSV().call(asSparseInput('structuredAddSV', 0, x, true), pt.asTensorVariable(y)) as SparseVariable;
}

/** PyTensor's mul_s_v: x[i, j] * y[j]. */
export function mulSV(x: unknown, y: unknown): SparseVariable {
  return new MulSV().call(asSparseInput('mulSV', 0, x, true), pt.asTensorVariable(y)) as SparseVariable;
}

