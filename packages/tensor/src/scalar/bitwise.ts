/**
 * Scalar descriptors of the bitwise operators (and, or, xor, invert). They
 * take integers and bools only: a float or complex input is a DtypeError, as
 * in PyTensor (and NumPy, which has no bitwise loops for floats). On bool they
 * are the logical operators.
 */
import { DtypeError } from '@proj/graph';
import { isDiscrete } from '../dtype/dtypes';
import type { TensorVariable } from '../variable/tensor-variable';
import { ScalarOp, upcastRule, type DtypeRule } from './scalar-op';
import { gradZeros } from './zero-grad';

/** Integer (or bool) inputs only; the upcast must stay an integer (int64 with uint64 would be float64). */
const bitRule: DtypeRule = (inputs, name) => {
  const d = upcastRule(inputs, name);
  if (!isDiscrete(d)) {
    throw new DtypeError({
      op: `Elemwise{${name}}`,
      argument: 'inputs',
      expected: 'integer or bool dtypes whose common dtype is an integer (bitwise ops are not defined on floats)',
      given: `${inputs.join(', ')} (common dtype ${d})`,
    });
  }
  return d;
};

const REFUSE = ['f', 'c'] as const;
const zeroGrads = (inputs: readonly TensorVariable[]) => inputs.map((x) => gradZeros(x));

/** a & b (logical and on bool). */
export const scalarBitAnd = new ScalarOp({
  name: 'and_',
  nin: 2,
  outputDtype: bitRule,
  impl: (a, b) => a & b,
  implBigInt: (a, b) => a & b,
  grad: zeroGrads,
  js: ([a, b]) => `(${a} & ${b})`,
  commutative: true,
  associative: true,
  identity: -1,
  refuse: REFUSE,
});

/** a | b (logical or on bool). */
export const scalarBitOr = new ScalarOp({
  name: 'or_',
  nin: 2,
  outputDtype: bitRule,
  impl: (a, b) => a | b,
  implBigInt: (a, b) => a | b,
  grad: zeroGrads,
  js: ([a, b]) => `(${a} | ${b})`,
  commutative: true,
  associative: true,
  identity: 0,
  refuse: REFUSE,
});

/** a ^ b (logical xor on bool). */
export const scalarBitXor = new ScalarOp({
  name: 'xor',
  nin: 2,
  outputDtype: bitRule,
  impl: (a, b) => a ^ b,
  implBigInt: (a, b) => a ^ b,
  grad: zeroGrads,
  js: ([a, b]) => `(${a} ^ ${b})`,
  commutative: true,
  associative: true,
  identity: 0,
  refuse: REFUSE,
});

/**
 * ~a: bitwise not of integers, logical not of bool. The kernel calls `impl`
 * only for bool inputs (the integer dtypes go to implInt / implBigInt).
 */
export const scalarInvert = new ScalarOp({
  name: 'invert',
  nin: 1,
  outputDtype: bitRule,
  impl: (a) => (a === 0 ? 1 : 0),
  implInt: (a) => ~a,
  implBigInt: (a) => ~a,
  grad: zeroGrads,
  js: ([a]) => `(~${a})`,
  refuse: REFUSE,
});
