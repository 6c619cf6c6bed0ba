/**
 * getItem: the dispatcher behind SparseVariable.get(...), PyTensor's
 * _sparse_py_operators.__getitem__. Two integers make a GetItemScalar, slices a
 * GetItem2d, one integer list a GetItemList, two integer lists a
 * GetItem2Lists. Forms that would give a sparse vector (an integer next to a
 * slice) and advanced indices mixed with slices are refused, as in PyTensor.
 */
import { ArgumentError, DtypeError, TypeMismatchError, Variable, describeThing } from '@proj/graph';
import { IndexError, Slice, TensorVariable, ellipsis, isInteger, isNDArray, newaxis, type IndexArg } from '@proj/tensor';
import type { SparseVariable } from '../type/sparse-variable';
import { GetItem2Lists } from './get-item-2lists';
import { makeGetItem2d, type SliceLike } from './get-item-2d';
import { indexScalarArg, indexVectorArg } from './get-item-args';
import { GetItemList } from './get-item-list';
import { GetItemScalar } from './get-item-scalar';

const OP = 'SparseVariable.get';

/** What SparseVariable.get takes per position (as x.get of a tensor; newaxis and ellipsis are refused). */
export type SparseIndexArg = IndexArg | bigint;

type Kind = 'int' | 'slice' | 'list';

const NO_VECTOR = 'there is no sparse vector: index both axes with slices, x.get(a:b, c:d), x.get(a:b, c:c+1) or x.get(a:a+1, c:d)';
const NO_MIXED = 'no advanced indexing mixed with slices on sparse matrices: x.get([i0, i1, ...]) (GetItemList) or x.get([i0, ...], [j0, ...]) (GetItem2Lists)';

function given(arg: unknown): string {
  if (typeof arg === 'number') return `the integer ${arg}`;
  if (typeof arg === 'string') return JSON.stringify(arg);
  if (arg instanceof Variable) return `${arg} of type ${arg.type}`;
  return describeThing(arg);
}

/** Which kind of index `arg` is; an error for what sparse matrices cannot be indexed with. */
function kindOf(arg: unknown, argument: string): Kind {
  if (typeof arg === 'number') {
    if (!Number.isInteger(arg)) throw new DtypeError({ op: OP, argument, expected: 'an integer index', given: `the number ${arg} (indices must be integers)` });
    return 'int';
  }
  if (typeof arg === 'bigint') return 'int';
  if (arg === newaxis || arg === null || arg === ellipsis || arg === '...') {
    throw new ArgumentError({ op: OP, argument, expected: 'an integer, a slice or an integer list (sparse matrices have no newaxis or ellipsis indexing)', given: arg === null || arg === newaxis ? 'newaxis' : 'an ellipsis' });
  }
  if (typeof arg === 'string' || arg instanceof Slice) return 'slice';
  if (arg instanceof TensorVariable) {
    if (!isInteger(arg.dtype)) throw new DtypeError({ op: OP, argument, expected: 'an integer index (scalar or vector)', given: `${arg} of dtype ${arg.dtype}` });
    if (arg.ndim === 0) return 'int';
    if (arg.ndim === 1) return 'list';
    throw new TypeMismatchError({ op: OP, argument, expected: 'an integer scalar or an integer vector', given: given(arg) });
  }
  if (Array.isArray(arg) || (ArrayBuffer.isView(arg) && !(arg instanceof DataView)) || isNDArray(arg)) return 'list';
  throw new TypeMismatchError({ op: OP, argument, expected: 'an integer, a slice (pt.slice or a text like "1:5") or an integer list', given: given(arg) });
}

/**
 * x indexed like PyTensor's sparse variables (the function behind
 * x.get(...args)):
 * - x.get(i, j), two integers or integer scalars: a 0-d dense tensor (GetItemScalar);
 * - x.get('a:b'), x.get('a:b', 'c:d'), slices (pt.slice or texts): a sparse matrix (GetItem2d);
 * - x.get([i0, i1, ...]), an integer list or vector: those rows, sparse (GetItemList);
 * - x.get([i0, ...], [j0, ...]): those elements as a dense vector (GetItem2Lists).
 * An integer next to a slice (x[M, N:O], x[M:N, O]) is an ArgumentError, as
 * PyTensor has no sparse vector; so are a list next to a slice, newaxis and
 * ellipsis. More than two indices is an IndexError, a float index a DtypeError.
 *
 * @example
 * getItem(x, ['1:3', '::-1']); // x[1:3, ::-1], sparse
 * getItem(x, [0, -1]);         // x[0, -1], a dense scalar
 */
export function getItem(x: SparseVariable, args: readonly SparseIndexArg[]): SparseVariable | TensorVariable {
  if (args.length > 2) throw IndexError.tooMany(OP, 2, args.length);
  if (args.length === 0) throw new ArgumentError({ op: OP, argument: 'index', expected: '1 or 2 indices (x.get(rows) or x.get(rows, cols))', given: 'none' });
  const kinds = args.map((a, k) => kindOf(a, `index ${k}`));
  const key = kinds.join(',');
  switch (key) {
    // Argument errors name the Op the index form leads to.
    case 'slice':
    case 'slice,slice':
      return makeGetItem2d('GetItem2d', x, args as readonly SliceLike[]);
    case 'list':
      return new GetItemList().call(x, indexVectorArg('GetItemList', args[0], 1)) as SparseVariable;
    case 'int,int':
      return new GetItemScalar().call(x, indexScalarArg('GetItemScalar', args[0], 1), indexScalarArg('GetItemScalar', args[1], 2)) as TensorVariable;
    case 'list,list':
      return new GetItem2Lists().call(x, indexVectorArg('GetItem2Lists', args[0], 1), indexVectorArg('GetItem2Lists', args[1], 2)) as TensorVariable;
    case 'int':
    case 'int,slice':
    case 'slice,int': {
      const k = kinds.indexOf('int');
      throw new ArgumentError({ op: 'GetItem2d', argument: `index ${k}`, expected: `a slice (${NO_VECTOR})`, given: given(args[k]) });
    }
    case 'int,list':
    case 'list,int': {
      const k = kinds.indexOf('int');
      throw new ArgumentError({ op: 'GetItem2Lists', argument: `index ${k}`, expected: 'an integer list (GetItem2Lists takes a list of rows and a list of columns of equal length)', given: given(args[k]) });
    }
    default: {
      const k = kinds.indexOf('slice');
      throw new ArgumentError({ op: 'GetItem2d', argument: `index ${1 - k}`, expected: `a slice (${NO_MIXED})`, given: given(args[1 - k]) });
    }
  }
}
