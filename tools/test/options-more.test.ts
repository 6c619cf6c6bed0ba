import { ArgumentError } from '@proj/graph';
import { subgraphGrad } from '@proj/gradient';
import * as sp from '@proj/sparse';
import * as pt from '@proj/tensor';

// Unknown option keys are refused (a typo must never be ignored silently).
describe('unknown options', () => {
  const x = pt.dvector('x');
  const s = sp.csrMatrix('s', 'float64');
  const a = sp.fromDense([[1, 0], [0, 2]]);
  it.each<[string, () => unknown, RegExp]>([
    ['subgraphGrad', () => subgraphGrad([x], [x.sum()], { costs: x.sum() } as never), /subgraphGrad: argument 'options' .*got 'costs'.*did you mean 'cost'/],
    ['sp.poisson', () => sp.poisson(s, { seed: 1 } as never), /sp\.poisson: argument 'options' .*'seed'/],
    ['sp.multinomial', () => sp.multinomial(pt.dvector('n'), s, { rgn: 1 } as never), /sp\.multinomial: argument 'options'.*did you mean 'rng'/],
    ['sp.binomial', () => sp.binomial(3, 0.5, [2, 2], { formats: 'csr' } as never), /sp\.binomial: argument 'options'.*did you mean 'format'/],
    ['sp.mmread', () => sp.mmread('%%MatrixMarket matrix coordinate real general\n1 1 0\n', { fromat: 'csc' } as never), /mmread: argument 'options'.*did you mean 'format'/],
    ['sp.mmwrite', () => sp.mmwrite(a, { symetric: true } as never), /mmwrite: argument 'options'.*did you mean 'symmetric'/],
    ['pt.setSubtensor', () => pt.setSubtensor(x.get(0), 1, { ignoreDuplicate: true } as never), /pt\.setSubtensor: argument 'options'.*did you mean 'ignoreDuplicates'/],
    ['pt.incSubtensor', () => pt.incSubtensor(x.get(0), 1, { inplace: true } as never), /pt\.incSubtensor: argument 'options'.*'inplace'/],
  ])('%s', (_name, call, message) => {
    expect(call).toThrow(ArgumentError);
    expect(call).toThrow(message);
  });
});
