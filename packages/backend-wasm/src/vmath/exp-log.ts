/**
 * exp and log on f64x2 lanes, after fdlibm (e_exp.c, e_log.c): a Cody-Waite
 * range reduction by ln 2 and a minimax rational / polynomial kernel, accurate
 * to about 1 ulp; NaN, ±inf, ±0 and subnormals are handled by lane selects.
 */
import { ValType, type Code } from '../encoder';
import { K, KI, L, abs, add, and, assign, div, eq, floor, fromI64, gt, horner, lt, max, min, mul, nearest, or, pow2, select, shrU, sub, type Expr } from './dsl';

const LN2_HI = 6.93147180369123816490e-1;
const LN2_LO = 1.90821492927058770002e-10;
const LOG2E = 1.44269504088896338700;

/** Body of exp(x) (x is local 0). */
export function emitExp(c: Code, x0 = 0): void {
  const x = c.local(ValType.v128);
  const k = c.local(ValType.v128);
  const hi = c.local(ValType.v128);
  const lo = c.local(ValType.v128);
  const r = c.local(ValType.v128);
  const t = c.local(ValType.v128);
  const cc = c.local(ValType.v128);
  const k1 = c.local(ValType.v128);
  // exp overflows above 709.79 and is 0 below -745.14: clamping keeps 2^k
  // representable without changing those results (NaN passes through min/max).
  assign(c, x, max(min(L(x0), K(710)), K(-746)));
  assign(c, k, nearest(mul(L(x), K(LOG2E))));
  assign(c, hi, sub(L(x), mul(L(k), K(LN2_HI))));
  assign(c, lo, mul(L(k), K(LN2_LO)));
  assign(c, r, sub(L(hi), L(lo)));
  assign(c, t, mul(L(r), L(r)));
  assign(c, cc, sub(L(r), mul(L(t), horner(L(t), [1.66666666666666019037e-1, -2.77777777770155933842e-3, 6.61375632143793436117e-5, -1.65339022054652515390e-6, 4.13813679705723846039e-8]))));
  // y = 1 - ((lo - r*c/(2-c)) - hi), then y * 2^k in two steps so that 2^k1 and
  // 2^(k-k1) are normal numbers even when the result is subnormal or near overflow.
  const y: Expr = sub(K(1), sub(sub(L(lo), div(mul(L(r), L(cc)), sub(K(2), L(cc)))), L(hi)));
  assign(c, k1, floor(mul(L(k), K(0.5))));
  mul(mul(y, pow2(L(k1))), pow2(sub(L(k), L(k1))))(c);
}

/** Body of log(x) (x is local 0). */
export function emitLog(c: Code, x0 = 0): void {
  const x = c.local(ValType.v128);
  const e = c.local(ValType.v128);
  const m = c.local(ValType.v128);
  const big = c.local(ValType.v128);
  const f = c.local(ValType.v128);
  const s = c.local(ValType.v128);
  const z = c.local(ValType.v128);
  const hfsq = c.local(ValType.v128);
  const tiny = c.local(ValType.v128);
  // Subnormals are scaled by 2^54 first so that the exponent field is exact.
  assign(c, tiny, lt(abs(L(x0)), K(2.2250738585072014e-308)));
  assign(c, x, select(L(tiny), mul(L(x0), K(18014398509481984)), L(x0)));
  assign(c, e, add(sub(fromI64(shrU(and(L(x), KI(0x7ff0000000000000n)), 52)), K(1023)), and(L(tiny), K(-54))));
  // Mantissa in [1, 2), then in [sqrt(2)/2, sqrt(2)) with the exponent adjusted.
  assign(c, m, or(and(L(x), KI(0x000fffffffffffffn)), KI(0x3ff0000000000000n)));
  assign(c, big, gt(L(m), K(Math.SQRT2)));
  assign(c, m, select(L(big), mul(L(m), K(0.5)), L(m)));
  assign(c, e, add(L(e), and(L(big), K(1))));
  assign(c, f, sub(L(m), K(1)));
  assign(c, hfsq, mul(mul(K(0.5), L(f)), L(f)));
  assign(c, s, div(L(f), add(K(2), L(f))));
  assign(c, z, mul(L(s), L(s)));
  const R = mul(L(z), horner(L(z), [6.666666666666735130e-1, 3.999999999940941908e-1, 2.857142874366239149e-1, 2.222219843214978396e-1, 1.818357216161805012e-1, 1.531383769920937332e-1, 1.479819860511658591e-1]));
  const core: Expr = sub(mul(L(e), K(LN2_HI)), sub(sub(L(hfsq), add(mul(L(s), add(L(hfsq), R)), mul(L(e), K(LN2_LO)))), L(f)));
  // log(0) = -inf, log(inf) = inf, log(<0) = log(NaN) = NaN.
  const special: Expr = select(eq(L(x0), K(0)), K(-Infinity), select(eq(L(x0), K(Infinity)), K(Infinity), K(NaN)));
  const ordinary: Expr = and(gt(L(x0), K(0)), lt(L(x0), K(Infinity)));
  select(ordinary, core, special)(c);
}
