/**
 * Generated loops for Elemwise nodes (plain or over a fused Composite): one
 * JS function per node and input layout, made with new Function the first
 * time that layout is seen and cached on the node's thunk.
 */
import type { Apply, StorageCell, Thunk } from '@proj/graph';
import { Composite, Elemwise, TensorType, broadcastShapes, fromRaw, isJsNumberDtype, rawArrayCtor, rawView, type Dtype, type NDArray, type ScalarProgram } from '@proj/tensor';
import { compileKernel, flatSource, stridedSource, type InputKind } from './elemwise-source';

/**
 * The scalar program an Elemwise node computes: its Composite's, or its one
 * scalar op over its inputs; undefined for nodes the generated loops do not
 * handle (int64/uint64/complex values).
 *
 * @example
 * nodeProgram(pt.exp(x).owner!)!.nodes[0]!.op; // scalarExp
 */
export function nodeProgram(node: Apply): ScalarProgram | undefined {
  const op = node.op;
  if (!(op instanceof Elemwise) || node.outputs.length !== 1) return undefined;
  const types = [...node.inputs, node.outputs[0]!].map((v) => v.type);
  if (!types.every((t) => t instanceof TensorType && isJsNumberDtype(t.dtype))) return undefined;
  const inputDtypes = node.inputs.map((v) => (v.type as TensorType).dtype);
  if (op.scalarOp instanceof Composite) return op.scalarOp.program;
  return {
    inputDtypes,
    nodes: [{ op: op.scalarOp, inputs: inputDtypes.map((_, index) => ({ kind: 'input' as const, index })), dtype: (node.outputs[0]!.type as TensorType).dtype }],
    output: { kind: 'node', index: 0 },
  };
}

/** Whether `a` (of the output's ndim) is row-major contiguous with exactly `shape`. */
function contiguousWith(a: NDArray, shape: readonly number[]): boolean {
  let size = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    const len = a.shape[d]!;
    if (len !== shape[d]) return false;
    if (len !== 1 && a.strides[d] !== size) return false;
    size *= len;
  }
  return true;
}

/**
 * A thunk running `node` through generated loops: a flat loop when every input
 * is contiguous with the output's shape or a single element, nested strided
 * loops otherwise (broadcasting by stride 0, any offsets). A new output array
 * per call, except for an in-place node whose destroyed input can take the
 * result (then it is written into, as the reference kernel does). Nodes on
 * int64/uint64/complex values, and in-place calls whose inputs overlap in
 * other layouts, run the generic thunk (op.perform). Results are exactly the
 * reference kernel's (see emitScalarProgram).
 *
 * @example
 * const thunk = elemwiseThunk(node, generic) ?? generic;
 */
export function elemwiseThunk(node: Apply, generic: Thunk): Thunk | undefined {
  const program = nodeProgram(node);
  if (program === undefined) return undefined;
  const op = node.op as Elemwise;
  const nin = node.inputs.length;
  const outType = node.outputs[0]!.type as TensorType;
  const outDtype: Dtype = outType.dtype;
  const ndim = outType.ndim;
  const Ctor = rawArrayCtor(outDtype);
  const destroyed = op.props.inplacePattern[0];
  const inputs: readonly StorageCell[] = generic.inputs;
  const outCell = generic.outputs[0]!;
  const kernels = new Map<string, (...args: unknown[]) => void>();
  const kernelFor = (key: string, make: () => (...args: unknown[]) => void) => {
    let k = kernels.get(key);
    if (k === undefined) {
      k = make();
      kernels.set(key, k);
    }
    return k;
  };
  const shape = new Array<number>(ndim);
  const arrays = new Array<NDArray>(nin);
  // bool values keep their 0/1 bytes behind a BooleanArray: only those need rawView to reach the typed array.
  const viaRawView = node.inputs.map((v) => (v.type as TensorType).dtype === 'bool');
  const dataOf = (i: number): ArrayLike<number> => (viaRawView[i] ? (rawView(arrays[i]!).data as ArrayLike<number>) : (arrays[i]!.data as ArrayLike<number>));
  // Argument lists reused across calls (the VM runs one call at a time).
  const flatArgs = new Array<unknown>(3 + 2 * nin);
  const stridedArgs = new Array<unknown>(2 + 2 * nin + ndim + nin * ndim);
  const kinds = new Array<InputKind>(nin);

  const thunk = (): void => {
    for (let i = 0; i < nin; i++) arrays[i] = inputs[i]![0] as NDArray;
    // The broadcast shape (inputs all have ndim dimensions: Elemwise aligned them).
    let n = 1;
    for (let d = 0; d < ndim; d++) {
      let len = 1;
      for (let i = 0; i < nin; i++) {
        const l = arrays[i]!.shape[d]!;
        if (l === len || l === 1) continue;
        if (len !== 1) broadcastShapes(op.name, arrays.map((a) => a.shape)); // throws the ShapeError
        len = l;
      }
      shape[d] = len;
      n *= len;
    }
    let key = '';
    let flat = true;
    for (let i = 0; i < nin; i++) {
      const a = arrays[i]!;
      const kind: InputKind = contiguousWith(a, shape) ? 'c' : a.length === 1 ? 's' : 'g';
      kinds[i] = kind;
      if (kind === 'g') flat = false;
      key += kind;
    }
    let outData: ArrayLike<number>;
    let oo = 0;
    let result: NDArray | undefined;
    if (destroyed !== undefined) {
      const into = arrays[destroyed]!;
      // Writing element k after reading every input's element k is safe only when the buffer is shared in the same layout.
      if (into.dtype !== outDtype || kinds[destroyed] !== 'c') return generic();
      const raw = rawView(into);
      for (let i = 0; i < nin; i++) {
        const a = arrays[i]!;
        if (i === destroyed || a === into || rawView(a).data.buffer !== raw.data.buffer) continue;
        if (kinds[i] !== 'c' || a.offset !== into.offset) return generic();
      }
      outData = raw.data as ArrayLike<number>;
      oo = raw.offset;
      result = into;
    } else outData = new Ctor(n) as ArrayLike<number>;
    if (flat || ndim === 0) {
      const kernel = kernelFor(`f${key}`, () => compileKernel(flatSource(program, kinds)));
      flatArgs[0] = outData;
      flatArgs[1] = oo;
      flatArgs[2] = n;
      for (let i = 0; i < nin; i++) {
        flatArgs[3 + 2 * i] = dataOf(i);
        flatArgs[4 + 2 * i] = arrays[i]!.offset;
      }
      kernel.apply(undefined, flatArgs);
    } else if (n > 0) {
      const kernel = kernelFor('g', () => compileKernel(stridedSource(program, nin, ndim)));
      stridedArgs[0] = outData;
      stridedArgs[1] = oo;
      let p = 2;
      for (let i = 0; i < nin; i++) {
        stridedArgs[p++] = dataOf(i);
        stridedArgs[p++] = arrays[i]!.offset;
      }
      for (let d = 0; d < ndim; d++) stridedArgs[p++] = shape[d];
      for (let i = 0; i < nin; i++) {
        const a = arrays[i]!;
        for (let d = 0; d < ndim; d++) stridedArgs[p++] = a.shape[d] === 1 ? 0 : a.strides[d];
      }
      kernel.apply(undefined, stridedArgs);
    }
    outCell[0] = result ?? fromRaw(outDtype, outData as never, shape);
  };
  return Object.assign(thunk, { node, inputs: generic.inputs, outputs: generic.outputs });
}
