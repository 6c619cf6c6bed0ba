/**
 * The project's main job (`npm run main`), a placeholder until the higher
 * packages exist (a later issue makes it the spam classifier): builds a small
 * tensor graph with @proj/tensor, prints it with debugprint, and evaluates it
 * with the reference evaluator of @proj/graph.
 */
import { debugprint } from '@proj/graph';
import * as pt from '@proj/tensor';

// A logistic-regression score: sigmoid(x @ w + b), written elementwise for now
// (dot arrives with the linear-algebra issue): sum(x * w, axis=1) + b.
const x = pt.dmatrix('x');
const w = pt.dvector('w');
const b = pt.dscalar('b');
const score = pt.sigmoid(x.mul(w).sum({ axis: 1 }).add(b));
score.name = 'p';

console.log('The graph:');
console.log(debugprint(score, { printType: true }));

const inputs = { x: [[1, 2], [3, -4], [0, 0]], w: [0.5, -0.25], b: 0.1 };
const p = pt.toNested(score.eval(inputs)) as number[];
console.log(`\nEvaluated at x = ${JSON.stringify(inputs.x)}, w = ${JSON.stringify(inputs.w)}, b = ${inputs.b}:`);
console.log(`p = [${p.map((v) => v.toFixed(6)).join(', ')}]`);

// The same numbers computed directly, as a check the job prints.
const expected = inputs.x.map((row) => 1 / (1 + Math.exp(-(row[0]! * 0.5 + row[1]! * -0.25 + 0.1))));
const worst = Math.max(...p.map((v, i) => Math.abs(v - expected[i]!)));
console.log(`largest difference from a plain JS computation: ${worst.toExponential(2)}`);
if (worst > 1e-12) {
  console.error('main: the graph disagrees with the plain computation');
  process.exit(1);
}
