/**
 * Scalar descriptors of the parts of complex numbers: real, imag, angle,
 * conj, and complex(re, im) which builds one. Output dtypes follow PyTensor:
 * real/imag give the real dtype of the same precision (a real input keeps its
 * dtype), angle always gives float64, conj of bool gives int8.
 */
import { DtypeError, config } from '@proj/graph';
import { isComplex, isDiscrete, isFloat, upcast, type Dtype } from '../dtype/dtypes';
import { mul, neg, sqr, trueDiv } from '../math/arith';
import { abs } from '../math/arith';
import { cast } from '../math/cast';
import { complex, conj, imag, real } from '../math/complex-parts';
import type { TensorVariable } from '../variable/tensor-variable';
import { ScalarOp, complexToRealRule, type DtypeRule } from './scalar-op';
import { flatGrad, gradZeros } from './zero-grad';

/** The real part (x itself for a real x). */
export const scalarReal = new ScalarOp({
  name: 'real',
  nin: 1,
  outputDtype: complexToRealRule,
  impl: (a) => a,
  implBigInt: (a) => a,
  implComplex: (a) => a.re,
  grad: ([x], _outputs, [gz]) => [isComplex(x!.dtype) ? complex(gz!, 0) : isDiscrete(x!.dtype) ? gradZeros(x!) : gz!],
  js: ([a]) => `(${a})`,
});

/** The imaginary part (zeros for a real x). */
export const scalarImag = new ScalarOp({
  name: 'imag',
  nin: 1,
  outputDtype: complexToRealRule,
  impl: () => 0,
  implBigInt: () => 0n,
  implComplex: (a) => a.im,
  grad: ([x], _outputs, [gz]) => [isComplex(x!.dtype) ? complex(0, gz!) : flatGrad(x!)],
  js: () => '0',
});

/** The argument atan2(im, re) in float64 (PyTensor's Angle: specific_out(float64)); pi for a negative real. */
export const scalarAngle = new ScalarOp({
  name: 'angle',
  nin: 1,
  outputDtype: () => 'float64',
  impl: (a) => Math.atan2(0, a),
  implComplex: (a) => Math.atan2(a.im, a.re),
  // d angle = (x dy - y dx) / r^2 for c = x + iy.
  grad: ([c], _outputs, [gtheta]) => {
    if (!isComplex(c!.dtype)) return [flatGrad(c!)];
    const r2 = sqr(abs(c!));
    const gx = trueDiv(mul(neg(gtheta!), imag(c!)), r2);
    const gy = trueDiv(mul(gtheta!, real(c!)), r2);
    return [cast(complex(gx, gy), c!.dtype)];
  },
  js: ([a]) => `Math.atan2(0, ${a})`,
});

/** The complex conjugate (x itself for a real x; bool gives int8). */
export const scalarConj = new ScalarOp({
  name: 'conj',
  nin: 1,
  outputDtype: ([d]) => (d === 'bool' ? 'int8' : d!),
  impl: (a) => a,
  implBigInt: (a) => a,
  implComplex: (a) => ({ re: a.re, im: -a.im }),
  grad: ([x], _outputs, [gz]) => [isComplex(x!.dtype) ? conj(gz!) : isFloat(x!.dtype) ? gz! : gradZeros(x!, config.floatX)],
  js: ([a]) => `(${a})`,
});

/** PyTensor's Complex rule: complex128 when the upcast needs float64 precision, else complex64. */
const complexRule: DtypeRule = (inputs, name) => {
  inputs.forEach((d, i) => {
    if (isComplex(d)) throw new DtypeError({ op: `Elemwise{${name}}`, argument: i, expected: 'a real dtype (the real or imaginary part)', given: d });
  });
  const up: Dtype = upcast(inputs[0]!, inputs[1]!);
  return ['float64', 'int64', 'uint64', 'int32', 'uint32'].includes(up) ? 'complex128' : 'complex64';
};

/** re + i*im from two real inputs. */
export const scalarComplex = new ScalarOp({
  name: 'complex',
  nin: 2,
  outputDtype: complexRule,
  impl: (a) => a,
  implComplex: (a, b) => ({ re: a.re, im: b.re }),
  grad: ([x, y], _outputs, [gz]) => [castBack(real(gz!), x!), castBack(imag(gz!), y!)],
  js: ([a, b]) => `({ re: ${a}, im: ${b} })`,
});

function castBack(g: TensorVariable, x: TensorVariable): TensorVariable {
  return isDiscrete(x.dtype) ? gradZeros(x) : cast(g, x.dtype);
}
