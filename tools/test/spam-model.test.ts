import * as sp from '@proj/sparse';
import * as pt from '@proj/tensor';
import { backendCompileOptions } from '../src/spam/backend';
import { compileLogistic, logisticGraph } from '../src/spam/model';

// A 4 x 3 batch: rows 0 and 2 are "spam" (y = 1).
const dense = [
  [1, 0, 2],
  [0, 3, 0],
  [4, 0, 0],
  [0, 0.5, 1],
];
const y = new Float64Array([1, 0, 1, 0]);

function values(v: pt.TensorSharedVariable): number[] {
  return pt.toNested(v.getValue()) as number[];
}

describe('spam model: logistic regression as a graph', () => {
  it('starts at loss ln 2 and takes Adam\'s first step from the gradient computed in plain JS', () => {
    const lr = 0.1;
    const l2 = 0.01;
    const model = compileLogistic({ nFeatures: 3, lr, l2 });
    const x = sp.csrMatrix(dense);
    const loss = model.trainStep(x, y);
    // w = 0, b = 0: every probability is 1/2, so the mean cross-entropy is ln 2.
    expect(loss).toBeCloseTo(Math.LN2, 12);
    // d loss / d w_j = mean_i (sigmoid(0) - y_i) x_ij (+ l2 * w_j = 0); d loss / d b = mean_i (1/2 - y_i).
    const gw = [0, 1, 2].map((j) => dense.reduce((s, row, i) => s + (0.5 - y[i]!) * row[j]!, 0) / 4);
    const gb = dense.reduce((s, _row, i) => s + (0.5 - y[i]!), 0) / 4;
    // Adam at t = 1: m = 0.1 g, v = 0.001 g^2, bias-corrected step lr * sqrt(0.001) / 0.1.
    const step = (g: number) => (lr * Math.sqrt(0.001) / 0.1) * (0.1 * g) / (Math.sqrt(0.001 * g * g) + 1e-8);
    const w = values(model.w);
    gw.forEach((g, j) => expect(w[j]).toBeCloseTo(-step(g), 12));
    expect(Number(model.b.getValue().get())).toBeCloseTo(-step(gb), 12);
  });

  it('fits a separable batch: the loss falls and the predictions match the labels', () => {
    const model = compileLogistic({ nFeatures: 3, lr: 0.1, l2: 1e-4 });
    const x = sp.csrMatrix(dense);
    const first = model.trainStep(x, y);
    let last = first;
    for (let k = 0; k < 200; k++) last = model.trainStep(x, y);
    expect(last).toBeLessThan(first / 10);
    const p = model.predictProba(x);
    expect(Array.from(p, (v) => (v > 0.5 ? 1 : 0))).toEqual([1, 0, 1, 0]);
  });

  it('predicts sigmoid(X w + b) for given weights', () => {
    const model = compileLogistic({ nFeatures: 3, lr: 0.1, l2: 0 });
    model.w.setValue([0.5, -1, 0.25]);
    model.b.setValue(-0.2);
    const p = model.predictProba(sp.csrMatrix(dense));
    const expected = dense.map((row) => 1 / (1 + Math.exp(-(row[0]! * 0.5 - row[1]! + row[2]! * 0.25 - 0.2))));
    expected.forEach((e, i) => expect(p[i]).toBeCloseTo(e, 12));
  });

  it('trains to the same weights on the WASM backend as on the JS one', () => {
    const x = sp.csrMatrix(dense);
    const run = (backend: 'js' | 'wasm') => {
      const model = compileLogistic({ nFeatures: 3, lr: 0.1, l2: 0.01, compileOptions: backendCompileOptions(backend) });
      const losses = Array.from({ length: 20 }, () => model.trainStep(x, y));
      return { losses, w: values(model.w), b: Number(model.b.getValue().get()), p: Array.from(model.predictProba(x)) };
    };
    const js = run('js');
    const wasm = run('wasm');
    js.losses.forEach((l, k) => expect(wasm.losses[k]).toBeCloseTo(l, 12));
    js.w.forEach((v, j) => expect(wasm.w[j]).toBeCloseTo(v, 12));
    expect(wasm.b).toBeCloseTo(js.b, 12);
    js.p.forEach((v, i) => expect(wasm.p[i]).toBeCloseTo(v, 12));
    expect(js.losses[19]).toBeLessThan(js.losses[0]!);
  });

  it('rejects a vocabulary size that is not a positive integer', () => {
    expect(() => logisticGraph(0, 0)).toThrow(/nFeatures/);
    expect(() => compileLogistic({ nFeatures: 3, lr: 0, l2: 0 })).toThrow(/lr/);
  });
});
