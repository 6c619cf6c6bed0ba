import type { Variable } from '@proj/graph';
import * as pt from '@proj/tensor';

/** The random values an input of a conformance case gets. */
export interface CaseInput {
  readonly dtype: pt.Dtype;
  /** The runtime shape of the random value. */
  readonly shape: readonly number[];
  /** The static shape of the input's Type (default: every length unknown). */
  readonly typeShape?: readonly (number | null)[];
  /** Value range: [lo, hi) (default [-2, 2) for floats, [-5, 5] for integers). */
  readonly range?: readonly [number, number];
}

/** One graph of the conformance table. */
export interface ConformanceCase {
  readonly name: string;
  readonly family: 'elemwise' | 'reduction' | 'shape' | 'indexing' | 'dot';
  readonly inputs: readonly CaseInput[];
  /** Builds the outputs from the input Variables (one TensorVariable per entry of `inputs`). */
  readonly graph: (...xs: pt.TensorVariable[]) => Variable | readonly Variable[];
}

const f64 = (...shape: number[]): CaseInput => ({ dtype: 'float64', shape });
const f32 = (...shape: number[]): CaseInput => ({ dtype: 'float32', shape });
const pos = (...shape: number[]): CaseInput => ({ dtype: 'float64', shape, range: [0.25, 3] });
const i32 = (...shape: number[]): CaseInput => ({ dtype: 'int32', shape });
const i64 = (...shape: number[]): CaseInput => ({ dtype: 'int64', shape });
const index = (n: number, ...shape: number[]): CaseInput => ({ dtype: 'int64', shape, range: [0, n] });

/**
 * The table of graphs every backend must compute exactly as the reference
 * evaluator does (to floating-point tolerance): elementwise chains with
 * broadcasting and dtype promotion, reductions, shape Ops, basic and advanced
 * indexing, and products.
 *
 * @example
 * for (const c of conformanceCases) console.log(c.family, c.name);
 */
export const conformanceCases: readonly ConformanceCase[] = [
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
];
