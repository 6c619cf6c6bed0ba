/**
 * The trigonometric and hyperbolic user functions (pt.cos, pt.arctan2,
 * pt.tanh, pt.deg2rad, ...). Real-only: complex inputs are a DtypeError.
 * Discrete inputs give floats (int8 -> float32, int32 -> float64).
 */
import { applyElemwise } from '../elemwise/apply';
import {
  scalarArccos,
  scalarArccosh,
  scalarArcsin,
  scalarArcsinh,
  scalarArctan,
  scalarArctan2,
  scalarArctanh,
  scalarCos,
  scalarCosh,
  scalarDeg2rad,
  scalarRad2deg,
  scalarSin,
  scalarSinh,
  scalarTan,
  scalarTanh,
} from '../scalar/trigonometric';
import type { TensorLike } from '../basic/as-tensor';
import type { TensorVariable } from '../variable/tensor-variable';

/**
 * Elementwise cosine (radians).
 *
 * @example
 * pt.cos([0]).eval(); // float32 [1]
 */
export function cos(x: TensorLike): TensorVariable {
  return applyElemwise(scalarCos, x);
}

/**
 * Elementwise sine (radians).
 *
 * @example
 * pt.sin(pt.dvector('x'));
 */
export function sin(x: TensorLike): TensorVariable {
  return applyElemwise(scalarSin, x);
}

/**
 * Elementwise tangent (radians).
 *
 * @example
 * pt.tan(pt.dvector('x'));
 */
export function tan(x: TensorLike): TensorVariable {
  return applyElemwise(scalarTan, x);
}

/**
 * Elementwise inverse cosine, in [0, pi]; NaN outside [-1, 1].
 *
 * @example
 * pt.arccos([-1]).eval(); // float32 [3.1415927]
 */
export function arccos(x: TensorLike): TensorVariable {
  return applyElemwise(scalarArccos, x);
}

/**
 * Elementwise inverse sine, in [-pi/2, pi/2]; NaN outside [-1, 1].
 *
 * @example
 * pt.arcsin(pt.dvector('x'));
 */
export function arcsin(x: TensorLike): TensorVariable {
  return applyElemwise(scalarArcsin, x);
}

/**
 * Elementwise inverse tangent, in (-pi/2, pi/2).
 *
 * @example
 * pt.arctan(pt.dvector('x'));
 */
export function arctan(x: TensorLike): TensorVariable {
  return applyElemwise(scalarArctan, x);
}

/**
 * Elementwise hyperbolic cosine.
 *
 * @example
 * pt.cosh(pt.dvector('x'));
 */
export function cosh(x: TensorLike): TensorVariable {
  return applyElemwise(scalarCosh, x);
}

/**
 * Elementwise hyperbolic sine.
 *
 * @example
 * pt.sinh(pt.dvector('x'));
 */
export function sinh(x: TensorLike): TensorVariable {
  return applyElemwise(scalarSinh, x);
}

/**
 * Elementwise hyperbolic tangent.
 *
 * @example
 * pt.tanh(pt.dvector('x'));
 */
export function tanh(x: TensorLike): TensorVariable {
  return applyElemwise(scalarTanh, x);
}

/**
 * Elementwise inverse hyperbolic cosine; NaN below 1 (arccosh(0.5) is NaN).
 *
 * @example
 * pt.arccosh([1]).eval(); // float32 [0]
 */
export function arccosh(x: TensorLike): TensorVariable {
  return applyElemwise(scalarArccosh, x);
}

/**
 * Elementwise inverse hyperbolic sine.
 *
 * @example
 * pt.arcsinh(pt.dvector('x'));
 */
export function arcsinh(x: TensorLike): TensorVariable {
  return applyElemwise(scalarArcsinh, x);
}

/**
 * Elementwise inverse hyperbolic tangent; +-inf at +-1, NaN outside [-1, 1].
 *
 * @example
 * pt.arctanh(pt.dvector('x'));
 */
export function arctanh(x: TensorLike): TensorVariable {
  return applyElemwise(scalarArctanh, x);
}

/**
 * Elementwise conversion from degrees to radians (x * pi / 180).
 *
 * @example
 * pt.deg2rad([180]).eval(); // float32 [3.1415927]
 */
export function deg2rad(x: TensorLike): TensorVariable {
  return applyElemwise(scalarDeg2rad, x);
}

/**
 * Elementwise conversion from radians to degrees (x * 180 / pi).
 *
 * @example
 * pt.rad2deg(pt.dvector('x'));
 */
export function rad2deg(x: TensorLike): TensorVariable {
  return applyElemwise(scalarRad2deg, x);
}

/**
 * Elementwise arctan(y / x) in [-pi, pi], using the signs of both arguments
 * to pick the quadrant (NumPy's arctan2; y comes first). Broadcasts.
 *
 * @example
 * pt.arctan2([1], [-1]).eval(); // float32 [2.3561945]
 */
export function arctan2(y: TensorLike, x: TensorLike): TensorVariable {
  return applyElemwise(scalarArctan2, y, x);
}
