// Helpers of the sparse indexing tests: loading tools/fixtures/gen_sparse_getitem.py's
// JSON (encoded as tools/fixtures/encoded.py writes it) and encoding our results the same way.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { dtypeWidth, fromRaw, rawArrayCtor, rawView, type Dtype, type NDArray, type RawArray } from '@proj/tensor';
import { CSCMatrix, CSRMatrix, type CompressedMatrix } from '../src/values';

/** One encoded element: a number, an int64 as a decimal string, a bool, [re, im], or 'nan'/'inf'. */
export type Enc = number | string | boolean | [number, number];
export interface EncArray { dtype: string; shape: number[]; data: Enc[] }
export interface StructureJson { format: 'csr' | 'csc'; shape: number[]; dtype: string; data: Enc[]; indices: number[]; indptr: number[] }
export interface SparseResult { format: 'csr' | 'csc'; shape: number[]; dtype: string; nnz: number; dense: EncArray; stored: [number, number, Enc][] }
type Bounds = [number | null, number | null, number | null];

export interface GetItemFixtures {
  inputs: Record<string, StructureJson>;
  scalar: { key: string; index: [number, number]; value: EncArray }[];
  slice2d: { key: string; slices: [Bounds, Bounds]; result: SparseResult }[];
  slice1: { key: string; slice: Bounds; result: SparseResult }[];
  list: { key: string; rows: number[]; result: SparseResult }[];
  lists2: { key: string; rows: number[]; cols: number[]; value: EncArray }[];
  list_grad: { key: string; rows: number[]; w: EncArray; grad: EncArray }[];
  lists2_grad: { key: string; rows: number[]; cols: number[]; w: EncArray; grad: EncArray }[];
  sparse_grad: { x: EncArray; cases: { rows: number[]; w: EncArray; value: EncArray; grad: EncArray }[] };
}

export function loadGetItemFixtures(): GetItemFixtures {
  return JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'sparse-getitem.json'), 'utf8')) as GetItemFixtures;
}

function decodeNumber(v: Enc): number {
  if (v === 'nan') return NaN;
  if (v === 'inf') return Infinity;
  if (v === '-inf') return -Infinity;
  return Number(v);
}

/** Encoded elements as the raw storage of `dtype` (complex interleaved, int64 BigInt, bool 0/1). */
export function rawOf(values: readonly Enc[], dtype: Dtype): RawArray {
  if (dtype === 'int64' || dtype === 'uint64') {
    const Big = dtype === 'int64' ? BigInt64Array : BigUint64Array;
    return Big.from(values.map((v) => BigInt(v as string)));
  }
  const Ctor = rawArrayCtor(dtype) as unknown as { from(x: number[]): RawArray };
  if (dtypeWidth(dtype) === 2) return Ctor.from((values as [number, number][]).flat());
  return Ctor.from(values.map((v) => (typeof v === 'boolean' ? (v ? 1 : 0) : decodeNumber(v))));
}

export function matrixOf(s: StructureJson): CompressedMatrix {
  const parts = { data: rawOf(s.data, s.dtype as Dtype), indices: s.indices, indptr: s.indptr, shape: s.shape };
  return s.format === 'csr' ? new CSRMatrix(parts, { dtype: s.dtype as Dtype }) : new CSCMatrix(parts, { dtype: s.dtype as Dtype });
}

export function arrayOf(a: EncArray): NDArray {
  return fromRaw(a.dtype as Dtype, rawOf(a.data, a.dtype as Dtype), a.shape);
}

/** Element k of raw storage, encoded as encoded.py does. */
function encAt(raw: RawArray, k: number, dtype: string): Enc {
  if (dtypeWidth(dtype as Dtype) === 2) return [raw[2 * k] as number, raw[2 * k + 1] as number];
  const v = raw[k]!;
  if (typeof v === 'bigint') return String(v);
  if (dtype === 'bool') return v !== 0;
  if (Number.isNaN(v)) return 'nan';
  if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
  return v;
}

/** A dense value (contiguous or not) encoded as encoded.py's enc(). */
export function encArray(a: NDArray): EncArray {
  const v = rawView(a);
  const n = a.shape.reduce((p, q) => p * q, 1);
  const data: Enc[] = [];
  const idx = new Array<number>(a.shape.length).fill(0);
  for (let k = 0; k < n; k++) {
    let off = v.offset;
    idx.forEach((i, d) => (off += i * v.strides[d]!));
    data.push(encAt(v.data, off / v.width, a.dtype));
    for (let d = a.shape.length - 1; d >= 0; d--) {
      if (++idx[d]! < a.shape[d]!) break;
      idx[d] = 0;
    }
  }
  return { dtype: a.dtype, shape: [...a.shape], data };
}

/** Stored entries as [row, col, value] triplets, sorted (row, col, value text), explicit zeros and duplicates kept. */
export function storedOf(m: CompressedMatrix): [number, number, Enc][] {
  const out: [number, number, Enc][] = [];
  for (let i = 0; i < m.majorDim; i++) {
    for (let k = m.indptr[i]!; k < m.indptr[i + 1]!; k++) {
      const [r, c] = m.format === 'csr' ? [i, m.indices[k]!] : [m.indices[k]!, i];
      out.push([r, c, encAt(m.data, k, m.dtype)]);
    }
  }
  return sortStored(out);
}

export function sortStored(t: readonly [number, number, Enc][]): [number, number, Enc][] {
  return [...t].sort((a, b) => a[0] - b[0] || a[1] - b[1] || (JSON.stringify(a[2]) < JSON.stringify(b[2]) ? -1 : 1));
}

/** A sparse result in the fixture's form. */
export function resultOf(m: CompressedMatrix): SparseResult {
  return { format: m.format, shape: [...m.shape], dtype: m.dtype, nnz: m.nnz, dense: encArray(m.toarray()), stored: storedOf(m) };
}

/** The fixture's form of an expected result, its stored triplets sorted as storedOf sorts them. */
export function expectedResult(r: SparseResult): SparseResult {
  return { ...r, stored: sortStored(r.stored) };
}

/** A fixture's slice bounds as a slice text ('1:4', '::-1', ':'). */
export function sliceText([start, stop, step]: readonly (number | null)[]): string {
  const b = (v: number | null | undefined) => (v === null || v === undefined ? '' : String(v));
  return step === null ? `${b(start)}:${b(stop)}` : `${b(start)}:${b(stop)}:${b(step)}`;
}
