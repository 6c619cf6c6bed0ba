import { ArgumentError, Variable, equalComputations } from '../src';
import { Exp, Neg, Scale, add, constant, divmod, exp, mul, neg, other, scalar, scale } from './helpers/toy';

describe('equalComputations', () => {
  test('the same Variable', () => {
    const x = scalar('x');
    const z = add(exp(x), x);
    expect(equalComputations([z], [z])).toBe(true);
    expect(equalComputations([x], [x])).toBe(true);
    expect(equalComputations([], [])).toBe(true);
  });

  test('two graphs built the same way on the same inputs', () => {
    const x = scalar('x');
    const y = scalar('y');
    const build = () => neg(add(mul(exp(x), y), constant(2)));
    const a = build();
    const b = build();
    expect(a).not.toBe(b);
    expect(equalComputations([a], [b])).toBe(true);
    expect(equalComputations([a, exp(y)], [b, exp(y)])).toBe(true);
  });

  test('different ops', () => {
    const x = scalar('x');
    expect(equalComputations([exp(x)], [neg(x)])).toBe(false);
    expect(equalComputations([add(exp(x), x)], [add(neg(x), x)])).toBe(false);
    expect(equalComputations([add(x, x)], [mul(x, x)])).toBe(false);
  });

  test('ops with props: equal props are equal ops', () => {
    const x = scalar('x');
    expect(equalComputations([scale(x, 2)], [scale(x, 2)])).toBe(true);
    expect(equalComputations([scale(x, 2)], [scale(x, 3)])).toBe(false);
    expect(new Scale(2).equals(new Scale(2))).toBe(true);
  });

  test('the order of the inputs matters', () => {
    const x = scalar('x');
    const y = scalar('y');
    expect(equalComputations([add(x, y)], [add(y, x)])).toBe(false);
  });

  test('different constants, equal constants', () => {
    const x = scalar('x');
    expect(equalComputations([add(x, constant(1))], [add(x, constant(2))])).toBe(false);
    expect(equalComputations([add(x, constant(1))], [add(x, constant(1))])).toBe(true);
    expect(equalComputations([constant(0)], [constant(-0)])).toBe(false);
    expect(equalComputations([constant(NaN)], [constant(NaN)])).toBe(true);
    // a constant is not the free Variable it happens to equal
    expect(equalComputations([add(x, constant(1))], [add(x, scalar('one'))])).toBe(false);
    expect(equalComputations([scalar('one')], [constant(1)])).toBe(false);
  });

  test('different free inputs are different, unless mapped with inXs / inYs', () => {
    const x = scalar('x');
    const y = scalar('y');
    const a = scalar('a');
    const b = scalar('b');
    const gx = mul(exp(x), y);
    const ga = mul(exp(a), b);
    expect(equalComputations([gx], [ga])).toBe(false);
    expect(equalComputations([gx], [ga], [x, y], [a, b])).toBe(true);
    expect(equalComputations([gx], [ga], [x, y], [b, a])).toBe(false);
    expect(equalComputations([gx], [ga], [x], [a])).toBe(false);
    // The mapped inputs themselves
    expect(equalComputations([x], [a], [x], [a])).toBe(true);
    expect(equalComputations([x], [b], [x], [a])).toBe(false);
  });

  test('a mapped input stands only for its partner', () => {
    const x = scalar('x');
    const a = scalar('a');
    const w = scalar('w');
    // x stands for a, so x compared with x is not a match...
    expect(equalComputations([add(x, x)], [add(a, x)], [x], [a])).toBe(false);
    // ...and a, being x's partner, matches nothing else
    expect(equalComputations([add(w, x)], [add(a, a)], [x], [a])).toBe(false);
    expect(equalComputations([add(x, x)], [add(a, a)], [x], [a])).toBe(true);
  });

  test('intermediate Variables can be mapped too', () => {
    const x = scalar('x');
    const a = scalar('a');
    const ex = exp(x);
    const na = neg(a);
    expect(equalComputations([mul(ex, ex)], [mul(na, na)], [ex], [na])).toBe(true);
    expect(equalComputations([mul(ex, ex)], [mul(na, na)])).toBe(false);
  });

  test('inXs and inYs of different lengths are an ArgumentError', () => {
    const x = scalar('x');
    expect(() => equalComputations([x], [x], [x], [])).toThrow(ArgumentError);
  });

  test('xs and ys of different lengths are not equal', () => {
    const x = scalar('x');
    expect(equalComputations([x], [x, x])).toBe(false);
  });

  test('multi-output nodes: the output index matters', () => {
    const a = scalar('a');
    const b = scalar('b');
    const [q1, r1] = divmod(a, b) as [Variable, Variable];
    const [q2, r2] = divmod(a, b) as [Variable, Variable];
    expect(equalComputations([q1], [q2])).toBe(true);
    expect(equalComputations([r1], [r2])).toBe(true);
    expect(equalComputations([q1], [r2])).toBe(false);
    expect(equalComputations([add(q1, r1)], [add(q2, r2)])).toBe(true);
    expect(equalComputations([add(q1, r1)], [add(r2, q2)])).toBe(false);
  });

  test('Variables of different Types are not equal', () => {
    const s = other.makeVariable('s');
    const x = scalar('s');
    expect(equalComputations([s], [x], [s], [x])).toBe(false);
    expect(equalComputations([other.makeConstant('1')], [constant(1)])).toBe(false);
  });

  test('one node used twice equals two equal nodes (as in PyTensor)', () => {
    const x = scalar('x');
    const e = exp(x);
    const shared = add(e, e);
    const separate = add(exp(x), exp(x));
    expect(equalComputations([separate], [shared])).toBe(true);
    expect(equalComputations([shared], [separate])).toBe(true);
    // Still, each pair must compute the same thing.
    expect(equalComputations([add(exp(x), neg(x))], [shared])).toBe(false);
  });

  test('an owned Variable is not a free one', () => {
    const x = scalar('x');
    expect(equalComputations([exp(x)], [x])).toBe(false);
    expect(equalComputations([x], [exp(x)])).toBe(false);
  });

  test('a 100,000-node chain is compared without stack overflow', () => {
    const x = scalar('x');
    const build = (n: number, last: 'exp' | 'neg') => {
      const e = new Exp();
      const ng = new Neg();
      let v: Variable = x;
      for (let i = 0; i < n - 1; i++) v = (i % 2 ? e : ng).makeNode(v).outputs[0]!;
      return (last === 'exp' ? e : ng).makeNode(v).outputs[0]!;
    };
    const N = 100_000;
    expect(equalComputations([build(N, 'exp')], [build(N, 'exp')])).toBe(true);
    expect(equalComputations([build(N, 'exp')], [build(N, 'neg')])).toBe(false);
    expect(equalComputations([build(N, 'exp')], [build(N - 1, 'exp')])).toBe(false);
  });
});
