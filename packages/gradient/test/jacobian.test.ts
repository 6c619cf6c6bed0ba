import { ArgumentError, NullType, TypeMismatchError, Variable, evaluate } from '@proj/graph';
import * as pt from '@proj/tensor';
import { DisconnectedInputError, JacobianRows, NullTypeGradError, grad, hessian, jacobian, type InnerCompile } from '../src';
import { expectClose, finiteDiff, finiteDiffJacobian, flatValue, nest, randoms, scalarValue, value } from './grad-helpers';

describe('jacobian', () => {
  it('of a vector whose length is known at run time only, with one graph for all rows', () => {
    const x = pt.dvector('x');
    const y = pt.exp(x.mul(2)).add(pt.sum(pt.tanh(x)));
    const J = jacobian(y, x);
    expect(J.ndim).toBe(2);
    expect(J.owner!.op).toBeInstanceOf(JacobianRows);
    for (const n of [1, 3, 5]) {
      const point = new Map([[x, randoms(n, n)]]);
      const got = value(J, point) as number[][];
      expect(got).toHaveLength(n);
      expectClose(got.flat(), finiteDiffJacobian(y, x, point, [n]).flat());
    }
  });

  it('of an empty vector is an empty (0, n) matrix', () => {
    const x = pt.dvector('x');
    const z = pt.dvector('z');
    const J = jacobian(pt.exp(z).mul(pt.sum(x)), x);
    const [v] = evaluate([J], new Map([[x, [1, 2, 3]], [z, []]]));
    expect((v as pt.NDArray).shape).toEqual([0, 3]);
  });

  it('with respect to a list, a matrix and a scalar (rows shaped like each wrt)', () => {
    const a = pt.dmatrix('a');
    const s = pt.dscalar('s');
    const y = pt.sum(pt.sigmoid(a.mul(s)), { axis: 0 });
    const [Ja, Js] = jacobian(y, [a, s]);
    expect([Ja!.ndim, Js!.ndim]).toEqual([3, 1]);
    const av = [randoms(1, 3), randoms(2, 3)];
    const point = new Map<Variable, unknown>([[a, av], [s, 0.7]]);
    const ja = value(Ja!, point) as number[][][];
    expect([ja.length, ja[0]!.length, ja[0]![0]!.length]).toEqual([3, 2, 3]);
    expectClose(ja.flat(2), finiteDiffJacobian(y, a, point, [2, 3]).flat());
    expectClose(flatValue(Js!, point), finiteDiffJacobian(y, s, point, []).flat());
  });

  it('of a scalar is its gradient', () => {
    const x = pt.dvector('x');
    const cost = pt.sum(pt.exp(x));
    const g = jacobian(cost, x);
    expect(g.owner!.op).not.toBeInstanceOf(JacobianRows);
    expect(flatValue(g, new Map([[x, [0, 1]]]))).toEqual([1, Math.E]);
    expect(jacobian(cost, [x])).toHaveLength(1);
  });

  it('handles disconnected inputs, considerConstant and integer expressions', () => {
    const x = pt.dvector('x');
    const z = pt.dvector('z');
    const y = pt.exp(x);
    expect(() => jacobian(y, [x, z])).toThrow(DisconnectedInputError);
    const [, Jz] = jacobian(y, [x, z], { disconnectedInputs: 'ignore' });
    expect(value(Jz!, new Map([[x, [1, 2]], [z, [5]]]))).toEqual([[0], [0]]);
    const e = pt.exp(x);
    const Jc = jacobian(e.mul(x), x, { considerConstant: [e] });
    expect(value(Jc, new Map([[x, [0, 1]]]))).toEqual([[1, 0], [0, Math.E]]);
    const Ji = jacobian(pt.cast(x, 'int32'), x);
    expect(value(Ji, new Map([[x, [1.5, 2.5]]]))).toEqual([[0, 0], [0, 0]]);
  });

  it('computes the forward pass once, outside the row graph', () => {
    const x = pt.dvector('x');
    const heavy = pt.exp(pt.tanh(x));
    const J = jacobian(heavy.mul(x), x);
    const op = J.owner!.op as JacobianRows;
    // The forward results enter as inputs: no tanh inside the row graph.
    const innerOps = op.fgraph.applyNodes;
    expect([...innerOps].some((n) => String(n.op).includes('tanh'))).toBe(false);
    expect(J.owner!.inputs).toContain(heavy);
  });

  it('uses a given compile function once for the row graph', () => {
    let compiled = 0;
    let calls = 0;
    const compile: InnerCompile = (inputs, outputs) => {
      compiled++;
      return (...values: unknown[]) => {
        calls++;
        return evaluate(outputs, inputs.map((v, k) => [v, values[k]] as const));
      };
    };
    const x = pt.dvector('x');
    const J = jacobian(pt.sqr(x), x, { compile });
    expect(value(J, new Map([[x, [1, 2, 3]]]))).toEqual([[2, 0, 0], [0, 4, 0], [0, 0, 6]]);
    expect(value(J, new Map([[x, [1, 2]]]))).toEqual([[2, 0], [0, 4]]);
    expect([compiled, calls]).toEqual([1, 5]);
  });

  it('refuses an expression of 2 or more dimensions, non-tensors and non-tensor wrt', () => {
    const m = pt.dmatrix('m');
    expect(() => jacobian(m, m)).toThrow(ArgumentError);
    expect(() => jacobian(m, m)).toThrow(/vector \(1 dimension\) or a scalar/);
    expect(() => jacobian(3 as unknown as Variable, m)).toThrow(TypeMismatchError);
    expect(() => jacobian(pt.sum(m, { axis: 0 }), [m, 'a' as unknown as Variable])).toThrow(TypeMismatchError);
  });

  it('is not differentiable again (a clear NullType gradient), and checks its node inputs', () => {
    const x = pt.dvector('x');
    const J = jacobian(pt.exp(x), x);
    expect(() => grad(pt.sum(J), x)).toThrow(NullTypeGradError);
    const g = grad(pt.sum(J), x, { nullGradients: 'return' });
    expect((g!.type as NullType).whyNull).toMatch(/grad of grad/);
    const op = J.owner!.op as JacobianRows;
    expect(() => op.callAll(pt.lscalar('n'))).toThrow(/inputs/);
    expect(() => op.callAll(pt.dscalar('n'), ...J.owner!.inputs.slice(1))).toThrow(/integer scalar/);
  });
});

describe('hessian', () => {
  const sig = (v: number) => 1 / (1 + Math.exp(-v));

  /** Central second differences of a scalar cost. */
  function hessianFD(cost: Variable, x: Variable, xv: number[], h = 1e-4): number[][] {
    const f = (v: number[]) => scalarValue(cost, new Map([[x, v]]));
    return xv.map((_, i) =>
      xv.map((_, j) => {
        const at = (di: number, dj: number) => f(xv.map((v, k) => v + (k === i ? di : 0) + (k === j ? dj : 0)));
        return (at(h, h) - at(h, -h) - at(-h, h) + at(-h, -h)) / (4 * h * h);
      }),
    );
  }

  it('through tanh, sigmoid, exp and softplus matches finite differences (with off-diagonal terms)', () => {
    const x = pt.dvector('x');
    const s = pt.sum(x.mul(pt.constant([0.3, -0.7, 0.5], { dtype: 'float64' })));
    const cost = pt.tanh(pt.sum(pt.exp(x.mul(0.5)))).add(pt.sum(pt.sigmoid(x)).mul(pt.softplus(s)));
    const H = hessian(cost, x);
    const xv = [0.2, -0.4, 0.9];
    const got = value(H, new Map([[x, xv]])) as number[][];
    expectClose(got.flat(), hessianFD(cost, x, xv).flat(), 1e-5, 1e-6);
    // Symmetric.
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) expect(got[i]![j]).toBeCloseTo(got[j]![i]!, 12);
  });

  it('of separable costs is diagonal with the second derivatives', () => {
    const x = pt.dvector('x');
    const xv = [-1, 0.5];
    const cases: [pt.TensorVariable, (v: number) => number][] = [
      [pt.sum(pt.exp(x)), Math.exp],
      [pt.sum(pt.tanh(x)), (v) => -2 * Math.tanh(v) * (1 - Math.tanh(v) ** 2)],
      [pt.sum(pt.sigmoid(x)), (v) => sig(v) * (1 - sig(v)) * (1 - 2 * sig(v))],
      [pt.sum(pt.softplus(x)), (v) => sig(v) * (1 - sig(v))],
    ];
    for (const [cost, d2] of cases) {
      const got = value(hessian(cost, x), new Map([[x, xv]])) as number[][];
      expectClose(got.flat(), [d2(xv[0]!), 0, 0, d2(xv[1]!)], 1e-10, 1e-12);
    }
  });

  it('gives one Hessian per vector of a list, and zeros for a linear cost', () => {
    const a = pt.dvector('a');
    const b = pt.dvector('b');
    const cost = pt.sum(a.mul(b)).add(pt.sum(pt.sqr(b)));
    const [Ha, Hb] = hessian(cost, [a, b]);
    const point = new Map<Variable, unknown>([[a, [1, 2]], [b, [3, 4]]]);
    expect(value(Ha!, point)).toEqual([[0, 0], [0, 0]]);
    expect(value(Hb!, point)).toEqual([[2, 0], [0, 2]]);
  });

  it('refuses a non-scalar cost and a wrt that is no vector', () => {
    const x = pt.dvector('x');
    expect(() => hessian(pt.exp(x), x)).toThrow(/scalar/);
    const m = pt.dmatrix('m');
    expect(() => hessian(pt.sum(m), m)).toThrow(/vector/);
    expect(() => hessian(pt.sum(x), [x, m])).toThrow(/wrt\[1\]/);
    expect(() => hessian(pt.sum(x), pt.dvector('y'))).toThrow(DisconnectedInputError);
  });
});

describe('jacobian values against a direct gradient', () => {
  it('row i is grad(expression[i])', () => {
    const x = pt.dvector('x');
    const y = pt.softplus(x).mul(pt.sum(pt.sqr(x)));
    const xv = [0.5, -0.25, 1.5];
    const point = new Map([[x, xv]]);
    const rows = value(jacobian(y, x), point) as number[][];
    rows.forEach((row, i) => {
      const yi = pt.sum(y.mul(pt.constant(nest(xv.map((_, k) => (k === i ? 1 : 0)), [3]), { dtype: 'float64' })));
      expectClose(row, finiteDiff(yi, x, point, [3]));
    });
  });
});
