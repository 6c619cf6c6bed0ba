import * as pt from '@proj/tensor';
import { checkAgainstReference, randomArray } from './helpers/check';

describe('Sum, Max and Min in WASM vs the reference evaluator', () => {
  it.each(['float64', 'float32'] as const)('over every axis combination of a 3-d array, incl. strided views (%s)', (dtype) => {
    const x = new pt.TensorType(dtype, [null, null, null]).makeVariable('x') as pt.TensorVariable;
    const axes: (number[] | null)[] = [null, [0], [1], [2], [0, 1], [0, 2], [1, 2]];
    const outs = axes.flatMap((axis) => [x.sum({ axis }), x.max({ axis }), x.min({ axis })]);
    outs.push(x.get(':', '::-1', '::2').sum({ axis: [1, 2] }), x.dimshuffle(2, 0, 1).max({ axis: [0] }));
    const tol = dtype === 'float64' ? 1e-13 : 1e-6;
    const inst = checkAgainstReference([x], outs, [randomArray(dtype, [5, 6, 7], 1)], tol);
    const reductions = inst.wasmNodes.filter((n) => n.op instanceof pt.Sum || n.op instanceof pt.Max || n.op instanceof pt.Min);
    expect(reductions.length).toBeGreaterThanOrEqual(10);
  });

  it('propagates NaN in max/min, handles 0-d inputs and leaves empty reductions to JS', () => {
    const v = pt.dvector('v');
    const s = pt.dscalar('s');
    const withNaN = pt.fromRaw('float64', new Float64Array([1, NaN, 3, -2, 5, 0.5, 7, 8, 9]), [9]);
    checkAgainstReference([v, s], [v.max(), v.min(), v.sum(), s.sum(), s.max()], [withNaN, pt.toNDArray(2.5, 'float64')]);
    const m = pt.dmatrix('m');
    checkAgainstReference([m], [m.sum({ axis: [0] }), m.sum()], [randomArray('float64', [0, 3], 2)]);
  });
});
