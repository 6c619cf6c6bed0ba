/**
 * The sparse products (Dot, StructuredDot) for complex outputs (complex
 * multiply-add, no conjugation, as NumPy's dot) and int64/uint64 outputs
 * (exact BigInt sums, wrapping modulo 2^64 on store as NumPy's integers do).
 * Same loop orders and costs as dot-kernel.ts: O(nnz x dense columns) for a
 * dense operand, O(flops + rows + cols) for sparse @ sparse; both formats are
 * read as stored.
 */
import { castArray, fromRaw, isBigInt, rawView, type Dtype, type NDArray, type RawArray } from '@proj/tensor';
import { makeCompressed, type CompressedMatrix, type SparseFormat } from '../values/compressed';
import { newRaw } from '../values/storage';
import { bigRead, complexRead, wideFamily, type ComplexRead } from './arith-kernel-wide';

/** A dense 1-d or 2-d operand as (rows, cols, raw offset of (r, c)); a vector is `asColumn` k x 1 or 1 x k. */
function denseView(a: NDArray, asColumn: boolean): { rows: number; cols: number; at: (r: number, c: number) => number; data: RawArray } {
  const v = rawView(a);
  if (a.shape.length === 1) {
    const s = v.strides[0]!;
    return asColumn
      ? { rows: a.shape[0]!, cols: 1, at: (r) => v.offset + r * s, data: v.data }
      : { rows: 1, cols: a.shape[0]!, at: (_r, c) => v.offset + c * s, data: v.data };
  }
  const [s0, s1] = v.strides as [number, number];
  return { rows: a.shape[0]!, cols: a.shape[1]!, at: (r, c) => v.offset + r * s0 + c * s1, data: v.data };
}

/** Stored entries (row, col, k) of a compressed matrix, in storage order. */
function forEachStored(a: CompressedMatrix, f: (row: number, col: number, k: number) => void): void {
  const csr = a.format === 'csr';
  const { indptr, indices } = a;
  for (let p = 0; p < a.majorDim; p++) {
    for (let k = indptr[p]!; k < indptr[p + 1]!; k++) {
      if (csr) f(p, indices[k]!, k);
      else f(indices[k]!, p, k);
    }
  }
}

/**
 * The dense product as `outDtype`: `stored` visits the sparse operand's entries
 * and `terms(row, col, k, add)` calls add(outIndex, sparseOffset, denseOffset)
 * for each product term.
 */
function accumulate(
  outDtype: Dtype, size: number, sparse: CompressedMatrix, dense: RawArray, denseDtype: Dtype,
  visit: (add: (outIndex: number, k: number, denseOffset: number) => void) => void,
): RawArray {
  if (wideFamily(outDtype) === 'complex') {
    const acc = new Float64Array(2 * size);
    const s: ComplexRead = complexRead(sparse.data, sparse.dtype), d: ComplexRead = complexRead(dense, denseDtype);
    const w = sparse.width;
    visit((o, k, off) => {
      const a = s.re(k * w), b = s.im(k * w), c = d.re(off), e = d.im(off);
      acc[2 * o] += a * c - b * e;
      acc[2 * o + 1] += a * e + b * c;
    });
    const out = newRaw(outDtype, size) as Float64Array | Float32Array;
    out.set(acc);
    return out;
  }
  const s = bigRead(sparse.data), d = bigRead(dense);
  const acc = newRaw(outDtype, size) as BigInt64Array; // each store wraps modulo 2^64, as NumPy's integer dot
  visit((o, k, off) => {
    acc[o] = acc[o]! + s(k) * d(off);
  });
  return acc;
}

/** a @ b for a sparse a and a dense 1-d or 2-d b (output [m] or [m, n]). */
export function sparseDenseWide(a: CompressedMatrix, b: NDArray, outDtype: Dtype): NDArray {
  const bv = denseView(b, true);
  const [m] = a.shape;
  const n = bv.cols;
  const raw = accumulate(outDtype, m * n, a, bv.data, b.dtype, (add) => {
    forEachStored(a, (i, j, k) => {
      for (let c = 0; c < n; c++) add(i * n + c, k, bv.at(j, c));
    });
  });
  return fromRaw(outDtype, raw, b.shape.length === 1 ? [m] : [m, n]);
}

/** x @ y for a dense 1-d or 2-d x and a sparse y (output [n] or [m, n]). */
export function denseSparseWide(x: NDArray, y: CompressedMatrix, outDtype: Dtype): NDArray {
  const xv = denseView(x, false);
  const n = y.shape[1];
  const m = xv.rows;
  const raw = accumulate(outDtype, m * n, y, xv.data, x.dtype, (add) => {
    forEachStored(y, (j, c, k) => {
      for (let r = 0; r < m; r++) add(r * n + c, k, xv.at(r, j));
    });
  });
  return fromRaw(outDtype, raw, x.shape.length === 1 ? [n] : [m, n]);
}

/**
 * a @ b for two sparse matrices, as `format` (Gustavson's algorithm on the
 * rows of a and b for CSR; on the columns, as (b.T @ a.T).T, for CSC). Entries
 * that sum to zero are not stored; indices come out sorted.
 */
export function sparseSparseWide(a: CompressedMatrix, b: CompressedMatrix, outDtype: Dtype, format: SparseFormat): CompressedMatrix {
  const [m] = a.shape;
  const n = b.shape[1];
  // Majors of the left factor and of the result: rows for CSR, columns for CSC (then the factors swap).
  const [left, right] = format === 'csr' ? [a.tocsr(), b.tocsr()] : [b.tocsc(), a.tocsc()];
  const [nOut, nInner] = format === 'csr' ? [m, n] : [n, m];
  const indptr = new Int32Array(nOut + 1);
  const indices: number[] = [];
  const mark = new Int32Array(nInner).fill(-1);
  const row: number[] = [];
  const complex = wideFamily(outDtype) === 'complex';
  const re = new Float64Array(complex ? nInner : 0), im = new Float64Array(complex ? nInner : 0);
  const big = complex ? [] : new Array<bigint>(nInner).fill(0n);
  const values: number[] = [];
  const bigValues: bigint[] = [];
  const lc = complexRead(left.data, left.dtype), rc = complexRead(right.data, right.dtype);
  const lb = complex ? undefined : bigRead(left.data), rb = complex ? undefined : bigRead(right.data);
  for (let i = 0; i < nOut; i++) {
    row.length = 0;
    for (let ka = left.indptr[i]!; ka < left.indptr[i + 1]!; ka++) {
      const j = left.indices[ka]!;
      for (let kb = right.indptr[j]!; kb < right.indptr[j + 1]!; kb++) {
        const c = right.indices[kb]!;
        if (mark[c] !== i) {
          mark[c] = i;
          row.push(c);
          if (complex) re[c] = im[c] = 0;
          else big[c] = 0n;
        }
        if (complex) {
          const x = lc.re(ka * left.width), y = lc.im(ka * left.width), u = rc.re(kb * right.width), v = rc.im(kb * right.width);
          re[c] += x * u - y * v;
          im[c] += x * v + y * u;
        } else big[c] = big[c]! + lb!(ka) * rb!(kb);
      }
    }
    row.sort((x, y) => x - y);
    for (const c of row) {
      if (complex) {
        if (re[c] === 0 && im[c] === 0) continue;
        values.push(re[c]!, im[c]!);
      } else {
        if (BigInt.asIntN(64, big[c]!) === 0n) continue;
        bigValues.push(big[c]!);
      }
      indices.push(c);
    }
    indptr[i + 1] = indices.length;
  }
  const data = newRaw(outDtype, indices.length);
  if (complex) (data as Float64Array).set(values);
  else bigValues.forEach((v, k) => ((data as BigInt64Array)[k] = v));
  return makeCompressed(format, { indptr, indices: Int32Array.from(indices), data }, [m, n], outDtype);
}

/**
 * A dense operand of a real product as JS numbers: int64/uint64 values are
 * converted to float64 (the product's dtype is then float64, NumPy's rule for
 * a 64-bit integer with a float), other values are returned as they are.
 */
export function denseAsNumbers(a: NDArray): NDArray {
  return isBigInt(a.dtype) ? castArray(a, 'float64') : a;
}

/** A sparse operand of a real product as JS numbers (see denseAsNumbers). */
export function sparseAsNumbers(m: CompressedMatrix): CompressedMatrix {
  return isBigInt(m.dtype) ? m.astype('float64') : m;
}
