/**
 * Sparse x dense products in WASM: CSR and CSC matrices (int32 indices and
 * indptr) times a dense matrix B whose rows are contiguous (row stride rsb in
 * bytes). CSR rows accumulate blocks of output columns in v128 registers
 * (8 vectors, then 1, then scalars); CSC columns scatter-add B's rows. A
 * single column (SpMV) runs a scalar loop with two accumulators.
 */
import { type Code, ModuleBuilder, Op, Simd, ValType } from '../../encoder';
import { F64, type Precision } from '../gemm/precision';
import { forRange } from '../gemm/loops';

/**
 * The module: `csr(m, n, indptr, indices, data, B, rsb, out)` (out = A B, m x n
 * contiguous) and `csc(k, n, indptr, indices, data, B, rsb, out)` (out += A B;
 * the caller zeroes out).
 *
 * @example
 * const bytes = sparseModule(F64);
 */
export function sparseModule(p: Precision = F64): Uint8Array {
  const E = p.bytes;
  const V = p.lanes;
  const mb = new ModuleBuilder();
  mb.importMemory('env', 'memory', { initial: 1 });
  const I = ValType.i32;
  const F = p.dtype === 'float64' ? ValType.f64 : ValType.f32;
  const zero = (c: Code) => (p.dtype === 'float64' ? c.f64(0) : c.f32(0));
  const konst = (x: number) => (c: Code) => void c.i32(x);
  const [M, N, INDPTR, INDICES, DATA, B, RSB, OUT] = [0, 1, 2, 3, 4, 5, 6, 7];

  // ---- CSR ----
  {
    const c = mb.func([I, I, I, I, I, I, I, I], [], 'csr');
    const i = c.local(I), q = c.local(I), end = c.local(I), j = c.local(I), row = c.local(I), o = c.local(I), tmp = c.local(I);
    const s0 = c.local(F), s1 = c.local(F);
    const a = c.local(ValType.v128);
    const acc = Array.from({ length: 8 }, () => c.local(ValType.v128));
    const rowStart = () => c.get(INDPTR).get(i).i32(2).op(Op.i32Shl).op(Op.i32Add).mem(Op.i32Load, 2).set(q);
    const rowEnd = () => c.get(INDPTR).get(i).i32(2).op(Op.i32Shl).op(Op.i32Add).mem(Op.i32Load, 2, 4).set(end);
    // B element address of nonzero q at column offset (bytes in `col`): B + indices[q]*rsb
    const bRow = (qq: number) => c.get(B).get(INDICES).get(qq).i32(2).op(Op.i32Shl).op(Op.i32Add).mem(Op.i32Load, 2).get(RSB).op(Op.i32Mul).op(Op.i32Add);
    const dataAt = (qq: number) => c.get(DATA).get(qq).i32(Math.log2(E)).op(Op.i32Shl).op(Op.i32Add).mem(p.load, p.alignLog2);

    c.get(N).i32(1).op(Op.i32Eq).if();
    // SpMV: two interleaved sums per row.
    forRange(c, i, konst(0), M, 1, () => {
      rowStart();
      rowEnd();
      zero(c);
      c.set(s0);
      zero(c);
      c.set(s1);
      c.get(end).i32(1).op(Op.i32Sub).set(tmp);
      c.block().loop();
      c.get(q).get(tmp).op(Op.i32GeS).brIf(1);
      c.get(s0);
      dataAt(q);
      bRow(q);
      c.mem(p.load, p.alignLog2).op(p.mulScalar).op(p.addScalar).set(s0);
      c.get(q).i32(1).op(Op.i32Add).set(o);
      c.get(s1);
      dataAt(o);
      bRow(o);
      c.mem(p.load, p.alignLog2).op(p.mulScalar).op(p.addScalar).set(s1);
      c.get(q).i32(2).op(Op.i32Add).set(q).br(0);
      c.end().end();
      c.get(q).get(end).op(Op.i32LtS).if();
      c.get(s0);
      dataAt(q);
      bRow(q);
      c.mem(p.load, p.alignLog2).op(p.mulScalar).op(p.addScalar).set(s0);
      c.end();
      c.get(OUT).get(i).i32(Math.log2(E)).op(Op.i32Shl).op(Op.i32Add).get(s0).get(s1).op(p.addScalar).mem(p.store, p.alignLog2);
    });
    c.else();
    // SpMM: per row, blocks of W vectors of output columns.
    forRange(c, i, konst(0), M, 1, () => {
      rowEnd();
      c.i32(0).set(j);
      for (const W of [8, 1]) {
        c.block().loop();
        c.get(j).i32(W * V).op(Op.i32Add).get(N).op(Op.i32GtS).brIf(1);
        for (let w = 0; w < W; w++) c.v128(new Uint8Array(16)).set(acc[w]!);
        rowStart();
        c.block().loop();
        c.get(q).get(end).op(Op.i32GeS).brIf(1);
        dataAt(q);
        c.simd(p.splat).set(a);
        bRow(q);
        c.get(j).i32(Math.log2(E)).op(Op.i32Shl).op(Op.i32Add).set(row);
        for (let w = 0; w < W; w++) c.get(acc[w]!).get(row).simdMem(Simd.v128Load, 0, 16 * w).get(a).simd(p.mul).simd(p.add).set(acc[w]!);
        c.get(q).i32(1).op(Op.i32Add).set(q).br(0);
        c.end().end();
        // out + (i*n + j)*E
        c.get(OUT).get(i).get(N).op(Op.i32Mul).get(j).op(Op.i32Add).i32(Math.log2(E)).op(Op.i32Shl).op(Op.i32Add).set(o);
        for (let w = 0; w < W; w++) c.get(o).get(acc[w]!).simdMem(Simd.v128Store, 0, 16 * w);
        c.get(j).i32(W * V).op(Op.i32Add).set(j).br(0);
        c.end().end();
      }
      // Remaining columns one by one.
      c.block().loop();
      c.get(j).get(N).op(Op.i32GeS).brIf(1);
      zero(c);
      c.set(s0);
      rowStart();
      c.block().loop();
      c.get(q).get(end).op(Op.i32GeS).brIf(1);
      c.get(s0);
      dataAt(q);
      bRow(q);
      c.get(j).i32(Math.log2(E)).op(Op.i32Shl).op(Op.i32Add).mem(p.load, p.alignLog2).op(p.mulScalar).op(p.addScalar).set(s0);
      c.get(q).i32(1).op(Op.i32Add).set(q).br(0);
      c.end().end();
      c.get(OUT).get(i).get(N).op(Op.i32Mul).get(j).op(Op.i32Add).i32(Math.log2(E)).op(Op.i32Shl).op(Op.i32Add).get(s0).mem(p.store, p.alignLog2);
      c.get(j).i32(1).op(Op.i32Add).set(j).br(0);
      c.end().end();
    });
    c.end();
  }

  // ---- CSC: out[indices[q], :] += data[q] * B[col, :] ----
  {
    const c = mb.func([I, I, I, I, I, I, I, I], [], 'csc');
    const col = c.local(I), q = c.local(I), end = c.local(I), j = c.local(I), brow = c.local(I), orow = c.local(I);
    const a = c.local(ValType.v128);
    const s = c.local(F);
    forRange(c, col, konst(0), M, 1, () => {
      c.get(INDPTR).get(col).i32(2).op(Op.i32Shl).op(Op.i32Add).mem(Op.i32Load, 2).set(q);
      c.get(INDPTR).get(col).i32(2).op(Op.i32Shl).op(Op.i32Add).mem(Op.i32Load, 2, 4).set(end);
      c.get(B).get(col).get(RSB).op(Op.i32Mul).op(Op.i32Add).set(brow);
      c.block().loop();
      c.get(q).get(end).op(Op.i32GeS).brIf(1);
      c.get(DATA).get(q).i32(Math.log2(E)).op(Op.i32Shl).op(Op.i32Add).mem(p.load, p.alignLog2).tee(s);
      c.simd(p.splat).set(a);
      c.get(OUT).get(INDICES).get(q).i32(2).op(Op.i32Shl).op(Op.i32Add).mem(Op.i32Load, 2).get(N).op(Op.i32Mul).i32(Math.log2(E)).op(Op.i32Shl).op(Op.i32Add).set(orow);
      c.i32(0).set(j);
      c.block().loop();
      c.get(j).i32(V).op(Op.i32Add).get(N).op(Op.i32GtS).brIf(1);
      c.get(orow).get(j).i32(Math.log2(E)).op(Op.i32Shl).op(Op.i32Add);
      c.get(orow).get(j).i32(Math.log2(E)).op(Op.i32Shl).op(Op.i32Add).simdMem(Simd.v128Load, 0);
      c.get(brow).get(j).i32(Math.log2(E)).op(Op.i32Shl).op(Op.i32Add).simdMem(Simd.v128Load, 0);
      c.get(a).simd(p.mul).simd(p.add).simdMem(Simd.v128Store, 0);
      c.get(j).i32(V).op(Op.i32Add).set(j).br(0);
      c.end().end();
      c.block().loop();
      c.get(j).get(N).op(Op.i32GeS).brIf(1);
      c.get(orow).get(j).i32(Math.log2(E)).op(Op.i32Shl).op(Op.i32Add);
      c.get(orow).get(j).i32(Math.log2(E)).op(Op.i32Shl).op(Op.i32Add).mem(p.load, p.alignLog2);
      c.get(brow).get(j).i32(Math.log2(E)).op(Op.i32Shl).op(Op.i32Add).mem(p.load, p.alignLog2);
      c.get(s).op(p.mulScalar).op(p.addScalar).mem(p.store, p.alignLog2);
      c.get(j).i32(1).op(Op.i32Add).set(j).br(0);
      c.end().end();
      c.get(q).i32(1).op(Op.i32Add).set(q).br(0);
      c.end().end();
    });
  }
  return mb.encode();
}
