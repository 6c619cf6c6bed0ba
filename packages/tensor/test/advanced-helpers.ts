/** Shared helpers of the advanced indexing tests: decoding the NumPy fixtures into values and index entries. */
import { constant } from '../src/basic/as-tensor';
import { dtypeWidth, rawArrayCtor, type Dtype } from '../src/dtype/dtypes';
import type { IndexEntry } from '../src/subtensor/index-entry';
import { TensorType } from '../src/type/tensor-type';
import { contiguousStrides, fromRaw, type NDArray } from '../src/value/ndarray';
import type { TensorVariable } from '../src/variable/tensor-variable';

export type Encoded = unknown;

export interface FixtureEntry {
  kind: 'array' | 'int' | 'slice' | 'newaxis' | 'ellipsis';
  dtype?: Dtype;
  value?: Encoded;
  shape?: number[];
  start?: number | null;
  stop?: number | null;
  step?: number | null;
}

function decodeScalar(v: Encoded, dtype: Dtype): unknown {
  if (dtype === 'int64' || dtype === 'uint64') return BigInt(v as string);
  if (dtype === 'complex64' || dtype === 'complex128') {
    const [re, im] = v as Encoded[];
    return [decodeScalar(re, 'float64'), decodeScalar(im, 'float64')];
  }
  if (v === 'nan') return NaN;
  if (v === 'inf') return Infinity;
  if (v === '-inf') return -Infinity;
  return v;
}

/** The fixture's nested value in toNested's format (BigInt for int64, [re, im] for complex, NaN/inf decoded). */
export function decode(v: Encoded, dtype: Dtype, ndim: number): unknown {
  if (ndim === 0) return decodeScalar(v, dtype);
  return (v as Encoded[]).map((e) => decode(e, dtype, ndim - 1));
}

function flatRaw(v: Encoded, dtype: Dtype, ndim: number, out: (number | bigint)[]): void {
  if (ndim > 0) {
    for (const e of v as Encoded[]) flatRaw(e, dtype, ndim - 1, out);
    return;
  }
  const s = decodeScalar(v, dtype);
  if (Array.isArray(s)) out.push(s[0] as number, s[1] as number);
  else if (typeof s === 'boolean') out.push(s ? 1 : 0);
  else out.push(s as number | bigint);
}

/**
 * The fixture's x as an ndarray: contiguous, or the strided view the case
 * names ('T': a transposed view, 'rev0': axis 0 reversed by a negative stride).
 */
export function buildValue(v: Encoded, dtype: Dtype, shape: number[], view: string | null = null): NDArray {
  const flat: (number | bigint)[] = [];
  flatRaw(v, dtype, shape.length, flat);
  const Ctor = rawArrayCtor(dtype);
  const raw = new Ctor(flat.length);
  flat.forEach((e, i) => ((raw as unknown as (number | bigint)[])[i] = e));
  if (dtypeWidth(dtype) === 2 && raw.length !== 2 * shape.reduce((p, s) => p * s, 1)) throw new Error('bad complex fixture');
  const strides = contiguousStrides(shape);
  if (view === 'T') return fromRaw(dtype, raw, [...shape].reverse(), [...strides].reverse(), 0);
  if (view === 'rev0') {
    const st = [...strides];
    st[0] = -st[0]!;
    return fromRaw(dtype, raw, shape, st, shape[0]! > 0 ? (shape[0]! - 1) * strides[0]! : 0);
  }
  return fromRaw(dtype, raw, shape);
}

/** The fixture's entries as IndexEntry values (index arrays as constants). */
export function buildEntries(entries: readonly FixtureEntry[]): IndexEntry[] {
  return entries.map((e): IndexEntry => {
    switch (e.kind) {
      case 'array':
        return { kind: 'array', value: constant(buildValue(e.value, e.dtype!, e.shape!), { dtype: e.dtype! }) };
      case 'int':
        return { kind: 'int', value: e.value as number };
      case 'slice':
        return { kind: 'slice', start: e.start ?? null, stop: e.stop ?? null, step: e.step ?? null };
      case 'newaxis':
        return { kind: 'newaxis' };
      case 'ellipsis':
        return { kind: 'ellipsis' };
    }
  });
}

/** A symbolic input of `dtype` and `ndim` with unknown lengths. */
export function symbolic(dtype: Dtype, ndim: number, name = 'x'): TensorVariable {
  return new TensorType(dtype, new Array<null>(ndim).fill(null)).makeVariable(name);
}

export { nest } from './helpers/backprop';
