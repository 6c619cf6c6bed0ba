/**
 * GEMV in WASM SIMD: y += alpha A x for A (m x k) of any byte strides, x of
 * stride incx, y contiguous. Rows of A contiguous (and x contiguous): one SIMD
 * dot product per row; columns contiguous: SIMD axpy per column; otherwise a
 * scalar loop.
 */
import { ModuleBuilder, Op, Simd, ValType } from '../../encoder';
import { forRange } from './loops';
import type { Precision } from './precision';

/**
 * The module: `gemv(m, k, alpha, A, rsa, csa, x, incx, y)` (byte strides).
 *
 * @example
 * const bytes = gemvModule(F64);
 */
export function gemvModule(p: Precision): Uint8Array {
  const E = p.bytes;
  const V = 16 / E;
  const mb = new ModuleBuilder();
  mb.importMemory('env', 'memory', { initial: 1 });
  const I = ValType.i32;
  const F = p.dtype === 'float64' ? ValType.f64 : ValType.f32;
  const c = mb.func([I, I, F, I, I, I, I, I, I], [], 'gemv');
  const [M, K, ALPHA, A, RSA, CSA, X, INCX, Y] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  const i = c.local(I), q = c.local(I), row = c.local(I), xp = c.local(I), end = c.local(I), yp = c.local(I), col = c.local(I);
  const s0 = c.local(ValType.v128), s1 = c.local(ValType.v128), t = c.local(ValType.v128);
  const sum = c.local(F);
  const konst = (x: number) => (cc: typeof c) => void cc.i32(x);
  const zero = () => (p.dtype === 'float64' ? c.f64(0) : c.f32(0));

  // Rows contiguous and x contiguous: y[i] += alpha * dot(A[i, :], x).
  c.get(CSA).i32(E).op(Op.i32Eq).get(INCX).i32(E).op(Op.i32Eq).op(Op.i32And).if();
  forRange(c, i, konst(0), M, 1, () => {
    c.get(A).get(i).get(RSA).op(Op.i32Mul).op(Op.i32Add).set(row);
    c.get(X).set(xp);
    c.v128(new Uint8Array(16)).tee(s0).set(s1);
    // end = row + (k rounded down to 2V) * E
    c.get(row).get(K).i32(-2 * V).op(Op.i32And).i32(E).op(Op.i32Mul).op(Op.i32Add).set(end);
    c.block().loop();
    c.get(row).get(end).op(Op.i32GeU).brIf(1);
    c.get(s0).get(row).simdMem(Simd.v128Load, 0, 0).get(xp).simdMem(Simd.v128Load, 0, 0).simd(p.mul).simd(p.add).set(s0);
    c.get(s1).get(row).simdMem(Simd.v128Load, 0, 16).get(xp).simdMem(Simd.v128Load, 0, 16).simd(p.mul).simd(p.add).set(s1);
    c.get(row).i32(32).op(Op.i32Add).set(row);
    c.get(xp).i32(32).op(Op.i32Add).set(xp);
    c.br(0).end().end();
    c.get(s0).get(s1).simd(p.add).set(s0);
    c.get(s0).lane(p.extract, 0);
    for (let l = 1; l < V; l++) c.get(s0).lane(p.extract, l).op(p.addScalar);
    c.set(sum);
    // The remaining k mod 2V elements.
    c.get(A).get(i).get(RSA).op(Op.i32Mul).op(Op.i32Add).get(K).i32(E).op(Op.i32Mul).op(Op.i32Add).set(end);
    c.block().loop();
    c.get(row).get(end).op(Op.i32GeU).brIf(1);
    c.get(sum).get(row).mem(p.load, p.alignLog2).get(xp).mem(p.load, p.alignLog2).op(p.mulScalar).op(p.addScalar).set(sum);
    c.get(row).i32(E).op(Op.i32Add).set(row);
    c.get(xp).i32(E).op(Op.i32Add).set(xp);
    c.br(0).end().end();
    c.get(Y).get(i).i32(E).op(Op.i32Mul).op(Op.i32Add).tee(yp);
    c.get(yp).mem(p.load, p.alignLog2).get(sum).get(ALPHA).op(p.mulScalar).op(p.addScalar).mem(p.store, p.alignLog2);
  });
  c.else();
  // Columns contiguous: y += (alpha x[q]) * A[:, q], V lanes at a time.
  c.get(RSA).i32(E).op(Op.i32Eq).if();
  forRange(c, q, konst(0), K, 1, () => {
    c.get(X).get(q).get(INCX).op(Op.i32Mul).op(Op.i32Add).mem(p.load, p.alignLog2).get(ALPHA).op(p.mulScalar).simd(p.splat).set(t);
    c.get(A).get(q).get(CSA).op(Op.i32Mul).op(Op.i32Add).set(col);
    c.get(Y).set(yp);
    c.get(Y).get(M).i32(-V).op(Op.i32And).i32(E).op(Op.i32Mul).op(Op.i32Add).set(end);
    c.block().loop();
    c.get(yp).get(end).op(Op.i32GeU).brIf(1);
    c.get(yp).get(yp).simdMem(Simd.v128Load, 0).get(col).simdMem(Simd.v128Load, 0).get(t).simd(p.mul).simd(p.add).simdMem(Simd.v128Store, 0);
    c.get(yp).i32(16).op(Op.i32Add).set(yp);
    c.get(col).i32(16).op(Op.i32Add).set(col);
    c.br(0).end().end();
    c.get(Y).get(M).i32(E).op(Op.i32Mul).op(Op.i32Add).set(end);
    c.block().loop();
    c.get(yp).get(end).op(Op.i32GeU).brIf(1);
    c.get(yp).get(yp).mem(p.load, p.alignLog2).get(col).mem(p.load, p.alignLog2).get(t).lane(p.extract, 0).op(p.mulScalar).op(p.addScalar).mem(p.store, p.alignLog2);
    c.get(yp).i32(E).op(Op.i32Add).set(yp);
    c.get(col).i32(E).op(Op.i32Add).set(col);
    c.br(0).end().end();
  });
  c.else();
  // Any strides: scalar loops.
  forRange(c, i, konst(0), M, 1, () => {
    zero();
    c.set(sum);
    forRange(c, q, konst(0), K, 1, () => {
      c.get(sum);
      c.get(A).get(i).get(RSA).op(Op.i32Mul).op(Op.i32Add).get(q).get(CSA).op(Op.i32Mul).op(Op.i32Add).mem(p.load, p.alignLog2);
      c.get(X).get(q).get(INCX).op(Op.i32Mul).op(Op.i32Add).mem(p.load, p.alignLog2);
      c.op(p.mulScalar).op(p.addScalar).set(sum);
    });
    c.get(Y).get(i).i32(E).op(Op.i32Mul).op(Op.i32Add).tee(yp);
    c.get(yp).mem(p.load, p.alignLog2).get(sum).get(ALPHA).op(p.mulScalar).op(p.addScalar).mem(p.store, p.alignLog2);
  });
  c.end();
  c.end();
  return mb.encode();
}
