/**
 * Generates the WASM module of a scalar program: one exported function
 * `kernel(n, out0.., in0, stride0, in1, stride1, ..)` that computes n elements,
 * two f64x2 lanes per iteration. Each input has a layout chosen by the driver:
 * 'c' contiguous (vector loads), 's' one element broadcast (loaded once, outside
 * the loop), 'g' any stride (two scalar loads per iteration). Outputs are
 * contiguous. An odd last element runs the same body on a single lane.
 */
import { type Code, ModuleBuilder, Op, Simd, ValType } from '../../encoder';
import { VecMath } from '../../vmath';
import { K, L, type Expr } from '../../vmath/dsl';
import { LANE_OPS, mask, num, roundF32, type Val } from './ops';
import type { ScalarProgram } from './program';

/** How the kernel walks one input. */
export type Layout = 'c' | 's' | 'g';

/** Element dtypes the kernels read. */
export type LaneDtype = 'float64' | 'float32' | 'int32' | 'uint32' | 'int16' | 'uint16' | 'int8' | 'uint8' | 'bool';
/** Element dtypes the kernels write. */
export type OutDtype = 'float64' | 'float32' | 'bool';

/** Bytes per element. */
export const ELEM_BYTES: Readonly<Record<LaneDtype, number>> = { float64: 8, float32: 4, int32: 4, uint32: 4, int16: 2, uint16: 2, int8: 1, uint8: 1, bool: 1 };

/** Dtypes that have vector loads (others fall back to layout 'g'). */
export const VECTOR_LOADABLE: ReadonlySet<LaneDtype> = new Set(['float64', 'float32', 'int32']);

function loadScalar(c: Code, dtype: LaneDtype): void {
  switch (dtype) {
    case 'float64':
      c.mem(Op.f64Load, 3);
      return;
    case 'float32':
      c.mem(Op.f32Load, 2).op(Op.f64PromoteF32);
      return;
    case 'int32':
      c.mem(Op.i32Load, 2).op(Op.f64ConvertI32S);
      return;
    case 'uint32':
      c.mem(Op.i32Load, 2).op(Op.f64ConvertI32U);
      return;
    case 'int16':
      c.mem(Op.i32Load16S, 1).op(Op.f64ConvertI32S);
      return;
    case 'uint16':
      c.mem(Op.i32Load16U, 1).op(Op.f64ConvertI32S);
      return;
    case 'int8':
      c.mem(Op.i32Load8S, 0).op(Op.f64ConvertI32S);
      return;
    case 'uint8':
    case 'bool':
      c.mem(Op.i32Load8U, 0).op(Op.f64ConvertI32S);
      return;
  }
}

function loadVector(c: Code, dtype: LaneDtype): void {
  if (dtype === 'float64') c.simdMem(Simd.v128Load, 3);
  else if (dtype === 'float32') c.simdMem(Simd.v128Load64Zero, 2).simd(Simd.f64x2PromoteLowF32x4);
  else if (dtype === 'int32') c.simdMem(Simd.v128Load64Zero, 2).simd(Simd.f64x2ConvertLowI32x4S);
  else throw new Error(`no vector load for ${dtype}`);
}

function storeLane(c: Code, dtype: OutDtype, ptr: number, value: number, lane: number): void {
  c.get(ptr);
  if (dtype === 'float64') c.get(value).lane(Simd.f64x2ExtractLane, lane).mem(Op.f64Store, 3, lane * 8);
  else if (dtype === 'float32') c.get(value).lane(Simd.f64x2ExtractLane, lane).op(Op.f32DemoteF64).mem(Op.f32Store, 2, lane * 4);
  else c.get(value).lane(Simd.i64x2ExtractLane, lane).op(Op.i32WrapI64).i32(1).op(Op.i32And).mem(Op.i32Store8, 0, lane);
}

/**
 * The module bytes of `program` for these dtypes and input layouts.
 *
 * @example
 * const bytes = elemwiseModule(singleStep('add', 'float64', [undefined, undefined]), ['float64', 'float64'], ['float64'], ['c', 'c']);
 */
export function elemwiseModule(program: ScalarProgram, inDtypes: readonly LaneDtype[], outDtypes: readonly OutDtype[], layouts: readonly Layout[]): Uint8Array {
  const m = new ModuleBuilder();
  m.importMemory('env', 'memory', { initial: 1 });
  const lib = new VecMath(m);
  const nin = program.nin;
  const nout = program.outputs.length;
  const params = [ValType.i32, ...new Array(nout).fill(ValType.i32), ...new Array(2 * nin).fill(ValType.i32)];
  const c = m.func(params, [], 'kernel');
  const outPtr = (k: number) => 1 + k;
  const inPtr = (k: number) => 1 + nout + 2 * k;
  const inStride = (k: number) => 2 + nout + 2 * k;
  const i = c.local(ValType.i32);
  const hoisted = inDtypes.map(() => c.local(ValType.v128));
  const consts = (args: ScalarProgram['steps'][number]['args']) => args.map((a) => (a.kind === 'const' ? a.value : undefined));

  // Broadcast inputs: one element, loaded once.
  layouts.forEach((l, k) => {
    if (l === 's') {
      c.get(inPtr(k));
      loadScalar(c, inDtypes[k]!);
      c.simd(Simd.f64x2Splat).set(hoisted[k]!);
    }
  });

  // Each copy of the body has its own locals: two copies in one iteration are independent chains.
  const body = (lanes: 1 | 2): void => {
    const inVals = layouts.map((l, k) => (l === 's' ? hoisted[k]! : c.local(ValType.v128)));
    const stepVals = program.steps.map(() => c.local(ValType.v128));
    const outVals = program.outputs.map(() => c.local(ValType.v128));
    layouts.forEach((l, k) => {
      const dt = inDtypes[k]!;
      if (l === 's') return;
      if (l === 'c' && lanes === 2) {
        c.get(inPtr(k));
        loadVector(c, dt);
      } else {
        c.get(inPtr(k));
        loadScalar(c, dt);
        c.simd(Simd.f64x2Splat);
        if (lanes === 2) {
          c.get(inPtr(k)).get(inStride(k)).op(Op.i32Add);
          loadScalar(c, dt);
          c.lane(Simd.f64x2ReplaceLane, 1);
        }
      }
      c.set(inVals[k]!);
    });
    const kinds: Val['kind'][] = [];
    const val = (r: ScalarProgram['outputs'][number]): Val => {
      if (r.kind === 'const') return { e: K(r.value), kind: 'num' };
      if (r.kind === 'in') return { e: L(inVals[r.index]!), kind: 'num' };
      return { e: L(stepVals[r.index]!), kind: kinds[r.index]! };
    };
    program.steps.forEach((s, k) => {
      const emit = LANE_OPS[s.op];
      const v = emit?.(s.args.map(val), lib, consts(s.args));
      if (!v) throw new Error(`no WASM lane code for scalar op ${s.op}`);
      let e: Expr = v.e;
      let kind = v.kind;
      if (s.dtype === 'bool' && kind === 'num') {
        e = mask(v);
        kind = 'mask';
      } else if (s.dtype === 'float32' && kind === 'num') e = roundF32(e);
      e(c);
      c.set(stepVals[k]!);
      kinds[k] = kind;
    });
    program.outputs.forEach((r, k) => {
      const v = val(r);
      (outDtypes[k] === 'bool' ? mask(v) : num(v))(c);
      c.set(outVals[k]!);
      if (lanes === 2 && outDtypes[k] === 'float64') {
        c.get(outPtr(k)).get(outVals[k]!).simdMem(Simd.v128Store, 3);
      } else {
        for (let lane = 0; lane < lanes; lane++) storeLane(c, outDtypes[k]!, outPtr(k), outVals[k]!, lane);
      }
    });
  };

  const advance = (lanes: 1 | 2): void => {
    layouts.forEach((l, k) => {
      if (l === 's') return;
      c.get(inPtr(k));
      if (l === 'c') c.i32(lanes * ELEM_BYTES[inDtypes[k]!]);
      else {
        c.get(inStride(k));
        if (lanes === 2) c.i32(1).op(Op.i32Shl);
      }
      c.op(Op.i32Add).set(inPtr(k));
    });
    outDtypes.forEach((d, k) => {
      c.get(outPtr(k)).i32(lanes * ELEM_BYTES[d]).op(Op.i32Add).set(outPtr(k));
    });
  };

  // while (n - i >= 4) { two lanes, twice }
  c.block().loop();
  c.get(0).get(i).op(Op.i32Sub).i32(4).op(Op.i32LtS).brIf(1);
  body(2);
  advance(2);
  body(2);
  advance(2);
  c.get(i).i32(4).op(Op.i32Add).set(i).br(0);
  c.end().end();
  // while (n - i >= 2) { two lanes }
  c.block().loop();
  c.get(0).get(i).op(Op.i32Sub).i32(2).op(Op.i32LtS).brIf(1);
  body(2);
  advance(2);
  c.get(i).i32(2).op(Op.i32Add).set(i).br(0);
  c.end().end();
  // if (i < n) { one lane }
  c.get(i).get(0).op(Op.i32LtS).if();
  body(1);
  c.end();
  return m.encode();
}
