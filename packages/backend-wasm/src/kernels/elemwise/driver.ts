/**
 * Runs a generated elementwise kernel over broadcast, strided operands: the
 * dimensions are collapsed where every operand is contiguous across them, the
 * innermost one is the kernel's loop and the outer ones are walked here.
 */
import { broadcastShapes } from '@proj/tensor';
import type { KernelSet } from '../cache';
import type { TensorRef } from '../tensor-ref';
import { ELEM_BYTES, VECTOR_LOADABLE, elemwiseModule, type LaneDtype, type Layout, type OutDtype } from './codegen';
import { programKey, type ScalarProgram } from './program';

type Kernel = (...args: number[]) => void;

/** A compiled program, ready to run on the arena of its KernelSet. */
export class ElemwiseRunner {
  private readonly key: string;
  private lastLayout = '';
  private lastKernel: Kernel | undefined;

  constructor(
    private readonly kernels: KernelSet,
    readonly program: ScalarProgram,
    readonly inDtypes: readonly LaneDtype[],
    readonly outDtypes: readonly OutDtype[],
  ) {
    this.key = `elemwise|${programKey(program)}|${inDtypes.join(',')}|${outDtypes.join(',')}`;
  }

  private kernel(layouts: Layout[]): Kernel {
    const lk = layouts.join('');
    if (lk === this.lastLayout && this.lastKernel) return this.lastKernel;
    const exports = this.kernels.get(`${this.key}|${lk}`, () => elemwiseModule(this.program, this.inDtypes, this.outDtypes, layouts));
    this.lastLayout = lk;
    this.lastKernel = exports.kernel as Kernel;
    return this.lastKernel;
  }

  /** The broadcast shape of the inputs (a ShapeError naming `opName` when they do not broadcast). */
  outShape(opName: string, ins: readonly TensorRef[]): number[] {
    return broadcastShapes(opName, ins.map((r) => r.shape));
  }

  private flatLayouts: Layout[] | undefined;

  /** Whether every input has the output's shape and is contiguous (one flat loop then). */
  private allContiguous(ins: readonly TensorRef[], shape: readonly number[]): boolean {
    const nd = shape.length;
    for (const r of ins) {
      if (r.shape.length !== nd || !VECTOR_LOADABLE.has(r.dtype as LaneDtype)) return false;
      for (let d = nd - 1, want = 1; d >= 0; d--) {
        const len = shape[d]!;
        if (r.shape[d] !== len || (len > 1 && r.strides[d] !== want)) return false;
        want *= len;
      }
    }
    return true;
  }

  private runFlat(ins: readonly TensorRef[], outPtrs: readonly number[], size: number): void {
    const layouts = (this.flatLayouts ??= ins.map((): Layout => 'c'));
    const kernel = this.kernel(layouts);
    const nin = ins.length;
    const nout = outPtrs.length;
    if (nin === 1 && nout === 1) return kernel(size, outPtrs[0]!, ins[0]!.ptr, 0);
    if (nin === 2 && nout === 1) return kernel(size, outPtrs[0]!, ins[0]!.ptr, 0, ins[1]!.ptr, 0);
    const args = [size, ...outPtrs];
    for (const r of ins) args.push(r.ptr, 0);
    kernel(...args);
  }

  /**
   * Computes the outputs (contiguous, of shape `shape`, at `outPtrs`) from the inputs.
   *
   * @example
   * runner.run(ins, [outPtr], shape);
   */
  run(ins: readonly TensorRef[], outPtrs: readonly number[], shape: readonly number[]): void {
    const nd = shape.length;
    let size = 1;
    for (const s of shape) size *= s;
    if (size === 0) return;
    if (this.allContiguous(ins, shape)) return this.runFlat(ins, outPtrs, size);
    // Strides (elements) of every input seen with the output's shape; 0 along broadcast dimensions.
    const strides = ins.map((r) => {
      const pad = nd - r.shape.length;
      return shape.map((len, d) => (d < pad || (r.shape[d - pad] === 1 && len !== 1) ? 0 : r.strides[d - pad]!));
    });
    // Collapse: drop length-1 dimensions, merge d into d+1 when every input is contiguous across them.
    const dims: number[] = [];
    const st: number[][] = ins.map(() => []);
    for (let d = 0; d < nd; d++) {
      const len = shape[d]!;
      if (len === 1) continue;
      const last = dims.length - 1;
      if (last >= 0 && strides.every((s, k) => st[k]![last] === s[d]! * len)) {
        dims[last]! *= len;
        strides.forEach((s, k) => (st[k]![last] = s[d]!));
      } else {
        dims.push(len);
        strides.forEach((s, k) => st[k]!.push(s[d]!));
      }
    }
    if (dims.length === 0) {
      dims.push(1);
      st.forEach((s) => s.push(0));
    }
    const depth = dims.length;
    const n = dims[depth - 1]!;
    const layouts: Layout[] = ins.map((r, k) => {
      const s = st[k]![depth - 1]!;
      if (s === 0) return 's';
      return s === 1 && VECTOR_LOADABLE.has(r.dtype as LaneDtype) ? 'c' : 'g';
    });
    const kernel = this.kernel(layouts);
    const nin = ins.length;
    const nout = outPtrs.length;
    const args = new Array<number>(1 + nout + 2 * nin);
    args[0] = n;
    const inBytes = ins.map((r) => ELEM_BYTES[r.dtype as LaneDtype]);
    for (let k = 0; k < nin; k++) args[2 + nout + 2 * k] = st[k]![depth - 1]! * inBytes[k]!;
    const outBytes = this.outDtypes.map((d) => ELEM_BYTES[d] * n);
    const rows = size / n;
    const idx = new Array<number>(depth).fill(0);
    const off = ins.map((r) => r.ptr);
    for (let row = 0; row < rows; row++) {
      for (let k = 0; k < nout; k++) args[1 + k] = outPtrs[k]! + row * outBytes[k]!;
      for (let k = 0; k < nin; k++) args[1 + nout + 2 * k] = off[k]!;
      kernel(...args);
      // Next outer index (odometer over dims[0..depth-2]).
      for (let d = depth - 2; d >= 0; d--) {
        idx[d]!++;
        for (let k = 0; k < nin; k++) off[k]! += st[k]![d]! * inBytes[k]!;
        if (idx[d]! < dims[d]!) break;
        for (let k = 0; k < nin; k++) off[k]! -= st[k]![d]! * dims[d]! * inBytes[k]!;
        idx[d] = 0;
      }
    }
  }
}
