import { compile } from '@proj/backend-js';
import { evaluate, type Variable } from '@proj/graph';
import * as pt from '@proj/tensor';
import { wasmLinker, type WasmLinkerInstance } from '../../src';
import { rng } from './ulp';

/** A seeded random array of `dtype` with values in [lo, hi) (integers floored). */
export function randomArray(dtype: pt.Dtype, shape: number[], seed: number, lo = -3, hi = 3): pt.NDArray {
  const r = rng(seed);
  const n = shape.reduce((a, b) => a * b, 1);
  const isInt = dtype.startsWith('int') || dtype.startsWith('uint');
  const flat = Array.from({ length: n }, () => (isInt ? Math.floor(lo + (hi - lo) * r()) : lo + (hi - lo) * r()));
  return pt.fromRaw(dtype, pt.toNDArray(flat, dtype, { allowDowncast: true }).data as pt.RawArray, shape);
}

/**
 * Compiles with the WASM linker, runs on `values` and compares with the
 * reference evaluator: equal dtypes and shapes, elements within `tol`
 * (relative, 0 = exactly equal), inputs unchanged. Returns the linker instance.
 */
export function checkAgainstReference(inputs: pt.TensorVariable[], outputs: Variable[], values: pt.NDArray[], tol = 0): WasmLinkerInstance {
  const f = compile(inputs, outputs, { linker: wasmLinker });
  const want = evaluate(outputs, inputs.map((v, k) => [v, values[k]!] as const)) as pt.NDArray[];
  const before = values.map((v) => JSON.stringify(pt.toNested(v)));
  const got = f(...values) as pt.NDArray[];
  want.forEach((w, k) => {
    const g = got[k]!;
    expect([k, g.dtype, g.shape]).toEqual([k, w.dtype, w.shape]);
    const a = [pt.toNested(g)].flat(Infinity as 1) as number[];
    const b = [pt.toNested(w)].flat(Infinity as 1) as number[];
    let bad = -1;
    for (let i = 0; i < b.length && bad < 0; i++) {
      if (typeof b[i] === 'number' && tol > 0) {
        const ok = (Number.isNaN(a[i]!) && Number.isNaN(b[i]!)) || Math.abs(a[i]! - b[i]!) <= tol * Math.max(1, Math.abs(b[i]!));
        if (!ok) bad = i;
      } else if (!Object.is(a[i], b[i]) && a[i] !== b[i]) bad = i;
    }
    expect(bad < 0 ? 'ok' : `output ${k} element ${bad}: ${a[bad]} vs ${b[bad]}`).toBe('ok');
  });
  values.forEach((v, k) => expect(JSON.stringify(pt.toNested(v))).toBe(before[k]));
  return f.maker.linker as WasmLinkerInstance;
}
