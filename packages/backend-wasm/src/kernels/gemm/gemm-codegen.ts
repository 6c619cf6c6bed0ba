/**
 * A cache-blocked GEMM in WASM SIMD (the BLIS loop order): C += alpha A B for
 * A (m x k) and B (k x n) of any byte strides, C row-major with row stride ldc.
 * B is packed into KC x NR panels and A into MR x KC panels (zero-padded, so
 * the micro-kernel never branches), and an MR x NR micro-kernel keeps its
 * tile of C in v128 accumulators. Edge tiles go through a scratch tile.
 */
import { ModuleBuilder, Op, Simd, ValType, type Code } from '../../encoder';
import { forRange, minI32 } from './loops';
import type { Precision } from './precision';

/** Block sizes (elements). */
export interface GemmBlocking {
  readonly MR: number;
  readonly KC: number;
  readonly MC: number;
  readonly NC: number;
}

export const DEFAULT_BLOCKING: GemmBlocking = { MR: 4, KC: 256, MC: 96, NC: 1024 };

/** Scratch bytes the kernel needs (packed A, packed B, an edge tile). */
export function gemmScratchBytes(p: Precision, b: GemmBlocking = DEFAULT_BLOCKING): number {
  const NR = 2 * p.lanes;
  return (b.MC + b.MR) * b.KC * p.bytes + (b.NC + NR) * b.KC * p.bytes + b.MR * NR * p.bytes + 64;
}

/**
 * The module: `gemm(m, n, k, alpha, A, rsa, csa, B, rsb, csb, C, ldc, scratch)`
 * (strides and ldc in bytes; alpha in the precision's float type).
 *
 * @example
 * const bytes = gemmModule(F64);
 */
export function gemmModule(p: Precision, b: GemmBlocking = DEFAULT_BLOCKING): Uint8Array {
  const { MR, KC, MC, NC } = b;
  const E = p.bytes;
  const NR = 2 * p.lanes;
  const m = new ModuleBuilder();
  m.importMemory('env', 'memory', { initial: 1 });
  const I = ValType.i32;
  const F = p.dtype === 'float64' ? ValType.f64 : ValType.f32;
  const c = m.func([I, I, I, F, I, I, I, I, I, I, I, I, I], [], 'gemm');
  const [M, N, K, ALPHA, A, RSA, CSA, B, RSB, CSB, C, LDC, SCRATCH] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
  const L = () => c.local(I);
  const jc = L(), pc = L(), ic = L(), jr = L(), ir = L(), pp = L(), i = L(), j = L();
  const nc = L(), kc = L(), mc = L(), ap = L(), bp = L(), src = L(), dst = L(), cp = L(), mr = L(), nr = L();
  const Ap = L(), Bp = L(), T = L(), apEnd = L();
  const UNROLL = 4;
  const acc = Array.from({ length: MR * 2 }, () => c.local(ValType.v128));
  const b0 = c.local(ValType.v128), b1 = c.local(ValType.v128), a = c.local(ValType.v128), av = c.local(ValType.v128);
  const konst = (x: number) => (cc: Code) => void cc.i32(x);

  // Scratch layout: packed A, packed B, edge tile.
  c.get(SCRATCH).set(Ap);
  c.get(SCRATCH).i32((MC + MR) * KC * E).op(Op.i32Add).set(Bp);
  c.get(Bp).i32((NC + NR) * KC * E).op(Op.i32Add).set(T);
  c.get(ALPHA).simd(p.splat).set(av);

  forRange(c, jc, konst(0), N, NC, () => {
    minI32(c, nc, konst(NC), (cc) => void cc.get(N).get(jc).op(Op.i32Sub));
    forRange(c, pc, konst(0), K, KC, () => {
      minI32(c, kc, konst(KC), (cc) => void cc.get(K).get(pc).op(Op.i32Sub));
      // Pack B[pc:pc+kc, jc:jc+nc] into panels of NR columns: Bp[jr*kc + p*NR + j].
      c.get(Bp).set(dst);
      forRange(c, jr, konst(0), nc, NR, () => {
        minI32(c, nr, konst(NR), (cc) => void cc.get(nc).get(jr).op(Op.i32Sub));
        forRange(c, pp, konst(0), kc, 1, () => {
          // src = B + (pc+pp)*rsb + (jc+jr)*csb
          c.get(B).get(pc).get(pp).op(Op.i32Add).get(RSB).op(Op.i32Mul).op(Op.i32Add).get(jc).get(jr).op(Op.i32Add).get(CSB).op(Op.i32Mul).op(Op.i32Add).set(src);
          for (let jj = 0; jj < NR; jj++) {
            c.get(dst);
            // j < nr ? B[..] : 0 (the padding columns multiply into C's unused tile lanes)
            // (the address of a padding column is clamped to column 0, so nothing reads past B)
            c.get(src).i32(jj).get(CSB).op(Op.i32Mul).i32(0).i32(jj).get(nr).op(Op.i32LtS).op(Op.select).op(Op.i32Add).mem(p.load, p.alignLog2);
            if (p.dtype === 'float64') c.f64(0);
            else c.f32(0);
            c.i32(jj).get(nr).op(Op.i32LtS).op(Op.select);
            c.mem(p.store, p.alignLog2, jj * E);
          }
          c.get(dst).i32(NR * E).op(Op.i32Add).set(dst);
        });
      });
      forRange(c, ic, konst(0), M, MC, () => {
        minI32(c, mc, konst(MC), (cc) => void cc.get(M).get(ic).op(Op.i32Sub));
        // Pack A[ic:ic+mc, pc:pc+kc] into panels of MR rows: Ap[ir*kc + p*MR + i].
        c.get(Ap).set(dst);
        forRange(c, ir, konst(0), mc, MR, () => {
          minI32(c, mr, konst(MR), (cc) => void cc.get(mc).get(ir).op(Op.i32Sub));
          forRange(c, pp, konst(0), kc, 1, () => {
            c.get(A).get(ic).get(ir).op(Op.i32Add).get(RSA).op(Op.i32Mul).op(Op.i32Add).get(pc).get(pp).op(Op.i32Add).get(CSA).op(Op.i32Mul).op(Op.i32Add).set(src);
            for (let ii = 0; ii < MR; ii++) {
              c.get(dst);
              c.get(src).i32(ii).get(RSA).op(Op.i32Mul).i32(0).i32(ii).get(mr).op(Op.i32LtS).op(Op.select).op(Op.i32Add).mem(p.load, p.alignLog2);
              if (p.dtype === 'float64') c.f64(0);
              else c.f32(0);
              c.i32(ii).get(mr).op(Op.i32LtS).op(Op.select);
              c.mem(p.store, p.alignLog2, ii * E);
            }
            c.get(dst).i32(MR * E).op(Op.i32Add).set(dst);
          });
        });
        forRange(c, jr, konst(0), nc, NR, () => {
          minI32(c, nr, konst(NR), (cc) => void cc.get(nc).get(jr).op(Op.i32Sub));
          forRange(c, ir, konst(0), mc, MR, () => {
            minI32(c, mr, konst(MR), (cc) => void cc.get(mc).get(ir).op(Op.i32Sub));
            // Micro-kernel: acc[i][h] += A[i] * B[h] over kc.
            for (const x of acc) c.v128(new Uint8Array(16)).set(x);
            c.get(Ap).get(ir).get(kc).op(Op.i32Mul).i32(E).op(Op.i32Mul).op(Op.i32Add).set(ap);
            c.get(Bp).get(jr).get(kc).op(Op.i32Mul).i32(E).op(Op.i32Mul).op(Op.i32Add).set(bp);
            // Unrolled by UNROLL with constant offsets, then the remainder one step at a time.
            const step = (u: number): void => {
              c.get(bp).simdMem(Simd.v128Load, 4, u * NR * E).set(b0);
              c.get(bp).simdMem(Simd.v128Load, 4, u * NR * E + 16).set(b1);
              for (let ii = 0; ii < MR; ii++) {
                c.get(ap);
                p.loadSplat(c, (u * MR + ii) * E);
                c.set(a);
                c.get(acc[2 * ii]!).get(a).get(b0).simd(p.mul).simd(p.add).set(acc[2 * ii]!);
                c.get(acc[2 * ii + 1]!).get(a).get(b1).simd(p.mul).simd(p.add).set(acc[2 * ii + 1]!);
              }
            };
            c.get(ap).get(kc).i32(-UNROLL).op(Op.i32And).i32(MR * E).op(Op.i32Mul).op(Op.i32Add).set(apEnd);
            c.block().loop();
            c.get(ap).get(apEnd).op(Op.i32GeU).brIf(1);
            for (let u = 0; u < UNROLL; u++) step(u);
            c.get(ap).i32(UNROLL * MR * E).op(Op.i32Add).set(ap);
            c.get(bp).i32(UNROLL * NR * E).op(Op.i32Add).set(bp);
            c.br(0).end().end();
            c.get(ap).get(kc).i32(UNROLL - 1).op(Op.i32And).i32(MR * E).op(Op.i32Mul).op(Op.i32Add).set(apEnd);
            c.block().loop();
            c.get(ap).get(apEnd).op(Op.i32GeU).brIf(1);
            step(0);
            c.get(ap).i32(MR * E).op(Op.i32Add).set(ap);
            c.get(bp).i32(NR * E).op(Op.i32Add).set(bp);
            c.br(0).end().end();
            // cp = C + (ic+ir)*ldc + (jc+jr)*E
            c.get(C).get(ic).get(ir).op(Op.i32Add).get(LDC).op(Op.i32Mul).op(Op.i32Add).get(jc).get(jr).op(Op.i32Add).i32(E).op(Op.i32Mul).op(Op.i32Add).set(cp);
            // Full tile: C rows += alpha * acc directly.
            c.get(mr).i32(MR).op(Op.i32Eq).get(nr).i32(NR).op(Op.i32Eq).op(Op.i32And).if();
            for (let ii = 0; ii < MR; ii++) {
              for (let h = 0; h < 2; h++) {
                const off = 16 * h;
                c.get(cp).get(cp).simdMem(Simd.v128Load, 0, off).get(acc[2 * ii + h]!).get(av).simd(p.mul).simd(p.add).simdMem(Simd.v128Store, 0, off);
              }
              if (ii < MR - 1) c.get(cp).get(LDC).op(Op.i32Add).set(cp);
            }
            c.else();
            // Edge tile: alpha * acc into T, then the valid part added to C.
            for (let ii = 0; ii < MR; ii++) {
              for (let h = 0; h < 2; h++) c.get(T).get(acc[2 * ii + h]!).get(av).simd(p.mul).simdMem(Simd.v128Store, 4, (ii * NR + h * p.lanes) * E);
            }
            forRange(c, i, konst(0), mr, 1, () => {
              forRange(c, j, konst(0), nr, 1, () => {
                // C[cp + i*ldc + j*E] += T[(i*NR + j)]
                c.get(cp).get(i).get(LDC).op(Op.i32Mul).op(Op.i32Add).get(j).i32(E).op(Op.i32Mul).op(Op.i32Add).set(src);
                c.get(src).get(src).mem(p.load, p.alignLog2);
                c.get(T).get(i).i32(NR).op(Op.i32Mul).get(j).op(Op.i32Add).i32(E).op(Op.i32Mul).op(Op.i32Add).mem(p.load, p.alignLog2);
                c.op(p.addScalar).mem(p.store, p.alignLog2);
              });
            });
            c.end();
          });
        });
      });
    });
  });
  return m.encode();
}
