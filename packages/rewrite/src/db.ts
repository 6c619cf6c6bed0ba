/**
 * Rewrite databases (PyTensor's RewriteDatabase family): explicit, typed lists
 * of named rewriters with tags, queried into a rewriter. Order is the order of
 * the list: there are no position numbers.
 */
import { ArgumentError, checkOptions, type FunctionGraph } from '@proj/graph';
import { EquilibriumGraphRewriter, type EquilibriumOptions } from './equilibrium';
import { SequentialGraphRewriter, asGraphRewriter, type GraphRewriter, type RewriteOptions, type RewriteStats } from './graph-rewriter';
import type { NodeRewriter } from './node-rewriter';
import { now } from './trace';

/** A rewriter or a nested database (queried with the same query). */
export type DBItem = NodeRewriter | GraphRewriter | RewriteDB;

/** One entry of a database: its name, what it holds, and its tags. */
export interface DBEntry {
  readonly name: string;
  readonly rewriter: DBItem;
  readonly tags: readonly string[];
}

/** What a query holds: tags or names. */
export interface QuerySpec {
  /** Keep entries with at least one of these tags (or names). */
  include?: readonly string[];
  /** ...and with every one of these. */
  require?: readonly string[];
  /** ...and with none of these. */
  exclude?: readonly string[];
}

/**
 * A selection of database entries by tags or names (PyTensor's RewriteDatabaseQuery).
 * An entry's own name counts as one of its tags.
 *
 * @example
 * const q = new RewriteDatabaseQuery({ include: ['canonicalize'] }).excluding('constantFolding');
 */
export class RewriteDatabaseQuery {
  readonly include: readonly string[];
  readonly require: readonly string[];
  readonly exclude: readonly string[];

  constructor(spec: QuerySpec = {}) {
    this.include = Object.freeze([...(spec.include ?? [])]);
    this.require = Object.freeze([...(spec.require ?? [])]);
    this.exclude = Object.freeze([...(spec.exclude ?? [])]);
  }

  including(...tags: string[]): RewriteDatabaseQuery {
    return new RewriteDatabaseQuery({ ...this, include: [...this.include, ...tags] });
  }

  requiring(...tags: string[]): RewriteDatabaseQuery {
    return new RewriteDatabaseQuery({ ...this, require: [...this.require, ...tags] });
  }

  excluding(...tags: string[]): RewriteDatabaseQuery {
    return new RewriteDatabaseQuery({ ...this, exclude: [...this.exclude, ...tags] });
  }

  /** Whether an entry with these tags (its name included) is selected. */
  selects(entry: DBEntry): boolean {
    const tags = new Set([entry.name, ...entry.tags]);
    return this.include.some((t) => tags.has(t)) && this.require.every((t) => tags.has(t)) && !this.exclude.some((t) => tags.has(t));
  }

  toString(): string {
    return `RewriteDatabaseQuery(include=[${this.include}], require=[${this.require}], exclude=[${this.exclude}])`;
  }
}

/** The common part of the databases: a checked list of entries. */
export abstract class RewriteDB {
  readonly kind = 'db' as const;
  readonly entries: readonly DBEntry[];

  constructor(
    readonly name: string,
    entries: readonly DBEntry[],
  ) {
    const seen = new Set<string>();
    for (const e of entries) {
      if (seen.has(e.name)) throw new ArgumentError({ op: `${this.constructor.name}(${name})`, argument: 'entries', expected: 'distinct entry names', given: `'${e.name}' twice` });
      seen.add(e.name);
    }
    this.entries = Object.freeze([...entries]);
  }

  /** The entry called `name`. */
  get(name: string): DBEntry | undefined {
    return this.entries.find((e) => e.name === name);
  }

  /** The entries the query selects, nested databases resolved with the same query. */
  protected selected(query: RewriteDatabaseQuery): (NodeRewriter | GraphRewriter)[] {
    return this.entries.filter((e) => query.selects(e)).map((e) => (e.rewriter.kind === 'db' ? e.rewriter.query(query) : e.rewriter));
  }

  /** A rewriter made of the selected entries. */
  abstract query(query: RewriteDatabaseQuery): GraphRewriter;
}

/**
 * Entries run one after the other, in list order (node rewriters walk the graph in2out).
 *
 * @example
 * const db = new SequenceDB('fast', [{ name: 'merge1', rewriter: mergeOptimizer(), tags: ['fast_run'] }]);
 * db.query(new RewriteDatabaseQuery({ include: ['fast_run'] })).rewrite(fg);
 */
export class SequenceDB extends RewriteDB {
  query(query: RewriteDatabaseQuery): GraphRewriter {
    return new SequentialGraphRewriter(this.name, this.selected(query).map(asGraphRewriter));
  }
}

/**
 * Entries applied together until none fires (an EquilibriumGraphRewriter).
 *
 * @example
 * const canon = new EquilibriumDB('canonicalize', [{ name: 'mulByOne', rewriter: mulByOne, tags: ['canonicalize'] }]);
 */
export class EquilibriumDB extends RewriteDB {
  constructor(
    name: string,
    entries: readonly DBEntry[],
    readonly options: EquilibriumOptions = {},
  ) {
    super(name, entries);
  }

  query(query: RewriteDatabaseQuery): GraphRewriter {
    return new EquilibriumGraphRewriter(this.selected(query), { name: this.name, ...this.options });
  }
}

/** One phase of a pipeline. */
export interface Phase {
  readonly name: string;
  readonly rewriter: GraphRewriter;
}

/** A named, ordered list of phases, assembled explicitly. */
export type Pipeline = readonly Phase[];

/**
 * Runs each phase in order, timing it into the trace (when given).
 *
 * @example
 * runPipeline(fg, [{ name: 'merge', rewriter: mergeOptimizer() }, { name: 'canonicalize', rewriter: canon }], { trace });
 */
export function runPipeline(fgraph: FunctionGraph, pipeline: Pipeline, options: RewriteOptions = {}): RewriteStats {
  checkOptions('runPipeline', options, ['trace']);
  let fired = 0;
  const trace = options.trace;
  for (const phase of pipeline) {
    const previous = trace?.phase;
    if (trace) trace.phase = phase.name;
    const t0 = now();
    try {
      fired += phase.rewriter.rewrite(fgraph, options).fired;
    } finally {
      if (trace) {
        trace.addPhaseTime(phase.name, now() - t0);
        trace.phase = previous ?? '';
      }
    }
  }
  return { fired };
}
