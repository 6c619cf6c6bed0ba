/**
 * Reductions of one strided run in WASM: `reduce(n, ptr, stride) -> f64` for
 * sum, max and min of float64 / float32 elements (accumulated in float64
 * lanes). A contiguous run uses two v128 accumulators (four lanes), any other
 * stride a scalar loop. max / min propagate NaN (as np.maximum / minimum do).
 */
import { type Code, ModuleBuilder, Op, Simd, ValType } from '../../encoder';
import { K, L, add, gt, lt, ne, select, type Expr } from '../../vmath/dsl';

/** The reductions with a WASM kernel. */
export type ReduceKind = 'sum' | 'max' | 'min';

const IDENTITY: Readonly<Record<ReduceKind, number>> = { sum: 0, max: -Infinity, min: Infinity };

function combine(kind: ReduceKind, acc: Expr, x: Expr): Expr {
  if (kind === 'sum') return add(acc, x);
  const picked = select((kind === 'max' ? gt : lt)(x, acc), x, acc);
  return select(ne(x, x), x, picked);
}

/**
 * The module of one reduction and element dtype.
 *
 * @example
 * const bytes = reduceModule('sum', 'float64');
 */
export function reduceModule(kind: ReduceKind, dtype: 'float64' | 'float32'): Uint8Array {
  const E = dtype === 'float64' ? 8 : 4;
  const m = new ModuleBuilder();
  m.importMemory('env', 'memory', { initial: 1 });
  const I = ValType.i32;
  const c: Code = m.func([I, I, I], [ValType.f64], 'reduce');
  const [N, P, S] = [0, 1, 2];
  const end = c.local(I);
  const a0 = c.local(ValType.v128), a1 = c.local(ValType.v128), x = c.local(ValType.v128);
  const loadVec = (offset: number) => {
    c.get(P);
    if (dtype === 'float64') c.simdMem(Simd.v128Load, 0, offset);
    else c.simdMem(Simd.v128Load64Zero, 0, offset).simd(Simd.f64x2PromoteLowF32x4);
  };
  // One element in lane 0, the identity in lane 1.
  const loadScalarLane = () => {
    K(IDENTITY[kind])(c);
    c.get(P);
    if (dtype === 'float64') c.mem(Op.f64Load, 3);
    else c.mem(Op.f32Load, 2).op(Op.f64PromoteF32);
    c.lane(Simd.f64x2ReplaceLane, 0);
  };
  K(IDENTITY[kind])(c);
  c.set(a0);
  K(IDENTITY[kind])(c);
  c.set(a1);
  c.get(S).i32(E).op(Op.i32Eq).if();
  // Contiguous: four elements per iteration.
  c.get(P).get(N).i32(-4).op(Op.i32And).i32(E).op(Op.i32Mul).op(Op.i32Add).set(end);
  c.block().loop();
  c.get(P).get(end).op(Op.i32GeU).brIf(1);
  loadVec(0);
  c.set(x);
  combine(kind, L(a0), L(x))(c);
  c.set(a0);
  loadVec(2 * E);
  c.set(x);
  combine(kind, L(a1), L(x))(c);
  c.set(a1);
  c.get(P).i32(4 * E).op(Op.i32Add).set(P).br(0);
  c.end().end();
  c.get(N).i32(3).op(Op.i32And).set(N);
  c.end();
  // The rest (or every element of a strided run), one at a time.
  c.block().loop();
  c.get(N).op(Op.i32Eqz).brIf(1);
  loadScalarLane();
  c.set(x);
  combine(kind, L(a0), L(x))(c);
  c.set(a0);
  c.get(P).get(S).op(Op.i32Add).set(P);
  c.get(N).i32(1).op(Op.i32Sub).set(N).br(0);
  c.end().end();
  combine(kind, L(a0), L(a1))(c);
  c.set(a0);
  c.get(a0).lane(Simd.f64x2ExtractLane, 0);
  c.get(a0).lane(Simd.f64x2ExtractLane, 1);
  return finish(m, c, kind);
}

function finish(m: ModuleBuilder, c: Code, kind: ReduceKind): Uint8Array {
  // Stack: lane0, lane1 -> combined scalar.
  const l1 = c.local(ValType.f64);
  const l0 = c.local(ValType.f64);
  c.set(l1).set(l0);
  if (kind === 'sum') c.get(l0).get(l1).op(Op.f64Add);
  else {
    // NaN wins, then the larger / smaller.
    const cmp = kind === 'max' ? Op.f64Gt : Op.f64Lt;
    const r = c.local(ValType.f64);
    c.get(l1).get(l0).get(l1).get(l0).op(cmp).op(Op.select).set(r);
    c.get(l1).get(r).get(l1).get(l1).op(Op.f64Ne).op(Op.select).set(r);
    c.get(l0).get(r).get(l0).get(l0).op(Op.f64Ne).op(Op.select);
  }
  return m.encode();
}
