/**
 * Gradients of the transcendental and special elementwise functions: the Lop
 * graphs (node.op.Lop with a ones seed, evaluated) against central finite
 * differences, second derivatives through a small reverse-mode walk over the
 * gradient graphs (so the gradients are themselves differentiable), gradient
 * dtypes, non-differentiable inputs; plus the dtype rules, typed errors and
 * the js expressions with their bindings.
 */
import { ArgumentError, DtypeError, NullType, TypeMismatchError, evaluate, ioToposort, type Variable } from '@proj/graph';
import type { Dtype } from '../src/dtype/dtypes';
import { constant, type TensorLike } from '../src/basic/as-tensor';
import { Elemwise } from '../src/elemwise/elemwise';
import { add } from '../src/math/arith';
import * as tr from '../src/math/transcendental';
import * as tg from '../src/math/trigonometric';
import * as sp from '../src/math/special';
import * as trS from '../src/scalar/transcendental';
import * as tgS from '../src/scalar/trigonometric';
import * as spS from '../src/scalar/special';
import { specialJsBindings } from '../src/scalar/special';
import type { ScalarOp } from '../src/scalar/scalar-op';
import { TensorType } from '../src/type/tensor-type';
import type { NDArray } from '../src/value/ndarray';
import { TensorVariable } from '../src/variable/tensor-variable';
import { flat, makeArray, makeComplex } from './elemwise-special-helpers';

type Unary = (x: TensorLike) => TensorVariable;

/** Each differentiable unary function with points inside its domain. */
const UNARY: [string, Unary, number[]][] = [
  ['sqrt', tr.sqrt, [0.3, 2, 17]],
  ['exp', tr.exp, [-2, 0.5, 3]],
  ['exp2', tr.exp2, [-2, 0.5, 3]],
  ['log', tr.log, [0.2, 1.5, 40]],
  ['log2', tr.log2, [0.2, 1.5, 40]],
  ['log10', tr.log10, [0.2, 1.5, 40]],
  ['log1p', tr.log1p, [-0.5, 0.3, 9]],
  ['expm1', tr.expm1, [-1, 1e-3, 2]],
  ['cos', tg.cos, [-1.2, 0.4, 1]],
  ['sin', tg.sin, [-1.2, 0.4, 1]],
  ['tan', tg.tan, [-1.2, 0.4, 1]],
  ['arccos', tg.arccos, [-0.7, 0.1, 0.6]],
  ['arcsin', tg.arcsin, [-0.7, 0.1, 0.6]],
  ['arctan', tg.arctan, [-3, 0.5, 2]],
  ['cosh', tg.cosh, [-1.5, 0.2, 2]],
  ['sinh', tg.sinh, [-1.5, 0.2, 2]],
  ['tanh', tg.tanh, [-1.5, 0.2, 2]],
  ['arccosh', tg.arccosh, [1.2, 3, 10]],
  ['arcsinh', tg.arcsinh, [-2, 0.3, 5]],
  ['arctanh', tg.arctanh, [-0.6, 0.1, 0.8]],
  ['deg2rad', tg.deg2rad, [-30, 1, 90]],
  ['rad2deg', tg.rad2deg, [-0.5, 1, 3]],
  ['erf', sp.erf, [-1.1, 0.2, 1.5]],
  ['erfc', sp.erfc, [-1.1, 0.2, 1.5]],
  ['erfinv', sp.erfinv, [-0.8, 0.1, 0.9]],
  ['erfcinv', sp.erfcinv, [0.2, 1, 1.7]],
  ['gamma', sp.gamma, [-1.5, 0.7, 3.3]],
  ['gammaln', sp.gammaln, [-1.5, 0.7, 3.3, 20]],
  ['psi', sp.psi, [-1.5, 0.7, 3.3]],
  ['triGamma', sp.triGamma, [-0.5, 0.7, 3.3]],
  ['sigmoid', sp.sigmoid, [-5, 0, 3]],
  ['softplus', sp.softplus, [-5, 0.1, 3]],
];

const vec = (dtype: Dtype = 'float64', name = 'x'): TensorVariable => new TensorType(dtype, [null]).makeVariable(name);
const ones = (n: number, dtype: Dtype = 'float64'): TensorVariable => constant(makeArray(dtype, new Array<number>(n).fill(1), [n]), { dtype });

function evalAt(out: Variable, givens: [Variable, NDArray][]): number[] {
  return flat(evaluate([out], new Map(givens))[0] as NDArray);
}

/** The Lop of the node computing `out` (one output), seeded with `seed`. */
function lop(out: TensorVariable, seed: Variable): Variable[] {
  const node = out.owner!;
  return node.op.Lop(node.inputs, node.outputs, [seed]);
}

/**
 * d(sum of seed * out)/d(wrt) by a reverse walk over the nodes between them,
 * calling each node's Lop (a tiny stand-in for the gradient driver, which
 * lives in a higher package). Fails on a NullType gradient along the path.
 */
function backprop(out: Variable, wrt: Variable, seed: Variable): Variable | undefined {
  const nodes = ioToposort([wrt], [out]);
  const onPath = new Set<Variable>([wrt]);
  for (const n of nodes) if (n.inputs.some((v) => onPath.has(v))) n.outputs.forEach((o) => onPath.add(o));
  const grads = new Map<Variable, Variable>([[out, seed]]);
  for (const n of [...nodes].reverse()) {
    const gz = grads.get(n.outputs[0]!);
    if (gz === undefined || !onPath.has(n.outputs[0]!)) continue;
    const gIn = n.op.Lop(n.inputs, n.outputs, [gz]);
    n.inputs.forEach((v, i) => {
      if (!onPath.has(v)) return;
      const g = gIn[i]!;
      if (g.type instanceof NullType) throw new Error(`NullType gradient through ${n.op}: ${g.type.whyNull}`);
      const prev = grads.get(v);
      grads.set(v, prev === undefined ? g : add(prev as TensorVariable, g as TensorVariable));
    });
  }
  return grads.get(wrt);
}

/** Central differences of the elementwise function `at` (values per point). */
function finiteDiff(at: (xs: number[]) => number[], xs: number[]): number[] {
  const hs = xs.map((x) => 1e-6 * Math.max(1, Math.abs(x)));
  const up = at(xs.map((x, i) => x + hs[i]!));
  const down = at(xs.map((x, i) => x - hs[i]!));
  return xs.map((_, i) => (up[i]! - down[i]!) / (2 * hs[i]!));
}

function expectClose(got: number[], want: number[], rtol = 2e-6, atol = 1e-8): void {
  const bad = got.map((g, i) => [g, want[i]!, i] as const).filter(([g, w]) => !(Math.abs(g - w) <= rtol * Math.abs(w) + atol));
  expect(bad).toEqual([]);
}

describe.each(UNARY)('%s: gradient', (_name, fn, points) => {
  const n = points.length;

  it('matches central finite differences (first derivative)', () => {
    const x = vec();
    const y = fn(x);
    const [gx] = lop(y, ones(n));
    expect((gx as TensorVariable).dtype).toBe('float64');
    const got = evalAt(gx!, [[x, makeArray('float64', points, [n])]]);
    const fd = finiteDiff((xs) => evalAt(y, [[x, makeArray('float64', xs, [n])]]), points);
    expectClose(got, fd);
  });

  it('is itself differentiable (second derivative against finite differences of the gradient)', () => {
    const x = vec();
    const g = lop(fn(x), ones(n))[0]!;
    const g2 = backprop(g, x, ones(n));
    const fd = finiteDiff((xs) => evalAt(g, [[x, makeArray('float64', xs, [n])]]), points);
    // deg2rad and rad2deg are linear: their gradient does not depend on x (disconnected: zero).
    const got = g2 === undefined ? points.map(() => 0) : evalAt(g2, [[x, makeArray('float64', points, [n])]]);
    expectClose(got, fd, 2e-5, 1e-7);
  });

  it('keeps float32 gradients float32, and gives int8 inputs a float32 gradient', () => {
    const x32 = vec('float32');
    expect((lop(fn(x32), ones(n, 'float32'))[0] as TensorVariable).dtype).toBe('float32');
    const x8 = vec('int8');
    const y8 = fn(x8);
    expect(y8.dtype).toBe('float32');
    expect((lop(y8, ones(n, 'float32'))[0] as TensorVariable).dtype).toBe('float32');
  });
});

describe('gradients of the binary functions', () => {
  it('arctan2: both inputs (y first)', () => {
    const y = vec('float64', 'y');
    const x = vec('float64', 'x');
    const z = tg.arctan2(y, x);
    const [gy, gx] = lop(z, ones(3));
    const ys = [1, -0.5, 3];
    const xs = [2, -1.5, -0.2];
    const givens = (a: number[], b: number[]): [Variable, NDArray][] => [[y, makeArray('float64', a, [3])], [x, makeArray('float64', b, [3])]];
    expectClose(evalAt(gy!, givens(ys, xs)), finiteDiff((v) => evalAt(z, givens(v, xs)), ys));
    expectClose(evalAt(gx!, givens(ys, xs)), finiteDiff((v) => evalAt(z, givens(ys, v)), xs));
    // Second derivative in x through the gradient graph.
    const gxx = backprop(gx!, x, ones(3))!;
    expectClose(evalAt(gxx, givens(ys, xs)), finiteDiff((v) => evalAt(gx!, givens(ys, v)), xs), 2e-5, 1e-7);
  });

  it('arctan2: a broadcast input gets its gradient summed', () => {
    const y = vec('float64', 'y');
    const x = new TensorType('float64', []).makeVariable('x');
    // Elemwise aligns x to shape (1,) with a DimShuffle: walk back through it too.
    const gx = backprop(tg.arctan2(y, x), x, ones(3))!;
    expect((gx as TensorVariable).ndim).toBe(0);
    const ys = [1, -0.5, 3];
    const got = evalAt(gx!, [[y, makeArray('float64', ys, [3])], [x, makeArray('float64', [2], [])]]);
    expectClose(got, [ys.reduce((s, v) => s - v / (4 + v * v), 0)]);
  });

  it('chi2sf: d/dx is minus the chi-squared density; d/dk is not implemented', () => {
    const x = vec('float64', 'x');
    const k = vec('float64', 'k');
    const out = sp.chi2sf(x, k);
    const [gx, gk] = lop(out, ones(3));
    const xs = [0.5, 3, 7];
    const ks = [1, 2, 5];
    const givens = (a: number[]): [Variable, NDArray][] => [[x, makeArray('float64', a, [3])], [k, makeArray('float64', ks, [3])]];
    expectClose(evalAt(gx!, givens(xs)), finiteDiff((v) => evalAt(out, givens(v)), xs));
    expect(gk!.type).toBeInstanceOf(NullType);
    const gxx = backprop(gx!, x, ones(3))!;
    expectClose(evalAt(gxx, givens(xs)), finiteDiff((v) => evalAt(gx!, givens(v)), xs), 2e-5, 1e-7);
  });

  it('polygamma: d/dx is polygamma(n + 1, x), differentiable again; the order n has none', () => {
    const n = makeArray('int8', [0, 1, 2, 3], [4]);
    const nv = new TensorType('int8', [null]).makeVariable('n');
    const x = vec();
    const out = sp.polygamma(nv, x);
    expect(out.dtype).toBe('float64');
    const [gn, gx] = lop(out, ones(4));
    expect(gn!.type).toBeInstanceOf(NullType);
    const xs = [0.7, 2.5, 1.3, 4];
    const givens = (v: number[]): [Variable, NDArray][] => [[nv, n], [x, makeArray('float64', v, [4])]];
    expectClose(evalAt(gx!, givens(xs)), finiteDiff((v) => evalAt(out, givens(v)), xs));
    const gxx = backprop(gx!, x, ones(4))!;
    expectClose(evalAt(gxx, givens(xs)), finiteDiff((v) => evalAt(gx!, givens(v)), xs), 2e-5, 1e-7);
  });

  it('psi: its gradient is triGamma, whose gradient is polygamma(2, .)', () => {
    const x = vec();
    const [g] = lop(sp.psi(x), ones(2));
    expect(g!.owner!.inputs.some((v) => String(v.owner?.op) === 'Elemwise{tri_gamma}')).toBe(true);
    const [g2] = lop(sp.triGamma(x), ones(2));
    expect(g2!.owner!.inputs.some((v) => String(v.owner?.op) === 'Elemwise{polygamma}')).toBe(true);
  });
});

describe('complex inputs', () => {
  it('exp, log and sqrt keep the complex dtype; their gradients are not implemented (as in PyTensor)', () => {
    for (const fn of [tr.exp, tr.log, tr.sqrt]) {
      const z = new TensorType('complex128', [null]).makeVariable('z');
      const out = fn(z);
      expect(out.dtype).toBe('complex128');
      expect(fn(new TensorType('complex64', [null]).makeVariable('z')).dtype).toBe('complex64');
      expect(lop(out, ones(1, 'complex128'))[0]!.type).toBeInstanceOf(NullType);
    }
  });

  it('the real-only functions refuse complex inputs with a DtypeError naming the op and argument', () => {
    const z = constant(makeComplex('complex128', [1], [2], [1]));
    for (const fn of [tr.exp2, tr.log1p, tg.cos, tg.tanh, sp.erf, sp.gamma, sp.psi, sp.sigmoid, sp.softplus]) {
      expect(() => fn(z)).toThrow(DtypeError);
    }
    expect(() => sp.erf(z)).toThrow(/Elemwise\{erf\}: input 0 expected a real dtype \(this op has no complex version\), got complex128/);
    expect(() => tg.arctan2(1, z)).toThrow(/Elemwise\{arctan2\}: input 1 expected a real dtype/);
  });
});

describe('dtype rules, typed errors and shapes', () => {
  it('upgrades discrete inputs to floats (int8 -> float32, int32/int64 -> float64) and keeps float32', () => {
    const cases: [Dtype, Dtype][] = [['bool', 'float32'], ['int8', 'float32'], ['uint16', 'float32'], ['int32', 'float64'], ['int64', 'float64'], ['uint64', 'float64'], ['float32', 'float32'], ['float64', 'float64']];
    for (const [inp, out] of cases) {
      for (const [, fn] of UNARY) expect([inp, fn(vec(inp)).dtype]).toEqual([inp, out]);
    }
    expect(tg.arctan2(vec('int8'), vec('float32')).dtype).toBe('float32');
    expect(tg.arctan2(vec('int32'), vec('float32')).dtype).toBe('float64');
    expect(sp.chi2sf(vec('float32'), vec('int8')).dtype).toBe('float32');
    expect(sp.polygamma(vec('int64'), vec('float32')).dtype).toBe('float32');
  });

  it('polygamma refuses a non-integer order with a DtypeError', () => {
    expect(() => sp.polygamma(vec('float64'), vec())).toThrow(DtypeError);
    expect(() => sp.polygamma(vec('float64'), vec())).toThrow(/Elemwise\{polygamma\}: input 0 expected an integer dtype for the order n, got float64/);
    expect(() => sp.polygamma(vec('bool'), vec())).toThrow(DtypeError);
  });

  it('rejects a wrong number of inputs and non-tensor inputs', () => {
    expect(() => new Elemwise(tgS.scalarArctan2).call(vec())).toThrow(ArgumentError);
    expect(() => new Elemwise(tgS.scalarArctan2).call(vec())).toThrow(/Elemwise\{arctan2\}: argument 'inputs' expected 2 inputs, got 1/);
    expect(() => tr.exp('x' as unknown as TensorLike)).toThrow(TypeMismatchError);
  });

  it('infers broadcast static shapes and symbolic shapes', () => {
    const col = new TensorType('float64', [3, 1]).makeVariable('c');
    const row = new TensorType('float32', [null]).makeVariable('r');
    const z = tg.arctan2(col, row);
    expect(z.type.shape).toEqual([3, null]);
    const node = z.owner!;
    expect(node.op.inferShape!(undefined, node, [[3, 1], [1, 5]])).toEqual([[3, 5]]);
    expect(() => sp.chi2sf(new TensorType('float64', [3]).makeVariable('a'), new TensorType('float64', [4]).makeVariable('b'))).toThrow(/shapes that broadcast together/);
  });

  it('does not modify its inputs and allocates a fresh output', () => {
    const a = makeArray('float64', [1, 2, 3], [3]);
    const x = vec();
    const [out] = evaluate([tr.exp(x)], new Map([[x, a]]));
    expect(flat(a)).toEqual([1, 2, 3]);
    expect((out as NDArray).data).not.toBe(a.data);
  });
});

describe('js expressions and their bindings', () => {
  const ALL: ScalarOp[] = [...Object.values(trS), ...Object.values(tgS), ...Object.values(spS)].filter((v): v is ScalarOp => typeof v === 'object' && v !== null && 'spec' in v);
  const names = Object.keys(specialJsBindings);
  const fns = Object.values(specialJsBindings);

  it.each(ALL.map((op) => [op.name, op] as const))('%s: js evaluates like impl', (_name, op) => {
    const args = op.nin === 2 ? ['a', 'b'] : ['a'];
    const expr = op.spec.js!(args);
    const compiled = new Function(...names, ...args, `return ${expr};`) as (...v: number[]) => number;
    const samples = op.name === 'polygamma' ? [[0, 0.7], [2, 3.5], [1, -1.5]] : op.nin === 2 ? [[0.5, 1], [3, 2], [-1, 2.5]] : [[0.3], [0.9], [-0.4], [2.5], [NaN]];
    for (const s of samples) {
      const want = op.spec.impl(...s);
      expect([s, compiled(...(fns as never[]), ...(s as never[]))]).toEqual([s, want]);
    }
  });

  it('binds every special function its js names', () => {
    for (const op of ALL) {
      const expr = op.spec.js!(['a', 'b']);
      const called = [...expr.matchAll(/(?<![.\w])([A-Za-z_]\w*)\(/g)].map((m) => m[1]!);
      for (const f of called) expect([op.name, f, f in specialJsBindings]).toEqual([op.name, f, true]);
    }
  });
});
