/**
 * What each scalar op of @proj/tensor is in f64x2 lanes: the emitters the
 * elementwise generator composes. Every op computes in float64 lanes as the
 * reference kernels compute in JS numbers; comparisons give lane masks.
 */
import { Simd } from '../../encoder';
import { K, abs, add, and, ceil, div, eq, floor, ge, gt, le, lt, mul, ne, nearest, neg, not, select, sqrt, sub, trunc, type Expr } from '../../vmath/dsl';
import type { VecFn, VecMath } from '../../vmath';

/** A lane value: numbers, or a mask of all-ones / all-zeros lanes (a bool). */
export type Kind = 'num' | 'mask';

/** An operand as the emitters see it. */
export interface Val {
  readonly e: Expr;
  readonly kind: Kind;
}

/** A lane value as numbers (a mask becomes 1.0 / 0.0: the bits of 1.0 and-ed with the mask). */
export const num = (v: Val): Expr => (v.kind === 'num' ? v.e : and(v.e, K(1)));
/** A lane value as a mask (a number is true when non-zero, NaN included, as in JS/NumPy). */
export const mask = (v: Val): Expr => (v.kind === 'mask' ? v.e : not(eq(v.e, K(0))));

type Emitter = (args: readonly Val[], lib: VecMath, consts: readonly (number | undefined)[]) => Val | undefined;

const N = (e: Expr): Val => ({ e, kind: 'num' });
const M = (e: Expr): Val => ({ e, kind: 'mask' });
const fold = (f: (a: Expr, b: Expr) => Expr) => (args: readonly Val[]) => N(args.map(num).reduce((a, b) => f(a, b)));
const fn1 =
  (name: VecFn): Emitter =>
  ([a], lib) =>
    N(lib.inline(name, num(a!)));

// maximum/minimum as the reference: NaN wins, otherwise the first of equal values (so -0 vs 0 matches).
const extremum = (cmp: (a: Expr, b: Expr) => Expr) => (args: readonly Val[]) =>
  N(
    args.map(num).reduce((m, x) => {
      const picked = select(cmp(x, m), x, m);
      return select(ne(x, x), x, picked);
    }),
  );

/** The emitters by scalar op name (PyTensor names, as ScalarOp.name). */
export const LANE_OPS: Readonly<Record<string, Emitter>> = {
  add: fold(add),
  sub: ([a, b]) => N(sub(num(a!), num(b!))),
  mul: fold(mul),
  true_div: ([a, b]) => N(div(num(a!), num(b!))),
  neg: ([a]) => N(neg(num(a!))),
  reciprocal: ([a]) => N(div(K(1), num(a!))),
  sqr: ([a]) => N(mul(num(a!), num(a!))),
  abs: ([a]) => N(abs(num(a!))),
  sqrt: ([a]) => N(sqrt(num(a!))),
  exp: fn1('exp'),
  log: fn1('log'),
  log1p: fn1('log1p'),
  expm1: fn1('expm1'),
  tanh: fn1('tanh'),
  sigmoid: fn1('sigmoid'),
  softplus: fn1('softplus'),
  sin: fn1('sin'),
  cos: fn1('cos'),
  erf: fn1('erf'),
  pow: ([a, b], lib, consts) => {
    // Small integer exponents known at compile time are exact products (correctly rounded, as pow).
    const k = consts[1];
    if (k === 2) return N(mul(num(a!), num(a!)));
    if (k === 1) return N(num(a!));
    if (k === -1) return N(div(K(1), num(a!)));
    if (k === 0) return N(K(1));
    return N(lib.inline('pow', num(a!), num(b!)));
  },
  maximum: extremum(gt),
  minimum: extremum(lt),
  lt: ([a, b]) => M(lt(num(a!), num(b!))),
  gt: ([a, b]) => M(gt(num(a!), num(b!))),
  le: ([a, b]) => M(le(num(a!), num(b!))),
  ge: ([a, b]) => M(ge(num(a!), num(b!))),
  eq: ([a, b]) => M(eq(num(a!), num(b!))),
  neq: ([a, b]) => M(ne(num(a!), num(b!))),
  isnan: ([a]) => M(ne(num(a!), num(a!))),
  isinf: ([a]) => M(eq(abs(num(a!)), K(Infinity))),
  switch: ([c, a, b]) => (a!.kind === 'mask' && b!.kind === 'mask' ? M(select(mask(c!), a!.e, b!.e)) : N(select(mask(c!), num(a!), num(b!)))),
  floor: ([a]) => N(floor(num(a!))),
  ceil: ([a]) => N(ceil(num(a!))),
  trunc: ([a]) => N(trunc(num(a!))),
  round_half_to_even: ([a]) => N(nearest(num(a!))),
  'Cast{float64}': ([a]) => N(num(a!)),
  'Cast{float32}': ([a]) => N(roundF32(num(a!))),
};

/** Rounds float64 lanes to float32 and back (the float32 result of a step). */
export const roundF32 =
  (x: Expr): Expr =>
  (c) => {
    x(c);
    c.simd(Simd.f32x4DemoteF64x2Zero).simd(Simd.f64x2PromoteLowF32x4);
  };
