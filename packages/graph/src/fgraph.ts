import { Variable, type Apply } from './basic';
import { cloneGetEquiv, type CloneMap } from './clone';
import { ArgumentError, InconsistencyError, MissingInputError } from './errors';
import type { Client, Feature } from './features';
import { applysBetween, ioToposort, type Orderings } from './traversal';
import { checkOptions, optionKeys } from './options';

/** Options of FunctionGraph's constructor. */
export interface FunctionGraphOptions {
  /** Features attached at creation. */
  features?: readonly Feature[];
  /** Work on a copy of the graph (default true) so the caller's graph is never changed. */
  clone?: boolean;
}

/** Options of replace / replaceAll / changeNodeInput. */
export interface ReplaceOptions {
  /** Why (the rewrite's name); passed to features. */
  reason?: string;
  /** Make owner-less Variables the new graph uses into graph inputs instead of failing. */
  importMissing?: boolean;
  /**
   * Refuse a replacement that would make a node depend on its own output (default
   * true). The check walks the replacement's ancestors; rewriters whose
   * replacements are built from the node's inputs turn it off.
   */
  checkCycles?: boolean;
}

type Callback = 'onImport' | 'onPrune' | 'onChangeInput';

const FGRAPH_KEYS = optionKeys<FunctionGraphOptions>({ features: true, clone: true });
const REPLACE_KEYS = optionKeys<ReplaceOptions>({ reason: true, importMissing: true, checkCycles: true });

/**
 * A graph with designated inputs and outputs that tracks who uses each Variable
 * (clients) and can be changed in place (replace), telling its features of every
 * change. Rewrites and compilation work on FunctionGraphs.
 *
 * @example
 * const fg = new FunctionGraph([x, y], [z]);
 * fg.replace(fg.outputs[0], other, { reason: 'demo' });
 */
export class FunctionGraph {
  readonly inputs: Variable[] = [];
  readonly outputs: Variable[] = [];
  readonly applyNodes = new Set<Apply>();
  readonly variables = new Set<Variable>();
  readonly clients = new Map<Variable, Client[]>();
  readonly features: Feature[] = [];
  private readonly inputSet = new Set<Variable>();

  constructor(inputs: readonly Variable[], outputs: readonly Variable[], options: FunctionGraphOptions = {}) {
    checkOptions('FunctionGraph', options, FGRAPH_KEYS);
    [...inputs, ...outputs].forEach((v, i) => {
      if (!(v instanceof Variable)) {
        throw new ArgumentError({ op: 'FunctionGraph', argument: i < inputs.length ? `inputs[${i}]` : `outputs[${i - inputs.length}]`, expected: 'a Variable', given: String(v) });
      }
    });
    let ins = [...inputs];
    let outs = [...outputs];
    if (options.clone ?? true) {
      const equiv = cloneGetEquiv(ins, outs, { copyInputs: true, copyOrphans: false });
      ins = ins.map((v) => equiv.get(v) as Variable);
      outs = outs.map((v) => equiv.get(v) as Variable);
    }
    for (const v of ins) {
      // With clone, an input that is an intermediate Variable was copied without
      // its owner: the graph is cut there (as PyTensor does). Without clone it cannot be.
      if (v.owner !== null) {
        throw new ArgumentError({ op: 'FunctionGraph', argument: 'inputs', expected: 'Variables without an owner (or clone: true, which cuts the graph there)', given: `${v}, an output of ${v.owner.op}` });
      }
      this.addInput(v, false);
    }
    for (const f of options.features ?? []) this.attachFeature(f);
    for (const v of outs) this.addOutput(v, 'init');
  }

  /** Adds a graph input (no-op when it already is one and `check`). */
  addInput(v: Variable, check = true): void {
    if (check && this.inputSet.has(v)) return;
    this.inputs.push(v);
    this.inputSet.add(v);
    this.setupVar(v);
    this.variables.add(v);
  }

  /** Whether `v` is one of the graph's inputs. */
  isInput(v: Variable): boolean {
    return this.inputSet.has(v);
  }

  /** Adds `v` as a new graph output, importing its graph. */
  addOutput(v: Variable, reason = 'addOutput', importMissing = false): void {
    this.importVar(v, reason, importMissing);
    this.outputs.push(v);
    this.addClient(v, { node: 'output', index: this.outputs.length - 1 });
  }

  private setupVar(v: Variable): void {
    if (!this.clients.has(v)) this.clients.set(v, []);
  }

  /** The clients of `v` (empty when it is unused or not in the graph). */
  getClients(v: Variable): readonly Client[] {
    return this.clients.get(v) ?? [];
  }

  private addClient(v: Variable, client: Client): void {
    this.setupVar(v);
    this.clients.get(v)!.push(client);
  }

  /**
   * Brings `v` and the nodes computing it into the graph. An owner-less,
   * non-constant Variable that is not a graph input is a MissingInputError,
   * unless `importMissing` makes it an input.
   */
  importVar(v: Variable, reason = 'importVar', importMissing = false): void {
    if (v.owner && !this.applyNodes.has(v.owner)) {
      this.importNode(v.owner, reason, importMissing);
    } else if (v.owner === null && !v.isConstant() && !this.inputSet.has(v) && !this.variables.has(v)) {
      this.checkImportable(v, importMissing);
      // Shared variables carry their own value; they become implicit inputs.
      this.addInput(v, false);
      return;
    }
    this.setupVar(v);
    this.variables.add(v);
  }

  /** Brings `node` and every node it depends on that is not yet here into the graph. */
  importNode(node: Apply, reason = 'importNode', importMissing = false): void {
    if (this.applyNodes.has(node)) return;
    const newNodes = ioToposort(this.variables, node.outputs);
    // Check every free Variable before changing anything, so that a
    // MissingInputError leaves the graph as it was.
    for (const n of newNodes) for (const v of n.inputs) this.checkImportable(v, importMissing);
    for (const n of newNodes) {
      for (const v of n.inputs) {
        if (v.owner === null && !this.variables.has(v)) this.importVar(v, reason, importMissing);
      }
    }
    for (const n of newNodes) {
      if (this.applyNodes.has(n)) continue;
      this.applyNodes.add(n);
      for (const out of n.outputs) {
        this.setupVar(out);
        this.variables.add(out);
      }
      n.inputs.forEach((v, i) => {
        this.setupVar(v);
        this.variables.add(v);
        this.addClient(v, { node: n, index: i });
      });
      this.executeCallbacks('onImport', n, reason);
    }
  }

  /** Throws a MissingInputError when importing `v` would need an input the graph does not have. */
  private checkImportable(v: Variable, importMissing: boolean): void {
    if (v.owner !== null || v.isConstant() || importMissing || this.inputSet.has(v) || this.variables.has(v)) return;
    if (v.storedValue() !== undefined) return;
    throw new MissingInputError(`FunctionGraph: ${v} (${v.type}) is used but is not an input of the graph`, v);
  }

  /**
   * Removes one use of `v`; when nothing uses a node's outputs any more the node
   * leaves the graph, and so on up the graph (iteratively).
   */
  private removeClient(v: Variable, client: Client, reason: string): void {
    const stack: [Variable, Client][] = [[v, client]];
    while (stack.length > 0) {
      const [variable, c] = stack.pop()!;
      const list = this.clients.get(variable);
      if (list) {
        const k = list.findIndex((x) => x.node === c.node && x.index === c.index);
        if (k >= 0) list.splice(k, 1);
        if (list.length > 0) continue;
      }
      const node = variable.owner;
      if (node === null) {
        if (!this.inputSet.has(variable)) {
          this.variables.delete(variable);
          this.clients.delete(variable);
        }
        continue;
      }
      if (!this.applyNodes.has(node) || node.outputs.some((o) => (this.clients.get(o)?.length ?? 0) > 0)) continue;
      this.applyNodes.delete(node);
      for (const o of node.outputs) {
        this.variables.delete(o);
        this.clients.delete(o);
      }
      this.executeCallbacks('onPrune', node, reason);
      node.inputs.forEach((iv, i) => stack.push([iv, { node, index: i }]));
    }
  }

  /**
   * Changes input `index` of `node` (or graph output `index` when node is
   * 'output') to `newVar`, which must have the same Type.
   */
  changeNodeInput(node: Apply | 'output', index: number, newVar: Variable, options: ReplaceOptions = {}): void {
    checkOptions('FunctionGraph.changeNodeInput', options, REPLACE_KEYS);
    const reason = options.reason ?? 'changeNodeInput';
    let old: Variable;
    if (node === 'output') {
      old = this.outputs[index]!;
      if (old === undefined) throw new ArgumentError({ op: 'FunctionGraph.changeNodeInput', argument: 'index', expected: `an output index below ${this.outputs.length}`, given: String(index) });
    } else {
      if (!this.applyNodes.has(node)) throw new InconsistencyError(`FunctionGraph.changeNodeInput: ${node} is not in this graph`);
      old = node.inputs[index]!;
      if (old === undefined) throw new ArgumentError({ op: 'FunctionGraph.changeNodeInput', argument: 'index', expected: `an input index below ${node.inputs.length}`, given: String(index) });
    }
    if (old === newVar) return;
    const converted = old.type.filterVariable(newVar, true);
    if (node !== 'output' && (options.checkCycles ?? true) && dependsOn(converted, node)) {
      throw new InconsistencyError(`FunctionGraph.replace: using ${converted} as input ${index} of ${node.op} would create a cycle (it is computed from that node's outputs)`);
    }
    this.importVar(converted, reason, options.importMissing ?? false);
    if (node === 'output') this.outputs[index] = converted;
    else node.inputs[index] = converted;
    this.addClient(converted, { node, index });
    this.removeClient(old, { node, index }, reason);
    this.executeCallbacks('onChangeInput', node, index, old, converted, reason);
  }

  /**
   * Makes every user of `v` use `newVar` instead. `newVar` must have `v`'s Type
   * (or one convertible to it): otherwise a TypeMismatchError. A Variable no
   * longer in the graph is left alone, as in PyTensor.
   *
   * @example
   * fg.replace(fg.outputs[0], y, { reason: 'x * 1 -> x' });
   */
  replace(v: Variable, newVar: Variable, options: ReplaceOptions = {}): void {
    checkOptions('FunctionGraph.replace', options, REPLACE_KEYS);
    const converted = v.type.filterVariable(newVar, true);
    if (!this.variables.has(v)) return;
    for (const c of [...this.getClients(v)]) {
      this.changeNodeInput(c.node, c.index, converted, options);
    }
  }

  /** replace for each (old, new) pair, in order. */
  replaceAll(pairs: readonly (readonly [Variable, Variable])[], options: ReplaceOptions = {}): void {
    checkOptions('FunctionGraph.replaceAll', options, REPLACE_KEYS);
    for (const [v, nv] of pairs) this.replace(v, nv, options);
  }

  attachFeature(feature: Feature): void {
    if (this.features.includes(feature)) return;
    feature.onAttach?.(this);
    this.features.push(feature);
  }

  removeFeature(feature: Feature): void {
    const k = this.features.indexOf(feature);
    if (k < 0) return;
    this.features.splice(k, 1);
    feature.onDetach?.(this);
  }

  private executeCallbacks(name: Callback, ...args: unknown[]): void {
    for (const f of this.features) {
      const fn = f[name] as ((this: Feature, fg: FunctionGraph, ...a: unknown[]) => void) | undefined;
      fn?.call(f, this, ...args);
    }
  }

  /** The ordering constraints of every feature, merged. */
  orderings(): Orderings {
    const merged = new Map<Apply, Apply[]>();
    for (const f of this.features) {
      const o = f.orderings?.(this);
      if (!o) continue;
      for (const [node, before] of o) merged.set(node, [...(merged.get(node) ?? []), ...before]);
    }
    return merged;
  }

  /** The nodes in a deterministic topological order that also honours the features' orderings. */
  toposort(): Apply[] {
    if (this.applyNodes.size < 2) return [...this.applyNodes];
    return ioToposort(this.inputs, this.outputs, this.orderings());
  }

  /**
   * Checks that the bookkeeping matches the graph: the nodes are exactly those
   * between the inputs and outputs, every variable and client is recorded and
   * no recorded one is stale. Throws an InconsistencyError naming the first problem.
   */
  checkIntegrity(): void {
    const nodes = new Set(applysBetween(this.inputs, this.outputs));
    if (nodes.size !== this.applyNodes.size || [...nodes].some((n) => !this.applyNodes.has(n))) {
      const extra = [...this.applyNodes].filter((n) => !nodes.has(n)).map(String);
      const missing = [...nodes].filter((n) => !this.applyNodes.has(n)).map(String);
      throw new InconsistencyError(`FunctionGraph: recorded nodes differ from the graph (stale: ${extra.join(', ') || 'none'}; missing: ${missing.join(', ') || 'none'})`);
    }
    const expected = new Map<Variable, Client[]>();
    const use = (v: Variable, c: Client) => {
      if (!expected.has(v)) expected.set(v, []);
      expected.get(v)!.push(c);
    };
    for (const node of this.applyNodes) {
      node.outputs.forEach((o, i) => {
        if (o.owner !== node || o.index !== i) throw new InconsistencyError(`FunctionGraph: output ${i} of ${node} does not point back to its node`);
        if (!this.variables.has(o)) throw new InconsistencyError(`FunctionGraph: ${o} (output of ${node.op}) is not recorded`);
        if (!expected.has(o)) expected.set(o, []);
      });
      node.inputs.forEach((v, i) => {
        if (!this.variables.has(v)) throw new InconsistencyError(`FunctionGraph: ${v} (input ${i} of ${node.op}) is not recorded`);
        if (v.owner === null && !v.isConstant() && !this.inputSet.has(v)) {
          throw new InconsistencyError(`FunctionGraph: ${v} (input ${i} of ${node.op}) has no owner and is not a graph input`);
        }
        use(v, { node, index: i });
      });
    }
    this.outputs.forEach((v, i) => use(v, { node: 'output', index: i }));
    for (const v of this.inputs) if (!expected.has(v)) expected.set(v, []);
    for (const v of this.variables) {
      if (!expected.has(v)) throw new InconsistencyError(`FunctionGraph: ${v} is recorded but not used by the graph`);
      const want = expected.get(v)!;
      const have = this.clients.get(v) ?? [];
      const key = (c: Client) => `${c.node === 'output' ? 'output' : c.node.id}:${c.index}`;
      const a = want.map(key).sort().join(',');
      const b = have.map(key).sort().join(',');
      if (a !== b) throw new InconsistencyError(`FunctionGraph: clients of ${v} are [${b}] but the graph has [${a}]`);
    }
    for (const v of expected.keys()) {
      if (!this.variables.has(v)) throw new InconsistencyError(`FunctionGraph: ${v} is used but not recorded`);
    }
  }

  /**
   * A copy of this graph (new nodes and variables, the same constants) and the
   * map from this graph's variables and nodes to the copy's.
   */
  cloneGetEquiv(checkIntegrity = true, attachFeatures = false): [FunctionGraph, CloneMap] {
    const equiv = cloneGetEquiv(this.inputs, this.outputs, { copyInputs: true, copyOrphans: false });
    const fg = new FunctionGraph(
      this.inputs.map((v) => equiv.get(v) as Variable),
      this.outputs.map((v) => equiv.get(v) as Variable),
      { clone: false, features: attachFeatures ? this.features : [] },
    );
    if (checkIntegrity) fg.checkIntegrity();
    return [fg, equiv];
  }

  /** A copy of this graph. */
  clone(checkIntegrity = true): FunctionGraph {
    return this.cloneGetEquiv(checkIntegrity)[0];
  }

  toString(): string {
    return `FunctionGraph(${this.outputs.map(String).join(', ')})`;
  }
}

/** Whether `v` is computed (directly or not) from an output of `node`. */
function dependsOn(v: Variable, node: Apply): boolean {
  const seen = new Set<Apply>();
  const stack: Apply[] = v.owner ? [v.owner] : [];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n === node) return true;
    if (seen.has(n)) continue;
    seen.add(n);
    for (const i of n.inputs) if (i.owner && !seen.has(i.owner)) stack.push(i.owner);
  }
  return false;
}
