/**
 * verifyGrad: checks a symbolic gradient against finite differences (PyTensor's
 * verify_grad). Evaluation goes through the reference evaluator of @proj/graph
 * unless a compile function is given: backends sit above this package, so it
 * takes their compiler as an argument rather than importing one.
 */
import { checkOptions, optionKeys, ArgumentError, DtypeError, evaluate, describeThing, type Variable } from '@proj/graph';
import { TensorType, TensorVariable, fromRaw, mul, shared, sum, type NDArray } from '@proj/tensor';
import { GradientError } from './errors';
import { grad } from './grad';
import { NumericGrad, asFloatArray, flatValues, type DifferenceMethod, type FloatDtype } from './numeric-grad';
import { Rng, defaultRng } from './rng';

/** A compiled function: the values of the outputs for values of the inputs. */
export type CompiledFunction = (...inputs: unknown[]) => unknown;

/**
 * A compiler (e.g. `compile` of @proj/backend-js): from graph inputs and outputs
 * to a function of the input values returning one value per output (an array).
 */
export type CompileFunction = (inputs: readonly Variable[], outputs: readonly Variable[]) => CompiledFunction;

/** Options of verifyGrad. */
export interface VerifyGradOptions {
  /** How many random projections to test (default 2). */
  nTests?: number;
  /** A seed or a generator for the random projections (default: seed 0, so runs are reproducible). */
  rng?: number | Rng;
  /** The finite-difference step (default per dtype: NumericGrad.typeEps). */
  eps?: number;
  /** The gradients' dtype for the numeric gradient (PyTensor's out_type). */
  outType?: FloatDtype;
  /** Absolute tolerance (default: the largest over the inputs' dtypes of float64 1e-4, float32 1e-2). */
  absTol?: number;
  /** Relative tolerance (default as absTol). */
  relTol?: number;
  /** Make the random projection float32 when the output is float32 (else it is float64). */
  castToOutputType?: boolean;
  /** Evaluate the graphs with this compiler rather than the reference evaluator. */
  compile?: CompileFunction;
  /** Finite differences: PyTensor's 'forward' (default) or 'central'. */
  method?: DifferenceMethod;
}

/** The default tolerances per dtype (PyTensor's _type_tol). */
export const TYPE_TOL: Readonly<Record<FloatDtype, number>> = Object.freeze({ float64: 1e-4, float32: 1e-2 });

const OP = 'verifyGrad';

/** The multi-index of a flat row-major position. */
function unravel(pos: number, shape: readonly number[]): number[] {
  const idx = new Array<number>(shape.length).fill(0);
  for (let d = shape.length - 1; d >= 0; d--) {
    idx[d] = pos % shape[d]!;
    pos = Math.floor(pos / shape[d]!);
  }
  return idx;
}

/** The reference evaluator as a CompileFunction. */
export const referenceCompile: CompileFunction = (inputs, outputs) => (...values) =>
  evaluate(outputs, inputs.map((v, i) => [v, values[i]] as const));

/** Copies so that neither the compiled function nor anything else can touch the caller's arrays. */
function copyOf(a: NDArray): NDArray {
  const v = flatValues(a);
  return fromRaw(a.dtype, a.dtype === 'float32' ? Float32Array.from(v) : v, a.shape);
}

function compiled(compile: CompileFunction, inputs: readonly Variable[], outputs: readonly Variable[], what: string): (...values: NDArray[]) => unknown[] {
  const fn = compile(inputs, outputs);
  if (typeof fn !== 'function') {
    throw new ArgumentError({ op: OP, argument: 'compile', expected: 'a function returning a callable', given: describeThing(fn) });
  }
  return (...values) => {
    const out = fn(...values);
    const list = Array.isArray(out) ? out : [out];
    if (list.length !== outputs.length) {
      throw new ArgumentError({ op: OP, argument: 'compile', expected: `a callable returning ${outputs.length} value(s) for the ${what}`, given: `${list.length}` });
    }
    return list;
  };
}

const VERIFY_KEYS = optionKeys<VerifyGradOptions>({ nTests: true, rng: true, eps: true, outType: true, absTol: true, relTol: true, castToOutputType: true, compile: true, method: true });

/**
 * Checks the gradient of `fun` at the point `pt` against finite differences;
 * throws GradientError when they differ. The output of `fun` is projected onto a
 * random tensor u (cost = sum(u * fun(...xs)), u in [0.5, 1.5)), and the
 * symbolic gradient of that cost (grad with disconnectedInputs 'ignore') is
 * compared with NumericGrad's, nTests times with fresh projections. A mismatch
 * is a position where both the absolute and the relative error exceed their
 * tolerances. `pt` holds float32/float64 values (JS numbers and nested arrays
 * are float64); they are never modified. Dimensions of length 1 are
 * broadcastable in the symbolic inputs, as in PyTensor.
 *
 * @example
 * verifyGrad((x) => pt.tanh(x), [[[2, 3, 4], [-1, 3.3, 9.9]]], { rng: 23098 });
 * verifyGrad((x, y) => x.mul(y).sum({ axis: 0 }), [xValue, yValue], { nTests: 3 });
 */
export function verifyGrad(fun: (...xs: TensorVariable[]) => Variable, pt: readonly unknown[], options: VerifyGradOptions = {}): void {
  checkOptions('verifyGrad', options, VERIFY_KEYS);
  if (typeof fun !== 'function') throw new ArgumentError({ op: OP, argument: 'fun', expected: 'a function of symbolic tensors', given: describeThing(fun) });
  if (!Array.isArray(pt)) throw new ArgumentError({ op: OP, argument: 'pt', expected: 'an array of input values (one per argument of fun)', given: describeThing(pt) });
  const nTests = options.nTests ?? 2;
  if (!Number.isInteger(nTests) || nTests < 1) throw new ArgumentError({ op: OP, argument: 'nTests', expected: 'a positive integer', given: String(nTests) });
  const rng = options.rng instanceof Rng ? options.rng : defaultRng(options.rng ?? 0);
  const compile = options.compile ?? referenceCompile;

  const values = pt.map((p, i) => asFloatArray(p, OP, i));
  const dtypes = values.map((v) => v.dtype as FloatDtype);
  const defaultTol = Math.max(...dtypes.map((d) => TYPE_TOL[d]), 0) || TYPE_TOL.float64;
  const absTol = options.absTol ?? defaultTol;
  const relTol = options.relTol ?? defaultTol;

  const inputs = values.map((v, i) => new TensorType(v.dtype, v.shape.map((s) => (s === 1 ? 1 : null))).makeVariable(`input ${i}`));
  const output = fun(...inputs);
  if (Array.isArray(output)) {
    throw new ArgumentError({ op: OP, argument: 'fun', expected: 'a function returning one output', given: `${(output as unknown[]).length} outputs (verifyGrad checks one output)` });
  }
  if (!(output instanceof TensorVariable)) {
    throw new ArgumentError({ op: OP, argument: 'fun', expected: 'a function returning a tensor', given: describeThing(output) });
  }
  if (output.dtype !== 'float32' && output.dtype !== 'float64') {
    throw new DtypeError({ op: OP, argument: 'fun', expected: 'an output of dtype float32 or float64', given: `an output of dtype ${output.dtype}` });
  }
  const fresh = () => values.map(copyOf);

  const [outValue] = compiled(compile, inputs, [output], 'output')(...fresh());
  const outShape = (outValue as NDArray).shape;
  // Projections in [0.5, 1.5): small entries would lose precision in the numeric gradient.
  const projectionDtype = options.castToOutputType && output.dtype === 'float32' ? 'float32' : 'float64';
  const randomProjection = (): NDArray => {
    const n = outShape.reduce((a, b) => a * b, 1);
    const u = rng.uniformArray(n, 0.5, 1.5);
    return fromRaw(projectionDtype, projectionDtype === 'float32' ? Float32Array.from(u) : u, outShape);
  };
  const projection = shared(randomProjection(), { name: 'random_projection', borrow: true, shape: output.type.shape });
  const cost = sum(mul(projection, output));
  const costFn = compiled(compile, inputs, [cost], 'cost');
  const symbolic = grad(cost, inputs, { disconnectedInputs: 'ignore' }) as Variable[];
  const gradFn = compiled(compile, inputs, symbolic, 'gradients');

  for (let t = 0; t < nTests; t++) {
    const numeric = new NumericGrad((...xs) => costFn(...xs)[0], fresh(), { eps: options.eps, outType: options.outType, method: options.method });
    const analytic = gradFn(...fresh());
    const worst = numeric.maxErr(analytic, absTol, relTol);
    if (worst.absErr > absTol && worst.relErr > relTol) {
      const i = worst.argIndex;
      const shape = [...values[i]!.shape];
      const val1 = flatValues(numeric.gf[i]!)[worst.errPos]!;
      const val2 = flatValues(analytic[i] as NDArray)[worst.errPos]!;
      const detail =
        `  val1 is the numeric gradient, val2 the analytic one, of input ${i} at index [${unravel(worst.errPos, shape).join(', ')}]` +
        ` (test ${t + 1} of ${nTests}, eps ${numeric.eps}).`;
      throw new GradientError({ argIndex: i, errPos: worst.errPos, shape, val1, val2, absErr: worst.absErr, relErr: worst.relErr, absTol, relTol }, detail);
    }
    if (t < nTests - 1) projection.setValue(randomProjection(), { borrow: true });
  }
}
