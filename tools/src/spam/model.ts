/**
 * L2-regularised logistic regression written as a symbolic graph: the batch X
 * is a symbolic CSR matrix, the weights and bias are shared variables, the
 * gradient comes from @proj/gradient and the training step is one compiled
 * function whose updates (Adam) rewrite the shared variables in place of a
 * hand-written optimiser loop.
 */
import { grad } from '@proj/gradient';
import { ArgumentError, type Variable } from '@proj/graph';
import * as pt from '@proj/tensor';
import * as sp from '@proj/sparse';
import { compile, type CompileOptions, type CompiledFunction } from '@proj/backend-js';

/** Hyper-parameters of the model and of its Adam updates. */
export interface LogisticOptions {
  /** Number of columns of X (the vocabulary size). */
  nFeatures: number;
  /** Adam's step size. */
  lr: number;
  /** The L2 penalty: loss = mean(BCE) + l2 / 2 * sum(w^2). */
  l2: number;
  /** Adam's decay rates and epsilon (defaults 0.9, 0.999, 1e-8). */
  beta1?: number;
  beta2?: number;
  epsilon?: number;
  /** Extra options for compile() (the backend's linker, a mode). */
  compileOptions?: CompileOptions;
}

/** A compiled model: a training step, a predictor, and the time compiling took. */
export interface LogisticModel {
  /** One Adam step on the batch (X, y); returns the batch's loss. */
  trainStep(x: sp.CSRMatrix, y: Float64Array): number;
  /** P(spam) for every row of X. */
  predictProba(x: sp.CSRMatrix): Float64Array;
  /** The shared weights (a vector of nFeatures) and bias (a scalar). */
  readonly w: pt.TensorSharedVariable;
  readonly b: pt.TensorSharedVariable;
  /** Seconds spent in compile() for both functions. */
  readonly compileSeconds: number;
  /** Nodes the VM runs per call of the training step and of the predictor (after rewriting). */
  readonly stepNodes: number;
  readonly predictNodes: number;
}

/** The symbolic pieces, exposed for printing and tests. */
export interface LogisticGraph {
  x: sp.SparseVariable;
  y: pt.TensorVariable;
  w: pt.TensorSharedVariable;
  b: pt.TensorSharedVariable;
  logits: pt.TensorVariable;
  loss: pt.TensorVariable;
  proba: pt.TensorVariable;
}

/**
 * Builds the graph of the model: logits = structuredDot(X, w) + b and the mean
 * binary cross-entropy written as softplus(z) - y * z, which equals
 * -[y log sigmoid(z) + (1 - y) log(1 - sigmoid(z))] without ever taking the log
 * of a rounded-to-zero probability.
 *
 * @example
 * const g = logisticGraph(1000, 1e-4);
 * grad(g.loss, [g.w, g.b]);
 */
export function logisticGraph(nFeatures: number, l2: number): LogisticGraph {
  if (!Number.isInteger(nFeatures) || nFeatures < 1) {
    throw new ArgumentError({ op: 'logisticGraph', argument: 'nFeatures', expected: 'a positive integer', given: String(nFeatures) });
  }
  if (!(l2 >= 0)) throw new ArgumentError({ op: 'logisticGraph', argument: 'l2', expected: 'a number >= 0', given: String(l2) });
  const x = sp.csrMatrix('X', 'float64');
  const y = pt.dvector('y');
  const w = pt.shared(pt.zerosArray('float64', [nFeatures]), { name: 'w', dtype: 'float64' });
  const b = pt.shared(0, { name: 'b', dtype: 'float64' });
  // StructuredDot wants a dense matrix: w as a (nFeatures, 1) column, the result flattened back.
  const xw = sp.structuredDot(x, w.dimshuffle(0, 'x')) as pt.TensorVariable;
  const logits = pt.flatten(xw).add(b);
  logits.name = 'logits';
  const bce = pt.mean(pt.softplus(logits).sub(y.mul(logits)));
  const loss = bce.add(pt.sum(w.sqr()).mul(l2 / 2));
  loss.name = 'loss';
  const proba = pt.sigmoid(logits);
  proba.name = 'p_spam';
  return { x, y, w, b, logits, loss, proba };
}

/** Adam's update expressions for one parameter (moment estimates kept in new shared variables). */
function adamUpdates(param: pt.TensorSharedVariable, g: pt.TensorVariable, t: pt.TensorVariable, o: Required<Pick<LogisticOptions, 'lr' | 'beta1' | 'beta2' | 'epsilon'>>): [Variable, Variable][] {
  const shape = param.getValue().shape;
  const m = pt.shared(pt.zerosArray('float64', shape), { name: `m_${param.name}`, dtype: 'float64' });
  const v = pt.shared(pt.zerosArray('float64', shape), { name: `v_${param.name}`, dtype: 'float64' });
  const mNew = m.mul(o.beta1).add(g.mul(1 - o.beta1));
  const vNew = v.mul(o.beta2).add(g.sqr().mul(1 - o.beta2));
  // Bias-corrected step size: lr * sqrt(1 - beta2^t) / (1 - beta1^t).
  const stepSize = pt.sqrt(pt.sub(1, pt.pow(o.beta2, t))).div(pt.sub(1, pt.pow(o.beta1, t))).mul(o.lr);
  const pNew = param.sub(stepSize.mul(mNew).div(pt.sqrt(vNew).add(o.epsilon)));
  return [[m, mNew], [v, vNew], [param, pNew]];
}

/**
 * Compiles the model: a training step with Adam updates of w and b, and a
 * predictor of P(spam).
 *
 * @example
 * const model = compileLogistic({ nFeatures: x.shape[1], lr: 0.05, l2: 1e-5 });
 * model.trainStep(xBatch, yBatch); // the batch loss
 * model.predictProba(xTest);        // Float64Array of probabilities
 */
export function compileLogistic(options: LogisticOptions): LogisticModel {
  const { nFeatures, l2 } = options;
  if (!(options.lr > 0)) throw new ArgumentError({ op: 'compileLogistic', argument: 'lr', expected: 'a number > 0', given: String(options.lr) });
  const hyper = { lr: options.lr, beta1: options.beta1 ?? 0.9, beta2: options.beta2 ?? 0.999, epsilon: options.epsilon ?? 1e-8 };
  const g = logisticGraph(nFeatures, l2);
  const [gw, gb] = grad(g.loss, [g.w, g.b]) as [pt.TensorVariable, pt.TensorVariable];
  const t = pt.shared(0, { name: 't', dtype: 'float64' });
  const tNew = t.add(1);
  const updates: [Variable, Variable][] = [[t, tNew], ...adamUpdates(g.w, gw, tNew, hyper), ...adamUpdates(g.b, gb, tNew, hyper)];
  const extra = options.compileOptions ?? {};
  const t0 = performance.now();
  const step = compile([g.x, g.y], g.loss, { ...extra, updates, name: 'trainStep' });
  const predict = compile([g.x], g.proba, { ...extra, name: 'predictProba' });
  const compileSeconds = (performance.now() - t0) / 1e3;
  return {
    trainStep: (x, y) => scalarOf(step, x, y),
    predictProba: (x) => vectorOf(predict, x),
    w: g.w,
    b: g.b,
    compileSeconds,
    stepNodes: step.maker.schedule.length,
    predictNodes: predict.maker.schedule.length,
  };
}

function scalarOf(f: CompiledFunction, ...args: unknown[]): number {
  const out = f(...args) as pt.NDArray;
  return Number(out.get());
}

function vectorOf(f: CompiledFunction, ...args: unknown[]): Float64Array {
  const out = f(...args) as pt.NDArray;
  const r = pt.rawView(out);
  const data = r.data as Float64Array;
  const n = out.shape[0]!;
  const res = new Float64Array(n);
  for (let i = 0; i < n; i++) res[i] = data[r.offset + i * r.strides[0]!]!;
  return res;
}
