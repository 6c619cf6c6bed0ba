// Gradients of the construction, conversion and structural sparse Ops
// (@proj/sparse src/ops: convert, csm, structure, cast, stack, diag). Regular
// gradients are checked with verifyGrad through CSM (the stored values are a
// dense input); structured ones with grad against finite differences that
// perturb only the stored entries.
import { evaluate, type Variable } from '@proj/graph';
import * as pt from '@proj/tensor';
import { grad } from '../src/grad';
import { verifyGrad } from '../src/verify-grad';
import { Rop } from '../src/lop-rop';
import { CSCMatrix, CSRMatrix, cast, clean, constructSparseFromList, csm, csmData, csrFromDense, csrMatrix, denseFromSparse, diag, ensureSortedIndices, hstack, neg, remove0, sparseMatrix, squareDiagonal, transpose, vstack, type CompressedMatrix } from '@proj/sparse';

type Fmt = 'csr' | 'csc';
// A 3x4 pattern with unsorted indices and a duplicate (row 2 stores column 1 twice).
const PAT = { indices: [3, 0, 2, 1, 1, 0], indptr: [0, 2, 3, 6], shape: [3, 4] as [number, number] };
const DATA = [0.5, -1.0, 2.0, 0.0, 1.5, 3.0];
// The same pattern read as CSC of a 4x3 matrix.
const PAT_CSC = { ...PAT, shape: [4, 3] as [number, number] };

const i32 = (xs: number[]) => pt.constant(xs, { dtype: 'int32' });
const f64 = (x: unknown) => pt.constant(x, { dtype: 'float64' });
const W34 = [
  [0.3, -1.2, 0.7, 2.0],
  [1.1, 0.4, -0.6, 0.9],
  [-0.8, 1.7, 0.2, -1.5],
];
const W43 = W34[0]!.map((_, j) => W34.map((r) => r[j]!));

function sparseOf(d: pt.TensorVariable, format: Fmt = 'csr') {
  const p = format === 'csr' ? PAT : PAT_CSC;
  return csm(format, d, i32(p.indices), i32(p.indptr), p.shape);
}

function weighted(x: Variable, w: number[][]): pt.TensorVariable {
  return pt.sum(pt.mul(denseFromSparse(x, { structured: false }), f64(w)));
}

describe('regular gradients through CSM', () => {
  it('CSM + DenseFromSparse (regular), both formats', () => {
    verifyGrad((d) => weighted(sparseOf(d, 'csr'), W34), [DATA]);
    verifyGrad((d) => weighted(sparseOf(d, 'csc'), W43), [DATA]);
  });

  it('DenseFromSparse (structured) through CSM', () => {
    verifyGrad((d) => pt.sum(pt.mul(denseFromSparse(sparseOf(d)), f64(W34))), [DATA]);
  });

  it('CSMProperties (csmData), on a pattern without duplicates', () => {
    // With duplicates the stored values are not a function of the matrix, which is all a sparse gradient holds.
    const p = { indices: [3, 0, 2, 1, 0], indptr: [0, 2, 3, 5] };
    const x = (d: pt.TensorVariable) => csm('csr', d, i32(p.indices), i32(p.indptr), [3, 4]);
    verifyGrad((d) => pt.sum(pt.mul(csmData(x(d)), f64([1, 2, 3, 4, 5]))), [DATA.slice(0, 5)]);
  });

  it('Transpose and Neg', () => {
    verifyGrad((d) => weighted(transpose(sparseOf(d)), W43), [DATA]);
    verifyGrad((d) => weighted(neg(sparseOf(d, 'csc')), W43), [DATA]);
  });

  it('EnsureSortedIndices, Remove0, clean', () => {
    verifyGrad((d) => weighted(ensureSortedIndices(sparseOf(d)), W34), [DATA]);
    verifyGrad((d) => weighted(remove0(sparseOf(d)), W34), [DATA]);
    verifyGrad((d) => weighted(clean(sparseOf(d, 'csc')), W43), [DATA]);
  });

  it('Cast', () => {
    verifyGrad((d) => weighted(cast(sparseOf(d), 'float64'), W34), [pt.toNDArray(DATA, 'float32')]);
    verifyGrad((d) => weighted(cast(sparseOf(d), 'float32'), W34), [DATA], { eps: 1e-3, absTol: 1e-2, relTol: 1e-2 });
  });

  it('Diag and SquareDiagonal', () => {
    const sq = { indices: [1, 0, 2, 2, 1], indptr: [0, 2, 3, 5] };
    verifyGrad((d) => pt.sum(pt.mul(diag(csm('csr', d, i32(sq.indices), i32(sq.indptr), [3, 3])), f64([1.5, -2, 0.5]))), [[1, 2, 3, 4, 5]]);
    verifyGrad((v) => weighted(squareDiagonal(v), [[1, 2, 3], [4, 5, 6], [7, 8, 9]]), [[0.5, -1, 2]]);
  });

  it('HStack and VStack', () => {
    const wide = W34.map((r, i) => [...r, ...W34[(i + 1) % 3]!]);
    verifyGrad((a, b) => weighted(hstack([sparseOf(a), sparseOf(b)], { format: 'csr' }), wide), [DATA, DATA.map((x) => x * 2)]);
    const tall = [...W34, ...W34.map((r) => r.map((x) => -x))];
    verifyGrad((a, b) => weighted(vstack([sparseOf(a), transpose(sparseOf(b, 'csc'))]), tall), [DATA, DATA]);
  });

  it('SparseFromDense', () => {
    verifyGrad((x) => weighted(csrFromDense(x), W34), [[[1, 2, 3, 4], [5, 6, 7, 8], [9, 1, 2, 3]]]);
  });

  it('ConstructSparseFromList (values)', () => {
    const x = f64([[0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]]);
    verifyGrad((v) => weighted(constructSparseFromList(x, v, i32([2, 0, 2])), W34), [[[1, 2, 3, 4], [5, 6, 7, 8], [9, 1, 2, 3]]]);
  });
});

/** Finite differences of `cost(x)` perturbing only the stored entries of the value `m` (central). */
function storedFiniteDiff(cost: Variable, x: Variable, m: CompressedMatrix, eps = 1e-6): number[] {
  const out: number[] = [];
  for (let k = 0; k < m.nnz; k++) {
    const at = (delta: number) => {
      const c = m.copy();
      (c.data as Float64Array)[k]! += delta;
      return Number(pt.toNested(evaluate([cost], new Map([[x, c]]))[0] as pt.NDArray));
    };
    out.push((at(eps) - at(-eps)) / (2 * eps));
  }
  return out;
}

describe('structured gradient of DenseFromSparse', () => {
  it.each(['csr', 'csc'] as const)('%s: the gradient lives on the stored pattern only', (format) => {
    const shape = format === 'csr' ? PAT.shape : PAT_CSC.shape;
    const w = format === 'csr' ? W34 : W43;
    const m = format === 'csr' ? new CSRMatrix({ data: DATA, ...PAT, shape }) : new CSCMatrix({ data: DATA, ...PAT, shape });
    const xs = sparseMatrix(format, 'x', 'float64');
    const cost = pt.sum(pt.mul(denseFromSparse(xs), f64(w)));
    const g = grad(cost, xs) as Variable;
    const gv = evaluate([g], new Map([[xs, m]]))[0] as CompressedMatrix;
    expect(gv.format).toBe(format);
    expect(Array.from(gv.indices)).toEqual(PAT.indices);
    expect(Array.from(gv.indptr)).toEqual(PAT.indptr);
    // Every stored entry's finite difference equals the gradient matrix at its place (duplicates included).
    const fd = storedFiniteDiff(cost, xs, m);
    const dense = pt.toNested(gv.toarray()) as number[][];
    for (let i = 0; i < 3; i++) {
      for (let k = PAT.indptr[i]!; k < PAT.indptr[i + 1]!; k++) {
        const [r, c] = format === 'csr' ? [i, PAT.indices[k]!] : [PAT.indices[k]!, i];
        expect(dense[r]![c]).toBeCloseTo(fd[k]!, 6);
      }
    }
  });

  it('regular: the full dense gradient made sparse', () => {
    const x = csrMatrix('x');
    const cost = pt.sum(pt.mul(denseFromSparse(x, { structured: false }), f64(W34)));
    const g = grad(cost, x) as Variable;
    const gv = evaluate([g], new Map([[x, new CSRMatrix({ data: DATA, ...PAT })]]))[0] as CompressedMatrix;
    expect(pt.toNested(gv.toarray())).toEqual(W34);
  });
});

describe('Rop of the linear Ops', () => {
  it('equals the map applied to the tangent', () => {
    const d = pt.vector('d', 'float64');
    const v = [1, 2, 3, 4, 5, 6];
    const chains: ((x: pt.TensorVariable) => Variable)[] = [
      (x) => denseFromSparse(neg(transpose(sparseOf(x)))),
      (x) => denseFromSparse(clean(cast(sparseOf(x, 'csc'), 'float64')), { structured: false }),
      (x) => diag(csm('csr', x, i32([0, 1, 1, 2, 0, 2]), i32([0, 2, 4, 6]), [3, 3])),
      (x) => denseFromSparse(squareDiagonal(x)),
      (x) => denseFromSparse(csrFromDense(pt.reshape(x, [2, 3]))),
    ];
    for (const f of chains) {
      const r = Rop(f(d), d, f64(v)) as Variable;
      const got = evaluate([r], new Map([[d, pt.toNDArray(DATA, 'float64')]]))[0] as pt.NDArray;
      const want = evaluate([f(f64(v))], new Map())[0] as pt.NDArray;
      expect(pt.toNested(got)).toEqual(pt.toNested(want));
    }
  });
});
