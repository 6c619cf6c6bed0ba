// Helpers of the sparse product tests: fixture loading and decoding.
import * as fs from 'fs';
import * as path from 'path';
import * as pt from '@proj/tensor';
import { CSCMatrix, CSRMatrix, type CompressedMatrix } from '../src/values/compressed';

export interface SparseJson { format: 'csr' | 'csc'; shape: number[]; data: number[]; indices: number[]; indptr: number[] }
export interface DenseJson { shape: number[]; values: number[] }

export function loadDotFixtures(): any {
  return JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'sparse-dot.json'), 'utf8'));
}

export function sparseOf(j: SparseJson, dtype: pt.Dtype = 'float64'): CompressedMatrix {
  const parts = { data: dtype === 'float32' ? new Float32Array(j.data) : j.data, indices: j.indices, indptr: j.indptr, shape: j.shape };
  return j.format === 'csr' ? new CSRMatrix(parts, { dtype }) : new CSCMatrix(parts, { dtype });
}

export function denseOf(j: DenseJson, dtype: pt.Dtype = 'float64'): pt.NDArray {
  const raw = dtype === 'float32' ? new Float32Array(j.values) : new Float64Array(j.values);
  return pt.fromRaw(dtype, raw, j.shape);
}

export function flat(a: pt.NDArray): number[] {
  return [pt.toNested(a)].flat(Infinity as 1).map(Number);
}

export function expectClose(got: readonly number[], want: readonly number[], tol = 1e-12): void {
  expect(got.length).toBe(want.length);
  got.forEach((g, i) => {
    if (Math.abs(g - want[i]!) > tol * (1 + Math.abs(want[i]!))) {
      throw new Error(`element ${i}: got ${g}, want ${want[i]} (got ${JSON.stringify(got)}, want ${JSON.stringify(want)})`);
    }
  });
}
