/**
 * A tiny expression language over f64x2 values that emits WASM: formulas of the
 * vector math functions read as formulas (`add(mul(x, K(2)), y)`), not as
 * opcode lists. An expression is a function that leaves one v128 on the stack.
 */
import { Simd, type Code } from '../encoder';

/** Emits code leaving one v128 value on the stack. */
export type Expr = (c: Code) => void;

/** A local variable. */
export const L =
  (index: number): Expr =>
  (c) => {
    c.get(index);
  };

/** An f64x2 constant (both lanes). */
export const K =
  (value: number): Expr =>
  (c) => {
    c.f64x2(value);
  };

/** An i64x2 constant (both lanes). */
export const KI =
  (value: bigint): Expr =>
  (c) => {
    c.i64x2(value);
  };

const bin =
  (sub: number) =>
  (a: Expr, b: Expr): Expr =>
  (c) => {
    a(c);
    b(c);
    c.simd(sub);
  };

const un =
  (sub: number) =>
  (a: Expr): Expr =>
  (c) => {
    a(c);
    c.simd(sub);
  };

export const add = bin(Simd.f64x2Add);
export const sub = bin(Simd.f64x2Sub);
export const mul = bin(Simd.f64x2Mul);
export const div = bin(Simd.f64x2Div);
export const min = bin(Simd.f64x2Min);
export const max = bin(Simd.f64x2Max);
export const eq = bin(Simd.f64x2Eq);
export const ne = bin(Simd.f64x2Ne);
export const lt = bin(Simd.f64x2Lt);
export const gt = bin(Simd.f64x2Gt);
export const le = bin(Simd.f64x2Le);
export const ge = bin(Simd.f64x2Ge);
export const and = bin(Simd.v128And);
export const or = bin(Simd.v128Or);
export const xor = bin(Simd.v128Xor);
export const andnot = bin(Simd.v128Andnot);
export const iadd = bin(Simd.i64x2Add);
export const isub = bin(Simd.i64x2Sub);
export const ieq = bin(Simd.i64x2Eq);
export const neg = un(Simd.f64x2Neg);
export const abs = un(Simd.f64x2Abs);
export const sqrt = un(Simd.f64x2Sqrt);
export const floor = un(Simd.f64x2Floor);
export const ceil = un(Simd.f64x2Ceil);
export const trunc = un(Simd.f64x2Trunc);
export const nearest = un(Simd.f64x2Nearest);
export const not = un(Simd.v128Not);

/** Lanes of `a` where `mask` is all ones, else lanes of `b`. */
export const select =
  (mask: Expr, a: Expr, b: Expr): Expr =>
  (c) => {
    a(c);
    b(c);
    mask(c);
    c.simd(Simd.v128Bitselect);
  };

/** Shifts each i64 lane left / right by a constant. */
export const shl =
  (a: Expr, bits: number): Expr =>
  (c) => {
    a(c);
    c.i32(bits).simd(Simd.i64x2Shl);
  };
export const shrU =
  (a: Expr, bits: number): Expr =>
  (c) => {
    a(c);
    c.i32(bits).simd(Simd.i64x2ShrU);
  };

/** Integer-valued f64 lanes (|v| < 2^31) to i64 lanes. */
export const toI64 =
  (a: Expr): Expr =>
  (c) => {
    a(c);
    c.simd(Simd.i32x4TruncSatF64x2SZero).simd(Simd.i64x2ExtendLowI32x4S);
  };

/** i64 lanes (values that fit in 32 bits) to f64 lanes. */
export const fromI64 =
  (a: Expr): Expr =>
  (c) => {
    a(c);
    // Gather the low 32 bits of each i64 lane into i32 lanes 0 and 1.
    c.i64x2(0n).shuffle([0, 1, 2, 3, 8, 9, 10, 11, 0, 1, 2, 3, 8, 9, 10, 11]).simd(Simd.f64x2ConvertLowI32x4S);
  };

/** 2^k for integer-valued f64 lanes k in [-1022, 1023]. */
export const pow2 = (k: Expr): Expr => shl(iadd(toI64(k), KI(1023n)), 52);

/** copysign(magnitude, sign) lane by lane. */
export const copysign = (magnitude: Expr, sign: Expr): Expr => select(KI(-0x8000000000000000n), sign, magnitude);

/** Horner evaluation of coeffs[0] + z*(coeffs[1] + z*(...)). */
export function horner(z: Expr, coeffs: readonly number[]): Expr {
  let e: Expr = K(coeffs[coeffs.length - 1]!);
  for (let i = coeffs.length - 2; i >= 0; i--) e = add(K(coeffs[i]!), mul(z, e));
  return e;
}

/** Evaluates `e` and stores it in `local`. */
export function assign(c: Code, local: number, e: Expr): void {
  e(c);
  c.set(local);
}
