/**
 * Scalar op descriptors: what an elementwise function does to one element.
 * Elemwise lifts a descriptor to tensors (broadcasting, shapes, the gradient
 * plumbing), so each elementwise function is written once, here.
 */
import { DtypeError, type Hashable, type Variable } from '@proj/graph';
import { upcast, type Dtype } from '../dtype/dtypes';
import type { TensorVariable } from '../variable/tensor-variable';

/** A complex value inside kernels. */
export interface Complex {
  re: number;
  im: number;
}

/** How an output dtype is derived from the input dtypes. */
export type DtypeRule = (inputs: readonly Dtype[], name: string) => Dtype;

/** What a scalar op descriptor holds. */
export interface ScalarOpSpec {
  /** The PyTensor name (add, exp, true_div is trueDiv ...), printed as Elemwise{name}. */
  readonly name: string;
  /** Number of inputs; -1 for variadic (add, mul, maximum...). */
  readonly nin: number;
  /** The output dtype rule (default: upcast of the inputs). */
  readonly outputDtype?: DtypeRule;
  /** The element function on JS numbers (floats, bool as 0/1, integers of 32 bits or less). */
  readonly impl: (...args: number[]) => number;
  /** The element function for 32-bit-or-less integer inputs where `impl` would be inexact (imul, say). */
  readonly implInt?: (...args: number[]) => number;
  /** The element function on BigInts, used when the inputs' common dtype is int64/uint64. */
  readonly implBigInt?: (...args: bigint[]) => bigint | boolean;
  /** The element function on complex numbers; absent means the op refuses complex inputs. */
  readonly implComplex?: (...args: Complex[]) => Complex | number | boolean;
  /**
   * The gradient: input gradients from the inputs, outputs and output gradients
   * (elementwise graphs on tensors of the broadcast shape; Elemwise sums them
   * back over broadcast dimensions). Absent: not differentiable (a NullType gradient).
   */
  readonly grad?: (inputs: readonly TensorVariable[], outputs: readonly TensorVariable[], outputGrads: readonly TensorVariable[]) => (Variable | undefined)[];
  /** A JS expression of the op for generated kernels, from the argument expressions. */
  readonly js?: (args: readonly string[]) => string;
  /** Properties rewrites use. */
  readonly commutative?: boolean;
  readonly associative?: boolean;
  /** The neutral element (0 for add, 1 for mul), for reductions. */
  readonly identity?: number;
  /**
   * The inputs whose dtypes choose how elements are read (number, BigInt or
   * complex); default all. `second(x, y)` only looks at y, say.
   */
  readonly modeInputs?: readonly number[];
  /** Refuse these dtype kinds with a DtypeError (bitwise ops refuse floats, say). */
  readonly refuse?: readonly ('b' | 'i' | 'u' | 'f' | 'c')[];
}

/**
 * A scalar op descriptor (immutable; identity = its name).
 *
 * @example
 * const scalarExp = new ScalarOp({ name: 'exp', nin: 1, outputDtype: upgradeToFloat, impl: Math.exp });
 */
export class ScalarOp implements Hashable {
  constructor(readonly spec: ScalarOpSpec) {
    Object.freeze(this);
  }

  get name(): string {
    return this.spec.name;
  }

  get nin(): number {
    return this.spec.nin;
  }

  hash(): string {
    return `scalar.${this.spec.name}`;
  }

  equals(other: unknown): boolean {
    return other instanceof ScalarOp && other.spec.name === this.spec.name;
  }

  toString(): string {
    return this.spec.name;
  }

  /** The output dtype for these input dtypes; a DtypeError when the op refuses one. */
  outputDtype(inputs: readonly Dtype[]): Dtype {
    const refuse = this.spec.refuse ?? [];
    inputs.forEach((d, i) => {
      if (refuse.includes(kindOf(d))) {
        throw new DtypeError({ op: `Elemwise{${this.name}}`, argument: i, expected: `a dtype other than ${refuse.map(kindName).join('/')}`, given: d });
      }
      if (kindOf(d) === 'c' && this.spec.implComplex === undefined) {
        throw new DtypeError({ op: `Elemwise{${this.name}}`, argument: i, expected: 'a real dtype (this op has no complex version)', given: d });
      }
    });
    return (this.spec.outputDtype ?? upcastRule)(inputs, this.name);
  }
}

function kindOf(d: Dtype): 'b' | 'i' | 'u' | 'f' | 'c' {
  return d === 'bool' ? 'b' : d.startsWith('int') ? 'i' : d.startsWith('uint') ? 'u' : d.startsWith('float') ? 'f' : 'c';
}

function kindName(k: string): string {
  return { b: 'bool', i: 'signed integer', u: 'unsigned integer', f: 'float', c: 'complex' }[k] ?? k;
}

/** The output dtype is the upcast of the inputs (add, mul, maximum...). */
export const upcastRule: DtypeRule = (inputs) => upcast(inputs[0]!, ...inputs.slice(1));

const FLOAT_OF: Record<Dtype, Dtype> = {
  bool: 'float32',
  int8: 'float32',
  int16: 'float32',
  uint8: 'float32',
  uint16: 'float32',
  int32: 'float64',
  uint32: 'float64',
  int64: 'float64',
  uint64: 'float64',
  float32: 'float32',
  float64: 'float64',
  complex64: 'complex64',
  complex128: 'complex128',
};

/** The upcast, made a float when it is discrete (PyTensor's upgrade_to_float: int8 -> float32, int32 -> float64). */
export const upgradeToFloat: DtypeRule = (inputs) => FLOAT_OF[upcastRule(inputs, '')];

/** As upgradeToFloat, for ops with no complex version (erf, gamma...). */
export const upgradeToFloatNoComplex: DtypeRule = (inputs, name) => {
  const d = upgradeToFloat(inputs, name);
  return d === 'complex64' ? 'float32' : d === 'complex128' ? 'float64' : d;
};

/** Comparisons and predicates give bool. */
export const boolRule: DtypeRule = () => 'bool';

/** The same dtype as the (first) input (neg, abs of reals, floor...). */
export const sameRule: DtypeRule = (inputs) => inputs[0]!;

/** A real dtype of the same precision (abs, real, imag, angle of complex). */
export const complexToRealRule: DtypeRule = (inputs, name) => {
  const d = upcastRule(inputs, name);
  return d === 'complex64' ? 'float32' : d === 'complex128' ? 'float64' : d;
};
