/**
 * sin and cos on f64x2 lanes, after fdlibm (k_sin.c, k_cos.c, the medium case
 * of e_rem_pio2.c): n = round(x * 2/pi), r = x - n pi/2 with pi/2 split in four
 * parts (exact products while |n| < 2^20), kernels on [-pi/4, pi/4] and the
 * quadrant by lane selects. Lanes beyond the reduction's range (|x| > 2^19,
 * inf, where a Payne-Hanek reduction would be needed) call the host's function.
 */
import { Simd, ValType, type Code } from '../encoder';
import { K, KI, L, abs, add, and, assign, eq, gt, horner, ieq, mul, nearest, not, select, shl, sub, toI64, xor, type Expr } from './dsl';

const PIO2_1 = 1.57079632673412561417e0;
const PIO2_2 = 6.07710050630396597660e-11;
const PIO2_3 = 2.02226624871116645580e-21;
const PIO2_3T = 8.47842766036889956997e-32;
const RANGE = 524288;

function kernelSin(z: Expr, r: Expr): Expr {
  // r + r^3 (S1 + z (S2 + ... ))
  return add(r, mul(mul(z, r), horner(z, [-1.66666666666666324348e-1, 8.33333333332248946124e-3, -1.98412698298579493134e-4, 2.75573137070700676789e-6, -2.50507602534068634195e-8, 1.58969099521155010221e-10])));
}

function emitKernelCos(c: Code, z: number): Expr {
  const hz = c.local(ValType.v128);
  const w = c.local(ValType.v128);
  assign(c, hz, mul(K(0.5), L(z)));
  assign(c, w, sub(K(1), L(hz)));
  const rr = mul(L(z), horner(L(z), [4.16666666666666019037e-2, -1.38888888888741095749e-3, 2.48015872894767294178e-5, -2.75573143513906633035e-7, 2.08757232129817482790e-9, -1.13596475577881948265e-11]));
  // w + (((1 - w) - hz) + z*r): 1 - z/2 with its rounding error added back.
  return add(L(w), add(sub(sub(K(1), L(w)), L(hz)), mul(L(z), rr)));
}

/** Body of sin(x) (quadrantShift 0) or cos(x) (quadrantShift 1); x is local 0. */
export function emitSinCos(c: Code, quadrantShift: 0 | 1, hostIndex: number, x0 = 0): void {
  const n = c.local(ValType.v128);
  const r = c.local(ValType.v128);
  const z = c.local(ValType.v128);
  const s = c.local(ValType.v128);
  const co = c.local(ValType.v128);
  const q = c.local(ValType.v128);
  const out = c.local(ValType.v128);
  assign(c, n, nearest(mul(L(x0), K(2 / Math.PI))));
  assign(c, r, sub(sub(sub(sub(L(x0), mul(L(n), K(PIO2_1))), mul(L(n), K(PIO2_2))), mul(L(n), K(PIO2_3))), mul(L(n), K(PIO2_3T))));
  assign(c, z, mul(L(r), L(r)));
  assign(c, s, kernelSin(L(z), L(r)));
  assign(c, co, emitKernelCos(c, z));
  // The quadrant (n + shift) mod 4: bit 0 swaps sin and cos, bit 1 negates.
  assign(c, q, toI64(select(gt(abs(L(n)), K(RANGE)), K(0), L(n))));
  if (quadrantShift) assign(c, q, (cc) => (L(q)(cc), cc.i64x2(1n), cc.simd(Simd.i64x2Add)));
  const swap = not(ieq(and(L(q), KI(1n)), KI(0n)));
  const sign = shl(and(L(q), KI(2n)), 62);
  assign(c, out, xor(select(swap, L(co), L(s)), sign));
  // sin(±0) = ±0 exactly (the reduction would give +0 for -0).
  if (quadrantShift === 0) assign(c, out, select(eq(L(x0), K(0)), L(x0), L(out)));
  // Rare lanes out of range (or inf): the host function, lane by lane.
  gt(abs(L(x0)), K(RANGE))(c);
  c.simd(Simd.v128AnyTrue).if();
  for (const lane of [0, 1]) {
    c.get(out).get(x0).lane(Simd.f64x2ExtractLane, lane).call(hostIndex).lane(Simd.f64x2ReplaceLane, lane).set(out);
  }
  c.end();
  c.get(out);
}

/** Body of a lane-by-lane call of a host function of `arity` f64 arguments (locals 0..arity-1). */
export function emitHostLanes(c: Code, arity: 1 | 2, hostIndex: number, args: readonly number[] = [0, 1]): void {
  const out = c.local(ValType.v128);
  c.get(args[0]!).set(out);
  for (const lane of [0, 1]) {
    c.get(out);
    for (let a = 0; a < arity; a++) c.get(args[a]!).lane(Simd.f64x2ExtractLane, lane);
    c.call(hostIndex).lane(Simd.f64x2ReplaceLane, lane).set(out);
  }
  c.get(out);
}
