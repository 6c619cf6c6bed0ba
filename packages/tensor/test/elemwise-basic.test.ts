/**
 * Values and dtypes of the non-transcendental elementwise functions against
 * NumPy fixtures (tools/fixtures/gen_elemwise_basic.py), with PyTensor's
 * output dtype rules: dtype pairs, NaN/inf, broadcasting, 0-d, empty and
 * strided inputs.
 */
import { config } from '@proj/graph';
import { constant } from '../src/basic/as-tensor';
import { TensorType } from '../src/type/tensor-type';
import { dimshuffle } from '../src/shape/dimshuffle';
import { abs, add, intDiv, mod, mul, neg, pow, reciprocal, sign, sqr, sub, trueDiv } from '../src/math/arith';
import { and_, or_, xor, invert } from '../src/math/bitwise';
import { cast } from '../src/math/cast';
import { allclose, eq, ge, gt, isclose, isinf, isnan, le, lt, maximum, minimum, neq } from '../src/math/compare';
import { clip, switch_ } from '../src/math/condition';
import { angle, conj, imag, real } from '../src/math/complex-parts';
import { ceil, floor, iround, roundHalfAwayFromZero, roundHalfToEven, trunc } from '../src/math/rounding';
import { fromRaw, toNested, type NDArray } from '../src/value/ndarray';
import type { TensorVariable } from '../src/variable/tensor-variable';
import { decode, flat, label, loadFixture, mismatch, rawOf } from './elemwise-basic-fixture';

const fx = loadFixture();

type Binary = (a: TensorVariable, b: TensorVariable) => TensorVariable;
type Unary = (x: TensorVariable) => TensorVariable;

const BINARY: Record<string, Binary> = { add, sub, mul, trueDiv, intDiv, mod, pow, maximum, minimum, lt, gt, le, ge, eq, neq, and_, or_, xor };
const UNARY: Record<string, Unary> = {
  neg, abs, sign, sqr, reciprocal, ceil, floor, trunc, roundHalfToEven, roundHalfAwayFromZero, isnan, isinf, invert, real, imag, angle, conj,
  iround: (x) => iround(x),
};

const c = (e: Parameters<typeof decode>[0]) => constant(decode(e), { dtype: e.dtype });

beforeAll(() => expect(config.floatX).toBe(fx.floatX));

describe('binary ops over a table of dtype pairs (NumPy values, PyTensor dtypes)', () => {
  const ops = [...new Set(fx.binary.map((t) => t.op))];
  it.each(ops)('%s', (op) => {
    const failures: string[] = [];
    for (const t of fx.binary.filter((u) => u.op === op)) {
      const out = BINARY[op]!(c(t.a), c(t.b));
      const why = mismatch(out.eval(), t.out);
      if (why) failures.push(`${op}(${label(t.a)}, ${label(t.b)}): ${why}`);
      // The static type agrees with the computed value.
      if (out.dtype !== t.out.dtype) failures.push(`${op}(${label(t.a)}, ${label(t.b)}): static dtype ${out.dtype}, expected ${t.out.dtype}`);
    }
    expect(failures).toEqual([]);
  });

  it('covers every dtype on both sides', () => {
    const seen = new Set(fx.binary.flatMap((t) => [t.a.dtype, t.b.dtype]));
    expect(seen.size).toBe(13);
  });
});

describe('unary ops over every dtype they accept', () => {
  const ops = [...new Set(fx.unary.map((t) => t.op))];
  it.each(ops)('%s', (op) => {
    const failures: string[] = [];
    for (const t of fx.unary.filter((u) => u.op === op)) {
      const why = mismatch(UNARY[op]!(c(t.x)).eval(), t.out);
      if (why) failures.push(`${op}(${label(t.x)}): ${why}`);
    }
    expect(failures).toEqual([]);
  });
});

describe('cast (NumPy astype)', () => {
  it('matches astype for every (source, target) pair except complex to real', () => {
    const failures: string[] = [];
    for (const t of fx.casts) {
      const why = mismatch(cast(c(t.x), t.dtype).eval(), t.out);
      if (why) failures.push(`cast(${label(t.x)}, ${t.dtype}): ${why}`);
    }
    expect(fx.casts.length).toBeGreaterThan(100);
    expect(failures).toEqual([]);
  });

  it('is a no-op (the same variable) when the dtype is already right', () => {
    const x = new TensorType('int16', [null]).makeVariable('x');
    expect(cast(x, 'int16')).toBe(x);
    expect(cast(x, 'floatX').dtype).toBe('float64');
  });
});

describe('switch, clip, isclose, allclose', () => {
  it('switch broadcasts the condition and upcasts the branches', () => {
    for (const t of fx.switch) expect(mismatch(switch_(c(t.cond), c(t.ift), c(t.iff)).eval(), t.out)).toBeUndefined();
  });

  it('clip (NaN stays NaN; min/max broadcast and upcast)', () => {
    for (const t of fx.clip) expect(mismatch(clip(c(t.x), c(t.min), c(t.max)).eval(), t.out)).toBeUndefined();
  });

  it('isclose and allclose follow numpy (infinities, NaN, equalNan, integer inputs)', () => {
    for (const t of fx.isclose) {
      expect(mismatch(isclose(c(t.a), c(t.b), t.options).eval(), t.out)).toBeUndefined();
      const all = allclose(c(t.a), c(t.b), t.options);
      expect(all.ndim).toBe(0);
      expect(toNested(all.eval())).toBe(t.allclose);
      if (t.a.shape[0]! >= 6) {
        const first6 = (e: typeof t.a) => ({ ...e, shape: [6], data: e.data.slice(0, 6) });
        expect(toNested(allclose(c(first6(t.a)), c(first6(t.b)), t.options).eval())).toBe(t.allcloseFirst6);
      }
    }
  });
});

describe('shapes: broadcasting, 0-d and empty arrays', () => {
  it.each(fx.shapes.map((t, i) => [`${t.op}(${label(t.a)}, ${label(t.b)})`, i] as const))('%s', (_name, i) => {
    const t = fx.shapes[i]!;
    const out = BINARY[t.op]!(c(t.a), c(t.b));
    expect(mismatch(out.eval(), t.out)).toBeUndefined();
    expect(out.ndim).toBe(t.out.shape.length);
  });

  it('gives the same values for symbolic inputs of unknown shape', () => {
    const t = fx.shapes[0]!;
    const x = new TensorType(t.a.dtype, t.a.shape.map(() => null)).makeVariable('x');
    const y = new TensorType(t.b.dtype, t.b.shape.map(() => null)).makeVariable('y');
    expect(mismatch(add(x, y).eval({ x: decode(t.a), y: decode(t.b) }), t.out)).toBeUndefined();
  });
});

describe('strided inputs', () => {
  it('a transposed view (dimshuffle of a constant)', () => {
    const t = fx.strided.find((s) => s.kind === 'transpose')!;
    const aT = dimshuffle(c(t.a), [1, 0]);
    const value = aT.eval();
    expect(value.strides).toEqual([1, 2]); // a view, not a copy
    expect(mismatch(add(aT, c(t.b)).eval(), t.out)).toBeUndefined();
  });

  it('a reversed view (negative stride, int64) given for a symbolic input, never modified', () => {
    const t = fx.strided.find((s) => s.kind === 'reverse')!;
    const raw = rawOf(t.a);
    const reversed: NDArray = fromRaw('int64', raw, [5], [-1], 4);
    const before = flat(reversed);
    const x = new TensorType('int64', [null]).makeVariable('x');
    const out = mul(x, c(t.b)).eval({ x: reversed });
    expect(mismatch(out, t.out)).toBeUndefined();
    expect(flat(reversed)).toEqual(before);
    expect(out.strides).toEqual([1]); // a fresh contiguous output
  });

  it('perform reads strided inputs with offsets directly', () => {
    const data = new Float64Array([9, 1, 9, 2, 9, 3, 9, 4]);
    const a = fromRaw('float64', data, [2, 2], [2, 4], 1); // [[1, 3], [2, 4]] (column-major, offset 1)
    const x = new TensorType('float64', [null, null]).makeVariable('x');
    const out = sub(x, 1);
    const cell: [unknown] = [undefined];
    out.owner!.op.perform(out.owner!, [a, decode({ dtype: 'int8', shape: [1, 1], data: [1] })], [cell]);
    expect(toNested(cell[0] as NDArray)).toEqual([[0, 2], [1, 3]]);
    expect(Array.from(data)).toEqual([9, 1, 9, 2, 9, 3, 9, 4]);
  });
});

describe('exactness', () => {
  it('compares int64 exactly (2^53 + 1 != 2^53)', () => {
    const a = constant([2n ** 53n + 1n, 5n]);
    const b = constant([2n ** 53n, 5n]);
    expect(eq(a, b).evalNested()).toEqual([false, true]);
    expect(lt(b, a).evalNested()).toEqual([true, false]);
  });

  it('multiplies int32 exactly with wrapping (2147483647 * 3)', () => {
    const a = constant([2147483647, 99991], { dtype: 'int32' });
    const b = constant([3, 46341], { dtype: 'int32' });
    expect(mul(a, b).evalNested()).toEqual([2147483645, (99991 * 46341) | 0]);
  });

  it('raises int64 powers with 64-bit wrapping', () => {
    expect(pow(constant([3n]), constant([41n])).evalNested()).toEqual([BigInt.asIntN(64, 3n ** 41n)]);
  });
});
