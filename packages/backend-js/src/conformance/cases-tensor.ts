import * as pt from '@proj/tensor';
import type { DenseCase, DenseInput } from './case-types';

const f64 = (...shape: number[]): DenseInput => ({ dtype: 'float64', shape });
const f32 = (...shape: number[]): DenseInput => ({ dtype: 'float32', shape });
const pos = (...shape: number[]): DenseInput => ({ dtype: 'float64', shape, range: [0.25, 3] });
const i32 = (...shape: number[]): DenseInput => ({ dtype: 'int32', shape });
const i64 = (...shape: number[]): DenseInput => ({ dtype: 'int64', shape });
const index = (n: number, ...shape: number[]): DenseInput => ({ dtype: 'int64', shape, range: [0, n] });

/**
 * The dense tensor graphs of the conformance table: elementwise chains with
 * broadcasting and dtype promotion, special functions, reductions, shape and
 * join Ops, basic and advanced indexing, products (dot, gemm-shaped
 * expressions, batched), and the extra Ops (sort, take, cumulative, ...).
 *
 * @example
 * for (const c of tensorCases) console.log(c.family, c.name);
 */
export const tensorCases: readonly DenseCase[] = [
  // Elementwise
  { name: 'add', family: 'elemwise', inputs: [f64(3, 4), f64(3, 4)], graph: (a, b) => a.add(b) },
  { name: 'scalar add', family: 'elemwise', inputs: [f64(), f64()], graph: (a, b) => a.add(b) },
  { name: 'chain exp(a*b)-c/2', family: 'elemwise', inputs: [f64(5), f64(5), f64(5)], graph: (a, b, c) => a.mul(b).exp().sub(c.div(2)) },
  { name: 'log, sqrt of positive', family: 'elemwise', inputs: [pos(4, 3)], graph: (a) => [pt.log(a), pt.sqrt(a), a.pow(1.5)] },
  { name: 'tanh, sigmoid, neg, abs', family: 'elemwise', inputs: [f64(7)], graph: (a) => [a.tanh(), a.sigmoid(), a.neg(), a.abs()] },
  { name: 'broadcast row + col', family: 'elemwise', inputs: [{ dtype: 'float64', shape: [1, 4], typeShape: [1, null] }, { dtype: 'float64', shape: [3, 1], typeShape: [null, 1] }], graph: (a, b) => a.add(b) },
  { name: 'broadcast matrix * vector', family: 'elemwise', inputs: [f64(3, 4), f64(4)], graph: (a, b) => a.mul(b) },
  { name: 'float32 chain', family: 'elemwise', inputs: [f32(6), f32(6)], graph: (a, b) => a.mul(b).add(a).tanh() },
  { name: 'int32 arithmetic', family: 'elemwise', inputs: [i32(5), i32(5)], graph: (a, b) => [a.add(b), a.mul(b).sub(a), a.neg()] },
  { name: 'int64 exact', family: 'elemwise', inputs: [i64(4), i64(4)], graph: (a, b) => a.mul(b).add(a) },
  { name: 'int32 + float64 promotes', family: 'elemwise', inputs: [i32(3), f64(3)], graph: (a, b) => a.add(b) },
  { name: 'comparisons and switch', family: 'elemwise', inputs: [f64(6), f64(6)], graph: (a, b) => [a.gt(b), pt.switch(a.lt(b), a, b), pt.maximum(a, b)] },
  { name: 'strided and offset views', family: 'elemwise', inputs: [f64(3, 2), f64(2, 3), f64(4, 3)], graph: (a, b, c) => [a.T.mul(b), c.get('1:').add(a.T.sum({ axis: 0 })), c.get('::2').exp()] },
  { name: 'float32 unary on a matrix', family: 'elemwise', inputs: [f32(3, 3)], graph: (a) => [a.exp(), a.sqr().neg()] },
  // Reductions
  { name: 'sum all', family: 'reduction', inputs: [f64(3, 4)], graph: (a) => a.sum() },
  { name: 'sum axis 0 and 1', family: 'reduction', inputs: [f64(3, 4)], graph: (a) => [a.sum({ axis: 0 }), a.sum({ axis: 1 })] },
  { name: 'max, min, mean', family: 'reduction', inputs: [f64(2, 3, 4)], graph: (a) => [a.max({ axis: 1 }), a.min(), a.mean({ axis: [0, 2] })] },
  { name: 'prod and keepdims', family: 'reduction', inputs: [f64(3, 3)], graph: (a) => [a.prod({ axis: 0 }), a.sum({ axis: 1, keepdims: true })] },
  { name: 'argmax', family: 'reduction', inputs: [f64(4, 5)], graph: (a) => a.argmax({ axis: 1 }) },
  { name: 'int32 sum', family: 'reduction', inputs: [i32(4, 3)], graph: (a) => a.sum({ axis: 0 }) },
  { name: 'cumsum', family: 'reduction', inputs: [f64(6)], graph: (a) => a.cumsum() },
  // Shapes
  { name: 'reshape', family: 'shape', inputs: [f64(3, 4)], graph: (a) => [a.reshape([2, 6]), a.reshape([-1]), a.reshape([4, -1])] },
  { name: 'transpose and dimshuffle', family: 'shape', inputs: [f64(2, 3)], graph: (a) => [a.T, a.dimshuffle(1, 'x', 0)] },
  { name: 'flatten of a transposed view', family: 'shape', inputs: [f64(3, 2)], graph: (a) => a.T.flatten() },
  { name: 'concatenate and stack', family: 'shape', inputs: [f64(2, 3), f64(2, 3)], graph: (a, b) => [pt.concatenate([a, b], { axis: 1 }), pt.stack([a, b])] },
  { name: 'shape of', family: 'shape', inputs: [f64(3, 5)], graph: (a) => a.shape },
  // Indexing
  { name: 'basic slices', family: 'indexing', inputs: [f64(5, 4)], graph: (a) => [a.get('1:4'), a.get(':', '::-1'), a.get(2), a.get(-1, '1:')] },
  { name: 'advanced integer index', family: 'indexing', inputs: [f64(5, 3), index(5, 4)], graph: (a, i) => a.get(i) },
  { name: 'setSubtensor and incSubtensor', family: 'indexing', inputs: [f64(4, 3), f64(3)], graph: (a, b) => [a.get(1).set(b), a.get('1:3').inc(b)] },
  { name: 'advanced inc', family: 'indexing', inputs: [f64(5), index(5, 6), f64(6)], graph: (a, i, b) => a.get(i).inc(b) },
  // Products
  { name: 'matrix @ matrix', family: 'dot', inputs: [f64(3, 4), f64(4, 2)], graph: (a, b) => pt.dot(a, b) },
  { name: 'matrix @ vector and vector @ vector', family: 'dot', inputs: [f64(3, 4), f64(4)], graph: (a, v) => [pt.dot(a, v), pt.dot(v, v)] },
  { name: 'float32 dot', family: 'dot', inputs: [f32(5, 5), f32(5, 5)], graph: (a, b) => pt.dot(a, b.T) },
  { name: 'outer and sum of product', family: 'dot', inputs: [f64(3), f64(4)], graph: (a, b) => [pt.outer(a, b), pt.dot(pt.outer(a, b), b).sum()] },
  // Special functions and expressions the stabilize/canonicalize rewrites change
  { name: 'erf, gammaln, softplus, log1mexp', family: 'special', inputs: [pos(5)], graph: (a) => [pt.erf(a), pt.gammaln(a), pt.softplus(a.neg()), pt.log1mexp(a.neg())] },
  { name: 'log(1+x), exp(x)-1', family: 'special', inputs: [pos(6)], graph: (a) => [pt.log(a.add(1)), a.exp().sub(1), pt.log(pt.add(1, a.mul(1e-3)))] },
  { name: 'log(sigmoid(x)), log(1-sigmoid(x))', family: 'special', inputs: [f64(6)], graph: (a) => [pt.log(a.sigmoid()), pt.log(pt.sub(1, a.sigmoid()))] },
  { name: 'logsumexp written out', family: 'special', inputs: [f64(3, 4)], graph: (a) => pt.log(a.exp().sum({ axis: 1 })) },
  { name: 'algebraic identities x*1, x+0, x-x, --x, x**2, x/2', family: 'elemwise', inputs: [f64(4), f64(4)], graph: (a, b) => [a.mul(1).add(0), a.sub(a).add(b), a.neg().neg(), a.pow(2), a.pow(3), b.div(2), a.mul(2).mul(3).add(b.mul(0))] },
  { name: 'rounding, clip, sign', family: 'elemwise', inputs: [f64(7)], graph: (a) => [pt.round(a.mul(3)), pt.floor(a), pt.ceil(a), pt.clip(a, -0.5, 0.5), pt.sign(a)] },
  { name: 'casts and integer division', family: 'elemwise', inputs: [f64(5), i32(5)], graph: (a, i) => [pt.cast(a.mul(3), 'int32'), pt.cast(i, 'float32'), pt.intDiv(i, 2), pt.mod(i, 3)] },
  { name: 'shared subexpressions (merge)', family: 'elemwise', inputs: [f64(4), f64(4)], graph: (a, b) => { const e1 = a.mul(b).exp(); const e2 = a.mul(b).exp(); return [e1.add(e2), e1.mul(e2)]; } },
  { name: 'long fusable chain with broadcasting', family: 'elemwise', inputs: [f64(3, 4), f64(4), f64()], graph: (a, b, c) => a.exp().mul(b).add(a.tanh()).sub(a.sqr()).mul(c).add(b.sigmoid()) },
  { name: 'fused chain with several clients', family: 'elemwise', inputs: [f64(5), f64(5)], graph: (a, b) => { const t = a.mul(b).add(1); return [t.exp(), t.sqr().sum(), t]; } },
  { name: 'float32 fused chain', family: 'elemwise', inputs: [f32(2, 5), f32(2, 5), f32(2, 5)], graph: (a, b, c) => a.exp().mul(b).add(c.tanh()).sub(a.sqr()) },
  // More reductions
  { name: 'var, std, all, any', family: 'reduction', inputs: [f64(3, 4)], graph: (a) => [pt.var_(a, { axis: 0 }), pt.std(a), pt.all(a.gt(-3)), pt.any(a.gt(1), { axis: 1 })] },
  { name: 'sum of a sum, sum of a broadcast', family: 'reduction', inputs: [f64(2, 3, 4), f64(4)], graph: (a, b) => [a.sum({ axis: 2 }).sum({ axis: 0 }), pt.add(b, pt.zeros([3, 4])).sum({ axis: 0 }), a.mean().mul(a.max())] },
  { name: 'cumprod along an axis', family: 'reduction', inputs: [f64(3, 4)], graph: (a) => pt.cumprod(a, { axis: 1 }) },
  // Joins and extra Ops
  { name: 'join, split, repeat, tile, roll', family: 'join', inputs: [f64(4, 3), f64(2, 3)], graph: (a, b) => [pt.join(0, a, b), ...pt.split(a, [1, 3], { axis: 0 }), pt.repeat(b, 2, { axis: 1 }), pt.tile(b, [2, 1]), pt.roll(a, 1, { axis: 0 })] },
  { name: 'sort, argsort, flip, take', family: 'extra', inputs: [f64(3, 5), index(5, 4)], graph: (a, i) => [pt.sort(a, { axis: 1 }), pt.argsort(a, { axis: 0 }), pt.flip(a, { axis: 1 }), pt.take(a, i, { axis: 1 })] },
  { name: 'diagonal and trace', family: 'extra', inputs: [f64(4, 4)], graph: (a) => [pt.diagonal(a), pt.trace(a)] },
  { name: 'specify shape and alloc', family: 'shape', inputs: [f64(3, 2)], graph: (a) => [pt.specifyShape(a, [3, 2]).mul(2), pt.alloc(a.sum(), 2, 3)] },
  // More products
  { name: 'gemm-shaped: z + a * x @ y', family: 'dot', inputs: [f64(3, 4), f64(4, 5), f64(3, 5)], graph: (x, y, z) => [z.add(pt.dot(x, y).mul(0.5)), pt.dot(x, y).add(z), z.mul(2).sub(pt.dot(x, y))] },
  { name: 'gemv and ger shaped', family: 'dot', inputs: [f64(3, 4), f64(4), f64(3)], graph: (a, v, u) => [u.add(pt.dot(a, v).mul(2)), a.add(pt.outer(u, v))] },
  { name: 'matmul, tensordot, batchedDot', family: 'dot', inputs: [f64(2, 3, 4), f64(2, 4, 2)], graph: (a, b) => [pt.matmul(a, b), pt.batchedDot(a, b), pt.tensordot(a, b, [[2], [1]])] },
];
