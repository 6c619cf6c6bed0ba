/**
 * What the advanced indexing Ops share at build and run time: input checks,
 * the layout of a node's idxList, and the run-time index entries and plans.
 */
import { DtypeError, TypeMismatchError, type Apply, type Variable } from '@proj/graph';
import { isInteger } from '../dtype/dtypes';
import { rawView, type NDArray } from '../value/ndarray';
import { TensorVariable } from '../variable/tensor-variable';
import { indexValues, maskCoords, planIndex, type IndexPlan, type RuntimeEntry } from './advanced-kernel';
import { resolveLayout, type IdxSpec, type Layout, type Ref } from './advanced-layout';

/**
 * Checks that `x` is a tensor input of an indexing Op.
 *
 * @example
 * checkTensorInput('AdvancedSubtensor', 0, x);
 */
export function checkTensorInput(op: string, position: number, x: Variable | undefined): TensorVariable {
  if (!(x instanceof TensorVariable)) {
    throw new TypeMismatchError({ op, argument: position, expected: 'a tensor', given: x === undefined ? 'nothing' : `${x} of type ${x.type}` });
  }
  return x;
}

/**
 * Checks the index vector of AdvancedSubtensor1 / AdvancedIncSubtensor1: an integer vector.
 *
 * @example
 * checkIndexVector('AdvancedSubtensor1', 1, pt.constant([0, 2]));
 */
export function checkIndexVector(op: string, position: number, v: Variable | undefined): TensorVariable {
  const t = checkTensorInput(op, position, v);
  if (!isInteger(t.dtype)) {
    throw new DtypeError({ op, argument: position, expected: 'an integer index vector', given: `${t} of dtype ${t.dtype}` });
  }
  if (t.ndim !== 1) throw new TypeMismatchError({ op, argument: position, expected: 'an index vector (1 dimension)', given: `${t} of type ${t.type}` });
  return t;
}

/**
 * The layout of a node's idxList, its index inputs starting at `firstInput`.
 *
 * @example
 * nodeLayout(op.name, op.idxList, node, 1);
 */
export function nodeLayout(op: string, idxList: readonly IdxSpec[], node: Apply, firstInput: number): Layout {
  const x = node.inputs[0] as TensorVariable;
  return resolveLayout(
    op,
    idxList,
    x.ndim,
    (k) => {
      const t = node.inputs[k] as TensorVariable;
      return { ndim: t.ndim, isBool: t.dtype === 'bool' };
    },
    firstInput,
  );
}

function refValue(r: Ref, values: readonly unknown[]): number | null {
  if (r === null || typeof r === 'number') return r;
  return indexValues(values[r.input] as NDArray)[0]!;
}

/**
 * The index entries of `layout` with the run-time values of the node inputs.
 *
 * @example
 * runtimeEntries(op.name, layout, inputValues, x.shape);
 */
export function runtimeEntries(op: string, layout: Layout, values: readonly unknown[], xShape: readonly number[]): RuntimeEntry[] {
  return layout.entries.map((e): RuntimeEntry => {
    switch (e.kind) {
      case 'newaxis':
        return e;
      case 'slice':
        return { kind: 'slice', axis: e.axis, start: refValue(e.start, values), stop: refValue(e.stop, values), step: refValue(e.step, values) };
      case 'int':
        return { kind: 'index', axes: [e.axis], shape: [], coords: [Float64Array.of(refValue(e.value, values)!)] };
      case 'array': {
        const a = values[e.input] as NDArray;
        if (!e.isBool) return { kind: 'index', axes: e.axes, shape: a.shape, coords: [indexValues(a)] };
        const coords = maskCoords(op, a, e.axes, xShape);
        const nnz = a.shape.length === 0 ? (indexValues(a)[0] ? 1 : 0) : coords[0]!.length;
        return { kind: 'index', axes: e.axes, shape: [nnz], coords };
      }
    }
  });
}

/**
 * The plan of x[ilist] along axis 0.
 *
 * @example
 * planSubtensor1('AdvancedSubtensor1', x, ilist).offsets;
 */
export function planSubtensor1(op: string, x: NDArray, ilist: NDArray): IndexPlan {
  const v = rawView(x);
  const entries: RuntimeEntry[] = [{ kind: 'index', axes: [0], shape: ilist.shape, coords: [indexValues(ilist)] }];
  for (let a = 1; a < x.shape.length; a++) entries.push({ kind: 'slice', axis: a, start: null, stop: null, step: null });
  return planIndex(op, x.shape, v.strides, v.offset, entries, false);
}
