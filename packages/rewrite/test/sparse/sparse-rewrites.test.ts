// The sparse rewrites: the graph before and after each one, and the rewritten
// graph's values against the original's (reference evaluator) on random sparse
// inputs with unsorted indices and explicit zeros, in both formats.
import { FunctionGraph, evaluate, type Variable } from '@proj/graph';
import * as pt from '@proj/tensor';
import * as sp from '@proj/sparse';
import {
  EquilibriumGraphRewriter,
  FAST_COMPILE_QUERY,
  FAST_RUN_QUERY,
  localCsmPropertiesCsm,
  localDotToStructuredDot,
  localStructuredDot,
  localTransposeTranspose,
  localUsmm,
  rewriteGraph,
  type NodeRewriter,
} from '../../src';

/** The Op names of a graph, in topological order. */
const ops = (fg: FunctionGraph) => fg.toposort().map((n) => n.op.constructor.name);

/** Values as plain nested arrays (sparse matrices densified). */
function plain(v: unknown): unknown {
  if (v instanceof sp.CompressedMatrix) return pt.toNested(v.toarray());
  return pt.toNested(v as pt.NDArray);
}

/** Rewrites a clone of the graph with `rewriters` and checks it computes what the original does, inputs unchanged. */
function checkSame(inputs: Variable[], outputs: Variable[], values: unknown[], rewrite: (fg: FunctionGraph) => void): FunctionGraph {
  const before = evaluate(outputs, inputs.map((v, i) => [v, values[i]] as const)).map(plain);
  const snapshot = values.map(plain);
  const fg = new FunctionGraph(inputs, outputs);
  rewrite(fg);
  const after = evaluate(fg.outputs, fg.inputs.map((v, i) => [v, values[i]] as const)).map(plain);
  after.forEach((a, i) => {
    const b = before[i] as number[][];
    (a as number[][]).forEach((row, r) => (Array.isArray(row) ? row : [row]).forEach((x, c) => expect(x).toBeCloseTo(Array.isArray(b[r]) ? (b[r] as number[])[c]! : (b[r] as unknown as number), 10)));
  });
  expect(values.map(plain)).toEqual(snapshot);
  return fg;
}

const only = (...rs: NodeRewriter[]) => (fg: FunctionGraph) => void new EquilibriumGraphRewriter(rs).rewrite(fg);
const dense = (rows: number, cols: number, seed: number) => {
  const g = new sp.SeededRandom(seed);
  return pt.toNDArray(Array.from({ length: rows }, () => Array.from({ length: cols }, () => g.uniform() * 2 - 1)), 'float64');
};

describe('localCsmPropertiesCsm', () => {
  it('csmProperties(csm(d, i, p, s)) -> d, i, p, s (values unchanged)', () => {
    for (const format of ['csr', 'csc'] as const) {
      const [[], [m]] = [[], sp.sparseRandomInputs(format, [5, 4], { explicitZero: true, unsortedIndices: true, seed: 3 })[1]];
      const d = pt.dvector('d'), i = pt.ivector('i'), p = pt.ivector('p'), s = pt.ivector('s');
      const props = sp.csmProperties(sp.csm(format, d, i, p, s));
      const outs = [pt.mul(props[0], 2), props[1], props[2], props[3]];
      const values = [pt.toNDArray(Array.from(m!.data as Float64Array), 'float64'), pt.toNDArray(Array.from(m!.indices), 'int32'), pt.toNDArray(Array.from(m!.indptr), 'int32'), pt.toNDArray([5, 4], 'int32')];
      const fg = checkSame([d, i, p, s], outs, values, only(localCsmPropertiesCsm));
      expect(ops(fg)).not.toContain('CSM');
      expect(ops(fg)).not.toContain('CSMProperties');
      expect(fg.outputs[1]).toBe(fg.inputs[1]);
    }
  });

  it('casts parts of another integer dtype to the int32 CSMProperties gives', () => {
    const d = pt.dvector('d'), i = pt.lvector('i'), p = pt.lvector('p'), s = pt.lvector('s');
    const [, ind] = sp.csmProperties(sp.csr(d, i, p, s));
    const fg = new FunctionGraph([d, i, p, s], [ind]);
    only(localCsmPropertiesCsm)(fg);
    expect(ops(fg)).toEqual(['Elemwise']);
    expect((fg.outputs[0] as pt.TensorVariable).dtype).toBe('int32');
  });

  it('leaves CSMProperties of other matrices alone', () => {
    const x = sp.csrMatrix('x');
    const fg = new FunctionGraph([x], [sp.csmData(x)]);
    only(localCsmPropertiesCsm)(fg);
    expect(ops(fg)).toEqual(['CSMProperties']);
  });
});

describe('localTransposeTranspose', () => {
  it('transpose(transpose(x)) -> x; a single transpose stays', () => {
    for (const format of ['csr', 'csc'] as const) {
      const [[x], [xv]] = sp.sparseRandomInputs(format, [4, 6], { explicitZero: true, unsortedIndices: true, seed: 8 });
      const fg = checkSame([x!], [sp.transpose(sp.transpose(x!)), sp.transpose(sp.transpose(sp.transpose(x!)))], [xv], only(localTransposeTranspose));
      expect(fg.outputs[0]).toBe(fg.inputs[0]);
      expect(ops(fg)).toEqual(['Transpose']);
      expect(fg.outputs[1]!.type).toEqual(new sp.SparseType(format === 'csr' ? 'csc' : 'csr', 'float64'));
    }
  });
});

describe('localDotToStructuredDot', () => {
  it('dot(sparse, dense matrix) -> structuredDot; other operands are left to Dot', () => {
    for (const format of ['csr', 'csc'] as const) {
      const [[x], [xv]] = sp.sparseRandomInputs(format, [5, 3], { explicitZero: true, unsortedIndices: true, seed: 11 });
      const y = pt.dmatrix('y'), v = pt.dvector('v'), w = pt.dmatrix('w');
      const fg = checkSame([x!, y, v, w], [sp.dot(x!, y), sp.dot(x!, v), sp.dot(w, x!)], [xv, dense(3, 2, 1), pt.toNDArray([1, -2, 0.5], 'float64'), dense(2, 5, 2)], only(localDotToStructuredDot));
      expect(fg.outputs.map((o) => o.owner!.op.constructor.name)).toEqual(['StructuredDot', 'Dot', 'Dot']);
    }
  });
});

describe('localStructuredDot', () => {
  it('structuredDot(a, b) -> StructuredDotCSR / StructuredDotCSC on a\'s arrays', () => {
    for (const format of ['csr', 'csc'] as const) {
      const [[a], [av]] = sp.sparseRandomInputs(format, [6, 4], { explicitZero: true, unsortedIndices: true, seed: 21 });
      const b = pt.dmatrix('b');
      const fg = checkSame([a!, b], [sp.structuredDot(a!, b)], [av, dense(4, 3, 5)], only(localStructuredDot));
      const want = format === 'csr' ? 'StructuredDotCSR' : 'StructuredDotCSC';
      expect(ops(fg)).toContain(want);
      expect(ops(fg)).not.toContain('StructuredDot');
    }
  });

  it('with a matrix built by CSM, the arrays feed the format-specific Op directly', () => {
    const d = pt.dvector('d'), i = pt.ivector('i'), p = pt.ivector('p'), s = pt.ivector('s'), b = pt.dmatrix('b');
    const m = sp.csc(d, i, p, s);
    const [[], [mv]] = [[], sp.sparseRandomInputs('csc', [3, 4], { explicitZero: true, unsortedIndices: true, seed: 2 })[1]];
    const values = [pt.toNDArray(Array.from(mv!.data as Float64Array), 'float64'), pt.toNDArray(Array.from(mv!.indices), 'int32'), pt.toNDArray(Array.from(mv!.indptr), 'int32'), pt.toNDArray([3, 4], 'int32'), dense(4, 2, 9)];
    const fg = checkSame([d, i, p, s, b], [sp.structuredDot(m, b)], values, (g) => void rewriteGraph(g, FAST_RUN_QUERY.including('localStructuredDot')));
    expect(ops(fg)).toContain('StructuredDotCSC');
    expect(ops(fg)).not.toContain('CSM');
    expect(ops(fg)).not.toContain('CSMProperties');
  });

  it('is not part of FAST_RUN unless named', () => {
    const a = sp.csrMatrix('a'), b = pt.dmatrix('b');
    const fg = new FunctionGraph([a, b], [sp.structuredDot(a, b)]);
    rewriteGraph(fg, FAST_RUN_QUERY);
    expect(ops(fg)).toEqual(['StructuredDot']);
  });
});

describe('localUsmm', () => {
  it('z - alpha * dot(x, y) -> usmm(-alpha, x, y, z), sparse x or sparse y', () => {
    for (const format of ['csr', 'csc'] as const) {
      const [[x], [xv]] = sp.sparseRandomInputs(format, [4, 3], { explicitZero: true, unsortedIndices: true, seed: 31 });
      const y = pt.dmatrix('y'), z = pt.dmatrix('z'), alpha = pt.dscalar('alpha'), w = pt.dmatrix('w'), z2 = pt.dmatrix('z2');
      const out1 = pt.sub(z, pt.mul(alpha, sp.dot(x!, y)));
      const out2 = pt.sub(z2, pt.mul(sp.dot(w, x!), alpha));
      const values = [xv, dense(3, 2, 1), dense(4, 2, 2), pt.toNDArray(1.5, 'float64'), dense(5, 4, 3), dense(5, 3, 4)];
      const fg = checkSame([x!, y, z, alpha, w, z2], [out1, out2], values, only(localUsmm));
      expect(fg.outputs.map((o) => o.owner!.op.constructor.name)).toEqual(['Usmm', 'Usmm']);
      expect(ops(fg)).not.toContain('Dot');
    }
  });

  it('z + dot(x, y), z - dot(x, y) and alpha * dot + z too; the full FAST_RUN pipeline makes Usmm of a Dot', () => {
    const [[x], [xv]] = sp.sparseRandomInputs('csr', [3, 5], { explicitZero: true, unsortedIndices: true, seed: 41 });
    const y = pt.dmatrix('y'), z = pt.dmatrix('z');
    // One graph each: after merging, a product shared by several sums is left alone (see the next test).
    for (const out of [pt.add(z, sp.dot(x!, y)), pt.sub(z, sp.dot(x!, y)), pt.add(pt.mul(sp.dot(x!, y), 3), z)]) {
      const fg = checkSame([x!, y, z], [out], [xv, dense(5, 2, 6), dense(3, 2, 7)], (g) => void rewriteGraph(g, FAST_RUN_QUERY));
      expect(ops(fg)).toEqual(['Usmm']);
    }
  });

  it('broadcasts a z with a length-1 dimension as the Elemwise did', () => {
    const [[x], [xv]] = sp.sparseRandomInputs('csc', [3, 4], { seed: 5, explicitZero: true });
    const y = pt.dmatrix('y'), z = pt.dmatrix('z');
    checkSame([x!, y, z], [pt.sub(z, sp.dot(x!, y))], [xv, dense(4, 2, 1), dense(1, 2, 2)], only(localUsmm));
    // Usmm itself: a static length-1 z is not taken as the output's length.
    const zRow = new pt.TensorType('float64', [1, 2]).makeVariable('zRow');
    expect(sp.usmm(1, x!, y, zRow).type.shape).toEqual([null, 2]);
  });

  it('does not fire when z broadcasts statically, the product has other clients, or alpha is not a scalar', () => {
    const x = sp.csrMatrix('x'), y = pt.dmatrix('y'), z = pt.dmatrix('z'), m = pt.dmatrix('m');
    const zRow = new pt.TensorType('float64', [1, null]).makeVariable('zRow');
    const d = sp.dot(x, y);
    const cases: Variable[][] = [[pt.sub(zRow, sp.dot(x, y))], [pt.sub(z, d), d], [pt.sub(z, pt.mul(m, sp.dot(x, y)))]];
    for (const outs of cases) {
      const fg = new FunctionGraph([x, y, z, m, zRow], outs, { clone: false });
      only(localUsmm)(fg);
      expect(ops(fg)).not.toContain('Usmm');
    }
  });

  it('is in FAST_RUN (specialize), not in FAST_COMPILE', () => {
    const x = sp.cscMatrix('x'), y = pt.dmatrix('y'), z = pt.dmatrix('z');
    const build = () => new FunctionGraph([x, y, z], [pt.sub(z, sp.dot(x, y))]);
    const a = build();
    rewriteGraph(a, FAST_COMPILE_QUERY);
    expect(ops(a)).not.toContain('Usmm');
    const b = build();
    rewriteGraph(b, FAST_RUN_QUERY.excluding('localUsmm'));
    expect(ops(b)).not.toContain('Usmm');
  });
});

describe('StructuredDotCSR / StructuredDotCSC (the Ops localStructuredDot inserts)', () => {
  const v = pt.dvector('v'), i = pt.ivector('i'), p = pt.ivector('p'), b = pt.dmatrix('b'), rows = pt.iscalar('rows');
  const arr = (xs: number[], dtype: pt.Dtype) => pt.toNDArray(xs, dtype);
  const bv = dense(3, 2, 4);

  it('compute a @ b from the raw arrays (a = [[0, 2, 0], [1, 0, 3]])', () => {
    const csr = new sp.StructuredDotCSR().call(v, i, p, b);
    const csc = new sp.StructuredDotCSC().call(v, i, p, rows, b);
    const want = pt.toNested(sp.structuredDot(sp.csrMatrix([[0, 2, 0], [1, 0, 3]]), b).eval(new Map([[b, bv]])) as pt.NDArray) as number[][];
    const gotCsr = pt.toNested(csr.eval(new Map<Variable, unknown>([[v, arr([2, 3, 1], 'float64')], [i, arr([1, 2, 0], 'int32')], [p, arr([0, 1, 3], 'int32')], [b, bv]])) as pt.NDArray) as number[][];
    const gotCsc = pt.toNested(csc.eval(new Map<Variable, unknown>([[v, arr([1, 2, 3], 'float64')], [i, arr([1, 0, 1], 'int32')], [p, arr([0, 1, 2, 3], 'int32')], [rows, pt.toNDArray(2, 'int32')], [b, bv]])) as pt.NDArray) as number[][];
    for (const got of [gotCsr, gotCsc]) got.forEach((r, k) => r.forEach((x, c) => expect(x).toBeCloseTo(want[k]![c]!, 12)));
  });

  it('refuse malformed structures with ShapeErrors naming the problem', () => {
    const csr = new sp.StructuredDotCSR().call(v, i, p, b);
    const run = (iv: number[], pv: number[]) => () => csr.eval(new Map<Variable, unknown>([[v, arr([1, 1], 'float64')], [i, arr(iv, 'int32')], [p, arr(pv, 'int32')], [b, bv]]));
    expect(run([0, 7], [0, 1, 2])).toThrow(/indices in \[0, 3\), got index 7/);
    expect(run([0, 1], [0, 2, 1])).toThrow(/non-decreasing indptr/);
    expect(run([0, 1], [0, 1, 5])).toThrow(/at least 5 indices and values/);
    expect(() => new sp.StructuredDotCSR().call(v, pt.dvector('f'), p, b)).toThrow(/integer vector/);
  });
});
