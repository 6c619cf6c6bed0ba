import { FunctionGraph, debugprint } from '@proj/graph';
import * as pt from '@proj/tensor';
import { EquilibriumGraphRewriter, constantFolding, exampleRewrites, mergeOptimizer } from '../src';

it('the README example rewrites x * 1 + 0 to x', () => {
  const x = pt.dvector('x');
  const y = x.mul(1).add(0);
  const fg = new FunctionGraph([x], [y]);
  mergeOptimizer().rewrite(fg);
  new EquilibriumGraphRewriter([...exampleRewrites, constantFolding]).rewrite(fg);
  expect(fg.outputs[0]).toBe(fg.inputs[0]);
  expect(debugprint(fg)).toBe('x [id A]');
});
