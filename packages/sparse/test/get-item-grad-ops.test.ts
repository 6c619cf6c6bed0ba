// The gradient Ops of sparse indexing, evaluated directly against NumPy
// (tools/fixtures/gen_sparse_getitem.py: np.add.at of the output gradient at the
// indices): GetItemListGrad, GetItem2ListsGrad, and sparseGrad's forward values.
// The gradients through grad() and verifyGrad are in packages/gradient/test/sparse-getitem-grad.test.ts.
import * as pt from '@proj/tensor';
import type { NDArray } from '@proj/tensor';
import { fromDense, type CompressedMatrix } from '../src/values';
import { SparseType } from '../src/type/sparse-type';
import { getItemListGrad, GetItemListGrad } from '../src/ops/get-item-list';
import { getItem2ListsGrad, GetItem2ListsGrad } from '../src/ops/get-item-2lists';
import { SparseGradAdvancedSubtensor1, sparseGrad } from '../src/ops/get-item-sparse-grad';
import { arrayOf, encArray, loadGetItemFixtures, matrixOf, storedOf } from './get-item-helpers';

const fx = loadGetItemFixtures();

function closeTo(got: NDArray, want: NDArray): void {
  expect(got.shape).toEqual(want.shape);
  const g = encArray(got).data as number[];
  encArray(want).data.forEach((w, k) => expect(g[k]).toBeCloseTo(w as number, 12));
}

describe('GetItemListGrad', () => {
  it.each(fx.list_grad.map((c) => [`${c.key} rows [${c.rows.join(', ')}]`, c] as const))('%s', (_n, c) => {
    const m = matrixOf(fx.inputs[c.key]!);
    const x = new SparseType(m.format, m.dtype).makeVariable('x');
    // The output gradient in either format: the Op reads it in x's.
    for (const gFormat of ['csr', 'csc'] as const) {
      const gz = fromDense(arrayOf(c.w), { format: gFormat });
      const before = storedOf(gz);
      const out = getItemListGrad(x, c.rows, gz);
      expect(out.owner!.op).toBeInstanceOf(GetItemListGrad);
      expect((out.type as SparseType).format).toBe(m.format);
      const v = out.eval(new Map([[x, m]]) as never) as CompressedMatrix;
      v.check();
      expect(v.format).toBe(m.format);
      expect(v.dtype).toBe('float64');
      // Repeated rows are stored twice, not overwritten: the values add up.
      expect(v.nnz).toBe(gz.nnz);
      closeTo(v.toarray(), arrayOf(c.grad));
      expect(storedOf(gz)).toEqual(before);
    }
  });
});

describe('GetItem2ListsGrad', () => {
  it.each(fx.lists2_grad.map((c) => [`${c.key} at [${c.rows.join(', ')}], [${c.cols.join(', ')}]`, c] as const))('%s', (_n, c) => {
    const m = matrixOf(fx.inputs[c.key]!);
    const x = new SparseType(m.format, m.dtype).makeVariable('x');
    const gz = pt.vector('gz', 'float64');
    const out = getItem2ListsGrad(x, c.rows, c.cols, gz);
    expect(out.owner!.op).toBeInstanceOf(GetItem2ListsGrad);
    expect((out.type as SparseType).format).toBe(m.format);
    const v = out.eval(new Map<unknown, unknown>([[x, m], [gz, arrayOf(c.w)]]) as never) as CompressedMatrix;
    v.check();
    expect(v.format).toBe(m.format);
    expect(v.nnz).toBe(c.rows.length);
    closeTo(v.toarray(), arrayOf(c.grad));
  });

  it('takes the dtype of the output gradient', () => {
    const x = new SparseType('csc', 'int32').makeVariable('x');
    expect((getItem2ListsGrad(x, [0], [1], pt.vector('g', 'float32')).type as SparseType).dtype).toBe('float32');
  });
});

describe('sparseGrad forward values', () => {
  it.each(fx.sparse_grad.cases.map((c) => [`rows [${c.rows.join(', ')}]`, c] as const))('%s: the same values as x.get(rows)', (_n, c) => {
    const w = pt.matrix('w', 'float64');
    const sg = sparseGrad(w.get(c.rows));
    expect(sg.owner!.op).toBeInstanceOf(SparseGradAdvancedSubtensor1);
    expect(sg.owner!.op).toBeInstanceOf(pt.AdvancedSubtensor1);
    expect(`${sg.owner!.op}`).toBe('AdvancedSubtensor1{sparseGrad=true}');
    expect(sg.owner!.op.equals(new pt.AdvancedSubtensor1())).toBe(false);
    expect(sg.type.shape).toEqual([c.rows.length, null]);
    const v = sg.eval(new Map([[w, arrayOf(fx.sparse_grad.x)]]) as never) as NDArray;
    expect(encArray(v)).toEqual(c.value);
  });

  it('accepts an AdvancedSubtensor of one integer vector (as PyTensor does)', () => {
    const w = pt.matrix('w', 'float64');
    const idx = pt.vector('i', 'int64');
    const sg = sparseGrad(new pt.AdvancedSubtensor([{ kind: 'array' }]).call(w, idx));
    expect(sg.owner!.op).toBeInstanceOf(SparseGradAdvancedSubtensor1);
    expect(sg.owner!.inputs).toEqual([w, idx]);
  });
});
