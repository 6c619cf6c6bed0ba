import { type Apply, Variable } from './basic';
import { ArgumentError } from './errors';
import { graphInputs, ioToposort } from './traversal';
import { checkOptions, optionKeys } from './options';

/** Old Variables and nodes -> their copies. */
export type CloneMap = Map<Variable | Apply, Variable | Apply>;

/** Options of cloneGetEquiv. */
export interface CloneOptions {
  /** Copy the inputs too (default true); otherwise the copy reuses them. */
  copyInputs?: boolean;
  /** Copy the orphans (constants, owner-less variables not in `inputs`; default true). */
  copyOrphans?: boolean;
  /** A prefilled map: these Variables are replaced by the given ones, not copied. */
  memo?: CloneMap;
}

const CLONE_KEYS = optionKeys<CloneOptions>({ copyInputs: true, copyOrphans: true, memo: true });

/**
 * Copies the graph between `inputs` and `outputs` and returns the map from
 * every original Variable and node to its copy.
 *
 * @example
 * const equiv = cloneGetEquiv([x], [z]);
 * equiv.get(z) !== z; // true: a new Variable computing the same thing
 */
export function cloneGetEquiv(inputs: readonly Variable[], outputs: readonly Variable[], options: CloneOptions = {}): CloneMap {
  checkOptions('cloneGetEquiv', options, CLONE_KEYS);
  const { copyInputs = true, copyOrphans = true } = options;
  const memo: CloneMap = options.memo ?? new Map();
  for (const v of inputs) {
    if (!memo.has(v)) memo.set(v, copyInputs ? v.clone() : v);
  }
  for (const node of ioToposort(inputs, outputs)) {
    const newInputs = node.inputs.map((v) => {
      let nv = memo.get(v) as Variable | undefined;
      if (nv === undefined) {
        // An orphan: a constant or an owner-less variable outside `inputs`.
        nv = copyOrphans ? v.clone() : v;
        memo.set(v, nv);
      }
      return nv;
    });
    const newNode = node.cloneWithNewInputs(newInputs, false);
    memo.set(node, newNode);
    node.outputs.forEach((out, i) => memo.set(out, newNode.outputs[i]!));
  }
  for (const v of outputs) {
    if (!memo.has(v)) memo.set(v, copyOrphans || inputs.includes(v) ? v.clone() : v);
  }
  return memo;
}

/**
 * Copies the graph between `inputs` and `outputs`; returns the new inputs and outputs.
 *
 * @example
 * const [[x2], [z2]] = clone([x], [z]);
 */
export function clone(
  inputs: readonly Variable[],
  outputs: readonly Variable[],
  options: Omit<CloneOptions, 'memo'> = {},
): [Variable[], Variable[]] {
  const equiv = cloneGetEquiv(inputs, outputs, options);
  return [inputs.map((v) => equiv.get(v) as Variable), outputs.map((v) => equiv.get(v) as Variable)];
}

/** Pairs of (old Variable, new Variable), as a Map or an array. */
export type Replacements = ReadonlyMap<Variable, Variable> | readonly (readonly [Variable, Variable])[];

/**
 * Copies the graph of `outputs` with some Variables replaced (PyTensor's
 * clone_replace / graph_replace). The graph's other inputs are kept, not copied;
 * the replacements' own graphs are used as they are. Each new Variable must
 * have the Type of the one it replaces (or be convertible to it).
 *
 * @example
 * const [w] = cloneReplace([x.add(y)], [[y, z]]); // x + z
 */
export function cloneReplace(outputs: readonly Variable[], replace: Replacements): Variable[] {
  const pairs = replace instanceof Map ? [...replace.entries()] : [...(replace as readonly (readonly [Variable, Variable])[])];
  const memo: CloneMap = new Map();
  for (const [oldV, newV] of pairs) {
    if (!(oldV instanceof Variable) || !(newV instanceof Variable)) {
      throw new ArgumentError({ op: 'cloneReplace', argument: 'replace', expected: 'pairs of Variables', given: `${String(oldV)} -> ${String(newV)}` });
    }
    memo.set(oldV, oldV.type.filterVariable(newV, true));
  }
  const inputs = graphInputs(outputs, pairs.map(([o]) => o)).filter((v) => !memo.has(v));
  const equiv = cloneGetEquiv([...inputs, ...pairs.map(([o]) => o)], outputs, { copyInputs: false, copyOrphans: false, memo });
  return outputs.map((v) => equiv.get(v) as Variable);
}
