import { Rop, grad, hessian, jacobian } from '@proj/gradient';
import * as pt from '@proj/tensor';
import type { DenseCase, DenseInput } from './case-types';

const f64 = (...shape: number[]): DenseInput => ({ dtype: 'float64', shape });
const label = (n: number, ...shape: number[]): DenseInput => ({ dtype: 'int64', shape, range: [0, n] });

/** A small softmax-regression / MLP cost: mean cross-entropy of softmax(tanh(x W1 + b1) W2 + b2). */
function mlpCost(x: pt.TensorVariable, w1: pt.TensorVariable, b1: pt.TensorVariable, w2: pt.TensorVariable, b2: pt.TensorVariable, y: pt.TensorVariable): pt.TensorVariable {
  const h = pt.tanh(pt.dot(x, w1).add(b1));
  const logits = pt.dot(h, w2).add(b2);
  const shifted = logits.sub(logits.max({ axis: 1, keepdims: true }));
  const logp = shifted.sub(pt.log(shifted.exp().sum({ axis: 1, keepdims: true })));
  const n = x.shape.get(0);
  return logp.get(pt.arange(n), y).mean().neg();
}

/**
 * The gradient graphs of the conformance table: grad of a small model with
 * respect to its parameters, jacobian, hessian, Rop, and gradients through
 * indexing and reductions (the graphs the rewrites change most).
 *
 * @example
 * gradientCases.map((c) => c.name);
 */
export const gradientCases: readonly DenseCase[] = [
  {
    name: 'grad of a 2-layer MLP cost w.r.t. 4 parameters',
    family: 'gradient',
    inputs: [f64(6, 5), f64(5, 4), f64(4), f64(4, 3), f64(3), label(3, 6)],
    graph: (x, w1, b1, w2, b2, y) => {
      const cost = mlpCost(x, w1, b1, w2, b2, y);
      return [cost, ...grad(cost, [w1, b1, w2, b2])];
    },
  },
  { name: 'grad of sum(exp(x) * y) and of a log1p', family: 'gradient', inputs: [f64(4), f64(4)], graph: (x, y) => [...grad(x.exp().mul(y).sum(), [x, y]), grad(pt.log(x.sqr().add(1)).sum(), x)] },
  { name: 'jacobian of tanh(A x)', family: 'gradient', inputs: [f64(3, 4), f64(4)], graph: (a, x) => jacobian(pt.tanh(pt.dot(a, x)), x) },
  { name: 'hessian of a quadratic-plus-exp', family: 'gradient', inputs: [f64(3), f64(3, 3)], graph: (x, a) => hessian(pt.dot(x, pt.dot(a, x)).add(x.exp().sum()), x) },
  { name: 'Rop of a matrix product chain', family: 'gradient', inputs: [f64(3, 4), f64(4, 2), f64(3, 4)], graph: (w, v, e) => Rop(pt.tanh(pt.dot(w, v)), w, e) },
  { name: 'grad through subtensor, incSubtensor and reductions', family: 'gradient', inputs: [f64(4, 3), f64(3)], graph: (a, b) => grad(a.get('1:3').inc(b).max({ axis: 1 }).sum().add(a.get(0).sqr().sum()), [a, b]) },
];
