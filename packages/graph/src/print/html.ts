/**
 * Graph pictures as one self-contained HTML file (PyTensor's d3viz /
 * pydotprint): an inline SVG, laid out here, with no script or style fetched
 * from the network, so it opens offline in any browser.
 */
import type { Apply, Variable } from '../basic';
import { FunctionGraph } from '../fgraph';
import { ioToposort } from '../traversal';
import { layered, type LayoutItem } from './layout';
import { checkOptions, optionKeys } from '../options';

/** Options of toHtml. */
export interface HtmlOptions {
  /** The page title (default 'graph'). */
  title?: string;
  /** Characters of an Op's text shown in its box before it is cut (default 48; the full text is in its tooltip). */
  maxLabel?: number;
}

type Role = 'input' | 'constant' | 'shared' | 'output';

interface Item extends LayoutItem {
  readonly kind: 'apply' | Role;
  readonly lines: readonly string[];
  readonly tip: string;
  readonly marks: readonly string[];
  readonly id: string;
}

const CHAR_W = 7;
const LINE_H = 15;

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function cut(s: string, n: number): string {
  return s.length <= n ? s : `${s.slice(0, n - 1)}…`;
}

/** What a node is, beyond its Op: in-place (it overwrites an input), a view, fused (a Composite). */
function marksOf(node: Apply): string[] {
  const marks: string[] = [];
  if (Object.keys(node.op.destroyMap).length > 0) marks.push('inplace');
  else if (Object.keys(node.op.viewMap).length > 0) marks.push('view');
  if (String(node.op).includes('Composite')) marks.push('fused');
  return marks;
}

/** The graph to draw: outputs of a Variable, a list, a FunctionGraph, or a compiled function (its fgraph). */
export type Drawable = Variable | readonly Variable[] | FunctionGraph | { readonly fgraph: FunctionGraph };

function items(obj: Drawable, maxLabel: number): { items: Item[]; edges: [number, number, string][] } {
  const fg = obj instanceof FunctionGraph ? obj : typeof obj === 'object' && obj !== null && 'fgraph' in obj && obj.fgraph instanceof FunctionGraph ? obj.fgraph : undefined;
  const outputs: readonly Variable[] = fg ? fg.outputs : Array.isArray(obj) ? obj : [obj as Variable];
  const inputs: readonly Variable[] = fg ? fg.inputs : [];
  const nodes = ioToposort(inputs, outputs);
  const inGraph = new Set(nodes);
  const list: Item[] = [];
  const edges: [number, number, string][] = [];
  const index = new Map<Apply | Variable, number>();
  const box = (kind: Item['kind'], lines: string[], tip: string, marks: string[], preds: number[], id: string): number => {
    const width = Math.max(...lines.map((l) => l.length)) * CHAR_W + 20;
    list.push({ kind, lines, tip, marks, preds, id, width, height: lines.length * LINE_H + 12 });
    return list.length - 1;
  };
  const varLines = (v: Variable) => [cut(v.name ?? `v${v.id}`, maxLabel), cut(String(v.type), maxLabel)];
  const source = (v: Variable): number => {
    let k = index.get(v);
    if (k === undefined) {
      const role: Role = v.isConstant() ? 'constant' : v.storedValue() !== undefined ? 'shared' : 'input';
      k = box(role, role === 'constant' ? [cut(String(v), maxLabel), cut(String(v.type), maxLabel)] : varLines(v), `${role} ${v}: ${v.type}`, [], [], `v${v.id}`);
      index.set(v, k);
    }
    return k;
  };
  for (const n of nodes) {
    const preds = n.inputs.map((v) => (v.owner && inGraph.has(v.owner) ? index.get(v.owner)! : source(v)));
    const marks = marksOf(n);
    const outTypes = n.outputs.map((o) => String(o.type)).join(', ');
    const k = box('apply', [cut(String(n.op), maxLabel), cut(outTypes, maxLabel)], `${n.op}\noutputs: ${outTypes}${marks.length ? `\n${marks.join(', ')}` : ''}`, marks, preds, `n${n.id}`);
    index.set(n, k);
    n.inputs.forEach((v, i) => edges.push([preds[i]!, k, n.inputs.length > 1 ? String(i) : '']));
  }
  for (const v of outputs) {
    const from = v.owner && inGraph.has(v.owner) ? index.get(v.owner)! : source(v);
    const k = box('output', varLines(v), `output ${v}: ${v.type}`, [], [from], `o${v.id}`);
    edges.push([from, k, '']);
  }
  return { items: list, edges };
}

const STYLE = `
body{margin:0;font:12px Helvetica,Arial,sans-serif;background:#fafafa}
header{padding:6px 12px;border-bottom:1px solid #ddd;background:#fff}
#view{width:100vw;height:calc(100vh - 34px);overflow:auto}
.node rect,.node ellipse{stroke:#444;stroke-width:1}
.apply rect{fill:#fff}.input ellipse{fill:#9be69b}.constant ellipse{fill:#ddd}.shared ellipse{fill:#9ee7ee}.output ellipse{fill:#8cbcf5}
.fused rect{fill:#ffd28a}.inplace rect{stroke:#d22;stroke-width:2.5}.view rect{stroke-dasharray:4 2}
.edge{fill:none;stroke:#888;stroke-width:1}.elabel{fill:#777;font-size:10px}
.node text{text-anchor:middle;dominant-baseline:middle}
.legend span{display:inline-block;margin-right:12px}.legend i{display:inline-block;width:12px;height:10px;border:1px solid #444;margin-right:4px;vertical-align:middle}
`;

const HTML_KEYS = optionKeys<HtmlOptions>({ title: true, maxLabel: true });

/**
 * The graph as a self-contained HTML page with an SVG picture: Apply nodes are
 * boxes (Op, output types), graph inputs, constants, shared variables and
 * outputs are coloured ellipses, in-place nodes have a red border, views a
 * dashed one, fused (Composite) nodes are orange. Hover a node for its full text.
 *
 * @example
 * fs.writeFileSync('graph.html', toHtml(cost));          // a symbolic graph
 * fs.writeFileSync('compiled.html', toHtml(f.fgraph));   // a compiled function's graph after rewriting
 */
export function toHtml(obj: Drawable, options: HtmlOptions = {}): string {
  checkOptions('toHtml', options, HTML_KEYS);
  const { items: list, edges } = items(obj, options.maxLabel ?? 48);
  const lay = layered(list);
  const svg: string[] = [`<svg xmlns="http://www.w3.org/2000/svg" width="${lay.width}" height="${lay.height}" viewBox="0 0 ${lay.width} ${lay.height}">`];
  svg.push('<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0L10,5L0,10z" fill="#888"/></marker></defs>');
  for (const [a, b, label] of edges) {
    const x1 = lay.x[a]!;
    const y1 = lay.y[a]! + list[a]!.height / 2;
    const x2 = lay.x[b]!;
    const y2 = lay.y[b]! - list[b]!.height / 2;
    const my = (y1 + y2) / 2;
    svg.push(`<path class="edge" d="M${x1},${y1}C${x1},${my} ${x2},${my} ${x2},${y2}" marker-end="url(#arrow)"/>`);
    if (label) svg.push(`<text class="elabel" x="${x2 + 4}" y="${y2 - 6}">${esc(label)}</text>`);
  }
  list.forEach((it, i) => {
    const cx = lay.x[i]!;
    const cy = lay.y[i]!;
    const cls = ['node', it.kind, ...it.marks].join(' ');
    const shape =
      it.kind === 'apply'
        ? `<rect x="${cx - it.width / 2}" y="${cy - it.height / 2}" width="${it.width}" height="${it.height}" rx="4"/>`
        : `<ellipse cx="${cx}" cy="${cy}" rx="${it.width / 2 + 6}" ry="${it.height / 2}"/>`;
    const text = it.lines.map((l, k) => `<text x="${cx}" y="${cy + (k - (it.lines.length - 1) / 2) * LINE_H}">${esc(l)}</text>`).join('');
    svg.push(`<g class="${cls}" id="${it.id}" data-kind="${it.kind}"><title>${esc(it.tip)}</title>${shape}${text}</g>`);
  });
  svg.push('</svg>');
  const title = esc(options.title ?? 'graph');
  const nApply = list.filter((it) => it.kind === 'apply').length;
  const legend = [
    ['#9be69b', 'input'],
    ['#9ee7ee', 'shared'],
    ['#ddd', 'constant'],
    ['#8cbcf5', 'output'],
    ['#ffd28a', 'fused'],
  ]
    .map(([c, n]) => `<span><i style="background:${c}"></i>${n}</span>`)
    .join('');
  return [
    '<!DOCTYPE html>',
    `<html><head><meta charset="utf-8"><title>${title}</title><style>${STYLE}</style></head>`,
    `<body data-nodes="${nApply}"><header><b>${title}</b> · ${nApply} nodes <span class="legend">${legend}<span><i style="border:2.5px solid #d22"></i>in-place</span></span></header>`,
    `<div id="view">${svg.join('\n')}</div>`,
    // Counts what the browser actually rendered, so a headless check can read it back.
    '<script>document.body.dataset.rendered=String(document.querySelectorAll("g.node.apply").length);</script>',
    '</body></html>',
  ].join('\n');
}
