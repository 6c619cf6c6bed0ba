/** Reading test/fixtures/join.json (written by tools/fixtures/gen_join.py from NumPy), and a small reverse-mode walk for gradient checks. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DisconnectedType, disconnectedType, ioToposort, type Variable } from '@proj/graph';
import { dtypeWidth, isBigInt, rawArrayCtor, type Dtype } from '../src/dtype/dtypes';
import { contiguousStrides, forEachOffset, fromRaw, rawView, sizeOf, type NDArray } from '../src/value/ndarray';
import { constant } from '../src/basic/as-tensor';
import { add, mul } from '../src/math/arith';
import { sum } from '../src/reduce/sum';
import { TensorType } from '../src/type/tensor-type';
import { TensorVariable } from '../src/variable/tensor-variable';

/** An encoded array: flat row-major data (int64 as strings, complex as [re, im], nan/inf as strings). */
export interface Enc {
  dtype: Dtype;
  shape: number[];
  data: unknown[];
  /** The strided view to build from the contiguous base: x.T, x[::-1], x[..., ::2]. */
  view?: 'T' | 'flip0' | 'step2';
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const fixtures = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'join.json'), 'utf8')) as Record<string, any[]>;

function num(v: unknown): number {
  if (v === 'nan') return NaN;
  if (v === 'inf') return Infinity;
  if (v === '-inf') return -Infinity;
  return v as number;
}

/** The value an element of `dtype` has in JS (BigInt, boolean, [re, im] or number). */
export function decodeScalar(v: unknown, dtype: Dtype): unknown {
  if (dtypeWidth(dtype) === 2) return (v as unknown[]).map(num);
  if (isBigInt(dtype)) return BigInt(v as string);
  if (dtype === 'bool') return Boolean(v);
  return num(v);
}

/** The ndarray an encoded array stands for, with its strided view applied. */
export function decode(e: Enc): NDArray {
  const w = dtypeWidth(e.dtype);
  const raw = new (rawArrayCtor(e.dtype))(e.data.length * w) as unknown as (number | bigint)[];
  e.data.forEach((v, k) => {
    const d = decodeScalar(v, e.dtype);
    if (w === 2) {
      raw[2 * k] = (d as number[])[0]!;
      raw[2 * k + 1] = (d as number[])[1]!;
    } else raw[k] = typeof d === 'boolean' ? (d ? 1 : 0) : (d as number | bigint);
  });
  const shape = [...e.shape];
  const strides = contiguousStrides(shape);
  let offset = 0;
  if (e.view === 'T') {
    shape.reverse();
    strides.reverse();
  } else if (e.view === 'flip0') {
    offset = (shape[0]! - 1) * strides[0]!;
    strides[0] = -strides[0]!;
  } else if (e.view === 'step2') {
    const last = shape.length - 1;
    shape[last] = Math.ceil(shape[last]! / 2);
    strides[last] = 2 * strides[last]!;
  }
  return fromRaw(e.dtype, raw as never, shape, strides, offset);
}

/** The dtype and static shape (all known) of an encoded input, after its view. */
export function typeOf(e: Enc): TensorType {
  const shape = e.view === 'T' ? [...e.shape].reverse() : [...e.shape];
  if (e.view === 'step2') shape[shape.length - 1] = Math.ceil(shape[shape.length - 1]! / 2);
  return new TensorType(e.dtype, shape);
}

/** The elements of `a` in row-major order, as decodeScalar gives them. */
export function flat(a: NDArray): unknown[] {
  const v = rawView(a);
  const out: unknown[] = [];
  forEachOffset(a.shape, v.strides, v.offset, (off) => {
    if (v.width === 2) out.push([v.data[off], v.data[off + 1]]);
    else if (a.dtype === 'bool') out.push(v.data[off] !== 0);
    else out.push(v.data[off]);
  });
  return out;
}

/** Asserts that `a` has the dtype, shape and elements of `e` (NaN equals NaN). */
export function expectArray(a: NDArray, e: Enc): void {
  expect(a.dtype).toBe(e.dtype);
  expect(a.shape).toEqual(e.shape);
  expect(sizeOf(a.shape)).toBe(e.data.length);
  const want = e.data.map((v) => decodeScalar(v, e.dtype));
  const got = flat(a);
  got.forEach((g, k) => {
    const w = want[k];
    if (typeof w === 'number' && Number.isNaN(w)) expect(Number.isNaN(g as number)).toBe(true);
    else if (g !== w) expect(g).toEqual(w);
  });
}

/** d cost / d each of `wrt`, by calling each node's Lop in reverse topological order. */
export function backprop(cost: TensorVariable, wrt: readonly TensorVariable[]): (TensorVariable | undefined)[] {
  const grads = new Map<Variable, Variable>([[cost, constant(1, { dtype: 'float64' })]]);
  for (const node of ioToposort(wrt, [cost]).reverse()) {
    const gouts = node.outputs.map((o) => grads.get(o) ?? disconnectedType());
    if (gouts.every((g) => g.type instanceof DisconnectedType)) continue;
    const gins = node.op.Lop(node.inputs, node.outputs, gouts);
    node.inputs.forEach((inp, i) => {
      const g = gins[i];
      if (!(g instanceof TensorVariable)) return;
      const prev = grads.get(inp);
      grads.set(inp, prev instanceof TensorVariable ? add(prev, g) : g);
    });
  }
  return wrt.map((w) => grads.get(w) as TensorVariable | undefined);
}

const flatNums = (v: unknown): number[] => (Array.isArray(v) ? v.flatMap(flatNums) : [Number(v)]);

/** Nested arrays of `shape` from flat values. */
export function nest(flatValues: readonly number[], shape: readonly number[]): unknown {
  if (shape.length === 0) return flatValues[0];
  const inner = shape.slice(1).reduce((p, s) => p * s, 1);
  return Array.from({ length: shape[0]! }, (_, i) => nest(flatValues.slice(i * inner, (i + 1) * inner), shape.slice(1)));
}

/**
 * Compares the backprop gradients of sum(f(xs) * w) (w fixed weights) with
 * central finite differences, input by input and element by element.
 */
export function checkGrad(
  f: (...xs: TensorVariable[]) => TensorVariable,
  shapes: readonly number[][],
  options: { staticShapes?: boolean; extra?: ReadonlyMap<Variable, unknown>; tol?: number } = {},
): void {
  const tol = options.tol ?? 1e-6;
  const xs = shapes.map((s, i) => new TensorType('float64', options.staticShapes === false ? s.map(() => null) : s).makeVariable(`x${i}`));
  const y = f(...xs);
  const values = shapes.map((s, i) => Array.from({ length: sizeOf(s) }, (_, k) => Math.sin(1 + k + 7 * i) * 2));
  const givens = (vals: number[][]) => new Map<Variable, unknown>([...(options.extra ?? []), ...xs.map((x, i) => [x, nest(vals[i]!, shapes[i]!)] as const)]);
  const yShape = y.eval(givens(values)).shape;
  const n = sizeOf(yShape);
  const w = constant(nest(Array.from({ length: n }, (_, i) => 0.5 + 0.25 * i), yShape), { dtype: 'float64' });
  const cost = sum(mul(y, w));
  const gs = backprop(cost, xs);
  const h = 1e-6;
  const at = (vals: number[][]) => Number(cost.evalNested(givens(vals)));
  xs.forEach((_, i) => {
    const got = gs[i] === undefined ? new Array<number>(values[i]!.length).fill(0) : flatNums(gs[i]!.evalNested(givens(values)));
    expect(got.length).toBe(values[i]!.length);
    values[i]!.forEach((_, k) => {
      const p = values.map((v) => [...v]);
      const m = values.map((v) => [...v]);
      p[i]![k]! += h;
      m[i]![k]! -= h;
      const numeric = (at(p) - at(m)) / (2 * h);
      expect(Math.abs(got[k]! - numeric)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(numeric)));
    });
  });
}
