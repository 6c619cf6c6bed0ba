import type { Apply, StorageCell, Thunk } from '@proj/graph';
import { Elemwise, TensorType, fromRaw, type NDArray } from '@proj/tensor';

type FloatDtype = 'float64' | 'float32';
const FLOAT: Readonly<Record<string, typeof Float64Array | typeof Float32Array>> = { float64: Float64Array, float32: Float32Array };

/**
 * A fast thunk for a float Elemwise node (every input and the output float64 or
 * float32, no in-place pattern): when the inputs all have the output's shape and
 * are contiguous, one flat loop calls the scalar function (the same `impl` the
 * reference kernel calls, so results are identical); any other case (broadcasting,
 * strided views) falls back to the node's own `generic` thunk (op.perform).
 *
 * @example
 * const thunk = elemwiseThunk(node, generic) ?? generic;
 */
export function elemwiseThunk(node: Apply, generic: Thunk): Thunk | undefined {
  const op = node.op;
  if (!(op instanceof Elemwise) || Object.keys(op.props.inplacePattern).length > 0 || node.outputs.length !== 1) return undefined;
  const outType = node.outputs[0]!.type;
  if (!(outType instanceof TensorType) || FLOAT[outType.dtype] === undefined) return undefined;
  if (!node.inputs.every((v) => v.type instanceof TensorType && FLOAT[v.type.dtype] !== undefined)) return undefined;
  const dtype = outType.dtype as FloatDtype;
  const Ctor = FLOAT[dtype]!;
  const impl = op.scalarOp.spec.impl;
  const inputs: StorageCell[] = generic.inputs;
  const outCell = generic.outputs[0]!;
  const nin = inputs.length;
  if (nin !== 1 && nin !== 2) return undefined;
  const ndim = outType.ndim;

  // Whether every input is contiguous (row-major) with the same shape: then a flat loop is exact.
  const flat = (arrays: NDArray[]): boolean => {
    const shape = arrays[0]!.shape;
    if (shape.length !== ndim) return false;
    for (const a of arrays) {
      if (a.shape.length !== ndim) return false;
      let size = 1;
      for (let d = ndim - 1; d >= 0; d--) {
        const len = a.shape[d]!;
        if (len !== shape[d] || (len !== 1 && a.strides[d] !== size)) return false;
        size *= len;
      }
    }
    return true;
  };

  const thunk =
    nin === 1
      ? () => {
          const a = inputs[0]![0] as NDArray;
          if (ndim > 0 && !flat([a])) return generic();
          const x = a.data as Float64Array;
          const o = a.offset;
          const n = ndim === 0 ? 1 : a.length;
          const out = new Ctor(n);
          for (let k = 0; k < n; k++) out[k] = impl(x[o + k]!);
          outCell[0] = fromRaw(dtype, out, ndim === 0 ? [] : a.shape.slice());
        }
      : () => {
          const a = inputs[0]![0] as NDArray;
          const b = inputs[1]![0] as NDArray;
          if (ndim > 0 && !flat([a, b])) return generic();
          const x = a.data as Float64Array;
          const y = b.data as Float64Array;
          const oa = a.offset;
          const ob = b.offset;
          const n = ndim === 0 ? 1 : a.length;
          const out = new Ctor(n);
          for (let k = 0; k < n; k++) out[k] = impl(x[oa + k]!, y[ob + k]!);
          outCell[0] = fromRaw(dtype, out, ndim === 0 ? [] : a.shape.slice());
        };
  return Object.assign(thunk, { node, inputs: generic.inputs, outputs: generic.outputs });
}
