import { compile } from '@proj/backend-js';
import * as sp from '@proj/sparse';
import * as pt from '@proj/tensor';
import { evaluate } from '@proj/graph';
import { wasmLinker, type WasmLinkerInstance } from '../src';
import { randomArray } from './helpers/check';

function maxRelErr(got: pt.NDArray, want: pt.NDArray): number {
  const a = [pt.toNested(got)].flat(Infinity as 1) as number[];
  const b = [pt.toNested(want)].flat(Infinity as 1) as number[];
  expect(got.shape).toEqual(want.shape);
  let worst = 0;
  for (let i = 0; i < b.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!) / Math.max(1, Math.abs(b[i]!)));
  return worst;
}

describe('sparse x dense products in WASM vs the reference evaluator', () => {
  it.each([
    ['csr', 'float64', 37, 29, 1],
    ['csr', 'float64', 37, 29, 70],
    ['csc', 'float64', 23, 31, 19],
    ['csr', 'float32', 40, 41, 33],
    ['csc', 'float32', 5, 7, 1],
    ['csr', 'float64', 0, 5, 3],
  ] as const)('%s %s: (%d x %d) @ (.. x %d), StructuredDot and Dot with a matrix and a vector', (format, dtype, m, k, n) => {
    const a = (format === 'csr' ? sp.csrMatrix('a', dtype) : sp.cscMatrix('a', dtype));
    const B = new pt.TensorType(dtype, [null, null]).makeVariable('B') as pt.TensorVariable;
    const v = new pt.TensorType(dtype, [null]).makeVariable('v') as pt.TensorVariable;
    const outs = [sp.structuredDot(a, B), sp.dot(a, B), sp.dot(a, v), sp.structuredDot(a, B.get('::-1').T.T)];
    const f = compile([a, B, v], outs, { linker: wasmLinker });
    const av = sp.random(m, k, 0.3, { format, dtype, seed: m + k + n });
    const bv = randomArray(dtype, [k, n], n);
    const vv = randomArray(dtype, [k], n + 1);
    const got = f(av, bv, vv) as pt.NDArray[];
    const want = evaluate(outs, [[a, av], [B, bv], [v, vv]]) as pt.NDArray[];
    const tol = dtype === 'float64' ? 1e-13 : 1e-5;
    want.forEach((w, i) => expect(maxRelErr(got[i]!, w)).toBeLessThanOrEqual(tol));
    const inst = f.maker.linker as WasmLinkerInstance;
    expect(inst.wasmNodes.length).toBeGreaterThanOrEqual(3);
  });

  it('places a constant sparse matrix once (memory flat over calls)', () => {
    const av = sp.random(50, 40, 0.2, { format: 'csr', dtype: 'float64', seed: 3 });
    const B = pt.dmatrix('B');
    const out = sp.structuredDot(sp.asSparseVariable(av), B);
    const f = compile([B], out, { linker: wasmLinker });
    const bv = randomArray('float64', [40, 8], 5);
    const want = evaluate([out], [[B, bv]])[0] as pt.NDArray;
    for (let t = 0; t < 5; t++) f(bv);
    const inst = f.maker.linker as WasmLinkerInstance;
    const size = inst.link.arena.buffer.byteLength;
    for (let t = 0; t < 200; t++) expect(maxRelErr(f(bv) as pt.NDArray, want)).toBeLessThanOrEqual(1e-13);
    expect(inst.link.arena.buffer.byteLength).toBe(size);
  });
});
