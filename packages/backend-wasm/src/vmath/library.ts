/**
 * The vector math library of one generated module: each function takes and
 * returns f64x2 lanes and is added to the module the first time a kernel asks
 * for it. Host functions (for the rare lanes out of a reduction's range, and
 * the functions not yet written in WASM) are imported under `vmath`.
 */
import { scalarErf, scalarPow } from '@proj/tensor';
import { ValType, type Code, type ModuleBuilder } from '../encoder';
import type { Expr } from './dsl';
import { emitExpm1, emitLog1p, emitSigmoid, emitSoftplus, emitTanh, type CallFn } from './compound';
import { emitExp, emitLog } from './exp-log';
import { emitHostLanes, emitSinCos } from './trig';

/** The names of the library's functions. */
export type VecFn = 'exp' | 'log' | 'log1p' | 'expm1' | 'tanh' | 'sigmoid' | 'softplus' | 'sin' | 'cos' | 'pow' | 'erf';

/** Which functions run a WASM approximation and which call the host per lane (for the coverage table). */
export const VEC_FN_IMPL: Readonly<Record<VecFn, 'wasm' | 'host'>> = {
  exp: 'wasm',
  log: 'wasm',
  log1p: 'wasm',
  expm1: 'wasm',
  tanh: 'wasm',
  sigmoid: 'wasm',
  softplus: 'wasm',
  sin: 'wasm',
  cos: 'wasm',
  pow: 'host',
  erf: 'host',
};

/** The host functions every module imports (module 'vmath'). */
export interface HostMath {
  sin(x: number): number;
  cos(x: number): number;
  pow(x: number, y: number): number;
  erf(x: number): number;
}

/**
 * Adds vector math functions to a module on demand.
 *
 * @example
 * const m = new ModuleBuilder();
 * const lib = new VecMath(m);           // imports the host functions first
 * const f = m.func([ValType.v128], [ValType.v128], 'f');
 * f.get(0).call(lib.index('exp'));
 * m.instantiate({ vmath: hostMathImports(hostMath) });
 */
export class VecMath {
  private readonly host: Record<keyof HostMath, number>;
  private readonly built = new Map<VecFn, number>();

  constructor(private readonly m: ModuleBuilder) {
    const f1 = [ValType.f64];
    this.host = {
      sin: m.importFunc('vmath', 'sin', f1, f1),
      cos: m.importFunc('vmath', 'cos', f1, f1),
      pow: m.importFunc('vmath', 'pow', [ValType.f64, ValType.f64], f1),
      erf: m.importFunc('vmath', 'erf', f1, f1),
    };
  }

  /** The function index of `name`, building it (and what it calls) the first time. */
  index(name: VecFn): number {
    const known = this.built.get(name);
    if (known !== undefined) return known;
    const arity = name === 'pow' ? 2 : 1;
    const c = this.m.func(new Array(arity).fill(ValType.v128), [ValType.v128]);
    const idx = this.m.indexOf(c);
    this.built.set(name, idx);
    const call: CallFn = (fn, arg) => (cc) => {
      arg(cc);
      cc.call(this.index(fn));
    };
    this.emitBody(name, c, arity === 2 ? [0, 1] : [0], call);
    return idx;
  }

  /** Emits the body of `name` into `c`, its arguments in locals `args`, leaving the result on the stack. */
  private emitBody(name: VecFn, c: Code, args: readonly number[], call: CallFn): void {
    const x = args[0]!;
    switch (name) {
      case 'exp':
        return emitExp(c, x);
      case 'log':
        return emitLog(c, x);
      case 'log1p':
        return emitLog1p(c, call, x);
      case 'expm1':
        return emitExpm1(c, call, x);
      case 'tanh':
        return emitTanh(c, call, x);
      case 'sigmoid':
        return emitSigmoid(c, call, x);
      case 'softplus':
        return emitSoftplus(c, call, x);
      case 'sin':
        return emitSinCos(c, 0, this.host.sin, x);
      case 'cos':
        return emitSinCos(c, 1, this.host.cos, x);
      case 'pow':
        return emitHostLanes(c, 2, this.host.pow, args);
      case 'erf':
        return emitHostLanes(c, 1, this.host.erf, args);
    }
  }

  /** An expression calling `name` on argument expressions (a call of the library function). */
  call(name: VecFn, ...args: Expr[]): Expr {
    return (c) => {
      for (const a of args) a(c);
      c.call(this.index(name));
    };
  }

  /**
   * An expression computing `name` inline (no call): its body is emitted where
   * the expression is, with fresh locals, so two copies in one loop body are
   * independent chains the CPU can overlap.
   */
  inline(name: VecFn, ...args: Expr[]): Expr {
    const call: CallFn = (fn, arg) => this.inline(fn, arg);
    return (c) => {
      const locals = args.map((a) => {
        const l = c.local(ValType.v128);
        a(c);
        c.set(l);
        return l;
      });
      this.emitBody(name, c, locals, call);
    };
  }
}

/** The import object of the host functions. */
export function hostMathImports(h: HostMath): Record<string, (...args: number[]) => number> {
  return { sin: h.sin, cos: h.cos, pow: h.pow, erf: h.erf };
}


/**
 * The host functions of the reference kernels (so host-called lanes agree with
 * op.perform exactly): Math.sin/cos, the scalar pow and erf of @proj/tensor.
 *
 * @example
 * m.instantiate({ vmath: hostMathImports(defaultHostMath) });
 */
export const defaultHostMath: HostMath = {
  sin: Math.sin,
  cos: Math.cos,
  pow: (x, y) => scalarPow.spec.impl(x, y),
  erf: (x) => scalarErf.spec.impl(x),
};
