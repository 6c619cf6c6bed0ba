/**
 * Matrix Market (.mtx) text: coordinate format with real, integer, complex or
 * pattern values and general, symmetric, skew-symmetric or hermitian symmetry
 * (what scipy.io.mmread / mmwrite handle for sparse matrices).
 */
import { ArgumentError, checkOptions } from '@proj/graph';
import { isComplex, isFloat, type Dtype, type RawArray } from '@proj/tensor';
import type { CSCMatrix, CSRMatrix, CompressedMatrix, SparseFormat } from './compressed';
import { fromCOO } from './construct';
import { SparseFormatError } from './errors';
import { INDEX_MAX, newRaw } from './storage';

type Field = 'real' | 'integer' | 'complex' | 'pattern';
type Symmetry = 'general' | 'symmetric' | 'skew-symmetric' | 'hermitian';

export interface MMReadOptions {
  /** 'csr' (default) or 'csc'. */
  readonly format?: SparseFormat;
}

export interface MMWriteOptions {
  /** Write only the lower triangle with the 'symmetric' header; the matrix must be symmetric. */
  readonly symmetric?: boolean;
  /** Write positions only (the 'pattern' field). */
  readonly pattern?: boolean;
  /** Comment lines written after the header. */
  readonly comment?: string;
}

const OP_READ = 'mmread';
const OP_WRITE = 'mmwrite';

const DTYPE_OF: Record<Field, Dtype> = { real: 'float64', integer: 'int64', complex: 'complex128', pattern: 'float64' };

function parseReal(tok: string | undefined, line: number): number {
  const t = tok?.toLowerCase();
  const v = t === 'inf' || t === '+inf' ? Infinity : t === '-inf' ? -Infinity : t === 'nan' ? NaN : Number(tok);
  if (tok === undefined || (Number.isNaN(v) && t !== 'nan')) throw new SparseFormatError(OP_READ, `line ${line}: expected a number, got ${JSON.stringify(tok ?? '')}`);
  return v;
}

function parseIndex(tok: string | undefined, size: number, what: string, line: number): number {
  const v = Number(tok);
  if (tok === undefined || !Number.isInteger(v) || v < 1 || v > size) {
    throw new SparseFormatError(OP_READ, `line ${line}: ${what} index ${tok ?? '(missing)'} out of range 1..${size}`);
  }
  return v - 1;
}

/**
 * Reads a Matrix Market coordinate text into a CSR (default) or CSC matrix.
 * real and pattern give float64 (pattern entries are 1), integer gives int64,
 * complex gives complex128; symmetric files are mirrored; duplicates are summed.
 *
 * @example
 * mmread('%%MatrixMarket matrix coordinate real general\n2 2 1\n1 2 3.5\n').get(0, 1); // 3.5
 */
export function mmread(text: string, options: MMReadOptions = {}): CSRMatrix | CSCMatrix {
  checkOptions(OP_READ, options, ['format']);
  if (typeof text !== 'string') throw new ArgumentError({ op: OP_READ, argument: 'text', expected: 'the text of a .mtx file', given: typeof text });
  const lines = text.split(/\r?\n/);
  const header = /^%%MatrixMarket\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s*$/i.exec(lines[0]?.trim() ?? '');
  if (!header) throw new SparseFormatError(OP_READ, `line 1: expected '%%MatrixMarket matrix coordinate <field> <symmetry>', got ${JSON.stringify(lines[0] ?? '')}`);
  const [object, layout, fieldName, symName] = header.slice(1).map((s) => s!.toLowerCase());
  if (object !== 'matrix') throw new SparseFormatError(OP_READ, `line 1: only 'matrix' objects are supported, got '${object}'`);
  if (layout !== 'coordinate') throw new SparseFormatError(OP_READ, `line 1: only the 'coordinate' (sparse) format is supported, got '${layout}'`);
  if (!['real', 'integer', 'complex', 'pattern'].includes(fieldName!)) throw new SparseFormatError(OP_READ, `line 1: unknown field '${fieldName}'`);
  if (!['general', 'symmetric', 'skew-symmetric', 'hermitian'].includes(symName!)) throw new SparseFormatError(OP_READ, `line 1: unknown symmetry '${symName}'`);
  const field = fieldName as Field;
  const symmetry = symName as Symmetry;
  let n = 1;
  const next = (): string[] | undefined => {
    while (n < lines.length) {
      const line = lines[n++]!.trim();
      if (line !== '' && !line.startsWith('%')) return line.split(/\s+/);
    }
    return undefined;
  };
  const size = next();
  const sizeLine = n;
  const [rows, cols, count] = (size ?? []).map(Number);
  if (size?.length !== 3 || ![rows, cols, count].every((v) => Number.isInteger(v) && v! >= 0 && v! <= INDEX_MAX)) {
    throw new SparseFormatError(OP_READ, `line ${sizeLine}: expected 'rows cols entries', got ${JSON.stringify(size?.join(' ') ?? 'end of text')}`);
  }
  const dtype = DTYPE_OF[field];
  const mirror = symmetry !== 'general';
  const cap = mirror ? 2 * count! : count!;
  const row = new Int32Array(cap);
  const col = new Int32Array(cap);
  const data = newRaw(dtype, cap);
  const values = data as Float64Array;
  const big = data as BigInt64Array;
  let k = 0;
  for (let e = 0; e < count!; e++) {
    const toks = next();
    if (!toks) throw new SparseFormatError(OP_READ, `the header announces ${count} entries but the text has ${e}`);
    const i = parseIndex(toks[0], rows!, 'row', n);
    const j = parseIndex(toks[1], cols!, 'column', n);
    const want = field === 'pattern' ? 2 : field === 'complex' ? 4 : 3;
    if (toks.length !== want) throw new SparseFormatError(OP_READ, `line ${n}: expected ${want} values for a ${field} entry, got ${toks.length}`);
    if (mirror && i < j) throw new SparseFormatError(OP_READ, `line ${n}: a ${symmetry} file stores the lower triangle only, got (${i + 1}, ${j + 1})`);
    let re = 1;
    let im = 0;
    let b = 0n;
    if (field === 'integer') {
      if (!/^[+-]?\d+$/.test(toks[2]!)) throw new SparseFormatError(OP_READ, `line ${n}: expected an integer, got ${JSON.stringify(toks[2])}`);
      b = BigInt(toks[2]!);
    } else if (field !== 'pattern') {
      re = parseReal(toks[2], n);
      if (field === 'complex') im = parseReal(toks[3], n);
    }
    const put = (r: number, c: number, sign: number, conj: number): void => {
      row[k] = r;
      col[k] = c;
      if (field === 'integer') big[k] = sign < 0 ? -b : b;
      else if (field === 'complex') {
        values[2 * k] = sign * re;
        values[2 * k + 1] = sign * conj * im;
      } else values[k] = sign * re;
      k++;
    };
    put(i, j, 1, 1);
    if (mirror && i !== j) put(j, i, symmetry === 'skew-symmetric' ? -1 : 1, symmetry === 'hermitian' ? -1 : 1);
  }
  if (next()) throw new SparseFormatError(OP_READ, `the header announces ${count} entries but the text has more`);
  const m = { row: row.subarray(0, k), col: col.subarray(0, k), data: data.subarray(0, k * (isComplex(dtype) ? 2 : 1)) as RawArray, shape: [rows!, cols!] };
  return fromCOO(m, { format: options.format ?? 'csr', dtype });
}

function formatReal(v: number): string {
  if (Number.isNaN(v)) return 'nan';
  if (v === Infinity) return 'inf';
  if (v === -Infinity) return '-inf';
  return String(v);
}

/**
 * The Matrix Market coordinate text of a matrix: field 'real' for floats,
 * 'integer' for integers and bool, 'complex' for complex (or 'pattern' on request).
 * Duplicates are summed; explicit zeros are written. With `symmetric`, only the
 * lower triangle is written, after checking that the matrix is symmetric.
 *
 * @example
 * mmwrite(csrMatrix([[0, 1.5], [0, 0]]));
 * // '%%MatrixMarket matrix coordinate real general\n2 2 1\n1 2 1.5\n'
 */
export function mmwrite(matrix: CompressedMatrix, options: MMWriteOptions = {}): string {
  checkOptions(OP_WRITE, options, ['symmetric', 'pattern', 'comment']);
  const a = matrix.tocsr().copy().sumDuplicates();
  const [rows, cols] = a.shape;
  const symmetric = options.symmetric ?? false;
  if (symmetric) {
    if (rows !== cols) throw new ArgumentError({ op: OP_WRITE, argument: 'symmetric', expected: 'a square matrix', given: `shape [${rows}, ${cols}]` });
    if (!sameEntries(a, a.transpose().tocsr())) {
      throw new ArgumentError({ op: OP_WRITE, argument: 'symmetric', expected: 'a symmetric matrix (A equal to its transpose)', given: 'a matrix that is not symmetric' });
    }
  }
  const field: Field = options.pattern ? 'pattern' : isComplex(a.dtype) ? 'complex' : isFloat(a.dtype) ? 'real' : 'integer';
  const out: string[] = [`%%MatrixMarket matrix coordinate ${field} ${symmetric ? 'symmetric' : 'general'}`];
  if (options.comment !== undefined) for (const c of options.comment.split('\n')) out.push(`%${c === '' ? '' : ' ' + c}`);
  const body: string[] = [];
  const d = a.data as Float64Array;
  for (let i = 0; i < rows; i++) {
    for (let k = a.indptr[i]!; k < a.indptr[i + 1]!; k++) {
      const j = a.indices[k]!;
      if (symmetric && j > i) continue;
      let v = '';
      if (field === 'complex') v = ` ${formatReal(d[2 * k]!)} ${formatReal(d[2 * k + 1]!)}`;
      else if (field === 'real') v = ` ${formatReal(d[k]!)}`;
      else if (field === 'integer') v = ` ${a.dtype === 'bool' ? (d[k] ? 1 : 0) : String(d[k])}`;
      body.push(`${i + 1} ${j + 1}${v}`);
    }
  }
  out.push(`${rows} ${cols} ${body.length}`);
  return out.concat(body).join('\n') + '\n';
}

/** Same canonical structure and values (NaN equal to NaN). */
function sameEntries(a: CSRMatrix, b: CSRMatrix): boolean {
  if (a.nnz !== b.nnz) return false;
  for (let k = 0; k < a.indptr.length; k++) if (a.indptr[k] !== b.indptr[k]) return false;
  for (let k = 0; k < a.nnz; k++) if (a.indices[k] !== b.indices[k]) return false;
  const x = a.data as Float64Array;
  const y = b.data as Float64Array;
  for (let k = 0; k < x.length; k++) if (x[k] !== y[k] && !(Number.isNaN(x[k]) && Number.isNaN(y[k]))) return false;
  return true;
}
