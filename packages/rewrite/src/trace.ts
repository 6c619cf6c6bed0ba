/**
 * A record of a rewriting run: which rewrite fired on which node, the subgraph
 * before and after, and the time spent per rewrite and per phase.
 */
import { debugprint, type Variable } from '@proj/graph';

/** One firing of a rewrite. */
export interface RewriteEvent {
  readonly phase: string;
  readonly rewrite: string;
  /** The node it fired on, as `Op(inputs)`. */
  readonly node: string;
  /** debugprint of the replaced outputs and of their replacements. */
  readonly before: string;
  readonly after: string;
}

/**
 * Collects rewrite events and timings; pass it as the `trace` option of a
 * rewriter or of runPipeline, then print it.
 *
 * @example
 * const trace = new RewriteTrace();
 * runPipeline(fg, pipeline, { trace });
 * console.log(trace.toString());
 */
export class RewriteTrace {
  readonly events: RewriteEvent[] = [];
  /** rewrite name -> total milliseconds spent in it (fired or not). */
  readonly rewriteTimes = new Map<string, number>();
  /** rewrite name -> number of times it fired. */
  readonly rewriteCounts = new Map<string, number>();
  /** phase name -> milliseconds. */
  readonly phaseTimes = new Map<string, number>();
  /** The phase events are currently recorded under. */
  phase = '';

  /** Records that `rewrite` replaced `pairs` on `node`. */
  recordFiring(rewrite: string, node: string, pairs: readonly (readonly [Variable, Variable])[]): void {
    this.events.push({
      phase: this.phase,
      rewrite,
      node,
      before: debugprint(pairs.map(([o]) => o)),
      after: debugprint(pairs.map(([, n]) => n)),
    });
    this.rewriteCounts.set(rewrite, (this.rewriteCounts.get(rewrite) ?? 0) + 1);
  }

  /** Adds `ms` to the time of `rewrite`. */
  addRewriteTime(rewrite: string, ms: number): void {
    this.rewriteTimes.set(rewrite, (this.rewriteTimes.get(rewrite) ?? 0) + ms);
  }

  /** Adds `ms` to the time of `phase`. */
  addPhaseTime(phase: string, ms: number): void {
    this.phaseTimes.set(phase, (this.phaseTimes.get(phase) ?? 0) + ms);
  }

  /** The events of one rewrite. */
  firingsOf(rewrite: string): RewriteEvent[] {
    return this.events.filter((e) => e.rewrite === rewrite);
  }

  /** A text report: the phases, a table of rewrites (count, time) and each event with its before/after. */
  toString(): string {
    const lines: string[] = ['Rewrite trace', '', 'phase                          time(ms)'];
    for (const [phase, ms] of this.phaseTimes) lines.push(`${phase.padEnd(30)} ${ms.toFixed(3).padStart(9)}`);
    lines.push('', 'rewrite                        fired   time(ms)');
    const names = new Set([...this.rewriteTimes.keys(), ...this.rewriteCounts.keys()]);
    for (const name of [...names].sort()) {
      lines.push(`${name.padEnd(30)} ${String(this.rewriteCounts.get(name) ?? 0).padStart(5)} ${(this.rewriteTimes.get(name) ?? 0).toFixed(3).padStart(10)}`);
    }
    lines.push('', 'events');
    this.events.forEach((e, i) => {
      lines.push(`#${i} [${e.phase}] ${e.rewrite} on ${e.node}`, '  before:', indent(e.before), '  after:', indent(e.after));
    });
    return lines.join('\n');
  }
}

function indent(text: string): string {
  return text
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => `    ${l}`)
    .join('\n');
}

/** Milliseconds since an arbitrary origin (performance.now). */
export function now(): number {
  return performance.now();
}
