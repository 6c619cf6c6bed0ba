/**
 * getItem: the dispatcher behind x.get(...). Basic indices (integers,
 * slices) make a Subtensor, followed by a DimShuffle for the newaxis entries;
 * any integer or bool array makes the whole index advanced.
 */
import type { TensorLike } from '../basic/as-tensor';
import { asTensorVariable } from '../basic/as-tensor';
import { dimshuffle, type ShuffleEntry } from '../shape/dimshuffle';
import type { TensorVariable } from '../variable/tensor-variable';
import { advancedGetItem } from './advanced';
import type { IndexArg, IndexEntry } from './index-entry';
import { parseIndex } from './parse';
import { subtensor } from './subtensor';

/**
 * x indexed by basic entries (no 'array'): a Subtensor over the integer and
 * slice entries, then a DimShuffle inserting the newaxis ones where they stand.
 *
 * @example
 * basicGetItem(x, [{ kind: 'int', value: 0 }, { kind: 'newaxis' }]); // x[0, None]
 */
export function basicGetItem(x: TensorVariable, entries: readonly IndexEntry[]): TensorVariable {
  const indices = entries.filter((e) => e.kind === 'int' || e.kind === 'slice');
  const hasNewaxis = indices.length < entries.length;
  // x[None] alone is only a DimShuffle (as PyTensor does); x.get() is a Subtensor of nothing.
  const sub = hasNewaxis && indices.length === 0 ? x : subtensor(x, indices);
  if (!hasNewaxis) return sub;
  const pattern: ShuffleEntry[] = [];
  let k = 0;
  for (const e of entries) {
    if (e.kind === 'newaxis') pattern.push('x');
    else if (e.kind === 'slice') pattern.push(k++);
  }
  while (k < sub.ndim) pattern.push(k++);
  return dimshuffle(sub, pattern);
}

/**
 * x indexed NumPy style (the function behind x.get(...args)): integers
 * (negative from the end), pt.slice or slice strings (':', '1:5', '::-1'),
 * pt.newaxis / null, pt.ellipsis / '...', integer scalars, and integer or
 * bool arrays (advanced indexing). Basic indexing gives a view.
 *
 * @example
 * getItem(x, [0, '::-1', pt.newaxis]); // x[0, ::-1, None]
 */
export function getItem(x: TensorLike, args: readonly IndexArg[]): TensorVariable {
  const t = asTensorVariable(x);
  const entries = parseIndex(t, args);
  if (entries.some((e) => e.kind === 'array')) return advancedGetItem(t, entries);
  return basicGetItem(t, entries);
}
