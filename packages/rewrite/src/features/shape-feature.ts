/**
 * ShapeFeature (PyTensor's ShapeFeature): the symbolic shape of every tensor of
 * the graph, from each Op's inferShape, kept up to date as the graph changes.
 * Asking for a shape never computes the tensor itself.
 */
import type { Apply, Feature, FunctionGraph, ShapeTuple, Variable } from '@proj/graph';
import { ShapeI, TensorVariable } from '@proj/tensor';

/**
 * Answers shapeOf(v): one entry per dimension, a number when it is known
 * statically, otherwise a symbolic int64 scalar computed from the graph's
 * inputs' shapes. An Op without inferShape (or whose inferShape fails) falls
 * back to Shape_i of its output.
 *
 * @example
 * const sf = new ShapeFeature(); fg.attachFeature(sf);
 * sf.shapeOf(fg.outputs[0]); // [Shape_i{0}(x), 3]
 */
export class ShapeFeature implements Feature {
  private readonly shapes = new Map<Variable, ShapeTuple>();

  onAttach(fgraph: FunctionGraph): void {
    for (const v of fgraph.inputs) this.initVar(v);
    for (const node of fgraph.toposort()) this.onImport(fgraph, node);
  }

  onDetach(): void {
    this.shapes.clear();
  }

  onImport(fgraph: FunctionGraph, node: Apply): void {
    if (node.outputs.every((o) => this.shapes.has(o))) return;
    const inputShapes = node.inputs.map((v) => this.shapeOrInit(v));
    let outShapes: ShapeTuple[] | undefined;
    if (node.op.inferShape && inputShapes.every((s) => s !== undefined)) {
      try {
        outShapes = node.op.inferShape(fgraph, node, inputShapes as ShapeTuple[]);
      } catch {
        outShapes = undefined;
      }
    }
    node.outputs.forEach((o, i) => {
      const inferred = outShapes?.[i];
      if (inferred !== undefined && o instanceof TensorVariable && inferred.length === o.ndim) this.shapes.set(o, inferred.map((d, k) => o.type.shape[k] ?? d));
      else this.initVar(o);
    });
  }

  onChangeInput(fgraph: FunctionGraph, _node: Apply | 'output', _i: number, oldVar: Variable, newVar: Variable): void {
    if (this.shapes.has(newVar)) return;
    if (newVar.owner && !newVar.owner.outputs.every((o) => this.shapes.has(o))) this.onImport(fgraph, newVar.owner);
    const old = this.shapes.get(oldVar);
    // The new Variable computes the same value: the old symbolic shape stays valid.
    if (!this.shapes.has(newVar) && old !== undefined) this.shapes.set(newVar, old);
    else this.initVar(newVar);
  }

  /** The symbolic shape of `v` (undefined when it is not a tensor). */
  shapeOf(v: Variable): ShapeTuple | undefined {
    return this.shapeOrInit(v);
  }

  /** The length of dimension `i` of `v`. */
  shapeI(v: Variable, i: number): Variable | number | undefined {
    return this.shapeOf(v)?.[i];
  }

  private shapeOrInit(v: Variable): ShapeTuple | undefined {
    if (!this.shapes.has(v)) this.initVar(v);
    return this.shapes.get(v);
  }

  private initVar(v: Variable): void {
    if (this.shapes.has(v) || !(v instanceof TensorVariable)) return;
    this.shapes.set(
      v,
      v.type.shape.map((s, i) => (s !== null ? s : new ShapeI(i).call(v))),
    );
  }
}
