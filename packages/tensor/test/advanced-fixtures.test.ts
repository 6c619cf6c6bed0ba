/** Advanced indexing (get, set, inc both ways) against NumPy fixtures (tools/fixtures/gen_advanced.py). */
import * as fs from 'fs';
import * as path from 'path';
import { constant } from '../src/basic/as-tensor';
import type { Dtype } from '../src/dtype/dtypes';
import { AdvancedIncSubtensor, AdvancedSubtensor, AdvancedSubtensor1, advancedGetItem, advancedSetOrInc } from '../src/subtensor/advanced';
import { copyArray, toNested } from '../src/value/ndarray';
import type { TensorVariable } from '../src/variable/tensor-variable';
import { buildEntries, buildValue, decode, symbolic, type FixtureEntry } from './advanced-helpers';

interface GetCase {
  name: string;
  x: unknown;
  xShape: number[];
  dtype: Dtype;
  view: string | null;
  entries: FixtureEntry[];
  expected: unknown;
  shape: number[];
}

interface IncCase extends GetCase {
  y: unknown;
  yShape: number[];
  yDtype: Dtype;
  mode: 'set' | 'inc' | 'incOnce';
}

const fixtures = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'advanced.json'), 'utf8')) as { get: unknown; inc: unknown };
const getCases = fixtures.get as unknown as GetCase[];
const incCases = fixtures.inc as unknown as IncCase[];

function xOf(c: GetCase) {
  const value = buildValue(c.x, c.dtype, c.xShape, c.view);
  return { value, x: symbolic(c.dtype, value.shape.length) };
}

function expectStaticShape(v: TensorVariable, shape: number[]): void {
  expect(v.ndim).toBe(shape.length);
  v.type.shape.forEach((s, i) => {
    if (s !== null) expect(s).toBe(shape[i]);
  });
}

describe('advancedGetItem vs NumPy', () => {
  it.each(getCases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const { value, x } = xOf(c);
    const before = toNested(copyArray(value));
    const out = advancedGetItem(x, buildEntries(c.entries));
    expectStaticShape(out, c.shape);
    const got = out.eval(new Map([[x, value]]));
    expect(got.shape).toEqual(c.shape);
    expect(got.dtype).toBe(c.dtype);
    expect(toNested(got)).toEqual(decode(c.expected, c.dtype, c.shape.length));
    expect(toNested(value)).toEqual(before);
  });

  it('uses AdvancedSubtensor1 for one integer vector on the first axis', () => {
    const byName = (n: string) => getCases.find((c) => c.name === n)!;
    for (const n of ['vector on axis 0 (Subtensor1)', 'vector then full slice', 'vector then ellipsis', 'vector on rows of a matrix, int32 index']) {
      const c = byName(n);
      const out = advancedGetItem(xOf(c).x, buildEntries(c.entries));
      expect(out.owner!.op).toBeInstanceOf(AdvancedSubtensor1);
    }
    for (const n of ['2-d index array on axis 0', 'bool mask 1-d', 'adjacent after slice']) {
      const c = byName(n);
      const out = advancedGetItem(xOf(c).x, buildEntries(c.entries));
      expect(out.owner!.op).toBeInstanceOf(AdvancedSubtensor);
    }
  });

  it('gives static shapes from constant index arrays and masks', () => {
    const x = symbolic('float64', 2);
    expect(advancedGetItem(x, [{ kind: 'array', value: constant([true, false, true], { dtype: 'bool' }) }]).type.shape).toEqual([2, null]);
    expect(advancedGetItem(x, [{ kind: 'slice', start: null, stop: null, step: null }, { kind: 'array', value: constant([[1, 2, 0]]) }]).type.shape).toEqual([null, 1, 3]);
    const x2 = symbolic('float64', 3);
    const fixed = advancedGetItem(x2, [{ kind: 'array', value: constant([0, 1]) }, { kind: 'slice', start: null, stop: null, step: null }, { kind: 'array', value: constant([0, 1]) }]);
    expect(fixed.type.shape).toEqual([2, null]);
    expect(advancedGetItem(x, [{ kind: 'array', value: constant([2, 0, 1]) }]).type.shape).toEqual([3, null]);
  });
});

describe('advancedSetOrInc vs NumPy', () => {
  it.each(incCases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const { value, x } = xOf(c);
    const before = toNested(copyArray(value));
    const sub = advancedGetItem(x, buildEntries(c.entries));
    const y = constant(buildValue(c.y, c.yDtype, c.yShape), { dtype: c.yDtype });
    const out = advancedSetOrInc(sub, y, { set: c.mode === 'set', ignoreDuplicates: c.mode === 'incOnce' })!;
    expect(out.type.isSuperType(x.type) || x.type.isSuperType(out.type)).toBe(true);
    const got = out.eval(new Map([[x, value]]));
    expect(got.shape).toEqual(c.shape);
    expect(toNested(got)).toEqual(decode(c.expected, c.dtype, c.shape.length));
    // The input is never modified.
    expect(toNested(value)).toEqual(before);
  });

  it('accepts JS values for y, converted exactly to x dtype', () => {
    const x = symbolic('float32', 1);
    const sub = advancedGetItem(x, [{ kind: 'array', value: constant([0, 0, 2]) }]);
    const out = advancedSetOrInc(sub, 0.5, { set: false })!;
    expect(out.evalNested(new Map([[x, [1, 2, 3]]]))).toEqual([2, 2, 3.5]);
    const once = advancedSetOrInc(sub, [1, 2, 4], { set: false, ignoreDuplicates: true })!;
    expect(once.evalNested(new Map([[x, [1, 2, 3]]]))).toEqual([3, 2, 7]);
  });

  it('writes into x itself only with the inplace prop', () => {
    const x = symbolic('float64', 1);
    const value = buildValue([1, 2, 3, 4], 'float64', [4]);
    const idx = constant([1, 1]);
    const y = constant([10, 20], { dtype: 'float64' });
    const op = new AdvancedIncSubtensor([{ kind: 'array' }], { inplace: true });
    expect(op.destroyMap).toEqual({ 0: [0] });
    const out = op.call(x, y, idx) as TensorVariable;
    const got = out.eval(new Map([[x, value]]));
    expect(got).toBe(value);
    expect(toNested(value)).toEqual([1, 32, 3, 4]);
    expect(new AdvancedIncSubtensor([{ kind: 'array' }]).destroyMap).toEqual({});
  });
});
