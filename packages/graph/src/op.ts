import { Apply, Variable } from './basic';
import { config } from './config';
import { MethodNotDefinedError } from './errors';
import type { FunctionGraph } from './fgraph';
import { deepFreeze, stableKey, type Hashable } from './props';
import { computeTestValue } from './test-value';
import { addTagTrace } from './trace';

/** A single-element mutable cell holding a value (PyTensor's storage lists). */
export type StorageCell = [unknown];

/** Maps each Variable to its storage cell. */
export type StorageMap = Map<Variable, StorageCell>;

/** Maps each Variable to a cell saying whether its value has been computed. */
export type ComputeMap = Map<Variable, [boolean]>;

/** A zero-argument function that computes one node from the storage map. */
export type Thunk = (() => void) & { readonly node: Apply; readonly inputs: StorageCell[]; readonly outputs: StorageCell[] };

/** A symbolic shape: one entry per dimension, a symbolic integer scalar or a number. */
export type ShapeTuple = readonly (Variable | number)[];

/** Output index -> the input indices it overwrites (destroyMap) or aliases (viewMap). */
export type AliasMap = Readonly<Record<number, readonly number[]>>;

/** Plain data (or Hashable values) that parameterise an Op. */
export type OpProps = Readonly<Record<string, unknown>>;

/**
 * An operation: a small immutable value whose identity is (class, props).
 * Subclasses implement makeNode (type checks, output Types) and perform (the
 * JS kernel), and optionally grad/Lop, Rop and inferShape.
 *
 * @example
 * class Double extends Op {
 *   makeNode(x: Variable) { return new Apply(this, [x], [x.type.makeVariable()]); }
 *   perform(node: Apply, [x]: unknown[], [out]: StorageCell[]) { out[0] = 2 * (x as number); }
 * }
 * const y = new Double().call(x);
 */
export abstract class Op<P extends OpProps = OpProps> implements Hashable {
  readonly props: P;
  private cachedHash: string | undefined;

  constructor(props: P = {} as P) {
    // Copy before freezing so that the caller's arrays stay theirs to change.
    this.props = deepFreeze(plainCopy(props));
  }

  /** Builds the Apply node of this Op on `inputs`, checking their Types. */
  abstract makeNode(...inputs: Variable[]): Apply;

  /** Output index -> input indices that output overwrites in place. */
  get destroyMap(): AliasMap {
    return {};
  }

  /** Output index -> input indices that output is a view of. */
  get viewMap(): AliasMap {
    return {};
  }

  /** Which output `call` returns; null means the only output. */
  get defaultOutput(): number | null {
    return null;
  }

  /** The name printed for this Op: its class name, and props when there are any. */
  get name(): string {
    return this.constructor.name;
  }

  /** A canonical text equal exactly for equal Ops: the class and the props. */
  hash(): string {
    if (this.cachedHash === undefined) this.cachedHash = `${this.constructor.name}${stableKey(this.props)}`;
    return this.cachedHash;
  }

  /** Ops are equal when they are of the same class with equal props. */
  equals(other: unknown): boolean {
    return other === this || (other instanceof Op && other.constructor === this.constructor && other.hash() === this.hash());
  }

  toString(): string {
    const entries = Object.entries(this.props).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return this.name;
    return `${this.name}{${entries.map(([k, v]) => `${k}=${formatProp(v)}`).join(', ')}}`;
  }

  /**
   * Builds the node and returns its default output: the only output, or
   * `defaultOutput`. Records where user code made the node and computes its
   * test value when config.computeTestValue asks for it.
   */
  call(...inputs: Variable[]): Variable {
    return this.buildNode(inputs).defaultOutput();
  }

  /** Like call, but returns every output of the node. */
  callAll(...inputs: Variable[]): Variable[] {
    return this.buildNode(inputs).outputs;
  }

  private buildNode(inputs: Variable[]): Apply {
    const node = this.makeNode(...inputs);
    if (config.tracebackLimit > 0) addTagTrace(node);
    if (config.computeTestValue !== 'off') computeTestValue(node);
    return node;
  }

  /**
   * Computes the outputs from the input values into `outputStorage` (one cell per
   * output). An output cell may hold a previous value that may be reused.
   */
  perform(node: Apply, inputs: readonly unknown[], outputStorage: StorageCell[]): void {
    throw new MethodNotDefinedError(`${this}: perform is not defined for this Op`);
  }

  /**
   * The gradient with respect to each input, given the gradients of the outputs.
   * A non-differentiable input gets a NullType variable (gradUndefined or
   * gradNotImplemented); an input the outputs do not depend on, a DisconnectedType one.
   */
  grad(inputs: readonly Variable[], outputGrads: readonly Variable[]): Variable[] {
    throw new MethodNotDefinedError(`${this}: grad is not implemented for this Op`);
  }

  /** The L-operator (vector-Jacobian product). By default, calls grad. */
  Lop(inputs: readonly Variable[], outputs: readonly Variable[], outputGrads: readonly Variable[]): Variable[] {
    return this.grad(inputs, outputGrads);
  }

  /** The R-operator (Jacobian-vector product) at `evalPoints` (null: that input does not vary). */
  Rop(inputs: readonly Variable[], evalPoints: readonly (Variable | null)[]): (Variable | null)[] {
    throw new MethodNotDefinedError(`${this}: Rop is not implemented for this Op`);
  }

  /**
   * For each input, whether each output depends on it: `result[input][output]`.
   * By default every output depends on every input.
   */
  connectionPattern(node: Apply): boolean[][] {
    return node.inputs.map(() => node.outputs.map(() => true));
  }

  /**
   * The symbolic output shapes from the input shapes, without computing the
   * outputs. Ops that do not define it are answered by computing them.
   */
  inferShape?(fgraph: FunctionGraph | undefined, node: Apply, inputShapes: readonly ShapeTuple[]): ShapeTuple[];

  /** Whether the rewriter may fold this node when all its inputs are constants. */
  doConstantFolding(fgraph: FunctionGraph | undefined, node: Apply): boolean {
    return true;
  }

  /** Called once before makeThunk; may specialise the node. */
  prepareNode(node: Apply, storageMap: StorageMap | undefined, computeMap: ComputeMap | undefined, impl: string | undefined): void {}

  /**
   * A thunk that reads the input cells, runs perform and marks the outputs computed.
   * Backends with their own kernels build their own thunks instead.
   */
  makeThunk(node: Apply, storageMap: StorageMap, computeMap: ComputeMap, noRecycling: readonly Variable[], impl?: string): Thunk {
    this.prepareNode(node, storageMap, computeMap, impl);
    const inputs = node.inputs.map((v) => cellOf(storageMap, v));
    const outputs = node.outputs.map((v) => cellOf(storageMap, v));
    const computed = node.outputs.map((v) => computeMap.get(v));
    const noReuse = new Set(noRecycling);
    const fresh = node.outputs.map((v) => noReuse.has(v));
    const thunk = () => {
      for (let i = 0; i < outputs.length; i++) if (fresh[i]) outputs[i]![0] = undefined;
      this.perform(node, inputs.map((c) => c[0]), outputs);
      for (const c of computed) if (c) c[0] = true;
    };
    return Object.assign(thunk, { node, inputs, outputs });
  }
}

function plainCopy<T>(value: T): T {
  if (Array.isArray(value)) return value.map(plainCopy) as T;
  if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plainCopy(v)])) as T;
  }
  return value;
}

function cellOf(storageMap: StorageMap, v: Variable): StorageCell {
  let cell = storageMap.get(v);
  if (cell === undefined) {
    cell = [undefined];
    storageMap.set(v, cell);
  }
  return cell;
}

function formatProp(v: unknown): string {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return `(${v.map(formatProp).join(', ')})`;
  if (v !== null && typeof v === 'object' && !('hash' in v)) return JSON.stringify(v);
  return String(v);
}
