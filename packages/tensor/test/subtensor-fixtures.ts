/** Reading test/fixtures/subtensor.json (written by tools/fixtures/gen_subtensor.py from NumPy). */
import { NodeError } from '@proj/graph';
import type { Dtype } from '../src/dtype/dtypes';
import { loadFixture } from './helpers/encoded-array';
import { TensorType } from '../src/type/tensor-type';
import type { TensorVariable } from '../src/variable/tensor-variable';
import { ellipsis, newaxis, slice, type IndexArg, type SliceBound } from '../src/subtensor/index-entry';

export { decode, decodeScalar, expectArray, flat, viewShape, type Enc } from './helpers/encoded-array';

/** An encoded index argument (see the generator's docstring). */
export type EncArg = number | null | string | { slice: EncBound[] } | { ellipsis: true } | { newaxis: true } | EncSym;
type EncSym = { sym: number; dtype: Dtype };
type EncBound = number | null | EncSym;

export const fixtures = loadFixture('subtensor');

/** Index arguments for getItem, with the symbolic scalars they use and the values to give them. */
export function decodeArgs(args: readonly EncArg[]): { args: IndexArg[]; givens: [TensorVariable, unknown][] } {
  const givens: [TensorVariable, unknown][] = [];
  const symbol = (s: EncSym): TensorVariable => {
    const v = new TensorType(s.dtype, []).makeVariable(`s${givens.length}`);
    givens.push([v, s.sym]);
    return v;
  };
  const bound = (b: EncBound): SliceBound => (b === null || typeof b === 'number' ? b : symbol(b));
  const out = args.map((a): IndexArg => {
    if (a === null || typeof a === 'number' || typeof a === 'string') return a;
    if ('slice' in a) return slice(bound(a.slice[0]!), bound(a.slice[1]!), bound(a.slice[2]!));
    if ('ellipsis' in a) return ellipsis;
    if ('newaxis' in a) return newaxis;
    return symbol(a);
  });
  return { args: out, givens };
}

/** The error `f` throws, unwrapped from the NodeError of evaluation. */
export function thrown(f: () => unknown): Error {
  try {
    f();
  } catch (e) {
    return e instanceof NodeError ? (e.cause as Error) : (e as Error);
  }
  throw new Error('expected an error');
}
