import * as pt from '@proj/tensor';
import { checkAgainstReference, randomArray } from './helpers/check';

describe('Dot, Gemm and Gemv in WASM vs the reference evaluator', () => {
  it.each(['float64', 'float32'] as const)('dot of matrices and vectors in every combination (%s), incl. transposed views', (dtype) => {
    const tol = dtype === 'float64' ? 1e-12 : 1e-5;
    const A = new pt.TensorType(dtype, [null, null]).makeVariable('A') as pt.TensorVariable;
    const B = new pt.TensorType(dtype, [null, null]).makeVariable('B') as pt.TensorVariable;
    const v = new pt.TensorType(dtype, [null]).makeVariable('v') as pt.TensorVariable;
    const w = new pt.TensorType(dtype, [null]).makeVariable('w') as pt.TensorVariable;
    const outs = [pt.dot(A, B), pt.dot(A, v), pt.dot(w, B), pt.dot(v, v), pt.dot(B.T, A.T), pt.dot(A.get(':', '::2'), B.get('::2'))];
    for (const [m, k, n, seed] of [[7, 6, 9, 1], [1, 1, 1, 2], [33, 40, 17, 3], [5, 130, 1, 4]] as const) {
      const inst = checkAgainstReference([A, B, v, w], outs, [randomArray(dtype, [m, k], seed), randomArray(dtype, [k, n], seed + 10), randomArray(dtype, [k], seed + 20), randomArray(dtype, [k], seed + 30)], tol);
      expect(inst.wasmNodes.some((node) => node.op instanceof pt.Dot)).toBe(true);
    }
  });

  it('size-0 products give zeros or empty arrays', () => {
    const A = pt.dmatrix('A');
    const B = pt.dmatrix('B');
    checkAgainstReference([A, B], [pt.dot(A, B)], [randomArray('float64', [3, 0], 1), randomArray('float64', [0, 4], 2)]);
    checkAgainstReference([A, B], [pt.dot(A, B)], [randomArray('float64', [0, 5], 1), randomArray('float64', [5, 4], 2)]);
  });

  it('Gemm and Gemv with alpha and beta (beta 0 ignores NaN in z)', () => {
    const z = pt.dmatrix('z');
    const x = pt.dmatrix('x');
    const y = pt.dmatrix('y');
    const a = pt.dscalar('a');
    const b = pt.dscalar('b');
    const yv = pt.dvector('yv');
    const xv = pt.dvector('xv');
    const outs = [pt.gemmNoInplace(z, a, x, y, b), pt.gemvNoInplace(yv, a, x, xv, b)];
    const inst = checkAgainstReference([z, a, x, y, b, yv, xv], outs, [randomArray('float64', [6, 8], 1), pt.toNDArray(1.5, 'float64'), randomArray('float64', [6, 5], 2), randomArray('float64', [5, 8], 3), pt.toNDArray(-0.5, 'float64'), randomArray('float64', [6], 4), randomArray('float64', [5], 5)], 1e-12);
    expect(inst.wasmNodes.map((n) => n.op.name).sort()).toEqual(['Gemm{no_inplace}', 'Gemv{no_inplace}']);
    const nan = pt.fromRaw('float64', new Float64Array(48).fill(NaN), [6, 8]);
    checkAgainstReference([z, a, x, y, b], [pt.gemmNoInplace(z, a, x, y, b)], [nan, pt.toNDArray(2, 'float64'), randomArray('float64', [6, 5], 2), randomArray('float64', [5, 8], 3), pt.toNDArray(0, 'float64')], 1e-12);
  });

  it('raises a ShapeError for misaligned operands', () => {
    const A = pt.dmatrix('A');
    const B = pt.dmatrix('B');
    expect(() => checkAgainstReference([A, B], [pt.dot(A, B)], [randomArray('float64', [3, 4], 1), randomArray('float64', [5, 2], 2)])).toThrow(/Dot/);
  });
});
