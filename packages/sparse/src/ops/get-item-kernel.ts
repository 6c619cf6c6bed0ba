/**
 * Kernels of the sparse indexing Ops (GetItemScalar, GetItem2d, GetItemList,
 * GetItem2Lists and the gradients of the last two). They work on the
 * compressed arrays of either format through "major" (rows of CSR, columns of
 * CSC) and "minor" axes, so neither format is converted to the other. Costs grow
 * with the entries of the selected major slices (and the number of indices),
 * never with rows x cols. Unsorted indices, explicit zeros and duplicates are
 * kept as they are: a result stores what the input stored at the selected places.
 */
import type { RawArray } from '@proj/tensor';
import { addAt, copyAt, type Compressed } from '../values/kernels';

/** The positions start, start + step, ... (`length` of them) along one axis; step may be negative. */
export interface AxisRange {
  readonly start: number;
  readonly step: number;
  readonly length: number;
}

function emptyLike(data: RawArray, n: number): RawArray {
  return new (data.constructor as new (n: number) => RawArray)(n);
}

/**
 * out[at] += every stored entry at (major, minor), duplicates summed
 * (logical or for bool). O(entries of that major slice).
 */
export function sumAt(a: Compressed, major: number, minor: number, width: 1 | 2, isBool: boolean, out: RawArray, at: number): void {
  for (let k = a.indptr[major]!; k < a.indptr[major + 1]!; k++) {
    if (a.indices[k] === minor) addAt(out, at, a.data, k, width, isBool);
  }
}

/** The place of minor index c in the range r, or -1 when r does not select it. */
function placeIn(c: number, r: AxisRange): number {
  const d = c - r.start;
  // `%` keeps the sign of d, and 0 (or -0) means divisible for either sign of step.
  if (d % r.step !== 0) return -1;
  const q = d / r.step;
  return q >= 0 && q < r.length ? q : -1;
}

/**
 * The sub-matrix of the majors `maj` and minors `min` (GetItem2d), compressed
 * along the same axis. Entries keep their order within each major slice.
 * O(maj.length + entries of the selected major slices); when every minor is
 * selected in order the slices are copied without a test per entry.
 */
export function sliceCompressed(a: Compressed, maj: AxisRange, min: AxisRange, nMinor: number, width: 1 | 2): Compressed {
  const { indptr, indices, data } = a;
  const fullMinor = min.start === 0 && min.step === 1 && min.length === nMinor;
  const outPtr = new Int32Array(maj.length + 1);
  for (let t = 0; t < maj.length; t++) {
    const i = maj.start + t * maj.step;
    let n = 0;
    if (fullMinor) n = indptr[i + 1]! - indptr[i]!;
    else for (let k = indptr[i]!; k < indptr[i + 1]!; k++) if (placeIn(indices[k]!, min) >= 0) n++;
    outPtr[t + 1] = outPtr[t]! + n;
  }
  const nnz = outPtr[maj.length]!;
  const outIdx = new Int32Array(nnz);
  const outData = emptyLike(data, nnz * width);
  let n = 0;
  for (let t = 0; t < maj.length; t++) {
    const i = maj.start + t * maj.step;
    for (let k = indptr[i]!; k < indptr[i + 1]!; k++) {
      const q = fullMinor ? indices[k]! : placeIn(indices[k]!, min);
      if (q < 0) continue;
      outIdx[n] = q;
      copyAt(outData, n, data, k, width);
      n++;
    }
  }
  return { indptr: outPtr, indices: outIdx, data: outData };
}

/**
 * The major slices `majors` (in range, repeats allowed) stacked in that order:
 * rows of a CSR matrix (GetItemList on CSR). O(majors.length + their entries).
 */
export function takeMajors(a: Compressed, majors: Int32Array, width: 1 | 2): Compressed {
  const { indptr, indices, data } = a;
  const m = majors.length;
  const outPtr = new Int32Array(m + 1);
  for (let t = 0; t < m; t++) outPtr[t + 1] = outPtr[t]! + indptr[majors[t]! + 1]! - indptr[majors[t]!]!;
  const nnz = outPtr[m]!;
  const outIdx = new Int32Array(nnz);
  const outData = emptyLike(data, nnz * width);
  for (let t = 0; t < m; t++) {
    const s = indptr[majors[t]!]!;
    const len = outPtr[t + 1]! - outPtr[t]!;
    outIdx.set(indices.subarray(s, s + len), outPtr[t]!);
    outData.set(data.subarray(s * width, (s + len) * width) as never, outPtr[t]! * width);
  }
  return { indptr: outPtr, indices: outIdx, data: outData };
}

/**
 * The minors `minors` (in range, repeats allowed) as the new minor axis: minor
 * t of the result is minor minors[t] of `a` (rows of a CSC matrix, for
 * GetItemList on CSC, without converting to CSR). The positions naming each old
 * minor are grouped by a counting sort, then every stored entry is emitted once
 * per position naming its minor. O(nMinor + minors.length + nnz + entries emitted).
 */
export function takeMinors(a: Compressed, nMajor: number, nMinor: number, minors: Int32Array, width: 1 | 2): Compressed {
  const { indptr, indices, data } = a;
  const m = minors.length;
  const head = new Int32Array(nMinor + 1);
  for (let t = 0; t < m; t++) head[minors[t]! + 1]!++;
  for (let c = 0; c < nMinor; c++) head[c + 1]! += head[c]!;
  const places = new Int32Array(m);
  const next = head.slice(0, nMinor);
  for (let t = 0; t < m; t++) places[next[minors[t]!]!++] = t;
  const outPtr = new Int32Array(nMajor + 1);
  for (let i = 0; i < nMajor; i++) {
    let n = 0;
    for (let k = indptr[i]!; k < indptr[i + 1]!; k++) n += head[indices[k]! + 1]! - head[indices[k]!]!;
    outPtr[i + 1] = outPtr[i]! + n;
  }
  const nnz = outPtr[nMajor]!;
  const outIdx = new Int32Array(nnz);
  const outData = emptyLike(data, nnz * width);
  let n = 0;
  for (let i = 0; i < nMajor; i++) {
    for (let k = indptr[i]!; k < indptr[i + 1]!; k++) {
      const c = indices[k]!;
      for (let p = head[c]!; p < head[c + 1]!; p++) {
        outIdx[n] = places[p]!;
        copyAt(outData, n, data, k, width);
        n++;
      }
    }
  }
  return { indptr: outPtr, indices: outIdx, data: outData };
}

/**
 * out[z] = the sum of the stored entries at (majors[z], minors[z]) (GetItem2Lists).
 * `out` starts zeroed. O(sum of the entries of the named major slices).
 */
export function sampleAt(a: Compressed, majors: Int32Array, minors: Int32Array, width: 1 | 2, isBool: boolean, out: RawArray): void {
  for (let z = 0; z < majors.length; z++) sumAt(a, majors[z]!, minors[z]!, width, isBool, out, z);
}

/**
 * The gradient of taking majors (GetItemListGrad on CSR): major slice t of `g`
 * goes to major slice majors[t] of a result with `nMajor` slices; slices named
 * twice are concatenated (their values add up, as duplicates).
 * O(nMajor + majors.length + nnz(g)).
 */
export function scatterMajors(g: Compressed, majors: Int32Array, nMajor: number, width: 1 | 2): Compressed {
  const { indptr, indices, data } = g;
  const m = majors.length;
  const outPtr = new Int32Array(nMajor + 1);
  for (let t = 0; t < m; t++) outPtr[majors[t]! + 1]! += indptr[t + 1]! - indptr[t]!;
  for (let i = 0; i < nMajor; i++) outPtr[i + 1]! += outPtr[i]!;
  const nnz = outPtr[nMajor]!;
  const next = outPtr.slice(0, nMajor);
  const outIdx = new Int32Array(nnz);
  const outData = emptyLike(data, nnz * width);
  for (let t = 0; t < m; t++) {
    const s = indptr[t]!;
    const len = indptr[t + 1]! - s;
    const at = next[majors[t]!]!;
    outIdx.set(indices.subarray(s, s + len), at);
    outData.set(data.subarray(s * width, (s + len) * width) as never, at * width);
    next[majors[t]!]! += len;
  }
  return { indptr: outPtr, indices: outIdx, data: outData };
}

/**
 * The gradient of taking minors (GetItemListGrad on CSC): the same structure
 * with minor t renamed minors[t] (minors named twice become duplicates, which
 * add up). O(nnz(g)).
 */
export function renameMinors(g: Compressed, minors: Int32Array, width: 1 | 2): Compressed {
  const nnz = g.indptr[g.indptr.length - 1]!;
  const outIdx = new Int32Array(nnz);
  for (let k = 0; k < nnz; k++) outIdx[k] = minors[g.indices[k]!]!;
  return { indptr: g.indptr.slice(), indices: outIdx, data: g.data.slice(0, nnz * width) as RawArray };
}
