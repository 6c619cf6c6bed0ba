/**
 * The sparse probability Ops of the reference (pytensor.sparse.sandbox.sp2):
 * Poisson, Binomial (csrFbinomial ... cscDbinomial) and Multinomial. Unlike the
 * reference, whose perform draws from NumPy's global state, each Op takes a
 * generator state as its first input and returns the advanced state as its
 * first output (PyTensor's RandomVariable design), so the same state gives the
 * same draws. The draw is the default output. No gradient: it is undefined, as
 * the reference says.
 */
import { Apply, ArgumentError, checkOptions, DtypeError, Op, ShapeError, TypeMismatchError, disconnectedType, gradUndefined, type FunctionGraph, type OpProps, type ShapeTuple, type StorageCell, type Variable } from '@proj/graph';
import { TensorVariable, asTensorVariable, checkDtype, constant, isBigInt, isComplex, isFloat, isInteger, rawView, type Dtype, type NDArray, type RawArray } from '@proj/tensor';
import { makeCompressed, type CompressedMatrix, type SparseFormat } from '../values/compressed';
import { newRaw } from '../values/storage';
import type { SeededRandom } from '../values/random';
import { SparseType } from '../type/sparse-type';
import { SparseVariable } from '../type/sparse-variable';
import { asSparseVariable } from '../type/as-sparse';
import { RandomGeneratorType, asRandomGenerator, randomGeneratorType, type RngLike } from './random-generator';
import { multinomialInto, poissonDraw, truncatedBinomialDraw } from './random-kernel';

/** Options of the probability functions. */
export interface RandomOptions {
  /** The generator state: a RandomGeneratorType variable (e.g. sp.randomGenerator(seed)), a SeededRandom or a seed. */
  rng?: RngLike;
}

function checkRng(op: string, rng: Variable): Variable {
  if (!(rng.type instanceof RandomGeneratorType)) throw new TypeMismatchError({ op, argument: 0, expected: 'a random generator (RandomGeneratorType)', given: `${rng} of type ${rng.type}` });
  return rng;
}

/** Stored values read as numbers (the dtypes these Ops accept are real). */
function numbersOf(data: RawArray, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let k = 0; k < n; k++) out[k] = Number(data[k]);
  return out;
}

/** Counts stored in `dtype`'s raw storage (BigInt for 64-bit integers). */
function countsAs(dtype: Dtype, counts: Float64Array, n: number): RawArray {
  const out = newRaw(dtype, n);
  if (isBigInt(dtype)) for (let k = 0; k < n; k++) (out as BigInt64Array)[k] = BigInt(counts[k]!);
  else for (let k = 0; k < n; k++) (out as Float64Array)[k] = counts[k]!;
  return out;
}

function checkRealSparse(op: string, argument: number, x: SparseVariable): void {
  if (isComplex(x.dtype) || x.dtype === 'bool') throw new DtypeError({ op, argument, expected: 'a real integer or float dtype', given: x.dtype });
}

function scalarOf(a: NDArray): number {
  const v = rawView(a);
  return Number(v.data[v.offset]);
}

abstract class RandomOp<P extends OpProps = OpProps> extends Op<P> {
  override get defaultOutput(): number {
    return 1;
  }
}

/**
 * Poisson draws with the stored values of a sparse matrix as means (the
 * reference's Poisson): the output has x's format and dtype, entries only where
 * x stores one, and the zero draws removed (as the reference's eliminate_zeros).
 *
 * @example
 * const [next, y] = new Poisson().callAll(sp.randomGenerator(0), sp.csrMatrix('x'));
 */
export class Poisson extends RandomOp {
  makeNode(rng: Variable, x: Variable): Apply {
    const s = asSparseVariable(x);
    checkRealSparse('Poisson', 1, s);
    return new Apply(this, [checkRng('Poisson', rng), s], [randomGeneratorType.makeVariable(), s.type.makeVariable()]);
  }

  override perform(_node: Apply, [rng, x]: readonly unknown[], [rngOut, out]: StorageCell[]): void {
    const g = (rng as SeededRandom).clone();
    const m = x as CompressedMatrix;
    const lam = numbersOf(m.data, m.nnz);
    for (let k = 0; k < lam.length; k++) {
      const l = lam[k]!;
      if (!(l >= 0) || !Number.isFinite(l)) throw new ArgumentError({ op: 'Poisson', argument: 1, expected: 'finite means >= 0', given: `${l} (stored entry ${k})` });
    }
    const counts = new Float64Array(lam.length);
    for (let k = 0; k < lam.length; k++) counts[k] = poissonDraw(g, lam[k]!);
    const c = makeCompressed(m.format, { indptr: m.indptr.slice(), indices: m.indices.slice(0, m.nnz), data: countsAs(m.dtype, counts, lam.length) }, m.shape, m.dtype);
    rngOut![0] = g;
    out![0] = c.eliminateZeros();
  }

  override inferShape(_fg: FunctionGraph | undefined, _node: Apply, [, xs]: readonly ShapeTuple[]): ShapeTuple[] {
    return [[], xs!];
  }

  override grad([, x]: readonly Variable[]): Variable[] {
    return [disconnectedType(), gradUndefined(this, 1, x!, 'no gradient exists for Poisson draws')];
  }
}

/**
 * A sparse matrix of Binomial(n, p) draws of a given shape (the reference's
 * Binomial(format, dtype)), made in O(stored entries): the positions of the
 * non-zero draws are drawn first (geometric gaps), then their values (a
 * binomial conditioned on >= 1). Inputs: rng, n (integer scalar), p (float
 * scalar), shape (integer vector of 2).
 *
 * @example
 * const y = new Binomial('csr', 'float64').call(sp.randomGenerator(1), n, p, shape);
 */
export class Binomial extends RandomOp<{ format: SparseFormat; dtype: Dtype }> {
  constructor(format: SparseFormat, dtype: Dtype | 'floatX') {
    if (format !== 'csr' && format !== 'csc') throw new ArgumentError({ op: 'Binomial', argument: 'format', expected: "'csr' or 'csc'", given: JSON.stringify(format) });
    const d = checkDtype(dtype, 'Binomial');
    if (isComplex(d) || d === 'bool') throw new DtypeError({ op: 'Binomial', argument: 'dtype', expected: 'a real integer or float dtype', given: d });
    super({ format, dtype: d });
  }

  makeNode(rng: Variable, n: Variable, p: Variable, shape: Variable): Apply {
    const op = this.toString();
    const nv = asTensorVariable(n), pv = asTensorVariable(p), sv = asTensorVariable(shape);
    if (nv.ndim !== 0 || !isInteger(nv.dtype)) throw new TypeMismatchError({ op, argument: 1, expected: 'an integer scalar n', given: `${nv} of type ${nv.type}` });
    if (pv.ndim !== 0 || !isFloat(pv.dtype)) throw new TypeMismatchError({ op, argument: 2, expected: 'a float scalar p', given: `${pv} of type ${pv.type}` });
    if (sv.ndim !== 1 || !isInteger(sv.dtype)) throw new TypeMismatchError({ op, argument: 3, expected: 'an integer vector shape of length 2', given: `${sv} of type ${sv.type}` });
    const len = sv.type.shape[0];
    if (len !== null && len !== undefined && len !== 2) throw new ShapeError({ op, argument: 3, expected: 'a shape of length 2', given: `length ${len}` });
    const out = new SparseType(this.props.format, this.props.dtype).makeVariable();
    return new Apply(this, [checkRng(op, rng), nv, pv, sv], [randomGeneratorType.makeVariable(), out]);
  }

  override perform(_node: Apply, [rng, n, p, shape]: readonly unknown[], [rngOut, out]: StorageCell[]): void {
    const op = this.toString();
    const trials = scalarOf(n as NDArray);
    const prob = scalarOf(p as NDArray);
    const sv = rawView(shape as NDArray);
    if ((shape as NDArray).shape[0] !== 2) throw new ShapeError({ op, argument: 3, expected: 'a shape of length 2', given: `length ${(shape as NDArray).shape[0]}` });
    const rows = Number(sv.data[sv.offset]), cols = Number(sv.data[sv.offset + sv.strides[0]!]);
    if (!(trials >= 0)) throw new ArgumentError({ op, argument: 1, expected: 'n >= 0', given: String(trials) });
    if (!(prob >= 0 && prob <= 1)) throw new ArgumentError({ op, argument: 2, expected: 'p in [0, 1]', given: String(prob) });
    if (!(rows >= 0 && cols >= 0) || rows * cols > Number.MAX_SAFE_INTEGER) {
      throw new ArgumentError({ op, argument: 3, expected: 'a shape of non-negative lengths with rows * cols <= 2^53', given: `(${rows}, ${cols})` });
    }
    const g = (rng as SeededRandom).clone();
    const { format, dtype } = this.props;
    const [nMajor, nMinor] = format === 'csr' ? [rows, cols] : [cols, rows];
    const { indptr, indices, counts } = binomialPattern(g, trials, prob, nMajor, nMinor);
    rngOut![0] = g;
    out![0] = makeCompressed(format, { indptr, indices, data: countsAs(dtype, counts, counts.length) }, [rows, cols], dtype);
  }

  override connectionPattern(): boolean[][] {
    return [[false, false], [false, true], [false, true], [false, false]];
  }

  override inferShape(_fg: FunctionGraph | undefined, node: Apply): ShapeTuple[] {
    const s = node.inputs[3] as TensorVariable;
    return [[], [s.get(0) as Variable, s.get(1) as Variable]];
  }

  override grad([, n, p]: readonly Variable[]): Variable[] {
    return [
      disconnectedType(),
      gradUndefined(this, 1, n!, 'no gradient exists for the number of trials of a Binomial'),
      gradUndefined(this, 2, p!, 'no gradient exists for the probability of a Binomial draw'),
      disconnectedType(),
    ];
  }
}

/**
 * The non-zero Binomial(n, p) draws of an nMajor x nMinor matrix in compressed
 * order: each position is non-zero with q0 = 1 - (1-p)^n, so the gap to the next
 * non-zero position is geometric; its value is a binomial conditioned on >= 1.
 */
function binomialPattern(g: SeededRandom, n: number, p: number, nMajor: number, nMinor: number) {
  const total = nMajor * nMinor;
  const logMiss = n * Math.log1p(-p); // log P(draw = 0)
  const q0 = -Math.expm1(logMiss);
  const pos: number[] = [];
  const vals: number[] = [];
  if (q0 > 0 && total > 0) {
    let at = -1;
    for (;;) {
      // Number of zero draws before the next non-zero one: floor(log(U) / log(1 - q0)), U in (0, 1].
      const gap = logMiss === -Infinity ? 0 : Math.floor(Math.log(1 - g.uniform()) / logMiss);
      at += gap + 1;
      if (at >= total) break;
      pos.push(at);
      vals.push(truncatedBinomialDraw(g, n, p, q0));
    }
  }
  const indptr = new Int32Array(nMajor + 1);
  const indices = new Int32Array(pos.length);
  for (let k = 0; k < pos.length; k++) {
    const major = Math.floor(pos[k]! / nMinor);
    indices[k] = pos[k]! - major * nMinor;
    indptr[major + 1]!++;
  }
  for (let i = 0; i < nMajor; i++) indptr[i + 1] += indptr[i]!;
  return { indptr, indices, counts: Float64Array.from(vals) };
}

/**
 * Multinomial draws on the stored pattern of a sparse probability matrix (the
 * reference's Multinomial): row i's stored values are the probabilities of its
 * categories and n (a scalar, or one count per row) the number of trials. The
 * output has p's pattern, format and dtype. CSC input is sampled by rows too.
 *
 * @example
 * const y = new Multinomial().call(sp.randomGenerator(3), pt.constant(10), sp.csrMatrix('p'));
 */
export class Multinomial extends RandomOp {
  makeNode(rng: Variable, n: Variable, p: Variable): Apply {
    const nv = asTensorVariable(n);
    if (nv.ndim > 1 || !isInteger(nv.dtype)) throw new TypeMismatchError({ op: 'Multinomial', argument: 1, expected: 'an integer scalar or vector n', given: `${nv} of type ${nv.type}` });
    const ps = asSparseVariable(p);
    if (!isFloat(ps.dtype)) throw new DtypeError({ op: 'Multinomial', argument: 2, expected: 'a float dtype for the probabilities', given: ps.dtype });
    return new Apply(this, [checkRng('Multinomial', rng), nv, ps], [randomGeneratorType.makeVariable(), ps.type.makeVariable()]);
  }

  override perform(_node: Apply, [rng, n, p]: readonly unknown[], [rngOut, out]: StorageCell[]): void {
    const pm = p as CompressedMatrix;
    const rows = pm.shape[0];
    const nArr = n as NDArray;
    const nv = rawView(nArr);
    if (nArr.shape.length === 1 && nArr.shape[0] !== rows) {
      throw new ShapeError({ op: 'Multinomial', argument: 1, expected: `one count per row of p (${rows})`, given: `a vector of length ${nArr.shape[0]}` });
    }
    const trialsOf = (i: number) => Number(nv.data[nv.offset + (nArr.shape.length === 1 ? i * nv.strides[0]! : 0)]);
    // Rows are the categories' groups: sample a CSR view, then store in p's order.
    const csr = pm.tocsr();
    const pv = numbersOf(csr.data, csr.nnz);
    const counts = new Float64Array(csr.nnz);
    const g = (rng as SeededRandom).clone();
    for (let i = 0; i < rows; i++) {
      const from = csr.indptr[i]!, to = csr.indptr[i + 1]!;
      checkRow(i, trialsOf(i), pv, from, to);
      multinomialInto(g, trialsOf(i), pv, from, to, counts);
    }
    const sampled = makeCompressed('csr', { indptr: csr.indptr.slice(), indices: csr.indices.slice(0, csr.nnz), data: countsAs(pm.dtype, counts, counts.length) }, pm.shape, pm.dtype);
    rngOut![0] = g;
    out![0] = pm.format === 'csr' ? sampled : sampled.tocsc();
  }

  override inferShape(_fg: FunctionGraph | undefined, _node: Apply, [, , ps]: readonly ShapeTuple[]): ShapeTuple[] {
    return [[], ps!];
  }

  override grad([, n, p]: readonly Variable[]): Variable[] {
    return [
      disconnectedType(),
      gradUndefined(this, 1, n!, 'no gradient exists for the number of trials of a Multinomial'),
      gradUndefined(this, 2, p!, 'no gradient exists for the probabilities of a Multinomial draw'),
    ];
  }
}

/** NumPy's checks: n >= 0, probabilities >= 0 and those before the last summing to at most 1 + 1e-12. */
function checkRow(i: number, trials: number, pv: Float64Array, from: number, to: number): void {
  if (!(trials >= 0)) throw new ArgumentError({ op: 'Multinomial', argument: 1, expected: 'n >= 0', given: `${trials} (row ${i})` });
  let s = 0;
  for (let k = from; k < to; k++) {
    const v = pv[k]!;
    if (!(v >= 0 && v <= 1)) throw new ArgumentError({ op: 'Multinomial', argument: 2, expected: 'probabilities in [0, 1]', given: `${v} in row ${i}` });
    if (k < to - 1) s += v;
  }
  if (s > 1 + 1e-12) throw new ArgumentError({ op: 'Multinomial', argument: 2, expected: 'row probabilities summing to at most 1', given: `row ${i} sums to ${s} before its last entry` });
}

/**
 * Poisson draws with x's stored values as means (PyTensor's poisson).
 *
 * @example
 * const rng = sp.randomGenerator(7);
 * const y = sp.poisson(sp.csrMatrix('x'), { rng });
 */
export function poisson(x: unknown, options: RandomOptions = {}): SparseVariable {
  checkOptions('sp.poisson', options, ['rng']);
  return new Poisson().call(asRandomGenerator('poisson', options.rng), asSparseVariable(x)) as SparseVariable;
}

/**
 * A sparse matrix of Binomial(n, p) draws of `shape` (PyTensor's Binomial(format, dtype)(n, p, shape)).
 *
 * @example
 * sp.binomial(10, 0.05, [100, 200], { format: 'csc', dtype: 'float32', rng: 1 });
 */
export function binomial(n: unknown, p: unknown, shape: unknown, options: RandomOptions & { format?: SparseFormat; dtype?: Dtype | 'floatX' } = {}): SparseVariable {
  checkOptions('sp.binomial', options, ['rng', 'format', 'dtype']);
  const op = new Binomial(options.format ?? 'csr', options.dtype ?? 'float64');
  // A JS number p is a probability even when it is integral (0 or 1): make it a float.
  const pv = typeof p === 'number' ? constant(p, { dtype: 'float64' }) : asTensorVariable(p);
  return op.call(asRandomGenerator('binomial', options.rng), asTensorVariable(n), pv, asTensorVariable(shape)) as SparseVariable;
}

/**
 * Multinomial draws of n trials on each row's stored probabilities (PyTensor's multinomial).
 *
 * @example
 * sp.multinomial(20, sp.csrMatrix('p'), { rng: 5 });
 */
export function multinomial(n: unknown, p: unknown, options: RandomOptions = {}): SparseVariable {
  checkOptions('sp.multinomial', options, ['rng']);
  return new Multinomial().call(asRandomGenerator('multinomial', options.rng), asTensorVariable(n), asSparseVariable(p)) as SparseVariable;
}

/** The reference's four Binomial Ops by format and dtype. */
export const csrFbinomial = new Binomial('csr', 'float32');
export const cscFbinomial = new Binomial('csc', 'float32');
export const csrDbinomial = new Binomial('csr', 'float64');
export const cscDbinomial = new Binomial('csc', 'float64');
