/**
 * AdvancedIncSubtensor1 and AdvancedIncSubtensor: x with y added at (or, with
 * setInsteadOfInc, written to) the positions that AdvancedSubtensor1 /
 * AdvancedSubtensor select. Repeated indices accumulate as np.add.at does,
 * unless ignoreDuplicates (x[idx] += y: the last occurrence wins); for set,
 * the last write wins.
 */
import {
  Apply,
  DtypeError,
  Op,
  ShapeError,
  TypeMismatchError,
  config,
  disconnectedType,
  gradNotImplemented,
  type AliasMap,
  type FunctionGraph,
  type ShapeTuple,
  type StorageCell,
  type Variable,
} from '@proj/graph';
import { canCastSafely, isComplex, isDiscrete, isFloat } from '../dtype/dtypes';
import { copyArray, fromRaw, rawView, type NDArray } from '../value/ndarray';
import { castArray } from '../value/convert';
import { TensorVariable } from '../variable/tensor-variable';
import { broadcastInto } from '../basic/alloc';
import { zerosLike } from '../basic/fill';
import { constant } from '../basic/as-tensor';
import { cast } from '../math/cast';
import { sum } from '../reduce/sum';
import { dimshuffle, type ShuffleEntry } from '../shape/dimshuffle';
import { planIndex, scatter, type IndexPlan, type ScatterMode } from './advanced-kernel';
import { checkedLayout, staticOutputShape, type IdxSpec } from './advanced-layout';
import { checkIndexVector, checkTensorInput, nodeLayout, planSubtensor1, runtimeEntries } from './advanced-runtime';
import { AdvancedSubtensor, AdvancedSubtensor1, staticLength } from './advanced-subtensor';

/** The flags of the advanced Inc Ops. */
export type IncFlags = {
  /** Write y instead of adding it (setSubtensor). */
  readonly setInsteadOfInc: boolean;
  /** Overwrite x (a rewrite's choice; the output is then x's array). */
  readonly inplace: boolean;
  /** For inc: x[idx] += y semantics (the last occurrence of a repeated index wins) instead of np.add.at. */
  readonly ignoreDuplicates: boolean;
};

function flags(f: Partial<IncFlags>): IncFlags {
  return { setInsteadOfInc: f.setInsteadOfInc ?? false, inplace: f.inplace ?? false, ignoreDuplicates: f.ignoreDuplicates ?? false };
}

/**
 * Checks x and y of an Inc Op: y of a dtype that casts safely to x's, that
 * broadcasts to the `indexed` shape (extra leading dimensions of y must have length 1).
 */
function checkXY(op: string, x: Variable, y: Variable, indexed: readonly (number | null)[]): [TensorVariable, TensorVariable] {
  const xt = checkTensorInput(op, 0, x);
  const yt = checkTensorInput(op, 1, y);
  if (!canCastSafely(yt.dtype, xt.dtype)) {
    throw new DtypeError({ op, argument: 1, expected: `a value y whose dtype casts safely to x's dtype ${xt.dtype}`, given: `${yt} of dtype ${yt.dtype}` });
  }
  const pad = indexed.length - yt.ndim;
  yt.type.shape.forEach((s, i) => {
    const target = i + pad < 0 ? 1 : indexed[i + pad];
    if (s !== null && s !== 1 && target !== null && target !== undefined && s !== target) {
      const text = (sh: readonly (number | null)[]) => `(${sh.map((v) => v ?? '?').join(sh.length === 1 ? '' : ', ')}${sh.length === 1 ? ',' : ''})`;
      throw new ShapeError({ op, argument: 1, expected: `a value y that broadcasts to the indexed shape ${text(indexed)}`, given: `y of shape ${text(yt.type.shape)}` });
    }
  });
  return [xt, yt];
}

/** Runs the scatter of an Inc Op: a copy of x (or x itself when inplace) with y written or added at `plan`. */
function performInc(op: string, f: IncFlags, x: NDArray, y: NDArray, planOf: (target: NDArray) => IndexPlan): NDArray {
  const target = f.inplace ? x : copyArray(x);
  const plan = planOf(target);
  let yv = y.dtype === x.dtype ? y : castArray(y, x.dtype);
  // Extra leading dimensions of y are allowed when they have length 1 (as NumPy allows).
  const extra = yv.shape.length - plan.shape.length;
  if (extra > 0) {
    if (yv.shape.slice(0, extra).some((s) => s !== 1)) {
      throw new ShapeError({ op, argument: 1, expected: `a value y that broadcasts to the indexed shape (${plan.shape.join(', ')})`, given: `y of shape (${yv.shape.join(', ')})` });
    }
    yv = fromRaw(yv.dtype, rawView(yv).data, yv.shape.slice(extra), yv.strides.slice(extra), yv.offset);
  }
  const yb = rawView(broadcastInto(op, yv, plan.shape));
  const t = rawView(target);
  const mode: ScatterMode = f.setInsteadOfInc ? 'set' : f.ignoreDuplicates ? 'addOnce' : 'add';
  scatter(x.dtype, t.data, t.width, plan.offsets, yb.data, mode);
  return target;
}

/**
 * The gradients of (x, y) of an Inc Op (PyTensor's rule): x gets gz (with the
 * written positions zeroed for set); y gets gz at the indices, summed over the
 * dimensions y was broadcast along.
 */
function incGrads(op: Op, f: IncFlags, x: TensorVariable, y: TensorVariable, gz: TensorVariable, setZero: (g: TensorVariable, zero: TensorVariable) => Variable, pick: (g: TensorVariable) => TensorVariable): Variable[] {
  if (isComplex(x.dtype)) return [gradNotImplemented(op, 0, x, 'No support for complex gradients yet.'), gradNotImplemented(op, 1, y, 'No support for complex gradients yet.')];
  if (isDiscrete(x.dtype)) return [zerosLike(x, config.floatX), isDiscrete(y.dtype) ? zerosLike(y, config.floatX) : zerosLike(y)];
  const gx = f.setInsteadOfInc ? setZero(gz, constant(0, { dtype: gz.dtype })) : gz;
  let gy = sumToShapeOf(y, pick(gz));
  if (isFloat(y.dtype) && gy.dtype !== y.dtype) gy = cast(gy, y.dtype);
  return [gx, isDiscrete(y.dtype) ? zerosLike(y, config.floatX) : gy];
}

/** `g` (of the indexed shape) summed over the dimensions `y` was broadcast along, to y's shape. */
function sumToShapeOf(y: TensorVariable, g: TensorVariable): TensorVariable {
  if (y.ndim > g.ndim) {
    // y's extra leading dimensions have length 1.
    const pattern: ShuffleEntry[] = [...new Array<ShuffleEntry>(y.ndim - g.ndim).fill('x'), ...Array.from({ length: g.ndim }, (_, i) => i)];
    return dimshuffle(g, pattern);
  }
  const pad = g.ndim - y.ndim;
  let out = pad > 0 ? sum(g, { axis: Array.from({ length: pad }, (_, i) => i) }) : g;
  const stretched = y.type.shape.map((s, i) => (s === 1 && out.type.shape[i] !== 1 ? i : -1)).filter((i) => i >= 0);
  if (stretched.length > 0) out = sum(out, { axis: stretched, keepdims: true });
  return out;
}

function incName(base: string, f: IncFlags): string {
  const parts = [f.setInsteadOfInc ? 'set' : 'inc', ...(f.inplace ? ['inplace'] : []), ...(f.ignoreDuplicates ? ['ignoreDuplicates'] : [])];
  return `${base}{${parts.join(', ')}}`;
}

/**
 * x with y added at rows ilist (np.add.at(x, ilist, y)), or written there with
 * setInsteadOfInc (PyTensor's AdvancedIncSubtensor1).
 *
 * @example
 * new AdvancedIncSubtensor1({ setInsteadOfInc: true }).call(x, y, pt.constant([0, 2]));
 */
export class AdvancedIncSubtensor1 extends Op<IncFlags> {
  constructor(options: Partial<IncFlags> = {}) {
    super(flags(options));
  }

  override get name(): string {
    return incName('AdvancedIncSubtensor1', this.props);
  }

  override toString(): string {
    return this.name;
  }

  override get destroyMap(): AliasMap {
    return this.props.inplace ? { 0: [0] } : {};
  }

  makeNode(x: Variable, y: Variable, ilist: Variable): Apply {
    const xt0 = checkTensorInput(this.name, 0, x);
    if (xt0.ndim === 0) throw new TypeMismatchError({ op: this.name, argument: 0, expected: 'a tensor with at least 1 dimension', given: `${xt0} of type ${xt0.type}` });
    const it = checkIndexVector(this.name, 2, ilist);
    const [xt, yt] = checkXY(this.name, x, y, [staticLength(it), ...xt0.type.shape.slice(1)]);
    return new Apply(this, [xt, yt, it], [xt.type.makeVariable()]);
  }

  override perform(_node: Apply, [x, y, ilist]: readonly unknown[], out: StorageCell[]): void {
    out[0]![0] = performInc(this.name, this.props, x as NDArray, y as NDArray, (t) => planSubtensor1(this.name, t, ilist as NDArray));
  }

  override inferShape(_fg: FunctionGraph | undefined, _node: Apply, [xShape]: readonly ShapeTuple[]): ShapeTuple[] {
    return [xShape!];
  }

  override connectionPattern(): boolean[][] {
    return [[true], [true], [false]];
  }

  override Lop(inputs: readonly Variable[], _outputs: readonly Variable[], [gz]: readonly Variable[]): Variable[] {
    const [x, y, ilist] = inputs as TensorVariable[];
    const grads = incGrads(
      this,
      this.props,
      x!,
      y!,
      gz as TensorVariable,
      (g, zero) => new AdvancedIncSubtensor1({ setInsteadOfInc: true }).call(g, zero, ilist!),
      (g) => new AdvancedSubtensor1().call(g, ilist!) as TensorVariable,
    );
    return [...grads, disconnectedType()];
  }

  override grad(inputs: readonly Variable[], outputGrads: readonly Variable[]): Variable[] {
    return this.Lop(inputs, [], outputGrads);
  }

  override Rop(inputs: readonly Variable[], [ex, ey]: readonly (Variable | null)[]): (Variable | null)[] {
    if (!ex && !ey) return [null];
    const [x, y, ilist] = inputs as TensorVariable[];
    const op = new AdvancedIncSubtensor1({ ...this.props, inplace: false });
    return [op.call(ex ?? zerosLike(x!), ey ?? zerosLike(y!), ilist!)];
  }
}

/**
 * x with y added at (or, with setInsteadOfInc, written to) the positions that
 * AdvancedSubtensor(idxList) selects (PyTensor's AdvancedIncSubtensor). Inputs:
 * x, y, then the index inputs of idxList.
 *
 * @example
 * new AdvancedIncSubtensor([{ kind: 'array' }], { ignoreDuplicates: true }).call(x, y, idx); // x[idx] += y
 */
export class AdvancedIncSubtensor extends Op<IncFlags & { idxList: readonly IdxSpec[] }> {
  constructor(idxList: readonly IdxSpec[], options: Partial<IncFlags> = {}) {
    super({ idxList: [...idxList], ...flags(options) });
  }

  get idxList(): readonly IdxSpec[] {
    return this.props.idxList;
  }

  override get name(): string {
    return incName('AdvancedIncSubtensor', this.props);
  }

  override toString(): string {
    return this.name;
  }

  override get destroyMap(): AliasMap {
    return this.props.inplace ? { 0: [0] } : {};
  }

  makeNode(x: Variable, y: Variable, ...indices: Variable[]): Apply {
    const xt0 = checkTensorInput(this.name, 0, x);
    const inputs = [xt0, y, ...indices];
    const layout = checkedLayout(this.name, this.idxList, xt0, inputs, 2);
    const [xt, yt] = checkXY(this.name, x, y, staticOutputShape(this.name, layout, xt0.type.shape, inputs));
    return new Apply(this, [xt, yt, ...indices], [xt.type.makeVariable()]);
  }

  override perform(node: Apply, values: readonly unknown[], out: StorageCell[]): void {
    const layout = nodeLayout(this.name, this.idxList, node, 2);
    out[0]![0] = performInc(this.name, this.props, values[0] as NDArray, values[1] as NDArray, (t) => {
      const v = rawView(t);
      return planIndex(this.name, t.shape, v.strides, v.offset, runtimeEntries(this.name, layout, values, t.shape), layout.advFirst);
    });
  }

  override inferShape(_fg: FunctionGraph | undefined, _node: Apply, [xShape]: readonly ShapeTuple[]): ShapeTuple[] {
    return [xShape!];
  }

  override connectionPattern(node: Apply): boolean[][] {
    return node.inputs.map((_, i) => [i < 2]);
  }

  override Lop(inputs: readonly Variable[], _outputs: readonly Variable[], [gz]: readonly Variable[]): Variable[] {
    const [x, y] = inputs as TensorVariable[];
    const rest = inputs.slice(2);
    const grads = incGrads(
      this,
      this.props,
      x!,
      y!,
      gz as TensorVariable,
      (g, zero) => new AdvancedIncSubtensor(this.idxList, { setInsteadOfInc: true }).call(g, zero, ...rest),
      (g) => new AdvancedSubtensor(this.idxList).call(g, ...rest) as TensorVariable,
    );
    return [...grads, ...rest.map(() => disconnectedType())];
  }

  override grad(inputs: readonly Variable[], outputGrads: readonly Variable[]): Variable[] {
    return this.Lop(inputs, [], outputGrads);
  }

  override Rop(inputs: readonly Variable[], [ex, ey]: readonly (Variable | null)[]): (Variable | null)[] {
    if (!ex && !ey) return [null];
    const [x, y] = inputs as TensorVariable[];
    const op = new AdvancedIncSubtensor(this.idxList, { ...this.props, inplace: false });
    return [op.call(ex ?? zerosLike(x!), ey ?? zerosLike(y!), ...inputs.slice(2))];
  }
}
