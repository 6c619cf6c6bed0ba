import type { Apply } from '@proj/graph';

/** Time and call count of one node of the schedule. */
export interface NodeProfile {
  readonly node: Apply;
  calls: number;
  /** Total seconds spent in the node's thunk. */
  time: number;
}

/**
 * What a compiled function with `profile: true` measured (PyTensor's
 * ProfileStats): compile time per phase, calls and time of the whole function,
 * of each node and of each Op class. `toString()` prints the tables.
 *
 * @example
 * const f = compile([x], y, { profile: true });
 * f(1); f(2);
 * console.log(f.profile!.toString());
 */
export class ProfileStats {
  readonly name: string;
  /** Seconds per compile phase, in order (clone, rewrite, link...). */
  readonly compilePhases: [string, number][] = [];
  /** Number of calls of the function. */
  calls = 0;
  /** Total seconds inside the function's calls (argument handling included). */
  callTime = 0;
  readonly nodes: NodeProfile[];

  constructor(name: string, schedule: readonly Apply[]) {
    this.name = name;
    this.nodes = schedule.map((node) => ({ node, calls: 0, time: 0 }));
  }

  /** Total seconds spent in nodes. */
  get nodeTime(): number {
    return this.nodes.reduce((s, n) => s + n.time, 0);
  }

  /** Time and calls summed by Op class, slowest first. */
  byOpClass(): { op: string; calls: number; time: number; nodes: number }[] {
    const m = new Map<string, { op: string; calls: number; time: number; nodes: number }>();
    for (const n of this.nodes) {
      const key = n.node.op.constructor.name;
      const e = m.get(key) ?? { op: key, calls: 0, time: 0, nodes: 0 };
      e.calls += n.calls;
      e.time += n.time;
      e.nodes += 1;
      m.set(key, e);
    }
    return [...m.values()].sort((a, b) => b.time - a.time);
  }

  toString(): string {
    const total = this.nodeTime;
    const pct = (t: number) => (total > 0 ? `${((100 * t) / total).toFixed(1)}%` : '-');
    const lines: string[] = [];
    lines.push(`Function profile: ${this.name}`);
    lines.push(`  calls: ${this.calls}, time in calls: ${fmt(this.callTime)}, in nodes: ${fmt(total)}`);
    lines.push('  Compile phases:');
    for (const [phase, t] of this.compilePhases) lines.push(`    ${phase.padEnd(12)} ${fmt(t)}`);
    lines.push('  Ops (by class):');
    lines.push(table(['<% time>', '<time>', '<calls>', '<nodes>', '<Op class>'], this.byOpClass().map((e) => [pct(e.time), fmt(e.time), String(e.calls), String(e.nodes), e.op])));
    lines.push('  Nodes (in schedule order):');
    lines.push(table(['<% time>', '<time>', '<calls>', '<#>', '<node>'], this.nodes.map((n, i) => [pct(n.time), fmt(n.time), String(n.calls), String(i), String(n.node)])));
    return lines.join('\n');
  }
}

function fmt(seconds: number): string {
  if (seconds >= 1) return `${seconds.toFixed(3)}s`;
  if (seconds >= 1e-3) return `${(seconds * 1e3).toFixed(3)}ms`;
  return `${(seconds * 1e6).toFixed(1)}us`;
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: string[]) => '    ' + cells.map((s, c) => (c === cells.length - 1 ? s : s.padStart(widths[c]!))).join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}
