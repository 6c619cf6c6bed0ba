/**
 * Basic algebraic canonicalizations written with the pattern DSL.
 */
import { p, patternRewriter } from '../../pattern';
import { log1pFromLog } from '../stabilize/log1p';

const tags = ['canonicalize', 'fast_run'] as const;

/** x * 1 -> x (in either order). */
export const mulByOne = patternRewriter({ name: 'mulByOne', tags, from: p.mul(p.var('x'), p.const(1)), to: p.var('x') });

/** x + 0 -> x (in either order). */
export const addZero = patternRewriter({ name: 'addZero', tags, from: p.add(p.var('x'), p.const(0)), to: p.var('x') });

/** neg(neg(x)) -> x. */
export const negNeg = patternRewriter({ name: 'negNeg', tags, from: p.neg(p.neg(p.var('x'))), to: p.var('x') });

/** A few rewrites for examples and machinery tests, in the order an equilibrium tries them. */
export const exampleRewrites = [mulByOne, addZero, negNeg, log1pFromLog] as const;
