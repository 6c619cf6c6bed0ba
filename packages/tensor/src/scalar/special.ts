/**
 * Scalar descriptors of the special functions: the error function family,
 * gamma and its logarithmic derivatives, chi2sf, sigmoid and softplus.
 * Real-only (complex inputs are a DtypeError), float64 arithmetic rounded
 * once for float32 outputs. Their `js` expressions call functions a code
 * generator binds from specialJsBindings.
 */
import erfStdlib = require('@stdlib/math/base/special/erf');
import erfcStdlib = require('@stdlib/math/base/special/erfc');
import erfinvStdlib = require('@stdlib/math/base/special/erfinv');
import gammalnStdlib = require('@stdlib/math/base/special/gammaln');
import { DtypeError, NullType } from '@proj/graph';
import { isInteger } from '../dtype/dtypes';
import { add, mul, neg, sub, trueDiv } from '../math/arith';
import { exp, expm1, log } from '../math/transcendental';
import { gammaln, polygamma as polygammaOf, psi as psiOf, sigmoid as sigmoidOf, triGamma as triGammaOf } from '../math/special';
import { constant } from '../basic/as-tensor';
import { lit, toFloat } from './grad-util';
import { ScalarOp, upgradeToFloatNoComplex, type DtypeRule } from './scalar-op';
import { chi2sf, erfcinv, gamma, log1mexp, polygamma, psi, sigmoid, softplus, triGamma } from './special-impl';
import type { TensorVariable } from '../variable/tensor-variable';

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);
const SQRT_PI_OVER_TWO = Math.sqrt(Math.PI) / 2;

/**
 * The functions the `js` expressions of these ops call, by name: a code
 * generator passes them into its generated function (they are the very
 * functions the reference kernel runs, so both agree exactly).
 */
export const specialJsBindings: Readonly<Record<string, (...args: number[]) => number>> = Object.freeze({
  erf: erfStdlib,
  erfc: erfcStdlib,
  erfinv: erfinvStdlib,
  erfcinv,
  gamma,
  gammaln: gammalnStdlib,
  psi,
  triGamma,
  polygamma,
  chi2sf,
  sigmoid,
  softplus,
  log1mexp,
});

/** A real-only unary descriptor (upgradeToFloatNoComplex) whose impl and js are the binding `binding`. */
function unary(
  name: string,
  binding: keyof typeof specialJsBindings,
  grad: (x: TensorVariable, out: TensorVariable, gz: TensorVariable) => TensorVariable,
): ScalarOp {
  return new ScalarOp({
    name,
    nin: 1,
    outputDtype: upgradeToFloatNoComplex,
    impl: specialJsBindings[binding]!,
    grad: ([x], [out], [gz]) => [grad(toFloat(x!, out!), out!, gz!)],
    js: ([a]) => `${binding}(${a})`,
  });
}

/** 2/sqrt(pi) e^(-x^2), the derivative of erf. */
const erfDeriv = (x: TensorVariable, out: TensorVariable): TensorVariable => mul(lit(TWO_OVER_SQRT_PI, out), exp(neg(mul(x, x))));

/** sqrt(pi)/2 e^(y^2) for y = erfinv(x) or erfcinv(x): the derivative of erfinv. */
const erfinvDeriv = (out: TensorVariable): TensorVariable => mul(lit(SQRT_PI_OVER_TWO, out), exp(mul(out, out)));

/** The error function erf(x) = 2/sqrt(pi) int_0^x e^(-t^2) dt. */
export const scalarErf = unary('erf', 'erf', (x, out, gz) => mul(gz, erfDeriv(x, out)));

/** The complementary error function 1 - erf(x), accurate where erf(x) is near 1. */
export const scalarErfc = unary('erfc', 'erfc', (x, out, gz) => neg(mul(gz, erfDeriv(x, out))));

/** The inverse error function: +-inf at +-1, NaN outside [-1, 1]. */
export const scalarErfinv = unary('erfinv', 'erfinv', (_x, out, gz) => mul(gz, erfinvDeriv(out)));

/** The inverse complementary error function: +inf at 0, -inf at 2, NaN outside [0, 2]. */
export const scalarErfcinv = unary('erfcinv', 'erfcinv', (_x, out, gz) => neg(mul(gz, erfinvDeriv(out))));

/** The gamma function; d gamma = gamma psi. */
export const scalarGamma = unary('gamma', 'gamma', (x, out, gz) => mul(gz, out, psiOf(x)));

/** log|gamma(x)|; d gammaln = psi. */
export const scalarGammaln = unary('gammaln', 'gammaln', (x, _out, gz) => mul(gz, psiOf(x)));

/** The digamma function psi = gammaln'; d psi = triGamma. */
export const scalarPsi = unary('psi', 'psi', (x, _out, gz) => mul(gz, triGammaOf(x)));

/** The trigamma function psi' (PyTensor's tri_gamma); d triGamma = polygamma(2, .). */
export const scalarTriGamma = unary('tri_gamma', 'triGamma', (x, _out, gz) => mul(gz, polygammaOf(constant(2, { dtype: 'int8' }), x)));

/** The logistic sigmoid 1 / (1 + e^-x); d sigmoid = sigmoid (1 - sigmoid). */
export const scalarSigmoid = unary('sigmoid', 'sigmoid', (_x, out, gz) => mul(gz, out, sub(lit(1, out), out)));

/** softplus(x) = log(1 + e^x); d softplus = sigmoid. */
export const scalarSoftplus = unary('softplus', 'softplus', (x, _out, gz) => mul(gz, sigmoidOf(x)));

/** log1mexp(x) = log(1 - e^x), accurate near 0 and far below; d log1mexp = -e^x / (1 - e^x) = -1 / expm1(-x). */
export const scalarLog1mexp = unary('log1mexp', 'log1mexp', (x, _out, gz) => neg(trueDiv(gz, expm1(neg(x)))));

/** polygamma's dtype: n must be an integer; the output is the float of x alone (as PyTensor). */
const polygammaRule: DtypeRule = (inputs, name) => {
  if (!isInteger(inputs[0]!)) {
    throw new DtypeError({ op: `Elemwise{${name}}`, argument: 0, expected: 'an integer dtype for the order n', given: inputs[0]! });
  }
  return upgradeToFloatNoComplex([inputs[1]!], name);
};

/** The polygamma function psi^(n)(x); d/dx = psi^(n+1)(x), n (an integer) has no gradient. */
export const scalarPolygamma = new ScalarOp({
  name: 'polygamma',
  nin: 2,
  outputDtype: polygammaRule,
  impl: polygamma,
  grad: ([n, x], [out], [gz]) => [
    new NullType(`polygamma is not differentiable with respect to its integer order n (${n})`).makeVariable(),
    mul(gz!, polygammaOf(add(n!, constant(1, { dtype: n!.dtype })), toFloat(x!, out!))),
  ],
  js: ([n, x]) => `polygamma(${n}, ${x})`,
});

/**
 * chi2sf(x, k): the chi-squared survival function. d/dx = -pdf(x; k) =
 * -exp((k/2 - 1) log x - x/2 - (k/2) log 2 - gammaln(k/2)); the gradient in k
 * is not implemented.
 */
export const scalarChi2sf = new ScalarOp({
  name: 'chi2sf',
  nin: 2,
  outputDtype: upgradeToFloatNoComplex,
  impl: chi2sf,
  grad: ([xIn, k], [out], [gz]) => {
    const x = toFloat(xIn!, out!);
    const halfK = mul(k!, lit(0.5, out!));
    const logPdf = sub(sub(sub(mul(sub(halfK, lit(1, out!)), log(x)), mul(x, lit(0.5, out!))), mul(halfK, lit(Math.LN2, out!))), gammaln(halfK));
    return [neg(mul(gz!, exp(logPdf))), undefined];
  },
  js: ([x, k]) => `chi2sf(${x}, ${k})`,
});
