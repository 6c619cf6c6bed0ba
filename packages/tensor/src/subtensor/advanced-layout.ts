/**
 * The index description of the advanced indexing Ops (their `idxList` prop)
 * and its resolution against an input's number of dimensions: which axis each
 * entry indexes, which node input holds each symbolic part, and where the
 * broadcast advanced dimensions go (NumPy's rule: in place when the advanced
 * entries are adjacent, first otherwise).
 */
import { ArgumentError, DtypeError, TypeMismatchError, type Variable } from '@proj/graph';
import { isDiscrete, isInteger, type Dtype } from '../dtype/dtypes';
import { TensorConstant, TensorVariable } from '../variable/tensor-variable';
import { rawView, sizeOf } from '../value/ndarray';
import { broadcastStatic } from '../elemwise/elemwise';
import { IndexError } from './errors';
import { canonicalSlice } from './slice-length';

/** A slice bound in an idxList: a number, null (the default), or 'input' (the next node input, an int scalar). */
export type SpecBound = number | null | 'input';

/**
 * One entry of an advanced Op's idxList (plain data, part of the Op's props).
 * 'array' and 'int' with value 'input' take the next node input.
 */
export type IdxSpec =
  | { readonly kind: 'array' }
  | { readonly kind: 'int'; readonly value: number | 'input' }
  | { readonly kind: 'slice'; readonly start: SpecBound; readonly stop: SpecBound; readonly step: SpecBound }
  | { readonly kind: 'newaxis' }
  | { readonly kind: 'ellipsis' };

/** A resolved scalar: a number, null (default), or the node input at that position. */
export type Ref = number | null | { readonly input: number };

/** One entry after the ellipsis is expanded, with the axes of x it indexes. */
export type ResolvedEntry =
  | { readonly kind: 'slice'; readonly axis: number; readonly start: Ref; readonly stop: Ref; readonly step: Ref }
  | { readonly kind: 'newaxis' }
  | { readonly kind: 'int'; readonly axis: number; readonly value: Ref }
  | { readonly kind: 'array'; readonly axes: readonly number[]; readonly input: number; readonly isBool: boolean };

/** An idxList resolved for an input of known ndim. */
export interface Layout {
  readonly entries: readonly ResolvedEntry[];
  /** Whether the broadcast advanced dimensions come first (the advanced entries are not adjacent). */
  readonly advFirst: boolean;
  /** Whether there is any advanced entry (array or int): then the output has an advanced block. */
  readonly hasAdvanced: boolean;
  /** Number of node inputs the idxList takes (after x, and y for the Inc Ops). */
  readonly nInputs: number;
}

/** What the resolution needs to know about each node input that an 'array' entry takes. */
export interface ArrayInfo {
  readonly ndim: number;
  readonly isBool: boolean;
}

/**
 * Resolves `spec` for an input with `ndim` dimensions. `arrayInfo(k)` describes
 * the node input at position `k` (only called for 'array' entries); node input
 * positions start at `firstInput`.
 *
 * @example
 * resolveLayout('AdvancedSubtensor', [{ kind: 'array' }], 2, () => ({ ndim: 1, isBool: false }), 1);
 */
export function resolveLayout(op: string, spec: readonly IdxSpec[], ndim: number, arrayInfo: (input: number) => ArrayInfo, firstInput: number): Layout {
  let next = firstInput;
  const take = (b: SpecBound | number): Ref => (b === 'input' ? { input: next++ } : b);
  // Positions of the advanced entries in the original list decide adjacency
  // (a newaxis or an ellipsis between them, even an empty one, separates them).
  const advPositions: number[] = [];
  let consumed = 0;
  let ellipsisAt = -1;
  const raw: (ResolvedEntry | 'ellipsis')[] = [];
  spec.forEach((e, i) => {
    switch (e.kind) {
      case 'ellipsis':
        if (ellipsisAt >= 0) {
          throw new IndexError({ op, argument: 'index', expected: 'at most one ellipsis', given: 'two or more' }, "an index can only have a single ellipsis ('...')");
        }
        ellipsisAt = i;
        raw.push('ellipsis');
        return;
      case 'newaxis':
        raw.push({ kind: 'newaxis' });
        return;
      case 'int':
        advPositions.push(i);
        raw.push({ kind: 'int', axis: -1, value: take(e.value) });
        consumed++;
        return;
      case 'slice': {
        const start = take(e.start);
        const stop = take(e.stop);
        const step = take(e.step);
        raw.push({ kind: 'slice', axis: -1, start, stop, step });
        consumed++;
        return;
      }
      case 'array': {
        const input = next++;
        const info = arrayInfo(input);
        advPositions.push(i);
        raw.push({ kind: 'array', axes: [], input, isBool: info.isBool });
        // A bool mask indexes as many axes as it has dimensions (a 0-d one, none).
        consumed += info.isBool ? info.ndim : 1;
        return;
      }
    }
  });
  if (consumed > ndim) throw IndexError.tooMany(op, ndim, consumed);
  const entries: ResolvedEntry[] = [];
  let axis = 0;
  const full = (a: number): ResolvedEntry => ({ kind: 'slice', axis: a, start: null, stop: null, step: null });
  for (const e of raw) {
    if (e === 'ellipsis') {
      for (let k = 0; k < ndim - consumed; k++) entries.push(full(axis++));
    } else if (e.kind === 'newaxis') entries.push(e);
    else if (e.kind === 'slice') entries.push({ ...e, axis: axis++ });
    else if (e.kind === 'int') entries.push({ ...e, axis: axis++ });
    else {
      const n = e.isBool ? arrayInfo(e.input).ndim : 1;
      entries.push({ ...e, axes: Array.from({ length: n }, () => axis++) });
    }
  }
  while (axis < ndim) entries.push(full(axis++));
  const adjacent = advPositions.every((p, k) => k === 0 || p === advPositions[k - 1]! + 1);
  return { entries, advFirst: !adjacent, hasAdvanced: advPositions.length > 0, nInputs: next - firstInput };
}

/**
 * The output dimensions in order: 'adv' for the broadcast advanced block,
 * otherwise the index (in layout.entries) of the slice or newaxis entry.
 *
 * @example
 * outputParts(layoutOf_x_idx_colon_idx); // ['adv', 1] (non-adjacent: advanced dimensions first)
 */
export function outputParts(layout: Layout): ('adv' | number)[] {
  const parts: ('adv' | number)[] = [];
  let placed = false;
  layout.entries.forEach((e, i) => {
    if (e.kind === 'slice' || e.kind === 'newaxis') parts.push(i);
    else if (!placed) {
      placed = true;
      if (!layout.advFirst) parts.push('adv');
    }
  });
  if (layout.hasAdvanced && layout.advFirst) parts.unshift('adv');
  return parts;
}

/**
 * The value of a Ref known when the graph is built (a number, or a 0-d integer constant input).
 *
 * @example
 * staticRef({ input: 1 }, [x, constant(2)]); // 2
 */
export function staticRef(r: Ref, inputs: readonly Variable[]): number | null | undefined {
  if (r === null || typeof r === 'number') return r;
  const v = inputs[r.input];
  if (v instanceof TensorConstant && v.ndim === 0) return Number(rawView(v.data).data[rawView(v.data).offset]!);
  return undefined;
}

/**
 * Whether a slice entry is the full slice ':' (all defaults, or step 1).
 *
 * @example
 * isFullSlice({ kind: 'slice', axis: 0, start: null, stop: null, step: 1 }, []); // true
 */
export function isFullSlice(e: ResolvedEntry, inputs: readonly Variable[]): boolean {
  return e.kind === 'slice' && e.start === null && e.stop === null && (e.step === null || staticRef(e.step, inputs) === 1);
}

/**
 * The static shape of the broadcast advanced block: int arrays give their
 * static shapes (constants their actual ones), constant bool masks their number of true elements, other
 * masks an unknown length. Throws a ShapeError when known lengths cannot broadcast.
 *
 * @example
 * staticAdvShape('AdvancedSubtensor', layout, [x, constant([[0], [1]]), constant([0, 1, 2])]); // [2, 3]
 */
export function staticAdvShape(op: string, layout: Layout, inputs: readonly Variable[]): (number | null)[] {
  const shapes: (readonly (number | null)[])[] = [];
  for (const e of layout.entries) {
    if (e.kind === 'int') shapes.push([]);
    if (e.kind !== 'array') continue;
    const v = inputs[e.input] as TensorVariable;
    if (!e.isBool) shapes.push(v instanceof TensorConstant ? v.data.shape : v.type.shape);
    else if (v instanceof TensorConstant) shapes.push([countTrue(v)]);
    else shapes.push([v.type.shape.some((s) => s === 0) ? 0 : null]);
  }
  return broadcastStatic(op, shapes);
}

function countTrue(c: TensorConstant): number {
  const v = rawView(c.data);
  let n = 0;
  const total = sizeOf(c.data.shape);
  if (c.data.shape.length === 0) return v.data[v.offset] ? 1 : 0;
  // Constants are contiguous row-major unless built with custom strides: walk via strides.
  const idx = new Array<number>(c.data.shape.length).fill(0);
  for (let k = 0; k < total; k++) {
    let off = v.offset;
    for (let d = 0; d < idx.length; d++) off += idx[d]! * v.strides[d]!;
    if (v.data[off]) n++;
    for (let d = idx.length - 1; d >= 0; d--) {
      if (++idx[d]! < c.data.shape[d]!) break;
      idx[d] = 0;
    }
  }
  return n;
}

/**
 * The static output shape of indexing a tensor of static shape `xShape` with `layout`.
 *
 * @example
 * staticOutputShape('AdvancedSubtensor', layout, [3, null], node.inputs); // e.g. [3, 2]
 */
export function staticOutputShape(op: string, layout: Layout, xShape: readonly (number | null)[], inputs: readonly Variable[]): (number | null)[] {
  const out: (number | null)[] = [];
  for (const p of outputParts(layout)) {
    if (p === 'adv') {
      out.push(...staticAdvShape(op, layout, inputs));
      continue;
    }
    const e = layout.entries[p]!;
    if (e.kind === 'newaxis') out.push(1);
    else if (e.kind === 'slice') {
      const n = xShape[e.axis];
      const [a, b, s] = [staticRef(e.start, inputs), staticRef(e.stop, inputs), staticRef(e.step, inputs)];
      if (n === null || n === undefined || a === undefined || b === undefined || s === undefined) out.push(isFullSlice(e, inputs) ? (n ?? null) : null);
      else out.push(canonicalSlice(a, b, s, n, op).length as number);
    }
  }
  return out;
}

/**
 * Checks that `v` may index: an integer or bool tensor (else a DtypeError).
 *
 * @example
 * checkIndexArray('AdvancedSubtensor', 1, pt.constant([0, 2]));
 */
export function checkIndexArray(op: string, position: number | string, v: Variable): TensorVariable {
  if (!(v instanceof TensorVariable)) {
    throw new TypeMismatchError({ op, argument: position, expected: 'an integer or bool tensor (an index array)', given: `${v} of type ${v.type}` });
  }
  if (!isDiscrete(v.dtype)) {
    throw new DtypeError({ op, argument: position, expected: 'an index array of an integer or bool dtype', given: `${v} of dtype ${v.dtype}` });
  }
  return v;
}

/**
 * Checks that `v` is an integer scalar (a symbolic int index or slice bound).
 *
 * @example
 * checkIndexScalar('AdvancedSubtensor', 2, pt.iscalar('k'));
 */
export function checkIndexScalar(op: string, position: number | string, v: Variable): TensorVariable {
  if (!(v instanceof TensorVariable) || v.ndim !== 0) {
    throw new TypeMismatchError({ op, argument: position, expected: 'an integer scalar (0-d tensor)', given: `${v} of type ${v.type}` });
  }
  if (!isInteger(v.dtype as Dtype)) {
    throw new DtypeError({ op, argument: position, expected: 'an integer scalar', given: `${v} of dtype ${v.dtype}` });
  }
  return v;
}

/**
 * Checks the node inputs an idxList takes (from `firstInput` on) and resolves
 * the layout for `x`.
 *
 * @example
 * checkedLayout('AdvancedSubtensor', [{ kind: 'array' }], x, [x, idx], 1);
 */
export function checkedLayout(op: string, spec: readonly IdxSpec[], x: TensorVariable, inputs: readonly Variable[], firstInput: number): Layout {
  const arrays = new Set<number>();
  const layout = resolveLayout(
    op,
    spec,
    x.ndim,
    (k) => {
      arrays.add(k);
      const v = inputs[k];
      if (v === undefined) throw new ArgumentError({ op, argument: k, expected: 'an index array for an array entry of idxList', given: 'nothing' });
      const t = checkIndexArray(op, k, v);
      return { ndim: t.ndim, isBool: t.dtype === 'bool' };
    },
    firstInput,
  );
  if (inputs.length !== firstInput + layout.nInputs) {
    throw new ArgumentError({ op, argument: 'inputs', expected: `${firstInput + layout.nInputs} inputs for idxList ${JSON.stringify(spec)}`, given: `${inputs.length}` });
  }
  for (let k = firstInput; k < inputs.length; k++) if (!arrays.has(k)) checkIndexScalar(op, k, inputs[k]!);
  return layout;
}
