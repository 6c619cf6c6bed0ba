/**
 * Scalar descriptors of casts, one per target dtype (PyTensor's convert_to_*),
 * with NumPy's astype semantics: floats to integers truncate toward zero,
 * out-of-range integers wrap, anything to bool is `x != 0` (NaN is true).
 */
import { config } from '@proj/graph';
import { dtypeBits, isBigInt, isComplex, isDiscrete, isSignedInt, type Dtype } from '../dtype/dtypes';
import { cast } from '../math/cast';
import { ScalarOp, type Complex, type ScalarOpSpec } from './scalar-op';
import { gradZeros } from './zero-grad';

const cache = new Map<Dtype, ScalarOp>();

function numberImpl(to: Dtype): (a: number) => number {
  if (to === 'bool') return (a) => (a !== 0 ? 1 : 0); // NaN != 0: true, as NumPy
  if (isDiscrete(to)) return (a) => (Number.isFinite(a) ? Math.trunc(a) : 0);
  return (a) => a;
}

/** On int64/uint64 inputs: wrap into the target's width first, so the stored number is exact. */
function bigIntImpl(to: Dtype): ((a: bigint) => bigint | boolean) | undefined {
  if (to === 'bool') return (a) => a !== 0n;
  if (!isDiscrete(to)) return undefined; // to float: the kernel reads the BigInt as a number
  const bits = dtypeBits(to);
  if (isBigInt(to)) return (a) => a;
  return isSignedInt(to) ? (a) => BigInt.asIntN(bits, a) : (a) => BigInt.asUintN(bits, a);
}

function complexImpl(to: Dtype): ((a: Complex) => Complex | number | boolean) | undefined {
  if (isComplex(to)) return (a) => a;
  if (to === 'bool') return (a) => a.re !== 0 || a.im !== 0;
  return undefined;
}

function jsOf(to: Dtype): (args: readonly string[]) => string {
  // Loose != and unary + also accept the booleans of comparison expressions.
  if (to === 'bool') return ([a]) => `(${a} != 0)`;
  if (isDiscrete(to)) return ([a]) => `((v) => (Number.isFinite(v) ? Math.trunc(v) : 0))(+${a})`;
  return ([a]) => `(${a})`;
}

/**
 * The scalar cast to `to` (named `Cast{to}`; made once per dtype). Its
 * gradient casts the output gradient back to the input's dtype; a cast from
 * or to a discrete dtype has a zero gradient (PyTensor's Cast.grad).
 *
 * @example
 * castScalarOp('int32').name; // 'Cast{int32}'
 */
export function castScalarOp(to: Dtype): ScalarOp {
  let op = cache.get(to);
  if (op === undefined) {
    const spec: ScalarOpSpec = {
      name: `Cast{${to}}`,
      nin: 1,
      outputDtype: () => to,
      impl: numberImpl(to),
      implBigInt: bigIntImpl(to),
      implComplex: complexImpl(to),
      grad: ([x], _outputs, [gz]) => {
        // As PyTensor's Cast: a float output passes gz back (as a float, even to an
        // integer input); an integer output lets no gradient through.
        if (isDiscrete(to)) return [gradZeros(x!, isDiscrete(x!.dtype) ? config.floatX : x!.dtype)];
        return [isDiscrete(x!.dtype) ? gz! : cast(gz!, x!.dtype)];
      },
      js: jsOf(to),
    };
    op = new ScalarOp(spec);
    cache.set(to, op);
  }
  return op;
}
