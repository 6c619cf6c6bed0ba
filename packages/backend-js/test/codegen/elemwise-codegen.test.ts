import * as pt from '@proj/tensor';
import { FunctionGraph, ShapeError, evaluate } from '@proj/graph';
import { elemwiseFusion } from '@proj/rewrite';
import { expectIdentical, expectSameAsPerform, makeValue, rng, runThunk, thunksOf } from './helpers';

type TV = pt.TensorVariable;
const tensor = (dtype: pt.Dtype, ndim: number, name: string): TV => new pt.TensorType(dtype, new Array(ndim).fill(null)).makeVariable(name);

const NUMBER_DTYPES: pt.Dtype[] = ['bool', 'int8', 'int16', 'int32', 'uint8', 'uint16', 'uint32', 'float32', 'float64'];

describe('generated Elemwise loops: every dtype JS numbers hold', () => {
  const binary: [string, (a: TV, b: TV) => TV][] = [
    ['add', pt.add], ['mul', pt.mul], ['maximum', pt.maximum], ['minimum', pt.minimum], ['lt', pt.lt], ['eq', pt.eq],
    ['trueDiv', pt.trueDiv], ['intDiv', pt.intDiv], ['mod', pt.mod],
  ];
  for (const dtype of NUMBER_DTYPES) {
    it(`${dtype}: binary ops and mixed-dtype expressions equal op.perform`, () => {
      const r = rng(NUMBER_DTYPES.indexOf(dtype) + 1);
      const [a, b] = [tensor(dtype, 2, 'a'), tensor(dtype, 2, 'b')];
      const values = [makeValue(r, dtype, [3, 5]), makeValue(r, dtype, [3, 5])];
      for (const [name, f] of binary) {
        if (dtype === 'bool' && (name === 'intDiv' || name === 'mod')) continue;
        expect(name && expectSameAsPerform(f(a, b).owner!, values)).toBeDefined();
      }
      if (dtype !== 'bool') expectSameAsPerform(pt.sub(a, b).owner!, values);
      const f = tensor('float64', 2, 'f');
      const fv = makeValue(r, 'float64', [3, 5]);
      expectSameAsPerform(pt.mul(a, f).owner!, [values[0]!, fv]);
      expectSameAsPerform(pt.exp(a).owner!, [values[0]!]);
      expectSameAsPerform(pt.switch(pt.gt(a, b), a, b).owner!.inputs[0]!.owner!, values);
    });
  }
});

describe('generated Elemwise loops: layouts', () => {
  const [x, y, z] = [pt.dmatrix('x'), pt.dmatrix('y'), pt.dmatrix('z')];
  const bench = pt.sub(pt.add(pt.mul(pt.exp(x), y), pt.tanh(z)), pt.sqr(x));
  const fg = new FunctionGraph([x, y, z], [bench]);
  elemwiseFusion.rewrite(fg);
  const fused = fg.outputs[0]!.owner!;

  it('fuses the benchmark expression into one node', () => {
    expect(fused.op.toString()).toBe('Elemwise{Composite{((exp(i0) * i1) + tanh(i2)) - sqr(i0)}}');
  });

  it.each([
    ['contiguous', ['c', 'c', 'c']],
    ['transposed', ['t', 't', 'c']],
    ['offset and strided', ['o', 'c', 'o']],
    ['all strided', ['o', 't', 'o']],
  ] as const)('%s inputs: a fused Composite node equals op.perform', (_name, layouts) => {
    const r = rng(11);
    const values = layouts.map((l) => makeValue(r, 'float64', [4, 6], l));
    expectSameAsPerform(fused, values);
  });

  it('broadcasting: rows, columns, single elements, in float32 and ints', () => {
    const r = rng(5);
    for (const dtype of ['float64', 'float32', 'int16'] as pt.Dtype[]) {
      const a = tensor(dtype, 2, 'a');
      const row = new pt.TensorType(dtype, [1, null]).makeVariable('row');
      const col = new pt.TensorType(dtype, [null, 1]).makeVariable('col');
      const one = new pt.TensorType(dtype, [1, 1]).makeVariable('one');
      const node = pt.add(pt.mul(a, row), pt.sub(col, one)).owner!;
      const sub = node.inputs[1]!.owner!;
      const mulNode = node.inputs[0]!.owner!;
      expectSameAsPerform(mulNode, [makeValue(r, dtype, [3, 4]), makeValue(r, dtype, [1, 4])]);
      expectSameAsPerform(mulNode, [makeValue(r, dtype, [3, 4], 't'), makeValue(r, dtype, [1, 4], 'o')]);
      expectSameAsPerform(sub, [makeValue(r, dtype, [3, 1]), makeValue(r, dtype, [1, 1])]);
      // A run-time length 1 (static length unknown) broadcasts too.
      expectSameAsPerform(pt.mul(a, tensor(dtype, 2, 'b')).owner!, [makeValue(r, dtype, [3, 4]), makeValue(r, dtype, [3, 1])]);
      expectSameAsPerform(pt.mul(a, tensor(dtype, 2, 'b')).owner!, [makeValue(r, dtype, [1, 1]), makeValue(r, dtype, [3, 4], 'o')]);
    }
  });

  it('0-d and empty arrays', () => {
    const r = rng(9);
    const [s, t] = [pt.dscalar('s'), pt.dscalar('t')];
    const got = expectSameAsPerform(pt.mul(pt.exp(s), t).owner!, [makeValue(r, 'float64', []), makeValue(r, 'float64', [])]);
    expect(got.shape).toEqual([]);
    expectSameAsPerform(fused, [makeValue(r, 'float64', [0, 3]), makeValue(r, 'float64', [0, 3]), makeValue(r, 'float64', [0, 3])]);
    expectSameAsPerform(fused, [makeValue(r, 'float64', [0, 3]), makeValue(r, 'float64', [1, 3]), makeValue(r, 'float64', [0, 1])]);
    expectSameAsPerform(fused, [makeValue(r, 'float64', [2, 0], 't'), makeValue(r, 'float64', [2, 0]), makeValue(r, 'float64', [1, 1])]);
  });

  it('reuses its generated loop across calls and switches layouts between calls', () => {
    const r = rng(3);
    const { generic, fast } = thunksOf(fused);
    for (const layouts of [['c', 'c', 'c'], ['t', 'c', 'o'], ['c', 'c', 'c'], ['o', 'o', 'o']] as const) {
      const values = layouts.map((l) => makeValue(r, 'float64', [3, 2], l));
      expectIdentical(runThunk(fast!, values), runThunk(generic, values.map((v) => pt.copyArray(v))));
    }
  });

  it('throws the ShapeError of the reference kernel on shapes that do not broadcast', () => {
    const { fast } = thunksOf(fused);
    const r = rng(1);
    expect(() => runThunk(fast!, [makeValue(r, 'float64', [2, 3]), makeValue(r, 'float64', [3, 3]), makeValue(r, 'float64', [2, 3])])).toThrow(ShapeError);
  });

  it('never modifies its inputs (not in place)', () => {
    const r = rng(4);
    const values = [makeValue(r, 'float64', [3, 3]), makeValue(r, 'float64', [3, 3], 't'), makeValue(r, 'float64', [3, 3], 'o')];
    const before = values.map((v) => pt.toNested(v));
    expectSameAsPerform(fused, values);
    values.forEach((v, i) => expect(pt.toNested(v)).toEqual(before[i]));
  });
});

describe('generated Elemwise loops: fused programs round their intermediates', () => {
  /** Fuses `out` over `inputs` and runs the fused node both ways on seeded values of `shape`. */
  const fuseAndRun = (inputs: TV[], out: TV, shape: number[], seed: number) => {
    const fg = new FunctionGraph(inputs, [out]);
    expect(elemwiseFusion.rewrite(fg).fired).toBe(1);
    const node = fg.outputs[0]!.owner!;
    expect(node.op).toBeInstanceOf(pt.Elemwise);
    const r = rng(seed);
    const values = node.inputs.map((v, i) => makeValue(r, (v as TV).dtype, shape, i % 2 === 0 ? 'c' : 'o'));
    const got = expectSameAsPerform(node, values);
    // And the unfused graph, node by node with the reference evaluator (fusion keeps the inputs in order here).
    const unfused = evaluate([out], inputs.map((v, i) => [v, values[node.inputs.indexOf(v)] ?? values[i]] as const))[0] as pt.NDArray;
    expectIdentical(got, unfused);
  };

  it('float32 chains round every step to float32', () => {
    const [f, g] = [pt.fmatrix('f'), pt.fmatrix('g')];
    fuseAndRun([f, g], pt.sub(pt.mul(pt.exp(f), 1.1), pt.sqr(g)).mul(f).add(pt.trueDiv(g, 3)), [5, 7], 21);
  });

  it('small integers wrap at every step; bool and comparisons give 0/1', () => {
    const [a, b] = [tensor('int8', 1, 'a'), tensor('uint16', 1, 'b')];
    fuseAndRun([a, b], pt.add(pt.mul(a, a), pt.mul(b, b)).add(pt.mul(a, 3)), [40], 22);
    const [i, j] = [tensor('int32', 1, 'i'), tensor('int32', 1, 'j')];
    fuseAndRun([i, j], pt.intDiv(pt.mul(i, j), pt.add(j, 1)).add(pt.mod(i, 7)), [40], 23);
    const c = tensor('bool', 1, 'c');
    fuseAndRun([c, a], pt.bitwiseAnd(c, pt.gt(a, 0)).mul(a), [40], 24);
  });
});

describe('generated Elemwise loops: in place and fallbacks', () => {
  it('an in-place node writes into the input it destroys when that input can hold the result', () => {
    const [a, b] = [pt.dmatrix('a'), pt.dmatrix('b')];
    const node = new pt.Elemwise(pt.scalarAdd, { 0: 0 }).makeNode(a, b);
    const r = rng(2);
    const av = makeValue(r, 'float64', [2, 3]);
    const bv = makeValue(r, 'float64', [2, 3], 't');
    const want = pt.toNested(pt.elemwiseKernel(pt.scalarAdd, [av, bv], 'float64'));
    const { fast } = thunksOf(node);
    const got = runThunk(fast!, [av, bv]);
    expect(got).toBe(av);
    expect(pt.toNested(av)).toEqual(want);
    // a strided destroyed input cannot take the result: a new array, as the reference kernel does.
    const sv = makeValue(r, 'float64', [2, 3], 'o');
    const want2 = pt.toNested(pt.elemwiseKernel(pt.scalarAdd, [sv, bv], 'float64'));
    const got2 = runThunk(fast!, [sv, bv]);
    expect(got2).not.toBe(sv);
    expect(pt.toNested(got2)).toEqual(want2);
    // the same array on both sides: x + x in place.
    const cv = makeValue(r, 'float64', [2, 3]);
    const want3 = pt.toNested(pt.elemwiseKernel(pt.scalarAdd, [cv, cv], 'float64'));
    expect(runThunk(fast!, [cv, cv])).toBe(cv);
    expect(pt.toNested(cv)).toEqual(want3);
  });

  it('keeps the generic thunk for int64, uint64 and complex nodes', () => {
    expect(thunksOf(pt.add(pt.lvector('l'), pt.lvector('m')).owner!).fast).toBeUndefined();
    expect(thunksOf(pt.add(tensor('uint64', 1, 'u'), tensor('uint64', 1, 'v')).owner!).fast).toBeUndefined();
    expect(thunksOf(pt.exp(tensor('complex128', 1, 'c')).owner!).fast).toBeUndefined();
    expect(thunksOf(pt.sum(pt.dvector('d')).owner!).fast).toBeUndefined();
  });
});
