/** Counted loops for the hand-written kernels. */
import { Op, type Code } from '../../encoder';

/**
 * for (i = start; i < end; i += step) body(), with i32 locals; `start` is
 * emitted by the caller's function (it leaves an i32 on the stack).
 *
 * @example
 * forRange(c, i, (c) => c.i32(0), n, 1, () => { ... });
 */
export function forRange(c: Code, i: number, start: (c: Code) => void, end: number, step: number, body: () => void): void {
  start(c);
  c.set(i);
  c.block().loop();
  c.get(i).get(end).op(Op.i32GeS).brIf(1);
  body();
  c.get(i).i32(step).op(Op.i32Add).set(i).br(0);
  c.end().end();
}

/** local = min(a, b) for i32 locals / values. */
export function minI32(c: Code, out: number, a: (c: Code) => void, b: (c: Code) => void): void {
  a(c);
  b(c);
  a(c);
  b(c);
  c.op(Op.i32LtS).op(Op.select).set(out);
}
