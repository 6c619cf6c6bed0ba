/**
 * sparseRandomInputs: the test helper of the reference
 * (tests.sparse.test_basic.sparse_random_inputs): n symbolic sparse matrices
 * and n random values for them, with optional explicit zeros and unsorted
 * indices, so every Op can be tried on the awkward but legal inputs SciPy allows.
 */
import { ArgumentError, config } from '@proj/graph';
import { checkDtype, dtypeWidth, isBigInt, isDiscrete, type Dtype } from '@proj/tensor';
import { makeCompressed, type CSCMatrix, type CSRMatrix, type SparseFormat } from '../values/compressed';
import { SeededRandom } from '../values/random';
import { newRaw } from '../values/storage';
import { sparseMatrix } from '../type/constructors';
import type { SparseVariable } from '../type/sparse-variable';

/** Options of sparseRandomInputs (the reference's keyword arguments, in camelCase). */
export interface SparseRandomInputsOptions {
  /** Number of variables and values (default 1). */
  n?: number;
  /** dtype of the variables and values (default config.floatX). */
  outDtype?: Dtype | 'floatX';
  /** Probability that an entry is stored (the sparsity proportion, default 0.5). */
  p?: number;
  /**
   * Range of the values: [b] draws from [0, b), [a, b] from [a, b). Default
   * [0, 1) for floats and the integers of [0, 50) for discrete dtypes.
   */
  gap?: readonly [number] | readonly [number, number];
  /** Store one explicit zero in every value (needs more than one stored entry). */
  explicitZero?: boolean;
  /** Make every value's indices unsorted (the minor indices are mirrored). */
  unsortedIndices?: boolean;
  /** Seed of the draws (default: a fresh one); the same seed gives the same values. */
  seed?: number;
}

const OP = 'sparseRandomInputs';

function checkOptions(format: unknown, shape: unknown, o: SparseRandomInputsOptions): { n: number; p: number; dtype: Dtype; shape: [number, number] } {
  if (format !== 'csr' && format !== 'csc') throw new ArgumentError({ op: OP, argument: 'format', expected: "'csr' or 'csc'", given: JSON.stringify(format) });
  if (!Array.isArray(shape) || shape.length !== 2 || !shape.every((s) => Number.isInteger(s) && s >= 0)) {
    throw new ArgumentError({ op: OP, argument: 'shape', expected: 'two non-negative integers', given: JSON.stringify(shape) });
  }
  const n = o.n ?? 1;
  if (!Number.isInteger(n) || n < 1) throw new ArgumentError({ op: OP, argument: 'n', expected: 'an integer >= 1', given: String(n) });
  const p = o.p ?? 0.5;
  if (!(p >= 0 && p <= 1)) throw new ArgumentError({ op: OP, argument: 'p', expected: 'a probability in [0, 1]', given: String(p) });
  const dtype = checkDtype(o.outDtype ?? config.floatX, OP);
  const gap = o.gap;
  if (gap !== undefined && (!Array.isArray(gap) || gap.length < 1 || gap.length > 2 || !gap.every((g) => typeof g === 'number' && Number.isFinite(g)))) {
    throw new ArgumentError({ op: OP, argument: 'gap', expected: '[max] or [min, max] of finite numbers', given: JSON.stringify(gap) });
  }
  if (gap !== undefined && isDiscrete(dtype) && !gap.every((g) => Number.isInteger(g))) {
    throw new ArgumentError({ op: OP, argument: 'gap', expected: `integer bounds for ${dtype}`, given: JSON.stringify(gap) });
  }
  if (gap !== undefined && dtype.startsWith('u') && (gap.length === 2 ? gap[0]! : 0) < 0) {
    throw new ArgumentError({ op: OP, argument: 'gap', expected: `a range of values >= 0 for ${dtype}`, given: JSON.stringify(gap) });
  }
  return { n, p, dtype, shape: [shape[0], shape[1]] };
}

/** One random matrix, drawn in compressed order; zero draws are not stored (as csr_matrix(dense) drops them). */
function randomMatrix(format: SparseFormat, shape: [number, number], p: number, dtype: Dtype, gap: SparseRandomInputsOptions['gap'], rng: SeededRandom): CSRMatrix | CSCMatrix {
  const [nMajor, nMinor] = format === 'csr' ? shape : [shape[1], shape[0]];
  const [lo, hi] = gap === undefined ? [0, isDiscrete(dtype) ? 50 : 1] : gap.length === 1 ? [0, gap[0]] : [gap[0], gap[1]];
  const indptr = new Int32Array(nMajor + 1);
  const indices: number[] = [];
  const values: number[] = [];
  for (let i = 0; i < nMajor; i++) {
    for (let j = 0; j < nMinor; j++) {
      if (rng.uniform() >= p) continue;
      // NumPy's integers(lo, hi) for discrete dtypes, lo + random() * (hi - lo) for the others.
      const v = isDiscrete(dtype) ? lo + Math.floor(rng.uniform() * (hi - lo)) : lo + rng.uniform() * (hi - lo);
      if (v === 0) continue;
      indices.push(j);
      values.push(v);
    }
    indptr[i + 1] = indices.length;
  }
  const data = newRaw(dtype, values.length);
  const w = dtypeWidth(dtype);
  for (let k = 0; k < values.length; k++) {
    if (isBigInt(dtype)) (data as BigInt64Array)[k] = BigInt(values[k]!);
    else if (dtype === 'bool') (data as Uint8Array)[k] = 1;
    else (data as Float64Array)[k * w] = values[k]!; // complex: a real value, imaginary part 0
  }
  return makeCompressed(format, { indptr, indices: Int32Array.from(indices), data }, shape, dtype);
}

/** Mirrors the minor indices (j -> nMinor - 1 - j), which reverses their order in every slice. */
function mirrored(m: CSRMatrix | CSCMatrix): CSRMatrix | CSCMatrix {
  const indices = m.indices.map((j) => m.minorDim - 1 - j);
  const out = makeCompressed(m.format, { indptr: m.indptr, indices, data: m.data }, m.shape, m.dtype);
  if (out.hasSortedIndices) {
    throw new ArgumentError({ op: OP, argument: 'unsortedIndices', expected: 'a value with two entries in one row (CSR) / column (CSC) to put out of order', given: `${m}` });
  }
  return out;
}

/**
 * [variables, values]: `n` symbolic sparse matrices of `format` and dtype
 * `outDtype` (config.floatX by default) and `n` random matrices of `shape` for
 * them, each entry stored with probability `p` (PyTensor's sparse_random_inputs).
 *
 * @example
 * const [[x, y], [xv, yv]] = sparseRandomInputs('csr', [5, 4], { n: 2, explicitZero: true, unsortedIndices: true, seed: 1 });
 * sp.add(x, y).eval(new Map([[x, xv], [y, yv]]));
 */
export function sparseRandomInputs(format: SparseFormat, shape: readonly [number, number] | readonly number[], options: SparseRandomInputsOptions = {}): [SparseVariable[], (CSRMatrix | CSCMatrix)[]] {
  const { n, p, dtype, shape: shp } = checkOptions(format, shape, options);
  const rng = new SeededRandom(options.seed ?? Math.floor(Math.random() * 4294967296));
  const variables = Array.from({ length: n }, () => sparseMatrix(format, undefined, dtype));
  const values = Array.from({ length: n }, () => {
    let m = randomMatrix(format, shp, p, dtype, options.gap, rng);
    if (options.unsortedIndices) m = mirrored(m);
    if (options.explicitZero) {
      if (m.nnz <= 1) throw new ArgumentError({ op: OP, argument: 'explicitZero', expected: 'a value with more than one stored entry', given: `${m}` });
      const k = rng.below(m.nnz);
      const w = dtypeWidth(dtype);
      if (isBigInt(dtype)) (m.data as BigInt64Array)[k] = 0n;
      else for (let c = 0; c < w; c++) (m.data as Float64Array)[k * w + c] = 0;
    }
    return m;
  });
  return [variables, values];
}
