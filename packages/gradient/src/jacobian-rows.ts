/**
 * JacobianRows: the Op that assembles a Jacobian from the graph of one row.
 * The row graph takes a symbolic row index; perform evaluates it once per row
 * (with the reference evaluator, or with a compiled function when a compile
 * function is given) and stacks the rows. It plays the part of PyTensor's
 * Scan over arange(n) in jacobian, for graphs whose length is known at run time only.
 */
import {
  Apply,
  ArgumentError,
  FunctionGraph,
  Op,
  ShapeError,
  TypeMismatchError,
  ancestors,
  describeThing,
  disconnectedType,
  evaluate,
  gradNotImplemented,
  type HasInnerGraph,
  type ShapeTuple,
  type StorageCell,
  type Variable,
} from '@proj/graph';
import * as pt from '@proj/tensor';

/**
 * A compile function (such as backend-js's compile): the inputs and outputs of
 * a graph -> a function of the input values returning the output values (a list).
 */
export type InnerCompile = (inputs: readonly Variable[], outputs: readonly Variable[]) => (...args: unknown[]) => unknown;

/** Options of JacobianRows. */
export interface JacobianRowsOptions {
  /** Compiles the row graph once instead of interpreting it with the reference evaluator for every row. */
  compile?: InnerCompile;
}

let nextId = 0;

/**
 * Rows stacked into arrays: node inputs are the number of rows n, the lengths
 * of each row (one integer scalar per dimension of each output's row), then
 * the invariant inputs of the row graph; output k has shape (n, ...row k's shape).
 * Each JacobianRows is its own Op (equal only to itself), as OpFromGraph.
 *
 * @example
 * const op = new JacobianRows(i, [x], [rowGrad]);
 * const [J] = op.callAll(n, len0, x);
 */
export class JacobianRows extends Op<{ readonly id: number; readonly ndims: readonly number[] }> implements HasInnerGraph {
  readonly fgraph: FunctionGraph;
  private readonly compileFn: InnerCompile | undefined;
  private compiled: ((...args: unknown[]) => unknown) | undefined;

  /**
   * @param index the row index of the row graph (an int64 scalar input)
   * @param invariants the other inputs of the row graph (they do not depend on the index)
   * @param rows the row graph's outputs, one tensor per output of the Op
   */
  constructor(index: Variable, invariants: readonly Variable[], rows: readonly Variable[], options: JacobianRowsOptions = {}) {
    if (!(index instanceof pt.TensorVariable) || index.ndim !== 0 || index.dtype !== 'int64') {
      throw new TypeMismatchError({ op: 'JacobianRows', argument: 'index', expected: 'an int64 scalar', given: describeThing(index) });
    }
    rows.forEach((r, k) => {
      if (!(r instanceof pt.TensorVariable)) throw new TypeMismatchError({ op: 'JacobianRows', argument: `rows[${k}]`, expected: 'a tensor', given: describeThing(r) });
    });
    super({ id: nextId++, ndims: rows.map((r) => (r as pt.TensorVariable).ndim) });
    this.fgraph = new FunctionGraph([index, ...invariants], rows, { clone: true });
    if (this.fgraph.inputs.length !== 1 + invariants.length) {
      throw new ArgumentError({ op: 'JacobianRows', argument: 'invariants', expected: 'every free input of the row graph', given: `${this.fgraph.inputs.length - 1 - invariants.length} more` });
    }
    this.compileFn = options.compile;
  }

  get innerInputs(): readonly Variable[] {
    return this.fgraph.inputs;
  }

  get innerOutputs(): readonly Variable[] {
    return this.fgraph.outputs;
  }

  /** How many length inputs follow n. */
  get nLengths(): number {
    return this.props.ndims.reduce((a, b) => a + b, 0);
  }

  override get name(): string {
    return 'JacobianRows';
  }

  override toString(): string {
    return 'JacobianRows';
  }

  makeNode(n: Variable, ...rest: Variable[]): Apply {
    const L = this.nLengths;
    const m = this.innerInputs.length - 1;
    if (rest.length !== L + m) {
      throw new ArgumentError({ op: this.name, argument: 'inputs', expected: `${1 + L + m} inputs (n, ${L} lengths, ${m} invariants)`, given: `${1 + rest.length}` });
    }
    [n, ...rest.slice(0, L)].forEach((v, i) => {
      if (!(v instanceof pt.TensorVariable) || v.ndim !== 0 || !pt.isInteger(v.dtype)) {
        throw new TypeMismatchError({ op: this.name, argument: i, expected: 'an integer scalar (a length)', given: describeThing(v) });
      }
    });
    const invariants = rest.slice(L).map((v, k) => this.innerInputs[1 + k]!.type.filterVariable(v, true));
    const nStatic = pt.constantScalarInt(n) ?? null;
    let pos = 0;
    const outputs = this.innerOutputs.map((r) => {
      const rt = r.type as pt.TensorType;
      const lengths = rest.slice(pos, pos + rt.ndim);
      pos += rt.ndim;
      return new pt.TensorType(rt.dtype, [nStatic, ...lengths.map((l, d) => pt.constantScalarInt(l) ?? rt.shape[d]!)]).makeVariable();
    });
    return new Apply(this, [n, ...rest.slice(0, L), ...invariants], outputs);
  }

  override perform(node: Apply, inputs: readonly unknown[], out: StorageCell[]): void {
    const n = pt.intValues(inputs[0] as pt.NDArray)[0]!;
    if (n < 0) throw new ShapeError({ op: this.name, argument: 0, expected: 'a non-negative number of rows', given: String(n) });
    let pos = 1;
    const shapes = this.props.ndims.map((nd) => {
      const s = inputs.slice(pos, pos + nd).map((v) => pt.intValues(v as pt.NDArray)[0]!);
      pos += nd;
      return s;
    });
    const invariants = inputs.slice(pos);
    const dtypes = node.outputs.map((o) => (o.type as pt.TensorType).dtype);
    const sizes = shapes.map((s, k) => pt.sizeOf(s) * pt.dtypeWidth(dtypes[k]!));
    const raws = dtypes.map((d, k) => new (pt.rawArrayCtor(d))(n * sizes[k]!));
    const indexType = this.innerInputs[0]!.type as pt.TensorType;
    for (let r = 0; r < n; r++) {
      const rows = this.runRow([indexType.filter(r), ...invariants]);
      rows.forEach((v, k) => {
        if (!pt.isNDArray(v) || v.shape.length !== shapes[k]!.length || v.shape.some((s, d) => s !== shapes[k]![d])) {
          throw new ShapeError({ op: this.name, argument: `row ${r} of output ${k}`, expected: `shape (${shapes[k]!.join(', ')})`, given: pt.isNDArray(v) ? `shape (${v.shape.join(', ')})` : describeThing(v) });
        }
        const src = pt.rawView(pt.copyArray(v.dtype === dtypes[k] ? v : pt.castArray(v, dtypes[k]!)));
        (raws[k] as unknown as { set(a: ArrayLike<unknown>, at: number): void }).set(src.data.subarray(src.offset, src.offset + sizes[k]!) as ArrayLike<unknown>, r * sizes[k]!);
      });
    }
    raws.forEach((raw, k) => (out[k]![0] = pt.fromRaw(dtypes[k]!, raw, [n, ...shapes[k]!])));
  }

  /** The row graph's outputs for one row: compiled once when a compile function was given, else evaluated. */
  private runRow(values: readonly unknown[]): unknown[] {
    if (this.compileFn === undefined) return evaluate(this.innerOutputs, this.innerInputs.map((v, k) => [v, values[k]] as const));
    this.compiled ??= this.compileFn(this.innerInputs, this.innerOutputs);
    const res = this.compiled(...values);
    return Array.isArray(res) ? res : [res];
  }

  override inferShape(_fg: FunctionGraph | undefined, node: Apply): ShapeTuple[] {
    let pos = 1;
    return this.props.ndims.map((nd) => {
      const lengths = node.inputs.slice(pos, pos + nd);
      pos += nd;
      return [node.inputs[0]!, ...lengths];
    });
  }

  override connectionPattern(node: Apply): boolean[][] {
    const L = this.nLengths;
    const deps = this.innerOutputs.map((o) => new Set(ancestors([o])));
    return node.inputs.map((_, i) => (i <= L ? deps.map(() => false) : deps.map((d) => d.has(this.innerInputs[i - L]!))));
  }

  override grad(inputs: readonly Variable[]): Variable[] {
    const L = this.nLengths;
    return inputs.map((x, i) =>
      i <= L ? disconnectedType() : gradNotImplemented(this, i, x, 'Differentiating a Jacobian built row by row is not implemented: differentiate the gradient graph (grad of grad) instead.'),
    );
  }
}
