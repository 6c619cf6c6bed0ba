/**
 * The reference elementwise kernel: NumPy broadcasting over strided inputs of
 * any dtype, one scalar function per element. Backends generate faster loops;
 * this one is the definition they are tested against.
 */
import { ShapeError } from '@proj/graph';
import { isBigInt, isComplex, isDiscrete, isInteger, upcast, type Dtype } from '../dtype/dtypes';
import { allocRaw, contiguousStrides, fromRaw, rawView, sizeOf, type NDArray, type RawView } from '../value/ndarray';
import type { Complex, ScalarOp } from '../scalar/scalar-op';

/**
 * The broadcast shape of several shapes (NumPy's rule: align on the right; a
 * length 1 stretches). Throws a ShapeError naming the op and the shapes.
 *
 * @example
 * broadcastShapes('add', [[2, 1], [3]]); // [2, 3]
 */
export function broadcastShapes(op: string, shapes: readonly (readonly number[])[]): number[] {
  const nd = Math.max(0, ...shapes.map((s) => s.length));
  const out = new Array<number>(nd).fill(1);
  for (const shape of shapes) {
    const pad = nd - shape.length;
    shape.forEach((len, i) => {
      const cur = out[pad + i]!;
      if (len === cur || len === 1) return;
      if (cur === 1) out[pad + i] = len;
      else {
        throw new ShapeError({
          op,
          argument: 'inputs',
          expected: 'shapes that broadcast together',
          given: shapes.map((s) => `(${s.join(', ')}${s.length === 1 ? ',' : ''})`).join(' and '),
        });
      }
    });
  }
  return out;
}

/** Strides (in raw numbers) of `view` seen with shape `outShape`: 0 along broadcast dimensions. */
function broadcastStrides(view: RawView, outShape: readonly number[]): number[] {
  const pad = outShape.length - view.shape.length;
  return outShape.map((len, d) => {
    if (d < pad) return 0;
    return view.shape[d - pad] === 1 && len !== 1 ? 0 : view.strides[d - pad]!;
  });
}

type Mode = 'number' | 'int' | 'bigint' | 'complex';

function chooseMode(op: ScalarOp, allDtypes: readonly Dtype[], outDtype: Dtype): Mode {
  const inDtypes = op.spec.modeInputs ? op.spec.modeInputs.map((i) => allDtypes[i]!) : allDtypes;
  const common = inDtypes.length > 0 ? upcast(inDtypes[0]!, ...inDtypes.slice(1)) : outDtype;
  if (isComplex(common) || isComplex(outDtype)) return 'complex';
  const exactInts = isDiscrete(outDtype) && inDtypes.every(isDiscrete) && inDtypes.some(isBigInt);
  if (op.spec.implBigInt && (isBigInt(common) || exactInts)) {
    // int64 with uint64 upcasts to float64 but NumPy still compares them exactly.
    return 'bigint';
  }
  if (isInteger(common) && op.spec.implInt) return 'int';
  return 'number';
}

type Reader = (data: ArrayLike<unknown>, off: number) => unknown;

function reader(dtype: Dtype, mode: Mode): Reader {
  if (mode === 'complex') {
    if (isComplex(dtype)) return (d, o) => ({ re: d[o] as number, im: d[o + 1] as number });
    if (isBigInt(dtype)) return (d, o) => ({ re: Number(d[o]), im: 0 });
    return (d, o) => ({ re: d[o] as number, im: 0 });
  }
  if (mode === 'bigint') {
    if (isBigInt(dtype)) return (d, o) => d[o];
    // A float input in BigInt mode is one the op ignores (modeInputs): pass it through.
    return isDiscrete(dtype) ? (d, o) => BigInt(d[o] as number) : (d, o) => d[o];
  }
  return isBigInt(dtype) ? (d, o) => Number(d[o]) : (d, o) => d[o];
}

type Writer = (data: unknown, k: number, v: unknown) => void;

function writer(dtype: Dtype): Writer {
  if (isComplex(dtype)) {
    return (d, k, v) => {
      const out = d as Float64Array;
      if (typeof v === 'object' && v !== null) {
        out[2 * k] = (v as Complex).re;
        out[2 * k + 1] = (v as Complex).im;
      } else {
        out[2 * k] = Number(v);
        out[2 * k + 1] = 0;
      }
    };
  }
  if (dtype === 'bool') return (d, k, v) => ((d as Uint8Array)[k] = v ? 1 : 0);
  if (isBigInt(dtype)) {
    const wrap = dtype === 'int64' ? (b: bigint) => BigInt.asIntN(64, b) : (b: bigint) => BigInt.asUintN(64, b);
    return (d, k, v) => {
      let b: bigint;
      if (typeof v === 'bigint') b = v;
      else if (typeof v === 'boolean') b = v ? 1n : 0n;
      else b = Number.isFinite(v as number) ? BigInt(Math.trunc(v as number)) : 0n;
      (d as BigInt64Array)[k] = wrap(b);
    };
  }
  if (isDiscrete(dtype)) {
    // Typed-array stores wrap integers modulo 2^bits, as NumPy's integer arithmetic does.
    return (d, k, v) => ((d as Int32Array)[k] = typeof v === 'boolean' ? (v ? 1 : 0) : Number(v));
  }
  return (d, k, v) => ((d as Float64Array)[k] = typeof v === 'boolean' ? (v ? 1 : 0) : Number(v));
}

function implFor(op: ScalarOp, mode: Mode): (...args: never[]) => unknown {
  const s = op.spec;
  if (mode === 'complex') return s.implComplex as (...args: never[]) => unknown;
  if (mode === 'bigint') return s.implBigInt as (...args: never[]) => unknown;
  if (mode === 'int') return s.implInt as (...args: never[]) => unknown;
  return s.impl as (...args: never[]) => unknown;
}

/**
 * The raw numbers of `into` to write the result into, in row-major order, or
 * undefined when it cannot take the result in place: another dtype or shape
 * (broadcasting into it), not row-major contiguous, or sharing memory with
 * another input under a different layout (writing element k would change an
 * element that input still has to read).
 */
function inplaceTarget(into: NDArray, inputs: readonly NDArray[], outDtype: Dtype, outShape: readonly number[]): ArrayLike<unknown> | undefined {
  if (into.dtype !== outDtype || into.shape.length !== outShape.length || into.shape.some((l, d) => l !== outShape[d])) return undefined;
  const v = rawView(into);
  const want = contiguousStrides(outShape);
  if (outShape.some((l, d) => l > 1 && v.strides[d] !== want[d]! * v.width)) return undefined;
  const sameLayout = (a: NDArray) => a.offset === into.offset && a.shape.every((l, d) => l === into.shape[d] && (l <= 1 || a.strides[d] === into.strides[d]));
  for (const a of inputs) {
    if (a !== into && rawView(a).data.buffer === v.data.buffer && !(a.shape.length === into.shape.length && sameLayout(a))) return undefined;
  }
  const n = sizeOf(outShape) * v.width;
  return (v.data as unknown as { subarray(b: number, e: number): ArrayLike<unknown> }).subarray(v.offset, v.offset + n);
}

/**
 * Applies `op` elementwise to `inputs` (broadcast together), giving a new
 * contiguous array of `outDtype`. Inputs are never modified, except `into`
 * (an in-place Elemwise passes the input it destroys): when it has the output's
 * dtype and shape and a row-major layout, the result is written into it and
 * `into` is returned; otherwise a new array is made as usual.
 */
export function elemwiseKernel(op: ScalarOp, inputs: readonly NDArray[], outDtype: Dtype, opName = `Elemwise{${op.name}}`, into?: NDArray): NDArray {
  const outShape = broadcastShapes(opName, inputs.map((a) => a.shape));
  const n = sizeOf(outShape);
  // Element k is read from every input before it is written, so writing into an input of the same layout is safe.
  const target = into === undefined ? undefined : inplaceTarget(into, inputs, outDtype, outShape);
  const out = target ?? allocRaw(opName, outDtype, outShape);
  const mode = chooseMode(op, inputs.map((a) => a.dtype), outDtype);
  const fn = implFor(op, mode) as (...args: unknown[]) => unknown;
  const write = writer(outDtype);
  const views = inputs.map(rawView);
  const datas = views.map((v) => v.data as ArrayLike<unknown>);
  const reads = inputs.map((a) => reader(a.dtype, mode));
  const strides = views.map((v) => broadcastStrides(v, outShape));
  const offs = views.map((v) => v.offset);
  const nin = inputs.length;
  const nd = outShape.length;
  const idx = new Array<number>(nd).fill(0);
  const args = new Array<unknown>(nin);
  for (let k = 0; k < n; k++) {
    for (let i = 0; i < nin; i++) args[i] = reads[i]!(datas[i]!, offs[i]!);
    write(out, k, nin === 1 ? fn(args[0]) : nin === 2 ? fn(args[0], args[1]) : fn(...args));
    // Odometer step over the output index, moving each input's offset by its strides.
    for (let d = nd - 1; d >= 0; d--) {
      idx[d]!++;
      if (idx[d]! < outShape[d]!) {
        for (let i = 0; i < nin; i++) offs[i]! += strides[i]![d]!;
        break;
      }
      for (let i = 0; i < nin; i++) offs[i]! -= strides[i]![d]! * (outShape[d]! - 1);
      idx[d] = 0;
    }
  }
  return target !== undefined ? into! : fromRaw(outDtype, out as never, outShape);
}
