/**
 * Bad-input rows of @proj/backend-js: compile() options and the arguments of a
 * compiled function. Each call that fails must leave the shared variable `w`
 * (updated by every successful call) unchanged.
 */
import { ArgumentError, DtypeError, ShapeError } from '@proj/graph';
import * as pt from '@proj/tensor';
import { In, Mode, Out, compile } from '@proj/backend-js';
import type { BadInputRow, BadInputSection } from './row';

/** A compiled step with an update of a shared variable, and the shared variable. */
function step(): { f: (...args: unknown[]) => unknown; w: pt.TensorSharedVariable } {
  const x = pt.vector('x');
  const w = pt.shared(new Float64Array([1, 2]), 'w');
  const f = compile([x], pt.sum(x), { updates: [[w, w.mul(x)]] });
  return { f: f as unknown as (...args: unknown[]) => unknown, w };
}

/** A row calling the compiled step with `args`, watching `w`. */
function callRow(kind: string, input: string, args: readonly unknown[], rest: Pick<Extract<BadInputRow, { error: unknown }>, 'error' | 'message'> & { wrapped?: boolean }): BadInputRow {
  let s: ReturnType<typeof step> | undefined;
  return {
    kind,
    input,
    watch: () => {
      s = step();
      return [s.w];
    },
    run: () => (s ?? step()).f(...args),
    ...rest,
  };
}

/** @proj/backend-js rows. */
export const COMPILE_ROWS: BadInputSection = {
  pkg: '@proj/backend-js',
  rows: [
    {
      kind: 'unknown option',
      input: "compile([x], y, { modee: 'FAST_RUN' })",
      run: () => compile([pt.vector('x')], pt.vector('x').exp(), { modee: 'FAST_RUN' } as never),
      error: ArgumentError,
      message: /^compile: argument 'options' expected one of the options updates, givens, mode, .*got 'modee' \(did you mean 'mode'\?\)$/,
    },
    {
      kind: 'unknown option',
      input: 'In(x, { mutabel: true })',
      run: () => In(pt.vector('x'), { mutabel: true } as never),
      error: ArgumentError,
      message: /^In: argument 'options' expected one of the options name, value, update, borrow, mutable, allowDowncast, got 'mutabel' \(did you mean 'mutable'\?\)$/,
    },
    {
      kind: 'unknown option',
      input: 'Out(y, { borow: true })',
      run: () => Out(pt.vector('y'), { borow: true } as never),
      error: ArgumentError,
      message: /^Out: argument 'options' expected one of the options borrow, got 'borow' \(did you mean 'borrow'\?\)$/,
    },
    {
      kind: 'unknown option',
      input: "new Mode({ name: 'MINE', linkr: jsLinker })",
      run: () => new Mode({ name: 'MINE', linkr: undefined } as never),
      error: ArgumentError,
      message: /^Mode: argument 'options' expected one of the options name, query, rewriter, linker, got 'linkr' \(did you mean 'linker'\?\)$/,
    },
    callRow('wrong number of arguments (too few)', 'f()', [], {
      error: ArgumentError,
      message: /^compiled function: argument 'x' expected a value for input 0 \(x of type TensorType\(float64, shape=\(\?,\)\)\), got none/,
    }),
    callRow('wrong number of arguments (too many)', 'f([1, 2], [3])', [[1, 2], [3]], {
      error: ArgumentError,
      message: /^compiled function: argument 'arguments' expected at most 1 positional argument\(s\) \(x\), got 2$/,
    }),
    callRow('wrong argument type', "f('abc')", ['abc'], {
      error: DtypeError,
      message: /^compiled function: input 0 \('x'\): TensorType\(float64, shape=\(\?,\)\)\.filter: argument 'value' expected values exactly representable as float64 \(or allowDowncast\), got abc \(not a number\)$/,
    }),
    callRow('wrong argument type', 'f(null)', [null], {
      error: DtypeError,
      message: /^compiled function: input 0 \('x'\): TensorType\(float64, shape=\(\?,\)\)\.filter: argument 'value' expected values exactly representable as float64 \(or allowDowncast\), got null \(not a number\)$/,
    }),
    {
      kind: 'wrong argument type',
      input: 'compile(null, y)',
      run: () => compile(null as never, pt.vector('y')),
      error: ArgumentError,
      message: /^compile\(compiled function\): argument 'inputs' expected an array of Variables or In\(\.\.\.\), got null$/,
    },
    callRow('wrong ndim', 'f([[1, 2]])', [[[1, 2]]], {
      error: ShapeError,
      message: /^compiled function: input 0 \('x'\): TensorType\(float64, shape=\(\?,\)\)\.filter: argument 'value' expected 1 dimensions, got 2 dimensions \(shape \(1, 2\)\)$/,
    }),
    callRow('mismatched shapes (with a shared variable)', 'f([1, 2, 3]) (w has shape (2,))', [[1, 2, 3]], {
      error: ShapeError,
      wrapped: true,
      message: /Elemwise\{mul\}: argument 'inputs' expected shapes that broadcast together, got \(2,\) and \(3,\)/,
    }),
    (() => {
      const x = pt.vector('x');
      const v = pt.shared(new Float64Array([5]), 'v');
      const w = pt.shared(new Float64Array([1, 2]), 'w');
      return {
        kind: 'mismatched shapes in the second of two updates',
        input: 'f([1, 2, 3]) with updates v <- v + 1 (fine), w <- w * x (fails): neither v nor w changes',
        watch: () => [v, w],
        run: () => compile([x], pt.sum(x), { updates: [[v, v.add(1)], [w, w.mul(x)]] })([1, 2, 3]),
        error: ShapeError,
        wrapped: true,
        message: /Elemwise\{mul\}: argument 'inputs' expected shapes that broadcast together, got \(2,\) and \(3,\)/,
      } satisfies BadInputRow;
    })(),
    {
      kind: 'NaN in arguments',
      input: 'f([NaN, 1])',
      run: () => step().f([NaN, 1]),
      accepted: 'NaN propagates (IEEE arithmetic, as NumPy); no check is made on values',
      check: (v) => pt.isNDArray(v) && Number.isNaN(Number(pt.toNested(v))),
    },
  ],
};
