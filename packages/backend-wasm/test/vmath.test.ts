import stdCos = require('@stdlib/math/base/special/cos');
import stdErf = require('@stdlib/math/base/special/erf');
import stdExp = require('@stdlib/math/base/special/exp');
import stdExpm1 = require('@stdlib/math/base/special/expm1');
import stdLn = require('@stdlib/math/base/special/ln');
import stdLog1p = require('@stdlib/math/base/special/log1p');
import stdPow = require('@stdlib/math/base/special/pow');
import stdSin = require('@stdlib/math/base/special/sin');
import stdTanh = require('@stdlib/math/base/special/tanh');
import { ModuleBuilder, Simd, ValType } from '../src/encoder';
import { VecMath, defaultHostMath, hostMathImports, type VecFn } from '../src/vmath';
import { ulpDiff, wideValues } from './helpers/ulp';

/** Runs a library function over an array, two lanes at a time, in a scratch module. */
function vectorise(name: VecFn): (xs: Float64Array, ys?: Float64Array) => Float64Array {
  const memory = new WebAssembly.Memory({ initial: 512 });
  const m = new ModuleBuilder();
  m.importMemory('env', 'memory', { initial: 1 });
  const lib = new VecMath(m);
  const binary = name === 'pow';
  // run(n): out[i] = f(x[i] [, y[i]]) for pairs; x at 0, y at 8 MiB, out at 16 MiB.
  const c = m.func([ValType.i32], [], 'run');
  const i = c.local(ValType.i32);
  c.block().loop().get(i).get(0).op(0x4f /* i32.ge_u */).brIf(1);
  c.get(i).get(i).simdMem(Simd.v128Load, 3, 0);
  if (binary) c.get(i).simdMem(Simd.v128Load, 3, 8 << 20);
  c.call(lib.index(name)).simdMem(Simd.v128Store, 3, 16 << 20);
  c.get(i).i32(16).op(0x6a /* i32.add */).set(i).br(0).end().end();
  const { run } = m.instantiate({ env: { memory }, vmath: hostMathImports(defaultHostMath) }) as unknown as { run(bytes: number): void };
  return (xs, ys) => {
    const n = xs.length + (xs.length % 2);
    new Float64Array(memory.buffer, 0, xs.length).set(xs);
    if (ys) new Float64Array(memory.buffer, 8 << 20, ys.length).set(ys);
    run(n * 8);
    return new Float64Array(memory.buffer, 16 << 20, xs.length).slice();
  };
}

function maxUlp(got: Float64Array, want: (x: number, i: number) => number, xs: Float64Array): { ulp: number; at: number } {
  let worst = 0;
  let at = NaN;
  for (let i = 0; i < xs.length; i++) {
    const d = ulpDiff(got[i]!, want(xs[i]!, i));
    if (d > worst) {
      worst = d;
      at = xs[i]!;
    }
  }
  return { ulp: worst, at };
}

const cases: [VecFn, (x: number) => number, number, number, number][] = [
  // name, reference, lo, hi, max ulp
  ['exp', stdExp, -760, 720, 2],
  ['log', stdLn, 0, 1.7e308, 2],
  ['log1p', stdLog1p, -1, 1e300, 3],
  ['expm1', stdExpm1, -60, 720, 4],
  ['tanh', stdTanh, -30, 30, 4],
  ['sin', stdSin, -1e6, 1e6, 2],
  ['cos', stdCos, -1e6, 1e6, 2],
  ['erf', stdErf, -8, 8, 0],
];

describe('vector math library vs @stdlib/math', () => {
  it.each(cases)('%s is within a few ulp over a wide range incl. NaN, ±inf, ±0 and subnormals', (name, ref, lo, hi, tol) => {
    const xs = wideValues(20001, lo, hi);
    const got = vectorise(name)(xs);
    const { ulp, at } = maxUlp(got, ref, xs);
    expect({ name, ulp: ulp <= tol ? 'ok' : ulp, at: ulp <= tol ? 'ok' : at }).toEqual({ name, ulp: 'ok', at: 'ok' });
  });

  it('keeps the sign of zero where the function is odd', () => {
    const xs = new Float64Array([-0, 0]);
    for (const name of ['log1p', 'expm1', 'tanh', 'sin'] as const) {
      const got = vectorise(name)(xs);
      expect([Object.is(got[0], -0), Object.is(got[1], 0)]).toEqual([true, true]);
    }
  });

  it('sigmoid and softplus follow their stable formulas (tiny tails kept, no overflow)', () => {
    const xs = wideValues(20001, -800, 800);
    const sig = vectorise('sigmoid')(xs);
    const soft = vectorise('softplus')(xs);
    const refSig = (x: number) => (x >= 0 ? 1 / (1 + stdExp(-x)) : stdExp(x) / (1 + stdExp(x)));
    const refSoft = (x: number) => stdLog1p(stdExp(-Math.abs(x))) + Math.max(x, 0);
    expect(maxUlp(sig, refSig, xs).ulp).toBeLessThanOrEqual(4);
    expect(maxUlp(soft, refSoft, xs).ulp).toBeLessThanOrEqual(4);
    expect(vectorise('sigmoid')(new Float64Array([-740, 1000]))[0]).toBeGreaterThan(0);
  });

  it('pow matches the reference including its special cases', () => {
    const xs = wideValues(2001, -50, 50, 3);
    const ys = wideValues(2001, -20, 20, 4);
    const got = vectorise('pow')(xs, ys);
    const { ulp } = maxUlp(got, (x, i) => (x === 1 || (Math.abs(x) === 1 && !Number.isFinite(ys[i]!)) ? 1 : stdPow(x, ys[i]!)), xs);
    expect(ulp).toBeLessThanOrEqual(1);
  });
});
