import { evaluate, type Variable } from '@proj/graph';
import * as sp from '@proj/sparse';
import * as pt from '@proj/tensor';
import { conformanceCases, type CaseInput, type ConformanceCase, type DenseInput, type SparseInput } from './cases';

/** Any compile(): inputs and outputs in, a callable taking positional values out. */
export type CompileFn = (inputs: Variable[], outputs: Variable[]) => (...args: unknown[]) => unknown;

/** Options of runConformance. */
export interface ConformanceOptions {
  /** The seed of the random inputs (default 20240601). */
  seed?: number;
  /** How many random draws per case (default 3). */
  trials?: number;
  /** Only the cases for which this returns true. */
  filter?: (c: ConformanceCase) => boolean;
}

/** The outcome of one case: ok, or what differed. */
export interface ConformanceResult {
  readonly name: string;
  readonly family: ConformanceCase['family'];
  readonly ok: boolean;
  readonly message: string;
}

/** A small seeded generator (mulberry32): the same seed gives the same inputs everywhere. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomValue(rng: () => number, spec: CaseInput): pt.NDArray | sp.CSRMatrix | sp.CSCMatrix {
  return spec.kind === 'sparse' ? randomSparse(rng, spec) : randomDense(rng, spec);
}

/** A random matrix with about `density` of its entries stored (and non-zero). */
function randomSparse(rng: () => number, spec: SparseInput): sp.CSRMatrix | sp.CSCMatrix {
  const [rows, cols] = spec.shape;
  const density = spec.density ?? 0.4;
  const dense = Array.from({ length: rows }, () => Array.from({ length: cols }, () => (rng() < density ? 0.25 + 1.75 * rng() * (rng() < 0.5 ? -1 : 1) : 0)));
  return spec.format === 'csr' ? sp.csrMatrix(dense, { dtype: spec.dtype }) : sp.cscMatrix(dense, { dtype: spec.dtype });
}

function randomDense(rng: () => number, spec: DenseInput): pt.NDArray {
  const n = spec.shape.reduce((p, s) => p * s, 1);
  const isInt = spec.dtype.startsWith('int') || spec.dtype.startsWith('uint');
  const [lo, hi] = spec.range ?? (isInt ? [-5, 6] : [-2, 2]);
  const flat = Array.from({ length: n }, () => {
    const u = lo + (hi - lo) * rng();
    return isInt ? Math.floor(u) : u;
  });
  const raw = spec.dtype === 'int64' ? BigInt64Array.from(flat.map(BigInt)) : pt.toNDArray(flat, spec.dtype, { allowDowncast: true }).data;
  return pt.fromRaw(spec.dtype, raw as pt.RawArray, spec.shape);
}

function tolerance(dtype: string): number {
  if (dtype === 'float32' || dtype === 'complex64') return 1e-5;
  if (dtype === 'float64' || dtype === 'complex128') return 1e-10;
  return 0;
}

/**
 * '' when `got` matches `want` (dtype, shape, elements within tolerance; for
 * sparse matrices also the format, compared through their dense form), else what differs.
 *
 * @example
 * compareValues(pt.toNDArray([1, 2]), pt.toNDArray([1, 2])); // ''
 */
export function compareValues(got: unknown, want: unknown): string {
  if (sp.isSparseMatrix(want)) {
    if (!sp.isSparseMatrix(got)) return `expected a ${want.format} matrix, got ${String(got)}`;
    if (got.format !== want.format) return `format ${got.format}, expected ${want.format}`;
    const diff = compareValues(got.toarray(), want.toarray());
    return diff ? `as dense: ${diff}` : '';
  }
  if (!pt.isNDArray(want)) return Object.is(got, want) ? '' : `expected ${String(want)}, got ${String(got)}`;
  if (!pt.isNDArray(got)) return `expected an ndarray, got ${String(got)}`;
  if (got.dtype !== want.dtype) return `dtype ${got.dtype}, expected ${want.dtype}`;
  if (got.shape.join(',') !== want.shape.join(',')) return `shape (${got.shape}), expected (${want.shape})`;
  const a = [pt.toNested(got)].flat(Infinity as 1) as unknown[];
  const b = [pt.toNested(want)].flat(Infinity as 1) as unknown[];
  const tol = tolerance(want.dtype);
  for (let i = 0; i < b.length; i++) {
    const x = a[i];
    const y = b[i];
    if (typeof x === 'number' && typeof y === 'number') {
      if (Number.isNaN(x) && Number.isNaN(y)) continue;
      if (x === y || Math.abs(x - y) <= tol * (1 + Math.abs(y))) continue;
    } else if (x === y) continue;
    return `element ${i}: ${String(x)}, expected ${String(y)}`;
  }
  return '';
}

/**
 * Runs one case: builds its graph, compiles it with `compileFn`, and compares
 * the results on seeded random inputs with the reference evaluator's. Also
 * checks that the call left the inputs unchanged.
 *
 * @example
 * runConformanceCase((i, o) => compile(i, o), conformanceCases[0]);
 */
export function runConformanceCase(compileFn: CompileFn, c: ConformanceCase, options: ConformanceOptions = {}): ConformanceResult {
  const result = (ok: boolean, message: string): ConformanceResult => ({ name: c.name, family: c.family, ok, message });
  try {
    const vars = c.inputs.map((s, k) => (s.kind === 'sparse' ? sp.sparseMatrix(s.format, `in${k}`, s.dtype) : (new pt.TensorType(s.dtype, s.typeShape ?? s.shape.map(() => null)).makeVariable(`in${k}`) as pt.TensorVariable)));
    const built = (c.graph as (...xs: Variable[]) => Variable | readonly Variable[])(...vars);
    const outputs = Array.isArray(built) ? [...(built as readonly Variable[])] : [built as Variable];
    const f = compileFn(vars, outputs);
    const rng = seededRandom((options.seed ?? 20240601) + hash(c.name));
    for (let t = 0; t < (options.trials ?? 3); t++) {
      const values = c.inputs.map((s) => randomValue(rng, s));
      const before = values.map(snapshot);
      const want = evaluate(outputs, vars.map((v, k) => [v, values[k]] as const));
      const got = f(...values) as unknown[];
      for (let k = 0; k < outputs.length; k++) {
        const diff = compareValues(got[k], want[k]);
        if (diff) return result(false, `trial ${t}, output ${k}: ${diff}`);
      }
      for (let k = 0; k < values.length; k++) {
        if (snapshot(values[k]!) !== before[k]) return result(false, `trial ${t}: input ${k} was modified`);
      }
    }
    return result(true, '');
  } catch (e) {
    return result(false, `threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
  }
}

/**
 * Runs the whole conformance table (or the cases `filter` keeps) through
 * `compileFn`: the cross-backend check every backend passes.
 *
 * @example
 * const failures = runConformance((i, o) => compile(i, o)).filter((r) => !r.ok);
 */
export function runConformance(compileFn: CompileFn, options: ConformanceOptions = {}): ConformanceResult[] {
  return conformanceCases.filter(options.filter ?? (() => true)).map((c) => runConformanceCase(compileFn, c, options));
}

/** The numbers of a value (and of a sparse matrix, its whole structure) as text. */
function snapshot(v: pt.NDArray | sp.CSRMatrix | sp.CSCMatrix): string {
  if (sp.isSparseMatrix(v)) return JSON.stringify([Array.from(v.data as ArrayLike<number>), Array.from(v.indices), Array.from(v.indptr)]);
  return JSON.stringify(pt.toNested(v), big);
}

function big(_k: string, v: unknown): unknown {
  return typeof v === 'bigint' ? `${v}n` : v;
}

function hash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h >>> 0;
}
