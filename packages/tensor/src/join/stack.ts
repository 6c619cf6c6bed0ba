/**
 * stack (tensors along a new axis) and stacklists (nested lists of tensors),
 * built from shapePadaxis and Join; 0-d inputs make a MakeVector, as in PyTensor.
 */
import { checkOptions, optionKeys, ArgumentError, TypeMismatchError } from '@proj/graph';
import { upcast } from '../dtype/dtypes';
import { TensorVariable } from '../variable/tensor-variable';
import { asTensorVariable, type TensorLike } from '../basic/as-tensor';
import { MakeVector } from '../shape/make-vector';
import { shapePadaxis, shapePadleft } from '../shape/rearrange';
import { join } from './join';
import { normalizeAxisIndex } from './util';

/** Options of stack. */
export interface StackOptions {
  /** Where the new axis goes in the result (default 0); negative counts from the end. */
  axis?: number;
}

const STACK_KEYS = optionKeys<StackOptions>({ axis: true });

/**
 * Stacks tensors of the same shape along a new axis (PyTensor's / NumPy's
 * stack): the result has one more dimension, of length tensors.length.
 * 0-d tensors (and numbers) make a vector.
 *
 * @example
 * stack([a, b, c]); // shape (3, ...a.shape)
 * stack([x, y], { axis: -1 }); // shape (...x.shape, 2)
 */
export function stack(tensors: readonly TensorLike[], options: StackOptions = {}): TensorVariable {
  checkOptions('pt.stack', options, STACK_KEYS);
  const op = 'pt.stack';
  if (!Array.isArray(tensors)) {
    throw new TypeMismatchError({ op, argument: 'tensors', expected: 'an array of tensors', given: String(tensors) });
  }
  if (tensors.length === 0) throw new ArgumentError({ op, argument: 'tensors', expected: 'at least one tensor', given: 'none (no tensor arguments provided)' });
  const axis = options.axis ?? 0;
  const ts = tensors.map((t) => asTensorVariable(t));
  const nd = ts[0]!.ndim;
  const bad = ts.findIndex((t) => t.ndim !== nd);
  if (bad >= 0) {
    throw new TypeMismatchError({ op, argument: bad, expected: `a tensor with ${nd} dimensions like tensors[0] (all input arrays must have the same shape)`, given: `${ts[bad]} of type ${ts[bad]!.type}` });
  }
  const a = normalizeAxisIndex(op, axis, nd + 1);
  if (nd === 0) {
    if (ts.length === 1) return shapePadleft(ts[0]!);
    return new MakeVector(upcast(ts[0]!.dtype, ...ts.slice(1).map((t) => t.dtype))).call(...ts) as TensorVariable;
  }
  return join(a, ...ts.map((t) => shapePadaxis(t, a)));
}

/** A tree of tensors: a tensor-like leaf, or an array of trees. */
export type TensorTree = TensorLike | readonly TensorTree[];

/**
 * Stacks a nested list of tensors recursively, keeping its structure
 * (PyTensor's stacklists): [[a, b], [c, d]] of scalars is a 2x2 matrix, of
 * matrices a (2, 2, m, n) tensor.
 *
 * @example
 * stacklists([[a, b], [c, d]]); // shape (2, 2) for scalars a..d
 */
export function stacklists(tensorList: TensorTree): TensorVariable {
  if (Array.isArray(tensorList)) {
    if (tensorList.length === 0) throw new ArgumentError({ op: 'pt.stacklists', argument: 'tensorList', expected: 'non-empty lists', given: '[]' });
    return stack((tensorList as readonly TensorTree[]).map((t) => stacklists(t)));
  }
  return tensorList instanceof TensorVariable ? tensorList : asTensorVariable(tensorList);
}
