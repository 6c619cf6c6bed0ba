/**
 * WASM kernels of Sum, Max and Min (CAReduce) over any axes for float64 and
 * float32 inputs: the kept dimensions are walked here, the reduced ones are
 * collapsed into as few strided runs as possible, each run reduced in WASM and
 * the runs combined here. An empty reduction runs in JS (its identity or error).
 */
import type { Apply } from '@proj/graph';
import { Max, Min, Sum, TensorType, axesList } from '@proj/tensor';
import type { LinkState } from '../../linker/context';
import type { NodeKernel } from '../../linker/table';
import { reduceModule, type ReduceKind } from './codegen';

type ReduceFn = (n: number, ptr: number, stride: number) => number;

function combine(kind: ReduceKind, a: number, b: number): number {
  if (kind === 'sum') return a + b;
  if (a !== a || b !== b) return NaN;
  return kind === 'max' ? (b > a ? b : a) : b < a ? b : a;
}

/** Collapses (length, stride) pairs where a dimension steps exactly over the next one. */
function collapse(lens: number[], strides: number[]): [number[], number[]] {
  const L: number[] = [];
  const S: number[] = [];
  lens.forEach((len, d) => {
    if (len === 1) return;
    const k = L.length - 1;
    if (k >= 0 && S[k] === strides[d]! * len) {
      L[k]! *= len;
      S[k] = strides[d]!;
    } else {
      L.push(len);
      S.push(strides[d]!);
    }
  });
  return [L, S];
}

/**
 * The kernel of a Sum / Max / Min node (float64 or float32 in and out).
 *
 * @example
 * const run = reduceNodeKernel(node, link);
 */
export function reduceNodeKernel(node: Apply, link: LinkState): NodeKernel | undefined {
  const op = node.op;
  const kind: ReduceKind | undefined = op instanceof Sum ? 'sum' : op instanceof Max ? 'max' : op instanceof Min ? 'min' : undefined;
  if (kind === undefined) return undefined;
  const it = node.inputs[0]!.type;
  const ot = node.outputs[0]!.type;
  if (!(it instanceof TensorType) || !(ot instanceof TensorType) || (it.dtype !== 'float64' && it.dtype !== 'float32') || ot.dtype !== it.dtype) return undefined;
  // The kernel accumulates in float64: a float32 accumulator (asked for explicitly) stays in JS.
  if (kind === 'sum' && (op as Sum).accDtypeFor(it.dtype) !== 'float64') return undefined;
  const dtype = it.dtype;
  const E = dtype === 'float64' ? 8 : 4;
  const reduce = link.kernels.get(`reduce-${kind}-${dtype}`, () => reduceModule(kind, dtype)).reduce as unknown as ReduceFn;
  const axes = (op as Sum).axis;
  return (ctx) => {
    const x = ctx.input(0);
    const nd = x.shape.length;
    const red = new Set(axesList(axes, nd));
    const keep = [...Array(nd).keys()].filter((d) => !red.has(d));
    const redDims = [...red].sort((a, b) => a - b);
    let count = 1;
    for (const d of redDims) count *= x.shape[d]!;
    if (count === 0) return ctx.fallback();
    const outShape = keep.map((d) => x.shape[d]!);
    const o = ctx.output(0, dtype, outShape);
    const out = o.value.data as Float64Array;
    const [rl, rs] = collapse(redDims.map((d) => x.shape[d]!), redDims.map((d) => x.strides[d]!));
    // The innermost run goes to WASM; the outer reduced dimensions are walked here.
    const runLen = rl.length ? rl[rl.length - 1]! : 1;
    const runStride = (rl.length ? rs[rs.length - 1]! : 0) * E;
    const outerL = rl.slice(0, -1);
    const outerS = rs.slice(0, -1);
    let outer = 1;
    for (const l of outerL) outer *= l;
    const kl = keep.map((d) => x.shape[d]!);
    const ks = keep.map((d) => x.strides[d]!);
    const nOut = out.length;
    const kidx = new Array<number>(kl.length).fill(0);
    let base = x.ptr;
    for (let j = 0; j < nOut; j++) {
      let acc = NaN;
      const ridx = new Array<number>(outerL.length).fill(0);
      let p = base;
      for (let r = 0; r < outer; r++) {
        const v = reduce(runLen, p, runStride);
        acc = r === 0 ? v : combine(kind, acc, v);
        for (let d = outerL.length - 1; d >= 0; d--) {
          ridx[d]!++;
          p += outerS[d]! * E;
          if (ridx[d]! < outerL[d]!) break;
          p -= outerS[d]! * outerL[d]! * E;
          ridx[d] = 0;
        }
      }
      out[j] = acc;
      for (let d = kl.length - 1; d >= 0; d--) {
        kidx[d]!++;
        base += ks[d]! * E;
        if (kidx[d]! < kl[d]!) break;
        base -= ks[d]! * kl[d]! * E;
        kidx[d] = 0;
      }
    }
  };
}
