/** evaluate's orderings option: extra "run after" constraints (a DestroyHandler's) decide the order of independent nodes. */
import { Apply, Op, evaluate, type StorageCell, type Variable } from '../src';
import { num, scalar } from './helpers/toy';

/** Returns its input and records its label when it runs. */
class Logged extends Op<{ readonly label: string }> {
  static log: string[] = [];
  makeNode(x: Variable): Apply {
    return new Apply(this, [x], [num.makeVariable()]);
  }
  override perform(_n: Apply, [x]: readonly unknown[], [out]: StorageCell[]): void {
    Logged.log.push(this.props.label);
    out![0] = x;
  }
}

describe('evaluate with orderings', () => {
  const x = scalar('x');
  const a = new Logged({ label: 'a' }).call(x);
  const b = new Logged({ label: 'b' }).call(x);

  test('runs independent nodes in plain topological order without orderings', () => {
    Logged.log = [];
    expect(evaluate([a, b], [[x, 1]])).toEqual([1, 1]);
    expect(Logged.log).toEqual(['a', 'b']);
  });

  test('runs a node after the nodes its orderings name', () => {
    Logged.log = [];
    expect(evaluate([a, b], [[x, 1]], { orderings: new Map([[a.owner!, [b.owner!]]]) })).toEqual([1, 1]);
    expect(Logged.log).toEqual(['b', 'a']);
  });
});
