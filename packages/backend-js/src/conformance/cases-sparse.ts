import * as sp from '@proj/sparse';
import type * as pt from '@proj/tensor';
import type { ConformanceCase, DenseInput, SparseInput } from './case-types';

const csr = (rows: number, cols: number, density?: number): SparseInput => ({ kind: 'sparse', format: 'csr', dtype: 'float64', shape: [rows, cols], density });
const csc = (rows: number, cols: number, density?: number): SparseInput => ({ kind: 'sparse', format: 'csc', dtype: 'float64', shape: [rows, cols], density });
const f64 = (...shape: number[]): DenseInput => ({ dtype: 'float64', shape });

type S = sp.SparseVariable;
type D = pt.TensorVariable;

/**
 * The sparse graphs of the conformance table: products with dense operands
 * (which FAST_RUN turns into StructuredDot / Usmm), sparse arithmetic, CSM
 * properties and construction, conversions, transposes and reductions.
 *
 * @example
 * sparseCases.map((c) => c.name);
 */
export const sparseCases: readonly ConformanceCase[] = [
  { name: 'structuredDot csr @ dense', family: 'sparse', inputs: [csr(4, 5), f64(5, 3)], graph: (s: S, d: D) => sp.structuredDot(s, d) },
  { name: 'structuredDot csc @ dense', family: 'sparse', inputs: [csc(4, 5), f64(5, 2)], graph: (s: S, d: D) => sp.structuredDot(s, d) },
  { name: 'dot sparse @ dense and dense @ sparse', family: 'sparse', inputs: [csr(3, 4), f64(4, 2), f64(2, 3)], graph: (s: S, d: D, e: D) => [sp.dot(s, d), sp.dot(e, s)] },
  { name: 'z + a * (sparse @ dense) (usmm-shaped)', family: 'sparse', inputs: [csr(3, 4), f64(4, 2), f64(3, 2)], graph: (s: S, d: D, z: D) => z.add(sp.dot(s, d).mul(0.5)) },
  { name: 'add sparse + sparse, sparse + dense, mul', family: 'sparse', inputs: [csr(3, 4), csr(3, 4), f64(3, 4)], graph: (a: S, b: S, d: D) => [sp.add(a, b), sp.add(a, d), sp.mul(a, b), sp.mul(a, d)] },
  { name: 'csm properties and csm of them', family: 'sparse', inputs: [csr(4, 3)], graph: (s: S) => { const [data, indices, indptr, shape] = sp.csmProperties(s); return [data, indices, indptr, shape, sp.csm('csr', data.mul(2), indices, indptr, shape)]; } },
  { name: 'transpose, transpose of transpose, neg', family: 'sparse', inputs: [csc(3, 5)], graph: (s: S) => [sp.transpose(s), sp.transpose(sp.transpose(s)), sp.neg(s)] },
  { name: 'dense <-> sparse conversions', family: 'sparse', inputs: [csr(3, 3), f64(3, 3)], graph: (s: S, d: D) => [sp.denseFromSparse(s), sp.csrFromDense(d), sp.denseFromSparse(sp.csrFromDense(d)).sum()] },
  { name: 'spSum over axes', family: 'sparse', inputs: [csr(4, 5)], graph: (s: S) => [sp.spSum(s), sp.spSum(s, { axis: 0 }), sp.spSum(s, { axis: 1 })] },
  { name: 'structured unary and mulSV', family: 'sparse', inputs: [csr(3, 4), f64(4)], graph: (s: S, v: D) => [sp.structuredSigmoid(s), sp.sqr(s), sp.mulSV(s, v), sp.structuredAddSV(s, v)] },
  { name: 'samplingDot', family: 'sparse', inputs: [f64(3, 4), f64(5, 4), csr(3, 5)], graph: (x: D, y: D, p: S) => sp.samplingDot(x, y, p) },
];
