import * as pt from '@proj/tensor';
import { NumericGrad, flatValues, numericGrad } from '../src/numeric-grad';

const vals = (a: pt.NDArray) => Array.from(flatValues(a));
const sumOf = (f: (v: number) => number) => (x: pt.NDArray) => vals(x).reduce((s, v) => s + f(v), 0);

describe('numericGrad', () => {
  it('differentiates sum(x^2) (2x) in float64 with eps 1e-7', () => {
    const ng = numericGrad(sumOf((v) => v * v), [[1, -2, 3.5]]);
    expect(ng.eps).toBe(1e-7);
    expect(ng.workingDtype).toBe('float64');
    expect(ng.gf[0]!.dtype).toBe('float64');
    expect(ng.gf[0]!.shape).toEqual([3]);
    vals(ng.gf[0]!).forEach((g, i) => expect(g).toBeCloseTo([2, -4, 7][i]!, 5));
  });

  it('is one-sided by default: the error of sum(x^2) is eps (f\'\' eps / 2)', () => {
    const ng = new NumericGrad(sumOf((v) => v * v), [[1]], { eps: 1e-3 });
    // ((1 + h)^2 - 1) / h = 2 + h
    expect(vals(ng.gf[0]!)[0]).toBeCloseTo(2.001, 9);
  });

  it('central differences cancel the second-order term', () => {
    const ng = new NumericGrad(sumOf((v) => v * v), [[1]], { eps: 1e-3, method: 'central' });
    expect(vals(ng.gf[0]!)[0]).toBeCloseTo(2, 9);
    // ((1+h)^3 - (1-h)^3) / 2h = 3 + h^2
    const cube = new NumericGrad(sumOf((v) => v ** 3), [[1]], { eps: 1e-2, method: 'central' });
    expect(vals(cube.gf[0]!)[0]).toBeCloseTo(3.0001, 9);
  });

  it('handles several inputs of several shapes (f = sum(x * y) + sin(z))', () => {
    const x = [[1, 2], [3, 4]];
    const y = [[0.5, -1], [2, 0.25]];
    const f = (a: pt.NDArray, b: pt.NDArray, c: pt.NDArray) => {
      const av = vals(a);
      const bv = vals(b);
      return av.reduce((s, v, i) => s + v * bv[i]!, 0) + Math.sin(vals(c)[0]!);
    };
    const ng = numericGrad(f, [x, y, 0.3], { method: 'central', eps: 1e-6 });
    expect(ng.gf.map((g) => g.shape)).toEqual([[2, 2], [2, 2], []]);
    vals(ng.gf[0]!).forEach((g, i) => expect(g).toBeCloseTo(y.flat()[i]!, 8));
    vals(ng.gf[1]!).forEach((g, i) => expect(g).toBeCloseTo(x.flat()[i]!, 8));
    expect(vals(ng.gf[2]!)[0]).toBeCloseTo(Math.cos(0.3), 8);
  });

  it('works in float32 with eps 3e-4 and passes float32 arrays to f', () => {
    const seen: string[] = [];
    const f = (x: pt.NDArray) => {
      seen.push(x.dtype);
      return sumOf(Math.exp)(x);
    };
    const ng = numericGrad(f, [new Float32Array([0, 1])]);
    expect(ng.eps).toBe(3e-4);
    expect(ng.workingDtype).toBe('float32');
    expect(ng.gf[0]!.dtype).toBe('float32');
    expect(new Set(seen)).toEqual(new Set(['float32']));
    vals(ng.gf[0]!).forEach((g, i) => expect(Math.abs(g - Math.exp(i)) / Math.exp(i)).toBeLessThan(1e-3));
  });

  it('with mixed dtypes works in float64 with the larger eps; each input keeps its dtype', () => {
    const dtypes: string[][] = [];
    const f = (a: pt.NDArray, b: pt.NDArray) => {
      dtypes.push([a.dtype, b.dtype]);
      return vals(a)[0]! * vals(b)[0]!;
    };
    const ng = numericGrad(f, [new Float32Array([2]), 3]);
    expect(ng.eps).toBe(3e-4);
    expect(ng.workingDtype).toBe('float64');
    expect(new Set(dtypes.map((d) => d.join()))).toEqual(new Set(['float32,float64']));
    // The float32 input rounds its perturbed value (2 + 3e-4 is off by ~1e-7 in float32): a 1e-3 relative error.
    expect(Math.abs(vals(ng.gf[0]!)[0]! - 3)).toBeLessThan(3e-3);
    expect(vals(ng.gf[1]!)[0]).toBeCloseTo(2, 6);
  });

  it('honours outType', () => {
    const ng = numericGrad(sumOf((v) => 3 * v), [[1, 2]], { outType: 'float32' });
    expect(ng.gf[0]!.dtype).toBe('float32');
  });

  it('accepts scalar outputs as numbers or one-element arrays', () => {
    const f = (x: pt.NDArray) => pt.toNDArray([[2 * vals(x)[0]!]], 'float64');
    expect(vals(numericGrad(f, [1]).gf[0]!)[0]).toBeCloseTo(2, 6);
    expect(() => numericGrad((x: pt.NDArray) => x, [[1, 2]])).toThrow(/a scalar/);
  });

  it('never modifies the point, and gives f fresh arrays', () => {
    const x = pt.toNDArray([1, 2, 3], 'float64');
    const before = vals(x);
    numericGrad((a: pt.NDArray) => {
      expect(a).not.toBe(x);
      a.set(0, 100); // f may scribble on what it gets
      return sumOf((v) => v * v)(a);
    }, [x]);
    expect(vals(x)).toEqual(before);
  });

  it('reads strided (non-contiguous) points', () => {
    const base = pt.toNDArray([[1, 2], [3, 4]], 'float64');
    const transposed = pt.fromRaw('float64', pt.rawView(base).data, [2, 2], [1, 2]); // [[1, 3], [2, 4]]
    const ng = numericGrad(sumOf((v) => v * v), [transposed], { method: 'central' });
    vals(ng.gf[0]!).forEach((g, i) => expect(g).toBeCloseTo([2, 6, 4, 8][i]!, 6));
  });

  it('rejects integer points, bad eps and bad methods', () => {
    expect(() => numericGrad(() => 0, [pt.toNDArray([1, 2], 'int32')])).toThrow(/floating point/);
    expect(() => numericGrad(() => 0, [[1]], { eps: 0 })).toThrow(/positive finite step/);
    expect(() => numericGrad(() => 0, [[1]], { method: 'backward' as never })).toThrow(/'forward' or 'central'/);
    expect(() => numericGrad(() => 0, [[1]], { outType: 'complex128' as never })).toThrow(/complex gradients/);
    expect(() => numericGrad(() => 0, 1 as never)).toThrow(/array of input values/);
  });
});

describe('NumericGrad.absRelErr', () => {
  it('computes |a - b| and |a - b| / max(|a| + |b|, 1e-8) for numbers', () => {
    const { absErr, relErr } = NumericGrad.absRelErr(1, 1.5);
    expect(absErr).toBe(0.5);
    expect(relErr).toBe(0.5 / 2.5);
    expect(NumericGrad.absRelErr(-2, 2)).toEqual({ absErr: 4, relErr: 1 });
  });

  it('floors the denominator at 1e-8', () => {
    expect(NumericGrad.absRelErr(0, 0)).toEqual({ absErr: 0, relErr: 0 });
    const { absErr, relErr } = NumericGrad.absRelErr(1e-9, 0);
    expect(absErr).toBe(1e-9);
    expect(relErr).toBeCloseTo(0.1, 12);
  });

  it('works elementwise on arrays (and broadcasts a number)', () => {
    const a = pt.toNDArray([[1, 2], [0, -3]], 'float64');
    const b = pt.toNDArray([[1, 3], [0, 3]], 'float32');
    const { absErr, relErr } = NumericGrad.absRelErr(a, b);
    expect(absErr.shape).toEqual([2, 2]);
    expect(vals(absErr)).toEqual([0, 1, 0, 6]);
    expect(vals(relErr)).toEqual([0, 1 / 5, 0, 1]);
    expect(vals(NumericGrad.absRelErr(a, 1).absErr)).toEqual([0, 1, 1, 4]);
    expect(() => NumericGrad.absRelErr(a, pt.toNDArray([1, 2], 'float64'))).toThrow(/shape/);
  });
});

describe('NumericGrad.absRelErrors and maxErr', () => {
  // f(x, y) = sum(x) + 2 * sum(y): gradients exactly 1 and 2 (linear, so finite differences are exact up to rounding).
  const f = (x: pt.NDArray, y: pt.NDArray) => vals(x).reduce((s, v) => s + v, 0) + 2 * vals(y).reduce((s, v) => s + v, 0);
  const ng = numericGrad(f, [[[0, 0, 0], [0, 0, 0]], [0, 0]], { eps: 1 });
  const arr = (x: unknown) => pt.toNDArray(x, 'float64');

  it('has exact gradients for a linear function', () => {
    expect(vals(ng.gf[0]!)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(vals(ng.gf[1]!)).toEqual([2, 2]);
  });

  it('absRelErrors gives one pair per gradient', () => {
    const errs = ng.absRelErrors([arr([[1, 1, 1], [1, 1.5, 1]]), arr([2, 0])]);
    expect(vals(errs[0]!.absErr)).toEqual([0, 0, 0, 0, 0.5, 0]);
    expect(vals(errs[0]!.relErr)).toEqual([0, 0, 0, 0, 0.5 / 2.5, 0]);
    expect(vals(errs[1]!.absErr)).toEqual([0, 2]);
    expect(vals(errs[1]!.relErr)).toEqual([0, 1]);
  });

  it('absRelErrors checks the count, the shapes and the dtypes', () => {
    expect(() => ng.absRelErrors([arr([[1, 1, 1], [1, 1, 1]])])).toThrow(/2 gradients/);
    expect(() => ng.absRelErrors([arr([[1, 1, 1], [1, 1, 1]]), pt.toNDArray([2, 2], 'complex128')])).toThrow(/a real gradient \(input 1 is real\), got a gradient of dtype complex128/);
    expect(() => ng.absRelErrors([arr([1, 1, 1, 1, 1, 1]), arr([2, 2])])).toThrow(/shape \(2, 3\)/);
  });

  it('maxErr finds the position maximising min(abs/absTol, rel/relTol)', () => {
    // Input 0 position 4: abs 0.5, rel 0.2; input 1 position 1: abs 2, rel 1.
    const r = ng.maxErr([arr([[1, 1, 1], [1, 1.5, 1]]), arr([2, 0])], 1e-4, 1e-4);
    expect(r).toEqual({ argIndex: 1, errPos: 1, absErr: 2, relErr: 1, scaledErr: 1e4 });
    // With a loose absTol, the ranking follows the relative error instead... and min() picks the smaller ratio.
    const r2 = ng.maxErr([arr([[1, 1, 1], [1, 1.5, 1]]), arr([2, 2.1])], 1, 1e-4);
    // input 0: min(0.5, 2000) = 0.5; input 1 pos 1: abs 0.1, rel 0.1/4.1 -> min(0.1, 243.9) = 0.1
    expect(r2.argIndex).toBe(0);
    expect(r2.errPos).toBe(4);
    expect(r2.absErr).toBe(0.5);
    expect(r2.scaledErr).toBe(0.5);
  });

  it('maxErr returns the first position when nothing differs', () => {
    expect(ng.maxErr([arr([[1, 1, 1], [1, 1, 1]]), arr([2, 2])], 1e-4, 1e-4)).toEqual({ argIndex: 0, errPos: 0, absErr: 0, relErr: 0, scaledErr: 0 });
  });

  it('maxErr refuses non-finite errors and bad tolerances', () => {
    expect(() => ng.maxErr([arr([[1, 1, NaN], [1, 1, 1]]), arr([2, 2])], 1e-4, 1e-4)).toThrow(/non-finite error at position 2/);
    expect(() => ng.maxErr([arr([[1, 1, 1], [1, 1, 1]]), arr([2, 2])], 0, 1e-4)).toThrow(/absTol/);
  });
});
