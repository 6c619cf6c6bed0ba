import { debugprint } from '@proj/graph';
import { disconnectedGrad, grad, gradClip, gradScale, undefinedGrad, zeroGrad } from '@proj/gradient';
import * as pt from '@proj/tensor';
import { gradOpRewrites, removeGradClip, removeGradScale, removeZeroGrad } from '../src';
import { ops, rewriteAndCompare } from './canonicalize/check';

const x = pt.dvector('x');
const strip = (s: string) => s.trim().replace(/ \d+$/gm, '');

describe('gradient-only Op removal', () => {
  const cases = [
    { name: 'ZeroGrad', build: () => zeroGrad(pt.exp(x)) },
    { name: 'DisconnectedGrad', build: () => disconnectedGrad(pt.exp(x)) },
    { name: 'UndefinedGrad', build: () => undefinedGrad(pt.exp(x)) },
    { name: 'GradClip', build: () => gradClip(pt.exp(x), -1, 1) },
    { name: 'GradScale', build: () => gradScale(pt.exp(x), -2) },
  ];

  it.each(cases)('$name(exp(x)) -> exp(x)', ({ name, build }) => {
    const out = build();
    expect(out.owner!.op.constructor.name).toBe(name);
    const { fg, fired } = rewriteAndCompare([x], [pt.mul(out, 2)], gradOpRewrites);
    expect(fired).toBe(1);
    expect(strip(debugprint(fg))).toBe(['Elemwise{mul} [id A]', ' ├─ Elemwise{exp} [id B]', ' │  └─ x [id C]', ' └─ DimShuffle{(x)} [id D]', '    └─ 2 [id E]'].join('\n'));
  });

  it('removes them after a gradient was taken, keeping its value', () => {
    const cost = pt.sum(pt.mul(gradScale(pt.sqr(x), 3), zeroGrad(x)));
    const g = grad(cost, x);
    const { fg } = rewriteAndCompare([x], [cost, g], gradOpRewrites);
    expect(ops(fg).some((n) => /Grad/.test(n))).toBe(false);
  });

  it('each is tagged for FAST_COMPILE and can be chosen by name', () => {
    for (const r of gradOpRewrites) expect(r.tags).toEqual(expect.arrayContaining(['canonicalize', 'fast_run', 'fast_compile']));
    const both = rewriteAndCompare([x], [gradClip(gradScale(x, 2), -1, 1)], removeGradClip);
    expect(ops(both.fg)).toEqual(['GradScale{multiplier=2}']);
    expect(rewriteAndCompare([x], [gradScale(x, 2)], [removeZeroGrad, removeGradClip]).fired).toBe(0);
    expect(rewriteAndCompare([x], [gradScale(x, 2)], removeGradScale).fired).toBe(1);
  });
});
