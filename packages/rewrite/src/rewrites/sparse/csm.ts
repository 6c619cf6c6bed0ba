/**
 * CSMProperties(CSM(data, indices, indptr, shape)) -> (data, indices, indptr, shape)
 * (PyTensor's local_csm_properties_csm): taking a matrix apart right after
 * building it from its parts gives the parts back, with no copy.
 */
import type { Variable } from '@proj/graph';
import * as pt from '@proj/tensor';
import { CSM, CSMProperties } from '@proj/sparse';
import { nodeRewriter } from '../../node-rewriter';

/**
 * `v` as a Variable of `like`'s Type: cast when the parts are of another integer
 * dtype than the int32 CSMProperties gives, and the static shape of `like`
 * (a SpecifyShape for the shape vector's length 2) when `v`'s is less known.
 */
function withTypeOf(v: Variable, like: Variable): Variable {
  const want = (like as pt.TensorVariable).dtype;
  const cast = (v as pt.TensorVariable).dtype === want ? v : pt.cast(v as pt.TensorVariable, want);
  const shape = (like as pt.TensorVariable).type.shape;
  return like.type.isSuperType(cast.type) ? cast : pt.specifyShape(cast as pt.TensorVariable, [...shape]);
}

/** csmProperties(csm(d, i, p, s)) -> [d, i, p, s]. */
export const localCsmPropertiesCsm = nodeRewriter({
  name: 'localCsmPropertiesCsm',
  tracks: [CSMProperties],
  tags: ['canonicalize', 'specialize', 'fast_run', 'fast_compile'],
  apply: (_fg, node) => {
    const src = node.inputs[0]!.owner;
    if (src === null || !(src.op instanceof CSM)) return undefined;
    return src.inputs.map((v, i) => withTypeOf(v, node.outputs[i]!));
  },
});
