/**
 * Rop against Lop: for every Op class exported by @proj/tensor that defines
 * its own Rop, a small graph f through it, and on seeded random inputs x and
 * tangents v the forward-mode product Rop(f, x, v) must equal J v built from
 * reverse mode: Lop(f, x, e_k) is row k of the Jacobian J (one evaluation per
 * element k of f), and J v is formed in JS. Elemwise is covered through a
 * representative set of its scalar ops. An exported Op class with an Rop but
 * no case here fails the suite (as in ops-coverage.test.ts).
 */
import { Op, evaluate, ioToposort, type Variable } from '@proj/graph';
import * as pt from '@proj/tensor';
import { Lop, Rop } from '../src/lop-rop';
import { flatValues } from '../src/numeric-grad';
import { Rng } from '../src/rng';

type Fun = (...xs: pt.TensorVariable[]) => pt.TensorVariable;
type Domain = readonly [number, number];
interface Case {
  readonly note: string;
  readonly fun: Fun;
  /** Shapes of the (float64) inputs of fun. */
  readonly shapes: readonly (readonly number[])[];
  /** Where the random inputs are drawn (one range, or one per input; default [-1, 1)). */
  readonly domain?: Domain | readonly Domain[];
  /** For Elemwise cases: the scalar op the graph must go through. */
  readonly scalar?: string;
}

const POS: Domain = [0.5, 2];
const UNIT: Domain = [-0.9, 0.9];

/** Elemwise cases: one per scalar op, named by it. */
const ELEMWISE: readonly Case[] = [
  { scalar: 'add', note: 'add, broadcasting', fun: (x, y) => pt.add(x, y), shapes: [[2, 3], [1, 3]] },
  { scalar: 'sub', note: 'sub', fun: (x, y) => pt.sub(x, y), shapes: [[2, 3], [3]] },
  { scalar: 'mul', note: 'mul of three, broadcasting', fun: (x, y, z) => pt.mul(x, y, z), shapes: [[2, 3], [1, 3], [2, 1]] },
  { scalar: 'mul', note: 'mul, repeated input', fun: (x) => pt.mul(x, x), shapes: [[4]] },
  { scalar: 'true_div', note: 'trueDiv', fun: (x, y) => pt.trueDiv(x, y), shapes: [[4], [4]], domain: [[-1, 1], POS] },
  { scalar: 'neg', note: 'neg', fun: (x) => pt.neg(x), shapes: [[4]] },
  { scalar: 'reciprocal', note: 'reciprocal', fun: (x) => pt.reciprocal(x), shapes: [[4]], domain: POS },
  { scalar: 'sqr', note: 'sqr', fun: (x) => pt.sqr(x), shapes: [[4]] },
  { scalar: 'sqrt', note: 'sqrt', fun: (x) => pt.sqrt(x), shapes: [[4]], domain: POS },
  { scalar: 'abs', note: 'abs', fun: (x) => pt.abs(x), shapes: [[4]] },
  { scalar: 'exp', note: 'exp', fun: (x) => pt.exp(x), shapes: [[2, 3]] },
  { scalar: 'log', note: 'log', fun: (x) => pt.log(x), shapes: [[4]], domain: POS },
  { scalar: 'log1p', note: 'log1p', fun: (x) => pt.log1p(x), shapes: [[4]], domain: [-0.5, 1] },
  { scalar: 'expm1', note: 'expm1', fun: (x) => pt.expm1(x), shapes: [[4]] },
  { scalar: 'sin', note: 'sin', fun: (x) => pt.sin(x), shapes: [[4]] },
  { scalar: 'cos', note: 'cos', fun: (x) => pt.cos(x), shapes: [[4]] },
  { scalar: 'tanh', note: 'tanh', fun: (x) => pt.tanh(x), shapes: [[2, 3]] },
  { scalar: 'arctan', note: 'arctan', fun: (x) => pt.arctan(x), shapes: [[4]] },
  { scalar: 'arcsin', note: 'arcsin', fun: (x) => pt.arcsin(x), shapes: [[4]], domain: UNIT },
  { scalar: 'erf', note: 'erf', fun: (x) => pt.erf(x), shapes: [[4]] },
  { scalar: 'sigmoid', note: 'sigmoid', fun: (x) => pt.sigmoid(x), shapes: [[5]], domain: [-3, 3] },
  { scalar: 'softplus', note: 'softplus', fun: (x) => pt.softplus(x), shapes: [[5]], domain: [-3, 3] },
  { scalar: 'pow', note: 'pow, both inputs vary', fun: (x, y) => pt.pow(x, y), shapes: [[4], [4]], domain: [POS, [-2, 2]] },
  { scalar: 'pow', note: 'pow, constant exponent', fun: (x) => pt.pow(x, 3), shapes: [[4]] },
  { scalar: 'maximum', note: 'maximum', fun: (x, y) => pt.maximum(x, y), shapes: [[5], [5]] },
  { scalar: 'minimum', note: 'minimum', fun: (x, y) => pt.minimum(x, y), shapes: [[5], [5]] },
  { scalar: 'switch', note: 'switch on x > 0', fun: (x, y) => pt.switch(pt.gt(x, 0), x, y), shapes: [[5], [5]] },
  { scalar: 'arctan2', note: 'arctan2', fun: (y, x) => pt.arctan2(y, x), shapes: [[4], [4]], domain: [[-1, 1], POS] },
  { scalar: 'clip', note: 'clip', fun: (x) => pt.clip(x, -0.5, 0.5), shapes: [[6]] },
  { scalar: 'identity', note: 'tensorCopy', fun: (x) => pt.tensorCopy(x), shapes: [[3]] },
  { scalar: 'exp2', note: 'exp2', fun: (x) => pt.exp2(x), shapes: [[4]] },
  { scalar: 'log2', note: 'log2', fun: (x) => pt.log2(x), shapes: [[4]], domain: POS },
  { scalar: 'log10', note: 'log10', fun: (x) => pt.log10(x), shapes: [[4]], domain: POS },
  { scalar: 'tan', note: 'tan', fun: (x) => pt.tan(x), shapes: [[4]] },
  { scalar: 'arccos', note: 'arccos', fun: (x) => pt.arccos(x), shapes: [[4]], domain: UNIT },
  { scalar: 'cosh', note: 'cosh', fun: (x) => pt.cosh(x), shapes: [[4]] },
  { scalar: 'sinh', note: 'sinh', fun: (x) => pt.sinh(x), shapes: [[4]] },
  { scalar: 'arccosh', note: 'arccosh', fun: (x) => pt.arccosh(x), shapes: [[4]], domain: [1.2, 3] },
  { scalar: 'arcsinh', note: 'arcsinh', fun: (x) => pt.arcsinh(x), shapes: [[4]] },
  { scalar: 'arctanh', note: 'arctanh', fun: (x) => pt.arctanh(x), shapes: [[4]], domain: UNIT },
  { scalar: 'deg2rad', note: 'deg2rad', fun: (x) => pt.deg2rad(x), shapes: [[4]] },
  { scalar: 'rad2deg', note: 'rad2deg', fun: (x) => pt.rad2deg(x), shapes: [[4]] },
  { scalar: 'erfc', note: 'erfc', fun: (x) => pt.erfc(x), shapes: [[4]] },
  { scalar: 'erfinv', note: 'erfinv', fun: (x) => pt.erfinv(x), shapes: [[4]], domain: UNIT },
  { scalar: 'erfcinv', note: 'erfcinv', fun: (x) => pt.erfcinv(x), shapes: [[4]], domain: [0.3, 1.7] },
  { scalar: 'gamma', note: 'gamma', fun: (x) => pt.gamma(x), shapes: [[4]], domain: POS },
  { scalar: 'gammaln', note: 'gammaln', fun: (x) => pt.gammaln(x), shapes: [[4]], domain: POS },
  { scalar: 'psi', note: 'psi', fun: (x) => pt.psi(x), shapes: [[4]], domain: POS },
  { scalar: 'tri_gamma', note: 'triGamma', fun: (x) => pt.triGamma(x), shapes: [[4]], domain: POS },
  { scalar: 'polygamma', note: 'polygamma(1, x)', fun: (x) => pt.polygamma(1, x), shapes: [[4]], domain: POS },
  { scalar: 'chi2sf', note: 'chi2sf(x, 3)', fun: (x) => pt.chi2sf(x, 3), shapes: [[4]], domain: POS },
  { scalar: 'sign', note: 'sign(x) * x', fun: (x) => pt.mul(pt.sign(x), x), shapes: [[4]] },
  { scalar: 'floor', note: 'floor(x) * x', fun: (x) => pt.mul(pt.floor(x), x), shapes: [[4]], domain: [-2, 2] },
  { scalar: 'mod', note: 'mod', fun: (x, y) => pt.mod(x, y), shapes: [[4], [4]], domain: [[1.1, 3.9], [0.7, 1.3]] },
  { scalar: 'second', note: 'fill(x, y)', fun: (x, y) => pt.fill(x, y), shapes: [[2, 3], [1, 1]] },
  { scalar: 'tanh', note: 'composite: tanh(x * y) + exp(x) / y', fun: (x, y) => pt.add(pt.tanh(pt.mul(x, y)), pt.trueDiv(pt.exp(x), y)), shapes: [[2, 3], [1, 3]], domain: [[-1, 1], POS] },
];

/**
 * Elemwise through complex intermediates (real inputs and outputs). Bug in
 * Elemwise.Rop (packages/tensor/src/elemwise/elemwise.ts): it takes the
 * partial derivatives from the scalar gradient at gz = ones, which is only
 * right for real ops. With complex values the gradient follows the real-cost
 * convention (conj(f'(z)) gz; real(gz), imag(gz) for complex(re, im); ...), so
 * the partials are conjugated or lose the imaginary direction, and a real
 * output can even get a complex tangent (e.g. through real(), whose gradient
 * is complex(gz, 0)). PyTensor's Elemwise.R_op has the same flaw. Not a small
 * fix: Rop needs a per-op forward rule (or the Lop-of-Lop path, checked below).
 */
const ELEMWISE_COMPLEX: readonly Case[] = [
  { scalar: 'real', note: 'real(complex(a, b)^2)', fun: (a, b) => pt.real(pt.sqr(pt.complex(a, b))), shapes: [[4], [4]] },
  { scalar: 'imag', note: 'imag(complex(a, b) * complex(b, a))', fun: (a, b) => pt.imag(pt.mul(pt.complex(a, b), pt.complex(b, a))), shapes: [[4], [4]] },
  { scalar: 'abs', note: '|complex(a, b)|', fun: (a, b) => pt.abs(pt.complex(a, b)), shapes: [[4], [4]], domain: [[-1, 1], POS] },
  { scalar: 'angle', note: 'angle(complex(a, b))', fun: (a, b) => pt.angle(pt.complex(a, b)), shapes: [[4], [4]], domain: [[-1, 1], POS] },
  { scalar: 'conj', note: 'real(conj(c) * complex(b, a))', fun: (a, b) => pt.real(pt.mul(pt.conj(pt.complex(a, b)), pt.complex(b, a))), shapes: [[4], [4]] },
  { scalar: 'true_div', note: 'real(complex(a, b) / complex(b, 2))', fun: (a, b) => pt.real(pt.trueDiv(pt.complex(a, b), pt.complex(b, 2))), shapes: [[4], [4]] },
  { scalar: 'mul', note: 'imag(complex(a, b) * a)', fun: (a, b) => pt.imag(pt.mul(pt.complex(a, b), a)), shapes: [[4], [4]] },
];

const IDX = (v: readonly number[]) => pt.constant(v, { dtype: 'int64' });

/** Op class name -> cases whose graph goes through an instance of that class. */
const CASES: Record<string, readonly Case[]> = {
  Elemwise: ELEMWISE,
  Max: [
    { note: 'all axes', fun: (x) => pt.max(pt.sqr(x)), shapes: [[2, 3]] },
    { note: 'axis 1', fun: (x) => pt.max(x, { axis: 1 }), shapes: [[2, 3]] },
    { note: 'axes [0, 2], keepdims', fun: (x) => pt.max(x, { axis: [0, 2], keepdims: true }), shapes: [[2, 3, 2]] },
  ],
  Min: [{ note: 'axis 0', fun: (x) => pt.min(pt.exp(x), { axis: 0 }), shapes: [[3, 2]] }],
  Sum: [
    { note: 'all axes', fun: (x) => pt.sum(pt.sqr(x)), shapes: [[2, 3]] },
    { note: 'axis 1', fun: (x) => pt.sum(x, { axis: 1 }), shapes: [[2, 3]] },
    { note: 'axes [0, 2], keepdims', fun: (x) => pt.sum(x, { axis: [0, 2], keepdims: true }), shapes: [[2, 3, 2]] },
    { note: 'mean', fun: (x) => pt.mean(x, { axis: 0 }), shapes: [[2, 3]] },
  ],
  DimShuffle: [
    { note: "(1, 'x', 0)", fun: (x) => x.dimshuffle(1, 'x', 0), shapes: [[2, 3]] },
    { note: 'transpose of a product', fun: (x, y) => pt.mul(x, y).T, shapes: [[2, 3], [2, 3]] },
  ],
  Reshape: [
    { note: 'reshape (3, 2)', fun: (x) => pt.exp(x).reshape([3, 2]), shapes: [[2, 3]] },
    { note: 'flatten', fun: (x) => x.flatten(), shapes: [[2, 3, 2]] },
  ],
  SpecifyShape: [{ note: '(2, null)', fun: (x) => pt.specifyShape(pt.sqr(x), [2, null]), shapes: [[2, 3]] }],
  Shape: [{ note: 'x * shape(x)[0]', fun: (x) => pt.mul(x, pt.cast(pt.shape(x).get(0), 'float64')), shapes: [[3]] }],
  ShapeI: [{ note: 'x * shapeI(x, 1)', fun: (x) => pt.mul(x, pt.cast(pt.shapeI(x, 1), 'float64')), shapes: [[2, 3]] }],
  Alloc: [
    { note: 'a vector broadcast to (3, 2)', fun: (x) => pt.alloc(pt.sqr(x), 3, 2), shapes: [[2]] },
    { note: 'a length-1 dimension stretched', fun: (x) => pt.alloc(x, 4, 3), shapes: [[1, 3]] },
  ],
  Subtensor: [
    { note: 'x[1]', fun: (x) => pt.sqr(x).get(1), shapes: [[2, 3]] },
    { note: "x[::-1, 0:2]", fun: (x) => x.get('::-1', pt.slice(0, 2)), shapes: [[2, 3]] },
  ],
  IncSubtensor: [
    { note: 'set x[1:] = y', fun: (x, y) => x.get('1:').set(pt.sqr(y)), shapes: [[2, 3], [1, 3]] },
    { note: 'x[0] += y', fun: (x, y) => x.get(0).inc(pt.mul(x.get(1), y)), shapes: [[2, 3], [3]] },
  ],
  AdvancedSubtensor1: [{ note: 'x[[0, 2, 0]]', fun: (x) => pt.sqr(x).get([0, 2, 0]), shapes: [[4]] }],
  AdvancedSubtensor: [{ note: 'x[[0, 1], [2, 0]]', fun: (x) => x.get([0, 1], [2, 0]), shapes: [[2, 3]] }],
  AdvancedIncSubtensor1: [
    { note: 'x[[0, 2, 0]] += y', fun: (x, y) => x.get([0, 2, 0]).inc(pt.mul(y, y)), shapes: [[4], [3]] },
    { note: 'x[[1, 0]] = y', fun: (x, y) => x.get([1, 0]).set(y), shapes: [[2, 3], [2, 3]] },
  ],
  AdvancedIncSubtensor: [
    { note: 'x[[0, 1], [2, 0]] += y', fun: (x, y) => x.get([0, 1], [2, 0]).inc(y), shapes: [[2, 3], [2]] },
    { note: 'x[[0, 1], [2, 2]] = y', fun: (x, y) => x.get([0, 1], [2, 2]).set(pt.exp(y)), shapes: [[2, 3], [2]] },
  ],
  Dot: [
    { note: 'matrix . matrix', fun: (a, b) => pt.dot(a, b), shapes: [[2, 3], [3, 2]] },
    { note: 'matrix . vector', fun: (a, b) => pt.dot(a, b), shapes: [[2, 3], [3]] },
    { note: 'vector . vector', fun: (a, b) => pt.dot(a, b), shapes: [[3], [3]] },
  ],
  MatMul: [
    { note: 'matrix @ matrix', fun: (a, b) => pt.matmul(a, b), shapes: [[2, 3], [3, 2]] },
    { note: 'batch @ matrix', fun: (a, b) => pt.matmul(a, b), shapes: [[2, 3, 2], [2, 3]] },
  ],
  BatchedDot: [{ note: '(2, 3, 2) x (2, 2, 3)', fun: (a, b) => pt.batchedDot(a, b), shapes: [[2, 3, 2], [2, 2, 3]] }],
  Join: [
    { note: 'join along 0', fun: (a, b) => pt.join(0, a, pt.exp(b)), shapes: [[2, 3], [1, 3]] },
    { note: 'stack along -1', fun: (a, b) => pt.stack([a, b], { axis: -1 }), shapes: [[2, 3], [2, 3]] },
  ],
  Split: [{ note: 'both pieces used', fun: (x) => { const [p, q] = pt.split(x, [1, 2], { axis: 1 }); return pt.add(pt.sum(p!, { axis: 1 }), pt.sum(pt.sqr(q!), { axis: 1 })); }, shapes: [[2, 3]] }],
  Repeat: [
    { note: 'each row twice', fun: (x) => pt.repeat(x, 2, { axis: 0 }), shapes: [[2, 3]] },
    { note: 'flat, per-element counts', fun: (x) => pt.repeat(pt.sqr(x), [1, 0, 3]), shapes: [[3]] },
  ],
  RepeatSum: [{ note: "Repeat's gradient", fun: (g) => new pt.RepeatSum(0).call(pt.sqr(g), pt.constant(2)) as pt.TensorVariable, shapes: [[4]] }],
  Roll: [
    { note: 'axis 0', fun: (x) => pt.roll(x, 1, { axis: 0 }), shapes: [[2, 3]] },
    { note: 'flattened, negative shift', fun: (x) => pt.roll(pt.sqr(x), -2), shapes: [[2, 3]] },
  ],
  SortOp: [{ note: 'axis 1', fun: (x) => pt.sort(x, { axis: 1 }), shapes: [[2, 3]] }, { note: 'flattened', fun: (x) => pt.sort(x, { axis: null }), shapes: [[2, 3]] }],
  PermuteAlongAxis: [{ note: "sort's gradient", fun: (x) => new pt.PermuteAlongAxis(1).call(x, IDX([2, 0, 1, 1, 2, 0]).reshape([2, 3])) as pt.TensorVariable, shapes: [[2, 3]] }],
  CumOp: [
    { note: 'cumsum axis 0', fun: (x) => pt.cumsum(x, { axis: 0 }), shapes: [[2, 3]] },
    { note: 'cumsum flattened', fun: (x) => pt.cumsum(pt.sqr(x)), shapes: [[2, 3]] },
  ],
  Flip: [{ note: 'axis 0', fun: (x) => pt.flip(x, { axis: 0 }), shapes: [[2, 3]] }, { note: 'all axes', fun: (x) => pt.flip(pt.sqr(x)), shapes: [[2, 3, 2]] }],
  ExtractDiag: [
    { note: 'offset 1', fun: (x) => pt.diagonal(x, { offset: 1 }), shapes: [[3, 3]] },
    { note: 'axes (2, 0) of a 3-d tensor', fun: (x) => pt.diagonal(pt.sqr(x), { axis1: 2, axis2: 0 }), shapes: [[2, 3, 2]] },
  ],
  ExtractDiagGrad: [{ note: "ExtractDiag's gradient", fun: (g, x) => new pt.ExtractDiagGrad(0, 0, 1).call(g, x) as pt.TensorVariable, shapes: [[2], [2, 3]] }],
  Take: [
    { note: 'axis 1, repeated index', fun: (x) => pt.take(x, [0, 2, 2], { axis: 1 }), shapes: [[2, 3]] },
    { note: 'flattened, 2-d indices', fun: (x) => pt.take(pt.sqr(x), [[5, 0], [1, 5]]), shapes: [[2, 3]] },
  ],
  TakeGrad: [{ note: "Take's gradient", fun: (g, x) => new pt.TakeGrad(0).call(g, IDX([1, 1, 0]), x) as pt.TensorVariable, shapes: [[3], [2]] }],
};


const exportedOps = Object.entries(pt)
  .filter(([, v]) => typeof v === 'function' && (v as { prototype?: unknown }).prototype instanceof Op)
  .map(([k, v]) => [k, v as abstract new (...args: never[]) => Op] as const);
const withRop = exportedOps.filter(([, cls]) => cls.prototype.Rop !== Op.prototype.Rop);

const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);
const TOL = 1e-8;

function domainOf(c: Case, i: number): Domain {
  const d = c.domain;
  if (d === undefined) return [-1, 1];
  return typeof d[0] === 'number' ? (d as Domain) : (d as readonly Domain[])[i]!;
}

function run(cls: abstract new (...args: never[]) => Op, c: Case, seed: number, useOpRopImplementation = true): void {
  const rng = new Rng(seed);
  const xs = c.shapes.map((s, i) => new pt.TensorType('float64', s.map((n) => (n === 1 ? 1 : null))).makeVariable(`x${i}`));
  const f = c.fun(...xs);
  const nodes = ioToposort(xs, [f]);
  expect(nodes.some((n) => n.op instanceof cls)).toBe(true);
  if (c.scalar !== undefined) expect(nodes.map((n) => n.op).some((op) => op instanceof pt.Elemwise && op.scalarOp.name === c.scalar)).toBe(true);
  expect(f.dtype).toBe('float64');

  const xv = c.shapes.map((s, i) => pt.fromRaw('float64', rng.uniformArray(size(s), ...domainOf(c, i)), s));
  const tv = c.shapes.map((s) => pt.fromRaw('float64', rng.uniformArray(size(s), -1, 1), s));
  const vs = xs.map((x, i) => x.type.makeVariable(`v${i}`));
  const givens = (extra: [Variable, unknown][] = []) => [...xs.map((x, i) => [x, xv[i]] as [Variable, unknown]), ...extra];

  // Forward mode.
  const jvpVar = Rop(f, xs, vs, { disconnectedOutputs: 'ignore', useOpRopImplementation });
  const jvp = flatValues(evaluate([jvpVar], givens(vs.map((v, i) => [v, tv[i]])))[0] as pt.NDArray);

  // Reverse mode: row k of J from Lop at the basis vector e_k.
  const fShape = (evaluate([f], givens())[0] as pt.NDArray).shape;
  const m = size(fShape);
  const u = f.type.makeVariable('u');
  const rows = Lop(f, xs, u, { disconnectedInputs: 'ignore' });
  const tflat = tv.map((t) => flatValues(t));
  const want = Array.from({ length: m }, (_, k) => {
    const e = new Float64Array(m);
    e[k] = 1;
    const outs = evaluate(rows, givens([[u, pt.fromRaw('float64', e, fShape)]])) as pt.NDArray[];
    return outs.reduce((acc, r, j) => flatValues(r).reduce((a, g, p) => a + g * tflat[j]![p]!, acc), 0);
  });
  expect(jvp.length).toBe(m);
  const bad = want.map((w, k) => [k, jvp[k]!, w] as const).filter(([, g, w]) => !(Math.abs(g - w) <= TOL * Math.max(1, Math.abs(w))));
  if (bad.length > 0) throw new Error(`Rop differs from Lop's J v at ${bad.map(([k, g, w]) => `[${k}] Rop ${g}, J v ${w}`).join('; ')}`);
}

const SEEDS = [1, 2, 3];

describe('Rop equals the Jacobian-vector product from Lop', () => {
  for (const [name, cases] of Object.entries(CASES)) {
    const cls = exportedOps.find(([k]) => k === name)?.[1];
    describe(name, () => {
      for (const c of cases) it.each(SEEDS)(`${c.note} (seed %i)`, (seed) => run(cls!, c, seed));
    });
  }
});

describe('Elemwise Rop through complex values is refused, not wrong', () => {
  for (const c of ELEMWISE_COMPLEX) {
    it(c.note, () => expect(() => run(pt.Elemwise, c, SEEDS[0]!)).toThrow(/Rop through complex values is not implemented/));
  }
});

describe('Rop from two reverse passes (useOpRopImplementation: false) through complex intermediates', () => {
  for (const c of ELEMWISE_COMPLEX) it.each(SEEDS)(`${c.note} (seed %i)`, (seed) => run(pt.Elemwise, c, seed, false));
});

describe('Rop coverage', () => {
  const names = withRop.map(([k]) => k);

  it('the tables name exported Op classes with an Rop only, once each', () => {
    const listed = Object.keys(CASES);
    expect(listed.filter((n) => !names.includes(n))).toEqual([]);
  });

  it('every exported Op class that overrides Rop has a case', () => {
    expect(names.filter((n) => !(n in CASES))).toEqual([]);
  });

  it('the Elemwise cases cover the requested scalar ops', () => {
    const covered = new Set(ELEMWISE.map((c) => c.scalar));
    for (const s of ['add', 'mul', 'true_div', 'exp', 'log', 'tanh', 'sigmoid', 'softplus', 'pow', 'maximum', 'switch']) expect(covered).toContain(s);
  });
});
