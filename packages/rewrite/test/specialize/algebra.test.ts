/**
 * The elementwise specializations (pow with constant exponents, neg): the graph
 * before and after, values on seeded random inputs, and where they must not fire.
 */
import { FunctionGraph } from '@proj/graph';
import * as pt from '@proj/tensor';
import type { NodeRewriter } from '../../src';
import { mulMinusOneToNeg, subFromZeroToNeg } from '../../src/rewrites/specialize/neg';
import { powHalfToSqrt, powMinusHalfToRsqrt, powMinusOneToReciprocal, powTwoToSqr } from '../../src/rewrites/specialize/pow';
import { expectClose, printed, randomArray, rewriteWith, values } from '../stabilize/check';

interface Case {
  text: string;
  rewrite: NodeRewriter;
  build: (x: pt.TensorVariable, y: pt.TensorVariable) => pt.TensorVariable;
  after: string;
}

const cases: Case[] = [
  { text: 'pow(x, 2)', rewrite: powTwoToSqr, build: (x) => pt.pow(x, 2), after: 'Elemwise{sqr} [id A]\n └─ x [id B]' },
  { text: 'pow(x, 0.5)', rewrite: powHalfToSqrt, build: (x) => pt.pow(x, 0.5), after: 'Elemwise{sqrt} [id A]\n └─ x [id B]' },
  { text: 'pow(x, -1)', rewrite: powMinusOneToReciprocal, build: (x) => pt.pow(x, -1), after: 'Elemwise{reciprocal} [id A]\n └─ x [id B]' },
  { text: 'pow(x, -0.5)', rewrite: powMinusHalfToRsqrt, build: (x) => pt.pow(x, -0.5), after: 'Elemwise{reciprocal} [id A]\n └─ Elemwise{sqrt} [id B]\n    └─ x [id C]' },
  { text: 'mul(x, -1)', rewrite: mulMinusOneToNeg, build: (x) => pt.mul(x, -1), after: 'Elemwise{neg} [id A]\n └─ x [id B]' },
  { text: 'mul(-1, x)', rewrite: mulMinusOneToNeg, build: (x) => pt.mul(-1, x), after: 'Elemwise{neg} [id A]\n └─ x [id B]' },
  {
    text: 'mul(x, -1, y)',
    rewrite: mulMinusOneToNeg,
    build: (x, y) => pt.mul(x, -1, y),
    after: 'Elemwise{neg} [id A]\n └─ Elemwise{mul} [id B]\n    ├─ x [id C]\n    └─ y [id D]',
  },
  { text: 'sub(0, x)', rewrite: subFromZeroToNeg, build: (x) => pt.sub(0, x), after: 'Elemwise{neg} [id A]\n └─ x [id B]' },
];

describe.each(cases)('$rewrite.name: $text', ({ rewrite, build, after }) => {
  it('rewrites the graph to a replacement of the same Type', () => {
    const x = pt.dvector('x');
    const y = pt.dvector('y');
    const out = build(x, y);
    const fg = new FunctionGraph([x, y], [out], { clone: false });
    expect(rewriteWith(fg, rewrite)).toBe(1);
    expect(printed(fg)).toBe(after);
    expect(fg.outputs[0]!.type.equals(out.type)).toBe(true);
  });

  it.each(['float64', 'float32'] as const)('computes the same values on random %s inputs', (dtype) => {
    const x = new pt.TensorType(dtype, [null]).makeVariable('x');
    const y = new pt.TensorType(dtype, [null]).makeVariable('y');
    const fg = new FunctionGraph([x, y], [build(x, y)], { clone: false });
    const inputs = [randomArray(dtype, [40], 5, 0.05, 4), randomArray(dtype, [40], 6, -3, 3)];
    const before = values(fg, inputs);
    expect(rewriteWith(fg, rewrite)).toBe(1);
    expectClose(values(fg, inputs)[0]!, before[0]!, dtype === 'float32' ? 2e-7 : 1e-15);
  });
});

describe('the elementwise specializations do not fire', () => {
  const x = pt.dvector('x');
  const s = pt.dscalar('s');
  const i = pt.ivector('i');
  const u = new pt.TensorType('uint8', [null]).makeVariable('u');
  const b = new pt.TensorType('bool', [null]).makeVariable('b');
  const negatives: [string, NodeRewriter, pt.TensorVariable][] = [
    ['pow(x, 3)', powTwoToSqr, pt.pow(x, 3)],
    ['pow(2, x)', powTwoToSqr, pt.pow(2, x)],
    ['pow(s, [2, 2]) (the exponent broadcasts s)', powTwoToSqr, pt.pow(s, pt.constant([2, 2], { dtype: 'int8' }))],
    ['pow(x, 0.25)', powHalfToSqrt, pt.pow(x, 0.25)],
    ['pow(i, -1) for integers (an int32 result; reciprocal gives floats)', powMinusOneToReciprocal, pt.pow(i, -1)],
    ['mul(x, -2)', mulMinusOneToNeg, pt.mul(x, -2)],
    ['mul(u, -1) for uint8 (the product is int16; neg of uint8 would wrap)', mulMinusOneToNeg, pt.mul(u, -1)],
    ['mul(b, -1) for bool (no neg of bool)', mulMinusOneToNeg, pt.mul(b, -1)],
    ['sub(1, x)', subFromZeroToNeg, pt.sub(1, x)],
    ['sub(x, 0)', subFromZeroToNeg, pt.sub(x, 0)],
    ['sub(0, u) for uint8', subFromZeroToNeg, pt.sub(0, u)],
  ];
  it.each(negatives)('%s', (_text, rewrite, out) => {
    const fg = new FunctionGraph([x, s, i, u, b], [out], { clone: false });
    const text = printed(fg);
    expect(rewriteWith(fg, rewrite)).toBe(0);
    expect(printed(fg)).toBe(text);
  });

  it('pow(i, 2) of integers becomes sqr with the same int32 values', () => {
    const fg = new FunctionGraph([i], [pt.pow(i, 2)], { clone: false });
    const before = values(fg, [[3, -7, 46341]]);
    expect(rewriteWith(fg, powTwoToSqr)).toBe(1);
    expect(values(fg, [[3, -7, 46341]])).toEqual(before);
  });
});
