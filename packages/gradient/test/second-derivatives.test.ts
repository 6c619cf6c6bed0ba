/**
 * Second derivatives of the elementwise (scalar) ops: for every ScalarOp
 * exported by @proj/tensor that is differentiable, verifyGrad checks the
 * gradient of x -> sum(grad(sum(f(x)), x)) (grad of grad) against finite
 * differences at seeded random points inside the op's domain. Ops without a
 * gradient are listed with the reason; an exported scalar op in neither table
 * fails the suite. Then hessian(cost, x) for costs through tanh, sigmoid, exp
 * and softplus is compared with a Hessian built here by central differences
 * of the evaluated gradient.
 */
import { evaluate, ioToposort, type Variable } from '@proj/graph';
import * as pt from '@proj/tensor';
import { grad } from '../src/grad';
import { hessian } from '../src/jacobian';
import { flatValues } from '../src/numeric-grad';
import { Rng } from '../src/rng';
import { verifyGrad } from '../src/verify-grad';

type Fun = (...xs: pt.TensorVariable[]) => pt.TensorVariable;
type Domain = readonly [number, number];
interface Case {
  readonly fun: Fun;
  /** One range per input of fun (default one input in [-1, 1)). */
  readonly domains?: readonly Domain[];
  readonly note?: string;
}

const R: Domain = [-1, 1];
const POS: Domain = [0.5, 2.5];
const UNIT: Domain = [-0.8, 0.8];
const cplx = (a: pt.TensorVariable, b: pt.TensorVariable) => pt.complex(a, b);

/**
 * Scalar op name -> the graph f through it. Linear ops are squared and
 * piecewise-constant ones multiplied by x, so that their gradient graphs are
 * differentiated again (a bare linear op has a constant gradient).
 */
const SECOND: Record<string, Case> = {
  add: { fun: (x, y) => pt.sqr(pt.add(x, y)), domains: [R, R] },
  sub: { fun: (x, y) => pt.sqr(pt.sub(x, y)), domains: [R, R] },
  mul: { fun: (x, y) => pt.mul(x, y, x), domains: [R, R] },
  true_div: { fun: (x, y) => pt.trueDiv(x, y), domains: [R, POS] },
  neg: { fun: (x) => pt.mul(pt.neg(x), x) },
  reciprocal: { fun: (x) => pt.reciprocal(x), domains: [POS] },
  sqr: { fun: (x) => pt.sqr(x) },
  abs: { fun: (x) => pt.mul(pt.abs(x), x), note: 'x |x|: second derivative 2 sign(x)' },
  sign: { fun: (x) => pt.mul(pt.sign(x), pt.sqr(x)) },
  maximum: { fun: (x, y) => pt.maximum(pt.sqr(x), y), domains: [R, R] },
  minimum: { fun: (x, y) => pt.minimum(pt.sqr(x), y), domains: [R, R] },
  switch: { fun: (x, y) => pt.switch(pt.gt(x, 0), pt.sqr(x), pt.mul(x, y)), domains: [R, R] },
  clip: { fun: (x) => pt.clip(pt.sqr(x), 0.1, 0.6), domains: [[-1, 1]] },
  int_div: { fun: (x, y) => pt.mul(pt.intDiv(x, y), x), domains: [[1.1, 3.9], [0.7, 1.3]], note: 'flat op times x' },
  mod: { fun: (x, y) => pt.sqr(pt.mod(x, y)), domains: [[1.1, 3.9], [0.7, 1.3]] },
  pow: { fun: (x, y) => pt.pow(x, y), domains: [POS, [-2, 2]] },
  ceil: { fun: (x) => pt.mul(pt.ceil(x), x), domains: [[-2, 2]] },
  floor: { fun: (x) => pt.mul(pt.floor(x), x), domains: [[-2, 2]] },
  trunc: { fun: (x) => pt.mul(pt.trunc(x), x), domains: [[-2, 2]] },
  round_half_to_even: { fun: (x) => pt.mul(pt.roundHalfToEven(x), x), domains: [[-2, 2]] },
  round_half_away_from_zero: { fun: (x) => pt.mul(pt.roundHalfAwayFromZero(x), x), domains: [[-2, 2]] },
  sqrt: { fun: (x) => pt.sqrt(x), domains: [POS] },
  exp: { fun: (x) => pt.exp(x) },
  exp2: { fun: (x) => pt.exp2(x) },
  log: { fun: (x) => pt.log(x), domains: [POS] },
  log2: { fun: (x) => pt.log2(x), domains: [POS] },
  log10: { fun: (x) => pt.log10(x), domains: [POS] },
  log1p: { fun: (x) => pt.log1p(x), domains: [[-0.5, 1.5]] },
  expm1: { fun: (x) => pt.expm1(x) },
  cos: { fun: (x) => pt.cos(x) },
  sin: { fun: (x) => pt.sin(x) },
  tan: { fun: (x) => pt.tan(x) },
  arccos: { fun: (x) => pt.arccos(x), domains: [UNIT] },
  arcsin: { fun: (x) => pt.arcsin(x), domains: [UNIT] },
  arctan: { fun: (x) => pt.arctan(x), domains: [[-2, 2]] },
  cosh: { fun: (x) => pt.cosh(x) },
  sinh: { fun: (x) => pt.sinh(x) },
  tanh: { fun: (x) => pt.tanh(x), domains: [[-2, 2]] },
  arccosh: { fun: (x) => pt.arccosh(x), domains: [[1.2, 3]] },
  arcsinh: { fun: (x) => pt.arcsinh(x), domains: [[-2, 2]] },
  arctanh: { fun: (x) => pt.arctanh(x), domains: [UNIT] },
  deg2rad: { fun: (x) => pt.sqr(pt.deg2rad(x)) },
  rad2deg: { fun: (x) => pt.sqr(pt.rad2deg(x)) },
  arctan2: { fun: (y, x) => pt.arctan2(y, x), domains: [R, POS] },
  erf: { fun: (x) => pt.erf(x) },
  erfc: { fun: (x) => pt.erfc(x) },
  erfinv: { fun: (x) => pt.erfinv(x), domains: [UNIT] },
  erfcinv: { fun: (x) => pt.erfcinv(x), domains: [[0.3, 1.7]] },
  gamma: { fun: (x) => pt.gamma(x), domains: [POS] },
  gammaln: { fun: (x) => pt.gammaln(x), domains: [POS] },
  psi: { fun: (x) => pt.psi(x), domains: [POS] },
  tri_gamma: { fun: (x) => pt.triGamma(x), domains: [POS] },
  polygamma: { fun: (x) => pt.polygamma(1, x), domains: [POS], note: 'w.r.t. x (the order is an integer)' },
  sigmoid: { fun: (x) => pt.sigmoid(x), domains: [[-3, 3]] },
  softplus: { fun: (x) => pt.softplus(x), domains: [[-3, 3]] },
  log1mexp: { fun: (x) => pt.log1mexp(x), domains: [[-3, -0.1]] },
  chi2sf: { fun: (x) => pt.chi2sf(x, 3), domains: [POS], note: 'w.r.t. x' },
  identity: { fun: (x) => pt.sqr(pt.tensorCopy(x)) },
  second: { fun: (x, y) => pt.fill(x, pt.sqr(y)), domains: [R, R], note: 'fill(x, y^2): the model gets no gradient' },
  complex: { fun: (a, b) => pt.abs(cplx(a, b)), domains: [R, POS], note: 'the modulus |a + ib|' },
  real: { fun: (a, b) => pt.real(pt.sqr(cplx(a, b))), domains: [R, POS], note: 'real((a + ib)^2) = a^2 - b^2' },
  imag: { fun: (a, b) => pt.imag(pt.mul(cplx(a, b), cplx(b, a))), domains: [R, POS], note: 'imag((a + ib)(b + ia)) = a^2 + b^2' },
  angle: { fun: (a, b) => pt.angle(cplx(a, b)), domains: [R, POS] },
  conj: { fun: (a, b) => pt.real(pt.mul(pt.conj(cplx(a, b)), cplx(b, a))), domains: [R, POS], note: 'real(conj(a + ib)(b + ia)) = 2ab' },
};

/** Scalar op name -> why there is no second derivative to verify. */
const NON_DIFFERENTIABLE: Record<string, string> = {
  lt: 'comparison: bool output', gt: 'comparison: bool output', le: 'comparison: bool output', ge: 'comparison: bool output',
  eq: 'comparison: bool output', neq: 'comparison: bool output',
  isnan: 'predicate: bool output', isinf: 'predicate: bool output',
  and_: 'bitwise: integer/bool inputs only', or_: 'bitwise: integer/bool inputs only', xor: 'bitwise: integer/bool inputs only', invert: 'bitwise: integer/bool inputs only',
  and: 'logical reduction op (All): bool', or: 'logical reduction op (Any): bool',
  mul_without_zeros: "ProdWithoutZeros' scalar op: its gradient is not implemented (as in PyTensor)",
};

const exported = [...new Set(Object.values(pt).filter((v): v is pt.ScalarOp => v instanceof pt.ScalarOp).map((op) => op.name))];

const N = 4;
const SEEDS = [11, 12, 13];

function scalarOpsIn(out: Variable, inputs: readonly Variable[]): Set<string> {
  return new Set(ioToposort(inputs, [out]).filter((n) => n.op instanceof pt.Elemwise).map((n) => (n.op as pt.Elemwise).scalarOp.name));
}

/** x -> sum over the inputs of sum(grad(sum(f(x)), x_i)): its gradient is the Hessian times ones. */
function gradOfGrad(name: string, c: Case, seen: { ops: Set<string> }): Fun {
  return (...xs) => {
    const out = c.fun(...xs);
    seen.ops = scalarOpsIn(out, xs);
    const gs = grad(pt.sum(out), xs, { disconnectedInputs: 'ignore' }) as pt.TensorVariable[];
    return pt.add(...gs.map((g) => pt.sum(g)));
  };
}

describe('second derivatives of the scalar ops (verifyGrad of grad)', () => {
  for (const [name, c] of Object.entries(SECOND)) {
    it.each(SEEDS)(`${name}${c.note ? ` (${c.note})` : ''}, seed %i`, (seed) => {
      const rng = new Rng(seed);
      const domains = c.domains ?? [R];
      const point = domains.map(([lo, hi]) => rng.uniformArray(N, lo, hi));
      const seen = { ops: new Set<string>() };
      verifyGrad(gradOfGrad(name, c, seen), point, { rng: seed });
      expect(seen.ops).toContain(name);
    });
  }
});

describe('second-derivative coverage', () => {
  it('the tables name exported scalar ops only, once', () => {
    const listed = [...Object.keys(SECOND), ...Object.keys(NON_DIFFERENTIABLE)];
    expect(listed.filter((n) => !exported.includes(n))).toEqual([]);
    expect(listed.filter((n, i) => listed.indexOf(n) !== i)).toEqual([]);
  });

  it('every exported scalar op is in SECOND or NON_DIFFERENTIABLE', () => {
    expect(exported.filter((n) => !(n in SECOND) && !(n in NON_DIFFERENTIABLE))).toEqual([]);
  });
});

describe('hessian equals finite differences of the gradient', () => {
  const A = [[0.7, -0.4, 0.2, 1.1], [-0.3, 0.9, 0.5, -0.8], [0.6, 0.1, -1.2, 0.4]];
  const costs: [string, (x: pt.TensorVariable) => pt.TensorVariable][] = [
    ['tanh', (x) => pt.sum(pt.tanh(pt.dot(pt.constant(A), x)))],
    ['sigmoid', (x) => pt.sum(pt.sigmoid(pt.dot(pt.constant(A), x))).mul(pt.sum(pt.sigmoid(x)))],
    ['exp', (x) => pt.sum(pt.exp(pt.dot(pt.constant(A), x).mul(0.5)))],
    ['softplus', (x) => pt.sum(pt.softplus(pt.dot(pt.constant(A), x))).add(pt.sum(pt.softplus(x.mul(x))))],
  ];

  it.each(costs)('through %s', (_name, f) => {
    const x = pt.dvector('x');
    const cost = f(x);
    const H = hessian(cost, x);
    const g = grad(cost, x);
    const n = A[0]!.length;
    const at = (xs: Float64Array) => pt.fromRaw('float64', xs, [n]);
    const gradAt = (xs: Float64Array) => flatValues(evaluate([g], [[x, at(xs)]])[0] as pt.NDArray);
    for (const seed of SEEDS) {
      const x0 = new Rng(seed).uniformArray(n, -1, 1);
      const got = flatValues(evaluate([H], [[x, at(x0)]])[0] as pt.NDArray);
      const h = 1e-5;
      for (let j = 0; j < n; j++) {
        const up = Float64Array.from(x0);
        const down = Float64Array.from(x0);
        up[j]! += h;
        down[j]! -= h;
        const [gu, gd] = [gradAt(up), gradAt(down)];
        for (let i = 0; i < n; i++) {
          const want = (gu[i]! - gd[i]!) / (2 * h);
          expect(Math.abs(got[i * n + j]! - want)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(want)));
        }
      }
    }
  });
});
