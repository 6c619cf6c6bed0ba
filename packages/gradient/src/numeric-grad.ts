/**
 * Finite-difference gradients of scalar functions of arrays (PyTensor's
 * numeric_grad), and the error measures verifyGrad compares gradients with.
 */
import { checkOptions, optionKeys, ArgumentError, DtypeError, ShapeError, describeThing } from '@proj/graph';
import { forEachOffset, fromRaw, isNDArray, rawView, sizeOf, toNDArray, typedArrayDtype, type Dtype, type NDArray } from '@proj/tensor';

/** The dtypes finite differences work in. */
export type FloatDtype = 'float32' | 'float64';

/** A function of arrays whose value is a scalar: a number or a one-element array. */
export type ScalarFunction = (...inputs: NDArray[]) => unknown;

/** How the derivative is estimated. */
export type DifferenceMethod = 'forward' | 'central';

/** Options of NumericGrad. */
export interface NumericGradOptions {
  /** The step; by default the largest of NumericGrad.typeEps over the inputs' dtypes. */
  eps?: number;
  /** The dtype of the gradients (PyTensor's out_type); by default the most precise input dtype. */
  outType?: FloatDtype;
  /**
   * 'forward' (PyTensor's one-sided (f(x + eps) - f(x)) / eps, the default) or
   * 'central' ((f(x + eps) - f(x - eps)) / 2eps: more accurate, twice the calls).
   */
  method?: DifferenceMethod;
}

/** Absolute and relative errors, elementwise. */
export interface AbsRelErr<T> {
  readonly absErr: T;
  readonly relErr: T;
}

/** Where the error is largest (see NumericGrad.maxErr). */
export interface MaxErr {
  /** The index of the gradient (the input) with the largest error. */
  readonly argIndex: number;
  /** The flat (row-major) position of that error in that gradient; -1 when every gradient is empty. */
  readonly errPos: number;
  /** The absolute error there. */
  readonly absErr: number;
  /** The relative error there. */
  readonly relErr: number;
  /** min(absErr / absTol, relErr / relTol) there: above 1 means both tolerances are exceeded. */
  readonly scaledErr: number;
}

const OP = 'numericGrad';

/** The elements of `a` in row-major order, as doubles. */
export function flatValues(a: NDArray): Float64Array {
  const v = rawView(a);
  if (v.width !== 1) throw new DtypeError({ op: OP, argument: 'value', expected: 'a real array', given: `an array of dtype ${a.dtype}` });
  const out = new Float64Array(sizeOf(a.shape));
  const data = v.data as ArrayLike<number | bigint>;
  forEachOffset(a.shape, v.strides, v.offset, (off, k) => {
    out[k] = Number(data[off]!);
  });
  return out;
}

/**
 * Converts a point (an ndarray, a typed array, a number or nested numbers) to
 * an ndarray. JS numbers become float64 (as NumPy's asarray of floats); arrays
 * keep their dtype, which must be float32 or float64.
 */
export function asFloatArray(value: unknown, op: string, argument: number | string): NDArray {
  let arr: NDArray;
  if (isNDArray(value)) arr = value;
  else if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const d = typedArrayDtype(value);
    if (d === undefined) throw new DtypeError({ op, argument, expected: 'a float32 or float64 array', given: describeThing(value) });
    arr = toNDArray(value, d, { op });
  } else if (typeof value === 'number' || Array.isArray(value)) {
    arr = toNDArray(value, 'float64', { op });
  } else {
    throw new ArgumentError({ op, argument, expected: 'an ndarray, a typed array, a number or nested arrays of numbers', given: describeThing(value) });
  }
  if (arr.dtype !== 'float32' && arr.dtype !== 'float64') {
    throw new DtypeError({ op, argument, expected: 'a floating point array (float32 or float64)', given: `an array of dtype ${arr.dtype}` });
  }
  return arr;
}

/** A contiguous array of `dtype` holding `values` (copied). */
function makeArray(dtype: Dtype, values: Float64Array, shape: readonly number[]): NDArray {
  const data = dtype === 'float32' ? Float32Array.from(values) : Float64Array.from(values);
  return fromRaw(dtype, data, shape);
}

/** The number `f` returned: a JS number or a one-element real array. */
function scalarValue(out: unknown): number {
  if (typeof out === 'number') return out;
  if (typeof out === 'bigint' || typeof out === 'boolean') return Number(out);
  if (isNDArray(out) && sizeOf(out.shape) === 1) return flatValues(out)[0]!;
  throw new ArgumentError({
    op: OP,
    argument: 'f',
    expected: 'a function returning a scalar (a number or a one-element array)',
    given: isNDArray(out) ? `an array of shape (${out.shape.join(', ')})` : describeThing(out),
  });
}

function shapeText(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}

function checkTol(name: string, tol: number): void {
  if (!(tol > 0)) throw new ArgumentError({ op: `${OP}.maxErr`, argument: name, expected: 'a positive number', given: String(tol) });
}

/**
 * The numeric derivative of a scalar-valued function at a point, by finite
 * differences (PyTensor's numeric_grad). `gf[i]` is the gradient with respect
 * to input i, of the point's shape and of the working dtype (the most precise
 * input dtype, or `outType`). Each call of `f` gets fresh arrays of the
 * inputs' own dtypes; the point itself is never modified.
 *
 * @example
 * const ng = new NumericGrad((x) => sumOfSquares(x), [[1, 2, 3]]);
 * flatValues(ng.gf[0]); // ≈ [2, 4, 6]
 */
export class NumericGrad {
  /** The default step per dtype (PyTensor's type_eps). */
  static readonly typeEps: Readonly<Record<FloatDtype, number>> = Object.freeze({ float64: 1e-7, float32: 3e-4 });

  /** The gradient with respect to each input. */
  readonly gf: NDArray[];
  /** The step used. */
  readonly eps: number;
  /** The dtype of the perturbed point and of the gradients. */
  readonly workingDtype: FloatDtype;

  constructor(f: ScalarFunction, pt: readonly unknown[], options: NumericGradOptions = {}) {
    if (typeof f !== 'function') throw new ArgumentError({ op: OP, argument: 'f', expected: 'a function', given: describeThing(f) });
    if (!Array.isArray(pt)) throw new ArgumentError({ op: OP, argument: 'pt', expected: 'an array of input values (one per argument of f)', given: describeThing(pt) });
    const method = options.method ?? 'forward';
    if (method !== 'forward' && method !== 'central') {
      throw new ArgumentError({ op: OP, argument: 'method', expected: "'forward' or 'central'", given: String(method) });
    }
    const arrays = pt.map((p, i) => asFloatArray(p, OP, i));
    const dtypes = arrays.map((a) => a.dtype as FloatDtype);
    // The working dtype is the most precise one (the smallest eps), as in PyTensor.
    this.workingDtype = dtypes.includes('float64') || dtypes.length === 0 ? 'float64' : 'float32';
    const eps = options.eps ?? Math.max(...dtypes.map((d) => NumericGrad.typeEps[d]), 0);
    if (!(eps > 0) || !Number.isFinite(eps)) throw new ArgumentError({ op: OP, argument: 'eps', expected: 'a positive finite step', given: String(options.eps ?? eps) });
    this.eps = eps;
    const outType = options.outType ?? this.workingDtype;
    if (outType !== 'float32' && outType !== 'float64') {
      throw new DtypeError({ op: OP, argument: 'outType', expected: "'float32' or 'float64' (complex gradients are not supported)", given: String(outType) });
    }

    // The point, in the working dtype (float32 points round their perturbation as NumPy does).
    const round = this.workingDtype === 'float32' ? Math.fround : (v: number) => v;
    const xs = arrays.map((a) => flatValues(a).map(round));
    const call = () => scalarValue(f(...arrays.map((a, i) => makeArray(a.dtype, xs[i]!, a.shape))));
    const fx = method === 'forward' ? call() : 0;
    const eval1 = (x: Float64Array, k: number, step: number): number => {
      const old = x[k]!;
      x[k] = round(old + step);
      try {
        return call();
      } finally {
        x[k] = old;
      }
    };
    this.gf = arrays.map((a, i) => {
      const x = xs[i]!;
      const g = new Float64Array(x.length);
      for (let k = 0; k < x.length; k++) {
        g[k] = method === 'forward' ? (eval1(x, k, eps) - fx) / eps : (eval1(x, k, eps) - eval1(x, k, -eps)) / (2 * eps);
      }
      return makeArray(outType, g, a.shape);
    });
  }

  /**
   * The absolute and relative errors between `a` and `b` (elementwise for arrays):
   * absErr = |a - b|, relErr = absErr / max(|a| + |b|, 1e-8). The floor keeps
   * the relative error finite when both are close to 0.
   *
   * @example
   * NumericGrad.absRelErr(1, 1.1); // { absErr: 0.1 (≈), relErr: 0.1 / 2.1 }
   */
  static absRelErr(a: number, b: number): AbsRelErr<number>;
  static absRelErr(a: NDArray | number, b: NDArray | number): AbsRelErr<NDArray>;
  static absRelErr(a: NDArray | number, b: NDArray | number): AbsRelErr<number> | AbsRelErr<NDArray> {
    const one = (x: number, y: number): [number, number] => {
      const absErr = Math.abs(x - y);
      return [absErr, absErr / Math.max(Math.abs(x) + Math.abs(y), 1e-8)];
    };
    if (typeof a === 'number' && typeof b === 'number') {
      const [absErr, relErr] = one(a, b);
      return { absErr, relErr };
    }
    const shape = isNDArray(a) ? a.shape : (b as NDArray).shape;
    if (isNDArray(a) && isNDArray(b) && (a.shape.length !== b.shape.length || a.shape.some((s, i) => s !== b.shape[i]))) {
      throw new ShapeError({ op: 'NumericGrad.absRelErr', argument: 'b', expected: `shape ${shapeText(a.shape)} (the shape of a)`, given: `shape ${shapeText(b.shape)}` });
    }
    const n = sizeOf(shape);
    const av = isNDArray(a) ? flatValues(a) : new Float64Array(n).fill(a);
    const bv = isNDArray(b) ? flatValues(b) : new Float64Array(n).fill(b);
    const absErr = new Float64Array(n);
    const relErr = new Float64Array(n);
    for (let k = 0; k < n; k++) [absErr[k], relErr[k]] = one(av[k]!, bv[k]!);
    return { absErr: fromRaw('float64', absErr, shape), relErr: fromRaw('float64', relErr, shape) };
  }

  /**
   * The absolute and relative errors of each gradient in `gPt` against `gf`.
   * `gPt` must hold one array per input, each of its input's shape.
   */
  absRelErrors(gPt: readonly unknown[]): AbsRelErr<NDArray>[] {
    const op = 'NumericGrad.absRelErrors';
    if (!Array.isArray(gPt) || gPt.length !== this.gf.length) {
      throw new ArgumentError({ op, argument: 'gPt', expected: `${this.gf.length} gradients (one per input)`, given: Array.isArray(gPt) ? `${gPt.length}` : describeThing(gPt) });
    }
    return gPt.map((g, i) => {
      const want = this.gf[i]!;
      if (!isNDArray(g)) throw new ArgumentError({ op, argument: i, expected: 'an ndarray', given: describeThing(g) });
      if (g.dtype.startsWith('complex')) {
        throw new DtypeError({ op, argument: i, expected: `a real gradient (input ${i} is real)`, given: `a gradient of dtype ${g.dtype}` });
      }
      if (g.shape.length !== want.shape.length || g.shape.some((s, d) => s !== want.shape[d])) {
        throw new ShapeError({ op, argument: i, expected: `a gradient of shape ${shapeText(want.shape)}`, given: `shape ${shapeText(g.shape)}` });
      }
      return NumericGrad.absRelErr(g, want);
    });
  }

  /**
   * Where `gPt` departs most from `gf`: the position maximising
   * min(absErr / absTol, relErr / relTol) over all gradients (the first one on
   * ties), with the errors there. A scaled error above 1 exceeds both tolerances.
   * Non-finite errors (a NaN or infinite gradient) are an ArgumentError.
   */
  maxErr(gPt: readonly unknown[], absTol: number, relTol: number): MaxErr {
    checkTol('absTol', absTol);
    checkTol('relTol', relTol);
    let best: MaxErr = { argIndex: 0, errPos: -1, absErr: 0, relErr: 0, scaledErr: -Infinity };
    this.absRelErrors(gPt).forEach(({ absErr, relErr }, i) => {
      const abs = flatValues(absErr);
      const rel = flatValues(relErr);
      for (let k = 0; k < abs.length; k++) {
        if (!Number.isFinite(abs[k]!) || !Number.isFinite(rel[k]!)) {
          const num = flatValues(this.gf[i]!)[k];
          const sym = flatValues(gPt[i] as NDArray)[k];
          throw new ArgumentError({
            op: 'NumericGrad.maxErr',
            argument: `gPt[${i}]`,
            expected: 'finite gradients',
            given: `a non-finite error at position ${k} (analytic ${sym}, numeric ${num})`,
          });
        }
        const scaled = Math.min(abs[k]! / absTol, rel[k]! / relTol);
        if (scaled > best.scaledErr) best = { argIndex: i, errPos: k, absErr: abs[k]!, relErr: rel[k]!, scaledErr: scaled };
      }
    });
    return best.errPos === -1 ? { ...best, scaledErr: 0 } : best;
  }
}

const NUMERIC_KEYS = optionKeys<NumericGradOptions>({ eps: true, outType: true, method: true });

/**
 * The finite-difference gradient of `f` at `pt` (see NumericGrad).
 *
 * @example
 * const [g] = numericGrad((x) => Math.exp(flatValues(x)[0]), [0]).gf; // ≈ 1
 */
export function numericGrad(f: ScalarFunction, pt: readonly unknown[], options: NumericGradOptions = {}): NumericGrad {
  checkOptions('numericGrad', options, NUMERIC_KEYS);
  return new NumericGrad(f, pt, options);
}
