/**
 * Advanced (integer array and bool mask) indexing: the entry points that
 * x.get(...) and x.get(...).set/inc use, and the four Ops (re-exported).
 */
import { ArgumentError, DtypeError, describeThing, type Variable } from '@proj/graph';
import { canCastSafely } from '../dtype/dtypes';
import { constant, type TensorLike } from '../basic/as-tensor';
import { cast } from '../math/cast';
import { TensorVariable } from '../variable/tensor-variable';
import type { IndexEntry, SliceBound } from './index-entry';
import { checkIndexArray, checkIndexScalar, type IdxSpec, type SpecBound } from './advanced-layout';
import { AdvancedSubtensor, AdvancedSubtensor1 } from './advanced-subtensor';
import { AdvancedIncSubtensor, AdvancedIncSubtensor1 } from './advanced-inc';

export { AdvancedSubtensor, AdvancedSubtensor1 } from './advanced-subtensor';
export { AdvancedIncSubtensor, AdvancedIncSubtensor1, type IncFlags } from './advanced-inc';
export type { IdxSpec, SpecBound } from './advanced-layout';

const FN = 'advancedGetItem';

function isFull(e: IndexEntry): boolean {
  return e.kind === 'slice' && e.start === null && e.stop === null && (e.step === null || e.step === 1);
}

/**
 * The idxList and the index inputs (arrays, symbolic ints and bounds, in
 * order) of `entries`.
 *
 * @example
 * toIdxList([{ kind: 'array', value: idx }]); // { idxList: [{ kind: 'array' }], inputs: [idx] }
 */
export function toIdxList(entries: readonly IndexEntry[]): { idxList: IdxSpec[]; inputs: TensorVariable[] } {
  const inputs: TensorVariable[] = [];
  const bound = (b: SliceBound, what: string): SpecBound => {
    if (b === null) return null;
    if (typeof b === 'number') {
      if (!Number.isInteger(b)) throw new ArgumentError({ op: FN, argument: what, expected: 'an integer slice bound', given: String(b) });
      return b;
    }
    inputs.push(checkIndexScalar(FN, what, b));
    return 'input';
  };
  const idxList = entries.map((e, i): IdxSpec => {
    switch (e.kind) {
      case 'newaxis':
      case 'ellipsis':
        return { kind: e.kind };
      case 'array':
        inputs.push(checkIndexArray(FN, `index ${i}`, e.value));
        return { kind: 'array' };
      case 'int':
        if (typeof e.value === 'number') {
          if (!Number.isInteger(e.value)) throw new ArgumentError({ op: FN, argument: `index ${i}`, expected: 'an integer', given: String(e.value) });
          return { kind: 'int', value: e.value };
        }
        inputs.push(checkIndexScalar(FN, `index ${i}`, e.value));
        return { kind: 'int', value: 'input' };
      case 'slice':
        return { kind: 'slice', start: bound(e.start, `index ${i} start`), stop: bound(e.stop, `index ${i} stop`), step: bound(e.step, `index ${i} step`) };
    }
  });
  return { idxList, inputs };
}

/**
 * x indexed by `entries` that include integer arrays or bool masks (NumPy's
 * advanced indexing): several arrays broadcast together; a bool mask stands
 * for the coordinates of its true elements; the broadcast advanced dimensions
 * replace the indexed ones when the advanced entries are adjacent, else they
 * come first. A single integer vector on the first axis uses AdvancedSubtensor1.
 *
 * @example
 * advancedGetItem(x, [{ kind: 'array', value: pt.constant([2, 0]) }]); // x[[2, 0]]
 */
export function advancedGetItem(x: TensorVariable, entries: readonly IndexEntry[]): TensorVariable {
  const first = entries[0];
  const rest = entries.slice(1);
  if (
    first?.kind === 'array' &&
    first.value instanceof TensorVariable &&
    first.value.ndim === 1 &&
    first.value.dtype !== 'bool' &&
    rest.every((e) => isFull(e) || e.kind === 'ellipsis') &&
    rest.filter((e) => e.kind === 'ellipsis').length <= 1 &&
    rest.filter(isFull).length < x.ndim
  ) {
    return new AdvancedSubtensor1().call(x, checkIndexArray(FN, 'index 0', first.value)) as TensorVariable;
  }
  const { idxList, inputs } = toIdxList(entries);
  return new AdvancedSubtensor(idxList).call(x, ...inputs) as TensorVariable;
}

/** How advancedSetOrInc writes: set (last write wins) or inc (np.add.at, or x[idx] += y with ignoreDuplicates). */
export interface SetOrIncMode {
  readonly set: boolean;
  readonly ignoreDuplicates?: boolean;
}

/** y as a tensor of x's dtype: JS values converted exactly, tensors cast only when that is safe. */
function yFor(op: string, x: TensorVariable, y: TensorLike): TensorVariable {
  if (y instanceof TensorVariable) {
    if (y.dtype === x.dtype) return y;
    if (!canCastSafely(y.dtype, x.dtype)) {
      throw new DtypeError({ op, argument: 'y', expected: `a value whose dtype casts safely to x's dtype ${x.dtype}`, given: `${y} of dtype ${y.dtype}` });
    }
    return cast(y, x.dtype);
  }
  try {
    return constant(y, { dtype: x.dtype });
  } catch (e) {
    if (!(e instanceof DtypeError)) throw e;
    throw new DtypeError({ op, argument: 'y', expected: `a value exactly representable in x's dtype ${x.dtype}`, given: `${describeThing(y)} (${e.message})` });
  }
}

/**
 * x with y written to (set) or added at (inc) the positions selected by
 * `subOutput`, when subOutput is an advanced indexing of x (made by
 * AdvancedSubtensor1 or AdvancedSubtensor); undefined for any other variable.
 * y broadcasts to the indexed shape; its dtype must cast safely to x's.
 *
 * @example
 * advancedSetOrInc(x.get([0, 0]), 1, { set: false }); // np.add.at(x, [0, 0], 1) as a new tensor
 */
export function advancedSetOrInc(subOutput: TensorVariable, y: TensorLike, mode: SetOrIncMode): TensorVariable | undefined {
  const node = subOutput.owner;
  if (node === null) return undefined;
  const op = node.op;
  const flags = { setInsteadOfInc: mode.set, ignoreDuplicates: mode.ignoreDuplicates ?? false };
  const x = node.inputs[0] as TensorVariable;
  const rest: Variable[] = node.inputs.slice(1);
  if (op instanceof AdvancedSubtensor1) {
    const inc = new AdvancedIncSubtensor1(flags);
    return inc.call(x, yFor(inc.name, x, y), ...rest) as TensorVariable;
  }
  if (op instanceof AdvancedSubtensor) {
    const inc = new AdvancedIncSubtensor(op.idxList, flags);
    return inc.call(x, yFor(inc.name, x, y), ...rest) as TensorVariable;
  }
  return undefined;
}
