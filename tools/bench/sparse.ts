/**
 * Sparse benchmark: @proj/sparse's kernels against the same operation written
 * as a plain JS loop over the raw typed arrays, side by side in one run, on a
 * seeded random 100000 x 100000 CSR matrix with 1e6 stored entries
 * (packages/sparse random, seed 42):
 *   - SpMV: structuredDot's kernel with a dense (n, 1) matrix;
 *   - SpMM: structuredDot's kernel with 64 dense columns;
 *   - CSR transpose to CSC (tocsc).
 * Prints the best time of each and the ratio (loop time / ours: > 1 means ours is faster).
 * Both sides allocate their output on every call (an Op's perform returns a new value).
 *
 *   pnpm bench:sparse             (from the repository root: builds @proj/sparse first)
 *   N=20000 NNZ=200000 pnpm bench:sparse
 */
import { fromRaw, type NDArray } from '@proj/tensor';
import { report, type Figure } from './report';
import { random, sparseDenseValue, type CSRMatrix, type CompressedMatrix } from '@proj/sparse';

/** Best time (s) of each function; they alternate so a slow spell hits both alike. */
function timePair(f1: () => unknown, f2: () => unknown, budget = 1.5): [number, number] {
  f1();
  f2();
  const best = [Infinity, Infinity];
  let spent = 0;
  for (let reps = 0; reps < 3 || spent < budget; reps++) {
    [f1, f2].forEach((f, i) => {
      const t0 = process.hrtime.bigint();
      f();
      const dt = Number(process.hrtime.bigint() - t0) / 1e9;
      best[i] = Math.min(best[i]!, dt);
      spent += dt;
    });
  }
  return [best[0]!, best[1]!];
}

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i]! - b[i]!));
  return d;
}

/** y = A x: the plain loop. */
function loopSpmv(m: number, indptr: Int32Array, indices: Int32Array, data: Float64Array, x: Float64Array, y: Float64Array): void {
  for (let i = 0; i < m; i++) {
    let s = 0;
    for (let k = indptr[i]!; k < indptr[i + 1]!; k++) s += data[k]! * x[indices[k]!]!;
    y[i] = s;
  }
}

/** C = A B for a row-major B with n columns: the plain loop. */
function loopSpmm(m: number, n: number, indptr: Int32Array, indices: Int32Array, data: Float64Array, b: Float64Array, c: Float64Array): void {
  c.fill(0);
  for (let i = 0; i < m; i++) {
    const o = i * n;
    for (let k = indptr[i]!; k < indptr[i + 1]!; k++) {
      const v = data[k]!;
      const r = indices[k]! * n;
      for (let j = 0; j < n; j++) c[o + j] += v * b[r + j]!;
    }
  }
}

/** CSR -> CSC by counting sort: the plain loop. */
function loopTranspose(m: number, n: number, indptr: Int32Array, indices: Int32Array, data: Float64Array) {
  const nnz = indptr[m]!;
  const tp = new Int32Array(n + 1);
  for (let k = 0; k < nnz; k++) tp[indices[k]! + 1]++;
  for (let j = 0; j < n; j++) tp[j + 1] += tp[j]!;
  const next = tp.slice(0, n);
  const ti = new Int32Array(nnz);
  const td = new Float64Array(nnz);
  for (let i = 0; i < m; i++) {
    for (let k = indptr[i]!; k < indptr[i + 1]!; k++) {
      const p = next[indices[k]!]!++;
      ti[p] = i;
      td[p] = data[k]!;
    }
  }
  return { indptr: tp, indices: ti, data: td };
}

function main(): void {
  const n = Number(process.env.N ?? 100000);
  const nnzWanted = Number(process.env.NNZ ?? 1e6);
  const cols = Number(process.env.COLS ?? 64);
  const t0 = Date.now();
  const a = random(n, n, nnzWanted / (n * n), { seed: 42, format: 'csr' }) as CSRMatrix;
  const { indptr, indices } = a;
  const data = a.data as Float64Array;
  console.log(`A: ${n} x ${n} CSR, nnz = ${a.nnz} (made in ${Date.now() - t0} ms); Node ${process.version}\n`);

  const rows: Figure['rows'] = [];
  const diffs: string[] = [];
  const row = (name: string, [ours, loop]: [number, number], diff: number) => {
    rows.push({ label: name, values: [ours * 1e3, loop * 1e3] });
    diffs.push(`${name}: max abs difference ${diff.toExponential(1)}`);
  };

  // SpMV through structuredDot's kernel, x as an (n, 1) matrix.
  const x = new Float64Array(n).map((_, i) => Math.sin(i * 0.7));
  const xm = fromRaw('float64', x, [n, 1]);
  // Both sides allocate their result on every call, as an Op's perform must.
  let y = new Float64Array(n);
  let yOurs: NDArray = xm;
  const tv = timePair(() => (yOurs = sparseDenseValue('bench', a, xm, 'float64')), () => loopSpmv(n, indptr, indices, data, x, (y = new Float64Array(n))));
  row('SpMV (structuredDot, x as (n,1))', tv, maxDiff(yOurs.data as unknown as Float64Array, y));

  // SpMM with `cols` dense columns.
  const b = new Float64Array(n * cols).map((_, i) => Math.cos(i * 1.3));
  const bm = fromRaw('float64', b, [n, cols]);
  let c = new Float64Array(n * cols);
  let cOurs: NDArray = bm;
  const tm = timePair(() => (cOurs = sparseDenseValue('bench', a, bm, 'float64')), () => loopSpmm(n, cols, indptr, indices, data, b, (c = new Float64Array(n * cols))));
  row(`SpMM (structuredDot, ${cols} dense columns)`, tm, maxDiff(cOurs.data as unknown as Float64Array, c));

  // CSR transpose: tocsc (sorted indices), against the counting-sort loop.
  let tOurs: CompressedMatrix = a;
  let tLoop = loopTranspose(n, n, indptr, indices, data);
  const tt = timePair(() => (tOurs = a.tocsc()), () => (tLoop = loopTranspose(n, n, indptr, indices, data)));
  const same = maxDiff(tOurs.indptr, tLoop.indptr) + maxDiff(tOurs.indices, tLoop.indices) + maxDiff(tOurs.data as Float64Array, tLoop.data);
  row('CSR -> CSC (tocsc)', tt, same);

  report({
    id: 'sparse-kernels',
    title: `Sparse kernels on a ${n} x ${n} CSR with ${a.nnz} stored entries`,
    unit: 'ms',
    higherIsBetter: false,
    series: ['@proj/sparse', 'plain JS loop'],
    rows,
    notes: [...diffs, `best time of each, alternating; both allocate their output per call; Node ${process.version}`],
  });
}

main();
