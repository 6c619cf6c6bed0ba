/**
 * How compile() runs a mode's rewrites: the standard pipeline's phases the
 * mode's query selects, one by one (so each phase is timed), then the mode's
 * own rewriter; the DestroyHandler is attached right before the in-place phase
 * (or the mode's own rewriter), not earlier, because it validates the whole
 * graph after every replacement; and the user's stack traces are carried over
 * to the nodes the rewrites create.
 */
import { InconsistencyError, config, type Apply, type Feature, type FunctionGraph, type Tag, type Variable } from '@proj/graph';
import { DestroyHandler, RewriteDatabaseQuery, asGraphRewriter, optdb, runPipeline, type Phase, type RewriteTrace } from '@proj/rewrite';
import type { Mode } from './mode';

/** The phases of optdb a query selects (cached: rewriters are stateless, their state lives on the graph). */
const pipelines = new WeakMap<RewriteDatabaseQuery, readonly (Phase & { readonly inplace: boolean })[]>();

function phasesOf(query: RewriteDatabaseQuery): readonly (Phase & { readonly inplace: boolean })[] {
  let phases = pipelines.get(query);
  if (phases === undefined) {
    phases = optdb.entries
      .filter((e) => query.selects(e))
      .map((e) => ({
        name: e.name,
        rewriter: e.rewriter.kind === 'db' ? e.rewriter.query(query) : asGraphRewriter(e.rewriter),
        inplace: e.name === 'inplace' || e.tags.includes('inplace'),
      }));
    pipelines.set(query, phases);
  }
  return phases;
}

/** What compile() tells the rewriting about the graph it made. */
export interface RewriteContext {
  /** Graph inputs in-place rewrites may overwrite (the `In(..., { mutable: true })` ones). */
  readonly destroyable: readonly Variable[];
  /** Attach the DestroyHandler before any rewrite (the graph already holds in-place Ops). */
  readonly guardFromStart: boolean;
  /** Record firings and phase times here. */
  readonly trace?: RewriteTrace;
}

/**
 * Runs `mode`'s rewrites on `fgraph` (in place). Returns [phase name, seconds]
 * for each phase run, in order (the mode's own rewriter last, as 'rewriter').
 *
 * @example
 * const times = rewriteForMode(fg, FAST_RUN, { destroyable: [], guardFromStart: false });
 */
export function rewriteForMode(fgraph: FunctionGraph, mode: Mode, context: RewriteContext): [string, number][] {
  const times: [string, number][] = [];
  const keeper = new TraceKeeper(fgraph);
  fgraph.attachFeature(keeper);
  let guard: DestroyHandler | undefined;
  const attachGuard = (): void => {
    if (guard !== undefined) return;
    guard = new DestroyHandler({ destroyableInputs: context.destroyable });
    try {
      fgraph.attachFeature(guard);
    } catch (e) {
      if (!(e instanceof InconsistencyError)) throw e;
      throw new InconsistencyError(`${e.message} (only inputs declared In(v, { mutable: true }) may be overwritten in place)`);
    }
  };
  try {
    // No stack capture for the nodes rewrites make (about 5% of rewriting
    // time): the TraceKeeper gives them the trace of the node they replace.
    config.changeFlags({ tracebackLimit: 0 }, () => runPhases(fgraph, mode, context, attachGuard, times));
  } finally {
    fgraph.removeFeature(keeper);
  }
  return times;
}

function runPhases(fgraph: FunctionGraph, mode: Mode, context: RewriteContext, attachGuard: () => void, times: [string, number][]): void {
  if (context.guardFromStart) attachGuard();
  const options = context.trace ? { trace: context.trace } : {};
  for (const phase of mode.query ? phasesOf(mode.query) : []) {
    if (phase.inplace) attachGuard();
    const t0 = performance.now();
    runPipeline(fgraph, [phase], options);
    times.push([phase.name, (performance.now() - t0) / 1e3]);
  }
  if (mode.rewriter) {
    // A mode's own rewriter may bring in-place Ops: the guard refuses the unsafe ones.
    attachGuard();
    const t0 = performance.now();
    mode.rewriter(fgraph, options);
    times.push(['rewriter', (performance.now() - t0) / 1e3]);
  }
}

/**
 * Gives each node a rewrite brings in the stack trace of the node whose output
 * it replaces (PyTensor's copy_stack_trace), so a runtime error in a rewritten
 * or fused node still points at the user's line. The trace is copied as its
 * (lazy) property, never formatted here.
 */
class TraceKeeper implements Feature {
  private readonly original: Set<Apply>;
  private readonly fresh = new Set<Apply>();

  constructor(fgraph: FunctionGraph) {
    this.original = new Set(fgraph.applyNodes);
  }

  onImport(_fg: FunctionGraph, node: Apply): void {
    if (!this.original.has(node)) this.fresh.add(node);
  }

  onChangeInput(_fg: FunctionGraph, _node: Apply | 'output', _i: number, oldVar: Variable, newVar: Variable): void {
    const from = oldVar.owner;
    if (from === null || newVar.owner === null || !this.fresh.has(newVar.owner)) return;
    // The new subgraph's nodes (those not seen before) inherit the replaced node's trace.
    const stack: Apply[] = [newVar.owner];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (!this.fresh.delete(node)) continue;
      copyTrace(from.tag, node.tag);
      for (const v of node.inputs) if (v.owner !== null) stack.push(v.owner);
    }
  }
}

function copyTrace(from: Tag, to: Tag): void {
  const d = Object.getOwnPropertyDescriptor(from, 'trace');
  if (d !== undefined) Object.defineProperty(to, 'trace', { ...d, configurable: true });
}
