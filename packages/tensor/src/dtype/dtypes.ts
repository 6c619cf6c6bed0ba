import { DtypeError, config } from '@proj/graph';

/** NumPy/PyTensor dtype names. */
export const DTYPES = [
  'bool',
  'int8',
  'int16',
  'int32',
  'int64',
  'uint8',
  'uint16',
  'uint32',
  'uint64',
  'float32',
  'float64',
  'complex64',
  'complex128',
] as const;

export type Dtype = (typeof DTYPES)[number];

/** NumPy's kind letters: b(ool), i(nt), u(int), f(loat), c(omplex). */
export type DtypeKind = 'b' | 'i' | 'u' | 'f' | 'c';

/** The typed array that stores each dtype's raw numbers (complex: interleaved re, im; bool: 0/1 bytes). */
export type RawArray =
  | Uint8Array
  | Int8Array
  | Int16Array
  | Int32Array
  | BigInt64Array
  | Uint16Array
  | Uint32Array
  | BigUint64Array
  | Float32Array
  | Float64Array;

interface DtypeInfo {
  readonly kind: DtypeKind;
  /** Bits per element (complex: both parts). */
  readonly bits: number;
  /** Raw storage constructor; complex dtypes store 2 numbers per element. */
  readonly raw: new (n: number) => RawArray;
  /** Raw numbers per element. */
  readonly width: 1 | 2;
  /** PyTensor's one-letter prefix for constructors (b, w, i, l, f, d, c, z). */
  readonly letter?: string;
}

const INFO: Record<Dtype, DtypeInfo> = {
  bool: { kind: 'b', bits: 8, raw: Uint8Array, width: 1 },
  int8: { kind: 'i', bits: 8, raw: Int8Array, width: 1, letter: 'b' },
  int16: { kind: 'i', bits: 16, raw: Int16Array, width: 1, letter: 'w' },
  int32: { kind: 'i', bits: 32, raw: Int32Array, width: 1, letter: 'i' },
  int64: { kind: 'i', bits: 64, raw: BigInt64Array, width: 1, letter: 'l' },
  uint8: { kind: 'u', bits: 8, raw: Uint8Array, width: 1 },
  uint16: { kind: 'u', bits: 16, raw: Uint16Array, width: 1 },
  uint32: { kind: 'u', bits: 32, raw: Uint32Array, width: 1 },
  uint64: { kind: 'u', bits: 64, raw: BigUint64Array, width: 1 },
  float32: { kind: 'f', bits: 32, raw: Float32Array, width: 1, letter: 'f' },
  float64: { kind: 'f', bits: 64, raw: Float64Array, width: 1, letter: 'd' },
  complex64: { kind: 'c', bits: 64, raw: Float32Array, width: 2, letter: 'c' },
  complex128: { kind: 'c', bits: 128, raw: Float64Array, width: 2, letter: 'z' },
};

export function isDtype(x: unknown): x is Dtype {
  return typeof x === 'string' && Object.prototype.hasOwnProperty.call(INFO, x);
}

/**
 * Checks a dtype name, resolving 'floatX' to config.floatX; throws a DtypeError
 * naming the caller for an unknown one.
 *
 * @example
 * checkDtype('float32', 'pt.vector'); // 'float32'
 */
export function checkDtype(x: unknown, op = 'dtype'): Dtype {
  if (x === 'floatX') return config.floatX;
  if (!isDtype(x)) {
    throw new DtypeError({ op, argument: 'dtype', expected: `one of ${DTYPES.join(', ')} (or 'floatX')`, given: JSON.stringify(x) });
  }
  return x;
}

export function dtypeKind(d: Dtype): DtypeKind {
  return INFO[d].kind;
}

export function dtypeBits(d: Dtype): number {
  return INFO[d].bits;
}

/** Raw numbers stored per element: 2 for complex dtypes, else 1. */
export function dtypeWidth(d: Dtype): 1 | 2 {
  return INFO[d].width;
}

/** The typed array constructor of the raw storage of `d`. */
export function rawArrayCtor(d: Dtype): new (n: number) => RawArray {
  return INFO[d].raw;
}

/** PyTensor's constructor prefix letter of `d` (dscalar, fmatrix...), if it has one. */
export function dtypeLetter(d: Dtype): string | undefined {
  return INFO[d].letter;
}

export const isBool = (d: Dtype): boolean => INFO[d].kind === 'b';
export const isSignedInt = (d: Dtype): boolean => INFO[d].kind === 'i';
export const isUnsignedInt = (d: Dtype): boolean => INFO[d].kind === 'u';
/** int or uint (not bool). */
export const isInteger = (d: Dtype): boolean => INFO[d].kind === 'i' || INFO[d].kind === 'u';
/** bool, int or uint: the dtypes whose values are exact integers. */
export const isDiscrete = (d: Dtype): boolean => INFO[d].kind === 'b' || isInteger(d);
export const isFloat = (d: Dtype): boolean => INFO[d].kind === 'f';
export const isComplex = (d: Dtype): boolean => INFO[d].kind === 'c';
/** Values stored as BigInt (int64, uint64). */
export const isBigInt = (d: Dtype): boolean => d === 'int64' || d === 'uint64';

/** The float dtype with the same precision as a complex one (complex64 -> float32). */
export function complexToFloat(d: Dtype): Dtype {
  return d === 'complex64' ? 'float32' : d === 'complex128' ? 'float64' : d;
}

// NumPy's promotion lattice (np.result_type on arrays, NEP 50): the smallest
// dtype both can be cast to safely.
function promotePair(a: Dtype, b: Dtype): Dtype {
  if (a === b) return a;
  const ka = INFO[a].kind;
  const kb = INFO[b].kind;
  if (ka === 'b') return b;
  if (kb === 'b') return a;
  const rank = (k: DtypeKind) => ({ b: 0, u: 1, i: 1, f: 2, c: 3 })[k];
  if (rank(ka) < rank(kb)) return promotePair(b, a);
  // Now a is of the same or a higher category than b.
  if (ka === 'c') {
    const fb = kb === 'c' ? INFO[b].bits / 2 : kb === 'f' ? INFO[b].bits : intToFloatBits(b);
    return Math.max(INFO[a].bits / 2, fb) > 32 ? 'complex128' : 'complex64';
  }
  if (ka === 'f') {
    const fb = kb === 'f' ? INFO[b].bits : intToFloatBits(b);
    return Math.max(INFO[a].bits, fb) > 32 ? 'float64' : 'float32';
  }
  // Both integers.
  if (ka === kb) return INFO[a].bits >= INFO[b].bits ? a : b;
  const [s, u] = ka === 'i' ? [a, b] : [b, a];
  if (INFO[s].bits > INFO[u].bits) return s;
  if (INFO[u].bits === 64) return 'float64';
  return (`int${INFO[u].bits * 2}`) as Dtype;
}

// The float size that holds an integer dtype exactly in NumPy's rules:
// 8/16-bit integers fit in float32 (well, float16 for 8-bit), wider ones need float64.
function intToFloatBits(d: Dtype): number {
  return INFO[d].bits <= 16 ? 32 : 64;
}

/**
 * The dtype of a result combining the given dtypes (NumPy's result_type,
 * which PyTensor's scalar upcast follows).
 *
 * @example
 * upcast('int8', 'float32'); // 'float32'
 * upcast('int32', 'float32'); // 'float64'
 * upcast('int64', 'uint64'); // 'float64'
 */
export function upcast(first: Dtype, ...rest: Dtype[]): Dtype {
  return rest.reduce(promotePair, first);
}

/** Whether every value of `from` is exactly representable in `to` (NumPy's can_cast 'safe'). */
export function canCastSafely(from: Dtype, to: Dtype): boolean {
  return upcast(from, to) === to;
}

/** The integer range of an integer dtype, as BigInts. */
export function integerRange(d: Dtype): [bigint, bigint] {
  const bits = BigInt(INFO[d].bits);
  if (INFO[d].kind === 'b') return [0n, 1n];
  if (INFO[d].kind === 'u') return [0n, (1n << bits) - 1n];
  return [-(1n << (bits - 1n)), (1n << (bits - 1n)) - 1n];
}
