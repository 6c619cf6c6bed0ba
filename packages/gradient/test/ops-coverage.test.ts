/**
 * Gradient coverage of the Op classes exported by @proj/tensor: each one is
 * VERIFIED (verifyGrad cases, run here, each checked to build a node of that
 * class), NON_DIFFERENTIABLE (with the reason), or a known gap in TODO (shown
 * as test.todo). An exported Op class in none of the three fails the suite,
 * so a new Op cannot land without a decision about its gradient.
 * Elemwise's scalar ops have their own table in ops-coverage-scalar.test.ts.
 */
import { Op, ioToposort, type Variable } from '@proj/graph';
import * as pt from '@proj/tensor';
import { verifyGrad, type VerifyGradOptions } from '../src/verify-grad';

type Fun = (...xs: pt.TensorVariable[]) => pt.TensorVariable;
interface Case {
  readonly note: string;
  readonly fun: Fun;
  readonly pt: readonly unknown[];
  readonly options?: VerifyGradOptions;
}

const M = [[0.2, -1.1, 0.7], [1.6, 0.4, -0.3]];
const T3 = [[[0.5, -1.2], [2.1, 0.3], [-0.7, 1.4]], [[1.1, 0.9], [-2.3, 0.6], [0.8, -0.4]]];
const NZ = [[0.9, -1.2, 1.5], [1.3, 0.7, -0.8]];
const B = [[0.5, -1], [2, 0.3], [-0.2, 1.1]];
const V4 = [0.3, -0.7, 1.2, 0.05];

/** Op class name -> verifyGrad cases that go through it. */
const VERIFIED: Record<string, readonly Case[]> = {
  Elemwise: [{ note: 'see ops-coverage-scalar.test.ts; one composite here', fun: (x, y) => pt.tanh(pt.mul(x, y)).add(pt.exp(x)), pt: [M, [[0.5, -1, 2]]] }],
  Sum: [
    { note: 'all axes', fun: (x) => pt.sum(x), pt: [M] },
    { note: 'axis 1', fun: (x) => pt.sum(x, { axis: 1 }), pt: [M] },
    { note: 'axes [0, 2], keepdims, 3-d', fun: (x) => pt.sum(x, { axis: [0, 2], keepdims: true }), pt: [T3] },
    { note: 'mean (sum / count)', fun: (x) => pt.mean(x, { axis: 0 }), pt: [M] },
    { note: 'var', fun: (x) => pt.var(x, { axis: 1 }), pt: [M] },
    { note: 'var with ddof, corrected', fun: (x) => pt.var(x, { ddof: 1, corrected: true }), pt: [T3] },
    { note: 'std', fun: (x) => pt.std(x), pt: [M] },
    { note: 'float32 sum', fun: (x) => pt.sum(pt.sqr(x), { axis: 0 }), pt: [new Float32Array([0.5, -1.5, 2])] },
  ],
  Prod: [
    { note: 'all axes', fun: (x) => pt.prod(x), pt: [NZ] },
    { note: 'axis 0', fun: (x) => pt.prod(x, { axis: 0 }), pt: [NZ] },
    { note: 'one zero in a group', fun: (x) => pt.prod(x, { axis: 1 }), pt: [[[0.9, 0, 1.5], [1.3, 0.7, -0.8]]] },
    { note: 'noZerosInInput', fun: (x) => pt.prod(x, { axis: 1, noZerosInInput: true }), pt: [NZ] },
  ],
  Max: [
    { note: 'all axes', fun: (x) => pt.max(x), pt: [M] },
    { note: 'axis 1, keepdims', fun: (x) => pt.max(x, { axis: 1, keepdims: true }), pt: [M] },
    { note: 'ptp (max - min)', fun: (x) => pt.ptp(x, { axis: 0 }), pt: [M] },
    { note: 'infinity norm', fun: (x) => x.norm(Infinity), pt: [M] },
  ],
  Min: [{ note: 'axis 0', fun: (x) => pt.min(x, { axis: 0 }), pt: [M] }],
  MaxAndArgmax: [{ note: 'the max output', fun: (x) => pt.maxAndArgmax(x, { axis: 1 })[0], pt: [M] }],
  DimShuffle: [
    { note: "(1, 'x', 0)", fun: (x) => x.dimshuffle(1, 'x', 0), pt: [M] },
    { note: 'drops a broadcastable dimension', fun: (x) => x.dimshuffle(1), pt: [[[1.5, -2, 0.5]]] },
    { note: 'transpose', fun: (x) => x.T, pt: [M] },
    { note: 'transpose with axes, 3-d', fun: (x) => x.transpose(2, 0, 1), pt: [T3] },
    { note: 'swapaxes', fun: (x) => x.swapaxes(0, 2), pt: [T3] },
    { note: 'squeeze', fun: (x) => x.squeeze(), pt: [[[0.3], [-1.2]]] },
    { note: 'expandDims', fun: (x) => pt.expandDims(x, [0, 2]), pt: [M] },
  ],
  Reshape: [
    { note: 'reshape (3, 2)', fun: (x) => x.reshape([3, 2]), pt: [M] },
    { note: 'reshape with -1', fun: (x) => x.reshape([-1, 3]), pt: [T3] },
    { note: 'flatten', fun: (x) => x.flatten(), pt: [T3] },
    { note: 'flatten to 2-d', fun: (x) => x.flatten(2), pt: [T3] },
  ],
  MakeVector: [{ note: 'two float scalars, used twice', fun: (a, b) => pt.mul(pt.makeVector([a, b, a]), [1, 2, 3]), pt: [0.5, -1.5] }],
  SpecifyShape: [{ note: '(2, null)', fun: (x) => pt.specifyShape(x, [2, null]), pt: [M] }],
  Alloc: [
    { note: 'a vector broadcast to (3, 2)', fun: (x) => pt.alloc(x, 3, 2), pt: [[0.5, -1.5]] },
    { note: 'a length-1 dimension stretched', fun: (x) => pt.alloc(x, 4, 3), pt: [[[0.5, -1.5, 2]]] },
  ],
  Subtensor: [
    { note: 'x[1]', fun: (x) => x.get(1), pt: [M] },
    { note: 'x[::-1, 0:2]', fun: (x) => x.get('::-1', pt.slice(0, 2)), pt: [M] },
    { note: 'x[0, 1:] of a 3-d tensor', fun: (x) => x.get(0, '1:'), pt: [T3] },
  ],
  IncSubtensor: [
    { note: 'set x[1:] = y', fun: (x, y) => x.get('1:').set(y), pt: [M, [[0.5, 1.5, -2]]] },
    { note: 'x[0] += y', fun: (x, y) => x.get(0).inc(y), pt: [M, [0.5, 1.5, -2]] },
    { note: 'x[:, 1] += scalar y (broadcast)', fun: (x, y) => x.get(':', 1).inc(y), pt: [M, 0.75] },
  ],
  AdvancedSubtensor1: [
    { note: 'x[[0, 2, 0]] (a repeated index)', fun: (x) => x.get([0, 2, 0]), pt: [V4] },
    { note: 'rows x[[1, 0]]', fun: (x) => x.get([1, 0]), pt: [M] },
  ],
  AdvancedSubtensor: [
    { note: 'x[[0, 1], [2, 0]]', fun: (x) => x.get([0, 1], [2, 0]), pt: [M] },
    { note: 'x[:, [2, 0, 2]]', fun: (x) => x.get(':', [2, 0, 2]), pt: [M] },
  ],
  AdvancedIncSubtensor1: [
    { note: 'x[[0, 2, 0]] += y (repeated)', fun: (x, y) => x.get([0, 2, 0]).inc(y), pt: [V4, [0.5, -1, 2]] },
    { note: 'x[[1, 0]] = y', fun: (x, y) => x.get([1, 0]).set(y), pt: [M, [[1, 2, 3], [4, 5, 6]]] },
  ],
  AdvancedIncSubtensor: [
    { note: 'x[[0, 1], [2, 0]] += y', fun: (x, y) => x.get([0, 1], [2, 0]).inc(y), pt: [M, [0.5, -1]] },
    { note: 'x[[0, 1], [2, 2]] = y', fun: (x, y) => x.get([0, 1], [2, 2]).set(y), pt: [M, [0.5, -1]] },
  ],
  Dot: [
    { note: 'matrix . matrix', fun: (a, b) => pt.dot(a, b), pt: [M, B] },
    { note: 'matrix . vector', fun: (a, b) => pt.dot(a, b), pt: [M, [0.5, -1, 2]] },
    { note: 'vector . vector', fun: (a, b) => pt.dot(a, b), pt: [[0.5, -1, 2], [1.5, 0.3, -0.2]] },
    { note: 'outer', fun: (a, b) => pt.outer(a, b), pt: [[0.5, -1], [1.5, 0.3, -0.2]] },
    { note: 'tensordot', fun: (a, b) => pt.tensordot(a, b, [[1, 2], [0, 1]]), pt: [T3, [[0.5, -1], [2, 0.3], [-0.2, 1.1]]] },
  ],
  MatMul: [
    { note: 'matrix @ matrix', fun: (a, b) => pt.matmul(a, b), pt: [M, B] },
    { note: 'batch @ matrix (broadcast)', fun: (a, b) => pt.matmul(a, b), pt: [T3, [[0.5, -1, 2], [1.5, 0.3, -0.2]]] },
  ],
  BatchedDot: [{ note: '(2, 3, 2) x (2, 2, 3)', fun: (a, b) => pt.batchedDot(a, b), pt: [T3, [[[1, 0.5, -1], [0.2, 2, 1]], [[-0.3, 1, 0.4], [1.2, -0.7, 0.9]]]] }],
  Gemm: [{ note: 'beta z + alpha x y', fun: (z, a, x, y, b) => pt.gemmNoInplace(z, a, x, y, b), pt: [[[1, 2], [3, 4]], 0.7, M, B, -1.3] }],
  Gemv: [{ note: 'beta y + alpha A x', fun: (y, a, A, x, b) => pt.gemvNoInplace(y, a, A, x, b), pt: [[1, 2], 0.7, M, [0.5, -1, 2], -1.3] }],
  Ger: [{ note: 'A + alpha x y^T', fun: (A, a, x, y) => pt.ger(A, a, x, y), pt: [M, 0.7, [0.5, -1], [1.5, 0.3, -0.2]] }],
  Join: [
    { note: 'join along 0', fun: (a, b) => pt.join(0, a, b), pt: [M, [[0.5, -1, 2]]] },
    { note: 'concatenate along 1', fun: (a, b) => pt.concatenate([a, b], { axis: 1 }), pt: [M, [[0.5], [2]]] },
    { note: 'stack along -1', fun: (a, b) => pt.stack([a, b], { axis: -1 }), pt: [M, NZ] },
  ],
  Split: [{ note: 'both pieces used', fun: (x) => { const [p, q] = pt.split(x, [1, 2], { axis: 1 }); return pt.add(pt.sum(p!), pt.sum(pt.sqr(q!))); }, pt: [M] }],
  Repeat: [
    { note: 'each row twice', fun: (x) => pt.repeat(x, 2, { axis: 0 }), pt: [M] },
    { note: 'flat, per-element counts', fun: (x) => pt.repeat(x, [1, 0, 3]), pt: [[0.5, -1, 2]] },
  ],
  RepeatSum: [{ note: "Repeat's gradient", fun: (g) => new pt.RepeatSum(0).call(g, pt.constant(2)) as pt.TensorVariable, pt: [V4] }],
  Roll: [
    { note: 'axis 0', fun: (x) => pt.roll(x, 1, { axis: 0 }), pt: [M] },
    { note: 'flattened, negative shift', fun: (x) => pt.roll(x, -2), pt: [M] },
  ],
  SortOp: [{ note: 'axis 1', fun: (x) => pt.sort(x, { axis: 1 }), pt: [M] }, { note: 'flattened', fun: (x) => pt.sort(x, { axis: null }), pt: [M] }],
  PermuteAlongAxis: [{ note: "sort's gradient", fun: (x) => new pt.PermuteAlongAxis(1).call(x, pt.constant([[2, 0, 1], [1, 2, 0]], { dtype: 'int64' })) as pt.TensorVariable, pt: [M] }],
  CumOp: [
    { note: 'cumsum axis 0', fun: (x) => pt.cumsum(x, { axis: 0 }), pt: [M] },
    { note: 'cumsum flattened', fun: (x) => pt.cumsum(x), pt: [M] },
    { note: 'cumprod axis 1', fun: (x) => pt.cumprod(x, { axis: 1 }), pt: [NZ] },
  ],
  Flip: [{ note: 'axis 0', fun: (x) => pt.flip(x, { axis: 0 }), pt: [M] }, { note: 'all axes', fun: (x) => pt.flip(x), pt: [T3] }],
  ARange: [{ note: 'w.r.t. start and step', fun: (start, step) => pt.arange(start, 4, step), pt: [0.3, 0.7] }],
  ExtractDiag: [
    { note: 'offset 1', fun: (x) => pt.diagonal(x, { offset: 1 }), pt: [[[1, 2, 3], [4, 5, 6], [7, 8, 9.5]]] },
    { note: 'trace', fun: (x) => pt.trace(x), pt: [M] },
    { note: 'axes (2, 0) of a 3-d tensor', fun: (x) => pt.diagonal(x, { axis1: 2, axis2: 0 }), pt: [T3] },
  ],
  ExtractDiagGrad: [{ note: "ExtractDiag's gradient", fun: (g, x) => new pt.ExtractDiagGrad(0, 0, 1).call(g, x) as pt.TensorVariable, pt: [[0.5, -1], M] }],
  Choose: [{ note: 'w.r.t. the choices', fun: (c0, c1) => pt.choose(pt.constant([0, 1, 1, 0]), [c0, c1]), pt: [V4, [2, -1, 0.5, 3]] }],
  Take: [
    { note: 'axis 1, repeated index', fun: (x) => pt.take(x, [0, 2, 2], { axis: 1 }), pt: [M] },
    { note: 'flattened, 2-d indices', fun: (x) => pt.take(x, [[5, 0], [1, 5]]), pt: [M] },
  ],
  TakeGrad: [{ note: "Take's gradient", fun: (g, x) => new pt.TakeGrad(0).call(g, pt.constant([1, 1, 0]), x) as pt.TensorVariable, pt: [[0.5, -1, 2], [0, 0]] }],
};

/** Op class name -> why there is no gradient to verify. */
const NON_DIFFERENTIABLE: Record<string, string> = {
  Eye: 'inputs are integer lengths and an offset (gradient undefined)',
  CAReduce: 'generic base class: Sum, Prod, Max and Min define the gradients (as in PyTensor, a bare CAReduce has none)',
  ProdWithoutZeros: "only used inside Prod's gradient; its own gradient is not implemented (as in PyTensor)",
  All: 'bool output', Any: 'bool output',
  Argmax: 'int64 output (indices)', Argmin: 'int64 output (indices)',
  ReducedCount: 'the element count: no dependence on values (disconnected)',
  Shape: 'int64 output (the shape)', ShapeI: 'int64 output (a length)',
  ArgSortOp: 'int64 output (indices)',
  Nonzero: 'int64 output (indices)',
};

/** Known gaps: exported Op classes whose gradient is not verified yet (reason). */
const TODO: Record<string, string> = {};

const exportedOps = Object.entries(pt)
  .filter(([, v]) => typeof v === 'function' && (v as { prototype?: unknown }).prototype instanceof Op)
  .map(([k, v]) => [k, v as abstract new (...args: never[]) => Op] as const);

function run(cls: abstract new (...args: never[]) => Op, c: Case): void {
  let ops: Op[] = [];
  verifyGrad((...xs) => {
    const out = c.fun(...xs);
    ops = ioToposort(xs as Variable[], [out]).map((n) => n.op);
    return out;
  }, c.pt, c.options);
  expect(ops.some((op) => op instanceof cls)).toBe(true);
}

describe('verifyGrad of the tensor Ops', () => {
  for (const [name, cases] of Object.entries(VERIFIED)) {
    const cls = exportedOps.find(([k]) => k === name)?.[1];
    describe(name, () => {
      for (const c of cases) it(c.note, () => run(cls!, c));
    });
  }
});

describe('tensor Op gradient coverage', () => {
  const names = exportedOps.map(([k]) => k);

  it('the tables name exported Op classes only, once each', () => {
    const listed = [...Object.keys(VERIFIED), ...Object.keys(NON_DIFFERENTIABLE), ...Object.keys(TODO)];
    expect(listed.filter((n) => !names.includes(n))).toEqual([]);
    expect(listed.filter((n, i) => listed.indexOf(n) !== i)).toEqual([]);
  });

  it('every exported Op class is in VERIFIED, NON_DIFFERENTIABLE or TODO', () => {
    const unlisted = names.filter((n) => !(n in VERIFIED) && !(n in NON_DIFFERENTIABLE) && !(n in TODO));
    expect(unlisted).toEqual([]);
  });

  for (const [name, why] of Object.entries(TODO)) test.todo(`verifyGrad for ${name}: ${why}`);
});
