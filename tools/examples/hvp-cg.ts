/**
 * Hessian-vector products without the Hessian: Hv = Rop(grad(f, w), w, v)
 * (forward mode over reverse mode), used by conjugate gradient to solve the
 * Newton system H d = -g of an L2-regularised logistic regression (a
 * "Hessian-free" / truncated Newton step). The answer is checked against the
 * solve with the explicit Hessian.
 *
 *   pnpm example:hvp             (DIM=50 N=400 to change the size)
 */
import { compile } from '@proj/backend-js';
import { Rop, grad, hessian } from '@proj/gradient';
import * as pt from '@proj/tensor';
import { Prng } from '../src/prng';
import { solveDense } from './newton';

/** What the example reports. */
export interface HvpResult {
  /** CG iterations until the residual fell below tol. */
  iterations: number;
  /** max |d_cg - d_direct| against the solve with the explicit Hessian. */
  maxDiff: number;
  /** Loss before and after the Newton step. */
  lossBefore: number;
  lossAfter: number;
}

/**
 * Runs CG with Rop Hessian-vector products on a seeded logistic regression.
 *
 * @example
 * run({ dim: 10, n: 100 }).maxDiff; // ~1e-10
 */
export function run(options: { dim?: number; n?: number; seed?: number; tol?: number } = {}): HvpResult {
  const { dim = 50, n = 400, seed = 3, tol = 1e-12 } = options;
  const rng = new Prng(seed);
  const truth = Array.from({ length: dim }, () => rng.gaussian());
  const rows = Array.from({ length: n }, () => Array.from({ length: dim }, () => rng.gaussian()));
  const labels = rows.map((r) => (r.reduce((s, v, i) => s + v * truth[i]!, 0) + rng.gaussian() > 0 ? 1 : 0));

  const X = pt.constant(pt.toNDArray(rows, 'float64'));
  const y = pt.constant(pt.toNDArray(labels, 'float64'));
  const w = pt.dvector('w');
  const v = pt.dvector('v');
  const z = pt.dot(X, w);
  const loss = pt.mean(pt.softplus(z).sub(y.mul(z))).add(pt.sum(pt.sqr(w)).mul(0.5e-2));
  const g = grad(loss, w);
  const hv = Rop(g, w, v) as pt.TensorVariable;
  const lossGrad = compile([w], [loss, g]);
  const hvp = compile([w, v], hv);

  const w0 = pt.toNDArray(new Array<number>(dim).fill(0), 'float64');
  const [l0, g0] = lossGrad(w0) as pt.NDArray[];
  const b = (pt.toNested(g0!) as number[]).map((x) => -x);
  // Conjugate gradient on H d = b, H applied through Rop.
  const apply = (p: number[]) => pt.toNested(hvp(w0, pt.toNDArray(p, 'float64')) as pt.NDArray) as number[];
  const dot = (a: number[], c: number[]) => a.reduce((s, ai, i) => s + ai * c[i]!, 0);
  let d = new Array<number>(dim).fill(0);
  let r = [...b];
  let p = [...r];
  let rr = dot(r, r);
  let it = 0;
  for (; it < dim * 2 && Math.sqrt(rr) > tol; it++) {
    const hp = apply(p);
    const alpha = rr / dot(p, hp);
    d = d.map((di, i) => di + alpha * p[i]!);
    r = r.map((ri, i) => ri - alpha * hp[i]!);
    const rrNew = dot(r, r);
    p = r.map((ri, i) => ri + (rrNew / rr) * p[i]!);
    rr = rrNew;
  }
  const hFull = pt.toNested(compile([w], hessian(loss, w))(w0) as pt.NDArray) as number[][];
  const direct = solveDense(hFull, b);
  const maxDiff = Math.max(...d.map((di, i) => Math.abs(di - direct[i]!)));
  const [l1] = lossGrad(pt.toNDArray(d, 'float64')) as pt.NDArray[];
  return { iterations: it, maxDiff, lossBefore: pt.toNested(l0!) as number, lossAfter: pt.toNested(l1!) as number };
}

if (require.main === module) {
  const r = run({ dim: Number(process.env.DIM ?? 50), n: Number(process.env.N ?? 400) });
  console.log(`CG with Rop Hessian-vector products: ${r.iterations} iterations; max |d_cg - d_direct| = ${r.maxDiff.toExponential(1)}; loss ${r.lossBefore.toFixed(4)} -> ${r.lossAfter.toFixed(4)} after one Newton step`);
}
