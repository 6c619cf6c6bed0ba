import { evaluate } from '@proj/graph';
import * as pt from '@proj/tensor';
import { Rop, grad, verifyGrad } from '../src';

type TV = pt.TensorVariable;
const f64 = (x: unknown) => pt.toNDArray(x, 'float64');

/** `expr` computed by one Elemwise over the Composite of its graph. */
const fused = (expr: (...xs: TV[]) => TV) => (...xs: TV[]): TV => new pt.Elemwise(pt.compositeFromGraph(xs, expr(...xs))).call(...xs) as TV;

const bench = (x: TV, y: TV, z: TV) => pt.sub(pt.add(pt.mul(pt.exp(x), y), pt.tanh(z)), pt.pow(x, 2));

describe('Composite gradient (reverse mode over the program)', () => {
  it('passes verifyGrad on exp(x) * y + tanh(z) - x ** 2', () => {
    const x = f64([[0.1, -0.4, 0.7], [1.2, -1.1, 0.3]]);
    const y = f64([[1.5, 0.2, -0.3], [0.9, 2.0, -1.2]]);
    const z = f64([[-0.6, 0.25, 1.4], [0.05, -2.0, 0.8]]);
    verifyGrad(fused(bench), [x, y, z]);
  });

  it('passes verifyGrad with shared subexpressions, constants and a broadcast row', () => {
    const expr = (x: TV, r: TV) => {
      const e = pt.exp(pt.mul(x, 0.5));
      return pt.add(pt.mul(e, e), pt.trueDiv(pt.sin(r), pt.add(e, 1)), pt.sqr(r));
    };
    verifyGrad(fused(expr), [f64([[0.3, -0.2], [1.1, 0.4], [-0.7, 0.9]]), f64([[0.6, -1.3]])]);
  });

  it('gives the same gradient values as the unfused graph', () => {
    const [x, y, z] = ['x', 'y', 'z'].map((n) => pt.dmatrix(n)) as [TV, TV, TV];
    const cost = (out: TV) => pt.sum(pt.mul(out, out));
    const gFused = grad(cost(fused(bench)(x, y, z)), [x, y, z]) as TV[];
    const gPlain = grad(cost(bench(x, y, z)), [x, y, z]) as TV[];
    const givens: [TV, pt.NDArray][] = [
      [x, f64([[0.1, 0.2], [-0.3, 0.4]])],
      [y, f64([[1, -2], [0.5, 0.25]])],
      [z, f64([[0.7, -0.1], [2, -3]])],
    ];
    const a = evaluate(gFused, givens) as pt.NDArray[];
    const b = evaluate(gPlain, givens) as pt.NDArray[];
    a.forEach((g, i) => {
      const want = pt.toNested(b[i]!) as number[][];
      (pt.toNested(g) as number[][]).forEach((row, r) => row.forEach((v, c) => expect(v).toBeCloseTo(want[r]![c]!, 12)));
    });
  });

  it('gives zero gradients through non-differentiable parts and to an input only used in a condition', () => {
    const [c, x] = [pt.dvector('c'), pt.dvector('x')];
    const out = fused((c2: TV, x2: TV) => pt.switch(pt.gt(c2, 0), pt.mul(x2, 3), pt.neg(x2)))(c, x);
    const [gc, gx] = grad(pt.sum(out), [c, x]) as TV[];
    const [vc, vx] = evaluate([gc!, gx!], [[c, f64([1, -1, 2])], [x, f64([5, 6, 7])]]) as pt.NDArray[];
    expect(pt.toNested(vc!)).toEqual([0, 0, 0]);
    expect(pt.toNested(vx!)).toEqual([3, -1, 3]);
  });

  it('gives the R-operator of the unfused graph (forward mode through the Composite)', () => {
    const [x, y, z] = ['x', 'y', 'z'].map((n) => pt.dvector(n)) as [TV, TV, TV];
    const [vx, vy, vz] = ['vx', 'vy', 'vz'].map((n) => pt.dvector(n)) as [TV, TV, TV];
    const rFused = Rop(fused(bench)(x, y, z), [x, y, z], [vx, vy, vz]) as TV;
    const rPlain = Rop(bench(x, y, z), [x, y, z], [vx, vy, vz]) as TV;
    const givens: [TV, pt.NDArray][] = [
      [x, f64([0.1, -0.5, 1.3])], [y, f64([2, -1, 0.5])], [z, f64([0.3, 0.9, -2])],
      [vx, f64([1, 0.5, -1])], [vy, f64([0.25, 2, 1])], [vz, f64([-1, 1, 3])],
    ];
    const [a, b] = evaluate([rFused, rPlain], givens) as pt.NDArray[];
    const want = pt.toNested(b!) as number[];
    (pt.toNested(a!) as number[]).forEach((v, i) => expect(v).toBeCloseTo(want[i]!, 12));
  });
});
