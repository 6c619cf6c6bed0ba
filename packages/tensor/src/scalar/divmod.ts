/**
 * Scalar descriptors of floor division, remainder and power, with NumPy's
 * semantics: floor rounding and the divisor's sign for the remainder, an
 * integer division or remainder by zero gives 0, and integers to negative
 * integer powers are refused.
 */
import { ArgumentError } from '@proj/graph';
import { isDiscrete, type Dtype } from '../dtype/dtypes';
import { intDiv, mul, neg, pow, sub } from '../math/arith';
import { log } from '../math/transcendental';
import { gradZeros } from './zero-grad';
import { eq } from '../math/compare';
import { switch_ } from '../math/condition';
import type { TensorVariable } from '../variable/tensor-variable';
import { ScalarOp, upcastRule, type DtypeRule } from './scalar-op';

/**
 * NumPy's float floor division (npy_divmod): fmod, then a quotient snapped to
 * an integer. Also exact for integers of 32 bits or less: a division by zero
 * gives ±inf or NaN, which an integer output stores as 0, as NumPy gives.
 *
 * @example
 * floorDivide(-7, 2); // -4
 * floorDivide(1, 0); // Infinity
 */
export function floorDivide(a: number, b: number): number {
  if (b === 0) return a / b;
  let mod = a % b;
  let div = (a - mod) / b;
  if (mod !== 0) {
    if (b < 0 !== mod < 0) {
      mod += b;
      div -= 1;
    }
  }
  if (div === 0) return (a / b < 0 || Object.is(a / b, -0)) ? -0 : 0;
  const fl = Math.floor(div);
  return div - fl > 0.5 ? fl + 1 : fl;
}

/**
 * NumPy's float remainder: the sign of the divisor (Python's %); NaN for a zero divisor.
 *
 * @example
 * remainder(-7, 3); // 2
 */
export function remainder(a: number, b: number): number {
  if (b === 0) return a % b;
  let mod = a % b;
  if (mod !== 0) {
    if (b < 0 !== mod < 0) mod += b;
  } else mod = b < 0 ? -0 : 0;
  return mod;
}

const FLOOR_DIVIDE_JS = `((a, b) => { if (b === 0) return a / b; let m = a % b; let d = (a - m) / b; if (m !== 0 && (b < 0) !== (m < 0)) { m += b; d -= 1; } if (d === 0) return (a / b < 0 || Object.is(a / b, -0)) ? -0 : 0; const f = Math.floor(d); return d - f > 0.5 ? f + 1 : f; })`;
const REMAINDER_JS = `((a, b) => { if (b === 0) return a % b; let m = a % b; if (m !== 0) { if ((b < 0) !== (m < 0)) m += b; } else m = b < 0 ? -0 : 0; return m; })`;

function bigFloorDivide(a: bigint, b: bigint): bigint {
  if (b === 0n) return 0n;
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

function bigRemainder(a: bigint, b: bigint): bigint {
  if (b === 0n) return 0n;
  const r = a % b;
  return r !== 0n && r < 0n !== b < 0n ? r + b : r;
}

function flatOrGrad(inputs: readonly TensorVariable[], outputs: readonly TensorVariable[], rule: () => TensorVariable[]): TensorVariable[] {
  return isDiscrete(outputs[0]!.dtype) ? inputs.map((x) => gradZeros(x)) : rule();
}

/** a // b: floor division (PyTensor's int_div; NumPy's floor_divide). */
export const scalarIntDiv = new ScalarOp({
  name: 'int_div',
  nin: 2,
  impl: floorDivide,
  implBigInt: bigFloorDivide,
  grad: (inputs) => inputs.map((x) => gradZeros(x)),
  js: ([a, b]) => `${FLOOR_DIVIDE_JS}(${a}, ${b})`,
});

/** a % b with the sign of b (PyTensor's mod; NumPy's remainder). */
export const scalarMod = new ScalarOp({
  name: 'mod',
  nin: 2,
  impl: remainder,
  implBigInt: bigRemainder,
  grad: ([x, y], outputs, [gz]) => flatOrGrad([x!, y!], outputs, () => [gz!, mul(neg(intDiv(x!, y!)), gz!)]),
  js: ([a, b]) => `${REMAINDER_JS}(${a}, ${b})`,
});

/**
 * C's pow where JavaScript's Math.pow differs: 1 ** NaN and (-1) ** ±inf are 1.
 *
 * @example
 * floatPow(1, NaN); // 1 (Math.pow gives NaN)
 */
export function floatPow(a: number, b: number): number {
  if (a === 1 || (a === -1 && (b === Infinity || b === -Infinity))) return 1;
  return Math.pow(a, b);
}

function negativeExponent(b: number | bigint): never {
  throw new ArgumentError({
    op: 'Elemwise{pow}',
    argument: 1,
    expected: 'non-negative exponents when both inputs are integers (integers to negative integer powers are not allowed, as in NumPy)',
    given: String(b),
  });
}

/** Integer power modulo 2^32 (exponentiation by squaring with Math.imul), which every integer dtype of 32 bits or less then wraps exactly. */
function intPow(a: number, b: number): number {
  if (b < 0) negativeExponent(b);
  let result = 1;
  let base = a | 0;
  let e = b;
  while (e > 0) {
    if (e % 2 === 1) result = Math.imul(result, base);
    base = Math.imul(base, base);
    e = Math.floor(e / 2);
  }
  return result;
}

function bigPow(a: bigint, b: bigint): bigint {
  if (b < 0n) negativeExponent(b);
  let result = 1n;
  let base = a;
  let e = b;
  while (e > 0n) {
    if (e & 1n) result = BigInt.asIntN(64, result * base);
    base = BigInt.asIntN(64, base * base);
    e >>= 1n;
  }
  return result;
}

/** PyTensor's upcast_out_min8: bool ** bool is int8. */
const powRule: DtypeRule = (inputs, name) => {
  const d: Dtype = upcastRule(inputs, name);
  return d === 'bool' ? 'int8' : d;
};

/** a ** b. Integer powers wrap like NumPy's; integer ** negative integer is an error at run time. */
export const scalarPow = new ScalarOp({
  name: 'pow',
  nin: 2,
  outputDtype: powRule,
  impl: floatPow,
  implInt: intPow,
  implBigInt: bigPow,
  // d/dx x^y = y x^(y-1); d/dy x^y = log(x) x^y, taken as 0 where x == 0 (PyTensor's choice).
  grad: ([x, y], outputs, [gz]) =>
    flatOrGrad([x!, y!], outputs, () => {
      const first = mul(gz!, y!, pow(x!, sub(y!, 1)));
      return [first, switch_(eq(x!, 0), 0, mul(gz!, log(x!), outputs[0]!))];
    }),
  js: ([a, b]) => `((a, b) => (a === 1 || (a === -1 && (b === Infinity || b === -Infinity)) ? 1 : Math.pow(a, b)))(${a}, ${b})`,
});
