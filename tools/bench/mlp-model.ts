/**
 * The 2-layer MLP the benchmarks share (issue 8: 784-256-10, batch 128):
 * tanh hidden layer, softmax cross-entropy written out with the max shift.
 */
import * as pt from '@proj/tensor';

/** Mean softmax cross-entropy of softmax(tanh(x W1 + b1) W2 + b2) against integer labels y. */
export function mlpCost(x: pt.TensorVariable, y: pt.TensorVariable, w1: pt.TensorVariable, b1: pt.TensorVariable, w2: pt.TensorVariable, b2: pt.TensorVariable): pt.TensorVariable {
  const h = pt.tanh(pt.dot(x, w1).add(b1));
  const logits = pt.dot(h, w2).add(b2);
  const shifted = logits.sub(logits.max({ axis: 1, keepdims: true }));
  const logp = shifted.sub(pt.log(shifted.exp().sum({ axis: 1, keepdims: true })));
  return logp.get(pt.arange(x.shape.get(0)), y).mean().neg();
}

/** The same model as NumPy code: forward, hand-written backward and SGD step (for the peer timing). */
export const NUMPY_MLP_STEP = `
def step(x, y, W1, b1, W2, b2, lr):
    n = x.shape[0]
    a = x @ W1 + b1
    h = np.tanh(a)
    logits = h @ W2 + b2
    shifted = logits - logits.max(axis=1, keepdims=True)
    e = np.exp(shifted)
    s = e.sum(axis=1, keepdims=True)
    logp = shifted - np.log(s)
    cost = -logp[np.arange(n), y].mean()
    g = e / s
    g[np.arange(n), y] -= 1
    g /= n
    gW2 = h.T @ g
    gb2 = g.sum(axis=0)
    gh = g @ W2.T
    ga = gh * (1 - h * h)
    gW1 = x.T @ ga
    gb1 = ga.sum(axis=0)
    W1 -= lr * gW1; b1 -= lr * gb1; W2 -= lr * gW2; b2 -= lr * gb2
    return cost
`;
