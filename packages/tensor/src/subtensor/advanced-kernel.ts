/**
 * Kernels of advanced indexing, on raw strided arrays: turn the index entries
 * into the list of raw offsets of the selected elements (NumPy's order), then
 * gather from or scatter into those offsets. Index values are checked here
 * (negative indices wrap; out-of-bounds ones are an IndexError, worded as NumPy's).
 */
import { IndexError } from './errors';
import type { Dtype, RawArray } from '../dtype/dtypes';
import { rawView, sizeOf, type NDArray } from '../value/ndarray';
import { canonicalSlice } from './slice-length';

/** One index entry with its run-time values. */
export type RuntimeEntry =
  | { readonly kind: 'slice'; readonly axis: number; readonly start: number | null; readonly stop: number | null; readonly step: number | null }
  | { readonly kind: 'newaxis' }
  /**
   * Advanced: integer coordinates along `axes` (one flat row-major array per
   * axis), all of `shape`. An int is axes [a], shape []; a k-d bool mask is k
   * axes and shape [number of true elements]; a 0-d mask, no axes.
   */
  | { readonly kind: 'index'; readonly axes: readonly number[]; readonly shape: readonly number[]; readonly coords: readonly Float64Array[] };

/** The output shape and the raw offsets (in x's raw data) of its elements, row-major. */
export interface IndexPlan {
  readonly shape: number[];
  readonly offsets: Float64Array;
}

/**
 * The values of an integer index array as numbers, row-major (int64 via Number).
 *
 * @example
 * indexValues(fromRaw('int64', BigInt64Array.of(2n, -1n), [2])); // Float64Array [2, -1]
 */
export function indexValues(a: NDArray): Float64Array {
  const v = rawView(a);
  const n = sizeOf(a.shape);
  const out = new Float64Array(n);
  const nd = a.shape.length;
  const idx = new Array<number>(nd).fill(0);
  let off = v.offset;
  const data = v.data as ArrayLike<number | bigint>;
  for (let k = 0; k < n; k++) {
    out[k] = Number(data[off]!);
    for (let d = nd - 1; d >= 0; d--) {
      off += v.strides[d]!;
      if (++idx[d]! < a.shape[d]!) break;
      off -= v.strides[d]! * a.shape[d]!;
      idx[d] = 0;
    }
  }
  return out;
}

/**
 * The coordinates of the true elements of a bool mask (np.nonzero), one array
 * per dimension, after checking the mask's shape against the indexed lengths.
 *
 * @example
 * maskCoords('AdvancedSubtensor', mask2x2, [0, 1], [2, 2]); // [rows, cols] of the true elements
 */
export function maskCoords(op: string, mask: NDArray, axes: readonly number[], xShape: readonly number[]): Float64Array[] {
  mask.shape.forEach((s, i) => {
    const n = xShape[axes[i]!]!;
    if (s !== n) {
      throw new IndexError(
        { op, argument: 'index', expected: `a boolean index of size ${n} along axis ${axes[i]}`, given: `size ${s}` },
        `boolean index did not match indexed array along axis ${axes[i]}; size of axis is ${n} but size of corresponding boolean axis is ${s}`,
      );
    }
  });
  const flat = indexValues(mask);
  let nnz = 0;
  for (let k = 0; k < flat.length; k++) if (flat[k] !== 0) nnz++;
  const nd = mask.shape.length;
  const coords = Array.from({ length: nd }, () => new Float64Array(nnz));
  const idx = new Array<number>(nd).fill(0);
  let j = 0;
  for (let k = 0; k < flat.length; k++) {
    if (flat[k] !== 0) {
      for (let d = 0; d < nd; d++) coords[d]![j] = idx[d]!;
      j++;
    }
    for (let d = nd - 1; d >= 0; d--) {
      if (++idx[d]! < mask.shape[d]!) break;
      idx[d] = 0;
    }
  }
  return coords;
}

function broadcastShapes(op: string, shapes: readonly (readonly number[])[]): number[] {
  const nd = Math.max(0, ...shapes.map((s) => s.length));
  const out = new Array<number>(nd).fill(1);
  for (const s of shapes) {
    s.forEach((len, i) => {
      const d = nd - s.length + i;
      if (len === out[d] || len === 1) return;
      if (out[d] !== 1) {
        const text = shapes.map((x) => `(${x.join(',')}${x.length === 1 ? ',' : ''})`).join(' ');
        throw new IndexError(
          { op, argument: 'index', expected: 'index arrays that broadcast together', given: `shapes ${text}` },
          `shape mismatch: indexing arrays could not be broadcast together with shapes ${text}`,
        );
      }
      out[d] = len;
    });
  }
  return out;
}

/** Raw offsets along the broadcast advanced block: the sum over entries of coordinate * stride. */
function advancedTable(op: string, entries: readonly Extract<RuntimeEntry, { kind: 'index' }>[], xShape: readonly number[], rawStrides: readonly number[]): { shape: number[]; table: Float64Array } {
  const shape = broadcastShapes(op, entries.map((e) => e.shape));
  const n = sizeOf(shape);
  const table = new Float64Array(n);
  if (n === 0) return { shape, table };
  const nd = shape.length;
  for (const e of entries) {
    // This entry's offsets, checked and wrapped, then added along the broadcast shape.
    const m = sizeOf(e.shape);
    const own = new Float64Array(m);
    e.axes.forEach((axis, j) => {
      const size = xShape[axis]!;
      const stride = rawStrides[axis]!;
      const c = e.coords[j]!;
      for (let k = 0; k < m; k++) {
        let v = c[k]!;
        if (v < -size || v >= size) throw IndexError.outOfBounds(op, v, axis, size);
        if (v < 0) v += size;
        own[k] += v * stride;
      }
    });
    const pad = nd - e.shape.length;
    const bStrides = new Array<number>(nd).fill(0);
    let s = 1;
    for (let d = e.shape.length - 1; d >= 0; d--) {
      bStrides[pad + d] = e.shape[d] === 1 ? 0 : s;
      s *= e.shape[d]!;
    }
    const idx = new Array<number>(nd).fill(0);
    let off = 0;
    for (let k = 0; k < n; k++) {
      table[k] += own[off]!;
      for (let d = nd - 1; d >= 0; d--) {
        off += bStrides[d]!;
        if (++idx[d]! < shape[d]!) break;
        off -= bStrides[d]! * shape[d]!;
        idx[d] = 0;
      }
    }
  }
  return { shape, table };
}

/**
 * The output shape and the raw offsets of the selected elements of an array
 * with `xShape`, raw strides and raw offset, for `entries` in order (every
 * axis covered). The advanced block goes first when `advFirst`, else at the
 * place of the first advanced entry.
 *
 * @example
 * planIndex('AdvancedSubtensor1', [5], [1], 0, [{ kind: 'index', axes: [0], shape: [2], coords: [Float64Array.of(4, -1)] }], false);
 * // { shape: [2], offsets: Float64Array [4, 4] }
 */
export function planIndex(op: string, xShape: readonly number[], rawStrides: readonly number[], rawOffset: number, entries: readonly RuntimeEntry[], advFirst: boolean): IndexPlan {
  const adv = entries.filter((e): e is Extract<RuntimeEntry, { kind: 'index' }> => e.kind === 'index');
  // One table of raw offsets per loop dimension; the advanced block is one loop dimension.
  const tables: Float64Array[] = [];
  const shape: number[] = [];
  let advAt = -1;
  let advShape: number[] = [];
  let advTable: Float64Array | undefined;
  if (adv.length > 0) ({ shape: advShape, table: advTable } = advancedTable(op, adv, xShape, rawStrides));
  for (const e of entries) {
    if (e.kind === 'index') {
      if (advAt < 0) advAt = advFirst ? 0 : tables.length;
      continue;
    }
    if (e.kind === 'newaxis') {
      tables.push(Float64Array.of(0));
      shape.push(1);
      continue;
    }
    const c = canonicalSlice(e.start, e.stop, e.step, xShape[e.axis]!, op);
    const [start, step, length] = [c.start as number, c.step as number, c.length as number];
    const t = new Float64Array(length);
    for (let i = 0; i < length; i++) t[i] = (start + i * step) * rawStrides[e.axis]!;
    tables.push(t);
    shape.push(length);
  }
  let outShape = shape;
  if (advTable !== undefined) {
    // Each table before advAt is one output dimension.
    tables.splice(advAt, 0, advTable);
    outShape = [...shape.slice(0, advAt), ...advShape, ...shape.slice(advAt)];
  }
  return { shape: outShape, offsets: combine(tables, rawOffset) };
}

/** All sums base + t0[i0] + t1[i1] + ..., row-major over the tables. */
function combine(tables: readonly Float64Array[], base: number): Float64Array {
  let n = 1;
  for (const t of tables) n *= t.length;
  const out = new Float64Array(n);
  if (n === 0) return out;
  const nd = tables.length;
  if (nd === 0) {
    out[0] = base;
    return out;
  }
  const inner = tables[nd - 1]!;
  const idx = new Array<number>(nd).fill(0);
  let k = 0;
  while (k < n) {
    let o = base;
    for (let d = 0; d < nd - 1; d++) o += tables[d]![idx[d]!]!;
    for (let i = 0; i < inner.length; i++) out[k++] = o + inner[i]!;
    for (let d = nd - 2; d >= 0; d--) {
      if (++idx[d]! < tables[d]!.length) break;
      idx[d] = 0;
    }
  }
  return out;
}

/**
 * Copies the elements at `offsets` of `src` into the contiguous `out` (width raw numbers each).
 *
 * @example
 * gather(xRaw, 1, plan.offsets, out);
 */
export function gather(src: RawArray, width: 1 | 2, offsets: Float64Array, out: RawArray): void {
  const s = src as Float64Array;
  const o = out as Float64Array;
  if (width === 1) {
    for (let k = 0; k < offsets.length; k++) o[k] = s[offsets[k]!]!;
  } else {
    for (let k = 0; k < offsets.length; k++) {
      o[2 * k] = s[offsets[k]!]!;
      o[2 * k + 1] = s[offsets[k]! + 1]!;
    }
  }
}

/**
 * How a scatter combines: 'set' (last write wins), 'add' (np.add.at: every
 * occurrence accumulates) or 'addOnce' (x[idx] += y: each position gets its
 * original value plus the y of its last occurrence).
 */
export type ScatterMode = 'set' | 'add' | 'addOnce';

/**
 * Writes the contiguous `y` (of dst's dtype) into `dst` at `offsets`, as `mode` says.
 *
 * @example
 * scatter('float64', outRaw, 1, plan.offsets, yRaw, 'add'); // np.add.at
 */
export function scatter(dtype: Dtype, dst: RawArray, width: 1 | 2, offsets: Float64Array, y: RawArray, mode: ScatterMode): void {
  const n = offsets.length;
  if (mode === 'set') {
    const d = dst as Float64Array;
    const s = y as Float64Array;
    for (let k = 0; k < n; k++) {
      const o = offsets[k]!;
      d[o] = s[k * width]!;
      if (width === 2) d[o + 1] = s[2 * k + 1]!;
    }
    return;
  }
  let base: RawArray = dst;
  if (mode === 'addOnce') {
    // Read every original value before writing any (x[idx] = x[idx] + y).
    base = new (dst.constructor as new (n: number) => RawArray)(n * width);
    gather(dst, width, offsets, base);
  }
  const readAt = (k: number) => (mode === 'addOnce' ? k * width : offsets[k]!);
  if (dtype === 'bool') {
    const d = dst as Uint8Array;
    const b = base as Uint8Array;
    const s = y as Uint8Array;
    for (let k = 0; k < n; k++) d[offsets[k]!] = b[readAt(k)]! | s[k]! ? 1 : 0;
  } else if (dtype === 'int64' || dtype === 'uint64') {
    const d = dst as BigInt64Array;
    const b = base as BigInt64Array;
    const s = y as BigInt64Array;
    // The typed array wraps the sum to 64 bits, as NumPy's integer add does.
    for (let k = 0; k < n; k++) d[offsets[k]!] = b[readAt(k)]! + s[k]!;
  } else {
    const d = dst as Float64Array;
    const b = base as Float64Array;
    const s = y as Float64Array;
    for (let k = 0; k < n; k++) {
      const o = offsets[k]!;
      const r = readAt(k);
      d[o] = b[r]! + s[k * width]!;
      if (width === 2) d[o + 1] = b[r + 1]! + s[2 * k + 1]!;
    }
  }
}
