/**
 * Scalar descriptors of the exponentials, logarithms and the square root.
 * Each computes in float64 (float32 outputs are rounded once when stored);
 * exp, log and sqrt also have complex versions. Gradients are graphs of the
 * tensor user functions, so they can be differentiated again.
 */
import { mul, trueDiv, add } from '../math/arith';
import { exp } from '../math/transcendental';
import { anyComplex, lit } from './grad-util';
import { cexp, clog, csqrt } from './complex-elementary';
import { ScalarOp, upgradeToFloat, upgradeToFloatNoComplex } from './scalar-op';

/** sqrt(x); NaN for x < 0 (real dtypes), the principal root for complex. */
export const scalarSqrt = new ScalarOp({
  name: 'sqrt',
  nin: 1,
  outputDtype: upgradeToFloat,
  impl: Math.sqrt,
  implComplex: csqrt,
  // d sqrt(x) = 1 / (2 sqrt(x)), written with the output.
  grad: ([x], [out], [gz]) => (anyComplex(x!) ? [undefined] : [trueDiv(mul(gz!, lit(0.5, out!)), out!)]),
  js: ([a]) => `Math.sqrt(${a})`,
});

/** e^x. */
export const scalarExp = new ScalarOp({
  name: 'exp',
  nin: 1,
  outputDtype: upgradeToFloat,
  impl: Math.exp,
  implComplex: cexp,
  grad: ([x], [out], [gz]) => (anyComplex(x!) ? [undefined] : [mul(gz!, out!)]),
  js: ([a]) => `Math.exp(${a})`,
});

/** 2^x. */
export const scalarExp2 = new ScalarOp({
  name: 'exp2',
  nin: 1,
  outputDtype: upgradeToFloatNoComplex,
  impl: (a) => Math.pow(2, a),
  grad: (_x, [out], [gz]) => [mul(gz!, out!, lit(Math.LN2, out!))],
  js: ([a]) => `Math.pow(2, ${a})`,
});

/** The natural logarithm: -inf at 0, NaN below 0 (real dtypes); the principal branch for complex. */
export const scalarLog = new ScalarOp({
  name: 'log',
  nin: 1,
  outputDtype: upgradeToFloat,
  impl: Math.log,
  implComplex: clog,
  grad: ([x], _out, [gz]) => (anyComplex(x!) ? [undefined] : [trueDiv(gz!, x!)]),
  js: ([a]) => `Math.log(${a})`,
});

/** The base-2 logarithm. */
export const scalarLog2 = new ScalarOp({
  name: 'log2',
  nin: 1,
  outputDtype: upgradeToFloatNoComplex,
  impl: Math.log2,
  grad: ([x], [out], [gz]) => [trueDiv(gz!, mul(x!, lit(Math.LN2, out!)))],
  js: ([a]) => `Math.log2(${a})`,
});

/** The base-10 logarithm. */
export const scalarLog10 = new ScalarOp({
  name: 'log10',
  nin: 1,
  outputDtype: upgradeToFloatNoComplex,
  impl: Math.log10,
  grad: ([x], [out], [gz]) => [trueDiv(gz!, mul(x!, lit(Math.LN10, out!)))],
  js: ([a]) => `Math.log10(${a})`,
});

/** log(1 + x), accurate for small x. */
export const scalarLog1p = new ScalarOp({
  name: 'log1p',
  nin: 1,
  outputDtype: upgradeToFloatNoComplex,
  impl: Math.log1p,
  grad: ([x], [out], [gz]) => [trueDiv(gz!, add(lit(1, out!), x!))],
  js: ([a]) => `Math.log1p(${a})`,
});

/** e^x - 1, accurate for small x. */
export const scalarExpm1 = new ScalarOp({
  name: 'expm1',
  nin: 1,
  outputDtype: upgradeToFloatNoComplex,
  impl: Math.expm1,
  grad: ([x], _out, [gz]) => [mul(gz!, exp(x!))],
  js: ([a]) => `Math.expm1(${a})`,
});
