/** Bad-input rows of @proj/graph and @proj/gradient. */
import { ArgumentError, FunctionGraph, TypeMismatchError, debugprint, evaluate } from '@proj/graph';
import * as pt from '@proj/tensor';
import { grad } from '@proj/gradient';
import type { BadInputSection } from './row';

/** @proj/graph rows. */
export const GRAPH_ROWS: BadInputSection = {
  pkg: '@proj/graph',
  rows: [
    {
      kind: 'unknown option',
      input: 'debugprint(y, { printtype: true })',
      run: () => debugprint(pt.vector('x').exp(), { printtype: true } as never),
      error: ArgumentError,
      message: /^debugprint: argument 'options' expected one of the options .*got 'printtype' \(did you mean 'printType'\?\)$/,
    },
    {
      kind: 'unknown option',
      input: 'new FunctionGraph([x], [y], { clones: false })',
      run: () => {
        const x = pt.vector('x');
        return new FunctionGraph([x], [x.exp()], { clones: false } as never);
      },
      error: ArgumentError,
      message: /^FunctionGraph: argument 'options' expected one of the options features, clone, got 'clones' \(did you mean 'clone'\?\)$/,
    },
    {
      kind: 'unknown option',
      input: 'evaluate([y], givens, { ordering: [] })',
      run: () => evaluate([pt.constant(1)], undefined, { ordering: [] } as never),
      error: ArgumentError,
      message: /^evaluate: argument 'options' expected one of the options orderings, got 'ordering' \(did you mean 'orderings'\?\)$/,
    },
    {
      kind: 'unknown option',
      input: 'w.setValue(v, { borow: true })',
      run: () => pt.shared([1, 2], 'w').setValue([3, 4], { borow: true } as never),
      error: ArgumentError,
      message: /^SharedVariable\.setValue: argument 'options' expected one of the options borrow, allowDowncast, got 'borow' \(did you mean 'borrow'\?\)$/,
    },
  ],
};

/** @proj/gradient rows. */
export const GRADIENT_ROWS: BadInputSection = {
  pkg: '@proj/gradient',
  rows: [
    {
      kind: 'unknown option',
      input: 'grad(cost, x, { consider: [] })',
      run: () => {
        const x = pt.vector('x');
        return grad(pt.sum(x), x, { consider: [] } as never);
      },
      error: ArgumentError,
      message: /^grad: argument 'options' expected one of the options considerConstant, .*got 'consider'$/,
    },
    {
      kind: 'wrong ndim',
      input: 'grad(x.mul(2), x) (a vector cost)',
      run: () => {
        const x = pt.vector('x');
        return grad(x.mul(2), x);
      },
      error: TypeMismatchError,
      message: /^grad: argument 'cost' expected a scalar \(0 dimensions; sum it, or use knownGrads \/ Lop\), got Elemwise\{mul\}\.0 of type TensorType\(float64, shape=\(\?,\)\)$/,
    },
  ],
};
