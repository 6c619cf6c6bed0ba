// Sparse shared variables: value ownership (copy unless borrow), conversion and
// checking on setValue, clones sharing the cell, use in graphs.
import { TypeMismatchError, cloneReplace } from '@proj/graph';
import * as pt from '@proj/tensor';
import * as sp from '../src';
import { SparseFormatError } from '../src/values';

const dense = [[0, 1.5, 0], [2, 0, -1]];

describe('sp.shared', () => {
  it('holds a copy of the matrix unless borrow, with the value\'s format and dtype', () => {
    const a = sp.csrMatrix(dense);
    const w = sp.shared(a, { name: 'w' });
    expect(w).toBeInstanceOf(sp.SparseSharedVariable);
    expect(w).toBeInstanceOf(sp.SparseVariable);
    expect(w.name).toBe('w');
    expect(w.type).toEqual(new sp.SparseType('csr', 'float64'));
    a.data[0] = 100;
    expect(w.getValue().get(0, 1)).toBe(1.5);
    const b = sp.csrMatrix(dense);
    const wb = sp.shared(b, { borrow: true });
    b.data[0] = 100;
    expect(wb.getValue().get(0, 1)).toBe(100);
    expect(wb.getValue({ borrow: true })).toBe(b);
    expect(sp.shared(sp.cscMatrix(dense), 'c').format).toBe('csc');
  });

  it('getValue copies unless borrow', () => {
    const w = sp.shared(sp.cscMatrix(dense));
    const v = w.getValue();
    v.data[0] = 42;
    expect(sp.sparseEqual(w.getValue(), sp.cscMatrix(dense))).toBe(true);
    expect(w.getValue({ borrow: true })).toBe(w.getValue({ borrow: true }));
  });

  it('converts to a requested format and dtype, and setValue converts and checks', () => {
    const w = sp.shared(sp.csrMatrix(dense, { dtype: 'float32' }), { format: 'csc', dtype: 'float64' });
    expect(w.type).toEqual(new sp.SparseType('csc', 'float64'));
    expect(w.getValue().format).toBe('csc');
    expect(w.getValue().dtype).toBe('float64');
    w.setValue(sp.csrMatrix([[1, 0], [0, 1]]));
    expect(w.getValue().format).toBe('csc');
    expect(w.getValue().shape).toEqual([2, 2]);
    expect(() => w.setValue(sp.csrMatrix([[1, 0]], { dtype: 'complex128' }))).toThrow(TypeMismatchError);
    const bad = sp.csrMatrix([[1, 0]]);
    bad.indices = Int32Array.from([5]);
    expect(() => w.setValue(bad)).toThrow(SparseFormatError);
    const f32 = sp.shared(sp.csrMatrix(dense, { dtype: 'float32' }));
    expect(() => f32.setValue(sp.csrMatrix(dense))).toThrow(TypeMismatchError);
    f32.setValue(sp.csrMatrix(dense), { allowDowncast: true });
    expect(f32.getValue().dtype).toBe('float32');
  });

  it('refuses values that are not sparse matrices', () => {
    expect(() => sp.shared([[1, 2]] as never)).toThrow(TypeMismatchError);
    expect(() => sp.shared(sp.csrMatrix(dense), { name: 3 as never })).toThrow(/expected a string/);
  });

  it('clones share the value cell', () => {
    const w = sp.shared(sp.csrMatrix(dense));
    const c = w.clone();
    expect(c).toBeInstanceOf(sp.SparseSharedVariable);
    c.setValue(sp.csrMatrix([[7]]));
    expect(w.getValue().get(0, 0)).toBe(7);
  });

  it('is read by graphs at evaluation time', () => {
    const w = sp.shared(sp.csrMatrix(dense), 'w');
    const x = pt.dmatrix('x');
    const y = sp.structuredDot(w, x);
    const xv = pt.toNDArray([[1, 0], [0, 1], [1, 1]], 'float64');
    expect(pt.toNested(y.eval(new Map([[x, xv]])) as pt.NDArray)).toEqual([[0, 1.5], [1, -1]]);
    w.setValue(sp.csrMatrix([[1, 0, 0], [0, 0, 2]]));
    expect(pt.toNested(y.eval(new Map([[x, xv]])) as pt.NDArray)).toEqual([[1, 0], [2, 2]]);
    // A shape mismatch at run time is the Op's ShapeError.
    w.setValue(sp.csrMatrix([[1, 0]]));
    expect(() => y.eval(new Map([[x, xv]]))).toThrow(/not aligned/);
    // cloneReplace keeps the shared cell.
    const [y2] = cloneReplace([sp.spSum(w)], new Map());
    w.setValue(sp.csrMatrix([[1, 2]]));
    expect(pt.toNested(y2!.eval() as pt.NDArray)).toBe(3);
  });
});
