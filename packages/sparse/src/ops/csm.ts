/**
 * CSM (a sparse matrix from its data, indices, indptr and shape), CSMProperties
 * (those four back) and CSMGrad (the gradient of CSM with respect to data).
 */
import { Apply, ArgumentError, DisconnectedType, Op, TypeMismatchError, disconnectedType, gradNotImplemented, type FunctionGraph, type ShapeTuple, type StorageCell, type Variable } from '@proj/graph';
import { TensorType, asTensorVariable, fromRaw, isInteger, zerosLike, type NDArray, type TensorVariable } from '@proj/tensor';
import { CSCMatrix, CSRMatrix, type CompressedMatrix, type SparseFormat } from '../values/compressed';
import { newRaw } from '../values/storage';
import { SparseType } from '../type/sparse-type';
import type { SparseVariable } from '../type/sparse-variable';
import { SparseFromDense, denseFromSparse, sparseArg, sparseOut, tensorArg } from './convert';
import { copyRaw, gatherAtPattern, toInt32 } from './csm-kernel';

function intVector(op: string, x: unknown, argument: number | string): TensorVariable {
  const t = tensorArg(op, x, argument, 1);
  if (!isInteger(t.dtype)) throw new TypeMismatchError({ op, argument, expected: 'a 1-d integer tensor', given: `${t} of type ${t.type}` });
  return t;
}

/**
 * Builds a sparse matrix of `format` from (data, indices, indptr, shape), all
 * symbolic 1-d tensors. The structure is checked when the node runs. The
 * gradient (with respect to data only) is regular: a dense vector.
 *
 * @example
 * const m = new CSM('csr').call(data, indices, indptr, shape);
 */
export class CSM extends Op<{ format: SparseFormat }> {
  constructor(format: SparseFormat) {
    if (format !== 'csr' && format !== 'csc') throw new ArgumentError({ op: 'CSM', argument: 'format', expected: "'csr' or 'csc'", given: JSON.stringify(format) });
    super({ format });
  }

  makeNode(data: Variable, indices: Variable, indptr: Variable, shape: Variable): Apply {
    const op = this.toString();
    const d = tensorArg(op, data, 0, 1);
    const inputs = [d, intVector(op, indices, 1), intVector(op, indptr, 2), intVector(op, shape, 3)];
    const len = inputs[3]!.type.shape[0];
    if (len !== null && len !== undefined && len !== 2) throw new TypeMismatchError({ op, argument: 3, expected: 'a shape of length 2', given: `length ${len}` });
    return new Apply(this, inputs, [sparseOut(this.props.format, d.dtype)]);
  }

  override perform(node: Apply, inputs: readonly unknown[], [out]: StorageCell[]): void {
    const [data, indices, indptr, shape] = inputs as NDArray[];
    const shp = toInt32(shape!);
    if (shp.length !== 2) throw new ArgumentError({ op: this.toString(), argument: 3, expected: 'a shape of length 2', given: `length ${shp.length}` });
    const parts = { data: copyRaw(data!), indices: toInt32(indices!), indptr: toInt32(indptr!), shape: [shp[0]!, shp[1]!] };
    const o = { dtype: data!.dtype, op: this.toString() };
    out![0] = this.props.format === 'csr' ? new CSRMatrix(parts, o) : new CSCMatrix(parts, o);
  }

  override inferShape(_f: FunctionGraph | undefined, node: Apply, _shapes: readonly ShapeTuple[]): ShapeTuple[] {
    const shp = node.inputs[3] as TensorVariable;
    return [[shp.get(0) as Variable, shp.get(1) as Variable]];
  }

  override connectionPattern(): boolean[][] {
    return [[true], [false], [false], [false]];
  }

  override grad(inputs: readonly Variable[], [gout]: readonly Variable[]): Variable[] {
    const [xData, xIndices, xIndptr, xShape] = inputs as TensorVariable[];
    let g = gout!;
    if (!(g.type instanceof SparseType)) g = new SparseFromDense(this.props.format).call(g);
    let gs = g as SparseVariable;
    if (gs.format !== this.props.format) gs = new SparseFromDense(this.props.format).call(denseFromSparse(gs, { structured: false })) as SparseVariable;
    const [gData, gIndices, gIndptr, gShape] = csmProperties(gs);
    const gx = new CSMGrad().call(xData!, xIndices!, xIndptr!, xShape!, gData, gIndices, gIndptr, gShape);
    return [gx, disconnectedType(), disconnectedType(), disconnectedType()];
  }

  override Rop(inputs: readonly Variable[], [ev]: readonly (Variable | null)[]): (Variable | null)[] {
    return [ev ? this.call(ev, inputs[1]!, inputs[2]!, inputs[3]!) : null];
  }
}

/**
 * The (data, indices, indptr, shape) of a sparse matrix as four 1-d tensors
 * (data of the matrix's dtype, the rest int32). Regular gradient (through data).
 *
 * @example
 * const [data, indices, indptr, shape] = new CSMProperties().callAll(x);
 */
export class CSMProperties extends Op {
  makeNode(x: Variable): Apply {
    const s = sparseArg(this.name, x, 0);
    const int = () => new TensorType('int32', [null]).makeVariable();
    return new Apply(this, [s], [new TensorType(s.dtype, [null]).makeVariable(), int(), int(), new TensorType('int32', [2]).makeVariable()]);
  }

  override perform(_node: Apply, [x]: readonly unknown[], out: StorageCell[]): void {
    const m = x as CompressedMatrix;
    out[0]![0] = fromRaw(m.dtype, m.data.slice(0, m.nnz * m.width) as never, [m.nnz]);
    out[1]![0] = fromRaw('int32', m.indices.slice(0, m.nnz), [m.nnz]);
    out[2]![0] = fromRaw('int32', m.indptr.slice(), [m.indptr.length]);
    out[3]![0] = fromRaw('int32', Int32Array.from(m.shape), [2]);
  }

  override connectionPattern(): boolean[][] {
    return [[true, false, false, false]];
  }

  override grad([x]: readonly Variable[], g: readonly Variable[]): Variable[] {
    const s = x as SparseVariable;
    const [data, indices, indptr, shape] = csmProperties(s);
    const gData = g[0]!.type instanceof DisconnectedType ? zerosLike(data) : g[0]!;
    return [new CSM(s.format).call(gData, indices, indptr, shape)];
  }
}

/**
 * The gradient of CSM with respect to data: for each stored entry of x, the
 * value of the output gradient g (summed over its duplicates) at that place,
 * 0 where g stores nothing. Inputs: x's and g's (data, indices, indptr, shape),
 * compressed along the same axis.
 *
 * @example
 * new CSMGrad().call(xData, xIndices, xIndptr, xShape, gData, gIndices, gIndptr, gShape);
 */
export class CSMGrad extends Op {
  makeNode(...inputs: Variable[]): Apply {
    if (inputs.length !== 8) throw new ArgumentError({ op: this.name, argument: 'inputs', expected: '8 inputs (x data, indices, indptr, shape, g data, indices, indptr, shape)', given: `${inputs.length}` });
    const ts = inputs.map((v, i) => (i % 4 === 0 ? tensorArg(this.name, v, i, 1) : intVector(this.name, v, i)));
    return new Apply(this, ts, [new TensorType(ts[4]!.dtype, ts[0]!.type.shape).makeVariable()]);
  }

  override perform(node: Apply, inputs: readonly unknown[], [out]: StorageCell[]): void {
    const [xData, xIndices, xIndptr, xShape, gData, gIndices, gIndptr] = inputs as NDArray[];
    const dtype = (node.outputs[0] as TensorVariable).dtype;
    const shp = toInt32(xShape!);
    const n = xData!.shape[0]!;
    const g = copyRaw(gData!);
    const width = g.length === 0 ? 1 : ((g.length / gData!.shape[0]!) as 1 | 2);
    const res = newRaw(dtype, n);
    gatherAtPattern(toInt32(xIndptr!), toInt32(xIndices!), toInt32(gIndptr!), toInt32(gIndices!), g, width, Math.max(shp[0] ?? 0, shp[1] ?? 0), res);
    out![0] = fromRaw(dtype, res, [n]);
  }

  override inferShape(_f: FunctionGraph | undefined, _node: Apply, shapes: readonly ShapeTuple[]): ShapeTuple[] {
    return [shapes[0]!];
  }

  override grad(inputs: readonly Variable[]): Variable[] {
    return inputs.map((x, i) => gradNotImplemented(this, i, x));
  }
}

/** PyTensor's CSR and CSC: the CSM Ops of each format. */
export const CSR = new CSM('csr');
export const CSC = new CSM('csc');

type ShapeArg = readonly (number | Variable)[] | Variable | NDArray;

function asShape(shape: ShapeArg): Variable {
  return Array.isArray(shape) && shape.some((s) => typeof s !== 'number') ? asTensorVariable(shape) : asTensorVariable(shape, {});
}

/**
 * A sparse matrix of `format` from (data, indices, indptr, shape) (PyTensor's CSM(format)(...)).
 *
 * @example
 * sp.csm('csr', pt.vector('d'), pt.ivector('i'), pt.ivector('p'), [3, 4]);
 */
export function csm(format: SparseFormat, data: unknown, indices: unknown, indptr: unknown, shape: ShapeArg): SparseVariable {
  const op = new CSM(format);
  const name = op.toString();
  return op.call(tensorArg(name, data, 0, 1), tensorArg(name, indices, 1, 1), tensorArg(name, indptr, 2, 1), asShape(shape)) as SparseVariable;
}

/**
 * A CSR matrix from (data, indices, indptr, shape) (PyTensor's CSR(...)).
 *
 * @example
 * sp.csr(data, indices, indptr, [2, 3]);
 */
export function csr(data: unknown, indices: unknown, indptr: unknown, shape: ShapeArg): SparseVariable {
  return csm('csr', data, indices, indptr, shape);
}

/**
 * A CSC matrix from (data, indices, indptr, shape) (PyTensor's CSC(...)).
 *
 * @example
 * sp.csc(data, indices, indptr, [2, 3]);
 */
export function csc(data: unknown, indices: unknown, indptr: unknown, shape: ShapeArg): SparseVariable {
  return csm('csc', data, indices, indptr, shape);
}

/**
 * [data, indices, indptr, shape] of a sparse matrix (PyTensor's csm_properties).
 *
 * @example
 * const [data, indices, indptr, shape] = sp.csmProperties(x);
 */
export function csmProperties(x: unknown): [TensorVariable, TensorVariable, TensorVariable, TensorVariable] {
  return new CSMProperties().callAll(sparseArg('csmProperties', x, 0)) as [TensorVariable, TensorVariable, TensorVariable, TensorVariable];
}

/** The stored values of a sparse matrix. @example sp.csmData(x) */
export function csmData(x: unknown): TensorVariable {
  return csmProperties(x)[0];
}
/** The indices of a sparse matrix. @example sp.csmIndices(x) */
export function csmIndices(x: unknown): TensorVariable {
  return csmProperties(x)[1];
}
/** The indptr of a sparse matrix. @example sp.csmIndptr(x) */
export function csmIndptr(x: unknown): TensorVariable {
  return csmProperties(x)[2];
}
/** The shape of a sparse matrix as an int32 vector. @example sp.csmShape(x) */
export function csmShape(x: unknown): TensorVariable {
  return csmProperties(x)[3];
}
