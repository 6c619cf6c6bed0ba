import { ArgumentError, type FunctionGraph } from '@proj/graph';

/**
 * How compile() turns a graph into a callable (PyTensor's Mode): a name, and an
 * optional `rewriter` run on the cloned FunctionGraph before the linker
 * schedules it. The linker is always the VM linker for now.
 *
 * The rewrite databases (@proj/rewrite) plug in here: a mode whose rewriter
 * runs them. Until they land, FAST_RUN does exactly what FAST_COMPILE does
 * (no rewrites at all).
 *
 * @example
 * const mine: Mode = { name: 'MINE', rewriter: (fg) => myRewrites(fg) };
 * compile([x], y, { mode: mine });
 */
export interface Mode {
  readonly name: string;
  /** Changes the FunctionGraph in place (rewrites); called once at compile time. */
  readonly rewriter?: (fgraph: FunctionGraph) => void;
}

/**
 * No rewrites: the graph runs as built.
 *
 * @example
 * compile([x], y, { mode: FAST_COMPILE }); // or mode: 'FAST_COMPILE'
 */
export const FAST_COMPILE: Mode = Object.freeze({ name: 'FAST_COMPILE' });

/**
 * The default mode. It will run the standard rewrites of @proj/rewrite once
 * that package lands; for now it does what FAST_COMPILE does (no rewrites).
 *
 * @example
 * compile([x], y, { mode: 'FAST_RUN' });
 */
export const FAST_RUN: Mode = Object.freeze({ name: 'FAST_RUN' });

/** The modes accepted by name. */
export const MODES: Readonly<Record<'FAST_COMPILE' | 'FAST_RUN', Mode>> = Object.freeze({ FAST_COMPILE, FAST_RUN });

/** A mode given by name or as a Mode object. */
export type ModeLike = Mode | keyof typeof MODES;

/**
 * The Mode object for `mode` (default FAST_RUN); an unknown name is an ArgumentError.
 *
 * @example
 * getMode('FAST_COMPILE') === FAST_COMPILE; // true
 */
export function getMode(mode: ModeLike | undefined): Mode {
  if (mode === undefined) return FAST_RUN;
  if (typeof mode === 'string') {
    const m = (MODES as Record<string, Mode>)[mode];
    if (m === undefined) {
      throw new ArgumentError({ op: 'compile', argument: 'mode', expected: `one of ${Object.keys(MODES).join(', ')} or a Mode object`, given: `'${mode}'` });
    }
    return m;
  }
  if (typeof mode !== 'object' || mode === null || typeof mode.name !== 'string' || (mode.rewriter !== undefined && typeof mode.rewriter !== 'function')) {
    throw new ArgumentError({ op: 'compile', argument: 'mode', expected: 'a mode name or a Mode object ({ name, rewriter? })', given: String(mode) });
  }
  return mode;
}
