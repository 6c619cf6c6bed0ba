/**
 * EquilibriumGraphRewriter: applies node rewriters (and graph rewriters) over
 * and over until none fires, with a bound that turns a rewrite loop into a
 * clear NonConvergenceError.
 */
import { Op, ProjError, type Apply, type Feature, type FunctionGraph } from '@proj/graph';
import { applyNodeRewriter, type GraphRewriter, type RewriteOptions, type RewriteStats } from './graph-rewriter';
import { tracksNode, type NodeRewriter, type OpClass, type Track } from './node-rewriter';
import { now } from './trace';

/** The rewrites kept firing: the equilibrium was not reached within the bounds. */
export class NonConvergenceError extends ProjError {
  /** The rewrites that fired in the last pass, most frequent first. */
  readonly rewrites: readonly string[];
  /** rewrite name -> number of firings over the whole run. */
  readonly counts: ReadonlyMap<string, number>;

  constructor(rewriter: string, why: string, rewrites: readonly string[], counts: ReadonlyMap<string, number>) {
    super(`${rewriter}: no equilibrium (${why}); these rewrites kept firing: ${rewrites.map((r) => `${r} (${counts.get(r) ?? 0} times)`).join(', ')}`);
    this.rewrites = rewrites;
    this.counts = counts;
  }
}

/** Options of EquilibriumGraphRewriter. */
export interface EquilibriumOptions {
  name?: string;
  tags?: readonly string[];
  /**
   * A rewrite may fire at most maxUseRatio × (the number of nodes when the run
   * started) times (default 8, PyTensor's optdb__max_use_ratio).
   */
  maxUseRatio?: number;
  /** At most this many passes over the graph (default 100). */
  maxPasses?: number;
}

/**
 * Passes over the graph (inputs to outputs, new nodes included) trying every
 * node rewriter on every node it tracks, and runs the graph rewriters at the
 * start of each pass, until a pass changes nothing.
 *
 * @example
 * new EquilibriumGraphRewriter([mulByOne, addZero, constantFolding]).rewrite(fg);
 */
export class EquilibriumGraphRewriter implements GraphRewriter {
  readonly kind = 'graph' as const;
  readonly name: string;
  readonly tags: readonly string[];
  readonly nodeRewriters: readonly NodeRewriter[];
  readonly graphRewriters: readonly GraphRewriter[];
  readonly maxUseRatio: number;
  readonly maxPasses: number;

  constructor(rewriters: readonly (NodeRewriter | GraphRewriter)[], options: EquilibriumOptions = {}) {
    this.nodeRewriters = rewriters.filter((r): r is NodeRewriter => r.kind === 'node');
    this.graphRewriters = rewriters.filter((r): r is GraphRewriter => r.kind === 'graph');
    this.name = options.name ?? 'equilibrium';
    this.tags = options.tags ?? [];
    this.maxUseRatio = options.maxUseRatio ?? 8;
    this.maxPasses = options.maxPasses ?? 100;
  }

  rewrite(fgraph: FunctionGraph, options: RewriteOptions = {}): RewriteStats {
    const trace = options.trace;
    const maxUse = Math.max(1, Math.ceil(this.maxUseRatio * Math.max(1, fgraph.applyNodes.size)));
    const counts = new Map<string, number>();
    let fired = 0;
    const bump = (name: string, n: number, pass: Map<string, number>) => {
      counts.set(name, (counts.get(name) ?? 0) + n);
      pass.set(name, (pass.get(name) ?? 0) + n);
      fired += n;
      if (counts.get(name)! > maxUse) throw this.error(`'${name}' fired more than ${maxUse} times (maxUseRatio ${this.maxUseRatio})`, pass, counts);
    };
    for (let passNo = 0; ; passNo++) {
      const pass = new Map<string, number>();
      for (const g of this.graphRewriters) {
        const t0 = now();
        const n = g.rewrite(fgraph, options).fired;
        trace?.addRewriteTime(g.name, now() - t0);
        if (n > 0) bump(g.name, n, pass);
      }
      const queue = fgraph.toposort();
      const visited = new Set<Apply>();
      const importer: Feature = { onImport: (_fg, node) => void queue.push(node) };
      fgraph.attachFeature(importer);
      try {
        for (let k = 0; k < queue.length; k++) {
          const node = queue[k]!;
          if (!fgraph.applyNodes.has(node) || visited.has(node)) continue;
          visited.add(node);
          for (const r of this.candidatesFor(node.op)) {
            if (!tracksNode(r, node)) continue;
            if (applyNodeRewriter(fgraph, r, node, trace)) {
              bump(r.name, 1, pass);
              break;
            }
          }
        }
      } finally {
        fgraph.removeFeature(importer);
      }
      if (pass.size === 0) break;
      if (passNo + 1 >= this.maxPasses) throw this.error(`still changing after ${this.maxPasses} passes`, pass, counts);
    }
    return { fired };
  }

  /** Op class -> the node rewriters that may track its nodes, in order (tracksNode still decides). */
  private readonly byOpClass = new Map<unknown, readonly NodeRewriter[]>();

  /**
   * The node rewriters worth trying on a node of this Op's class: most track
   * a few Op classes, and testing every rewriter on every node of every pass
   * was a measurable share of rewriting time.
   */
  private candidatesFor(op: Op): readonly NodeRewriter[] {
    const cls = op.constructor;
    let list = this.byOpClass.get(cls);
    if (list === undefined) {
      list = this.nodeRewriters.filter((r) => r.tracks === undefined || r.tracks.some((t) => !isOpClass(t) || op instanceof t));
      this.byOpClass.set(cls, list);
    }
    return list;
  }

  private error(why: string, pass: ReadonlyMap<string, number>, counts: ReadonlyMap<string, number>): NonConvergenceError {
    const names = [...pass.keys()].sort((a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0));
    return new NonConvergenceError(this.name, why, names, counts);
  }
}

/** A track that is an Op class (decided by the node's class alone), as opposed to an Op value or a predicate. */
function isOpClass(t: Track): t is OpClass {
  return typeof t === 'function' && (t === Op || t.prototype instanceof Op);
}
