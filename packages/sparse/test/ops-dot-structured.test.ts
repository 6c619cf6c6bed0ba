// StructuredDot and its gradient Ops against SciPy fixtures (tools/fixtures/gen_sparse_dot.py).
import { ShapeError, TypeMismatchError, evaluate } from '@proj/graph';
import * as pt from '@proj/tensor';
import { CompressedMatrix } from '../src/values/compressed';
import { SparseType } from '../src/type/sparse-type';
import { SparseVariable } from '../src/type/sparse-variable';
import { asSparseVariable } from '../src/type/as-sparse';
import {
  StructuredDot, StructuredDotGradCSC, StructuredDotGradCSR, structuredDot, structuredDotGrad,
} from '../src/ops/structured-dot';
import { Transpose } from '../src/ops/structure';
import { CSM } from '../src/ops/csm';
import { denseOf, expectClose, flat, loadDotFixtures, sparseOf } from './ops-dot-helpers';

const fx = loadDotFixtures();

describe('StructuredDot values', () => {
  describe.each(fx.cases as any[])('$name', (c: any) => {
    it('sparse @ dense -> dense, input untouched', () => {
      const a = sparseOf(c.a);
      const before = [Array.from(a.data as Float64Array), Array.from(a.indices), Array.from(a.indptr)];
      const out = structuredDot(asSparseVariable(a), pt.asTensorVariable(denseOf(c.b)));
      expect(out).toBeInstanceOf(pt.TensorVariable);
      const [v] = evaluate([out], new Map());
      expect((v as pt.NDArray).shape).toEqual(c.ab.shape);
      expectClose(flat(v as pt.NDArray), c.ab.values);
      expect([Array.from(a.data as Float64Array), Array.from(a.indices), Array.from(a.indptr)]).toEqual(before);
    });
    it('dense @ sparse -> dense', () => {
      const out = structuredDot(pt.asTensorVariable(denseOf(c.x)), asSparseVariable(sparseOf(c.a)));
      expectClose(flat(evaluate([out], new Map())[0] as pt.NDArray), c.xa.values);
    });
    it('sparse @ sparse -> sparse in the first format (mixed and same formats)', () => {
      const a = asSparseVariable(sparseOf(c.a));
      const out = structuredDot(a, asSparseVariable(sparseOf(c.s2)));
      expect(out).toBeInstanceOf(SparseVariable);
      expect((out as SparseVariable).format).toBe(c.a.format);
      const v = evaluate([out], new Map())[0] as CompressedMatrix;
      expect(v.format).toBe(c.a.format);
      expectClose(flat(v.toarray()), c.as2.values);
      const at = new Transpose().call(a);
      const ata = evaluate([new StructuredDot().call(at, a)], new Map())[0] as CompressedMatrix;
      expectClose(flat(ata.toarray()), c.ata.values);
    });
    it('gradient Op: a sparse matrix with a\'s pattern', () => {
      const a = sparseOf(c.a);
      const g = structuredDotGrad(asSparseVariable(a), pt.asTensorVariable(denseOf(c.b)), pt.asTensorVariable(denseOf(c.gz)));
      expect(g).toBeInstanceOf(SparseVariable);
      expect(g.format).toBe(c.a.format);
      expect(g.owner!.op).toBeInstanceOf(CSM);
      expect(g.owner!.inputs[0]!.owner!.op).toBeInstanceOf(c.a.format === 'csr' ? StructuredDotGradCSR : StructuredDotGradCSC);
      const v = evaluate([g], new Map())[0] as CompressedMatrix;
      expect(Array.from(v.indices)).toEqual(c.a.indices);
      expect(Array.from(v.indptr)).toEqual(c.a.indptr);
      expectClose(Array.from(v.data as Float64Array), c.gradData);
    });
  });

  it('float32 stays float32; upcast with float64', () => {
    const c = fx.cases[0];
    const a32 = asSparseVariable(sparseOf(c.a, 'float32'));
    const o = structuredDot(a32, pt.asTensorVariable(denseOf(c.b, 'float32'))) as pt.TensorVariable;
    expect(o.dtype).toBe('float32');
    expectClose(flat(evaluate([o], new Map())[0] as pt.NDArray), c.ab.values, 1e-5);
    expect((structuredDot(a32, pt.asTensorVariable(denseOf(c.b))) as pt.TensorVariable).dtype).toBe('float64');
  });

  it('inferShape and static shapes', () => {
    const a = new SparseType('csr', 'float64', [3, 4]).makeVariable('a');
    const b = new pt.TensorType('float64', [4, 7]).makeVariable('b');
    const out = new StructuredDot().call(a, b);
    const shapes = (out.owner!.op as StructuredDot).inferShape(undefined, out.owner!, [[3, 4], [4, 7]]);
    expect(shapes).toEqual([[3, 7]]);
  });

  it('StructuredDotGradCSR / CSC on raw indices and indptr: the values vector', () => {
    for (const c of fx.cases) {
      const a = sparseOf(c.a);
      const op = c.a.format === 'csr' ? new StructuredDotGradCSR() : new StructuredDotGradCSC();
      const out = op.call(
        pt.asTensorVariable(pt.fromRaw('int32', a.indices, [a.indices.length])),
        pt.asTensorVariable(pt.fromRaw('int32', a.indptr, [a.indptr.length])),
        pt.asTensorVariable(denseOf(c.b)), pt.asTensorVariable(denseOf(c.gz)));
      expect((out as pt.TensorVariable).ndim).toBe(1);
      expectClose(flat(evaluate([out], new Map())[0] as pt.NDArray), c.gradData);
    }
  });

  it('typed errors', () => {
    const a = new SparseType('csr', 'float64', [3, 4]).makeVariable('a');
    const b = new pt.TensorType('float64', [5, 2]).makeVariable('b');
    expect(() => new StructuredDot().call(a, b)).toThrow(ShapeError);
    expect(() => new StructuredDot().call(a, b)).toThrow(/\(3,4\) and \(5,2\) not aligned: 4 \(dim 1\) != 5 \(dim 0\)/);
    expect(() => new StructuredDot().call(pt.dmatrix('x'), pt.dmatrix('y'))).toThrow(TypeMismatchError);
    expect(() => structuredDot(pt.dmatrix('x'), pt.dmatrix('y'))).toThrow(TypeMismatchError);
    expect(() => new StructuredDot().call(a, pt.dvector('v'))).toThrow(TypeMismatchError);
    expect(() => new StructuredDotGradCSR().call(pt.dvector(), pt.ivector(), pt.dmatrix(), pt.dmatrix())).toThrow(TypeMismatchError);
    expect(() => new StructuredDotGradCSC().call(pt.ivector(), pt.ivector(), pt.dvector(), pt.dmatrix())).toThrow(TypeMismatchError);
    // runtime shape mismatch
    const av = sparseOf(fx.cases[0].a);
    const bad = pt.asTensorVariable(pt.fromRaw('float64', new Float64Array(6), [2, 3]));
    expect(() => evaluate([structuredDot(asSparseVariable(av), bad)], new Map())).toThrow(/not aligned/);
  });
});
