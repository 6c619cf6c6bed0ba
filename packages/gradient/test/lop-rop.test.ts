import { Apply, DisconnectedType, DtypeError, MethodNotDefinedError, NullType, Op, ShapeError, TypeMismatchError, ArgumentError, Variable, type StorageCell } from '@proj/graph';
import * as pt from '@proj/tensor';
import { DisconnectedInputError, Lop, NullTypeGradError, Rop } from '../src';
import { expectClose, finiteDiff, flatValue, nest, randoms, scalarValue, type Point } from './grad-helpers';

const dot = (a: readonly number[], b: readonly number[]) => a.reduce((s, v, i) => s + v * b[i]!, 0);

/** (f(x + h v) - f(x - h v)) / 2h, flattened: the directional derivative of f. */
function directional(f: Variable, x: Variable, point: Point, v: readonly number[], shape: readonly number[], h = 1e-6): number[] {
  const base = [point.get(x)].flat(Infinity).map(Number);
  const at = (d: number) => flatValue(f, new Map([...point, [x, nest(base.map((b, i) => b + d * v[i]!), shape)]]));
  const up = at(h);
  const down = at(-h);
  return up.map((u, i) => (u - down[i]!) / (2 * h));
}

describe('Lop', () => {
  const x = pt.dvector('x');

  it('is the evaluation point times the Jacobian', () => {
    const y = pt.tanh(x).mul(pt.exp(x));
    const uv = [0.5, -1, 2];
    const xv = [0.1, 0.7, -0.4];
    const l = Lop(y, x, pt.constant(uv, { dtype: 'float64' }));
    const want = finiteDiff(pt.sum(y.mul(pt.constant(uv, { dtype: 'float64' }))), x, new Map([[x, xv]]), [3]);
    expectClose(flatValue(l, new Map([[x, xv]])), want);
    // A plain value is made a constant of f's dtype.
    expectClose(flatValue(Lop(y, x, uv), new Map([[x, xv]])), want);
  });

  it('adds the products over a list of outputs, even when they depend on each other', () => {
    const y1 = pt.exp(x);
    const y2 = pt.sum(y1.mul(x));
    const u1 = pt.dvector('u1');
    const u2 = pt.dscalar('u2');
    const [l] = Lop([y1, y2], [x], [u1, u2]);
    const point = new Map<Variable, unknown>([[x, [0.2, -0.3]], [u1, [1, 2]], [u2, 3]]);
    const cost = pt.sum(y1.mul(pt.constant([1, 2], { dtype: 'float64' }))).add(y2.mul(3));
    expectClose(flatValue(l!, point), finiteDiff(cost, x, point, [2]));
  });

  it('checks the evaluation points: count, dimensions, static shape, dtype', () => {
    const y = pt.exp(x);
    expect(() => Lop([y, y], x, [pt.dvector()])).toThrow(ArgumentError);
    expect(() => Lop([y, y], x, [pt.dvector()])).toThrow(/2 evaluation points/);
    expect(() => Lop(y, x, pt.dmatrix('u'))).toThrow(ShapeError);
    expect(() => Lop(y, x, pt.ivector('u'))).toThrow(TypeMismatchError);
    const fixed = pt.tensor({ dtype: 'float64', shape: [3], name: 'f3' });
    expect(() => Lop(pt.exp(fixed), fixed, pt.tensor({ dtype: 'float64', shape: [2] }))).toThrow(/static shape/);
  });

  it('handles disconnected inputs as grad does, and considerConstant', () => {
    const z = pt.dvector('z');
    const y = pt.exp(x).mul(2);
    expect(() => Lop(y, [x, z], pt.onesLike(y))).toThrow(DisconnectedInputError);
    const [, gz] = Lop(y, [x, z], pt.onesLike(y), { disconnectedInputs: 'ignore' });
    expect(flatValue(gz!, new Map([[z, [1, 1]]]))).toEqual([0, 0]);
    const e = pt.exp(x);
    const l = Lop(e.mul(x), x, [1, 1], { considerConstant: [e] });
    expectClose(flatValue(l, new Map([[x, [0, 1]]])), [1, Math.E]);
  });
});

describe('Rop (forward mode)', () => {
  const rand = (seed: number, n: number) => randoms(seed, n, -2, 2);

  /** Rop(f, x, v) against finite differences and against the dot-product identity <u, J v> = <J^T u, v>. */
  function checkRop(f: pt.TensorVariable, x: pt.TensorVariable, shape: number[], seed: number, options = {}) {
    const n = shape.reduce((a, b) => a * b, 1);
    const xv = rand(seed, n);
    const vv = rand(seed + 1, n);
    const v = new pt.TensorType('float64', x.type.shape).makeVariable('v');
    const point = new Map<Variable, unknown>([[x, nest(xv, shape)], [v, nest(vv, shape)]]);
    const jv = flatValue(Rop(f, x, v, options), point);
    expectClose(jv, directional(f, x, point, vv, shape), 1e-6, 1e-7);
    const m = jv.length;
    const uv = rand(seed + 2, m);
    const u = pt.constant(nest(uv, f.type.shape.map((_, d) => flatValue(f.shape, point)[d]!)), { dtype: 'float64' });
    const jtu = flatValue(Lop(f, x, u), point);
    expect(dot(uv, jv)).toBeCloseTo(dot(jtu, vv), 10);
  }

  it('through DimShuffle', () => {
    const x = pt.dmatrix('x');
    checkRop(x.dimshuffle(1, 'x', 0), x, [2, 3], 1);
  });
  it('through Sum, with and without axis', () => {
    const x = pt.dmatrix('x');
    checkRop(pt.sum(x, { axis: 1 }), x, [3, 4], 2);
    checkRop(pt.sum(x).dimshuffle('x'), x, [3, 4], 3);
  });
  it('through Reshape', () => {
    const x = pt.dmatrix('x');
    checkRop(x.reshape([-1]), x, [2, 3], 4);
    checkRop(x.T.reshape([3, 2]).sum({ axis: 0 }), x, [2, 3], 5);
  });

  it('through Dot (matrix products)', () => {
    const x = pt.dmatrix('x');
    const w = pt.constant([[1, -2], [0.5, 3], [2, 0]], { dtype: 'float64' });
    checkRop(pt.dot(x, w), x, [2, 3], 9);
  });

  it('through elementwise Ops (forward when Elemwise has Rop; from gradients otherwise)', () => {
    const x = pt.dvector('x');
    const f = pt.exp(x).mul(pt.tanh(x)).add(pt.softplus(x.mul(2)));
    checkRop(f, x, [4], 6, { useOpRopImplementation: false });
    checkRop(pt.sum(pt.sigmoid(x).mul(x)).dimshuffle('x'), x, [3], 7, { useOpRopImplementation: false });
    if (pt.Elemwise.prototype.Rop !== Op.prototype.Rop) checkRop(f, x, [4], 8);
    else expect(() => Rop(f, x, pt.dvector('v'))).toThrow(/Rop: Elemwise\{\w+\} does not implement the R-operator/);
  });

  it('takes several wrt (the sum of the directional derivatives) and gives one result per f', () => {
    const a = pt.dmatrix('a');
    const b = pt.dmatrix('b');
    const va = pt.dmatrix('va');
    const vb = pt.dmatrix('vb');
    const [r1, r2] = Rop([pt.sum(a.T.reshape([-1])), b.reshape([-1])], [a, b], [va, vb]);
    const point = new Map<Variable, unknown>([[va, [[1, 2], [3, 4]]], [vb, [[5, 6]]]]);
    expect(flatValue(r1!, point)).toEqual([10]);
    expect(flatValue(r2!, point)).toEqual([5, 6]);
  });

  it('returns the evaluation point for an output that is a wrt element', () => {
    const x = pt.dvector('x');
    const v = pt.dvector('v');
    expect(Rop(x, x, v)).toBe(v);
  });

  it('names an Op without Rop (MethodNotDefinedError)', () => {
    class NoRop extends Op {
      makeNode(x: Variable): Apply {
        return new Apply(this, [x], [x.type.makeVariable()]);
      }
      override perform(_n: Apply, [x]: readonly unknown[], [o]: StorageCell[]): void {
        o![0] = x;
      }
    }
    const x = pt.dvector('x');
    const f = new NoRop().call(x.dimshuffle(0));
    expect(() => Rop(f, x, pt.dvector('v'))).toThrow(MethodNotDefinedError);
    expect(() => Rop(f, x, pt.dvector('v'))).toThrow(/Rop: NoRop does not implement the R-operator \(Rop\), needed for NoRop\(/);
  });

  it('checks the evaluation points against wrt (count, dimensions, static shape, dtype)', () => {
    const x = pt.dvector('x');
    const f = x.dimshuffle('x', 0);
    expect(() => Rop(f, [x, x], [pt.dvector()])).toThrow(ArgumentError);
    expect(() => Rop(f, x, pt.dmatrix('v'))).toThrow(ShapeError);
    expect(() => Rop(f, x, pt.dmatrix('v'))).toThrow(/Rop: argument 'evalPoints\[0\]' expected 1 dimensions/);
    expect(() => Rop(f, x, pt.zvector('v'))).toThrow(DtypeError);
    const f32 = pt.fvector('f32');
    expect(() => Rop(f32.dimshuffle(0), f32, pt.dvector('v'))).toThrow(/float32/);
    // A dtype that casts without loss is cast; a plain value gets wrt's dtype.
    const iv = pt.ivector('iv');
    const r = Rop(f, x, iv);
    expect(r.dtype).toBe('float64');
    expect(flatValue(r, new Map([[iv, [1, 2]]]))).toEqual([1, 2]);
    expect(flatValue(Rop(pt.sum(x), x, [1, 2, 3]))).toEqual([6]);
    const fixed = pt.tensor({ dtype: 'float64', shape: [3] });
    expect(() => Rop(pt.sum(fixed), fixed, pt.tensor({ dtype: 'float64', shape: [2] }))).toThrow(/static shape/);
  });

  it('handles outputs that do not depend on wrt as disconnectedOutputs and returnDisconnected say', () => {
    const x = pt.dvector('x');
    const y = pt.dvector('y');
    const v = pt.dvector('v');
    const f = [pt.sum(x), pt.sum(y)];
    expect(() => Rop(f, x, v)).toThrow(DisconnectedInputError);
    expect(() => Rop(f, x, v)).toThrow(/f\[1\]/);
    const spy = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      const [, r] = Rop(f, x, v, { disconnectedOutputs: 'warn' });
      expect(spy).toHaveBeenCalledTimes(1);
      expect(scalarValue(r!, new Map([[y, [1, 2]]]))).toBe(0);
    } finally {
      spy.mockRestore();
    }
    expect(Rop(f, x, v, { disconnectedOutputs: 'ignore', returnDisconnected: 'none' })).toEqual([expect.any(Variable), null]);
    const d = Rop(f, x, v, { disconnectedOutputs: 'ignore', returnDisconnected: 'disconnected' }) as Variable[];
    expect(d[1]!.type).toBeInstanceOf(DisconnectedType);
    // The shape of x does not vary with x.
    expect(() => Rop(x.shape, x, v)).toThrow(DisconnectedInputError);
  });

  it('raises a NullTypeGradError when an Op gives an undefined R-operator', () => {
    class NullRop extends Op {
      makeNode(x: Variable): Apply {
        return new Apply(this, [x], [x.type.makeVariable()]);
      }
      override Rop(): (Variable | null)[] {
        return [new NullType('no R-operator here').makeVariable()];
      }
    }
    const x = pt.dvector('x');
    const f = pt.sum(new NullRop().call(x) as pt.TensorVariable);
    expect(() => Rop(f, x, pt.dvector('v'))).toThrow(NullTypeGradError);
    expect(() => Rop(f, x, pt.dvector('v'))).toThrow(/no R-operator here/);
  });

  it('refuses unknown option values', () => {
    const x = pt.dvector('x');
    expect(() => Rop(pt.sum(x), x, x, { disconnectedOutputs: 'loud' as 'raise' })).toThrow(/disconnectedOutputs/);
    expect(() => Rop(pt.sum(x), x, x, { returnDisconnected: 'no' as 'none' })).toThrow(/returnDisconnected/);
  });
});
