/**
 * A few canonicalizations written with the pattern DSL: they exercise the
 * machinery; the standard canonicalize database will hold many more.
 */
import { p, patternRewriter } from '../pattern';

const tags = ['canonicalize', 'fast_run'] as const;

/** x * 1 -> x (in either order). */
export const mulByOne = patternRewriter({ name: 'mulByOne', tags, from: p.mul(p.var('x'), p.const(1)), to: p.var('x') });

/** x + 0 -> x (in either order). */
export const addZero = patternRewriter({ name: 'addZero', tags, from: p.add(p.var('x'), p.const(0)), to: p.var('x') });

/** neg(neg(x)) -> x. */
export const negNeg = patternRewriter({ name: 'negNeg', tags, from: p.neg(p.neg(p.var('x'))), to: p.var('x') });

/** log(1 + x) -> log1p(x); a stabilization (accurate for small x). */
export const log1pFromLog = patternRewriter({
  name: 'log1pFromLog',
  tags: ['stabilize', 'fast_run'],
  from: p.log(p.add(p.const(1), p.var('x'))),
  to: p.log1p(p.var('x')),
});

/** The example rewrites, in the order an equilibrium tries them. */
export const exampleRewrites = [mulByOne, addZero, negNeg, log1pFromLog] as const;
