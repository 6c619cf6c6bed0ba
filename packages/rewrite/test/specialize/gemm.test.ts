/**
 * Dot products with a scale and an add around them -> Gemm / Gemv / Ger, and a
 * lone matrix product -> Gemm on fresh zeros: the graph before and after,
 * values on seeded random inputs, and the graphs they must leave alone.
 */
import { FunctionGraph, type Variable } from '@proj/graph';
import * as pt from '@proj/tensor';
import { dotToGemm, gemmFromDot } from '../../src/rewrites/specialize/gemm';
import { expectClose, printed, randomArray, rewriteWith, values } from '../stabilize/check';

type F = 'float32' | 'float64';
const mat = (dtype: F, name: string) => new pt.TensorType(dtype, [null, null]).makeVariable(name);
const vec = (dtype: F, name: string) => new pt.TensorType(dtype, [null]).makeVariable(name);

/** The inputs of a graph over x (3x4), y (4x5), z (3x5), A (3x4), u (3), v (4), w (3x5), a (0-d). */
function operands(dtype: F) {
  const vars = {
    x: mat(dtype, 'x'),
    y: mat(dtype, 'y'),
    z: mat(dtype, 'z'),
    A: mat(dtype, 'A'),
    u: vec(dtype, 'u'),
    v: vec(dtype, 'v'),
    w: mat(dtype, 'w'),
    a: new pt.TensorType(dtype, []).makeVariable('a'),
  };
  const shapes: Record<keyof typeof vars, number[]> = { x: [3, 4], y: [4, 5], z: [3, 5], A: [3, 4], u: [3], v: [4], w: [3, 5], a: [] };
  const inputs = (Object.keys(vars) as (keyof typeof vars)[]).map((k, i) => randomArray(dtype, shapes[k], 100 + i, -2, 2));
  return { vars, list: Object.values(vars) as Variable[], inputs };
}

type Vars = ReturnType<typeof operands>['vars'];

interface Case {
  text: string;
  build: (o: Vars) => pt.TensorVariable;
  /** The BLAS Op the output becomes, and its scalar inputs (alpha, beta) when constant. */
  op: string;
  scalars?: number[];
}

const cases: Case[] = [
  { text: 'z + dot(x, y)', build: (o) => pt.add(o.z, pt.dot(o.x, o.y)), op: 'Gemm{no_inplace}', scalars: [1, 1] },
  { text: 'dot(x, y) + z', build: (o) => pt.add(pt.dot(o.x, o.y), o.z), op: 'Gemm{no_inplace}', scalars: [1, 1] },
  { text: '0.5 * z - 2 * dot(x, y)', build: (o) => pt.sub(pt.mul(0.5, o.z), pt.mul(2, pt.dot(o.x, o.y))), op: 'Gemm{no_inplace}', scalars: [-2, 0.5] },
  { text: 'dot(x, y) - z', build: (o) => pt.sub(pt.dot(o.x, o.y), o.z), op: 'Gemm{no_inplace}', scalars: [1, -1] },
  { text: 'z + a * dot(x, y) (symbolic alpha)', build: (o) => pt.add(o.z, pt.mul(o.a, pt.dot(o.x, o.y))), op: 'Gemm{no_inplace}' },
  { text: 'z + -(a * 3 * dot(x, y))', build: (o) => pt.add(o.z, pt.neg(pt.mul(o.a, 3, pt.dot(o.x, o.y)))), op: 'Gemm{no_inplace}' },
  { text: 'u + dot(A, v) (gemv)', build: (o) => pt.add(o.u, pt.dot(o.A, o.v)), op: 'Gemv{no_inplace}', scalars: [1, 1] },
  { text: 'v - 3 * dot(u, A) (gemv of the transpose)', build: (o) => pt.sub(o.v, pt.mul(3, pt.dot(o.u, o.A))), op: 'Gemv{no_inplace}', scalars: [-3, 1] },
  { text: 'A + 0.5 * outer(u, v) (ger)', build: (o) => pt.add(o.A, pt.mul(0.5, pt.outer(o.u, o.v))), op: 'Ger{non-destructive}', scalars: [0.5] },
  { text: '2 * A + outer(u, v) (a scaled z: gemm of the outer product)', build: (o) => pt.add(pt.mul(2, o.A), pt.outer(o.u, o.v)), op: 'Gemm{no_inplace}', scalars: [1, 2] },
];

describe.each(cases)('gemmFromDot: $text', ({ build, op, scalars }) => {
  it.each(['float64', 'float32'] as const)('becomes %s %s with the same values', (dtype) => {
    const o = operands(dtype);
    const out = build(o.vars);
    const fg = new FunctionGraph(o.list, [out], { clone: false });
    const before = values(fg, o.inputs);
    expect(rewriteWith(fg, gemmFromDot)).toBe(1);
    const node = fg.outputs[0]!.owner!;
    expect(node.op.toString()).toBe(op);
    expect(fg.outputs[0]!.type.equals(out.type)).toBe(true);
    expect(fg.toposort().some((n) => n.op instanceof pt.Dot)).toBe(false);
    if (scalars) {
      const positions = op.startsWith('Ger') ? [1] : [1, 4];
      expect(positions.map((k) => pt.getUnderlyingScalarConstantValue(node.inputs[k] as pt.TensorVariable))).toEqual(scalars.map((s) => s));
    }
    expectClose(values(fg, o.inputs)[0]!, before[0]!, dtype === 'float32' ? 1e-5 : 1e-13, dtype === 'float32' ? 1e-5 : 1e-13);
  });
});

describe('gemmFromDot', () => {
  it('prints the Gemm of 0.5 * z - 2 * dot(x, y)', () => {
    const o = operands('float64');
    const fg = new FunctionGraph(o.list, [pt.sub(pt.mul(0.5, o.vars.z), pt.mul(2, pt.dot(o.vars.x, o.vars.y)))], { clone: false });
    rewriteWith(fg, gemmFromDot);
    expect(printed(fg)).toBe('Gemm{no_inplace} [id A]\n ├─ z [id B]\n ├─ -2 [id C]\n ├─ x [id D]\n ├─ y [id E]\n └─ 0.5 [id F]');
  });

  it('keeps the other terms of a longer sum: z + dot(x, y) + w -> gemm + w', () => {
    const o = operands('float64');
    const { x, y, z, w } = o.vars;
    const fg = new FunctionGraph(o.list, [pt.add(z, pt.dot(x, y), w)], { clone: false });
    const before = values(fg, o.inputs);
    expect(rewriteWith(fg, gemmFromDot)).toBe(1);
    expect(printed(fg)).toBe(
      'Elemwise{add} [id A]\n ├─ Gemm{no_inplace} [id B]\n │  ├─ z [id C]\n │  ├─ 1 [id D]\n │  ├─ x [id E]\n │  ├─ y [id F]\n │  └─ 1 [id G]\n └─ w [id H]',
    );
    expectClose(values(fg, o.inputs)[0]!, before[0]!, 1e-13);
  });

  const row = new pt.TensorType('float64', [1, null]).makeVariable('r');
  const negatives: [string, (o: Vars) => pt.TensorVariable[]][] = [
    ['a dot that is also an output (it would be computed twice)', (o) => { const d = pt.dot(o.x, o.y); return [pt.add(o.z, d), d]; }],
    ['a z that broadcasts (a row added to every row)', (o) => [pt.add(pt.dimshuffle(pt.sum(o.z, { axis: 0 }), ['x', 0]), pt.dot(o.x, o.y))]],
    ['a z of static shape (1, n)', (o) => [pt.add(row, pt.dot(o.x, o.y))]],
    ['a dot of two vectors (a scalar)', (o) => [pt.add(o.a, pt.dot(o.u, o.u))]],
    ['a product scaled by a vector, not a scalar', (o) => [pt.add(o.z, pt.mul(pt.sum(o.z, { axis: 0 }), pt.dot(o.x, o.y)))]],
    ['a sum without a dot', (o) => [pt.add(o.z, o.w)]],
    ['mul alone', (o) => [pt.mul(2, pt.dot(o.x, o.y))]],
  ];
  it.each(negatives)('leaves alone %s', (_text, build) => {
    const o = operands('float64');
    const fg = new FunctionGraph([...o.list, row], build(o.vars), { clone: false });
    const text = printed(fg);
    expect(rewriteWith(fg, gemmFromDot)).toBe(0);
    expect(printed(fg)).toBe(text);
  });

  it('leaves integer and mixed-dtype products alone', () => {
    const xi = pt.imatrix('xi');
    const zi = pt.imatrix('zi');
    const z32 = pt.fmatrix('z32');
    const x = pt.dmatrix('x');
    const fg = new FunctionGraph([xi, zi, z32, x], [pt.add(zi, pt.dot(xi, xi)), pt.add(z32, pt.dot(x, x))], { clone: false });
    expect(rewriteWith(fg, gemmFromDot)).toBe(0);
  });
});

describe('dotToGemm', () => {
  it.each(['float64', 'float32'] as const)('turns a lone %s matrix product into a Gemm on fresh zeros, with the same values', (dtype) => {
    const o = operands(dtype);
    const out = pt.dot(o.vars.x, o.vars.y);
    const fg = new FunctionGraph(o.list, [out], { clone: false });
    const before = values(fg, o.inputs);
    expect(rewriteWith(fg, dotToGemm)).toBe(1);
    expect(printed(fg)).toBe(
      [
        'Gemm{no_inplace} [id A]',
        ' ├─ Alloc [id B]',
        ' │  ├─ 0 [id C]',
        ' │  ├─ Shape_i{0} [id D]',
        ' │  │  └─ x [id E]',
        ' │  └─ Shape_i{1} [id F]',
        ' │     └─ y [id G]',
        ' ├─ 1 [id H]',
        ' ├─ x [id E]',
        ' ├─ y [id G]',
        ' └─ 0 [id I]',
      ].join('\n'),
    );
    expect(fg.outputs[0]!.type.equals(out.type)).toBe(true);
    expectClose(values(fg, o.inputs)[0]!, before[0]!, dtype === 'float32' ? 1e-6 : 1e-14, 1e-6);
  });

  it('leaves a dot inside a sum (for gemmFromDot), products with vectors and integer products alone', () => {
    const o = operands('float64');
    const { x, y, z, A, v } = o.vars;
    const xi = pt.imatrix('xi');
    const fg = new FunctionGraph([...o.list, xi], [pt.add(z, pt.dot(x, y)), pt.dot(A, v), pt.dot(xi, xi)], { clone: false });
    expect(rewriteWith(fg, dotToGemm)).toBe(0);
  });
});
