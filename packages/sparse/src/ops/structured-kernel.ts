/**
 * The scalar functions of the structured elementwise Ops: applied to the stored
 * values of a sparse matrix only (the implicit zeros stay zeros). Each entry
 * names the entries that give its derivative, so gradients reuse the same Op.
 */
import { roundHalfToEvenNumber } from '@proj/tensor';

/** How the output dtype follows the input's: 'float' as PyTensor's upgrade_to_float, 'same', or 'upcast' (with the scalar parameter). */
export type DtypeRuleKind = 'float' | 'same' | 'upcast';

export interface StructuredFn {
  /** The value at one stored entry; p is the scalar parameter (0 when the function has none). */
  readonly impl: (x: number, p: number) => number;
  readonly dtype: DtypeRuleKind;
  /** Whether the function takes a scalar parameter (pow, minimum, maximum, add). */
  readonly param: boolean;
  /** The entry giving d/dx (null: the derivative is zero, as for the rounding functions). */
  readonly dx: string | null;
  /** The entry giving d/dp, for functions with a parameter. */
  readonly dp?: string;
}

const f = (impl: (x: number, p: number) => number, dx: string | null, dtype: DtypeRuleKind = 'float'): StructuredFn => ({ impl, dtype, param: false, dx });
const withParam = (impl: (x: number, p: number) => number, dx: string, dp: string): StructuredFn => ({ impl, dtype: 'upcast', param: true, dx, dp });
const sigmoid = (x: number): number => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));

/** Every structured scalar function, by name. */
export const STRUCTURED_FNS = {
  sigmoid: f(sigmoid, 'dsigmoid'),
  exp: f(Math.exp, 'exp'),
  log: f(Math.log, 'inv'),
  pow: withParam((x, p) => x ** p, 'dpow', 'dpowp'),
  minimum: withParam((x, p) => (Number.isNaN(x) || Number.isNaN(p) ? NaN : Math.min(x, p)), 'dmin', 'dminp'),
  maximum: withParam((x, p) => (Number.isNaN(x) || Number.isNaN(p) ? NaN : Math.max(x, p)), 'dmax', 'dmaxp'),
  add: withParam((x, p) => x + p, 'one', 'one'),
  sin: f(Math.sin, 'cos'),
  tan: f(Math.tan, 'dtan'),
  arcsin: f(Math.asin, 'darcsin'),
  arctan: f(Math.atan, 'darctan'),
  sinh: f(Math.sinh, 'cosh'),
  arcsinh: f(Math.asinh, 'darcsinh'),
  tanh: f(Math.tanh, 'dtanh'),
  arctanh: f(Math.atanh, 'darctanh'),
  rad2deg: f((x) => (x * 180) / Math.PI, 'drad2deg'),
  deg2rad: f((x) => (x * Math.PI) / 180, 'ddeg2rad'),
  rint: f(roundHalfToEvenNumber, null),
  ceil: f(Math.ceil, null),
  floor: f(Math.floor, null),
  trunc: f(Math.trunc, null),
  sign: f((x) => (Number.isNaN(x) ? NaN : Math.sign(x)), null, 'same'),
  log1p: f(Math.log1p, 'dlog1p'),
  expm1: f(Math.expm1, 'exp'),
  sqr: f((x) => x * x, 'twice', 'same'),
  sqrt: f(Math.sqrt, 'dsqrt'),
  abs: f(Math.abs, 'sign', 'same'),
  // Derivatives (float results).
  dsigmoid: f((x) => sigmoid(x) * (1 - sigmoid(x)), null),
  inv: f((x) => 1 / x, null),
  dpow: { ...withParam((x, p) => p * x ** (p - 1), 'dpow', 'dpowp'), dx: null },
  dpowp: { ...withParam((x, p) => x ** p * Math.log(x), 'dpow', 'dpowp'), dx: null },
  dmin: { ...withParam((x, p) => Number(x <= p), 'one', 'one'), dx: null },
  dminp: { ...withParam((x, p) => Number(x > p), 'one', 'one'), dx: null },
  dmax: { ...withParam((x, p) => Number(x >= p), 'one', 'one'), dx: null },
  dmaxp: { ...withParam((x, p) => Number(x < p), 'one', 'one'), dx: null },
  one: f(() => 1, null),
  cos: f(Math.cos, null),
  cosh: f(Math.cosh, null),
  dtan: f((x) => 1 + Math.tan(x) ** 2, null),
  darcsin: f((x) => 1 / Math.sqrt(1 - x * x), null),
  darctan: f((x) => 1 / (1 + x * x), null),
  darcsinh: f((x) => 1 / Math.sqrt(x * x + 1), null),
  dtanh: f((x) => 1 - Math.tanh(x) ** 2, null),
  darctanh: f((x) => 1 / (1 - x * x), null),
  drad2deg: f(() => 180 / Math.PI, null),
  ddeg2rad: f(() => Math.PI / 180, null),
  dlog1p: f((x) => 1 / (1 + x), null),
  twice: f((x) => 2 * x, null),
  dsqrt: f((x) => 0.5 / Math.sqrt(x), null),
} satisfies Record<string, StructuredFn>;

export type StructuredFnName = keyof typeof STRUCTURED_FNS;
