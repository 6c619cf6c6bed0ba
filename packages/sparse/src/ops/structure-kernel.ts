/** Kernels of the structural sparse Ops: O(nnz) passes over stored values. */
import type { RawArray } from '@proj/tensor';

/** A negated copy of raw stored values (complex: both parts; BigInt arrays negate as BigInts; unsigned wrap). */
export function negated(data: RawArray): RawArray {
  const out = data.slice() as Float64Array;
  for (let k = 0; k < out.length; k++) out[k] = -out[k]!;
  return out;
}
