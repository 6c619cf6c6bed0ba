/**
 * Constant folding: a node whose inputs are all constants is computed once,
 * with the reference evaluator of @proj/graph, and replaced by constants.
 */
import { evaluate, type Apply, type FunctionGraph } from '@proj/graph';
import { nodeRewriter } from '../node-rewriter';

/**
 * Folds a node whose inputs are all constants, unless its Op says not to
 * (op.doConstantFolding, e.g. for nodes that allocate large outputs).
 *
 * @example
 * // 2 * 3 -> 6
 * new WalkingGraphRewriter(constantFolding).rewrite(fg);
 */
export const constantFolding = nodeRewriter({
  name: 'constantFolding',
  tags: ['fast_run', 'fast_compile', 'canonicalize', 'constant_folding'],
  apply(fgraph: FunctionGraph, node: Apply) {
    // op(c1, c2, ...) -> constant(op(c1, c2, ...))
    if (node.inputs.length === 0 || !node.inputs.every((v) => v.isConstant())) return undefined;
    if (!node.op.doConstantFolding(fgraph, node)) return undefined;
    const values = evaluate(node.outputs);
    return node.outputs.map((o, i) => o.type.makeConstant(values[i]));
  },
});
