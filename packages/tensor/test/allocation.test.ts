import { AllocationError, NodeError } from '@proj/graph';
import { MAX_ALLOC_BYTES, allocRaw, zerosArray } from '../src/value/ndarray';
import * as pt from '../src';

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  return undefined;
}

describe('allocRaw', () => {
  it('allocates small arrays of the dtype, complex as interleaved pairs', () => {
    expect(allocRaw('t', 'float32', [2, 3])).toBeInstanceOf(Float32Array);
    expect(allocRaw('t', 'complex128', [3]).length).toBe(6);
    expect(allocRaw('t', 'int64', [0]).length).toBe(0);
  });

  it('refuses more elements than a typed array holds, naming op, shape, dtype and bytes', () => {
    const e = thrown(() => allocRaw('Alloc', 'float64', [1e6, 1e6])) as AllocationError;
    expect(e).toBeInstanceOf(AllocationError);
    expect(e.op).toBe('Alloc');
    expect(e.shape).toEqual([1e6, 1e6]);
    expect(e.dtype).toBe('float64');
    expect(e.bytes).toBe(8e12);
    expect(e.message).toBe("Alloc: argument 'shape' expected an array of at most 4294967296 elements (the largest typed array), got shape [1000000, 1000000] of float64: 1000000000000 elements, 8000000000000 bytes");
  });

  it('refuses arrays above MAX_ALLOC_BYTES before touching memory', () => {
    const e = thrown(() => zerosArray('complex128', [2 ** 28 + 1], 'Gemm')) as AllocationError;
    expect(e).toBeInstanceOf(AllocationError);
    expect(e.bytes).toBe((2 ** 28 + 1) * 16);
    expect(e.bytes).toBeGreaterThan(MAX_ALLOC_BYTES);
    expect(e.message).toMatch(/^Gemm: argument 'shape' expected an array of at most 4294967296 bytes/);
  });
});

describe('allocation through Ops', () => {
  it.each([
    ['pt.zeros', () => pt.zeros([1e6, 1e6]).eval(), 'Alloc'],
    ['pt.eye', () => pt.eye(1e5).eval(), 'Eye{dtype=float64}'],
    ['broadcasting Elemwise', () => pt.add(pt.zeros([1e5, 1]), pt.zeros([1, 1e5])).eval(), 'Elemwise{add}'],
    ['pt.arange', () => pt.arange(2 ** 31 - 2).eval(), 'ARange{dtype=int64}'],
  ])('%s gives a NodeError caused by an AllocationError naming the Op', (_n, f, op) => {
    const e = thrown(f) as NodeError;
    expect(e).toBeInstanceOf(NodeError);
    expect(e.cause).toBeInstanceOf(AllocationError);
    expect((e.cause as AllocationError).op).toBe(op);
  });
});

describe('products that would allocate too much', () => {
  it('an outer product of two 1e5-vectors (1e10 elements) is an AllocationError naming Dot, not a RangeError', () => {
    const a = pt.dmatrix('a');
    const b = pt.dmatrix('b');
    const col = pt.fromRaw('float64', new Float64Array(1e5), [1e5, 1]);
    const row = pt.fromRaw('float64', new Float64Array(1e5), [1, 1e5]);
    const e = thrown(() => pt.dot(a, b).eval([[a, col], [b, row]])) as NodeError;
    expect(e).toBeInstanceOf(NodeError);
    expect((e as { cause?: unknown }).cause).toBeInstanceOf(AllocationError);
    expect(String((e as { cause?: Error }).cause?.message)).toMatch(/^Dot: argument 'shape' .*shape \[100000, 100000\] of float64/);
  });
});
