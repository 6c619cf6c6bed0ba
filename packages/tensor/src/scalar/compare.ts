/**
 * Scalar descriptors of the comparisons (lt, gt, le, ge, eq, neq), the
 * predicates isnan and isinf (all giving bool, with zero gradients as in
 * PyTensor's LogicalComparison) and maximum / minimum (NaN propagates).
 */
import { isDiscrete } from '../dtype/dtypes';
import { and_, invert, or_ } from '../math/bitwise';
import { eq as eqT } from '../math/compare';
import { mul, sub } from '../math/arith';
import type { TensorVariable } from '../variable/tensor-variable';
import { ScalarOp, boolRule, type Complex, type ScalarOpSpec } from './scalar-op';
import { gradZeros } from './zero-grad';

const zeroGrads = (inputs: readonly TensorVariable[]) => inputs.map((x) => gradZeros(x));

type Ordered = Pick<ScalarOpSpec, 'impl' | 'implBigInt' | 'js'>;

/** An order comparison: refuses complex inputs (PyTensor's C code does; NumPy's lexicographic order is not followed). */
function ordered(name: string, spec: Ordered): ScalarOp {
  return new ScalarOp({ name, nin: 2, outputDtype: boolRule, ...spec, grad: zeroGrads });
}

/** a < b. */
export const scalarLt = ordered('lt', { impl: (a, b) => (a < b ? 1 : 0), implBigInt: (a, b) => a < b, js: ([a, b]) => `(${a} < ${b})` });
/** a > b. */
export const scalarGt = ordered('gt', { impl: (a, b) => (a > b ? 1 : 0), implBigInt: (a, b) => a > b, js: ([a, b]) => `(${a} > ${b})` });
/** a <= b. */
export const scalarLe = ordered('le', { impl: (a, b) => (a <= b ? 1 : 0), implBigInt: (a, b) => a <= b, js: ([a, b]) => `(${a} <= ${b})` });
/** a >= b. */
export const scalarGe = ordered('ge', { impl: (a, b) => (a >= b ? 1 : 0), implBigInt: (a, b) => a >= b, js: ([a, b]) => `(${a} >= ${b})` });

/** a == b (complex: both parts equal). */
export const scalarEq = new ScalarOp({
  name: 'eq',
  nin: 2,
  outputDtype: boolRule,
  impl: (a, b) => (a === b ? 1 : 0),
  implBigInt: (a, b) => a === b,
  implComplex: (a, b) => a.re === b.re && a.im === b.im,
  grad: zeroGrads,
  js: ([a, b]) => `(${a} === ${b})`,
  commutative: true,
});

/** a != b (complex: either part differs). */
export const scalarNeq = new ScalarOp({
  name: 'neq',
  nin: 2,
  outputDtype: boolRule,
  impl: (a, b) => (a !== b ? 1 : 0),
  implBigInt: (a, b) => a !== b,
  implComplex: (a, b) => a.re !== b.re || a.im !== b.im,
  grad: zeroGrads,
  js: ([a, b]) => `(${a} !== ${b})`,
  commutative: true,
});

/** Whether a is NaN (never for integers; either part for complex). */
export const scalarIsnan = new ScalarOp({
  name: 'isnan',
  nin: 1,
  outputDtype: boolRule,
  impl: (a) => (a !== a ? 1 : 0),
  implBigInt: () => false,
  implComplex: (a: Complex) => a.re !== a.re || a.im !== a.im,
  grad: zeroGrads,
  js: ([a]) => `Number.isNaN(${a})`,
});

const isInf = (v: number) => v === Infinity || v === -Infinity;

/** Whether a is +inf or -inf (never for integers; either part for complex). */
export const scalarIsinf = new ScalarOp({
  name: 'isinf',
  nin: 1,
  outputDtype: boolRule,
  impl: (a) => (isInf(a) ? 1 : 0),
  implBigInt: () => false,
  implComplex: (a: Complex) => isInf(a.re) || isInf(a.im),
  grad: zeroGrads,
  js: ([a]) => `((v) => v === Infinity || v === -Infinity)(${a})`,
});

/**
 * The gradient of maximum / minimum: gz goes to the input equal to the output,
 * the first one on ties (PyTensor: gx = (out == x) * gz, gy = (1 - (out == x)) * gz;
 * with more inputs, each later one gets gz where no earlier one matched).
 */
function extremumGrad(inputs: readonly TensorVariable[], outputs: readonly TensorVariable[], [gz]: readonly TensorVariable[]): TensorVariable[] {
  if (isDiscrete(outputs[0]!.dtype)) return zeroGrads(inputs);
  const out = outputs[0]!;
  let claimed: TensorVariable | undefined;
  return inputs.map((x, i) => {
    if (i === inputs.length - 1 && claimed !== undefined) return mul(sub(1, claimed), gz!);
    const e = eqT(out, x);
    const mine = claimed === undefined ? e : and_(e, invert(claimed));
    claimed = claimed === undefined ? e : or_(claimed, e);
    return mul(mine, gz!);
  });
}

const isNaNish = (x: number) => x !== x;

/** maximum(a, b, ...); NaN wins, as np.maximum. Refuses complex (as PyTensor's C code). */
export const scalarMaximum = new ScalarOp({
  name: 'maximum',
  nin: -1,
  impl: (...xs) => xs.reduce((m, x) => (isNaNish(m) || isNaNish(x) ? NaN : x > m ? x : m)),
  implBigInt: (...xs) => xs.reduce((m, x) => (x > m ? x : m)),
  grad: extremumGrad,
  js: (args) => `Math.max(${args.join(', ')})`,
  commutative: true,
  associative: true,
  identity: -Infinity,
  refuse: ['c'],
});

/** minimum(a, b, ...); NaN wins, as np.minimum. Refuses complex. */
export const scalarMinimum = new ScalarOp({
  name: 'minimum',
  nin: -1,
  impl: (...xs) => xs.reduce((m, x) => (isNaNish(m) || isNaNish(x) ? NaN : x < m ? x : m)),
  implBigInt: (...xs) => xs.reduce((m, x) => (x < m ? x : m)),
  grad: extremumGrad,
  js: (args) => `Math.min(${args.join(', ')})`,
  commutative: true,
  associative: true,
  identity: Infinity,
  refuse: ['c'],
});
