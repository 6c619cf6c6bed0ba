import type { Apply, Variable } from './basic';
import type { FunctionGraph } from './fgraph';
import type { Orderings } from './traversal';

/** Where a Variable is used: input `index` of a node, or output `index` of the graph. */
export interface Client {
  readonly node: Apply | 'output';
  readonly index: number;
}

/**
 * An object attached to a FunctionGraph that is told of every change
 * (PyTensor's Feature). Every callback is optional.
 *
 * @example
 * fg.attachFeature({ onImport: (fg, node) => console.log('imported', String(node)) });
 */
export interface Feature {
  /** Called when attached; may throw to refuse the graph. */
  onAttach?(fgraph: FunctionGraph): void;
  onDetach?(fgraph: FunctionGraph): void;
  /** A node entered the graph. */
  onImport?(fgraph: FunctionGraph, node: Apply, reason: string): void;
  /** A node left the graph (nothing uses its outputs any more). */
  onPrune?(fgraph: FunctionGraph, node: Apply, reason: string): void;
  /** Input `index` of `node` (or graph output `index`) changed from `oldVar` to `newVar`. */
  onChangeInput?(fgraph: FunctionGraph, node: Apply | 'output', index: number, oldVar: Variable, newVar: Variable, reason: string): void;
  /** Extra ordering constraints: node -> nodes that must run before it. */
  orderings?(fgraph: FunctionGraph): Orderings;
}

/**
 * Records every change as it happens: a simple feature for tests, debugging
 * and rewrite traces.
 *
 * @example
 * const log = new ChangeLog(); fg.attachFeature(log); fg.replace(a, b, { reason: 'demo' });
 * log.events; // [{ kind: 'import', ... }, { kind: 'change', ... }, { kind: 'prune', ... }]
 */
export class ChangeLog implements Feature {
  readonly events: { kind: 'import' | 'prune' | 'change'; node: Apply | 'output'; reason: string; index?: number }[] = [];

  onImport(_fg: FunctionGraph, node: Apply, reason: string): void {
    this.events.push({ kind: 'import', node, reason });
  }

  onPrune(_fg: FunctionGraph, node: Apply, reason: string): void {
    this.events.push({ kind: 'prune', node, reason });
  }

  onChangeInput(_fg: FunctionGraph, node: Apply | 'output', index: number, _o: Variable, _n: Variable, reason: string): void {
    this.events.push({ kind: 'change', node, index, reason });
  }
}
