/**
 * The standard rewrite pipeline (PyTensor's optdb) as a named, ordered list of
 * phases, and the FAST_RUN / FAST_COMPILE queries compile() uses. The phases
 * and the rewrites inside them are selected by tags: a query keeps a phase
 * when the phase's tags match, and then the rewrites inside it whose own tags
 * (or names) match.
 */
import { checkOptions, type FunctionGraph } from '@proj/graph';
import { EquilibriumDB, RewriteDatabaseQuery, SequenceDB, type DBEntry } from './db';
import { mergeOptimizer } from './features/merge';
import type { GraphRewriter, RewriteOptions, RewriteStats } from './graph-rewriter';
import type { NodeRewriter } from './node-rewriter';
import { canonicalizeRewrites } from './rewrites/canonicalize';
import { constantFolding } from './rewrites/constant-folding';
import { fusionRewriters } from './rewrites/fusion';
import { gradOpRewrites } from './rewrites/grad-ops';
import { inplaceRewriters } from './rewrites/inplace';
import { sparseCanonicalizeRewrites, sparseSpecializeRewrites } from './rewrites/sparse';
import { specializeRewrites } from './rewrites/specialize';
import { stabilizeRewrites } from './rewrites/stabilize';

/** Database entries for rewriters that carry their own name and tags. */
export function entriesOf(rewriters: readonly (NodeRewriter | GraphRewriter)[]): DBEntry[] {
  return rewriters.map((r) => ({ name: r.name, rewriter: r, tags: r.tags }));
}

const both = ['fast_run', 'fast_compile'] as const;

/**
 * The phases, in the order they run: merge, canonicalize (with constant folding
 * and the removal of gradient-only Ops), stabilize, specialize, merge, fusion,
 * in-place, merge.
 *
 * @example
 * optdb.query(FAST_RUN_QUERY).rewrite(fg);
 */
export const optdb: SequenceDB = new SequenceDB('optdb', [
  { name: 'merge1', rewriter: mergeOptimizer(), tags: [...both, 'merge'] },
  {
    name: 'canonicalize',
    rewriter: new EquilibriumDB('canonicalize', entriesOf([...gradOpRewrites, constantFolding, ...canonicalizeRewrites, ...sparseCanonicalizeRewrites])),
    tags: [...both],
  },
  { name: 'stabilize', rewriter: new EquilibriumDB('stabilize', entriesOf([constantFolding, ...stabilizeRewrites])), tags: ['fast_run'] },
  { name: 'specialize', rewriter: new EquilibriumDB('specialize', entriesOf([constantFolding, ...specializeRewrites, ...sparseSpecializeRewrites])), tags: ['fast_run'] },
  { name: 'merge2', rewriter: mergeOptimizer(), tags: [...both, 'merge'] },
  { name: 'fusion', rewriter: new SequenceDB('fusion', entriesOf(fusionRewriters)), tags: ['fast_run', 'fusion'] },
  { name: 'inplace', rewriter: new SequenceDB('inplace', entriesOf(inplaceRewriters)), tags: ['fast_run', 'inplace'] },
  { name: 'merge3', rewriter: mergeOptimizer(), tags: [...both, 'merge'] },
]);

/** The FAST_RUN selection: every entry tagged fast_run. */
export const FAST_RUN_QUERY = new RewriteDatabaseQuery({ include: ['fast_run'] });

/** The FAST_COMPILE selection: only entries tagged fast_compile (merges, constant folding, gradient-Op removal). */
export const FAST_COMPILE_QUERY = new RewriteDatabaseQuery({ include: ['fast_compile'] });

/**
 * Runs the standard pipeline selected by `query` on `fgraph` (in place).
 *
 * @example
 * rewriteGraph(fg, FAST_RUN_QUERY.excluding('fusion'), { trace });
 */
export function rewriteGraph(fgraph: FunctionGraph, query: RewriteDatabaseQuery = FAST_RUN_QUERY, options: RewriteOptions = {}): RewriteStats {
  checkOptions('rewriteGraph', options, ['trace']);
  return optdb.query(query).rewrite(fgraph, options);
}
