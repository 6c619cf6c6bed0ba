import { FunctionGraph, debugprint, type Apply, type FunctionGraph as FG } from '@proj/graph';
import * as pt from '@proj/tensor';
import { WalkingGraphRewriter, constantFolding } from '../src';
import { opNames, run } from './helpers';

/** exp that refuses to be folded, as an Op whose output is too large to keep as a constant would. */
class NoFoldExp extends pt.Elemwise {
  override doConstantFolding(_fg: FG | undefined, _node: Apply): boolean {
    return false;
  }
}

describe('constantFolding', () => {
  const x = pt.dvector('x');

  it('computes nodes whose inputs are all constants', () => {
    const fg = new FunctionGraph([x], [pt.add(x, pt.mul(pt.constant(2, { dtype: 'float64' }), pt.constant(3, { dtype: 'float64' })))]);
    expect(new WalkingGraphRewriter(constantFolding).rewrite(fg).fired).toBe(2);
    expect(opNames(fg)).toEqual(['Elemwise{add}']);
    expect(debugprint(fg).replace(/ \d+$/gm, '')).toBe('Elemwise{add} [id A]\n ├─ x [id B]\n └─ [6] [id C]');
    expect(run(fg, [1, 2])).toEqual([[7, 8]]);
  });

  it('respects op.doConstantFolding', () => {
    const fg = new FunctionGraph([x], [pt.add(x, new NoFoldExp(pt.scalarExp).call(pt.constant([0], { dtype: 'float64' })) as pt.TensorVariable)]);
    expect(new WalkingGraphRewriter(constantFolding).rewrite(fg).fired).toBe(0);
    expect(fg.toposort()[0]!.op).toBeInstanceOf(NoFoldExp);
  });

  it('leaves nodes with a non-constant input alone', () => {
    const fg = new FunctionGraph([x], [pt.exp(x)]);
    expect(new WalkingGraphRewriter(constantFolding).rewrite(fg).fired).toBe(0);
  });
});
