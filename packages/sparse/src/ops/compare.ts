/**
 * Sparse comparisons with SciPy's result types: sparse OP sparse -> a sparse
 * bool matrix (in the format of the first operand, no False stored), sparse OP
 * dense -> a dense bool matrix. Comparisons are not differentiable.
 * (eq, ge and le of two sparse matrices are True where both are implicit
 * zeros, so their results store up to rows x cols entries, as in SciPy.)
 */
import { Apply, Op, gradUndefined, type ShapeTuple, type StorageCell, type Variable } from '@proj/graph';
import { TensorType, type NDArray, type TensorVariable } from '@proj/tensor';
import type { CompressedMatrix } from '../values/compressed';
import { SparseType } from '../type/sparse-type';
import { SparseVariable } from '../type/sparse-variable';
import { asSparseOrTensorVariable } from '../type/as-sparse';
import { denseBinop, denseReader, sparseBinop, type BinaryFn } from './arith-kernel';
import { asDenseInput, asSparseInput, checkShapesNow, checkStaticShapes } from './arith';

export type CompareKind = 'eq' | 'neq' | 'gt' | 'ge' | 'lt' | 'le';

const FNS: Record<CompareKind, BinaryFn> = {
  eq: (a, b) => Number(a === b),
  neq: (a, b) => Number(a !== b),
  gt: (a, b) => Number(a > b),
  ge: (a, b) => Number(a >= b),
  lt: (a, b) => Number(a < b),
  le: (a, b) => Number(a <= b),
};

abstract class Comparison extends Op {
  abstract readonly kind: CompareKind;
  override inferShape(_f: unknown, _node: Apply, shapes: readonly ShapeTuple[]): ShapeTuple[] {
    return [shapes[0]!];
  }
  override grad(inputs: readonly Variable[]): Variable[] {
    return inputs.map((x, i) => gradUndefined(this, i, x, 'comparisons have no gradient'));
  }
}

/** Sparse OP sparse -> sparse bool. */
export abstract class ComparisonSS extends Comparison {
  makeNode(a: Variable, b: Variable): Apply {
    const x = asSparseInput(this.name, 0, a), y = asSparseInput(this.name, 1, b);
    checkStaticShapes(this.name, x.type.shape, y.type.shape);
    const shape: [number | null, number | null] = [x.type.shape[0] ?? y.type.shape[0], x.type.shape[1] ?? y.type.shape[1]];
    return new Apply(this, [x, y], [new SparseType(x.format, 'bool', shape).makeVariable()]);
  }
  override perform(_node: Apply, [x, y]: readonly unknown[], [out]: StorageCell[]): void {
    const a = x as CompressedMatrix, b = y as CompressedMatrix;
    checkShapesNow(this.name, a.shape, b.shape);
    out![0] = sparseBinop(a, b, FNS[this.kind], 'bool');
  }
}

/** Sparse OP dense -> dense bool. */
export abstract class ComparisonSD extends Comparison {
  makeNode(a: Variable, b: Variable): Apply {
    const x = asSparseInput(this.name, 0, a), y = asDenseInput(this.name, 1, b, [2]);
    checkStaticShapes(this.name, x.type.shape, y.type.shape);
    const shape = [x.type.shape[0] ?? y.type.shape[0] ?? null, x.type.shape[1] ?? y.type.shape[1] ?? null];
    return new Apply(this, [x, y], [new TensorType('bool', shape).makeVariable()]);
  }
  override perform(_node: Apply, [x, y]: readonly unknown[], [out]: StorageCell[]): void {
    const a = x as CompressedMatrix, d = y as NDArray;
    checkShapesNow(this.name, a.shape, d.shape);
    out![0] = denseBinop(a, denseReader(d), FNS[this.kind], 'bool');
  }
}

export class EqualSS extends ComparisonSS { readonly kind = 'eq'; }
export class NotEqualSS extends ComparisonSS { readonly kind = 'neq'; }
export class GreaterThanSS extends ComparisonSS { readonly kind = 'gt'; }
export class GreaterEqualSS extends ComparisonSS { readonly kind = 'ge'; }
export class LessThanSS extends ComparisonSS { readonly kind = 'lt'; }
export class LessEqualSS extends ComparisonSS { readonly kind = 'le'; }
export class EqualSD extends ComparisonSD { readonly kind = 'eq'; }
export class NotEqualSD extends ComparisonSD { readonly kind = 'neq'; }
export class GreaterThanSD extends ComparisonSD { readonly kind = 'gt'; }
export class GreaterEqualSD extends ComparisonSD { readonly kind = 'ge'; }
export class LessThanSD extends ComparisonSD { readonly kind = 'lt'; }
export class LessEqualSD extends ComparisonSD { readonly kind = 'le'; }

const SS: Record<CompareKind, new () => ComparisonSS> = { eq: EqualSS, neq: NotEqualSS, gt: GreaterThanSS, ge: GreaterEqualSS, lt: LessThanSS, le: LessEqualSS };
const SD: Record<CompareKind, new () => ComparisonSD> = { eq: EqualSD, neq: NotEqualSD, gt: GreaterThanSD, ge: GreaterEqualSD, lt: LessThanSD, le: LessEqualSD };
// dense OP sparse is sparse FLIPPED dense.
const FLIP: Record<CompareKind, CompareKind> = { eq: 'eq', neq: 'neq', gt: 'lt', ge: 'le', lt: 'gt', le: 'ge' };

function compare(kind: CompareKind, x: unknown, y: unknown): SparseVariable | TensorVariable {
  const a = asSparseOrTensorVariable(x), b = asSparseOrTensorVariable(y);
  if (a instanceof SparseVariable && b instanceof SparseVariable) return new SS[kind]().call(a, b) as SparseVariable;
  if (a instanceof SparseVariable) return new SD[kind]().call(a, b) as TensorVariable;
  if (b instanceof SparseVariable) return new SD[FLIP[kind]]().call(b, a) as TensorVariable;
  return asSparseInput(`sp.${kind}`, 0, a);
}

/**
 * x == y with at least one sparse operand: sparse bool for two sparse
 * operands, dense bool otherwise (SciPy's result types).
 *
 * @example
 * sp.eq(sp.csrMatrix('x'), pt.matrix('d')); // a dense bool matrix
 */
export const eq = (x: unknown, y: unknown): SparseVariable | TensorVariable => compare('eq', x, y);
/** x != y (see eq). */
export const neq = (x: unknown, y: unknown): SparseVariable | TensorVariable => compare('neq', x, y);
/** x > y (see eq). */
export const gt = (x: unknown, y: unknown): SparseVariable | TensorVariable => compare('gt', x, y);
/** x >= y (see eq). */
export const ge = (x: unknown, y: unknown): SparseVariable | TensorVariable => compare('ge', x, y);
/** x < y (see eq). */
export const lt = (x: unknown, y: unknown): SparseVariable | TensorVariable => compare('lt', x, y);
/** x <= y (see eq). */
export const le = (x: unknown, y: unknown): SparseVariable | TensorVariable => compare('le', x, y);
