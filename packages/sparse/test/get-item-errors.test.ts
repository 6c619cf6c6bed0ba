// Bad input to the sparse indexing Ops, each asserted by error type and message:
// the forms the reference refuses ([M, N:O], [M:N, O], advanced indices mixed with
// slices), out-of-range indices, wrong index dtypes, more than two indices, and
// sparseGrad on anything but x[intVector].
import { ArgumentError, DtypeError, NodeError, ShapeError, TypeMismatchError } from '@proj/graph';
import * as pt from '@proj/tensor';
import { IndexError } from '@proj/tensor';
import { asSparseVariable } from '../src/type/as-sparse';
import { SparseType } from '../src/type/sparse-type';
import { getItemScalar } from '../src/ops/get-item-scalar';
import { GetItem2d, getItem2d } from '../src/ops/get-item-2d';
import { getItemList, getItemListGrad } from '../src/ops/get-item-list';
import { getItem2Lists } from '../src/ops/get-item-2lists';
import { sparseGrad } from '../src/ops/get-item-sparse-grad';
import { loadGetItemFixtures, matrixOf } from './get-item-helpers';

const fx = loadGetItemFixtures();
const m = matrixOf(fx.inputs['f_csr']!); // 5 x 6
const mc = matrixOf(fx.inputs['f_csc']!); // 5 x 6
const x = new SparseType('csr', 'float64').makeVariable('x');
const y = new SparseType('csc', 'float64').makeVariable('y');

/** The error thrown by fn (a NodeError from evaluation is unwrapped to its cause). */
function thrown(fn: () => unknown): { error: unknown; cause: unknown } {
  try {
    fn();
  } catch (error) {
    return { error, cause: error instanceof NodeError ? error.cause : error };
  }
  throw new Error('expected an error');
}

describe('forms the reference refuses', () => {
  it.each([
    ['[M, N:O]', [1, '1:3'], 'index 0', 'the integer 1'],
    ['[M:N, O]', ['1:3', 2], 'index 1', 'the integer 2'],
    ['[M] alone', [2], 'index 0', 'the integer 2'],
    ['[M, N:O] with a symbolic M', [pt.scalar('i', 'int32'), ':'], 'index 0', 'i of type'],
  ] as const)('%s: an ArgumentError naming GetItem2d and what to write instead', (_n, args, argument, given) => {
    for (const v of [x, y]) {
      const { error } = thrown(() => v.get(...(args as unknown as pt.IndexArg[])));
      expect(error).toBeInstanceOf(ArgumentError);
      const e = error as ArgumentError;
      expect(e.op).toBe('GetItem2d');
      expect(e.argument).toBe(argument);
      expect(e.message).toContain('there is no sparse vector');
      expect(e.message).toContain('x.get(a:b, c:c+1) or x.get(a:a+1, c:d)');
      expect(e.given).toContain(given);
    }
  });

  it('a list next to a slice: advanced indexing mixed with slices', () => {
    for (const args of [[':', [0, 1]], [[0, 1], '1:']] as pt.IndexArg[][]) {
      const { error } = thrown(() => x.get(...args));
      expect(error).toBeInstanceOf(ArgumentError);
      expect((error as Error).message).toMatch(/^GetItem2d: argument 'index \d' expected a slice \(no advanced indexing mixed with slices on sparse matrices/);
    }
  });

  it('an integer next to a list: GetItem2Lists wants two lists', () => {
    const { error } = thrown(() => x.get(0, [1, 2]));
    expect(error).toBeInstanceOf(ArgumentError);
    expect((error as Error).message).toBe(
      "GetItem2Lists: argument 'index 0' expected an integer list (GetItem2Lists takes a list of rows and a list of columns of equal length), got the integer 0",
    );
  });

  it('more than two indices: an IndexError', () => {
    const { error } = thrown(() => x.get(0, 1, 2));
    expect(error).toBeInstanceOf(IndexError);
    expect((error as Error).message).toBe('SparseVariable.get: too many indices for array: array is 2-dimensional, but 3 were indexed');
  });

  it('no index, newaxis and ellipsis: ArgumentErrors', () => {
    expect(() => x.get()).toThrow(new ArgumentError({ op: 'SparseVariable.get', argument: 'index', expected: '1 or 2 indices (x.get(rows) or x.get(rows, cols))', given: 'none' }));
    expect(() => x.get(pt.newaxis, ':')).toThrow(/SparseVariable.get: argument 'index 0' expected .*sparse matrices have no newaxis or ellipsis indexing\), got newaxis/);
    expect(() => x.get(':', '...')).toThrow(/argument 'index 1' .* got an ellipsis/);
  });
});

describe('index dtypes and kinds', () => {
  it('float numbers, float tensors and bool masks are DtypeErrors', () => {
    const cases: [() => unknown, RegExp][] = [
      [() => x.get(1.5, 0), /SparseVariable.get: argument 'index 0' expected an integer index, got the number 1.5/],
      [() => x.get(pt.scalar('f', 'float64'), 0), /argument 'index 0' expected an integer index \(scalar or vector\), got f of dtype float64/],
      [() => x.get([0.5, 1]), /GetItemList: input 1 expected indices of an integer dtype, got .* of dtype float/],
      [() => x.get([true, false]), /dtype bool \(bool masks are not supported on sparse matrices\)/],
      [() => x.get(pt.slice(0.5, 2), ':'), /GetItem2d: argument 'index 0.start' expected an integer index, got the number 0.5/],
      [() => getItemScalar(x, 0, pt.scalar('f', 'float32')), /getItemScalar: input 2 expected an index of an integer dtype, got f of dtype float32/],
      [() => getItem2Lists(x, [0], pt.vector('v', 'float64')), /getItem2Lists: input 2 expected indices of an integer dtype/],
    ];
    for (const [fn, msg] of cases) {
      const { error } = thrown(fn);
      expect(error).toBeInstanceOf(DtypeError);
      expect((error as Error).message).toMatch(msg);
    }
  });

  it('a matrix of indices, a dense x and a zero step', () => {
    expect(() => x.get(pt.matrix('i', 'int32'))).toThrow(TypeMismatchError);
    expect(() => x.get(pt.matrix('i', 'int32'))).toThrow(/expected an integer scalar or an integer vector, got i of type/);
    expect(() => getItemList(pt.matrix('d'), [0])).toThrow(new TypeMismatchError({ op: 'getItemList', argument: 0, expected: 'a sparse matrix (SparseVariable or CSR/CSC matrix)', given: 'd of type TensorType(float64, shape=(?, ?))' }));
    expect(() => getItem2d(x, [pt.slice(null, null, 0)])).toThrow(new ArgumentError({ op: 'getItem2d', argument: 'index 0.step', expected: 'a non-zero slice step', given: '0 (slice step cannot be zero)' }));
    expect(() => new GetItem2d([null, null, 0, null, null, null])).toThrow(ArgumentError);
    expect(() => x.get('1:2:x', ':')).toThrow(/expected a slice text such as ':', '1:5', '::-1' or '...', got "1:2:x"/);
  });
});

describe('out-of-range indices', () => {
  it('on a constant matrix: an IndexError where the node is made', () => {
    const c = asSparseVariable(m);
    const cases: [() => unknown, string][] = [
      [() => c.get(5, 0), 'GetItemScalar: index 5 is out of bounds for axis 0 with size 5'],
      [() => c.get(0, -7), 'GetItemScalar: index -7 is out of bounds for axis 1 with size 6'],
      [() => c.get([0, 9]), 'GetItemList: index 9 is out of bounds for axis 0 with size 5'],
      [() => c.get([0, 1], [2, 6]), 'GetItem2Lists: index 6 is out of bounds for axis 1 with size 6'],
    ];
    for (const [fn, msg] of cases) {
      const { error } = thrown(fn);
      expect(error).toBeInstanceOf(IndexError);
      expect((error as Error).message).toBe(msg);
    }
  });

  it('on a symbolic matrix: an IndexError when it runs, in both formats', () => {
    for (const [v, val] of [[x, m], [y, mc]] as const) {
      const givens = new Map([[v, val]]) as never;
      const cases: [() => unknown, string][] = [
        [() => v.get(-6, 0).eval(givens), 'GetItemScalar: index -6 is out of bounds for axis 0 with size 5'],
        [() => v.get([4, 5]).eval(givens), 'GetItemList: index 5 is out of bounds for axis 0 with size 5'],
        [() => v.get([1], [-7]).eval(givens), 'GetItem2Lists: index -7 is out of bounds for axis 1 with size 6'],
      ];
      for (const [fn, msg] of cases) {
        const { error, cause } = thrown(fn);
        expect(error).toBeInstanceOf(NodeError);
        expect(cause).toBeInstanceOf(IndexError);
        expect((cause as Error).message).toBe(msg);
      }
    }
  });

  it('slices clip out-of-range bounds as NumPy does (no error)', () => {
    const v = x.get('-100:100', '7:').eval(new Map([[x, m]]) as never);
    expect(v.shape).toEqual([5, 0]);
  });
});

describe('lengths that disagree', () => {
  it('two index lists of different lengths: a ShapeError', () => {
    expect(() => x.get([0, 1, 2], [0, 1])).toThrow(new ShapeError({ op: 'GetItem2Lists', expected: 'row and column index lists of the same length', given: 'lengths 3 and 2' }));
    const [r, c] = [pt.vector('r', 'int32'), pt.vector('c', 'int32')];
    const { cause } = thrown(() => getItem2Lists(x, r, c).eval(new Map<unknown, unknown>([[x, m], [r, [0, 1]], [c, [0]]]) as never));
    expect(cause).toBeInstanceOf(ShapeError);
    expect((cause as Error).message).toBe('GetItem2Lists: expected row and column index lists of the same length, got lengths 2 and 1');
  });

  it('GetItemListGrad with a gradient of the wrong shape: a ShapeError', () => {
    const g = new SparseType('csr', 'float64').makeVariable('g');
    const { cause } = thrown(() => getItemListGrad(x, [0, 2], g).eval(new Map<unknown, unknown>([[x, m], [g, m]]) as never));
    expect(cause).toBeInstanceOf(ShapeError);
    expect((cause as Error).message).toBe('GetItemListGrad: input 2 expected a gradient of shape (2, 6) (one row per index), got shape (5, 6)');
  });
});

describe('sparseGrad', () => {
  it('refuses anything but x.get(intVector) of a matrix', () => {
    const w = pt.matrix('w');
    const cases: [unknown, string][] = [
      [w, 'w, which no Op made'],
      [w.get(0), 'the output of Subtensor'],
      [pt.exp(w), 'the output of Elemwise'],
      [w.get(':', [0, 1]), 'the output of AdvancedSubtensor'],
      [x, 'x of type SparseType(csr, float64, shape=(?, ?))'],
    ];
    for (const [v, given] of cases) {
      const { error } = thrown(() => sparseGrad(v));
      expect(error).toBeInstanceOf(TypeMismatchError);
      expect((error as Error).message).toMatch(/^sparseGrad: input 0 expected the result of x.get\(ilist\): an AdvancedSubtensor1 of a matrix by one integer vector, got /);
      expect((error as Error).message).toContain(given);
    }
    const t3 = pt.tensor3('t');
    expect(() => sparseGrad(t3.get([0, 1]))).toThrow(/x a matrix: the sparse gradient is a sparse matrix\), got x of type TensorType\(float64, shape=\(\?, \?, \?\)\)/);
  });
});
