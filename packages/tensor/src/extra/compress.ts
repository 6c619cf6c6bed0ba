/**
 * Selections built from Nonzero and Take: compress (NumPy's) and
 * nonzeroValues (PyTensor's nonzero_values). Both are differentiable in x
 * through Take's gradient.
 */
import { checkOptions, ShapeError } from '@proj/graph';
import { asTensorVariable, type TensorLike } from '../basic/as-tensor';
import { flatten } from '../shape/reshape';
import type { TensorVariable } from '../variable/tensor-variable';
import { flatnonzero } from './nonzero';
import { take } from './take';

/**
 * The slices of `x` along `axis` where `condition` (a vector) is non-zero
 * (NumPy's compress; the flattened x by default). A condition shorter than
 * the axis selects among the first entries only.
 *
 * @example
 * pt.compress([true, false, true], m, { axis: 0 }); // rows 0 and 2
 */
export function compress(condition: TensorLike, x: TensorLike, options: { axis?: number | null } = {}): TensorVariable {
  checkOptions('pt.compress', options, ['axis']);
  const c = asTensorVariable(condition);
  if (c.ndim !== 1) throw new ShapeError({ op: 'pt.compress', argument: 'condition', expected: 'a vector (1-d)', given: `${c.ndim} dimensions (${c.type})` });
  return take(x, flatnonzero(c), { axis: options.axis });
}

/**
 * The non-zero elements of `x`, in row-major order, as a vector (PyTensor's
 * nonzero_values; NumPy's x[x != 0]). Differentiable in x.
 *
 * @example
 * pt.nonzeroValues([[0, 3], [4, 0]]); // [3, 4]
 */
export function nonzeroValues(x: TensorLike): TensorVariable {
  const t = asTensorVariable(x);
  return take(flatten(t), flatnonzero(t), { axis: 0 });
}
