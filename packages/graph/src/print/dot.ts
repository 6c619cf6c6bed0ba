import type { Apply, Variable } from '../basic';
import { FunctionGraph } from '../fgraph';
import { ioToposort } from '../traversal';
import { checkOptions, optionKeys } from '../options';

/** Options of toDot. */
export interface DotOptions {
  /** The graph's name in the DOT text (default 'G'). */
  name?: string;
  /** Label edges with the Type of the Variable they carry (default true). */
  edgeTypes?: boolean;
}

function quote(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

const DOT_KEYS = optionKeys<DotOptions>({ name: true, edgeTypes: true });

/**
 * The graph as Graphviz DOT text, as PyTensor's pydotprint draws it: Apply
 * nodes are boxes; graph inputs (green), constants (grey), shared variables
 * (cyan) and outputs (blue) are ellipses; other Variables are edges labelled
 * with their Type. Render it with `dot -Tsvg`.
 *
 * @example
 * fs.writeFileSync('g.dot', toDot(z));
 */
export function toDot(obj: Variable | readonly Variable[] | FunctionGraph, options: DotOptions = {}): string {
  checkOptions('toDot', options, DOT_KEYS);
  const outputs: readonly Variable[] = obj instanceof FunctionGraph ? obj.outputs : Array.isArray(obj) ? obj : [obj as Variable];
  const inputs: readonly Variable[] = obj instanceof FunctionGraph ? obj.inputs : [];
  const nodes = ioToposort(inputs, outputs);
  const inGraph = new Set(nodes);
  const edgeTypes = options.edgeTypes ?? true;
  const lines = [`digraph ${quote(options.name ?? 'G')} {`, '  node [fontname="Helvetica"];'];
  const declared = new Set<Variable>();
  const declareVar = (v: Variable, role: 'input' | 'constant' | 'shared' | 'output') => {
    if (declared.has(v)) return;
    declared.add(v);
    const color = { input: 'limegreen', constant: 'lightgrey', shared: 'cyan', output: 'dodgerblue' }[role];
    lines.push(`  v${v.id} [label=${quote(`${v}\n${v.type}`)}, shape=ellipse, style=filled, fillcolor=${color}];`);
  };
  const nodeId = (n: Apply) => `n${n.id}`;
  const outputSet = new Set(outputs);
  for (const n of nodes) {
    lines.push(`  ${nodeId(n)} [label=${quote(String(n.op))}, shape=box];`);
    n.inputs.forEach((v, i) => {
      const edgeLabel = [n.inputs.length > 1 ? `${i}` : '', edgeTypes ? String(v.type) : ''].filter(Boolean).join(' ');
      const attrs = edgeLabel ? ` [label=${quote(edgeLabel)}]` : '';
      if (v.owner && inGraph.has(v.owner) && !outputSet.has(v)) {
        lines.push(`  ${nodeId(v.owner)} -> ${nodeId(n)}${attrs};`);
      } else {
        declareVar(v, v.isConstant() ? 'constant' : v.storedValue() !== undefined ? 'shared' : outputSet.has(v) ? 'output' : 'input');
        lines.push(`  v${v.id} -> ${nodeId(n)}${attrs};`);
      }
    });
  }
  for (const v of outputs) {
    declareVar(v, 'output');
    if (v.owner && inGraph.has(v.owner)) lines.push(`  ${nodeId(v.owner)} -> v${v.id};`);
  }
  lines.push('}');
  return lines.join('\n');
}
