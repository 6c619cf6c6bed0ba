import { run as runHvp } from '../examples/hvp-cg';
import { run as runMlp } from '../examples/mlp-classifier';
import { run as runNewton, solveDense } from '../examples/newton';
import { run as runRewrite } from '../examples/rewrite-debugprint';

// Each example at a small size: what it prints is checked, not its timing.
describe('examples', () => {
  it('mlp-classifier learns the three blobs', () => {
    const r = runMlp({ n: 150, hidden: 8, epochs: 60 });
    expect(r.lastLoss).toBeLessThan(r.firstLoss / 3);
    expect(r.testAccuracy).toBeGreaterThan(0.9);
  }, 60_000);

  it('newton reaches the minimum of Rosenbrock (1, ..., 1) with a vanishing gradient', () => {
    const r = runNewton({ n: 4 });
    r.x.forEach((v) => expect(v).toBeCloseTo(1, 8));
    expect(r.gradNorm).toBeLessThan(1e-8);
    expect(r.iterations).toBeLessThan(60);
  }, 60_000);

  it('solveDense solves a small system (checked by substitution)', () => {
    const a = [
      [4, 1, 0],
      [1, 3, 1],
      [0, 1, 2],
    ];
    const d = solveDense(a, [1, 2, 3]);
    a.forEach((row, i) => expect(row.reduce((s, v, k) => s + v * d[k]!, 0)).toBeCloseTo([1, 2, 3][i]!, 12));
  });

  it('hvp-cg: CG with Rop products matches the solve with the explicit Hessian and lowers the loss', () => {
    const r = runHvp({ dim: 8, n: 60 });
    expect(r.maxDiff).toBeLessThan(1e-8);
    expect(r.iterations).toBeLessThanOrEqual(16);
    expect(r.lossAfter).toBeLessThan(r.lossBefore);
  }, 60_000);

  it('rewrite-debugprint: the rewritten graph is smaller and keeps no useless mul-by-1 or y - y', () => {
    const r = runRewrite();
    expect(r.before).toContain('Elemwise{mul}');
    expect(r.nodesAfter).toBeLessThan(r.nodesBefore);
    expect(r.after).not.toMatch(/Elemwise\{sub\}[\s\S]*y[\s\S]*y/);
  }, 60_000);
});
