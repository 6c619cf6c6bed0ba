/**
 * The sparse arithmetic kernels for the dtypes JS numbers cannot carry: complex
 * (re, im interleaved, complex arithmetic) and int64/uint64 (BigInt, exact, and
 * wrapping modulo 2^64 on store as NumPy's integers do). The Ops pick these
 * when their output dtype is complex or a 64-bit integer; inputs of narrower
 * dtypes are read into the output's family (a real as re + 0i, an int32 as a
 * BigInt). Costs grow with nnz, as in arith-kernel.ts.
 */
import { fromRaw, isBigInt, isComplex, rawView, type Dtype, type NDArray, type RawArray } from '@proj/tensor';
import { makeCompressed, type CompressedMatrix } from '../values/compressed';
import { newRaw } from '../values/storage';
import { canonical, sameFormat } from './arith-kernel';

/** The value families handled here. */
export type WideFamily = 'complex' | 'bigint';

/** 'complex' or 'bigint' for the dtypes these kernels handle, else undefined (JS numbers suffice). */
export function wideFamily(dtype: Dtype): WideFamily | undefined {
  return isComplex(dtype) ? 'complex' : isBigInt(dtype) ? 'bigint' : undefined;
}

export type WideOp = 'add' | 'mul';

/** Reads of a raw array at raw offsets: real and imaginary parts (imaginary 0 for real dtypes). */
export interface ComplexRead {
  re(o: number): number;
  im(o: number): number;
}

export function complexRead(data: RawArray, dtype: Dtype): ComplexRead {
  const d = data as ArrayLike<number | bigint>;
  if (isComplex(dtype)) return { re: (o) => d[o] as number, im: (o) => d[o + 1] as number };
  return { re: (o) => Number(d[o]), im: () => 0 };
}

/** A BigInt read of a raw array of an integer (or bool) dtype at a raw offset. */
export function bigRead(data: RawArray): (o: number) => bigint {
  const d = data as ArrayLike<number | bigint>;
  return (o) => {
    const v = d[o]!;
    return typeof v === 'bigint' ? v : BigInt(v);
  };
}

/** The raw output of `dtype` from complex parts computed in float64 (rounded to float32 for complex64). */
function complexOut(dtype: Dtype, parts: Float64Array, n: number): RawArray {
  const out = newRaw(dtype, n) as Float64Array | Float32Array;
  out.set(parts.subarray(0, 2 * n));
  return out;
}

/**
 * Merges the canonical rows of A and B (one format), calling `visit(minor, ka, kb, n)`
 * for every position stored in either (ka / kb: the stored entry, or -1); `visit`
 * writes slot n and returns whether it stored a value there (zeros are not stored).
 */
function merge(A: CompressedMatrix, B: CompressedMatrix, visit: (j: number, ka: number, kb: number, n: number) => boolean): { indptr: Int32Array; indices: Int32Array; n: number } {
  const indptr = new Int32Array(A.majorDim + 1);
  const indices = new Int32Array(A.nnz + B.nnz);
  const ap = A.indptr, ai = A.indices, bp = B.indptr, bi = B.indices, nMinor = A.minorDim;
  let n = 0;
  for (let i = 0; i < A.majorDim; i++) {
    let p = ap[i]!, q = bp[i]!;
    const pe = ap[i + 1]!, qe = bp[i + 1]!;
    while (p < pe || q < qe) {
      const ja = p < pe ? ai[p]! : nMinor;
      const jb = q < qe ? bi[q]! : nMinor;
      const j = Math.min(ja, jb);
      const ka = ja === j ? p++ : -1;
      const kb = jb === j ? q++ : -1;
      if (visit(j, ka, kb, n)) indices[n++] = j;
    }
    indptr[i + 1] = n;
  }
  return { indptr, indices: indices.slice(0, n), n };
}

/** a + b or a * b elementwise for sparse a and b of one shape, output complex or 64-bit integer (SciPy's csr_binop_csr). */
export function sparseBinopWide(a: CompressedMatrix, b: CompressedMatrix, op: WideOp, outDtype: Dtype): CompressedMatrix {
  const A = canonical(a);
  const B = canonical(sameFormat(a, b));
  if (wideFamily(outDtype) === 'complex') {
    const ar = complexRead(A.data, A.dtype), br = complexRead(B.data, B.dtype);
    const wa = A.width, wb = B.width;
    const parts = new Float64Array(2 * (A.nnz + B.nnz));
    const m = merge(A, B, (_j, ka, kb, n) => {
      const xr = ka >= 0 ? ar.re(ka * wa) : 0, xi = ka >= 0 ? ar.im(ka * wa) : 0;
      const yr = kb >= 0 ? br.re(kb * wb) : 0, yi = kb >= 0 ? br.im(kb * wb) : 0;
      const re = op === 'add' ? xr + yr : xr * yr - xi * yi;
      const im = op === 'add' ? xi + yi : xr * yi + xi * yr;
      if (re === 0 && im === 0) return false;
      parts[2 * n] = re;
      parts[2 * n + 1] = im;
      return true;
    });
    return makeCompressed(A.format, { indptr: m.indptr, indices: m.indices, data: complexOut(outDtype, parts, m.n) }, A.shape, outDtype);
  }
  const ar = bigRead(A.data), br = bigRead(B.data);
  const vals = newRaw(outDtype, A.nnz + B.nnz) as BigInt64Array;
  const m = merge(A, B, (_j, ka, kb, n) => {
    const x = ka >= 0 ? ar(ka) : 0n, y = kb >= 0 ? br(kb) : 0n;
    const v = op === 'add' ? x + y : x * y;
    vals[n] = v; // the store wraps modulo 2^64, as NumPy's int64 arithmetic
    return vals[n] !== 0n;
  });
  return makeCompressed(A.format, { indptr: m.indptr, indices: m.indices, data: vals.slice(0, m.n) }, A.shape, outDtype);
}

/** The raw offset of y's element for a stored entry at (row, col): y is 0-d, a vector over columns, or a matrix. */
function denseOffsets(y: NDArray): (row: number, col: number) => number {
  const v = rawView(y);
  if (v.shape.length === 0) return () => v.offset;
  if (v.shape.length === 1) return (_r, c) => v.offset + c * v.strides[0]!;
  return (r, c) => v.offset + r * v.strides[0]! + c * v.strides[1]!;
}

/**
 * x's structure with values x_k (op) y[row, col] (MulSD, MulSV, StructuredAddSV),
 * y read through its strides (0-d: one value; 1-d: one per column).
 */
export function mapStoredWide(x: CompressedMatrix, y: NDArray, op: WideOp, outDtype: Dtype): CompressedMatrix {
  const at = denseOffsets(y);
  const yv = rawView(y);
  const csr = x.format === 'csr';
  const nnz = x.nnz;
  const { indptr, indices } = x;
  let data: RawArray;
  if (wideFamily(outDtype) === 'complex') {
    const xr = complexRead(x.data, x.dtype), yr = complexRead(yv.data, y.dtype);
    const w = x.width;
    const parts = new Float64Array(2 * nnz);
    for (let i = 0; i < x.majorDim; i++) {
      for (let k = indptr[i]!; k < indptr[i + 1]!; k++) {
        const o = csr ? at(i, indices[k]!) : at(indices[k]!, i);
        const a = xr.re(k * w), b = xr.im(k * w), c = yr.re(o), d = yr.im(o);
        parts[2 * k] = op === 'add' ? a + c : a * c - b * d;
        parts[2 * k + 1] = op === 'add' ? b + d : a * d + b * c;
      }
    }
    data = complexOut(outDtype, parts, nnz);
  } else {
    const xr = bigRead(x.data), yr = bigRead(yv.data);
    const vals = newRaw(outDtype, nnz) as BigInt64Array;
    for (let i = 0; i < x.majorDim; i++) {
      for (let k = indptr[i]!; k < indptr[i + 1]!; k++) {
        const o = csr ? at(i, indices[k]!) : at(indices[k]!, i);
        vals[k] = op === 'add' ? xr(k) + yr(o) : xr(k) * yr(o);
      }
    }
    data = vals;
  }
  return makeCompressed(x.format, { indptr: indptr.slice(), indices: indices.slice(0, nnz), data }, x.shape, outDtype);
}

/** x + y for a sparse x and a dense matrix y: y cast to the output, then x's entries added (duplicates summed). */
export function addDenseWide(x: CompressedMatrix, y: NDArray, outDtype: Dtype): NDArray {
  const [rows, cols] = x.shape;
  const yv = rawView(y);
  const at = denseOffsets(y);
  const csr = x.format === 'csr';
  const { indptr, indices } = x;
  if (wideFamily(outDtype) === 'complex') {
    const parts = new Float64Array(2 * rows * cols);
    const yr = complexRead(yv.data, y.dtype), xr = complexRead(x.data, x.dtype);
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        parts[2 * (r * cols + c)] = yr.re(at(r, c));
        parts[2 * (r * cols + c) + 1] = yr.im(at(r, c));
      }
    }
    const w = x.width;
    for (let i = 0; i < x.majorDim; i++) {
      for (let k = indptr[i]!; k < indptr[i + 1]!; k++) {
        const [r, c] = csr ? [i, indices[k]!] : [indices[k]!, i];
        parts[2 * (r * cols + c)] += xr.re(k * w);
        parts[2 * (r * cols + c) + 1] += xr.im(k * w);
      }
    }
    return fromRaw(outDtype, complexOut(outDtype, parts, rows * cols), [rows, cols]);
  }
  const yr = bigRead(yv.data), xr = bigRead(x.data);
  const out = newRaw(outDtype, rows * cols) as BigInt64Array;
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[r * cols + c] = yr(at(r, c));
  for (let i = 0; i < x.majorDim; i++) {
    for (let k = indptr[i]!; k < indptr[i + 1]!; k++) {
      const o = csr ? i * cols + indices[k]! : indices[k]! * cols + i;
      out[o] = out[o]! + xr(k);
    }
  }
  return fromRaw(outDtype, out, [rows, cols]);
}

/** x + y for two matrices of one structure (AddSSData), output complex or 64-bit integer. */
export function addSameStructureWide(x: CompressedMatrix, y: CompressedMatrix, outDtype: Dtype): CompressedMatrix {
  const nnz = x.nnz;
  let data: RawArray;
  if (wideFamily(outDtype) === 'complex') {
    const xr = complexRead(x.data, x.dtype), yr = complexRead(y.data, y.dtype);
    const parts = new Float64Array(2 * nnz);
    for (let k = 0; k < nnz; k++) {
      parts[2 * k] = xr.re(k * x.width) + yr.re(k * y.width);
      parts[2 * k + 1] = xr.im(k * x.width) + yr.im(k * y.width);
    }
    data = complexOut(outDtype, parts, nnz);
  } else {
    const xr = bigRead(x.data), yr = bigRead(y.data);
    const vals = newRaw(outDtype, nnz) as BigInt64Array;
    for (let k = 0; k < nnz; k++) vals[k] = xr(k) + yr(k);
    data = vals;
  }
  return makeCompressed(x.format, { indptr: x.indptr.slice(), indices: x.indices.slice(0, nnz), data }, x.shape, outDtype);
}
