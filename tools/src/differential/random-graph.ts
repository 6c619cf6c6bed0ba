/**
 * Random well-typed expression graphs over the tensor Ops, for differential
 * testing. A graph is grown top-down from the shape its output must have, so
 * every node is well typed by construction: elementwise nodes get operands
 * that broadcast to that shape (length-1 and missing leading dimensions),
 * reductions get an operand with one more axis, dot gets (m, k) and (k, n),
 * and so on. Everything follows from one integer seed, so a failure is
 * reproduced from the seed alone.
 */
import { DtypeError } from '@proj/graph';
import * as pt from '@proj/tensor';
import { Prng } from '../prng';

/** What the generator may use. */
export interface GraphOptions {
  /** Leaf dtypes (default: float64, float32, int32, int64, int8, uint8, bool). */
  dtypes?: readonly pt.Dtype[];
  /** Only smooth, differentiable float Ops (for gradient checks). */
  differentiable?: boolean;
  /** Nesting depth bound (default 4). */
  depth?: number;
  /** Allow zero-length dimensions (default true). */
  empty?: boolean;
}

/** A generated graph: its inputs, one output, and input values. */
export interface RandomGraph {
  readonly seed: number;
  readonly inputs: pt.TensorVariable[];
  readonly output: pt.TensorVariable;
  readonly values: pt.NDArray[];
  /** Rebuilds the same expression on other input variables (for verifyGrad). */
  readonly rebuild: (inputs: readonly pt.TensorVariable[]) => pt.TensorVariable;
}

const ALL_DTYPES: readonly pt.Dtype[] = ['float64', 'float32', 'int32', 'int64', 'int8', 'uint8', 'bool'];

type T = pt.TensorVariable;
const UNARY_ANY: readonly [string, (x: T) => T][] = [
  ['neg', (x) => pt.neg(x)],
  ['abs', (x) => pt.abs(x)],
  ['sqr', (x) => pt.sqr(x)],
];
const UNARY_FLOAT: readonly [string, (x: T) => T][] = [
  ['exp', (x) => pt.exp(x)],
  ['tanh', (x) => pt.tanh(x)],
  ['sin', (x) => pt.sin(x)],
  ['cos', (x) => pt.cos(x)],
  ['sigmoid', (x) => pt.sigmoid(x)],
  ['log', (x) => pt.log(x)],
  ['sqrt', (x) => pt.sqrt(x)],
  ['log1p', (x) => pt.log1p(x)],
  ['expm1', (x) => pt.expm1(x)],
  ['softplus', (x) => pt.softplus(x)],
];
const SMOOTH: ReadonlySet<string> = new Set(['neg', 'sqr', 'exp', 'tanh', 'sin', 'cos', 'sigmoid', 'softplus']);
const BINARY: readonly [string, (a: T, b: T) => T][] = [
  ['add', (a, b) => pt.add(a, b)],
  ['sub', (a, b) => pt.sub(a, b)],
  ['mul', (a, b) => pt.mul(a, b)],
  ['trueDiv', (a, b) => pt.trueDiv(a, b)],
  ['maximum', (a, b) => pt.maximum(a, b)],
  ['minimum', (a, b) => pt.minimum(a, b)],
];
const SMOOTH_BINARY: ReadonlySet<string> = new Set(['add', 'sub', 'mul']);
const REDUCE: readonly [string, (x: T, axis: number) => T, boolean][] = [
  ['sum', (x, axis) => pt.sum(x, { axis }), true],
  ['mean', (x, axis) => pt.mean(x, { axis }), true],
  ['prod', (x, axis) => pt.prod(x, { axis }), true],
  ['max', (x, axis) => pt.max(x, { axis }), false],
  ['min', (x, axis) => pt.min(x, { axis }), false],
];

/** Leaf requests recorded while growing, turned into inputs at the end. */
interface Leaf {
  readonly dtype: pt.Dtype;
  readonly shape: number[];
}

type Build = (leaves: readonly T[]) => T;

/**
 * A random well-typed graph from `seed`.
 *
 * @example
 * const g = randomGraph(42);
 * evaluate([g.output], g.inputs.map((v, i) => [v, g.values[i]]));
 */
export function randomGraph(seed: number, options: GraphOptions = {}): RandomGraph {
  // Some draws are ill typed (neg of a bool, say) and the Ops refuse them with a
  // DtypeError: those are drawn again from a seed derived from this one.
  for (let attempt = 0; ; attempt++) {
    try {
      return { ...grown(attempt === 0 ? seed : (seed * 7919 + attempt) >>> 0, options), seed };
    } catch (e) {
      if (!(e instanceof DtypeError) || attempt >= 50) throw e;
    }
  }
}

function grown(seed: number, options: GraphOptions): RandomGraph {
  const rng = new Prng(seed);
  const diff = options.differentiable ?? false;
  const dtypes = diff ? (['float64'] as const) : (options.dtypes ?? ALL_DTYPES);
  // Zero-length dimensions now and then (one draw in eight).
  const sizes = options.empty === false || diff ? [1, 2, 3, 4] : [0, 1, 2, 3, 4, 2, 3, 4];
  const leaves: Leaf[] = [];

  // `exact`: the node must have exactly this shape (not just broadcast to it).
  const leaf = (shape: number[], exact: boolean): Build => {
    // A scalar constant now and then (where broadcasting allows it), else a new input of this shape.
    if (!diff && !exact && rng.next() < 0.15) {
      const dtype = rng.pick(['float64', 'int8', 'float32'] as const);
      const c = rng.pick(dtype === 'int8' ? [2, -1, 3, 1, 0] : [0.5, 2, -1, 3, 1]);
      return () => pt.constant(c, { dtype }) as T;
    }
    const k = leaves.length;
    leaves.push({ dtype: rng.pick(dtypes), shape: [...shape] });
    return (ls) => ls[k]!;
  };

  // A shape that broadcasts to `shape`: some dims 1, maybe fewer leading dims.
  const broadcastable = (shape: number[]): number[] => {
    const s = shape.map((d) => (d !== 1 && rng.next() < 0.25 ? 1 : d));
    const drop = shape.length > 0 && rng.next() < 0.2 ? rng.int(1, shape.length) : 0;
    return s.slice(drop);
  };

  const grow = (shape: number[], depth: number, exact = true): Build => {
    if (depth <= 0 || rng.next() < 0.2) return leaf(shape, exact);
    const r = rng.next();
    if (r < 0.3) {
      const unary = diff ? [...UNARY_ANY, ...UNARY_FLOAT].filter(([n]) => SMOOTH.has(n)) : rng.next() < 0.5 ? UNARY_ANY : UNARY_FLOAT;
      const [, f] = rng.pick(unary);
      const a = grow(shape, depth - 1, exact);
      return (ls) => f(a(ls));
    }
    if (r < 0.6) {
      const [, f] = rng.pick(diff ? BINARY.filter(([n]) => SMOOTH_BINARY.has(n)) : BINARY);
      // At least one operand keeps every dimension of the result.
      const full = rng.next() < 0.5;
      const a = full ? grow(shape, depth - 1, exact) : grow(broadcastable(shape), depth - 1, false);
      const b = full ? grow(broadcastable(shape), depth - 1, false) : grow(shape, depth - 1, exact);
      return (ls) => f(a(ls), b(ls));
    }
    if (r < 0.72) {
      const axis = rng.int(0, shape.length);
      const [, f, emptyOk] = rng.pick(diff ? REDUCE.filter(([n]) => n === 'sum' || n === 'mean') : REDUCE);
      const len = rng.pick(emptyOk ? sizes : sizes.filter((s) => s > 0));
      const inner = [...shape.slice(0, axis), len, ...shape.slice(axis)];
      const a = grow(inner, depth - 1);
      return (ls) => f(a(ls), axis);
    }
    if (r < 0.8 && shape.length >= 2) {
      // transpose of the last two axes
      const inner = [...shape];
      const n = inner.length;
      [inner[n - 2], inner[n - 1]] = [inner[n - 1]!, inner[n - 2]!];
      const perm = [...Array(n).keys()];
      [perm[n - 2], perm[n - 1]] = [perm[n - 1]!, perm[n - 2]!];
      const a = grow(inner, depth - 1);
      return (ls) => a(ls).dimshuffle(...perm);
    }
    if (r < 0.88 && shape.length === 2) {
      const k = rng.pick(sizes);
      const a = grow([shape[0]!, k], depth - 1);
      const b = grow([k, shape[1]!], depth - 1);
      return (ls) => pt.dot(a(ls), b(ls));
    }
    if (r < 0.94 && shape.length >= 1 && !diff) {
      // x[start:start + n] along axis 0
      const start = rng.int(0, 2);
      const inner = [shape[0]! + start + rng.int(0, 2), ...shape.slice(1)];
      const a = grow(inner, depth - 1);
      return (ls) => a(ls).get(pt.slice(start, start + shape[0]!));
    }
    if (!diff) {
      const c = grow(broadcastable(shape), depth - 1, false);
      const a = grow(shape, depth - 1, exact);
      const b = grow(broadcastable(shape), depth - 1, false);
      return (ls) => pt.switch(pt.gt(c(ls), 0), a(ls), b(ls));
    }
    return leaf(shape, exact);
  };

  const ndim = rng.int(0, 3);
  const outShape = Array.from({ length: ndim }, () => rng.pick(sizes));
  const build = grow(outShape, options.depth ?? 4);
  const inputs = leaves.map((l, i) => pt.tensor(`x${i}`, { dtype: l.dtype, shape: l.shape.map((d) => (d === 1 ? 1 : null)) }));
  const values = leaves.map((l) => randomValue(rng, l.dtype, l.shape, diff));
  return { seed, inputs, output: build(inputs), values, rebuild: (ins) => build(ins) };
}

function randomValue(rng: Prng, dtype: pt.Dtype, shape: number[], positive: boolean): pt.NDArray {
  const n = shape.reduce((a, b) => a * b, 1);
  const xs: (number | boolean)[] = [];
  for (let i = 0; i < n; i++) {
    if (dtype === 'bool') xs.push(rng.next() < 0.5);
    else if (dtype === 'uint8') xs.push(rng.int(0, 9));
    else if (dtype.startsWith('int')) xs.push(rng.int(-5, 5));
    else xs.push(positive ? 0.2 + rng.next() : Math.round((rng.next() * 4 - 2) * 1e6) / 1e6);
  }
  // Nested arrays cannot say (0, 3): empty values are made by shape.
  return n === 0 ? pt.zerosArray(dtype, shape) : pt.toNDArray(nest(xs, shape), dtype, { allowDowncast: true });
}

function nest(xs: unknown[], shape: number[]): unknown {
  if (shape.length === 0) return xs[0];
  if (shape.length === 1) return xs;
  const step = xs.length / shape[0]! || 0;
  return Array.from({ length: shape[0]! }, (_, i) => nest(xs.slice(i * step, (i + 1) * step), shape.slice(1)));
}
