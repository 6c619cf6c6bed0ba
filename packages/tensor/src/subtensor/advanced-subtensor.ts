/**
 * AdvancedSubtensor1 (x[ilist]: one integer vector on the first axis, the
 * fast path) and AdvancedSubtensor (any mix of integer arrays, bool masks,
 * ints, slices, newaxis and ellipsis, with NumPy's placement of the broadcast
 * advanced dimensions). Both copy the selected elements into a new array.
 */
import {
  Apply,
  Op,
  TypeMismatchError,
  config,
  disconnectedType,
  gradNotImplemented,
  type FunctionGraph,
  type ShapeTuple,
  type StorageCell,
  type Variable,
} from '@proj/graph';
import { isComplex, isDiscrete, rawArrayCtor } from '../dtype/dtypes';
import { TensorType } from '../type/tensor-type';
import { fromRaw, rawView, type NDArray } from '../value/ndarray';
import { TensorConstant, TensorVariable } from '../variable/tensor-variable';
import { zerosLike } from '../basic/fill';
import { sum } from '../reduce/sum';
import { ShapeI } from '../shape/shape';
import { gather, planIndex, type IndexPlan } from './advanced-kernel';
import { checkedLayout, isFullSlice, outputParts, staticOutputShape, type IdxSpec, type Layout, type Ref } from './advanced-layout';
import { checkIndexVector, checkTensorInput, nodeLayout, planSubtensor1, runtimeEntries } from './advanced-runtime';
import { AdvancedIncSubtensor, AdvancedIncSubtensor1 } from './advanced-inc';
import { canonicalSlice } from './slice-length';

/**
 * The static length of an index vector: a constant's actual length.
 *
 * @example
 * staticLength(pt.constant([0, 2, 2])); // 3
 */
export function staticLength(v: TensorVariable): number | null {
  return v instanceof TensorConstant ? v.data.shape[0]! : v.type.shape[0]!;
}

function gatherValue(x: NDArray, plan: IndexPlan): NDArray {
  const v = rawView(x);
  const out = new (rawArrayCtor(x.dtype))(plan.offsets.length * v.width);
  gather(v.data, v.width, plan.offsets, out);
  return fromRaw(x.dtype, out, plan.shape);
}

/** The gradient of x for indexing ops: zeros like x (floatX for discrete x) incremented by gz at the indices. */
function indexingGradX(op: Op, x: TensorVariable, gz: TensorVariable, inc: (gx: TensorVariable) => Variable): Variable {
  if (isComplex(x.dtype)) return gradNotImplemented(op, 0, x, 'No support for complex gradients of indexing yet.');
  return inc(isDiscrete(x.dtype) ? zerosLike(x, config.floatX) : zerosLike(x));
}

/**
 * x[ilist] for an integer vector ilist: rows of x picked along the first axis
 * (PyTensor's AdvancedSubtensor1, the fast path of advanced indexing).
 *
 * @example
 * new AdvancedSubtensor1().call(x, pt.constant([2, 0, 2])); // rows 2, 0, 2 of x
 */
export class AdvancedSubtensor1 extends Op {
  makeNode(x: Variable, ilist: Variable): Apply {
    const xt = checkTensorInput(this.name, 0, x);
    if (xt.ndim === 0) throw new TypeMismatchError({ op: this.name, argument: 0, expected: 'a tensor with at least 1 dimension', given: `${xt} of type ${xt.type}` });
    const it = checkIndexVector(this.name, 1, ilist);
    const shape = [staticLength(it), ...xt.type.shape.slice(1)];
    return new Apply(this, [xt, it], [new TensorType(xt.dtype, shape).makeVariable()]);
  }

  override perform(_node: Apply, [x, ilist]: readonly unknown[], out: StorageCell[]): void {
    out[0]![0] = gatherValue(x as NDArray, planSubtensor1(this.name, x as NDArray, ilist as NDArray));
  }

  override inferShape(_fg: FunctionGraph | undefined, _node: Apply, [xShape, iShape]: readonly ShapeTuple[]): ShapeTuple[] {
    return [[iShape![0]!, ...xShape!.slice(1)]];
  }

  override connectionPattern(): boolean[][] {
    return [[true], [false]];
  }

  override Lop(inputs: readonly Variable[], _outputs: readonly Variable[], [gz]: readonly Variable[]): Variable[] {
    const [x, ilist] = inputs as TensorVariable[];
    const gx = indexingGradX(this, x!, gz as TensorVariable, (zeros) => new AdvancedIncSubtensor1().call(zeros, gz!, ilist!));
    return [gx, disconnectedType()];
  }

  override grad(inputs: readonly Variable[], outputGrads: readonly Variable[]): Variable[] {
    return this.Lop(inputs, [], outputGrads);
  }

  override Rop(inputs: readonly Variable[], [ev]: readonly (Variable | null)[]): (Variable | null)[] {
    return [ev === null || ev === undefined ? null : this.call(ev, inputs[1]!)];
  }
}

/**
 * General advanced indexing (PyTensor's AdvancedSubtensor): `idxList` says
 * what each index entry is; integer arrays, bool masks and symbolic ints or
 * slice bounds are node inputs after x, in order.
 *
 * @example
 * new AdvancedSubtensor([{ kind: 'slice', start: null, stop: null, step: null }, { kind: 'array' }]).call(x, idx); // x[:, idx]
 */
export class AdvancedSubtensor extends Op<{ idxList: readonly IdxSpec[] }> {
  constructor(idxList: readonly IdxSpec[]) {
    super({ idxList: [...idxList] });
  }

  get idxList(): readonly IdxSpec[] {
    return this.props.idxList;
  }

  makeNode(x: Variable, ...indices: Variable[]): Apply {
    const xt = checkTensorInput(this.name, 0, x);
    const inputs = [xt, ...indices];
    const layout = checkedLayout(this.name, this.idxList, xt, inputs, 1);
    const shape = staticOutputShape(this.name, layout, xt.type.shape, inputs);
    return new Apply(this, inputs, [new TensorType(xt.dtype, shape).makeVariable()]);
  }

  override perform(node: Apply, values: readonly unknown[], out: StorageCell[]): void {
    const x = values[0] as NDArray;
    const layout = nodeLayout(this.name, this.idxList, node, 1);
    const v = rawView(x);
    const plan = planIndex(this.name, x.shape, v.strides, v.offset, runtimeEntries(this.name, layout, values, x.shape), layout.advFirst);
    out[0]![0] = gatherValue(x, plan);
  }

  /** Symbolic lengths where they follow from the inputs' shapes; otherwise the output's own (computed) length. */
  override inferShape(_fg: FunctionGraph | undefined, node: Apply, shapes: readonly ShapeTuple[]): ShapeTuple[] {
    const layout = nodeLayout(this.name, this.idxList, node, 1);
    const outVar = node.outputs[0] as TensorVariable;
    const own = (i: number): Variable => new ShapeI(i).call(outVar);
    const result: (Variable | number)[] = [];
    for (const p of outputParts(layout)) {
      if (p === 'adv') {
        result.push(...advancedBlockShape(layout, node, shapes, result.length, own));
        continue;
      }
      const e = layout.entries[p]!;
      const i = result.length;
      const known = outVar.type.shape[i];
      if (known !== null && known !== undefined) result.push(known);
      else if (e.kind === 'slice' && isFullSlice(e, node.inputs)) result.push(shapes[0]![e.axis]!);
      else if (e.kind === 'slice') {
        const b = (r: Ref) => (r === null || typeof r === 'number' ? r : (node.inputs[r.input] as TensorVariable));
        const n = shapes[0]![e.axis]! as number | TensorVariable;
        result.push(canonicalSlice(b(e.start), b(e.stop), b(e.step), n, this.name).length);
      } else result.push(own(i));
    }
    return [result];
  }

  override connectionPattern(node: Apply): boolean[][] {
    return node.inputs.map((_, i) => [i === 0]);
  }

  override Lop(inputs: readonly Variable[], _outputs: readonly Variable[], [gz]: readonly Variable[]): Variable[] {
    const x = inputs[0] as TensorVariable;
    const rest = inputs.slice(1);
    const gx = indexingGradX(this, x, gz as TensorVariable, (zeros) => new AdvancedIncSubtensor(this.idxList).call(zeros, gz!, ...rest));
    return [gx, ...rest.map(() => disconnectedType())];
  }

  override grad(inputs: readonly Variable[], outputGrads: readonly Variable[]): Variable[] {
    return this.Lop(inputs, [], outputGrads);
  }

  override Rop(inputs: readonly Variable[], [ev]: readonly (Variable | null)[]): (Variable | null)[] {
    return [ev === null || ev === undefined ? null : this.call(ev, ...inputs.slice(1))];
  }
}

/**
 * The symbolic lengths of the broadcast advanced block, starting at output
 * dimension `at`: a static length when known, the length of the one index
 * array that is not of length 1 there, the number of true elements of a lone
 * bool mask, else the output's own length.
 */
function advancedBlockShape(layout: Layout, node: Apply, shapes: readonly ShapeTuple[], at: number, own: (i: number) => Variable): (Variable | number)[] {
  const outVar = node.outputs[0] as TensorVariable;
  const arrays = layout.entries.filter((e) => e.kind === 'array');
  const nd = Math.max(0, ...arrays.map((e) => (e.isBool ? 1 : (node.inputs[e.input] as TensorVariable).ndim)));
  const out: (Variable | number)[] = [];
  for (let d = 0; d < nd; d++) {
    const known = outVar.type.shape[at + d];
    if (known !== null && known !== undefined) {
      out.push(known);
      continue;
    }
    // The entries that may be longer than 1 along this block dimension.
    const open = arrays.filter((e) => {
      const t = node.inputs[e.input] as TensorVariable;
      const shp = e.isBool ? [null] : t.type.shape;
      const j = d - (nd - shp.length);
      return j >= 0 && shp[j] !== 1;
    });
    const e = open[0];
    if (open.length !== 1 || e === undefined) {
      out.push(own(at + d));
      continue;
    }
    const t = node.inputs[e.input] as TensorVariable;
    if (!e.isBool) out.push(shapes[e.input]![d - (nd - t.ndim)]!);
    else if (t instanceof TensorConstant) out.push(own(at + d));
    else out.push(sum(t));
  }
  return out;
}
