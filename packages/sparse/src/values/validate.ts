/**
 * The structure check every sparse matrix passes when it is made (SciPy's
 * check_format, with messages that say exactly what is wrong and where).
 */
import type { RawArray } from '@proj/tensor';
import { SparseFormatError } from './errors';
import { INDEX_MAX } from './storage';

/** Checks a [rows, cols] shape: two non-negative integers that fit int32. */
export function checkShape(shape: unknown, op: string): [number, number] {
  if (!Array.isArray(shape) || shape.length !== 2) {
    throw new SparseFormatError(op, `shape must be [rows, cols], got ${JSON.stringify(shape)}`, 'shape');
  }
  for (const s of shape) {
    if (typeof s !== 'number' || !Number.isInteger(s) || s < 0) {
      throw new SparseFormatError(op, `shape must hold non-negative integers, got [${shape.join(', ')}]`, 'shape');
    }
    if (s > INDEX_MAX) {
      throw new SparseFormatError(op, `shape [${shape.join(', ')}] does not fit the int32 index dtype (max ${INDEX_MAX})`, 'shape');
    }
  }
  return [shape[0] as number, shape[1] as number];
}

/** What the checker needs to know about the axes of one format. */
export interface AxisNames {
  /** 'rows' for CSR, 'cols' for CSC. */
  readonly major: string;
  /** 'column' for CSR (its indices are columns), 'row' for CSC. */
  readonly minorIndex: string;
  /** 'columns' for CSR, 'rows' for CSC. */
  readonly minorPlural: string;
}

/**
 * Checks that indptr, indices and data describe a valid compressed matrix with
 * `nMajor` slices over `nMinor` positions. Unsorted indices, duplicates and
 * explicit zeros are valid. O(nnz + nMajor).
 */
export function checkCompressed(
  nMajor: number,
  nMinor: number,
  indptr: Int32Array,
  indices: Int32Array,
  data: RawArray,
  width: 1 | 2,
  names: AxisNames,
  op: string,
): void {
  if (indptr.length !== nMajor + 1) {
    throw new SparseFormatError(op, `indptr has ${indptr.length} entries, expected ${names.major} + 1 = ${nMajor + 1}`, 'indptr');
  }
  if (indptr[0] !== 0) throw new SparseFormatError(op, `indptr[0] = ${indptr[0]} but must be 0`, 'indptr');
  for (let i = 0; i < nMajor; i++) {
    if (indptr[i]! > indptr[i + 1]!) {
      throw new SparseFormatError(op, `indptr must be non-decreasing: indptr[${i}] = ${indptr[i]} > indptr[${i + 1}] = ${indptr[i + 1]}`, 'indptr');
    }
  }
  if (data.length % width !== 0) {
    throw new SparseFormatError(op, `complex data needs an even number of raw values (re, im), got ${data.length}`, 'data');
  }
  const nData = data.length / width;
  if (indices.length !== nData) {
    throw new SparseFormatError(op, `indices has ${indices.length} entries but data has ${nData}`, 'indices');
  }
  const last = indptr[nMajor]!;
  if (last !== nData) throw new SparseFormatError(op, `indptr[-1] = ${last} but data has ${nData} entries`, 'indptr');
  for (let k = 0; k < last; k++) {
    const j = indices[k]!;
    if (j < 0 || j >= nMinor) {
      throw new SparseFormatError(op, `${names.minorIndex} index ${j} out of range for ${nMinor} ${names.minorPlural} (at position ${k})`, 'indices');
    }
  }
}
