/**
 * Gradient coverage of the scalar ops that Elemwise lifts: every ScalarOp
 * exported by @proj/tensor is either VERIFIED (verifyGrad cases, run here,
 * each checked to go through an Elemwise of that scalar op) or
 * NON_DIFFERENTIABLE (with the reason); known gaps are in TODO (shown as
 * test.todo). An exported scalar op in none of the three fails the suite.
 */
import { Variable, ioToposort } from '@proj/graph';
import * as pt from '@proj/tensor';
import { verifyGrad, type VerifyGradOptions } from '../src/verify-grad';

type Fun = (...xs: pt.TensorVariable[]) => pt.TensorVariable;
interface Case {
  readonly fun: Fun;
  readonly pt: readonly unknown[];
  readonly options?: VerifyGradOptions;
  readonly note?: string;
}

const V = [0.3, -0.7, 1.2, 0.05];
const POS = [0.4, 1.3, 2.2, 0.9];
const UNIT = [0.3, -0.6, 0.15, 0.8]; // inside (-1, 1)
const M = [[0.2, -1.1, 0.7], [1.6, 0.4, -0.3]];
const cplx = (a: pt.TensorVariable, b: pt.TensorVariable) => pt.complex(a, b);

/** Scalar op name -> cases. */
const VERIFIED: Record<string, readonly Case[]> = {
  add: [{ fun: (x, y, z) => pt.add(x, y, z), pt: [M, [[0.5, 1, 2]], [[3], [4]]], note: 'three inputs, broadcasting' }],
  sub: [{ fun: (x, y) => pt.sub(x, y), pt: [M, [0.5, 1, 2]] }],
  mul: [
    { fun: (x, y) => pt.mul(x, y), pt: [M, [[2], [-3]]] },
    { fun: (x) => pt.mul(x, x, x), pt: [V], note: 'repeated input' },
    { fun: (a, b) => pt.imag(pt.mul(cplx(a, b), cplx(a, b))), pt: [V, POS], note: 'complex * complex (imag(c^2) = 2ab)' },
    { fun: (a, b) => pt.imag(pt.mul(cplx(a, b), a)), pt: [V, POS], note: 'complex * real: the real input gets the real part' },
  ],
  true_div: [
    { fun: (x, y) => pt.trueDiv(x, y), pt: [V, POS] },
    { fun: (a, b) => pt.real(pt.trueDiv(cplx(a, b), cplx(b, a))), pt: [V, POS], note: 'complex inputs' },
    { fun: (a, b) => pt.imag(pt.trueDiv(a, cplx(b, a))), pt: [V, POS], note: 'real / complex' },
  ],
  neg: [{ fun: (x) => pt.neg(x), pt: [M] }],
  reciprocal: [
    { fun: (x) => pt.reciprocal(x), pt: [POS] },
    { fun: (a, b) => pt.real(pt.reciprocal(cplx(a, b))), pt: [V, POS], note: 'complex input' },
  ],
  sqr: [{ fun: (x) => pt.sqr(x), pt: [V] }, { fun: (a, b) => pt.imag(pt.sqr(cplx(a, b))), pt: [V, POS], note: 'complex input' }],
  abs: [{ fun: (x) => pt.abs(x), pt: [V] }],
  sign: [{ fun: (x) => pt.mul(pt.sign(x), x), pt: [V], note: 'flat: zero gradient' }],
  maximum: [{ fun: (x, y) => pt.maximum(x, y), pt: [V, [0, 0, 1, 1]] }],
  minimum: [{ fun: (x, y) => pt.minimum(x, y), pt: [V, [0, 0, 1, 1]] }],
  switch: [{ fun: (x, y) => pt.switch(pt.gt(x, 0), x, y), pt: [V, POS] }],
  clip: [{ fun: (x, lo, hi) => pt.clip(x, lo, hi), pt: [[-2, 0.3, 0.9, 3], [-1, -1, -1, -1], [1, 1, 1, 1]] }],
  int_div: [{ fun: (x, y) => pt.add(pt.intDiv(x, y), x), pt: [[2.5, 3.7], [1.1, 2.3]], note: 'flat: zero gradient' }],
  mod: [{ fun: (x, y) => pt.mod(x, y), pt: [[2.5, -3.7, 5.3], [1.1, 2.3, -1.7]] }],
  pow: [{ fun: (x, y) => pt.pow(x, y), pt: [POS, [1.5, -0.5, 2, 3.3]] }, { fun: (x) => pt.pow(x, 3), pt: [V], note: 'integer exponent, negative base' }],
  ceil: [{ fun: (x) => pt.add(pt.ceil(x), x), pt: [V], note: 'flat: zero gradient' }],
  floor: [{ fun: (x) => pt.add(pt.floor(x), x), pt: [V] }],
  trunc: [{ fun: (x) => pt.add(pt.trunc(x), x), pt: [V] }],
  round_half_to_even: [{ fun: (x) => pt.add(pt.roundHalfToEven(x), x), pt: [V] }],
  round_half_away_from_zero: [{ fun: (x) => pt.add(pt.roundHalfAwayFromZero(x), x), pt: [V] }],
  sqrt: [{ fun: (x) => pt.sqrt(x), pt: [POS] }],
  exp: [{ fun: (x) => pt.exp(x), pt: [M] }, { fun: (x) => pt.exp(x), pt: [new Float32Array(V)], note: 'float32' }],
  exp2: [{ fun: (x) => pt.exp2(x), pt: [V] }],
  log: [{ fun: (x) => pt.log(x), pt: [POS] }],
  log2: [{ fun: (x) => pt.log2(x), pt: [POS] }],
  log10: [{ fun: (x) => pt.log10(x), pt: [POS] }],
  log1p: [{ fun: (x) => pt.log1p(x), pt: [V] }],
  expm1: [{ fun: (x) => pt.expm1(x), pt: [V] }],
  cos: [{ fun: (x) => pt.cos(x), pt: [V] }],
  sin: [{ fun: (x) => pt.sin(x), pt: [V] }],
  tan: [{ fun: (x) => pt.tan(x), pt: [V] }],
  arccos: [{ fun: (x) => pt.arccos(x), pt: [UNIT] }],
  arcsin: [{ fun: (x) => pt.arcsin(x), pt: [UNIT] }],
  arctan: [{ fun: (x) => pt.arctan(x), pt: [V] }],
  cosh: [{ fun: (x) => pt.cosh(x), pt: [V] }],
  sinh: [{ fun: (x) => pt.sinh(x), pt: [V] }],
  tanh: [{ fun: (x) => pt.tanh(x), pt: [[[2, 3, 4], [-1, 3.3, 9.9]]], options: { rng: 23098 }, note: "the reference's example" }],
  arccosh: [{ fun: (x) => pt.arccosh(x), pt: [[1.5, 2, 3.7]] }],
  arcsinh: [{ fun: (x) => pt.arcsinh(x), pt: [V] }],
  arctanh: [{ fun: (x) => pt.arctanh(x), pt: [UNIT] }],
  deg2rad: [{ fun: (x) => pt.deg2rad(x), pt: [V] }],
  rad2deg: [{ fun: (x) => pt.rad2deg(x), pt: [V] }],
  arctan2: [{ fun: (y, x) => pt.arctan2(y, x), pt: [V, [0.5, -1.5, -0.2, 2]] }],
  erf: [{ fun: (x) => pt.erf(x), pt: [V] }],
  erfc: [{ fun: (x) => pt.erfc(x), pt: [V] }],
  erfinv: [{ fun: (x) => pt.erfinv(x), pt: [UNIT] }],
  erfcinv: [{ fun: (x) => pt.erfcinv(x), pt: [[0.3, 0.9, 1.4, 1.7]] }],
  gamma: [{ fun: (x) => pt.gamma(x), pt: [POS] }],
  gammaln: [{ fun: (x) => pt.gammaln(x), pt: [POS] }],
  psi: [{ fun: (x) => pt.psi(x), pt: [POS] }],
  tri_gamma: [{ fun: (x) => pt.triGamma(x), pt: [POS] }],
  polygamma: [{ fun: (x) => pt.polygamma(1, x), pt: [POS], note: 'w.r.t. x (the order n is an integer)' }],
  sigmoid: [{ fun: (x) => pt.sigmoid(x), pt: [[-3, -0.5, 0, 0.7, 4]] }],
  softplus: [{ fun: (x) => pt.softplus(x), pt: [[-3, -0.5, 0, 0.7, 4]] }],
  log1mexp: [{ fun: (x) => pt.log1mexp(x), pt: [[-3, -0.8, -0.5, -0.05]], note: 'both branches of the split at -ln 2' }],
  chi2sf: [{ fun: (x) => pt.chi2sf(x, 3), pt: [POS], note: 'w.r.t. x' }],
  identity: [{ fun: (x) => pt.tensorCopy(x), pt: [M] }],
  second: [{ fun: (x, y) => pt.fill(x, y), pt: [M, [[0.5]]], note: 'the value is broadcast; the model gets no gradient' }],
  complex: [
    { fun: (a, b) => pt.real(cplx(a, b)), pt: [V, POS], note: 'through real' },
    { fun: (a, b) => pt.abs(cplx(a, b)), pt: [V, POS], note: 'through abs (the modulus)' },
  ],
  real: [{ fun: (a, b) => pt.real(cplx(a, b)), pt: [V, POS] }, { fun: (x) => pt.real(x), pt: [V], note: 'real input' }],
  imag: [{ fun: (a, b) => pt.imag(cplx(a, b)), pt: [V, POS] }],
  angle: [{ fun: (a, b) => pt.angle(cplx(a, b)), pt: [V, POS] }],
  conj: [
    { fun: (a, b) => pt.imag(pt.conj(cplx(a, b))), pt: [V, POS], note: 'imag(conj(c)) = -b' },
    { fun: (x) => pt.conj(x), pt: [V], note: 'real input' },
  ],
};

/**
 * Gradients found wrong (reported to @proj/tensor). Each runs as it.failing:
 * the suite passes while the bug is there, and fails once it is fixed, to move
 * the case into VERIFIED. Complex gradients follow PyTensor: for a real cost C
 * and z = x + iy, the gradient is dC/dx + i dC/dy, so a holomorphic f gets
 * conj(f'(z)) * gz, and a real input keeps the real part of a complex gradient
 * (the complex cases of mul, sqr, true_div and reciprocal, now in VERIFIED).
 */
const KNOWN_BUGS: Record<string, readonly Case[]> = {};

/** Scalar op name -> why verifyGrad does not apply. */
const NON_DIFFERENTIABLE: Record<string, string> = {
  lt: 'comparison: bool output', gt: 'comparison: bool output', le: 'comparison: bool output', ge: 'comparison: bool output',
  eq: 'comparison: bool output', neq: 'comparison: bool output',
  isnan: 'predicate: bool output', isinf: 'predicate: bool output',
  and_: 'bitwise: integer/bool inputs only', or_: 'bitwise: integer/bool inputs only', xor: 'bitwise: integer/bool inputs only', invert: 'bitwise: integer/bool inputs only',
  and: 'logical reduction op (All): bool', or: 'logical reduction op (Any): bool',
  mul_without_zeros: "ProdWithoutZeros' scalar op: only used inside Prod's gradient, which has no gradient itself (as in PyTensor)",
};

/** Known gaps: differentiable scalar ops without a verifyGrad case yet (shown as test.todo). */
const TODO: readonly string[] = [];

function scalarOpsIn(out: Variable, inputs: readonly Variable[]): Set<string> {
  return new Set(ioToposort(inputs, [out]).filter((n) => n.op instanceof pt.Elemwise).map((n) => (n.op as pt.Elemwise).scalarOp.name));
}

function run(name: string, c: Case): void {
  let seen = new Set<string>();
  verifyGrad((...xs) => {
    const out = c.fun(...xs);
    seen = scalarOpsIn(out, xs);
    return out;
  }, c.pt, c.options);
  expect(seen).toContain(name);
}

const exported = [...new Map(Object.values(pt).filter((v): v is pt.ScalarOp => v instanceof pt.ScalarOp).map((op) => [op.name, op])).values()];

describe('verifyGrad of the elementwise (scalar) ops', () => {
  for (const [name, cases] of Object.entries(VERIFIED)) {
    describe(name, () => {
      cases.forEach((c, i) => {
        it(c.note ?? `case ${i}`, () => run(name, c));
      });
    });
  }
});

describe('known wrong gradients (it.failing: fix the Op, then move the case to VERIFIED)', () => {
  for (const [name, cases] of Object.entries(KNOWN_BUGS)) {
    describe(name, () => {
      cases.forEach((c, i) => {
        it.failing(c.note ?? `case ${i}`, () => run(name, c));
      });
    });
  }
});

describe('scalar op gradient coverage', () => {
  it('the tables name exported scalar ops only, once', () => {
    const names = new Set(exported.map((op) => op.name));
    const listed = [...Object.keys(VERIFIED), ...Object.keys(NON_DIFFERENTIABLE), ...TODO];
    expect(listed.filter((n) => !names.has(n))).toEqual([]);
    expect(listed.filter((n, i) => listed.indexOf(n) !== i)).toEqual([]);
  });

  it('every exported scalar op is in VERIFIED, NON_DIFFERENTIABLE or TODO', () => {
    const unlisted = exported.map((op) => op.name).filter((n) => !(n in VERIFIED) && !(n in NON_DIFFERENTIABLE) && !TODO.includes(n));
    expect(unlisted).toEqual([]);
  });

  for (const name of TODO) test.todo(`verifyGrad for scalar op ${name}`);
});
