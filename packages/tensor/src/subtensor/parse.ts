/**
 * Parsing the arguments of x.get(...) into IndexEntry values: numbers,
 * pt.slice and slice strings (':', '1:5', '::-1'), pt.newaxis / null,
 * pt.ellipsis / '...', symbolic integer scalars, and integer or bool arrays
 * (advanced indexing). The ellipsis is expanded here unless advanced entries are
 * present (advancedGetItem needs it to place the advanced dimensions).
 */
import { ArgumentError, DtypeError, TypeMismatchError, Variable, describeThing } from '@proj/graph';
import { isBool, isInteger } from '../dtype/dtypes';
import { TensorType } from '../type/tensor-type';
import { isNDArray, sizeOf } from '../value/ndarray';
import { nestedShape } from '../value/convert';
import { TensorVariable } from '../variable/tensor-variable';
import { asTensorVariable } from '../basic/as-tensor';
import { IndexError } from './errors';
import { Slice, ellipsis, newaxis, type IndexArg, type IndexEntry, type SliceBound } from './index-entry';

const OP = 'x.get';
const VALID = 'an integer, a slice (pt.slice or a string like "1:5"), pt.ellipsis ("..."), pt.newaxis (null), an integer scalar, or an integer or bool array';

function floatIndex(argument: string, given: string): DtypeError {
  return new DtypeError({ op: OP, argument, expected: VALID, given });
}

function checkNumber(v: number, argument: string): number {
  if (!Number.isInteger(v)) throw floatIndex(argument, `the number ${v} (indices must be integers)`);
  return v;
}

/** A 0-d integer tensor, checked. */
function checkScalar(v: TensorVariable, argument: string, what: string): TensorVariable {
  if (v.ndim !== 0) {
    throw new TypeMismatchError({ op: OP, argument, expected: `${what} (a 0-d integer tensor)`, given: `${v} of type ${v.type}` });
  }
  if (!isInteger(v.dtype)) throw new DtypeError({ op: OP, argument, expected: `${what} of an integer dtype`, given: `${v} of dtype ${v.dtype}` });
  return v;
}

function checkBound(b: unknown, argument: string): SliceBound {
  if (b === null || b === undefined) return null;
  if (typeof b === 'number') return checkNumber(b, argument);
  if (typeof b === 'bigint') return Number(b);
  if (b instanceof TensorVariable) return checkScalar(b, argument, 'a slice bound');
  throw new TypeMismatchError({ op: OP, argument, expected: 'a slice bound: an integer, an integer scalar or null', given: describeThing(b) });
}

function makeSlice(start: unknown, stop: unknown, step: unknown, argument: string): IndexEntry {
  const st = checkBound(step, `${argument}.step`);
  if (st === 0) throw new ArgumentError({ op: OP, argument: `${argument}.step`, expected: 'a non-zero slice step', given: '0 (slice step cannot be zero)' });
  return { kind: 'slice', start: checkBound(start, `${argument}.start`), stop: checkBound(stop, `${argument}.stop`), step: st };
}

const SLICE_TEXT = /^\s*([+-]?\d+)?\s*:\s*([+-]?\d+)?\s*(?::\s*([+-]?\d+)?\s*)?$/;

/**
 * A slice written as text, NumPy style: ':', '1:5', '::-1', '1:', ':3:2'.
 * Throws an ArgumentError for any other text.
 *
 * @example
 * parseSliceText('::-1'); // { kind: 'slice', start: null, stop: null, step: -1 }
 */
export function parseSliceText(text: string, argument = 'index'): IndexEntry {
  const m = SLICE_TEXT.exec(text);
  if (m === null) {
    throw new ArgumentError({ op: OP, argument, expected: "a slice text such as ':', '1:5', '::-1' or '...'", given: JSON.stringify(text) });
  }
  const n = (s: string | undefined) => (s === undefined ? null : Number(s));
  return makeSlice(n(m[1]), n(m[2]), n(m[3]), argument);
}

/** An array index (advanced indexing): an integer or bool tensor. */
function arrayEntry(v: TensorVariable, argument: string): IndexEntry {
  if (!isInteger(v.dtype) && !isBool(v.dtype)) {
    throw new DtypeError({ op: OP, argument, expected: 'an integer or bool array (arrays used as indices must be of integer or boolean type)', given: `${v} of dtype ${v.dtype}` });
  }
  return { kind: 'array', value: v };
}

function parseOne(arg: unknown, argument: string): IndexEntry {
  if (typeof arg === 'number') return { kind: 'int', value: checkNumber(arg, argument) };
  if (typeof arg === 'bigint') return { kind: 'int', value: Number(arg) };
  if (typeof arg === 'boolean') return { kind: 'array', value: asTensorVariable(arg) };
  if (arg === newaxis || arg === null) return { kind: 'newaxis' };
  if (arg === ellipsis || arg === '...') return { kind: 'ellipsis' };
  if (typeof arg === 'string') return parseSliceText(arg, argument);
  if (arg instanceof Slice) return makeSlice(arg.start, arg.stop, arg.step, argument);
  if (arg instanceof TensorVariable) {
    if (arg.ndim === 0 && isInteger(arg.dtype)) return { kind: 'int', value: arg };
    if (arg.ndim === 0 && !isBool(arg.dtype)) throw floatIndex(argument, `${arg} of dtype ${arg.dtype}`);
    return arrayEntry(arg, argument);
  }
  if (arg instanceof Variable) {
    throw new TypeMismatchError({ op: OP, argument, expected: VALID, given: `${arg} of type ${arg.type}` });
  }
  if (Array.isArray(arg) || (ArrayBuffer.isView(arg) && !(arg instanceof DataView)) || isNDArray(arg)) {
    // An empty list is an empty integer index, as in NumPy.
    if (Array.isArray(arg) && sizeOf(nestedShape(arg, OP)) === 0) {
      return { kind: 'array', value: new TensorType('int64', nestedShape(arg, OP)).makeConstant(arg) };
    }
    return arrayEntry(asTensorVariable(arg), argument);
  }
  throw new TypeMismatchError({ op: OP, argument, expected: VALID, given: describeThing(arg) });
}

/** How many dimensions of x an entry consumes. */
function consumed(e: IndexEntry): number {
  if (e.kind === 'int' || e.kind === 'slice') return 1;
  if (e.kind === 'array') return isBool(e.value.dtype) ? e.value.ndim : 1;
  return 0;
}

/**
 * The canonical index entries of `x.get(...args)`: each argument parsed and
 * checked, the ellipsis replaced by as many full slices as the dimensions it
 * stands for (kept when there are advanced entries). Errors: a float index (DtypeError), a bad slice text or a zero
 * step (ArgumentError), two ellipses or more indices than dimensions (IndexError).
 *
 * @example
 * parseIndex(pt.tensor3('x'), [0, '...', '::-1']); // int 0, slice ::, slice ::-1
 */
export function parseIndex(x: TensorVariable, args: readonly IndexArg[]): IndexEntry[] {
  const parsed = args.map((a, i) => parseOne(a, `index ${i}`));
  const ellipses = parsed.filter((e) => e.kind === 'ellipsis').length;
  if (ellipses > 1) {
    throw new IndexError({ op: OP, argument: 'index', expected: 'at most one ellipsis', given: `${ellipses}` }, "an index can only have a single ellipsis ('...')");
  }
  const used = parsed.reduce((n, e) => n + consumed(e), 0);
  if (used > x.ndim) throw IndexError.tooMany(OP, x.ndim, used);
  const at = parsed.findIndex((e) => e.kind === 'ellipsis');
  // With advanced indices the ellipsis stays: it decides whether they are adjacent (NumPy's rule).
  if (at < 0 || parsed.some((e) => e.kind === 'array')) return parsed;
  const full: IndexEntry[] = Array.from({ length: x.ndim - used }, () => ({ kind: 'slice', start: null, stop: null, step: null }));
  return [...parsed.slice(0, at), ...full, ...parsed.slice(at + 1)];
}
