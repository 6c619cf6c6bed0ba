import { Apply, type Variable } from './basic';
import { cloneReplace } from './clone';
import { ArgumentError, MethodNotDefinedError, MissingInputError } from './errors';
import { evaluate } from './evaluate';
import { FunctionGraph } from './fgraph';
import { Op, type StorageCell } from './op';
import { ancestors } from './traversal';
import { checkOptions, optionKeys } from './options';

/** An Op defined by a graph of its own (OpFromGraph, and Scan-like Ops later). */
export interface HasInnerGraph {
  /** The inner graph. */
  readonly fgraph: FunctionGraph;
  readonly innerInputs: readonly Variable[];
  readonly innerOutputs: readonly Variable[];
}

/** Whether `op` carries an inner graph. */
export function hasInnerGraph(op: unknown): op is Op & HasInnerGraph {
  return op instanceof Op && (op as Partial<HasInnerGraph>).fgraph instanceof FunctionGraph;
}

/** A user-given gradient: (inputs, outputs, output gradients) -> input gradients. */
export type LopOverride = (inputs: readonly Variable[], outputs: readonly Variable[], outputGrads: readonly Variable[]) => Variable[];

/** A user-given R-operator: (inputs, evaluation points) -> output directional derivatives. */
export type RopOverride = (inputs: readonly Variable[], evalPoints: readonly (Variable | null)[]) => (Variable | null)[];

/** Options of OpFromGraph. */
export interface OpFromGraphOptions {
  /** The name printed for the Op. */
  name?: string;
  /** Ask the rewriter to replace the node by its inner graph (default false). */
  inline?: boolean;
  /** A gradient to use instead of differentiating the inner graph. */
  lopOverrides?: LopOverride;
  /** An R-operator to use instead of the inner graph's. */
  ropOverrides?: RopOverride;
}

let nextOfg = 0;

const OFG_KEYS = optionKeys<OpFromGraphOptions>({ name: true, inline: true, lopOverrides: true, ropOverrides: true });

/**
 * An Op whose computation is a graph: `new OpFromGraph([x, y], [z])` makes an Op
 * that computes z from any two inputs of the Types of x and y. Shared variables
 * used inside become extra inputs of each node, so their current values are used.
 * perform evaluates the inner graph; @proj/gradient differentiates it (or uses
 * `lopOverrides` / `ropOverrides`); with `inline`, the rewriter expands it.
 * Each OpFromGraph is its own Op: two are equal only when they are the same object.
 *
 * @example
 * const op = new OpFromGraph([x, y], [x.add(y).mul(x)], { name: 'addMul' });
 * const w = op.call(a, b);
 */
export class OpFromGraph extends Op<{ readonly id: number; readonly name: string; readonly inline: boolean }> implements HasInnerGraph {
  readonly fgraph: FunctionGraph;
  /** Shared variables of the inner graph, appended to every node's inputs. */
  readonly sharedInputs: readonly Variable[];
  readonly lopOverrides: LopOverride | undefined;
  readonly ropOverrides: RopOverride | undefined;
  private readonly nExplicit: number;

  constructor(inputs: readonly Variable[], outputs: readonly Variable[], options: OpFromGraphOptions = {}) {
    checkOptions('OpFromGraph', options, OFG_KEYS);
    super({ id: nextOfg++, name: options.name ?? 'OpFromGraph', inline: options.inline ?? false });
    inputs.forEach((v, i) => {
      if (v.owner !== null || v.isConstant() || v.storedValue() !== undefined) {
        throw new ArgumentError({ op: 'OpFromGraph', argument: `inputs[${i}]`, expected: 'a free input Variable (no owner, not a constant or shared variable)', given: String(v) });
      }
    });
    try {
      this.fgraph = new FunctionGraph(inputs, outputs, { clone: true });
    } catch (e) {
      if (e instanceof MissingInputError) {
        throw new MissingInputError(`OpFromGraph: the outputs depend on ${String(e.variable)}, which is not among the inputs`, e.variable);
      }
      throw e;
    }
    this.nExplicit = inputs.length;
    this.sharedInputs = this.fgraph.inputs.slice(inputs.length);
    this.lopOverrides = options.lopOverrides;
    this.ropOverrides = options.ropOverrides;
  }

  override get name(): string {
    return this.props.name;
  }

  override toString(): string {
    return this.props.inline ? `${this.props.name}{inline}` : this.props.name;
  }

  get innerInputs(): readonly Variable[] {
    return this.fgraph.inputs;
  }

  get innerOutputs(): readonly Variable[] {
    return this.fgraph.outputs;
  }

  /** Whether the rewriter should expand the node into its inner graph. */
  get isInline(): boolean {
    return this.props.inline;
  }

  makeNode(...inputs: Variable[]): Apply {
    if (inputs.length !== this.nExplicit) {
      throw new ArgumentError({ op: this.name, argument: 'inputs', expected: `${this.nExplicit} inputs`, given: `${inputs.length}` });
    }
    const checked = inputs.map((v, i) => this.innerInputs[i]!.type.filterVariable(v, true));
    return new Apply(this, [...checked, ...this.sharedInputs], this.innerOutputs.map((o) => o.type.makeVariable()));
  }

  override perform(node: Apply, inputs: readonly unknown[], outputStorage: StorageCell[]): void {
    const values = evaluate(this.innerOutputs, this.innerInputs.map((v, i) => [v, inputs[i]] as const));
    values.forEach((v, i) => (outputStorage[i]![0] = v));
  }

  /**
   * The inner outputs rebuilt on `inputs` (the node's inputs, shared ones
   * included): the node expanded in place. Rewriters and the gradient use it.
   */
  inlineOutputs(inputs: readonly Variable[]): Variable[] {
    return cloneReplace(this.innerOutputs, this.innerInputs.map((v, i) => [v, inputs[i]!] as const));
  }

  override connectionPattern(node: Apply): boolean[][] {
    const deps = this.innerOutputs.map((o) => new Set(ancestors([o])));
    return this.innerInputs.map((v) => deps.map((d) => d.has(v)));
  }

  override Lop(inputs: readonly Variable[], outputs: readonly Variable[], outputGrads: readonly Variable[]): Variable[] {
    if (this.lopOverrides) return this.lopOverrides(inputs, outputs, outputGrads);
    throw new MethodNotDefinedError(
      `${this.name}: without lopOverrides, the gradient of an OpFromGraph is derived from its inner graph by grad() of @proj/gradient`,
    );
  }

  override grad(inputs: readonly Variable[], outputGrads: readonly Variable[]): Variable[] {
    return this.Lop(inputs, [], outputGrads);
  }

  override Rop(inputs: readonly Variable[], evalPoints: readonly (Variable | null)[]): (Variable | null)[] {
    if (this.ropOverrides) return this.ropOverrides(inputs, evalPoints);
    throw new MethodNotDefinedError(
      `${this.name}: without ropOverrides, the R-operator of an OpFromGraph is derived from its inner graph by Rop() of @proj/gradient`,
    );
  }
}
