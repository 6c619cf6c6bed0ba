/**
 * Values of the transcendental and special elementwise functions against the
 * NumPy/SciPy fixtures (tools/fixtures/gen_elemwise_special.py): float64,
 * float32, integer and bool inputs (int64/uint64 exactly, from BigInt),
 * complex exp/log/sqrt, NaN, infinities, signed zeros, subnormals, domain
 * edges, strided / negative-stride / broadcast inputs.
 */
import type { Dtype } from '../src/dtype/dtypes';
import * as tr from '../src/math/transcendental';
import * as tg from '../src/math/trigonometric';
import * as sp from '../src/math/special';
import type { TensorLike } from '../src/basic/as-tensor';
import type { TensorVariable } from '../src/variable/tensor-variable';
import { close, dec, fixture, flat, makeArray, makeComplex, run, type Enc } from './elemwise-special-helpers';

type Unary = (x: TensorLike) => TensorVariable;

const UNARY: Record<string, Unary> = {
  sqrt: tr.sqrt, exp: tr.exp, exp2: tr.exp2, log: tr.log, log2: tr.log2, log10: tr.log10, log1p: tr.log1p, expm1: tr.expm1,
  cos: tg.cos, sin: tg.sin, tan: tg.tan, arccos: tg.arccos, arcsin: tg.arcsin, arctan: tg.arctan,
  cosh: tg.cosh, sinh: tg.sinh, tanh: tg.tanh, arccosh: tg.arccosh, arcsinh: tg.arcsinh, arctanh: tg.arctanh,
  deg2rad: tg.deg2rad, rad2deg: tg.rad2deg,
  erf: sp.erf, erfc: sp.erfc, erfinv: sp.erfinv, erfcinv: sp.erfcinv, gamma: sp.gamma, gammaln: sp.gammaln,
  psi: sp.psi, tri_gamma: sp.triGamma, sigmoid: sp.sigmoid, softplus: sp.softplus,
};

/**
 * float64 relative tolerance: 4e-15 (a few ulps). The Math.* functions and the
 * stdlib special functions are within about 2 ulps of the references (NumPy; mpmath
 * where SciPy loses digits), except chi2sf's far tail (stdlib's incomplete gamma, ~5e-14).
 */
const RTOL64: Record<string, number> = { chi2sf: 1e-13 };
const DEFAULT_RTOL64 = 4e-15;
/** float32: the result is rounded once from float64, as the reference is: at most an ulp apart. */
const RTOL32 = 2.4e-7;
/** Absolute slack for subnormal results (they hold fewer digits). */
const ATOL: Record<string, number> = { float64: 1e-320, float32: 1e-44 };

/**
 * Zeros whose sign differs from SciPy's on purpose: erfinv is odd, so erfinv(-0)
 * is -0 (stdlib, as erf(-0) = -0 in NumPy); SciPy returns +0.
 */
const ZERO_SIGN_EXCEPTIONS: Record<string, number[]> = { erfinv: [-0] };

function mismatches(name: string, dtype: string, xs: readonly (Enc | boolean)[], got: number[], want: number[], rtol: number, atol: number): string[] {
  const bad: string[] = [];
  const except = ZERO_SIGN_EXCEPTIONS[name] ?? [];
  got.forEach((g, k) => {
    const w = want[k]!;
    const x = typeof xs[k] === 'number' ? (xs[k] as number) : NaN;
    if (w === 0 && g === 0 && except.some((e) => Object.is(e, x))) return;
    if (!close(g, w, rtol, w === 0 ? 0 : atol)) bad.push(`${name}<${dtype}>(${show(xs[k]!)}) = ${show(g)}, want ${show(w)}`);
  });
  return bad;
}

function show(v: Enc | boolean): string {
  return Object.is(v, -0) ? '-0' : String(v);
}

describe.each(Object.keys(UNARY))('%s: values against NumPy/SciPy', (name) => {
  const fn = UNARY[name]!;
  const cases = fixture.unary[name]!;

  it.each(Object.keys(cases))('%s inputs', (dtype) => {
    const c = cases[dtype]!;
    const x = makeArray(dtype as Dtype, c.x, [c.x.length]);
    const { value, out } = run(fn, x);
    const outDtype = (c.outDtype ?? dtype) as Dtype;
    expect(out.dtype).toBe(outDtype);
    expect(value.dtype).toBe(outDtype);
    const want = c.y.map(dec);
    const rtol = outDtype === 'float32' ? RTOL32 : (RTOL64[name] ?? DEFAULT_RTOL64);
    const atol = ATOL[outDtype]!;
    expect(mismatches(name, dtype, c.x, flat(value), want, rtol, atol)).toEqual([]);
  });

  it('gives the same values for a strided, negative-stride input (and leaves it unchanged)', () => {
    const c = cases.float64!;
    const n = c.x.length;
    // Reversed order, every third slot of a larger buffer, starting at its end.
    const x = makeArray('float64', [...c.x].reverse(), [n], { strides: [-3], offset: 3 * (n - 1) + 1, size: 3 * n + 2 });
    const before = flat(x);
    const { value } = run(fn, x);
    expect(flat(x)).toEqual(before);
    const want = c.y.map(dec).reverse();
    const rtol = RTOL64[name] ?? DEFAULT_RTOL64;
    expect(mismatches(name, 'float64 strided', [...c.x].reverse(), flat(value), want, rtol, ATOL.float64!)).toEqual([]);
    expect(value.shape).toEqual([n]);
  });

  it('gives the same values for a transposed 2-d float32 view', () => {
    const c = cases.float32!;
    const rows = 2;
    const cols = Math.floor(c.x.length / rows);
    const xs = c.x.slice(0, rows * cols);
    // A (rows, cols) view of a column-major buffer: element (i, j) at j * rows + i.
    const x = makeArray('float32', xs, [rows, cols], { strides: [1, rows], offset: 0, size: rows * cols });
    const { value } = run(fn, x);
    expect(value.shape).toEqual([rows, cols]);
    const want = c.y.slice(0, rows * cols).map(dec);
    expect(mismatches(name, 'float32 transposed', xs, flat(value), want, RTOL32, ATOL.float32!)).toEqual([]);
  });
});

describe('binary functions on broadcast grids (a column against a row)', () => {
  const BINARY: Record<string, (a: TensorLike, b: TensorLike) => TensorVariable> = { arctan2: tg.arctan2, chi2sf: sp.chi2sf, polygamma: sp.polygamma };
    for (const [name, fn] of Object.entries(BINARY)) {
    it.each(fixture.binary[name]!.map((c, i) => [`${c.aDtype} x ${c.bDtype}`, i] as const))(`${name}: %s`, (_label, i) => {
      const c = fixture.binary[name]![i]!;
      const a = makeArray(c.aDtype, c.a, [c.a.length, 1]);
      const b = makeArray(c.bDtype, c.b, [c.b.length]);
      const { value, out } = run(fn, a, b);
      expect(out.dtype).toBe(c.outDtype);
      expect(value.shape).toEqual([c.a.length, c.b.length]);
      const want = c.out.flat().map(dec);
      const labels = c.a.flatMap((av) => c.b.map((bv) => `${String(av)}, ${String(bv)}`));
      const rtol = c.outDtype === 'float32' ? RTOL32 : (RTOL64[name] ?? DEFAULT_RTOL64);
      expect(mismatches(name, `${c.aDtype},${c.bDtype}`, labels, flat(value), want, rtol, ATOL[c.outDtype]!)).toEqual([]);
    });
  }
});

describe('complex exp, log and sqrt against NumPy', () => {
  const FN: Record<string, Unary> = { exp: tr.exp, log: tr.log, sqrt: tr.sqrt };
  for (const name of Object.keys(FN)) {
    it.each(['complex128', 'complex64'])(`${name}: %s`, (dtype) => {
      const c = fixture.complex[name]![dtype]!;
      const re = c.re.flatMap((r) => c.im.map(() => dec(r)));
      const im = c.re.flatMap(() => c.im.map(dec));
      const z = makeComplex(dtype as Dtype, re, im, [c.re.length, c.im.length]);
      const { value, out } = run(FN[name]!, z);
      expect(out.dtype).toBe(dtype);
      const got = flat(value);
      const wantRe = c.outRe.flat().map(dec);
      const wantIm = c.outIm.flat().map(dec);
      const rtol = dtype === 'complex64' ? RTOL32 : DEFAULT_RTOL64;
      const bad: string[] = [];
      wantRe.forEach((wr, k) => {
        const wi = wantIm[k]!;
        const gr = got[2 * k]!;
        const gi = got[2 * k + 1]!;
        const label = `${name}<${dtype}>(${re[k]} + ${im[k]}i) = ${gr} + ${gi}i, want ${wr} + ${wi}i`;
        const atol = ATOL[dtype === 'complex64' ? 'float32' : 'float64']!;
        let ok: boolean;
        if (Number.isFinite(wr) && Number.isFinite(wi)) {
          // Norm-wise relative error, the usual measure for complex results; zero parts keep their sign.
          const err = Math.hypot(gr - wr, gi - wi);
          ok = err <= rtol * Math.hypot(wr, wi) + atol && (wr !== 0 || Object.is(gr, wr)) && (wi !== 0 || Object.is(gi, wi));
        } else {
          // Infinite or NaN parts exactly; a finite companion part to the usual tolerance.
          ok = close(gr, wr, rtol, wr === 0 ? 0 : atol) && close(gi, wi, rtol, wi === 0 ? 0 : atol);
        }
        if (!ok) bad.push(label);
      });
      expect(bad).toEqual([]);
    });
  }
});

describe('domain edges', () => {
  const at = (fn: Unary, x: number): number => flat(run(fn, makeArray('float64', [x], [])).value)[0]!;

  it.each([
    ['log(0) = -inf', tr.log, 0, -Infinity],
    ['log(-1) = NaN', tr.log, -1, NaN],
    ['sqrt(-1) = NaN for reals', tr.sqrt, -1, NaN],
    ['sqrt(-0) = -0', tr.sqrt, -0, -0],
    ['arccosh(0.5) = NaN', tg.arccosh, 0.5, NaN],
    ['arctanh(1) = inf', tg.arctanh, 1, Infinity],
    ['erfinv(1) = inf', sp.erfinv, 1, Infinity],
    ['erfinv(-1) = -inf', sp.erfinv, -1, -Infinity],
    ['erfcinv(0) = inf', sp.erfcinv, 0, Infinity],
    ['erfcinv(2) = -inf', sp.erfcinv, 2, -Infinity],
    ['psi(+0) = -inf', sp.psi, 0, -Infinity],
    ['psi(-0) = +inf', sp.psi, -0, Infinity],
    ['psi(-1) = NaN', sp.psi, -1, NaN],
    ['triGamma(-inf) = NaN (SciPy gives inf; psi(-inf) is NaN there too)', sp.triGamma, -Infinity, NaN],
    ['gamma(-0) = -inf', sp.gamma, -0, -Infinity],
    ['gamma(-180.5) = -0 (a negative value that underflows)', sp.gamma, -180.5, -0],
    ['erfinv(-0) = -0 (odd function; SciPy gives +0)', sp.erfinv, -0, -0],
    ['sigmoid(-740) is the subnormal 4.2e-322, not 0', sp.sigmoid, -740, 4.2e-322],
    ['softplus(1000) = 1000 (no overflow)', sp.softplus, 1000, 1000],
  ] as const)('%s', (_label, fn, x, want) => {
    expect(close(at(fn, x), want, 0)).toBe(true);
  });

  it('polygamma(n, -inf) is NaN (no limit: the poles accumulate)', () => {
    const { value } = run(sp.polygamma, makeArray('int8', [1, 2, 3], [3]), makeArray('float64', ['-inf'], [1]));
    expect(flat(value).every(Number.isNaN)).toBe(true);
  });

  it('polygamma of a negative or non-integer order is NaN', () => {
    const { value } = run(sp.polygamma, makeArray('int8', [-1], [1]), makeArray('float64', [2], [1]));
    expect(flat(value)).toEqual([NaN]);
  });

  it('empty and 0-d inputs keep their shapes', () => {
    expect(run(tr.exp, makeArray('float64', [], [0, 3])).value.shape).toEqual([0, 3]);
    const { value } = run(sp.erf, makeArray('float32', [0.5], []));
    expect(value.shape).toEqual([]);
    expect(flat(value)[0]).toBe(Math.fround(0.5204998778130465));
  });
});
