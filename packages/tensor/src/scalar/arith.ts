/**
 * Scalar descriptors of the arithmetic operators: add, sub, mul, true_div,
 * neg, reciprocal, sqr, abs and sign. Output dtypes and gradients follow
 * PyTensor's scalar ops (pytensor/scalar/basic.py).
 */
import { DtypeError, config } from '@proj/graph';
import { isComplex, isDiscrete, isFloat } from '../dtype/dtypes';
import { abs, mul, neg, sign, trueDiv } from '../math/arith';
import { conj, real } from '../math/complex-parts';
import { flatGrad, gradZeros } from './zero-grad';
import type { TensorVariable } from '../variable/tensor-variable';
import { ScalarOp, complexToRealRule, sameRule, upcastRule, upgradeToFloat, type Complex, type DtypeRule } from './scalar-op';

const cadd = (a: Complex, b: Complex): Complex => ({ re: a.re + b.re, im: a.im + b.im });
const cmul = (a: Complex, b: Complex): Complex => ({ re: a.re * b.re - a.im * b.im, im: a.re * b.im + a.im * b.re });

/**
 * Complex division by Smith's method, as NumPy's complex loops do: no
 * overflow in |b|^2 (1 / (1e200 + 0i) is 1e-200), and a zero divisor gives
 * complex inf or NaN.
 *
 * @example
 * cdiv({ re: 1, im: 0 }, { re: 0, im: 2 }); // { re: 0, im: -0.5 }
 */
export function cdiv(a: Complex, b: Complex): Complex {
  const absR = Math.abs(b.re);
  const absI = Math.abs(b.im);
  if (absR >= absI) {
    if (absR === 0 && absI === 0) return { re: a.re / absR, im: a.im / absR };
    const rat = b.im / b.re;
    const scl = 1 / (b.re + b.im * rat);
    return { re: (a.re + a.im * rat) * scl, im: (a.im - a.re * rat) * scl };
  }
  const rat = b.re / b.im;
  const scl = 1 / (b.im + b.re * rat);
  return { re: (a.re * rat + a.im) * scl, im: (a.im * rat - a.re) * scl };
}

/** Through an op whose output is discrete the gradient is flat: zeros of floatX for every input. */
function discreteOutput(outputs: readonly TensorVariable[]): boolean {
  return isDiscrete(outputs[0]!.dtype);
}

function zerosForAll(inputs: readonly TensorVariable[]): TensorVariable[] {
  return inputs.map((x) => gradZeros(x));
}

/*
 * Complex gradients follow PyTensor: for a real cost C and z = x + iy the
 * gradient is dC/dx + i dC/dy, so through a holomorphic f a complex input gets
 * conj(f'(z)) * gz, and a real input keeps only the real part of a complex
 * gradient. Both are the identity on real graphs, which stay unchanged.
 */
const conjIfComplex = (x: TensorVariable): TensorVariable => (isComplex(x.dtype) ? conj(x) : x);
const realFor = (g: TensorVariable, x: TensorVariable): TensorVariable => (isComplex(g.dtype) && !isComplex(x.dtype) ? real(g) : g);

/** Refuses an all-bool input list (NumPy defines no bool - bool nor -bool). */
function noBool(what: string, rule: DtypeRule): DtypeRule {
  return (inputs, name) => {
    if (inputs.every((d) => d === 'bool')) {
      throw new DtypeError({ op: `Elemwise{${name}}`, argument: inputs.length === 1 ? 0 : 'inputs', expected: `a numeric dtype (${what} is not defined for bool, as in NumPy)`, given: inputs.join(', ') });
    }
    return rule(inputs, name);
  };
}

/** a + b (variadic: a + b + c...). */
export const scalarAdd = new ScalarOp({
  name: 'add',
  nin: -1,
  impl: (...xs) => xs.reduce((s, x) => s + x),
  implBigInt: (...xs) => xs.reduce((s, x) => s + x),
  implComplex: (...xs) => xs.reduce(cadd),
  grad: (inputs, outputs, [gz]) => (discreteOutput(outputs) ? zerosForAll(inputs) : inputs.map(() => gz!)),
  js: (args) => `(${args.join(' + ')})`,
  commutative: true,
  associative: true,
  identity: 0,
});

/** a - b. */
export const scalarSub = new ScalarOp({
  name: 'sub',
  nin: 2,
  outputDtype: noBool('subtraction', upcastRule),
  impl: (a, b) => a - b,
  implBigInt: (a, b) => a - b,
  implComplex: (a, b) => ({ re: a.re - b.re, im: a.im - b.im }),
  grad: (inputs, outputs, [gz]) => (discreteOutput(outputs) ? zerosForAll(inputs) : [gz!, neg(gz!)]),
  js: ([a, b]) => `(${a} - ${b})`,
});

/** a * b (variadic). */
export const scalarMul = new ScalarOp({
  name: 'mul',
  nin: -1,
  impl: (...xs) => xs.reduce((p, x) => p * x),
  // 32-bit integer products can exceed 2^53 before wrapping: Math.imul wraps exactly.
  implInt: (...xs) => xs.reduce((p, x) => Math.imul(p, x)),
  implBigInt: (...xs) => xs.reduce((p, x) => p * x),
  // Seeding with 1 + 0i would turn inf * 0 into NaN parts: reduce from the first factor.
  implComplex: (...xs) => xs.reduce(cmul),
  grad: (inputs, outputs, [gz]) =>
    discreteOutput(outputs) ? zerosForAll(inputs) : inputs.map((x, i) => realFor(mul(gz!, ...inputs.filter((_, j) => j !== i).map(conjIfComplex)), x)),
  js: (args) => `(${args.join(' * ')})`,
  commutative: true,
  associative: true,
  identity: 1,
});

/**
 * PyTensor's TrueDiv output rule (TrueDiv.output_types in pytensor/scalar/basic.py):
 * two discrete inputs give floatX (int8 / int8 is float64 by default);
 * otherwise the upcast (int8 / float32 is float32).
 *
 * @example
 * trueDivRule(['int8', 'int8'], 'true_div'); // config.floatX
 */
export const trueDivRule: DtypeRule = (inputs, name) => (inputs.every(isDiscrete) ? config.floatX : upcastRule(inputs, name));

/** a / b, always a float (or complex) result. */
export const scalarTrueDiv = new ScalarOp({
  name: 'true_div',
  nin: 2,
  outputDtype: trueDivRule,
  impl: (a, b) => a / b,
  implComplex: cdiv,
  grad: ([x, y], _outputs, [gz]) => {
    if (isDiscrete(x!.dtype) && isDiscrete(y!.dtype)) return zerosForAll([x!, y!]);
    const [cx, cy] = [conjIfComplex(x!), conjIfComplex(y!)];
    return [realFor(trueDiv(gz!, cy), x!), realFor(neg(trueDiv(mul(gz!, cx), mul(cy, cy))), y!)];
  },
  js: ([a, b]) => `(${a} / ${b})`,
});

/** -a. */
export const scalarNeg = new ScalarOp({
  name: 'neg',
  nin: 1,
  outputDtype: noBool('negation', sameRule),
  impl: (a) => -a,
  implBigInt: (a) => -a,
  implComplex: (a) => ({ re: -a.re, im: -a.im }),
  grad: ([x], outputs, [gz]) => (discreteOutput(outputs) ? [gradZeros(x!)] : [neg(gz!)]),
  js: ([a]) => `(-${a})`,
});

/** 1 / a, a float result (PyTensor's reciprocal: int8 gives float32). */
export const scalarReciprocal = new ScalarOp({
  name: 'reciprocal',
  nin: 1,
  outputDtype: upgradeToFloat,
  impl: (a) => 1 / a,
  implComplex: (a) => cdiv({ re: 1, im: 0 }, a),
  grad: ([x], outputs, [gz]) => {
    if (discreteOutput(outputs)) return [gradZeros(x!)];
    const cx = conjIfComplex(x!);
    return [realFor(neg(trueDiv(gz!, mul(cx, cx))), x!)];
  },
  js: ([a]) => `(1 / ${a})`,
});

/** a * a, in the dtype of a. */
export const scalarSqr = new ScalarOp({
  name: 'sqr',
  nin: 1,
  outputDtype: sameRule,
  impl: (a) => a * a,
  implInt: (a) => Math.imul(a, a),
  implBigInt: (a) => a * a,
  implComplex: (a) => cmul(a, a),
  grad: ([x], outputs, [gz]) => (discreteOutput(outputs) ? [gradZeros(x!)] : [realFor(mul(gz!, conjIfComplex(x!), 2), x!)]),
  js: ([a]) => `(${a} * ${a})`,
});

/** |a|; the modulus (a real dtype of the same precision) for complex a. */
export const scalarAbs = new ScalarOp({
  name: 'abs',
  nin: 1,
  outputDtype: complexToRealRule,
  impl: (a) => Math.abs(a),
  implBigInt: (a) => (a < 0n ? -a : a),
  implComplex: (a) => Math.hypot(a.re, a.im),
  grad: ([x], outputs, [gz]) => {
    if (discreteOutput(outputs)) return [gradZeros(x!)];
    if (isFloat(x!.dtype)) return [mul(gz!, sign(x!))];
    return [trueDiv(mul(gz!, x!), abs(x!))];
  },
  js: ([a]) => `Math.abs(${a})`,
});

/** -1, 0 or 1 by the sign of a (NaN stays NaN); refuses bool and complex, as PyTensor's Sign. */
export const scalarSign = new ScalarOp({
  name: 'sign',
  nin: 1,
  outputDtype: noBool('sign', sameRule),
  impl: (a) => (a > 0 ? 1 : a < 0 ? -1 : a === 0 ? 0 : NaN),
  implBigInt: (a) => (a > 0n ? 1n : a < 0n ? -1n : 0n),
  grad: ([x]) => [flatGrad(x!)],
  js: ([a]) => `((v) => (v > 0 ? 1 : v < 0 ? -1 : v === 0 ? 0 : NaN))(${a})`,
});
