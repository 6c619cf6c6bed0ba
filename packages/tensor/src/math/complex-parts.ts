/** User functions on the parts of complex numbers: pt.real, pt.imag, pt.angle, pt.conj and pt.complex. */
import { applyElemwise } from '../elemwise/apply';
import type { TensorLike } from '../basic/as-tensor';
import { scalarAngle, scalarComplex, scalarConj, scalarImag, scalarReal } from '../scalar/complex-parts';
import type { TensorVariable } from '../variable/tensor-variable';

/**
 * Elementwise real part (complex128 gives float64; a real x is returned as is, computed).
 *
 * @example
 * pt.real(z);
 */
export function real(x: TensorLike): TensorVariable {
  return applyElemwise(scalarReal, x);
}

/**
 * Elementwise imaginary part (zeros of x's dtype for a real x).
 *
 * @example
 * pt.imag(z);
 */
export function imag(x: TensorLike): TensorVariable {
  return applyElemwise(scalarImag, x);
}

/**
 * Elementwise argument atan2(imag, real), in float64 (as PyTensor's angle); pi for negative reals.
 *
 * @example
 * pt.angle(z);
 */
export function angle(x: TensorLike): TensorVariable {
  return applyElemwise(scalarAngle, x);
}

/**
 * Elementwise complex conjugate (x itself for a real x; bool gives int8).
 *
 * @example
 * pt.conj(z);
 */
export function conj(x: TensorLike): TensorVariable {
  return applyElemwise(scalarConj, x);
}

/**
 * The complex tensor re + i*im from two real tensors (complex128 when either
 * needs float64 precision, else complex64).
 *
 * @example
 * pt.complex(x, y);
 */
export function complex(re: TensorLike, im: TensorLike): TensorVariable {
  return applyElemwise(scalarComplex, re, im);
}
