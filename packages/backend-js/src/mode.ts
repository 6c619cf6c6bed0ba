import { ArgumentError, checkOptions, describeThing, optionKeys, type FunctionGraph } from '@proj/graph';
import { FAST_COMPILE_QUERY, FAST_RUN_QUERY, RewriteDatabaseQuery, type RewriteTrace } from '@proj/rewrite';
import type { Linker } from './linker';

/** What a mode's own `rewriter` is given besides the graph. */
export interface RewriterContext {
  /** The trace compile() records into (when profiling or when the caller passed one). */
  readonly trace?: RewriteTrace;
}

/** The plain-object form of a Mode (what `new Mode(...)` and compile's `mode` option take). */
export interface ModeSpec {
  readonly name: string;
  /** Which entries of the standard pipeline (optdb of @proj/rewrite) run; none when absent. */
  readonly query?: RewriteDatabaseQuery;
  /** Extra rewriting of the cloned FunctionGraph, run after the query's phases. */
  readonly rewriter?: (fgraph: FunctionGraph, context: RewriterContext) => void;
  /** A backend linker whose thunks the VM prefers (see Linker); default: the JS thunks only. */
  readonly linker?: Linker;
}

const MODE_KEYS = optionKeys<ModeSpec>({ name: true, query: true, rewriter: true, linker: true });

/**
 * How compile() turns a graph into a callable (PyTensor's Mode): a query of
 * the standard rewrite pipeline (optdb), an optional extra rewriter, and an
 * optional backend linker. Modes are immutable: `including`, `excluding` and
 * `requiring` return new Modes with the query changed, as PyTensor's do.
 *
 * @example
 * const noFusion = FAST_RUN.excluding('fusion');
 * compile([x], y, { mode: noFusion });
 * const mine = new Mode({ name: 'MINE', rewriter: (fg) => myRewrites(fg) });
 */
export class Mode implements ModeSpec {
  readonly name: string;
  readonly query: RewriteDatabaseQuery | undefined;
  readonly rewriter: ((fgraph: FunctionGraph, context: RewriterContext) => void) | undefined;
  readonly linker: Linker | undefined;

  constructor(spec: ModeSpec) {
    const op = 'Mode';
    if (typeof spec !== 'object' || spec === null) throw new ArgumentError({ op, argument: 'spec', expected: 'an object { name, query?, rewriter?, linker? }', given: describeThing(spec) });
    // A Mode passed as the spec is a class instance whose keys are known; a plain spec is checked for typos.
    if (!(spec instanceof Mode)) checkOptions(op, spec, MODE_KEYS);
    if (typeof spec.name !== 'string') throw new ArgumentError({ op, argument: 'name', expected: 'a string', given: describeThing(spec.name) });
    if (spec.query !== undefined && !(spec.query instanceof RewriteDatabaseQuery)) {
      throw new ArgumentError({ op, argument: 'query', expected: 'a RewriteDatabaseQuery (from @proj/rewrite)', given: describeThing(spec.query) });
    }
    if (spec.rewriter !== undefined && typeof spec.rewriter !== 'function') {
      throw new ArgumentError({ op, argument: 'rewriter', expected: 'a function (fgraph) => void', given: describeThing(spec.rewriter) });
    }
    const l = spec.linker;
    if (l !== undefined && (typeof l !== 'object' || l === null || typeof l.instantiate !== 'function')) {
      throw new ArgumentError({ op, argument: 'linker', expected: 'a Linker ({ name, instantiate(fgraph, schedule) })', given: describeThing(l) });
    }
    this.name = spec.name;
    this.query = spec.query;
    this.rewriter = spec.rewriter;
    this.linker = l;
    Object.freeze(this);
  }

  /**
   * A Mode that also runs the rewrites (or phases) with any of these tags or names.
   *
   * @example
   * FAST_COMPILE.including('stabilize');
   */
  including(...tags: string[]): Mode {
    return this.withQuery('including', tags, (q) => q.including(...tags));
  }

  /**
   * A Mode without the rewrites (or phases) with any of these tags or names.
   *
   * @example
   * FAST_RUN.excluding('inplace', 'fusion');
   */
  excluding(...tags: string[]): Mode {
    return this.withQuery('excluding', tags, (q) => q.excluding(...tags));
  }

  /**
   * A Mode that only keeps rewrites (and phases) carrying every one of these tags.
   *
   * @example
   * FAST_RUN.requiring('fast_run');
   */
  requiring(...tags: string[]): Mode {
    return this.withQuery('requiring', tags, (q) => q.requiring(...tags));
  }

  /**
   * The same Mode running its thunks through `linker` first.
   *
   * @example
   * FAST_RUN.withLinker(wasmLinker);
   */
  withLinker(linker: Linker | undefined): Mode {
    return new Mode({ ...this.spec(), name: linker ? `${this.name}[${linker.name}]` : this.name, linker });
  }

  toString(): string {
    return `Mode(${this.name})`;
  }

  private spec(): ModeSpec {
    return { name: this.name, query: this.query, rewriter: this.rewriter, linker: this.linker };
  }

  private withQuery(how: string, tags: string[], change: (q: RewriteDatabaseQuery) => RewriteDatabaseQuery): Mode {
    tags.forEach((t, i) => {
      if (typeof t !== 'string') throw new ArgumentError({ op: `Mode.${how}`, argument: `tags[${i}]`, expected: 'a tag or rewrite name (string)', given: describeThing(t) });
    });
    const query = change(this.query ?? new RewriteDatabaseQuery());
    return new Mode({ ...this.spec(), name: `${this.name}.${how}(${tags.map((t) => `'${t}'`).join(', ')})`, query });
  }
}

/**
 * Minimal rewriting (PyTensor's FAST_COMPILE): the pipeline entries tagged
 * fast_compile (merging, constant folding, removal of gradient-only Ops).
 *
 * @example
 * compile([x], y, { mode: FAST_COMPILE }); // or mode: 'FAST_COMPILE'
 */
export const FAST_COMPILE: Mode = new Mode({ name: 'FAST_COMPILE', query: FAST_COMPILE_QUERY });

/**
 * The default mode: the whole FAST_RUN pipeline of @proj/rewrite
 * (canonicalize, stabilize, specialize, fusion, in-place, merges).
 *
 * @example
 * compile([x], y, { mode: 'FAST_RUN' });
 */
export const FAST_RUN: Mode = new Mode({ name: 'FAST_RUN', query: FAST_RUN_QUERY });

/** The modes accepted by name. */
export const MODES: Readonly<Record<'FAST_COMPILE' | 'FAST_RUN', Mode>> = Object.freeze({ FAST_COMPILE, FAST_RUN });

/** A mode given by name, as a Mode, or as a plain { name, query?, rewriter?, linker? }. */
export type ModeLike = Mode | ModeSpec | keyof typeof MODES;

/**
 * The Mode object for `mode` (default FAST_RUN); an unknown name is an ArgumentError.
 *
 * @example
 * getMode('FAST_COMPILE') === FAST_COMPILE; // true
 */
export function getMode(mode: ModeLike | undefined): Mode {
  if (mode === undefined) return FAST_RUN;
  if (mode instanceof Mode) return mode;
  if (typeof mode === 'string') {
    const m = (MODES as Record<string, Mode>)[mode];
    if (m === undefined) {
      throw new ArgumentError({ op: 'compile', argument: 'mode', expected: `one of ${Object.keys(MODES).join(', ')} or a Mode object`, given: `'${mode}'` });
    }
    return m;
  }
  if (typeof mode !== 'object' || mode === null) {
    throw new ArgumentError({ op: 'compile', argument: 'mode', expected: 'a mode name or a Mode object ({ name, query?, rewriter?, linker? })', given: describeThing(mode) });
  }
  return new Mode(mode);
}
