/** The Elemwise rows of the coverage table: one per scalar op with lane code. */
import { VEC_FN_IMPL, type VecFn } from '../../vmath';
import type { CoverageRow } from '../../linker/table';
import { LANE_OPS } from './ops';

const IN = 'in: float64 float32 int8-32 uint8-32 bool';

/**
 * @example
 * elemwiseCoverage().find((r) => r.op === 'Elemwise{exp}');
 */
export function elemwiseCoverage(): CoverageRow[] {
  return Object.keys(LANE_OPS).map((name) => {
    const fn = VEC_FN_IMPL[name as VecFn];
    const note = fn === 'host' ? 'f64x2 loop, host call per lane' : fn === 'wasm' ? 'f64x2 SIMD approximation' : 'f64x2 SIMD';
    return { op: `Elemwise{${name}}`, dtypes: ['float64', 'float32', 'bool (out)'], note: `${note}; ${IN}` };
  });
}
