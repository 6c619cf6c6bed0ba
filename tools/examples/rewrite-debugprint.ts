/**
 * What the rewrites do to a graph: prints a small model's graph with
 * debugprint as written, then the graph compile() runs after FAST_RUN's
 * rewrites (canonicalization, stabilization, specialization, fusion, in-place).
 *
 *   pnpm example:rewrite
 */
import { compile } from '@proj/backend-js';
import { debugprint, ioToposort } from '@proj/graph';
import * as pt from '@proj/tensor';

/** The two printouts and their node counts. */
export interface RewriteResult {
  before: string;
  after: string;
  nodesBefore: number;
  nodesAfter: number;
}

/**
 * Builds log(1 + exp(x @ w + b)) * 1 + 0 - (y - y) on a batch and compiles it.
 *
 * @example
 * run().nodesAfter < run().nodesBefore; // true
 */
export function run(): RewriteResult {
  const x = pt.dmatrix('x');
  const w = pt.dvector('w');
  const b = pt.dscalar('b');
  const y = pt.dvector('y');
  const z = pt.dot(x, w).add(b);
  const out = pt.log(pt.add(1, pt.exp(z))).mul(1).add(0).sub(y.sub(y)).sum();
  const before = debugprint(out);
  const f = compile([x, w, b, y], out);
  const after = debugprint(f.fgraph);
  return { before, after, nodesBefore: ioToposort([], [out]).length, nodesAfter: f.fgraph.applyNodes.size };
}

if (require.main === module) {
  const r = run();
  console.log(`As written:\n${r.before}\n\nAfter FAST_RUN's rewrites (${r.nodesAfter} nodes):\n${r.after}`);
}
