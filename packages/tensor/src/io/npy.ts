/**
 * NumPy's .npy format (versions 1.0, 2.0 and 3.0) for dense values: read what
 * numpy.save writes and write what numpy.load reads. Works on bytes
 * (Uint8Array), so it runs in the browser as well as in Node.
 */
import { ArgumentError, DtypeError } from '@proj/graph';
import { dtypeWidth, rawArrayCtor, type Dtype, type RawArray } from '../dtype/dtypes';
import { contiguousStrides, copyArray, fromRaw, rawView, sizeOf, type NDArray } from '../value/ndarray';

/** The error for bytes that are not a .npy file this reader understands. */
export class NpyFormatError extends ArgumentError {}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

/** NumPy type codes (kind + item size) and our dtypes. */
const CODES: Readonly<Record<string, Dtype>> = {
  b1: 'bool',
  i1: 'int8',
  i2: 'int16',
  i4: 'int32',
  i8: 'int64',
  u1: 'uint8',
  u2: 'uint16',
  u4: 'uint32',
  u8: 'uint64',
  f4: 'float32',
  f8: 'float64',
  c8: 'complex64',
  c16: 'complex128',
};
const DESCR: Readonly<Record<Dtype, string>> = Object.fromEntries(Object.entries(CODES).map(([code, d]) => [d, (code.endsWith('1') ? '|' : '<') + code])) as Record<Dtype, string>;

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

interface Header {
  readonly dtype: Dtype;
  /** Bytes of one raw number (8 for complex128: two of them per element). */
  readonly rawBytes: number;
  readonly swap: boolean;
  readonly fortran: boolean;
  readonly shape: number[];
}

function fail(expected: string, given: string): NpyFormatError {
  return new NpyFormatError({ op: 'loadNpy', argument: 'bytes', expected, given });
}

/** Parses the header dict, e.g. {'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }. */
function parseHeader(text: string): Header {
  const descr = /'descr'\s*:\s*'([<>|=])([a-zA-Z])(\d+)'/.exec(text);
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(text);
  const shape = /'shape'\s*:\s*\(([^)]*)\)/.exec(text);
  if (descr === null || fortran === null || shape === null) throw fail("a header dict with 'descr' (a simple type code), 'fortran_order' and 'shape'", JSON.stringify(text.trim()));
  const [, order, kind, size] = descr;
  const dtype = CODES[`${kind}${size}`];
  if (dtype === undefined) throw new DtypeError({ op: 'loadNpy', argument: 'descr', expected: `one of ${Object.keys(CODES).join(', ')} (with < > | or =)`, given: `'${order}${kind}${size}'` });
  const dims = shape[1]!
    .split(',')
    .map((s) => s.trim().replace(/L$/, ''))
    .filter((s) => s.length > 0)
    .map(Number);
  if (dims.some((d) => !Number.isInteger(d) || d < 0)) throw fail('a shape tuple of non-negative integers', `(${shape[1]})`);
  const rawBytes = Number(size) / dtypeWidth(dtype);
  const big = order === '>' || (order === '=' && !LITTLE_ENDIAN);
  return { dtype, rawBytes, swap: rawBytes > 1 && big === LITTLE_ENDIAN, fortran: fortran[1] === 'True', shape: dims };
}

/**
 * Reads a .npy file's bytes into a value (a copy: it never aliases `bytes`).
 * Fortran-ordered arrays come back as column-major strided views of their data;
 * big-endian files are byte-swapped. Object arrays and structured dtypes are refused.
 *
 * @example
 * const x = loadNpy(fs.readFileSync('x.npy')); // written by numpy.save('x.npy', x)
 * x.shape; // [3, 4]
 */
export function loadNpy(bytes: Uint8Array): NDArray {
  if (!(bytes instanceof Uint8Array)) throw new ArgumentError({ op: 'loadNpy', argument: 'bytes', expected: 'a Uint8Array (e.g. fs.readFileSync(path))', given: Object.prototype.toString.call(bytes) });
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) throw fail('bytes starting with the .npy magic \\x93NUMPY', `${bytes.length} bytes starting ${Array.from(bytes.subarray(0, 6), (b) => b.toString(16).padStart(2, '0')).join(' ')}`);
  const major = bytes[6]!;
  if (major < 1 || major > 3) throw fail('format version 1, 2 or 3', `${major}.${bytes[7]}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLen = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const start = major === 1 ? 10 : 12;
  if (start + headerLen > bytes.length) throw fail(`a header of ${headerLen} bytes`, `a file of ${bytes.length} bytes`);
  const header = parseHeader(new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(bytes.subarray(start, start + headerLen)));
  const n = sizeOf(header.shape);
  const nraw = n * dtypeWidth(header.dtype);
  const dataStart = start + headerLen;
  const nbytes = nraw * header.rawBytes;
  if (bytes.length - dataStart < nbytes) throw fail(`${nbytes} data bytes for shape (${header.shape.join(', ')}) of ${header.dtype}`, `${bytes.length - dataStart}`);
  const copy = bytes.slice(dataStart, dataStart + nbytes);
  if (header.swap) swapBytes(copy, header.rawBytes);
  const Ctor = rawArrayCtor(header.dtype) as unknown as new (buffer: ArrayBuffer, offset: number, length: number) => RawArray;
  const raw = new Ctor(copy.buffer as ArrayBuffer, 0, nraw);
  if (!header.fortran || header.shape.length < 2) return fromRaw(header.dtype, raw, header.shape);
  const fStrides = contiguousStrides([...header.shape].reverse()).reverse();
  return fromRaw(header.dtype, raw, header.shape, fStrides, 0);
}

/** Reverses the bytes of each `width`-byte number in place. */
function swapBytes(b: Uint8Array, width: number): void {
  for (let k = 0; k < b.length; k += width) {
    for (let i = 0, j = width - 1; i < j; i++, j--) {
      const t = b[k + i]!;
      b[k + i] = b[k + j]!;
      b[k + j] = t;
    }
  }
}

/**
 * Writes a value as .npy bytes (version 1.0, little-endian, C order; the
 * header padded so the data starts at a multiple of 64 as NumPy does).
 *
 * @example
 * fs.writeFileSync('x.npy', saveNpy(x)); // numpy.load('x.npy') reads it
 */
export function saveNpy(value: NDArray): Uint8Array {
  if (typeof value !== 'object' || value === null || typeof (value as Partial<NDArray>).dtype !== 'string' || !Array.isArray((value as Partial<NDArray>).shape)) {
    throw new ArgumentError({ op: 'saveNpy', argument: 'value', expected: 'a dense ndarray value', given: String(value) });
  }
  const descr = DESCR[value.dtype];
  if (descr === undefined) throw new DtypeError({ op: 'saveNpy', argument: 'value', expected: `one of ${Object.keys(DESCR).join(', ')}`, given: String(value.dtype) });
  const shape = value.shape.length === 1 ? `(${value.shape[0]},)` : `(${value.shape.join(', ')})`;
  let dict = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shape}, }`;
  const pad = 64 - ((10 + dict.length + 1) % 64);
  dict += ' '.repeat(pad % 64) + '\n';
  const raw = rawView(copyArray(value)).data as unknown as { buffer: ArrayBuffer; byteOffset: number; byteLength: number };
  const data = new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength);
  if (!LITTLE_ENDIAN) throw new ArgumentError({ op: 'saveNpy', argument: 'platform', expected: 'a little-endian platform', given: 'big-endian' });
  const out = new Uint8Array(10 + dict.length + data.length);
  out.set(MAGIC, 0);
  out[6] = 1;
  out[7] = 0;
  new DataView(out.buffer).setUint16(8, dict.length, true);
  for (let i = 0; i < dict.length; i++) out[10 + i] = dict.charCodeAt(i);
  out.set(data, 10 + dict.length);
  return out;
}
