/**
 * Kernels of the sparse arithmetic and comparison Ops, on the typed arrays of
 * CSR/CSC values. A CSR matrix is "major = rows", a CSC matrix "major = cols";
 * every kernel works on either. Costs grow with nnz (plus the dense size when
 * the output is dense, or when f(0, 0) != 0 makes the result dense in content).
 * Data are read as JS numbers: complex and 64-bit integer dtypes are refused
 * by the Ops before they reach these kernels.
 */
import { fromRaw, rawArrayCtor, rawView, type Dtype, type NDArray, type RawArray } from '@proj/tensor';
import { makeCompressed, type CompressedMatrix } from '../values/compressed';

type Num = Float64Array;
export type BinaryFn = (a: number, b: number) => number;

function newData(dtype: Dtype, n: number): RawArray {
  return new (rawArrayCtor(dtype))(n);
}

/** Stores v as an element of `dtype` (bool as 0/1). */
function put(out: RawArray, i: number, v: number, isBool: boolean): void {
  (out as Num)[i] = isBool ? (v !== 0 ? 1 : 0) : v; // NumPy: bool(nan) is True
}

/** The matrix with sorted indices and no duplicates (a copy when it needs one; inputs are never changed). */
export function canonical(m: CompressedMatrix): CompressedMatrix {
  return m.hasCanonicalFormat ? m : m.copy().sumDuplicates();
}

/** `b` in the format of `a` (converted only when they differ). */
export function sameFormat(a: CompressedMatrix, b: CompressedMatrix): CompressedMatrix {
  if (a.format === b.format) return b;
  return a.format === 'csr' ? b.tocsr() : b.tocsc();
}

/** A dense 2-D value read as (i, j) -> number through its strides. */
export function denseReader(y: NDArray): (i: number, j: number) => number {
  const v = rawView(y);
  const d = v.data as Num;
  if (v.shape.length === 0) {
    const c = Number(d[v.offset]);
    return () => c;
  }
  if (v.shape.length === 1) {
    const [s0] = v.strides as [number];
    return (_i, j) => Number(d[v.offset + j * s0]);
  }
  const [s0, s1] = v.strides as [number, number];
  return (i, j) => Number(d[v.offset + i * s0 + j * s1]);
}

/**
 * f applied elementwise to two sparse matrices of one shape (SciPy's csr_binop_csr):
 * a canonical result (sorted, no duplicates) that stores no zero results, in the
 * format of `a`. When f(0, 0) != 0 every position is visited.
 */
export function sparseBinop(a: CompressedMatrix, b: CompressedMatrix, f: BinaryFn, outDtype: Dtype): CompressedMatrix {
  const A = canonical(a);
  const B = canonical(sameFormat(a, b));
  const nMajor = A.majorDim;
  const nMinor = A.minorDim;
  const isBool = outDtype === 'bool';
  const zz = f(0, 0);
  const fullRows = zz !== 0 && !Number.isNaN(zz);
  const ap = A.indptr, ai = A.indices, ad = A.data as Num;
  const bp = B.indptr, bi = B.indices, bd = B.data as Num;
  const cap = fullRows ? nMajor * nMinor : A.nnz + B.nnz;
  const indptr = new Int32Array(nMajor + 1);
  const indices = new Int32Array(cap);
  const vals = new Float64Array(cap);
  let n = 0;
  const emit = (j: number, v: number): void => {
    if (v !== 0 || Number.isNaN(v)) {
      indices[n] = j;
      vals[n++] = v;
    }
  };
  for (let i = 0; i < nMajor; i++) {
    let p = ap[i]!, q = bp[i]!;
    const pe = ap[i + 1]!, qe = bp[i + 1]!;
    let next = 0; // next minor index not yet emitted (used when f(0, 0) != 0)
    while (p < pe || q < qe) {
      const ja = p < pe ? ai[p]! : nMinor;
      const jb = q < qe ? bi[q]! : nMinor;
      const j = Math.min(ja, jb);
      if (fullRows) for (; next < j; next++) emit(next, zz);
      const va = ja === j ? Number(ad[p++]) : 0;
      const vb = jb === j ? Number(bd[q++]) : 0;
      emit(j, f(va, vb));
      next = j + 1;
    }
    if (fullRows) for (; next < nMinor; next++) emit(next, zz);
    indptr[i + 1] = n;
  }
  const data = newData(outDtype, n);
  for (let k = 0; k < n; k++) put(data, k, vals[k]!, isBool);
  return makeCompressed(A.format, { indptr, indices: indices.slice(0, n), data }, A.shape, outDtype);
}

/** The same structure as `x` with values f(x_k, k) (duplicates and explicit zeros kept). */
export function mapStored(x: CompressedMatrix, f: (v: number, major: number, minor: number) => number, outDtype: Dtype): CompressedMatrix {
  const { indptr, indices } = x;
  const d = x.data as Num;
  const isBool = outDtype === 'bool';
  const data = newData(outDtype, x.nnz);
  for (let i = 0; i < x.majorDim; i++) {
    for (let k = indptr[i]!; k < indptr[i + 1]!; k++) put(data, k, f(Number(d[k]), i, indices[k]!), isBool);
  }
  return makeCompressed(x.format, { indptr: indptr.slice(), indices: indices.slice(), data }, x.shape, outDtype);
}

/** (row, col) of a stored entry from its (major, minor) position. */
export function rowCol(x: CompressedMatrix): (major: number, minor: number) => [number, number] {
  return x.format === 'csr' ? (i, j) => [i, j] : (i, j) => [j, i];
}

/**
 * A dense result: f(x, y) at every position, where y is a dense matrix (or
 * anything `denseReader` reads) and x sparse (duplicates summed). O(rows x cols + nnz).
 */
export function denseBinop(x: CompressedMatrix, y: (i: number, j: number) => number, f: BinaryFn, outDtype: Dtype): NDArray {
  const [rows, cols] = x.shape;
  const xs = new Float64Array(rows * cols);
  const d = x.data as Num;
  const rc = rowCol(x);
  for (let i = 0; i < x.majorDim; i++) {
    for (let k = x.indptr[i]!; k < x.indptr[i + 1]!; k++) {
      const [r, c] = rc(i, x.indices[k]!);
      xs[r * cols + c] += Number(d[k]);
    }
  }
  const isBool = outDtype === 'bool';
  const out = newData(outDtype, rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) put(out, r * cols + c, f(xs[r * cols + c]!, y(r, c)), isBool);
  return fromRaw(outDtype, out, [rows, cols]);
}

/** x + y for two matrices of one structure (AddSSData): data added position by position. */
export function addSameStructure(x: CompressedMatrix, y: CompressedMatrix, outDtype: Dtype): CompressedMatrix {
  const xd = x.data as Num;
  const yd = y.data as Num;
  const isBool = outDtype === 'bool';
  const data = newData(outDtype, x.nnz);
  for (let k = 0; k < x.nnz; k++) put(data, k, Number(xd[k]) + Number(yd[k]), isBool);
  return makeCompressed(x.format, { indptr: x.indptr.slice(), indices: x.indices.slice(), data }, x.shape, outDtype);
}
