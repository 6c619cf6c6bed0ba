/**
 * Scalar op descriptors only the reductions fold: logical and / or (All,
 * Any: truth values of any dtype, bool out) and mul_without_zeros
 * (ProdWithoutZeros, for Prod's gradient). Max/Min fold scalar/compare's
 * maximum/minimum; Sum/Prod scalar/arith's add/mul.
 */
import { ScalarOp, boolRule, type Complex } from '../scalar/scalar-op';

const truthy = (c: Complex) => c.re !== 0 || c.im !== 0;

/** Logical and of the truth values (nonzero is true; NaN is true). */
export const scalarAnd = new ScalarOp({
  name: 'and',
  nin: -1,
  outputDtype: boolRule,
  impl: (...xs) => (xs.every((x) => x !== 0) ? 1 : 0),
  implBigInt: (...xs) => xs.every((x) => x !== 0n),
  implComplex: (...xs) => xs.every(truthy),
  js: (args) => `(${args.map((a) => `(${a} !== 0)`).join(' && ')})`,
  commutative: true,
  associative: true,
  identity: 1,
});

/** Logical or of the truth values. */
export const scalarOr = new ScalarOp({
  name: 'or',
  nin: -1,
  outputDtype: boolRule,
  impl: (...xs) => (xs.some((x) => x !== 0) ? 1 : 0),
  implBigInt: (...xs) => xs.some((x) => x !== 0n),
  implComplex: (...xs) => xs.some(truthy),
  js: (args) => `(${args.map((a) => `(${a} !== 0)`).join(' || ')})`,
  commutative: true,
  associative: true,
  identity: 0,
});

/** a * b where a zero factor counts as 1 (the product of the nonzero elements). */
export const scalarMulWithoutZeros = new ScalarOp({
  name: 'mul_without_zeros',
  nin: -1,
  impl: (...xs) => xs.reduce((p, x) => (x === 0 ? p : p * x), 1),
  implBigInt: (...xs) => xs.reduce((p, x) => (x === 0n ? p : p * x), 1n),
  js: (args) => `(${args.map((a) => `(${a} === 0 ? 1 : ${a})`).join(' * ')})`,
  commutative: true,
  associative: true,
  identity: 1,
});
