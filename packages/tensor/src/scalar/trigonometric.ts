/**
 * Scalar descriptors of the circular and hyperbolic functions, their
 * inverses, arctan2 and the degree/radian conversions. Real-only (complex
 * inputs are refused with a DtypeError); float64 arithmetic, rounded once
 * for float32 outputs. Gradients are graphs of tensor user functions.
 */
import { add, mul, neg, sub, trueDiv } from '../math/arith';
import { sqrt } from '../math/transcendental';
import { cos, cosh, sin, sinh } from '../math/trigonometric';
import { lit, toFloat } from './grad-util';
import { ScalarOp, upgradeToFloatNoComplex } from './scalar-op';
import type { TensorVariable } from '../variable/tensor-variable';

const DEG_TO_RAD = Math.PI / 180;
const RAD_TO_DEG = 180 / Math.PI;

/** A real-only unary descriptor with upgradeToFloatNoComplex output. */
function unary(name: string, impl: (a: number) => number, jsName: string, grad: (x: TensorVariable, out: TensorVariable, gz: TensorVariable) => TensorVariable): ScalarOp {
  return new ScalarOp({
    name,
    nin: 1,
    outputDtype: upgradeToFloatNoComplex,
    impl,
    grad: ([x], [out], [gz]) => [grad(toFloat(x!, out!), out!, gz!)],
    js: ([a]) => `${jsName}(${a})`,
  });
}

/** cos(x). */
export const scalarCos = unary('cos', Math.cos, 'Math.cos', (x, _out, gz) => neg(mul(gz, sin(x))));

/** sin(x). */
export const scalarSin = unary('sin', Math.sin, 'Math.sin', (x, _out, gz) => mul(gz, cos(x)));

/** tan(x); d tan = 1 / cos^2. */
export const scalarTan = unary('tan', Math.tan, 'Math.tan', (x, _out, gz) => {
  const c = cos(x);
  return trueDiv(gz, mul(c, c));
});

/** arccos(x) in [0, pi]; NaN outside [-1, 1]. */
export const scalarArccos = unary('arccos', Math.acos, 'Math.acos', (x, out, gz) => neg(trueDiv(gz, sqrt(sub(lit(1, out), mul(x, x))))));

/** arcsin(x) in [-pi/2, pi/2]; NaN outside [-1, 1]. */
export const scalarArcsin = unary('arcsin', Math.asin, 'Math.asin', (x, out, gz) => trueDiv(gz, sqrt(sub(lit(1, out), mul(x, x)))));

/** arctan(x) in (-pi/2, pi/2). */
export const scalarArctan = unary('arctan', Math.atan, 'Math.atan', (x, out, gz) => trueDiv(gz, add(lit(1, out), mul(x, x))));

/** cosh(x). */
export const scalarCosh = unary('cosh', Math.cosh, 'Math.cosh', (x, _out, gz) => mul(gz, sinh(x)));

/** sinh(x). */
export const scalarSinh = unary('sinh', Math.sinh, 'Math.sinh', (x, _out, gz) => mul(gz, cosh(x)));

/** tanh(x); d tanh = 1 - tanh^2, from the output. */
export const scalarTanh = unary('tanh', Math.tanh, 'Math.tanh', (_x, out, gz) => mul(gz, sub(lit(1, out), mul(out, out))));

/** arccosh(x) >= 0; NaN below 1. */
export const scalarArccosh = unary('arccosh', Math.acosh, 'Math.acosh', (x, out, gz) => trueDiv(gz, sqrt(sub(mul(x, x), lit(1, out)))));

/** arcsinh(x). */
export const scalarArcsinh = unary('arcsinh', Math.asinh, 'Math.asinh', (x, out, gz) => trueDiv(gz, sqrt(add(mul(x, x), lit(1, out)))));

/** arctanh(x); +-inf at +-1, NaN outside [-1, 1]. */
export const scalarArctanh = unary('arctanh', Math.atanh, 'Math.atanh', (x, out, gz) => trueDiv(gz, sub(lit(1, out), mul(x, x))));

/** Degrees to radians: x * (pi / 180), the same product NumPy computes. */
export const scalarDeg2rad = new ScalarOp({
  name: 'deg2rad',
  nin: 1,
  outputDtype: upgradeToFloatNoComplex,
  impl: (a) => a * DEG_TO_RAD,
  grad: (_x, [out], [gz]) => [mul(gz!, lit(DEG_TO_RAD, out!))],
  js: ([a]) => `(${a} * ${DEG_TO_RAD})`,
});

/** Radians to degrees: x * (180 / pi), the same product NumPy computes. */
export const scalarRad2deg = new ScalarOp({
  name: 'rad2deg',
  nin: 1,
  outputDtype: upgradeToFloatNoComplex,
  impl: (a) => a * RAD_TO_DEG,
  grad: (_x, [out], [gz]) => [mul(gz!, lit(RAD_TO_DEG, out!))],
  js: ([a]) => `(${a} * ${RAD_TO_DEG})`,
});

/**
 * arctan2(y, x): the angle of the point (x, y) in [-pi, pi], with NumPy's
 * (C99's) signed-zero and infinity rules. d/dy = x / r^2, d/dx = -y / r^2.
 */
export const scalarArctan2 = new ScalarOp({
  name: 'arctan2',
  nin: 2,
  outputDtype: upgradeToFloatNoComplex,
  impl: Math.atan2,
  grad: ([yIn, xIn], [out], [gz]) => {
    const y = toFloat(yIn!, out!);
    const x = toFloat(xIn!, out!);
    const r2 = add(mul(x, x), mul(y, y));
    return [mul(gz!, trueDiv(x, r2)), neg(mul(gz!, trueDiv(y, r2)))];
  },
  js: ([a, b]) => `Math.atan2(${a}, ${b})`,
});
