/**
 * log1mexp(x) = log(1 - e^x): values and derivative against mpmath (fixture
 * from tools/fixtures/gen_log1mexp.py), dtypes, and the js expression.
 */
import { DtypeError, evaluate } from '@proj/graph';
import { constant } from '../src/basic/as-tensor';
import { onesLike } from '../src/basic/fill';
import { log1mexp } from '../src/math/special';
import { scalarLog1mexp, specialJsBindings } from '../src/scalar/special';
import { TensorType } from '../src/type/tensor-type';
import type { NDArray } from '../src/value/ndarray';
import type { TensorVariable } from '../src/variable/tensor-variable';
import { decode, decodeScalar, flat, loadFixture, type Enc } from './helpers/encoded-array';

interface Case {
  x: Enc;
  y: Enc;
  gradX: Enc;
  gradY: Enc;
}

const fixture = loadFixture('log1mexp') as unknown as Record<'float64' | 'float32', Case>;

/** Element k of `got` matches `want` to `rtol` (NaN equals NaN, infinities exactly, 0 equals -0, tiny values absolutely). */
function expectClose(got: unknown[], want: Enc, rtol: number): void {
  const w = want.data.map((v) => decodeScalar(v, want.dtype) as number);
  expect(got).toHaveLength(w.length);
  got.forEach((g, k) => {
    const wk = w[k]!;
    const gk = g as number;
    if (Number.isNaN(wk)) expect(gk).toBeNaN();
    else if (!Number.isFinite(wk)) expect(gk).toBe(wk);
    else expect(Math.abs(gk - wk)).toBeLessThanOrEqual(rtol * Math.abs(wk) + 1e-300);
  });
}

describe('log1mexp', () => {
  it.each([
    ['float64', 1e-15],
    ['float32', 1e-6],
  ] as const)('matches mpmath in %s, near 0, far below and at the edges', (dtype, rtol) => {
    const c = fixture[dtype];
    const x = new TensorType(dtype, [null]).makeVariable('x');
    const y = log1mexp(x);
    expect(y.dtype).toBe(dtype);
    const [out] = evaluate([y], [[x, decode(c.x)]]) as NDArray[];
    expectClose(flat(out!), c.y, rtol);
  });

  it.each([
    ['float64', 1e-12],
    ['float32', 1e-5],
  ] as const)('has the derivative -e^x / (1 - e^x) in %s', (dtype, rtol) => {
    const c = fixture[dtype];
    const x = new TensorType(dtype, [null]).makeVariable('x');
    const y = log1mexp(x);
    const [gx] = y.owner!.op.Lop([x], [y], [onesLike(y)]) as TensorVariable[];
    expect(gx!.dtype).toBe(dtype);
    const [out] = evaluate([gx!], [[x, decode(c.gradX)]]) as NDArray[];
    expectClose(flat(out!), c.gradY, rtol);
  });

  it('gives floats for integers and refuses complex values', () => {
    expect(log1mexp(constant(-1, { dtype: 'int8' })).dtype).toBe('float32');
    expect(log1mexp(constant(-1, { dtype: 'int32' })).dtype).toBe('float64');
    expect(() => log1mexp(new TensorType('complex128', []).makeVariable('z'))).toThrow(DtypeError);
  });

  it('has a js expression calling its binding, which is the kernel function', () => {
    expect(scalarLog1mexp.spec.js!(['a'])).toBe('log1mexp(a)');
    const c = fixture.float64;
    const xs = c.x.data.map((v) => decodeScalar(v, 'float64') as number);
    expectClose(xs.map((v) => specialJsBindings.log1mexp!(v)), c.y, 1e-15);
  });
});
