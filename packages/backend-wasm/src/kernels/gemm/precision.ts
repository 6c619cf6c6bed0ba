/**
 * What differs between the float64 and float32 versions of the product
 * kernels: element size, lanes per v128 and the opcodes.
 */
import { Op, Simd, type Code } from '../../encoder';

/** One precision's element size, lanes and opcodes. */
export interface Precision {
  readonly dtype: 'float64' | 'float32';
  readonly bytes: 8 | 4;
  readonly lanes: 2 | 4;
  readonly alignLog2: 3 | 2;
  readonly add: number;
  readonly mul: number;
  readonly splat: number;
  readonly load: number;
  readonly store: number;
  readonly extract: number;
  readonly addScalar: number;
  readonly mulScalar: number;
  /** v128.loadN_splat: one element into every lane. */
  loadSplat(c: Code, offset: number): void;
}

export const F64: Precision = {
  dtype: 'float64',
  bytes: 8,
  lanes: 2,
  alignLog2: 3,
  add: Simd.f64x2Add,
  mul: Simd.f64x2Mul,
  splat: Simd.f64x2Splat,
  load: Op.f64Load,
  store: Op.f64Store,
  extract: Simd.f64x2ExtractLane,
  addScalar: Op.f64Add,
  mulScalar: Op.f64Mul,
  loadSplat: (c, offset) => void c.simdMem(Simd.v128Load64Splat, 3, offset),
};

export const F32: Precision = {
  dtype: 'float32',
  bytes: 4,
  lanes: 4,
  alignLog2: 2,
  add: Simd.f32x4Add,
  mul: Simd.f32x4Mul,
  splat: Simd.f32x4Splat,
  load: Op.f32Load,
  store: Op.f32Store,
  extract: Simd.f32x4ExtractLane,
  addScalar: 0x92,
  mulScalar: 0x94,
  loadSplat: (c, offset) => void c.simdMem(0x09 /* v128.load32_splat */, 2, offset),
};
