/**
 * The reference reduction kernels: a scalar op folded over any set of axes of
 * a strided value (typed arrays, strides, offsets), and arg-reductions
 * (argmax/argmin). Each output element folds one "group": the input elements
 * that share its kept indices. Offsets of a group relative to its first
 * element are computed once and reused for every group.
 */
import { ArgumentError } from '@proj/graph';
import { dtypeWidth, isBigInt, isComplex, isFloat, rawArrayCtor, type Dtype, type RawArray } from '../dtype/dtypes';
import { fromRaw, rawView, sizeOf, type NDArray, type RawView } from '../value/ndarray';
import type { Complex, ScalarOp } from '../scalar/scalar-op';

/** The output shape, each output's first raw offset (`bases`) and a group's raw offsets relative to it (`rel`). */
export interface GroupLayout {
  readonly outShape: number[];
  readonly bases: Float64Array;
  readonly rel: Float64Array;
}

/** Odometer over `shape` with raw `strides`, collecting each position's offset from `start`. */
function offsets(shape: readonly number[], strides: readonly number[], start: number): Float64Array {
  const n = sizeOf(shape);
  const out = new Float64Array(n);
  const nd = shape.length;
  const idx = new Array<number>(nd).fill(0);
  let off = start;
  for (let k = 0; k < n; k++) {
    out[k] = off;
    for (let d = nd - 1; d >= 0; d--) {
      idx[d]!++;
      off += strides[d]!;
      if (idx[d]! < shape[d]!) break;
      off -= strides[d]! * shape[d]!;
      idx[d] = 0;
    }
  }
  return out;
}

/**
 * Splits a strided view into output positions (the kept axes, row-major) and
 * the reduced group of each (the reduced axes, row-major in ascending axis order).
 *
 * @example
 * groupLayout(rawView(x), [1]).outShape; // x.shape without axis 1
 */
export function groupLayout(view: RawView, axes: readonly number[]): GroupLayout {
  const kept = view.shape.map((_, d) => d).filter((d) => !axes.includes(d));
  const outShape = kept.map((d) => view.shape[d]!);
  const bases = offsets(outShape, kept.map((d) => view.strides[d]!), view.offset);
  const rel = offsets(axes.map((d) => view.shape[d]!), axes.map((d) => view.strides[d]!), 0);
  return { outShape, bases, rel };
}

type Value = number | bigint | boolean | Complex;
type Fold = (data: RawArray, base: number, rel: Float64Array) => Value;

const WRAP: Partial<Record<Dtype, (x: number) => number>> = {
  bool: (x) => (x !== 0 ? 1 : 0),
  int8: (x) => (x << 24) >> 24,
  int16: (x) => (x << 16) >> 16,
  int32: (x) => x | 0,
  uint8: (x) => x & 0xff,
  uint16: (x) => x & 0xffff,
  uint32: (x) => x >>> 0,
};

function bigWrap(d: Dtype): (b: bigint) => bigint {
  return d === 'uint64' ? (b) => BigInt.asUintN(64, b) : (b) => BigInt.asIntN(64, b);
}

/** Folds for the accumulator dtype (the input's values fit in it: makeNode checks that). */
function makeFold(op: ScalarOp, inDtype: Dtype, accDtype: Dtype): Fold | undefined {
  const name = op.name;
  if (name === 'and' || name === 'or') return truthFold(name, inDtype);
  if (name === 'maximum' || name === 'minimum') return isBigInt(inDtype) ? bigExtremum(name) : numExtremum(name);
  if (isComplex(accDtype)) return complexFold(name, inDtype) ?? genericFold(op, inDtype, accDtype);
  if (isBigInt(accDtype)) return bigFold(name, inDtype, accDtype) ?? genericFold(op, inDtype, accDtype);
  const wrap = WRAP[accDtype];
  const rd = isBigInt(inDtype) ? (d: RawArray, o: number) => Number(d[o]) : (d: RawArray, o: number) => d[o] as number;
  if (name === 'add') {
    return wrap
      ? (d, b, r) => { let s = 0; for (let j = 0; j < r.length; j++) s = wrap(s + rd(d, b + r[j]!)); return s; }
      : (d, b, r) => { let s = 0; for (let j = 0; j < r.length; j++) s += rd(d, b + r[j]!); return s; };
  }
  if (name === 'mul' || name === 'mul_without_zeros') {
    const skip = name === 'mul_without_zeros';
    return wrap
      ? (d, b, r) => { let p = 1; for (let j = 0; j < r.length; j++) { const v = rd(d, b + r[j]!); if (!(skip && v === 0)) p = wrap(Math.imul(p, v)); } return p; }
      : (d, b, r) => { let p = 1; for (let j = 0; j < r.length; j++) { const v = rd(d, b + r[j]!); if (!(skip && v === 0)) p *= v; } return p; };
  }
  return genericFold(op, inDtype, accDtype);
}

/** Any other scalar op with an identity: folded with its own impl (BigInt / complex versions when the accumulator needs them). */
function genericFold(op: ScalarOp, inDtype: Dtype, accDtype: Dtype): Fold | undefined {
  const id = op.spec.identity;
  if (id === undefined || !Number.isFinite(id)) return undefined;
  const w = dtypeWidth(inDtype);
  const big = isBigInt(inDtype);
  if (isComplex(accDtype)) {
    const f = op.spec.implComplex;
    if (!f) return undefined;
    return (d, b, r) => {
      let a: Complex = { re: id, im: 0 };
      for (let j = 0; j < r.length; j++) {
        const o = b + r[j]!;
        const v = f(a, { re: big ? Number(d[o]) : (d[o] as number), im: w === 2 ? (d[o + 1] as number) : 0 });
        a = typeof v === 'object' ? v : { re: Number(v), im: 0 };
      }
      return a;
    };
  }
  if (isBigInt(accDtype)) {
    const f = op.spec.implBigInt;
    if (!f) return undefined;
    const wrap = bigWrap(accDtype);
    return (d, b, r) => {
      let a = BigInt(id);
      for (let j = 0; j < r.length; j++) {
        const raw = d[b + r[j]!]!;
        const v = f(a, big ? (raw as bigint) : BigInt(raw as number));
        a = wrap(typeof v === 'boolean' ? (v ? 1n : 0n) : v);
      }
      return a;
    };
  }
  const wrap = WRAP[accDtype];
  const f = wrap && op.spec.implInt ? op.spec.implInt : op.spec.impl;
  const rd = big ? (d: RawArray, o: number) => Number(d[o]) : (d: RawArray, o: number) => d[o] as number;
  return (d, b, r) => {
    let a = id;
    for (let j = 0; j < r.length; j++) a = wrap ? wrap(f(a, rd(d, b + r[j]!))) : f(a, rd(d, b + r[j]!));
    return a;
  };
}

function truthFold(name: 'and' | 'or', inDtype: Dtype): Fold {
  const w = dtypeWidth(inDtype);
  const truthy = isBigInt(inDtype)
    ? (d: RawArray, o: number) => d[o] !== 0n
    : w === 2
      ? (d: RawArray, o: number) => d[o] !== 0 || d[o + 1] !== 0
      : (d: RawArray, o: number) => d[o] !== 0; // NaN is truthy, as bool(nan) in NumPy
  const stopOn = name === 'or';
  return (d, b, r) => {
    for (let j = 0; j < r.length; j++) if (truthy(d, b + r[j]!) === stopOn) return stopOn;
    return !stopOn;
  };
}

/** max/min on numbers; NaN propagates (the first NaN is the result), as in NumPy. */
function numExtremum(name: 'maximum' | 'minimum'): Fold {
  const isMax = name === 'maximum';
  return (d, b, r) => {
    let m = d[b + r[0]!] as number;
    if (m !== m) return m;
    for (let j = 1; j < r.length; j++) {
      const v = d[b + r[j]!] as number;
      if (v !== v) return v;
      if (isMax ? v > m : v < m) m = v;
    }
    return m;
  };
}

function bigExtremum(name: 'maximum' | 'minimum'): Fold {
  const isMax = name === 'maximum';
  return (d, b, r) => {
    let m = d[b + r[0]!] as bigint;
    for (let j = 1; j < r.length; j++) {
      const v = d[b + r[j]!] as bigint;
      if (isMax ? v > m : v < m) m = v;
    }
    return m;
  };
}

const SAFE = 2 ** 52;

/** int64/uint64 accumulators: exact BigInt results, wrapping modulo 2^64 as NumPy does. */
function bigFold(name: string, inDtype: Dtype, accDtype: Dtype): Fold | undefined {
  const wrap = bigWrap(accDtype);
  const big = isBigInt(inDtype);
  if (name === 'add') {
    if (big) return (d, b, r) => { let s = 0n; for (let j = 0; j < r.length; j++) s += d[b + r[j]!] as bigint; return wrap(s); };
    // Sum in doubles while exact (each term < 2^32), flushing into a BigInt before 2^53.
    return (d, b, r) => {
      let s = 0;
      let acc = 0n;
      for (let j = 0; j < r.length; j++) {
        s += d[b + r[j]!] as number;
        if (s > SAFE || s < -SAFE) { acc += BigInt(s); s = 0; }
      }
      return wrap(acc + BigInt(s));
    };
  }
  if (name === 'mul' || name === 'mul_without_zeros') {
    const skip = name === 'mul_without_zeros';
    return (d, b, r) => {
      let p = 1n;
      for (let j = 0; j < r.length; j++) {
        const raw = d[b + r[j]!]!;
        const v = big ? (raw as bigint) : BigInt(raw as number);
        if (!(skip && v === 0n)) p = wrap(p * v);
      }
      return p;
    };
  }
  return undefined;
}

function complexFold(name: string, inDtype: Dtype): Fold | undefined {
  const w = dtypeWidth(inDtype);
  const big = isBigInt(inDtype);
  const re = big ? (d: RawArray, o: number) => Number(d[o]) : (d: RawArray, o: number) => d[o] as number;
  const im = w === 2 ? (d: RawArray, o: number) => d[o + 1] as number : () => 0;
  if (name === 'add') {
    return (d, b, r) => { let sr = 0; let si = 0; for (let j = 0; j < r.length; j++) { sr += re(d, b + r[j]!); si += im(d, b + r[j]!); } return { re: sr, im: si }; };
  }
  if (name === 'mul' || name === 'mul_without_zeros') {
    const skip = name === 'mul_without_zeros';
    return (d, b, r) => {
      let pr = 1;
      let pi = 0;
      for (let j = 0; j < r.length; j++) {
        const a = re(d, b + r[j]!);
        const c = im(d, b + r[j]!);
        if (skip && a === 0 && c === 0) continue;
        const t = pr * a - pi * c;
        pi = pr * c + pi * a;
        pr = t;
      }
      return { re: pr, im: pi };
    };
  }
  return undefined;
}

type Writer = (out: RawArray, k: number, v: Value) => void;

/** Stores a value into an output of `dtype`, casting as NumPy's astype does. */
function makeWriter(dtype: Dtype): Writer {
  const asNumber = (v: Value): number => (typeof v === 'object' ? v.re : typeof v === 'boolean' ? (v ? 1 : 0) : typeof v === 'bigint' ? Number(v) : v);
  if (isComplex(dtype)) {
    return (o, k, v) => {
      (o as Float64Array)[2 * k] = asNumber(v);
      (o as Float64Array)[2 * k + 1] = typeof v === 'object' ? v.im : 0;
    };
  }
  if (dtype === 'bool') return (o, k, v) => ((o as Uint8Array)[k] = (typeof v === 'object' ? v.re !== 0 || v.im !== 0 : v !== 0 && v !== 0n && v !== false) ? 1 : 0);
  if (isBigInt(dtype)) {
    const wrap = bigWrap(dtype);
    return (o, k, v) => {
      const n = typeof v === 'bigint' ? v : asNumber(v);
      (o as BigInt64Array)[k] = typeof n === 'bigint' ? wrap(n) : Number.isFinite(n) ? wrap(BigInt(Math.trunc(n))) : 0n;
    };
  }
  if (isFloat(dtype)) return (o, k, v) => ((o as Float64Array)[k] = asNumber(v));
  // Integer stores of typed arrays wrap modulo 2^bits, as NumPy's integer casts do.
  return (o, k, v) => ((o as Int32Array)[k] = typeof v === 'bigint' ? Number(BigInt.asIntN(32, v)) : asNumber(v));
}

function emptyError(opName: string, what: string, shape: readonly number[], axes: readonly number[]): ArgumentError {
  return new ArgumentError({
    op: opName,
    argument: 0,
    expected: `non-empty reduced groups (${what} of an empty group has no identity, as in NumPy)`,
    given: `shape (${shape.join(', ')}) reduced over axes (${axes.join(', ')})`,
  });
}

/**
 * Folds `op` over `axes` of `x` (accumulating in `accDtype`), giving a new
 * contiguous value of `outDtype` with the reduced axes removed.
 *
 * @example
 * careduceKernel(scalarAdd, x, [0, 2], 'float64', 'float64', 'Sum');
 */
export function careduceKernel(op: ScalarOp, x: NDArray, axes: readonly number[], outDtype: Dtype, accDtype: Dtype, opName: string): NDArray {
  const view = rawView(x);
  const { outShape, bases, rel } = groupLayout(view, axes);
  const n = bases.length;
  const out = new (rawArrayCtor(outDtype))(n * dtypeWidth(outDtype));
  const write = makeWriter(outDtype);
  const fold = makeFold(op, x.dtype, accDtype);
  if (fold === undefined) throw new ArgumentError({ op: opName, argument: 'scalarOp', expected: 'a scalar op this kernel can fold (add, mul, maximum, minimum, and, or, or one with an identity)', given: op.name });
  if (rel.length === 0 && (op.name === 'maximum' || op.name === 'minimum')) throw emptyError(opName, op.name, x.shape, axes);
  for (let k = 0; k < n; k++) write(out, k, fold(view.data, bases[k]!, rel));
  return fromRaw(outDtype, out, outShape);
}

/**
 * argmax / argmin over `axes` (indices into the row-major flattening of the
 * reduced axes), with the extreme values; the first NaN wins, as in NumPy.
 *
 * @example
 * argReduceKernel('max', x, [1], 'Argmax').indices; // int64 indices
 */
export function argReduceKernel(which: 'max' | 'min', x: NDArray, axes: readonly number[], opName: string): { values: NDArray; indices: NDArray } {
  const view = rawView(x);
  const { outShape, bases, rel } = groupLayout(view, axes);
  const n = bases.length;
  if (rel.length === 0) throw emptyError(opName, `arg${which}`, x.shape, axes);
  const values = new (rawArrayCtor(x.dtype))(n);
  const indices = new BigInt64Array(n);
  const isMax = which === 'max';
  const d = view.data as Float64Array;
  for (let k = 0; k < n; k++) {
    const b = bases[k]!;
    let best = 0;
    let m = d[b + rel[0]!]!;
    if (m === m) {
      for (let j = 1; j < rel.length; j++) {
        const v = d[b + rel[j]!]!;
        if (v !== v) { m = v; best = j; break; }
        if (isMax ? v > m : v < m) { m = v; best = j; }
      }
    }
    (values as Float64Array)[k] = m;
    indices[k] = BigInt(best);
  }
  return { values: fromRaw(x.dtype, values, outShape), indices: fromRaw('int64', indices, outShape) };
}
