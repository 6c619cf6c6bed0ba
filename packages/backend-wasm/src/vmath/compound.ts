/**
 * Vector functions built from exp and log with the classic accuracy-preserving
 * identities (Goldberg / Kahan): log1p, expm1, tanh, sigmoid and softplus.
 * `call(name)` emits a call to another function of the same library.
 */
import { ValType, type Code } from '../encoder';
import { K, L, abs, add, assign, copysign, div, eq, ge, lt, max, mul, neg, or, select, sub, type Expr } from './dsl';

/** Emits a call of a one-argument library function on an argument expression. */
export type CallFn = (name: 'exp' | 'log' | 'expm1' | 'log1p', arg: Expr) => Expr;

/** log1p(x) = log(u) - ((u - 1) - x) / u with u = 1 + x (exact x where u rounds to 1). */
export function emitLog1p(c: Code, call: CallFn, x0 = 0): void {
  const u = c.local(ValType.v128);
  const lu = c.local(ValType.v128);
  assign(c, u, add(K(1), L(x0)));
  assign(c, lu, call('log', L(u)));
  const corrected: Expr = sub(L(lu), div(sub(sub(L(u), K(1)), L(x0)), L(u)));
  // u = 0 (x = -1) and u = inf give log(u) itself; u = 1 keeps x (and its -0).
  const special = or(eq(L(u), K(0)), eq(L(u), K(Infinity)));
  select(eq(L(u), K(1)), L(x0), select(special, L(lu), corrected))(c);
}

/** expm1(x) = (u - 1) x / log(u) with u = e^x (Kahan), x where u rounds to 1, -1 where u - 1 does. */
export function emitExpm1(c: Code, call: CallFn, x0 = 0): void {
  const u = c.local(ValType.v128);
  const um1 = c.local(ValType.v128);
  assign(c, u, call('exp', L(x0)));
  assign(c, um1, sub(L(u), K(1)));
  // um1 * (x / log u): the ratio is near 1, so nothing overflows for x near 709.
  const kahan: Expr = mul(L(um1), div(L(x0), call('log', L(u))));
  const special = or(eq(L(um1), K(-1)), eq(L(u), K(Infinity)));
  select(eq(L(u), K(1)), L(x0), select(special, L(um1), kahan))(c);
}

/**
 * tanh after Cephes (tanh.c): x + x s P(s)/Q(s) with s = x^2 for |x| < 0.625,
 * else sign(x) (1 - 2 / (e^(2|x|) + 1)); both computed, one selected per lane.
 */
export function emitTanh(c: Code, call: CallFn, x0 = 0): void {
  const s = c.local(ValType.v128);
  const big = c.local(ValType.v128);
  assign(c, s, mul(L(x0), L(x0)));
  const P = add(mul(add(mul(K(-9.64399179425052238628e-1), L(s)), K(-9.92877231001918586564e1)), L(s)), K(-1.61468768441708447952e3));
  const Q = add(mul(add(mul(add(L(s), K(1.12811678491632931402e2)), L(s)), K(2.23548839060100448583e3)), L(s)), K(4.84406305325125486048e3));
  const small: Expr = add(L(x0), mul(mul(L(x0), L(s)), div(P, Q)));
  assign(c, big, copysign(sub(K(1), div(K(2), add(call('exp', mul(K(2), abs(L(x0)))), K(1)))), L(x0)));
  // tanh(±0) = ±0 (the small branch would give +0 for -0).
  select(eq(L(x0), K(0)), L(x0), select(lt(abs(L(x0)), K(0.625)), small, L(big)))(c);
}

/** sigmoid(x): 1 / (1 + e^-x) for x >= 0, e^x / (1 + e^x) below (as the reference kernel). */
export function emitSigmoid(c: Code, call: CallFn, x0 = 0): void {
  const e = c.local(ValType.v128);
  assign(c, e, call('exp', neg(abs(L(x0)))));
  select(ge(L(x0), K(0)), div(K(1), add(K(1), L(e))), div(L(e), add(K(1), L(e))))(c);
}

/** softplus(x) = log1p(e^-|x|) + max(x, 0) (as the reference kernel). */
export function emitSoftplus(c: Code, call: CallFn, x0 = 0): void {
  add(call('log1p', call('exp', neg(abs(L(x0))))), max(L(x0), K(0)))(c);
}
