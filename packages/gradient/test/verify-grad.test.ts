import { Apply, Op, evaluate, type StorageCell, type Variable } from '@proj/graph';
import * as pt from '@proj/tensor';
import { GradientError } from '../src/errors';
import { flatValues } from '../src/numeric-grad';
import { Rng } from '../src/rng';
import { referenceCompile, verifyGrad, type CompileFunction } from '../src/verify-grad';

const vals = (a: pt.NDArray) => Array.from(flatValues(a));
const f64 = (x: unknown) => pt.toNDArray(x, 'float64');

/** x * y elementwise (same shapes), whose Lop for y is wrong at flat position 2: it is doubled there. */
class BuggyMul extends Op {
  makeNode(x: Variable, y: Variable): Apply {
    return new Apply(this, [x, y], [(x as pt.TensorVariable).type.makeVariable()]);
  }

  override perform(_node: Apply, [x, y]: readonly unknown[], out: StorageCell[]): void {
    const a = flatValues(x as pt.NDArray);
    const b = flatValues(y as pt.NDArray);
    const { dtype, shape } = x as pt.NDArray;
    const prod = a.map((v, i) => v * b[i]!);
    out[0]![0] = pt.fromRaw(dtype, dtype === 'float32' ? Float32Array.from(prod) : prod, shape);
  }

  override Lop([x, y]: readonly Variable[], _outputs: readonly Variable[], [gz]: readonly Variable[]): Variable[] {
    const bug = pt.constant([1, 1, 2, 1], { dtype: (x as pt.TensorVariable).dtype });
    return [pt.mul(gz as pt.TensorVariable, y as pt.TensorVariable), pt.mul(gz as pt.TensorVariable, x as pt.TensorVariable, bug)];
  }
}

const buggyMul = (x: pt.TensorVariable, y: pt.TensorVariable) => new BuggyMul().call(x, y) as pt.TensorVariable;
const X = [0.5, -1, 2, 3];
const Y = [1.5, 2, -0.25, 4];

function caught(fn: () => void): GradientError {
  try {
    fn();
  } catch (e) {
    if (e instanceof GradientError) return e;
    throw e;
  }
  throw new Error('expected a GradientError');
}

describe('verifyGrad: a wrong gradient', () => {
  it('throws a GradientError naming the input, the position, the errors and the tolerances', () => {
    const err = caught(() => verifyGrad(buggyMul, [X, Y], { rng: 42 }));
    expect(err).toBeInstanceOf(GradientError);
    expect(err.argIndex).toBe(1);
    expect(err.errPos).toBe(2);
    // cost = sum(u * x * y): d/dy = u * x, the buggy Op gives 2 u x at position 2.
    // u is the first projection: 4 uniforms in [0.5, 1.5) drawn from the seeded generator.
    const u = new Rng(42).uniformArray(4, 0.5, 1.5);
    const numeric = u[2]! * X[2]!;
    expect(err.absErr).toBeCloseTo(Math.abs(numeric), 6);
    expect(err.relErr).toBeCloseTo(1 / 3, 6);
    expect(err.absTol).toBe(1e-4);
    expect(err.relTol).toBe(1e-4);
    expect(err.message).toMatch(/argument 1|input 1/);
    expect(err.message).toMatch(/position 2/);
  });

  it('honours custom tolerances: passes when one of them is met', () => {
    expect(() => verifyGrad(buggyMul, [X, Y], { rng: 42, relTol: 0.5 })).not.toThrow();
    expect(() => verifyGrad(buggyMul, [X, Y], { rng: 42, absTol: 10 })).not.toThrow();
    const err = caught(() => verifyGrad(buggyMul, [X, Y], { rng: 42, absTol: 1e-3, relTol: 0.2 }));
    expect(err.absTol).toBe(1e-3);
    expect(err.relTol).toBe(0.2);
  });

  it('is reproducible for a seed, and the seed matters', () => {
    const a = caught(() => verifyGrad(buggyMul, [X, Y], { rng: 7 }));
    const b = caught(() => verifyGrad(buggyMul, [X, Y], { rng: 7 }));
    const c = caught(() => verifyGrad(buggyMul, [X, Y], { rng: 8 }));
    expect([b.argIndex, b.errPos, b.absErr, b.relErr]).toEqual([a.argIndex, a.errPos, a.absErr, a.relErr]);
    expect(c.absErr).not.toBe(a.absErr);
    // The same generator object continues its sequence; a clone restarts it.
    const rng = new Rng(7);
    const d = caught(() => verifyGrad(buggyMul, [X, Y], { rng: rng.clone() }));
    expect(d.absErr).toBe(a.absErr);
  });

  it('passes for a correct elementwise product', () => {
    expect(() => verifyGrad((x, y) => pt.mul(x, y), [X, Y], { rng: 42 })).not.toThrow();
  });
});

describe('verifyGrad: options and inputs', () => {
  it('uses the compile function when given (output, cost, gradients)', () => {
    const compile = jest.fn<ReturnType<CompileFunction>, Parameters<CompileFunction>>(referenceCompile);
    verifyGrad((x) => pt.exp(x), [[0.1, 0.2]], { compile, nTests: 3 });
    expect(compile).toHaveBeenCalledTimes(3);
    for (const [inputs] of compile.mock.calls) {
      expect(inputs).toHaveLength(1);
      expect((inputs[0] as pt.TensorVariable).type.dtype).toBe('float64');
    }
    const outputs = compile.mock.calls.map(([, outs]) => outs.length);
    expect(outputs).toEqual([1, 1, 1]);
  });

  it('a compile function that computes wrong gradients makes it fail', () => {
    // A "backend" whose third function (the gradients: after the output and the cost) doubles its results.
    let calls = 0;
    const compile: CompileFunction = (inputs, outputs) => {
      const fn = referenceCompile(inputs, outputs);
      const isGrad = ++calls === 3;
      return (...xs) => {
        const out = fn(...xs) as pt.NDArray[];
        return isGrad ? out.map((a) => pt.fromRaw('float64', flatValues(a).map((v) => 2 * v), a.shape)) : out;
      };
    };
    expect(() => verifyGrad((x) => pt.exp(x), [[0.1, 0.2]], { compile })).toThrow(GradientError);
  });

  it('never modifies its inputs', () => {
    const x = f64([[1, 2], [3, 4]]);
    const before = vals(x);
    verifyGrad((a) => pt.sqr(a).sum({ axis: 0 }), [x]);
    expect(vals(x)).toEqual(before);
  });

  it('uses float32 tolerances (1e-2) and eps (3e-4) for float32 inputs', () => {
    const err = caught(() => verifyGrad(buggyMul, [new Float32Array(X), new Float32Array(Y)]));
    expect(err.absTol).toBe(1e-2);
    expect(err.relTol).toBe(1e-2);
    expect(() => verifyGrad((x) => pt.tanh(x), [new Float32Array([0.3, -0.7, 1.2])])).not.toThrow();
  });

  it('accepts castToOutputType, outType and central differences', () => {
    expect(() => verifyGrad((x) => pt.exp(x), [new Float32Array([0.5, 1])], { castToOutputType: true })).not.toThrow();
    expect(() => verifyGrad((x) => pt.exp(x), [[0.5, 1]], { outType: 'float64', method: 'central' })).not.toThrow();
  });

  it('builds inputs with broadcastable length-1 dimensions, named "input i"', () => {
    const seen: pt.TensorVariable[] = [];
    verifyGrad((x, y) => {
      seen.push(x, y);
      return pt.add(x, y);
    }, [[[1, 2, 3]], [[1], [2]]]);
    expect(seen[0]!.type.shape).toEqual([1, null]);
    expect(seen[1]!.type.shape).toEqual([null, 1]);
    expect(seen.map((v) => v.name)).toEqual(['input 0', 'input 1']);
  });

  it('handles inputs the output does not depend on (their gradient is zero)', () => {
    expect(() => verifyGrad((x, _y) => pt.exp(x), [[1, 2], [3]])).not.toThrow();
  });

  it('rejects integer inputs, non-tensor outputs, bad nTests', () => {
    expect(() => verifyGrad((x) => x, [pt.toNDArray([1, 2], 'int32')])).toThrow(/input|floating point/);
    expect(() => verifyGrad((() => [pt.dvector(), pt.dvector()]) as never, [[1]])).toThrow(/one output/);
    expect(() => verifyGrad((x) => pt.gt(x, 0), [[1]])).toThrow(/float32 or float64/);
    expect(() => verifyGrad((x) => x, [[1]], { nTests: 0 })).toThrow(/positive integer/);
    expect(() => verifyGrad((x) => x, 1 as never)).toThrow(/array of input values/);
  });

  it('the reference compile evaluates like evaluate()', () => {
    const x = pt.dvector('x');
    const y = pt.exp(x);
    const [v] = referenceCompile([x], [y])([0, 1]) as pt.NDArray[];
    expect(vals(v!)).toEqual(vals(evaluate([y], [[x, [0, 1]]])[0] as pt.NDArray));
  });
});
