/**
 * Gradients (PyTensor's scalar L_op rules, evaluated) and the generated-code
 * JS expressions (checked against the scalar implementations) of the
 * non-transcendental elementwise functions.
 */
import { evaluate, type Variable } from '@proj/graph';
import { constant } from '../src/basic/as-tensor';
import { abs, add, intDiv, mod, mul, neg, pow, reciprocal, sign, sqr, sub, trueDiv } from '../src/math/arith';
import { and_ } from '../src/math/bitwise';
import { cast } from '../src/math/cast';
import { eq, lt, maximum, minimum } from '../src/math/compare';
import { clip, switch_ } from '../src/math/condition';
import { complex, conj, imag, real } from '../src/math/complex-parts';
import { ceil, floor, round, trunc } from '../src/math/rounding';
import * as arithOps from '../src/scalar/arith';
import * as bitOps from '../src/scalar/bitwise';
import { castScalarOp } from '../src/scalar/cast';
import * as compareOps from '../src/scalar/compare';
import * as complexOps from '../src/scalar/complex-parts';
import * as condOps from '../src/scalar/condition';
import * as divOps from '../src/scalar/divmod';
import * as roundOps from '../src/scalar/rounding';
import { ScalarOp } from '../src/scalar/scalar-op';
import { toNested, type NDArray } from '../src/value/ndarray';
import type { TensorVariable } from '../src/variable/tensor-variable';

/** The input gradients of `out`'s node for an output gradient of ones (or `gz`). */
function grads(out: TensorVariable, gz?: TensorVariable): TensorVariable[] {
  const node = out.owner!;
  const g = gz ?? constant(new Array(out.eval().shape.reduce((a, b) => a * b, 1)).fill(1.5), { dtype: out.dtype.startsWith('float') ? out.dtype : 'float64' });
  return node.op.Lop(node.inputs, node.outputs, [g.ndim === out.ndim ? g : g]) as TensorVariable[];
}

const f64 = (xs: number[] | number[][]) => constant(xs, { dtype: 'float64' });
const values = (vs: readonly Variable[]) => evaluate(vs).map((x) => toNested(x as NDArray));

describe('gradients', () => {
  const x = f64([1, 5, 3, -2]);
  const y = f64([2, 5, 1, -2.5]);

  it('maximum / minimum send gz to the larger / smaller input (to the first on ties)', () => {
    expect(values(grads(maximum(x, y)))).toEqual([[0, 1.5, 1.5, 1.5], [1.5, 0, 0, 0]]);
    expect(values(grads(minimum(x, y)))).toEqual([[1.5, 1.5, 0, 0], [0, 0, 1.5, 1.5]]);
  });

  it('abs: gz * sign(x); sign, comparisons and rounding: zeros', () => {
    expect(values(grads(abs(x)))).toEqual([[1.5, 1.5, 1.5, -1.5]]);
    const zeros = [0, 0, 0, 0];
    expect(values(grads(sign(x)))).toEqual([zeros]);
    expect(values(grads(lt(x, y)))).toEqual([zeros, zeros]);
    expect(values(grads(eq(x, y)))).toEqual([zeros, zeros]);
    for (const f of [floor, ceil, trunc, (t: TensorVariable) => round(t)]) expect(values(grads(f(x)))).toEqual([zeros]);
  });

  it('zero gradients of flat ops are floatX for discrete inputs and keep the dtype of float ones', () => {
    const f = constant([1.5, -2.5], { dtype: 'float32' });
    const i = constant([1, 2], { dtype: 'int8' });
    expect(grads(floor(f), constant([1, 1], { dtype: 'float32' }))[0]!.dtype).toBe('float32');
    expect(grads(lt(i, f))[0]!.dtype).toBe('float64');
    expect(grads(intDiv(i, i)).map((g) => g.dtype)).toEqual(['float64', 'float64']);
    expect(grads(and_(i, i)).map((g) => g.dtype)).toEqual(['float64', 'float64']);
    expect(values(grads(trueDiv(i, i)))).toEqual([[0, 0], [0, 0]]);
    expect(values(grads(add(i, i)))).toEqual([[0, 0], [0, 0]]);
  });

  it('arithmetic', () => {
    expect(values(grads(sub(x, y)))).toEqual([[1.5, 1.5, 1.5, 1.5], [-1.5, -1.5, -1.5, -1.5]]);
    expect(values(grads(neg(x)))).toEqual([[-1.5, -1.5, -1.5, -1.5]]);
    expect(values(grads(sqr(x)))).toEqual([[3, 15, 9, -6]]);
    expect(values(grads(reciprocal(x)))).toEqual([[-1.5, -1.5 / 25, -1.5 / 9, -1.5 / 4]]);
    // mod: [gz, -(x // y) * gz]
    expect(values(grads(mod(x, y)))).toEqual([[1.5, 1.5, 1.5, 1.5], [-0, -1.5, -4.5, -0]]);
  });

  it('pow: y x^(y-1) gz and log(x) x^y gz (0 where x == 0)', () => {
    const b = f64([2, 3, 0]);
    const e = f64([3, 2, 2]);
    const [gx, gy] = values(grads(pow(b, e))) as number[][];
    expect(gx).toEqual([18, 9, 0]);
    expect(gy![0]).toBeCloseTo(1.5 * 8 * Math.LN2, 12);
    expect(gy![1]).toBeCloseTo(1.5 * 9 * Math.log(3), 12);
    expect(gy![2]).toBe(0);
  });

  it('switch sends gz to the branch taken; the condition gets zeros', () => {
    const cnd = constant([true, false, true, false]);
    expect(values(grads(switch_(cnd, x, y)))).toEqual([[0, 0, 0, 0], [1.5, 0, 1.5, 0], [0, 1.5, 0, 1.5]]);
  });

  it('clip sends gz to x inside the bounds, to min below and max above', () => {
    const lo = f64([0, 0, 0, 0]);
    const hi = f64([2, 2, 4, 4]);
    expect(values(grads(clip(x, lo, hi)))).toEqual([[1.5, 0, 1.5, 0], [0, 0, 0, 1.5], [0, 1.5, 0, 0]]);
  });

  it('sums the gradient over broadcast dimensions', () => {
    const row = f64([[1, 2, 3]]);
    const col = f64([[10], [0]]);
    const out = maximum(row, col);
    const [gRow, gCol] = grads(out, f64([[1, 1, 1], [1, 1, 1]]));
    expect(values([gRow!, gCol!])).toEqual([[[1, 1, 1]], [[3], [0]]]);
  });

  it('cast: the gradient is cast back; through a discrete output dtype it is zero', () => {
    const f = constant([1.5, 2.5], { dtype: 'float32' });
    const [g] = grads(cast(f, 'float64'));
    expect(g!.dtype).toBe('float32');
    expect(values([g!])).toEqual([[1.5, 1.5]]);
    const [gi] = grads(cast(f, 'int32'), f64([1, 1]));
    expect(gi!.dtype).toBe('float32');
    expect(values([gi!])).toEqual([[0, 0]]);
    // PyTensor's Cast: a float output passes gz back, even to an integer input.
    expect(grads(cast(constant([1, 2], { dtype: 'int8' }), 'float32'))[0]!.dtype).toBe('float32');
  });

  it('real / imag / conj of real inputs and complex()', () => {
    expect(values(grads(real(x)))).toEqual([[1.5, 1.5, 1.5, 1.5]]);
    expect(values(grads(imag(x)))).toEqual([[0, 0, 0, 0]]);
    expect(values(grads(conj(x)))).toEqual([[1.5, 1.5, 1.5, 1.5]]);
    const z = complex(x, y);
    const gz = complex(f64([1, 1, 1, 1]), f64([2, 2, 2, 2]));
    expect(values(grads(z, gz))).toEqual([[1, 1, 1, 1], [2, 2, 2, 2]]);
  });

  it('mul and trueDiv of floats', () => {
    expect(values(grads(mul(x, y)))).toEqual([[3, 7.5, 1.5, -3.75], [1.5, 7.5, 4.5, -3]]);
    const [gx, gy] = values(grads(trueDiv(x, y))) as number[][];
    expect(gx).toEqual([0.75, 0.3, 1.5, -0.6]);
    expect(gy![0]).toBeCloseTo(-1.5 * 1 / 4, 14);
  });
});

describe('JS expressions of the scalar ops agree with their implementations', () => {
  const floats = [0, -0, 1, -1, 0.5, -0.5, 1.5, -2.5, 2.5, 7.25, -7.3, 3, -3, 1e300, -1e-300, Infinity, -Infinity, NaN];
  const ints = [0, 1, -1, 5, -7, 127, -128, 2147483647, -2147483648];
  const all = [arithOps, bitOps, compareOps, complexOps, condOps, divOps, roundOps]
    .flatMap((m) => Object.values(m))
    .filter((o): o is ScalarOp => o instanceof ScalarOp)
    .concat(['bool', 'int32', 'float32', 'float64'].map((d) => castScalarOp(d as never)));

  const same = (a: unknown, b: unknown) => (typeof a === 'number' && Number.isNaN(a) ? Number.isNaN(b as number) : Number(a) === Number(b));

  it.each(all.filter((o) => o.spec.js !== undefined && o.name !== 'complex').map((o) => [o.name, o] as const))('%s', (_name, op) => {
    const nin = op.nin === -1 ? 2 : op.nin;
    const params = ['a', 'b', 'c'].slice(0, nin);
    const fn = new Function(...params, `return ${op.spec.js!(params)};`) as (...xs: number[]) => unknown;
    const isBit = ['and_', 'or_', 'xor', 'invert'].includes(op.name);
    const pool = isBit ? ints : floats;
    const impl = isBit && op.spec.implInt ? op.spec.implInt : op.spec.impl;
    const failures: string[] = [];
    const combos: number[][] = nin === 1 ? pool.map((p) => [p]) : nin === 2 ? pool.flatMap((p) => pool.map((q) => [p, q])) : pool.flatMap((p) => [[p, -1, 1], [p, 0, 0.5]]);
    for (const args of combos) {
      const want = impl(...args);
      const got = fn(...args);
      if (!same(got, want)) failures.push(`${op.name}(${args.join(', ')}): js ${String(got)}, impl ${want}`);
    }
    expect(failures).toEqual([]);
  });

  it('every scalar op of these families has a distinct name', () => {
    const names = all.map((o) => o.name);
    expect(new Set(names).size).toBe(names.length);
  });
});
