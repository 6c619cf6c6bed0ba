/**
 * Newton's method with the exact Hessian: minimises the Rosenbrock function
 * f(x) = sum(100 (x[1:] - x[:-1]^2)^2 + (1 - x[:-1])^2) in n dimensions.
 * One compiled function returns f, its gradient and its Hessian (hessian from
 * @proj/gradient); the Newton step solves H d = -g (a small dense solve here).
 *
 *   pnpm example:newton          (N=10 to change the dimension)
 */
import { compile } from '@proj/backend-js';
import { grad, hessian } from '@proj/gradient';
import * as pt from '@proj/tensor';

/** What the example reports. */
export interface NewtonResult {
  x: number[];
  iterations: number;
  values: number[];
  gradNorm: number;
}

/** Solves A d = b for a small dense symmetric A by Gaussian elimination with partial pivoting. */
export function solveDense(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[p]![c]!)) p = r;
    [m[c], m[p]] = [m[p]!, m[c]!];
    for (let r = c + 1; r < n; r++) {
      const f = m[r]![c]! / m[c]![c]!;
      for (let k = c; k <= n; k++) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  const d = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = m[r]![n]!;
    for (let k = r + 1; k < n; k++) s -= m[r]![k]! * d[k]!;
    d[r] = s / m[r]![r]!;
  }
  return d;
}

/**
 * Runs Newton's method (with a backtracking line search) from x0 = 0.
 *
 * @example
 * run({ n: 4 }).x; // close to [1, 1, 1, 1]
 */
export function run(options: { n?: number; maxIter?: number; tol?: number } = {}): NewtonResult {
  const { n = 10, maxIter = 100, tol = 1e-10 } = options;
  const x = pt.dvector('x');
  const head = x.get(pt.slice(null, -1));
  const tail = x.get(pt.slice(1, null));
  const f = pt.sum(pt.sqr(tail.sub(pt.sqr(head))).mul(100).add(pt.sqr(pt.sub(1, head))));
  const fgh = compile([x], [f, grad(f, x), hessian(f, x)]);
  const fOnly = compile([x], f);
  let xs = new Array<number>(n).fill(0);
  const values: number[] = [];
  let gradNorm = Infinity;
  let it = 0;
  for (; it < maxIter; it++) {
    const [fv, gv, hv] = fgh(pt.toNDArray(xs, 'float64')) as pt.NDArray[];
    const g = pt.toNested(gv!) as number[];
    values.push(pt.toNested(fv!) as number);
    gradNorm = Math.hypot(...g);
    if (gradNorm < tol) break;
    const d = solveDense(pt.toNested(hv!) as number[][], g.map((v) => -v));
    // Backtracking: Newton's step is not a descent direction far from the minimum.
    let t = 1;
    const descent = d.reduce((s, di, i) => s + di * g[i]!, 0) < 0;
    const dir = descent ? d : g.map((v) => -v);
    while (t > 1e-8 && (pt.toNested(fOnly(pt.toNDArray(xs.map((xi, i) => xi + t * dir[i]!), 'float64')) as pt.NDArray) as number) > values[values.length - 1]! + 1e-4 * t * dir.reduce((s, di, i) => s + di * g[i]!, 0)) t /= 2;
    xs = xs.map((xi, i) => xi + t * dir[i]!);
  }
  return { x: xs, iterations: it, values, gradNorm };
}

if (require.main === module) {
  const r = run({ n: Number(process.env.N ?? 10) });
  console.log(`Newton on the ${r.x.length}-D Rosenbrock function: ${r.iterations} iterations, f ${r.values[0]!.toExponential(2)} -> ${r.values[r.values.length - 1]!.toExponential(2)}, |grad| ${r.gradNorm.toExponential(1)}`);
  console.log(`x = [${r.x.map((v) => v.toFixed(6)).join(', ')}]`);
}
