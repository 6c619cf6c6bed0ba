/** The reductions against NumPy fixtures (tools/fixtures/gen_reduce.py). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ArgumentError, NodeError } from '@proj/graph';
import { constant } from '../src/basic/as-tensor';
import { rawArrayCtor, type Dtype } from '../src/dtype/dtypes';
import { dimshuffle } from '../src/shape/dimshuffle';
import { TensorType } from '../src/type/tensor-type';
import { contiguousStrides, fromRaw, sizeOf, toNested, type NDArray } from '../src/value/ndarray';
import type { TensorVariable } from '../src/variable/tensor-variable';
import { argmax, argmin } from '../src/reduce/argmax';
import { all, any, max, min, ptp } from '../src/reduce/max';
import { mean, std, var_ } from '../src/reduce/mean';
import { prod, sum } from '../src/reduce/sum';

type Enc = number | string | boolean | Enc[];
interface Encoded {
  dtype: Dtype;
  shape: number[];
  data: Enc[];
}
interface Case {
  group: string;
  fn: string;
  input: Encoded;
  axis: number | number[] | null;
  keepdims: boolean;
  options: Record<string, unknown>;
  view?: { kind: 'transpose'; perm: number[] } | { kind: 'reverse'; axis: number };
  expected?: Encoded;
  error?: string;
}

const fixtures = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'reduce.json'), 'utf8')) as { cases: Case[] };

const num = (v: Enc): number => (v === 'nan' ? NaN : v === 'inf' ? Infinity : v === '-inf' ? -Infinity : (v as number));

/** The raw numbers of an encoded value. */
function decodeRaw(e: Encoded): ArrayLike<number | bigint> {
  if (e.dtype === 'int64') return BigInt64Array.from(e.data, (v) => BigInt(v as string));
  if (e.dtype === 'uint64') return BigUint64Array.from(e.data, (v) => BigInt(v as string));
  if (e.dtype.startsWith('complex')) return new Float64Array(e.data.flatMap((v) => (v as Enc[]).map(num)));
  if (e.dtype === 'bool') return Uint8Array.from(e.data, (v) => (v ? 1 : 0));
  return e.data.map(num);
}

function decode(e: Encoded): NDArray {
  const Ctor = rawArrayCtor(e.dtype) as unknown as { from(a: ArrayLike<number | bigint>): never };
  return fromRaw(e.dtype, Ctor.from(decodeRaw(e)), e.shape);
}

/** The value `e` seen with axis `axis` reversed: the same raw numbers, a negative stride and an offset. */
function reversedView(e: Encoded, axis: number): NDArray {
  const Ctor = rawArrayCtor(e.dtype) as unknown as { from(a: ArrayLike<number | bigint>): never };
  const strides = contiguousStrides(e.shape);
  const offset = (e.shape[axis]! - 1) * strides[axis]!;
  strides[axis] = -strides[axis]!;
  return fromRaw(e.dtype, Ctor.from(decodeRaw(e)), e.shape, strides, offset);
}

const FNS: Record<string, (x: TensorVariable, o: Record<string, unknown>) => TensorVariable> = {
  sum: (x, o) => sum(x, o),
  prod: (x, o) => prod(x, o),
  mean: (x, o) => mean(x, o),
  var: (x, o) => var_(x, o),
  std: (x, o) => std(x, o),
  max: (x, o) => max(x, o),
  min: (x, o) => min(x, o),
  argmax: (x, o) => argmax(x, o),
  argmin: (x, o) => argmin(x, o),
  all: (x, o) => all(x, o),
  any: (x, o) => any(x, o),
  ptp: (x, o) => ptp(x, o),
};

function flat(v: unknown): unknown[] {
  return Array.isArray(v) ? v.flatMap(flat) : [v];
}

function build(c: Case): { out: TensorVariable; givens?: [TensorVariable, NDArray][] } {
  const opts = { ...c.options, axis: c.axis, keepdims: c.keepdims };
  if (c.view?.kind === 'reverse') {
    const x = new TensorType(c.input.dtype, c.input.shape.map(() => null)).makeVariable('x');
    return { out: FNS[c.fn]!(x, opts), givens: [[x, reversedView(c.input, c.view.axis)]] };
  }
  let x = constant(decode(c.input)) as TensorVariable;
  if (c.view?.kind === 'transpose') x = dimshuffle(x, c.view.perm);
  return { out: FNS[c.fn]!(x, opts) };
}

function check(c: Case): void {
  const { out, givens } = build(c);
  if (c.error !== undefined) {
    let err: unknown;
    try {
      out.eval(givens);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(NodeError);
    expect((err as NodeError).cause).toBeInstanceOf(ArgumentError);
    expect((err as Error).message).toMatch(/empty/);
    return;
  }
  const exp = c.expected!;
  expect(out.dtype).toBe(exp.dtype);
  expect(out.ndim).toBe(exp.shape.length);
  out.type.shape.forEach((s, i) => s === null || expect(s).toBe(exp.shape[i]));
  const v = out.eval(givens);
  expect(v.dtype).toBe(exp.dtype);
  expect(v.shape).toEqual(exp.shape);
  const got = flat(toNested(v));
  const want = Array.from(decodeRaw(exp));
  expect(got.length).toBe(want.length);
  const rtol = exp.dtype === 'float32' || exp.dtype === 'complex64' ? 2e-6 : 1e-12;
  want.forEach((w, i) => {
    const g = got[i];
    if (typeof w === 'bigint') expect(g).toBe(w);
    else if (exp.dtype === 'bool') expect(g).toBe(w === 1);
    else if (Number.isNaN(w as number)) expect(g).toBeNaN();
    else if (!Number.isFinite(w as number) || Number.isInteger(w) && !exp.dtype.startsWith('float')) expect(g).toBe(w);
    else expect(Math.abs((g as number) - (w as number))).toBeLessThanOrEqual(rtol * Math.max(1, Math.abs(w as number)));
  });
}

const groups = new Map<string, Case[]>();
for (const c of fixtures.cases) groups.set(c.group, [...(groups.get(c.group) ?? []), c]);

const label = (c: Case) =>
  `${c.fn} ${c.input.dtype}(${c.input.shape.join(',')}) axis=${JSON.stringify(c.axis)}${c.keepdims ? ' keepdims' : ''}${Object.keys(c.options).length ? ` ${JSON.stringify(c.options)}` : ''}${c.view ? ` ${JSON.stringify(c.view)}` : ''}`;

describe.each([...groups.keys()])('NumPy fixtures: %s', (group) => {
  it.each(groups.get(group)!.map((c) => [label(c), c] as const))('%s', (_l, c) => check(c));
});

test('fixture sizes are sane', () => {
  expect(fixtures.cases.length).toBeGreaterThan(1000);
  expect(sizeOf([2, 3, 4])).toBe(24);
});
