/** Shared helpers of the extra-op tests: fixture decoding, strided views, a small backprop and finite differences. */
import { NodeError, type Apply, type Variable } from '@proj/graph';
import { constant } from '../src/basic/as-tensor';
import { mul } from '../src/math/arith';
import { sum } from '../src/reduce/sum';
import { rawArrayCtor, type Dtype } from '../src/dtype/dtypes';
import { TensorType } from '../src/type/tensor-type';
import { contiguousStrides, fromRaw, type NDArray } from '../src/value/ndarray';
import { TensorVariable } from '../src/variable/tensor-variable';
import { shapeTuple } from '../src/shape/shape';

export type Enc = number | string | boolean | Enc[];

export interface Encoded {
  dtype: Dtype;
  shape: number[];
  data: Enc[];
  /** The value is `base` (shape/data) transposed by perm, then reversed along flip. */
  view?: { perm: number[]; flip: number[] };
}

export const num = (v: Enc): number => (v === 'nan' ? NaN : v === 'inf' ? Infinity : v === '-inf' ? -Infinity : v === '-0' ? -0 : (v as number));

/** The raw numbers of an encoded value. */
export function decodeRaw(e: Encoded): ArrayLike<number | bigint> {
  if (e.dtype === 'int64') return BigInt64Array.from(e.data, (v) => BigInt(v as string));
  if (e.dtype === 'uint64') return BigUint64Array.from(e.data, (v) => BigInt(v as string));
  if (e.dtype.startsWith('complex')) return new Float64Array(e.data.flatMap((v) => (v as Enc[]).map(num)));
  if (e.dtype === 'bool') return Uint8Array.from(e.data, (v) => (v ? 1 : 0));
  return e.data.map(num);
}

/** The value of an encoding: contiguous, or the strided view it describes (same raw numbers). */
export function decode(e: Encoded): NDArray {
  const Ctor = rawArrayCtor(e.dtype) as unknown as { from(a: ArrayLike<number | bigint>): never };
  const raw = Ctor.from(decodeRaw(e));
  if (!e.view) return fromRaw(e.dtype, raw, e.shape);
  const base = contiguousStrides(e.shape);
  const shape = e.view.perm.map((p) => e.shape[p]!);
  const strides = e.view.perm.map((p) => base[p]!);
  let offset = 0;
  for (const d of e.view.flip) {
    if (shape[d]! > 0) offset += (shape[d]! - 1) * strides[d]!;
    strides[d] = -strides[d]!;
  }
  return fromRaw(e.dtype, raw, shape, strides, offset);
}

export function flat(v: unknown): unknown[] {
  return Array.isArray(v) ? v.flatMap(flat) : [v];
}

export { backprop, flatNums, nest } from './helpers/backprop';
import { backprop, flatNums, nest } from './helpers/backprop';

/**
 * Compares the backprop gradient of sum(f(x) * w) with central differences,
 * w a fixed weight array of f(x)'s shape (evaluated at x0).
 */
export function checkGrad(f: (x: TensorVariable) => TensorVariable, x0: number[], shape: number[], tol = 1e-6): void {
  const x = new TensorType('float64', shape).makeVariable('x');
  const y = f(x);
  const yShape = y.eval({ x: nest(x0, shape) }).shape;
  const n = yShape.reduce((p, s) => p * s, 1);
  const w = constant(nest(Array.from({ length: n }, (_, i) => 0.5 + 0.25 * ((i * 7) % 11)), yShape), { dtype: 'float64' });
  const cost = sum(mul(y, w));
  const gx = backprop(cost, x);
  expect(gx).toBeInstanceOf(TensorVariable);
  const got = flatNums(gx.evalNested({ x: nest(x0, shape) }));
  const h = 1e-6;
  const at = (v: number[]) => Number(cost.evalNested({ x: nest(v, shape) }));
  expect(got.length).toBe(x0.length);
  x0.forEach((_, i) => {
    const p = [...x0];
    const m = [...x0];
    p[i]! += h;
    m[i]! -= h;
    const numeric = (at(p) - at(m)) / (2 * h);
    expect(Math.abs(got[i]! - numeric)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(numeric)));
  });
}

/** A graph input of the given static shape and dtype. */
export const mat = (name = 'x', shape: (number | null)[] = [null, null], dtype: 'float64' | 'int64' | 'float32' | 'int32' = 'float64') => new TensorType(dtype, shape).makeVariable(name);

/** Evaluates the symbolic shape inferShape gives for `out` and compares it with the computed shape. */
export function checkInferShape(out: TensorVariable, givens: [Variable, unknown][]): void {
  const node = out.owner as Apply;
  const shapes = node.op.inferShape!(undefined, node, node.inputs.map((i) => shapeTuple(i as TensorVariable)));
  const k = node.outputs.indexOf(out);
  const got = shapes[k]!.map((s) => (typeof s === 'number' ? s : Number((s as TensorVariable).eval(givens).get())));
  expect(got).toEqual(out.eval(givens).shape);
}

/** The error thrown by fn (or by the node inside a NodeError). */
export function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e instanceof NodeError ? (e.cause as Error) : (e as Error);
  }
  throw new Error('expected an error');
}

/** A 3x4 test matrix. */
export const M = [[3, 1, 2, 9], [0, 5, 4, 8], [7, 6, 1, 1]];
