import type { Apply, Variable } from './basic';
import { config } from './config';
import { ArgumentError, MissingInputError, NodeError } from './errors';
import type { StorageCell } from './op';
import { formatTrace } from './trace';
import { graphInputs, ioToposort, type Orderings } from './traversal';
import { checkOptions, optionKeys } from './options';

/**
 * Values for graph inputs: a Map or pairs keyed by Variable, or a plain object
 * keyed by input name.
 */
export type Givens =
  | ReadonlyMap<Variable, unknown>
  | readonly (readonly [Variable, unknown])[]
  | Readonly<Record<string, unknown>>;

/** Turns any form of Givens into a Map keyed by the Variables of `outputs`' graph. */
export function resolveGivens(outputs: readonly Variable[], givens: Givens | undefined): Map<Variable, unknown> {
  if (givens === undefined) return new Map();
  if (givens instanceof Map) return new Map(givens);
  if (Array.isArray(givens)) {
    const m = new Map<Variable, unknown>();
    (givens as readonly (readonly [Variable, unknown])[]).forEach((pair, i) => {
      if (!Array.isArray(pair) || !isVariableLike(pair[0])) {
        throw new ArgumentError({ op: 'evaluate', argument: `givens[${i}]`, expected: 'a [Variable, value] pair', given: String(pair) });
      }
      m.set(pair[0], pair[1]);
    });
    return m;
  }
  const byName = new Map<string, Variable[]>();
  for (const v of graphInputs(outputs)) {
    if (v.name === undefined || v.isConstant()) continue;
    byName.set(v.name, [...(byName.get(v.name) ?? []), v]);
  }
  const m = new Map<Variable, unknown>();
  for (const [name, value] of Object.entries(givens)) {
    const found = byName.get(name);
    if (!found) {
      const known = [...byName.keys()].map((k) => `'${k}'`).join(', ') || 'none';
      throw new ArgumentError({ op: 'evaluate', argument: `givens.${name}`, expected: `the name of an input of the graph (${known})`, given: `'${name}'` });
    }
    if (found.length > 1) {
      throw new ArgumentError({ op: 'evaluate', argument: `givens.${name}`, expected: 'a name used by one input only', given: `'${name}', the name of ${found.length} inputs (key the givens by Variable)` });
    }
    m.set(found[0]!, value);
  }
  return m;
}

// Duck-typed so that basic.ts (Variable.eval) can import this file without a cycle.
function isVariableLike(x: unknown): x is Variable {
  return typeof x === 'object' && x !== null && 'type' in x && 'owner' in x && typeof (x as Variable).storedValue === 'function';
}

/** A one-line description of a node for error messages. */
export function describeNode(node: Apply): string {
  return `${node.op}(${node.inputs.map(String).join(', ')})`;
}

/** Options of evaluate. */
export interface EvaluateOptions {
  /**
   * Extra orderings (node -> nodes to run before it): a graph with in-place
   * nodes passes fgraph.orderings(), so that each destroyer runs after the
   * other readers of the value it overwrites.
   */
  orderings?: Orderings;
}

const EVALUATE_KEYS = optionKeys<EvaluateOptions>({ orderings: true });

/**
 * The reference evaluator: computes `outputs` by walking the graph in
 * topological order and calling each Op's perform. Slow and obviously correct;
 * backends are tested against it. Given values are converted with their
 * Variable's Type (filter); constants and shared variables supply their own.
 *
 * @example
 * const [z] = evaluate([x.add(y)], [[x, 1], [y, 2]]); // 3
 * evaluate(fg.outputs, givens, { orderings: fg.orderings() }); // a graph with in-place nodes
 */
export function evaluate(outputs: readonly Variable[], givens?: Givens, options: EvaluateOptions = {}): unknown[] {
  checkOptions('evaluate', options, EVALUATE_KEYS);
  const given = resolveGivens(outputs, givens);
  const values = new Map<Variable, unknown>();
  for (const [v, value] of given) values.set(v, filterGiven(v, value));
  const valueOf = (v: Variable, node?: Apply, position?: number): unknown => {
    if (values.has(v)) return values.get(v);
    const stored = v.storedValue();
    if (stored !== undefined) return stored.value;
    const user = node ? ` (input ${position} of ${describeNode(node)})` : '';
    throw new MissingInputError(`evaluate: no value was given for ${v} of type ${v.type}${user}`, v);
  };
  for (const node of ioToposort(given.keys(), outputs, options.orderings)) {
    const inputs = node.inputs.map((v, i) => valueOf(v, node, i));
    const storage: StorageCell[] = node.outputs.map(() => [undefined]);
    try {
      node.op.perform(node, inputs, storage);
    } catch (e) {
      throw nodeError(node, inputs, e);
    }
    node.outputs.forEach((out, i) => {
      const value = storage[i]![0];
      if (!out.type.isValidValue(value)) {
        throw nodeError(node, inputs, new Error(`perform returned for output ${i} ${out.type.describeValue(value)}, which is not a value of ${out.type}`));
      }
      values.set(out, value);
    });
  }
  return outputs.map((v) => valueOf(v));
}

function filterGiven(v: Variable, value: unknown): unknown {
  try {
    return v.type.filter(value, { strict: false });
  } catch (e) {
    (e as Error).message = `value given for ${v}: ${(e as Error).message}`;
    throw e;
  }
}

/**
 * Wraps an error raised while computing `node` into a NodeError naming the node,
 * its inputs (type and runtime description) and where user code created it.
 */
export function nodeError(node: Apply, inputs: readonly unknown[], cause: unknown): NodeError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  const lines = [
    `Error computing node ${describeNode(node)}: ${reason}`,
    ...node.inputs.map((v, i) => `  input ${i}: ${v} of type ${v.type}, value ${v.type.describeValue(inputs[i])}`),
    formatTrace(node.tag.trace, 'Node created at'),
  ];
  if (config.exceptionVerbosity === 'high') {
    lines.push(...inputs.map((x, i) => `  value of input ${i}: ${String(x)}`));
  }
  return new NodeError(lines.join('\n'), node, cause);
}
