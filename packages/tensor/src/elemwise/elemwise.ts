import {
  Apply,
  ArgumentError,
  Op,
  ShapeError,
  TypeMismatchError,
  DisconnectedType,
  MethodNotDefinedError,
  gradNotImplemented,
  type FunctionGraph,
  type ShapeTuple,
  type StorageCell,
  type Variable,
} from '@proj/graph';
import type { ScalarOp } from '../scalar/scalar-op';
import { TensorType } from '../type/tensor-type';
import type { NDArray } from '../value/ndarray';
import { TensorVariable } from '../variable/tensor-variable';
import { dimshuffle } from '../shape/dimshuffle';
import { sum } from '../reduce/sum';
import { isComplex } from '../dtype/dtypes';
import { add, mul } from '../math/arith';
import { onesLike } from '../basic/fill';
import { elemwiseKernel } from './kernel';

/** Output index -> the input it overwrites (in-place versions made by rewrites). */
export type InplacePattern = Readonly<Record<number, number>>;

/**
 * The static output shape of broadcasting static input shapes: a known length
 * wins over 1; two different known lengths (neither 1) are a ShapeError.
 */
export function broadcastStatic(op: string, shapes: readonly (readonly (number | null)[])[]): (number | null)[] {
  const nd = Math.max(0, ...shapes.map((s) => s.length));
  const out: (number | null)[] = [];
  for (let d = 0; d < nd; d++) {
    let len: number | null = 1;
    let unknown = false;
    for (const s of shapes) {
      const l = s[d - (nd - s.length)];
      if (l === undefined || l === 1) continue;
      if (l === null) unknown = true;
      else if (len !== 1 && len !== l) {
        throw new ShapeError({
          op,
          argument: 'inputs',
          expected: 'static shapes that broadcast together',
          given: shapes.map((x) => `(${x.map((v) => v ?? '?').join(', ')})`).join(' and '),
        });
      } else len = l;
    }
    out.push(len === 1 && unknown ? null : len);
  }
  return out;
}

/**
 * An elementwise operation: a scalar op lifted to tensors with NumPy
 * broadcasting. Inputs of fewer dimensions are padded on the left (DimShuffle).
 *
 * @example
 * const add = new Elemwise(scalarAdd);
 * add.call(x, y);
 */
export class Elemwise extends Op<{ scalarOp: ScalarOp; inplacePattern: InplacePattern }> {
  constructor(scalarOp: ScalarOp, inplacePattern: InplacePattern = {}) {
    super({ scalarOp, inplacePattern });
  }

  get scalarOp(): ScalarOp {
    return this.props.scalarOp;
  }

  override get name(): string {
    const inplace = Object.entries(this.props.inplacePattern);
    return inplace.length === 0 ? `Elemwise{${this.scalarOp.name}}` : `Elemwise{${this.scalarOp.name}}[${inplace.map(([o, i]) => `${o}:${i}`).join(', ')}]`;
  }

  override toString(): string {
    return this.name;
  }

  override get destroyMap(): Readonly<Record<number, readonly number[]>> {
    return Object.fromEntries(Object.entries(this.props.inplacePattern).map(([o, i]) => [Number(o), [i]]));
  }

  makeNode(...inputs: Variable[]): Apply {
    const nin = this.scalarOp.nin;
    if (nin >= 0 && inputs.length !== nin) {
      throw new ArgumentError({ op: this.name, argument: 'inputs', expected: `${nin} input${nin === 1 ? '' : 's'}`, given: `${inputs.length}` });
    }
    if (inputs.length === 0) throw new ArgumentError({ op: this.name, argument: 'inputs', expected: 'at least one input', given: '0' });
    inputs.forEach((v, i) => {
      if (!(v instanceof TensorVariable)) {
        throw new TypeMismatchError({ op: this.name, argument: i, expected: 'a tensor', given: `${v} of type ${v.type}` });
      }
    });
    const tensors = inputs as TensorVariable[];
    const nd = Math.max(...tensors.map((t) => t.ndim));
    // Align every input to nd dimensions by adding broadcastable dimensions on the left.
    const aligned = tensors.map((t) => (t.ndim === nd ? t : dimshuffle(t, [...new Array(nd - t.ndim).fill('x'), ...t.type.shape.map((_, i) => i)])));
    const dtype = this.scalarOp.outputDtype(aligned.map((t) => t.dtype));
    const shape = broadcastStatic(this.name, aligned.map((t) => t.type.shape));
    return new Apply(this, aligned, [new TensorType(dtype, shape).makeVariable()]);
  }

  override perform(node: Apply, inputs: readonly unknown[], out: StorageCell[]): void {
    const dtype = (node.outputs[0]!.type as TensorType).dtype;
    // The in-place version writes into the input it destroys (the kernel falls back to a new array when that input cannot hold the result).
    const destroyed = this.props.inplacePattern[0];
    const into = destroyed === undefined ? undefined : (inputs[destroyed] as NDArray);
    out[0]![0] = elemwiseKernel(this.scalarOp, inputs as NDArray[], dtype, this.name, into);
  }

  override inferShape(_fg: FunctionGraph | undefined, node: Apply, inputShapes: readonly ShapeTuple[]): ShapeTuple[] {
    const outType = node.outputs[0]!.type as TensorType;
    const shape = outType.shape.map((len, d) => {
      if (len !== null) return len;
      // The first input whose length here is not known to be 1 gives the length.
      const k = node.inputs.findIndex((v) => (v.type as TensorType).shape[d] !== 1);
      return inputShapes[k]![d]!;
    });
    return [shape];
  }

  /**
   * The scalar op's gradient, summed back over the dimensions an input was
   * broadcast along. Without a scalar gradient, each input gets a NullType one.
   */
  override Lop(inputs: readonly Variable[], outputs: readonly Variable[], outputGrads: readonly Variable[]): Variable[] {
    const rule = this.scalarOp.spec.grad;
    if (!rule) return inputs.map((x, i) => gradNotImplemented(this, i, x));
    const grads = rule(inputs as TensorVariable[], outputs as TensorVariable[], outputGrads as TensorVariable[]);
    return inputs.map((x, i) => {
      const g = grads[i];
      if (g === undefined) return gradNotImplemented(this, i, x);
      if (!(g instanceof TensorVariable)) return g;
      const xt = x as TensorVariable;
      const axes = xt.type.shape.map((len, d) => (len === 1 && g.type.shape[d] !== 1 ? d : -1)).filter((d) => d >= 0);
      return axes.length === 0 ? g : sum(g, { axis: axes, keepdims: true });
    });
  }

  /**
   * The R-operator: sum over inputs of (d out / d input) * evalPoint, with the
   * partial derivatives from the scalar gradient at an output gradient of ones
   * (not summed over broadcast dimensions: they multiply the broadcast eval points).
   */
  override Rop(inputs: readonly Variable[], evalPoints: readonly (Variable | null)[]): (Variable | null)[] {
    const rule = this.scalarOp.spec.grad;
    if (!rule) throw new MethodNotDefinedError(`${this.name}: Rop needs the scalar gradient of ${this.scalarOp.name}, which is not defined`);
    const outputs = this.makeNode(...inputs).outputs as TensorVariable[];
    // The scalar gradient gives conj(f'(z)) for complex values: right for reverse
    // mode, wrong for forward mode. Refuse rather than return wrong numbers.
    if ([...inputs, ...outputs].some((v) => isComplex((v as TensorVariable).dtype))) {
      throw new MethodNotDefinedError(`${this.name}: Rop through complex values is not implemented (Rop(..., { useOpRopImplementation: false }) computes it from two reverse passes)`);
    }
    const partials = rule(inputs as TensorVariable[], outputs, [onesLike(outputs[0]!)]);
    let total: TensorVariable | null = null;
    evalPoints.forEach((ev, i) => {
      const d = partials[i];
      if (ev === null || d === undefined || d.type instanceof DisconnectedType) return;
      if (!(d instanceof TensorVariable)) {
        throw new MethodNotDefinedError(`${this.name}: Rop needs the derivative with respect to input ${i}, which is ${d.type}`);
      }
      const term = mul(d, ev as TensorVariable);
      total = total === null ? term : add(total, term);
    });
    return [total];
  }

  override grad(inputs: readonly Variable[], outputGrads: readonly Variable[]): Variable[] {
    return this.Lop(inputs, this.makeNode(...inputs).outputs, outputGrads);
  }
}
