/**
 * Choose (PyTensor's, NumPy's choose): an array built from an index array and
 * a set of choices, all broadcast together. The choices are either several
 * inputs (a JS list of tensors) or one stacked tensor whose first axis
 * indexes them (`stacked`).
 */
import {
  checkOptions,
  Apply,
  ArgumentError,
  Op,
  disconnectedType,
  type FunctionGraph,
  type ShapeTuple,
  type StorageCell,
  type Variable,
} from '@proj/graph';
import { asTensorVariable, type TensorLike } from '../basic/as-tensor';
import { zerosLike } from '../basic/fill';
import { upcast, type Dtype } from '../dtype/dtypes';
import { broadcastStatic } from '../elemwise/elemwise';
import { mod } from '../math/arith';
import { clip, switch_ } from '../math/condition';
import { eq } from '../math/compare';
import { sum } from '../reduce/sum';
import { dimshuffle } from '../shape/dimshuffle';
import { shapeI } from '../shape/shape';
import { TensorType } from '../type/tensor-type';
import type { NDArray } from '../value/ndarray';
import { TensorVariable } from '../variable/tensor-variable';
import { arange } from './arange';
import { chooseKernel, splitFirstAxis } from './choose-kernel';
import { checkIntegerTensor, checkMode, checkTensor, type IndexMode } from './strided';

/**
 * choose(a, choices, mode): inputs are `a` (integer or bool) then the choices
 * (several inputs, or one stacked input when `stacked`). The output dtype is
 * the upcast of the choices.
 *
 * @example
 * new Choose('raise', false).call(a, c0, c1);
 */
export class Choose extends Op<{ mode: IndexMode; stacked: boolean }> {
  constructor(mode: IndexMode = 'raise', stacked = false) {
    super({ mode: checkMode('Choose', mode), stacked });
  }

  override get name(): string {
    return `Choose{mode=${this.props.mode}${this.props.stacked ? ', stacked' : ''}}`;
  }

  override toString(): string {
    return this.name;
  }

  /** The static shapes of the choices (the stacked input without its first axis). */
  private choiceShapes(choices: readonly TensorVariable[]): (readonly (number | null)[])[] {
    return this.props.stacked ? [choices[0]!.type.shape.slice(1)] : choices.map((c) => c.type.shape);
  }

  makeNode(a: Variable, ...choices: Variable[]): Apply {
    const at = checkIntegerTensor(this.name, 0, a, true);
    if (choices.length === 0) throw new ArgumentError({ op: this.name, argument: 'choices', expected: 'at least one choice', given: 'none' });
    const cs = choices.map((c, i) => checkTensor(this.name, i + 1, c));
    if (this.props.stacked) {
      if (cs.length !== 1) throw new ArgumentError({ op: this.name, argument: 'choices', expected: 'one stacked choices tensor', given: `${cs.length} inputs` });
      if (cs[0]!.ndim === 0) throw new ArgumentError({ op: this.name, argument: 1, expected: 'stacked choices with at least 1 dimension (the first indexes the choices)', given: `${cs[0]!.type}` });
      if (cs[0]!.type.shape[0] === 0) throw new ArgumentError({ op: this.name, argument: 1, expected: 'at least one choice', given: 'a first dimension of length 0' });
    }
    const dtype: Dtype = upcast(cs[0]!.dtype, ...cs.slice(1).map((c) => c.dtype));
    const shape = broadcastStatic(this.name, [at.type.shape, ...this.choiceShapes(cs)]);
    return new Apply(this, [at, ...cs], [new TensorType(dtype, shape).makeVariable()]);
  }

  override perform(node: Apply, [a, ...choices]: readonly unknown[], out: StorageCell[]): void {
    const cs = this.props.stacked ? splitFirstAxis(choices[0] as NDArray) : (choices as NDArray[]);
    if (cs.length === 0) throw new ArgumentError({ op: this.name, argument: 1, expected: 'at least one choice', given: 'a first dimension of length 0' });
    out[0]![0] = chooseKernel(this.name, a as NDArray, cs, this.props.mode, (node.outputs[0]!.type as TensorType).dtype);
  }

  override inferShape(_fg: FunctionGraph | undefined, node: Apply, shapes: readonly ShapeTuple[]): ShapeTuple[] {
    const outType = node.outputs[0]!.type as TensorType;
    const nd = outType.ndim;
    const inShapes = this.props.stacked ? [shapes[0]!, shapes[1]!.slice(1)] : shapes;
    const inTypes = this.props.stacked ? [node.inputs[0]!.type as TensorType, null] : node.inputs.map((v) => v.type as TensorType);
    const stackedStatic = this.props.stacked ? (node.inputs[1]!.type as TensorType).shape.slice(1) : [];
    return [
      outType.shape.map((len, d) => {
        if (len !== null) return len;
        // The first input not known to have length 1 here gives the length.
        const k = inShapes.findIndex((s, i) => {
          const staticShape = inTypes[i] ? inTypes[i]!.shape : stackedStatic;
          const j = d - (nd - s.length);
          return j >= 0 && staticShape[j] !== 1;
        });
        const s = inShapes[k]!;
        return s[d - (nd - s.length)]!;
      }),
    ];
  }

  override connectionPattern(node: Apply): boolean[][] {
    return node.inputs.map((_, i) => [i > 0]);
  }

  // d out / d choice i = (index == i) * gz, summed over the dimensions choice i was broadcast along.
  override Lop(inputs: readonly Variable[], _outputs: readonly Variable[], [gz]: readonly Variable[]): Variable[] {
    const [a, ...cs] = inputs as TensorVariable[];
    const g = gz as TensorVariable;
    const n: TensorLike = this.props.stacked ? shapeI(cs[0]!, 0) : cs.length;
    const { mode } = this.props;
    const idx = mode === 'wrap' ? mod(a!, n) : mode === 'clip' ? clip(a!, 0, this.props.stacked ? (n as TensorVariable).sub(1) : (n as number) - 1) : a!;
    const nd = g.ndim;
    if (!this.props.stacked) {
      return [disconnectedType(), ...cs.map((c, i) => sumTo(switch_(eq(idx, i), g, zerosLike(g)), c, nd))];
    }
    const c = cs[0]!;
    // Compare against arange(n) along a new first axis.
    const range = dimshuffle(arange(n), [0, ...new Array<'x'>(nd).fill('x')]);
    const ix = dimshuffle(idx, ['x', ...padTo(idx.ndim, nd)]);
    const gb = dimshuffle(g, ['x', ...g.type.shape.map((_, d) => d)]);
    const picked = switch_(eq(ix, range), gb, zerosLike(gb));
    // Sum the leading dimensions the choices lack, then the broadcast ones.
    const lacking = nd - (c.ndim - 1);
    const summed = lacking > 0 ? sum(picked, { axis: Array.from({ length: lacking }, (_, d) => d + 1) }) : picked;
    const bcast = c.type.shape.map((len, d) => (d > 0 && len === 1 && summed.type.shape[d] !== 1 ? d : -1)).filter((d) => d >= 0);
    return [disconnectedType(), bcast.length > 0 ? sum(summed, { axis: bcast, keepdims: true }) : summed];
  }

  override grad(inputs: readonly Variable[], outputGrads: readonly Variable[]): Variable[] {
    return this.Lop(inputs, [], outputGrads);
  }
}

/** The pattern that pads a tensor of `ndim` dimensions on the left to `nd`. */
function padTo(ndim: number, nd: number): (number | 'x')[] {
  return [...new Array<'x'>(nd - ndim).fill('x'), ...Array.from({ length: ndim }, (_, d) => d)];
}

/** `g` (nd dimensions) summed down to the broadcast pattern of `c`. */
function sumTo(g: TensorVariable, c: TensorVariable, nd: number): TensorVariable {
  const lacking = nd - c.ndim;
  let r = lacking > 0 ? sum(g, { axis: Array.from({ length: lacking }, (_, d) => d) }) : g;
  const bcast = c.type.shape.map((len, d) => (len === 1 && r.type.shape[d] !== 1 ? d : -1)).filter((d) => d >= 0);
  if (bcast.length > 0) r = sum(r, { axis: bcast, keepdims: true });
  return r;
}

/**
 * NumPy's choose: out[I] = choices[a[I]][I], with `a` and the choices broadcast
 * together. `choices` is a list (each entry a tensor, number or nested array)
 * or a single tensor whose first axis indexes the choices. `mode`: 'raise'
 * (the default) rejects indices outside [0, n), 'wrap' takes them modulo n,
 * 'clip' clamps them.
 *
 * @example
 * pt.choose([0, 2, 1], [[1, 2, 3], [10, 20, 30], [100, 200, 300]]); // [1, 200, 30]
 */
export function choose(a: TensorLike, choices: TensorLike | readonly TensorLike[], options: { mode?: IndexMode } = {}): TensorVariable {
  checkOptions('pt.choose', options, ['mode']);
  const mode = checkMode('pt.choose', options.mode ?? 'raise');
  const at = asTensorVariable(a);
  if (Array.isArray(choices) && !(choices instanceof TensorVariable)) {
    if (choices.length === 0) throw new ArgumentError({ op: 'pt.choose', argument: 'choices', expected: 'at least one choice', given: 'an empty list' });
    const cs = (choices as readonly TensorLike[]).map((c) => asTensorVariable(c));
    return new Choose(mode, false).call(at, ...cs) as TensorVariable;
  }
  const c = asTensorVariable(choices);
  if (c.ndim === 0) throw new ArgumentError({ op: 'pt.choose', argument: 'choices', expected: 'a list of choices or a tensor whose first axis indexes them', given: `${c} of type ${c.type}` });
  return new Choose(mode, true).call(at, c) as TensorVariable;
}
