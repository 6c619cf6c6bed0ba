import { Variable, type Apply } from '../basic';
import { FunctionGraph } from '../fgraph';
import { hasInnerGraph, type HasInnerGraph } from '../op-from-graph';
import type { Op } from '../op';
import { IdAssigner, type IdsType } from './ids';
import { checkOptions, optionKeys } from '../options';

/** Options of debugprint. */
export interface DebugprintOptions {
  /** Print each Variable's Type (default false). */
  printType?: boolean;
  /** How ids are printed (default 'CHAR': [id A]). */
  idsType?: IdsType;
  /** Stop this many levels below each output (default: no limit). */
  depth?: number;
  /** Print destroyMap / viewMap of the nodes that have one (default false). */
  printDestroyMap?: boolean;
  printViewMap?: boolean;
  /** For a FunctionGraph, list its inputs first (default false). */
  printFgraphInputs?: boolean;
  /** Print the inner graphs of OpFromGraph-like nodes after the graph (default true). */
  printInnerGraphs?: boolean;
  /** Also write the text with console.log (default false). */
  print?: boolean;
}

interface Frame {
  v: Variable;
  prefix: string;
  connector: string;
  depth: number;
}

const DEBUGPRINT_KEYS = optionKeys<DebugprintOptions>({ printType: true, idsType: true, depth: true, printDestroyMap: true, printViewMap: true, printFgraphInputs: true, printInnerGraphs: true, print: true });

/**
 * A PyTensor-style indented text of a graph: one line per Variable with its
 * Op (or name / value), an id, and optionally its Type; a node already printed
 * appears again by its id only. Works on Variables, nodes and FunctionGraphs;
 * iterative, so very deep graphs print without overflowing the stack.
 *
 * @example
 * console.log(debugprint(z));
 * // Add [id A] 'z'
 * //  ├─ x [id B]
 * //  └─ Mul [id C]
 * //     ├─ y [id D]
 * //     └─ 2 [id E]
 */
export function debugprint(obj: Variable | readonly Variable[] | Apply | FunctionGraph | { readonly fgraph: FunctionGraph }, options: DebugprintOptions = {}): string {
  checkOptions('debugprint', options, DEBUGPRINT_KEYS);
  // A compiled function (PyTensor's debugprint(f)) prints the graph it runs.
  if ((typeof obj === 'function' || typeof obj === 'object') && obj !== null && !Array.isArray(obj) && 'fgraph' in obj && obj.fgraph instanceof FunctionGraph) obj = (obj as { fgraph: FunctionGraph }).fgraph;
  const ids = new IdAssigner(options.idsType ?? 'CHAR');
  const lines: string[] = [];
  let roots: readonly Variable[];
  let order: Map<Apply, number> | undefined;
  if (obj instanceof FunctionGraph) {
    roots = obj.outputs;
    order = new Map(obj.toposort().map((n, i) => [n, i]));
    if (options.printFgraphInputs) for (const v of obj.inputs) lines.push(`→ ${label(v, ids, options)}`);
  } else if (obj instanceof Variable) {
    roots = [obj];
  } else if (Array.isArray(obj)) {
    roots = obj as readonly Variable[];
  } else {
    roots = (obj as Apply).outputs;
  }
  const inner: (Op & HasInnerGraph)[] = [];
  const printed = new Set<Apply | Variable>();
  for (const root of roots) printTree(root, lines, ids, options, printed, inner, order);
  if (options.printInnerGraphs ?? true) printInnerGraphs(inner, lines, ids, options);
  const text = lines.join('\n');
  if (options.print) console.log(text);
  return text;
}

function printTree(
  root: Variable,
  lines: string[],
  ids: IdAssigner,
  options: DebugprintOptions,
  printed: Set<Apply | Variable>,
  inner: (Op & HasInnerGraph)[],
  order?: Map<Apply, number>,
  innerInputs?: readonly Variable[],
): void {
  const maxDepth = options.depth ?? Infinity;
  const stack: Frame[] = [{ v: root, prefix: '', connector: '', depth: 0 }];
  while (stack.length > 0) {
    const { v, prefix, connector, depth } = stack.pop()!;
    const innerPos = innerInputs?.indexOf(v) ?? -1;
    if (innerPos >= 0) {
      lines.push(`${prefix}${connector}*${innerPos}-<${v.type}>${ids.of(v)}`);
      continue;
    }
    const node = v.owner;
    const seen = node !== null && printed.has(node);
    let text = `${prefix}${connector}${label(v, ids, options)}`;
    if (node && order?.has(node)) text += ` ${order.get(node)}`;
    if (node && !seen) text += aliasText(node, options);
    lines.push(text);
    if (node === null || seen) continue;
    printed.add(node);
    if (hasInnerGraph(node.op) && !inner.includes(node.op)) inner.push(node.op);
    if (depth + 1 >= maxDepth) continue;
    const childPrefix = connector === '' ? `${prefix} ` : `${prefix}${connector === '└─ ' ? '   ' : '│  '}`;
    const ins = node.inputs;
    for (let i = ins.length - 1; i >= 0; i--) {
      stack.push({ v: ins[i]!, prefix: childPrefix, connector: i === ins.length - 1 ? '└─ ' : '├─ ', depth: depth + 1 });
    }
  }
}

function label(v: Variable, ids: IdAssigner, options: DebugprintOptions): string {
  let text: string;
  if (v.owner) {
    text = v.owner.outputs.length > 1 ? `${v.owner.op}.${v.index}` : `${v.owner.op}`;
    text += ids.of(v);
    if (v.name !== undefined) text += ` '${v.name}'`;
  } else {
    text = `${v}${ids.of(v)}`;
  }
  if (options.printType) text += ` <${v.type}>`;
  return text;
}

function aliasText(node: Apply, options: DebugprintOptions): string {
  const fmt = (m: Readonly<Record<number, readonly number[]>>) =>
    `{${Object.entries(m).map(([k, v]) => `${k}: [${v.join(', ')}]`).join(', ')}}`;
  let s = '';
  if (options.printDestroyMap && Object.keys(node.op.destroyMap).length > 0) s += ` d=${fmt(node.op.destroyMap)}`;
  if (options.printViewMap && Object.keys(node.op.viewMap).length > 0) s += ` v=${fmt(node.op.viewMap)}`;
  return s;
}

function printInnerGraphs(inner: (Op & HasInnerGraph)[], lines: string[], ids: IdAssigner, options: DebugprintOptions): void {
  if (inner.length === 0) return;
  lines.push('', 'Inner graphs:');
  // Printing an inner graph may find more inner graphs: walk the growing list.
  for (let k = 0; k < inner.length; k++) {
    const op = inner[k]!;
    lines.push('', `${op}`);
    const printed = new Set<Apply | Variable>();
    for (const out of op.innerOutputs) {
      const start = lines.length;
      printTree(out, lines, ids, options, printed, inner, undefined, op.innerInputs);
      lines[start] = ` ← ${lines[start]}`;
      for (let j = start + 1; j < lines.length; j++) lines[j] = `   ${lines[j]}`;
    }
  }
}
