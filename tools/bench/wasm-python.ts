/**
 * The NumPy / SciPy side of the WASM benchmark: one python3 subprocess per
 * figure, timing the same operation on the same data (best of several runs).
 * Returns undefined (and the reason) when python3, NumPy or SciPy is missing.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** Timings in seconds by key, or the reason there are none. */
export type PyResult = { ok: true; times: Record<string, number> } | { ok: false; reason: string };

function runPython(script: string): PyResult {
  const r = spawnSync('python3', ['-c', script], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.error) return { ok: false, reason: `python3 not available (${r.error.message})` };
  if (r.status !== 0) return { ok: false, reason: `python3 failed: ${(r.stderr || '').trim().split('\n').pop()}` };
  return { ok: true, times: JSON.parse(r.stdout.trim().split('\n').pop()!) as Record<string, number> };
}

/** NumPy's time for exp(x)*y + tanh(z) - x**2 at each size and dtype. */
export function numpyElemwise(sizes: readonly number[], dtypes: readonly string[]): PyResult {
  return runPython(`
import json, time, numpy as np
out = {}
for dt in ${JSON.stringify(dtypes)}:
    for n in ${JSON.stringify(sizes)}:
        rng = np.random.default_rng(0)
        x = rng.uniform(-2, 2, n).astype(dt); y = rng.uniform(-2, 2, n).astype(dt); z = rng.uniform(-2, 2, n).astype(dt)
        best = 1e9; spent = 0.0; reps = 0
        while reps < 3 or spent < 1.0:
            t = time.perf_counter(); r = np.exp(x) * y + np.tanh(z) - x ** 2; d = time.perf_counter() - t
            best = min(best, d); spent += d; reps += 1
        out[f"{dt}:{n}"] = best
print(json.dumps(out))
`);
}

/** SciPy's SpMV and SpMM times on the CSR matrix given by its arrays (written to a temporary folder). */
export function scipySparse(n: number, indptr: Int32Array, indices: Int32Array, data: Float64Array, cols: number): PyResult {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-wasm-'));
  try {
    fs.writeFileSync(path.join(dir, 'indptr'), Buffer.from(indptr.buffer, indptr.byteOffset, indptr.byteLength));
    fs.writeFileSync(path.join(dir, 'indices'), Buffer.from(indices.buffer, indices.byteOffset, indices.byteLength));
    fs.writeFileSync(path.join(dir, 'data'), Buffer.from(data.buffer, data.byteOffset, data.byteLength));
    return runPython(`
import json, time, numpy as np, scipy.sparse as ss
d = ${JSON.stringify(dir)}
a = ss.csr_matrix((np.fromfile(d + '/data', np.float64), np.fromfile(d + '/indices', np.int32), np.fromfile(d + '/indptr', np.int32)), shape=(${n}, ${n}))
x = np.sin(np.arange(${n}) * 0.7)
b = np.cos(np.arange(${n} * ${cols}) * 1.3).reshape(${n}, ${cols})
def best(f):
    f(); m = 1e9; spent = 0.0; reps = 0
    while reps < 3 or spent < 1.0:
        t = time.perf_counter(); f(); dt = time.perf_counter() - t; m = min(m, dt); spent += dt; reps += 1
    return m
print(json.dumps({"spmv": best(lambda: a @ x), "spmm": best(lambda: a @ b)}))
`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
