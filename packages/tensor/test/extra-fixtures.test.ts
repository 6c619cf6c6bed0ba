/** The extra ops against NumPy fixtures (tools/fixtures/gen_extra.py). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ArgumentError, DtypeError, NodeError, ShapeError, config } from '@proj/graph';
import { constant } from '../src/basic/as-tensor';
import type { Dtype } from '../src/dtype/dtypes';
import { AxisError } from '../src/reduce/axis';
import { slice, type SliceBound } from '../src/subtensor/index-entry';
import { TensorType } from '../src/type/tensor-type';
import { fromRaw, toNested, type NDArray } from '../src/value/ndarray';
import type { TensorVariable } from '../src/variable/tensor-variable';
import { arange } from '../src/extra/arange';
import { choose } from '../src/extra/choose';
import { compress, nonzeroValues } from '../src/extra/compress';
import { cumprod, cumsum } from '../src/extra/cum';
import { diagonal, trace } from '../src/extra/diagonal';
import { flip } from '../src/extra/flip';
import { mgrid, ogrid } from '../src/extra/grid';
import { flatnonzero, nonzero } from '../src/extra/nonzero';
import { argsort, sort } from '../src/extra/sort';
import { take } from '../src/extra/take';
import { decode, decodeRaw, flat, type Encoded } from './extra-helpers';

interface Case {
  group: string;
  fn: string;
  inputs: Encoded[];
  args?: unknown[];
  options: Record<string, unknown>;
  expected?: Encoded[];
  error?: string;
}

const fixtures = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'extra.json'), 'utf8')) as { cases: Case[] };

const ERRORS: Record<string, new (...a: never[]) => Error> = { ArgumentError, DtypeError, ShapeError, AxisError };

type Fn = (xs: TensorVariable[], o: Record<string, unknown>, args: unknown[]) => TensorVariable | TensorVariable[];

/** An arange argument: a number, or a typed 0-d constant. */
function arangeArg(a: unknown): number | TensorVariable {
  if (typeof a === 'number') return a;
  const { dtype, value } = a as { dtype: Dtype; value: number | string };
  if (dtype === 'int64') return constant(fromRaw('int64', BigInt64Array.of(BigInt(value)), []));
  return constant(value as number, { dtype });
}

function gridSlices(args: unknown[]) {
  return (args as [number | '', number, number | '' | null][]).map(([a, b, c]) => slice(a === '' ? null : a, b, c === '' || c === null ? null : (c as SliceBound)));
}

const FNS: Record<string, Fn> = {
  sort: ([x], o) => sort(x!, o),
  argsort: ([x], o) => argsort(x!, o),
  cumsum: ([x], o) => cumsum(x!, o),
  cumprod: ([x], o) => cumprod(x!, o),
  arange: (_x, o, args) => arange(...args.map(arangeArg), o as { dtype?: Dtype }),
  mgrid: (_x, _o, args) => mgrid(...gridSlices(args)),
  ogrid: (_x, _o, args) => ogrid(...gridSlices(args)),
  diagonal: ([x], o) => diagonal(x!, o),
  trace: ([x], o) => trace(x!, o),
  choose: ([a, ...cs], o) => choose(a!, cs, o),
  'choose-stacked': ([a, c], o) => choose(a!, c!, o),
  nonzero: ([x]) => nonzero(x!),
  'nonzero-matrix': ([x]) => nonzero(x!, { returnMatrix: true }),
  flatnonzero: ([x]) => flatnonzero(x!),
  nonzeroValues: ([x]) => nonzeroValues(x!),
  take: ([x, i], o) => take(x!, i!, o),
  compress: ([c, x], o) => compress(c!, x!, o),
  flip: ([x], o) => flip(x!, o as { axis?: number }),
};

/**
 * The inputs as graph inputs whose values are given at evaluation (so strided
 * views reach the kernels as they are), plus the givens.
 */
function build(c: Case): { outs: TensorVariable[]; givens: [TensorVariable, NDArray][] } {
  const givens: [TensorVariable, NDArray][] = [];
  const xs = c.inputs.map((e, i) => {
    const v = decode(e);
    const x = new TensorType(e.dtype, v.shape.map(() => null)).makeVariable(`x${i}`);
    givens.push([x, v]);
    return x;
  });
  const r = FNS[c.fn]!(xs, c.options, c.args ?? []);
  return { outs: Array.isArray(r) ? r : [r], givens };
}

function compare(got: NDArray, exp: Encoded): void {
  expect(got.dtype).toBe(exp.dtype);
  expect(got.shape).toEqual(exp.shape);
  const g = flat(toNested(got));
  const want = Array.from(decodeRaw(exp));
  if (exp.dtype.startsWith('complex')) {
    expect(g.flat().map(Number)).toEqual(want.map(Number));
    return;
  }
  expect(g.length).toBe(want.length);
  want.forEach((w, i) => {
    if (exp.dtype === 'bool') expect(g[i]).toBe(w === 1);
    else expect(g[i]).toBe(w); // exact, NaN and -0 included (toBe uses Object.is)
  });
}

function check(c: Case): void {
  if (c.error !== undefined) {
    const Err = ERRORS[c.error]!;
    let err: unknown;
    try {
      const { outs, givens } = build(c);
      outs.forEach((o) => o.eval(givens));
    } catch (e) {
      err = e;
    }
    expect(err).toBeDefined();
    const cause = err instanceof NodeError ? err.cause : err;
    expect(cause).toBeInstanceOf(Err);
    expect((cause as Error).message).toMatch(/expected .*, got |is out of bounds for axis/);
    return;
  }
  const { outs, givens } = build(c);
  expect(outs.length).toBe(c.expected!.length);
  outs.forEach((o, i) => {
    const exp = c.expected![i]!;
    expect(o.dtype).toBe(exp.dtype);
    expect(o.ndim).toBe(exp.shape.length);
    o.type.shape.forEach((s, d) => s === null || expect(s).toBe(exp.shape[d]));
    compare(o.eval(givens), exp);
  });
}

const groups = new Map<string, Case[]>();
for (const c of fixtures.cases) groups.set(c.group, [...(groups.get(c.group) ?? []), c]);

const label = (c: Case, i: number) =>
  `#${i} ${c.fn} ${c.inputs.map((e) => `${e.dtype}(${e.shape.join(',')})${e.view ? 'view' : ''}`).join(' ')}${c.args ? ` ${JSON.stringify(c.args)}` : ''} ${JSON.stringify(c.options)}`;

describe.each([...groups.keys()])('NumPy fixtures: %s', (group) => {
  // The fixtures' float dtypes assume the default floatX.
  it.each(groups.get(group)!.map((c, i) => [label(c, i), c] as const))('%s', (_l, c) => config.changeFlags({ floatX: 'float64' }, () => check(c)));
});

test('the fixtures cover every function', () => {
  const fns = new Set(fixtures.cases.map((c) => c.fn));
  expect([...fns].sort()).toEqual(Object.keys(FNS).sort());
  expect(fixtures.cases.length).toBeGreaterThan(1000);
});
