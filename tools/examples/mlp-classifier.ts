/**
 * A dense MLP classifier: three Gaussian blobs in 2-D, one tanh hidden layer,
 * softmax cross-entropy, gradients from @proj/gradient and SGD updates of
 * shared parameters compiled into one training step.
 *
 *   pnpm example:mlp             (EPOCHS=200 HIDDEN=32 N=600 to change the size)
 */
import { compile } from '@proj/backend-js';
import { grad } from '@proj/gradient';
import * as pt from '@proj/tensor';
import { Prng } from '../src/prng';

/** What the example reports. */
export interface MlpResult {
  trainAccuracy: number;
  testAccuracy: number;
  firstLoss: number;
  lastLoss: number;
  compileMs: number;
}

/** Three seeded Gaussian blobs, `n` points each, with their labels. */
function blobs(rng: Prng, n: number): { x: number[][]; y: number[] } {
  const centres = [
    [0, 2.5],
    [-2.2, -1.2],
    [2.2, -1.2],
  ];
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = i % 3;
    x.push([centres[c]![0]! + rng.gaussian(), centres[c]![1]! + rng.gaussian()]);
    y.push(c);
  }
  return { x, y };
}

/**
 * Trains the MLP and returns its accuracies.
 *
 * @example
 * run({ n: 300, epochs: 50 }).testAccuracy; // about 0.95
 */
export function run(options: { n?: number; hidden?: number; epochs?: number; lr?: number; seed?: number } = {}): MlpResult {
  const { n = 600, hidden = 32, epochs = 200, lr = 0.5, seed = 1 } = options;
  const rng = new Prng(seed);
  const train = blobs(rng, n);
  const test = blobs(rng, n);
  const init = (rows: number, cols: number) => pt.toNDArray(Array.from({ length: rows }, () => Array.from({ length: cols }, () => rng.gaussian() / Math.sqrt(rows))), 'float64');

  const x = pt.dmatrix('x');
  const y = pt.ivector('y');
  const w1 = pt.shared(init(2, hidden), { name: 'w1' });
  const b1 = pt.shared(pt.zerosArray('float64', [hidden]), { name: 'b1' });
  const w2 = pt.shared(init(hidden, 3), { name: 'w2' });
  const b2 = pt.shared(pt.zerosArray('float64', [3]), { name: 'b2' });
  const h = pt.tanh(pt.dot(x, w1).add(b1));
  const logits = pt.dot(h, w2).add(b2);
  // log softmax, shifted by the row max for stability
  const shifted = logits.sub(pt.max(logits, { axis: 1, keepdims: true }));
  const logp = shifted.sub(pt.log(pt.sum(pt.exp(shifted), { axis: 1, keepdims: true })));
  const loss = pt.mean(logp.get(pt.arange(y.shape.get(0)), y)).neg();
  const params = [w1, b1, w2, b2];
  const grads = grad(loss, params);
  const t0 = performance.now();
  const step = compile([x, y], loss, { updates: params.map((p, i) => [p, p.sub(grads[i]!.mul(lr))] as const) });
  const predict = compile([x], pt.argmax(logits, { axis: 1 }));
  const compileMs = performance.now() - t0;

  const xs = pt.toNDArray(train.x, 'float64');
  const ys = pt.toNDArray(train.y, 'int32');
  let firstLoss = NaN;
  let lastLoss = NaN;
  for (let e = 0; e < epochs; e++) {
    lastLoss = pt.toNested(step(xs, ys) as pt.NDArray) as number;
    if (e === 0) firstLoss = lastLoss;
  }
  const accuracy = (data: { x: number[][]; y: number[] }) => {
    const pred = pt.toNested(predict(pt.toNDArray(data.x, 'float64')) as pt.NDArray) as (number | bigint)[];
    return pred.filter((p, i) => Number(p) === data.y[i]).length / data.y.length;
  };
  return { trainAccuracy: accuracy(train), testAccuracy: accuracy(test), firstLoss, lastLoss, compileMs };
}

if (require.main === module) {
  const r = run({ n: Number(process.env.N ?? 600), hidden: Number(process.env.HIDDEN ?? 32), epochs: Number(process.env.EPOCHS ?? 200) });
  console.log(`MLP on three Gaussian blobs: loss ${r.firstLoss.toFixed(3)} -> ${r.lastLoss.toFixed(3)}; accuracy train ${(100 * r.trainAccuracy).toFixed(1)}%, test ${(100 * r.testAccuracy).toFixed(1)}%; compile ${r.compileMs.toFixed(0)} ms`);
}
