import { Constant, Variable, describeThing } from './basic';
import { TypeMismatchError } from './errors';
import type { Hashable } from './props';
import { stableKey } from './props';

/** How strictly Type.filter converts a value. */
export interface FilterOptions {
  /** Accept only values that already are of this Type, with no conversion at all. */
  strict?: boolean;
  /** Allow a conversion that loses precision (float64 -> float32, say). */
  allowDowncast?: boolean;
}

/**
 * The Type of a Variable: which values it may hold, how to convert others,
 * when two Types are the same. Subclasses: TensorType, SparseType, NullType...
 *
 * @example
 * class AnyNumber extends Type<number> {
 *   filter(v: unknown) { if (typeof v !== 'number') throw new TypeMismatchError(...); return v; }
 *   hash() { return 'AnyNumber'; }
 *   toString() { return 'AnyNumber'; }
 * }
 */
export abstract class Type<V = unknown> implements Hashable {
  /**
   * Returns `value` as a value of this Type, converting it when allowed, or throws
   * a TypeMismatchError (or a more specific ArgumentError) saying why it cannot.
   */
  abstract filter(value: unknown, options?: FilterOptions): V;

  /** A canonical text that is equal exactly for equal Types. */
  abstract hash(): string;

  abstract toString(): string;

  /** Whether `value` already is a value of this Type (no conversion). */
  isValidValue(value: unknown): boolean {
    try {
      this.filter(value, { strict: true });
      return true;
    } catch {
      return false;
    }
  }

  /** Two Types are equal when they are of the same class with equal parameters. */
  equals(other: unknown): boolean {
    return other === this || (other instanceof Type && other.constructor === this.constructor && other.hash() === this.hash());
  }

  /** Whether every value of `other` is a value of this Type (default: equal Types). */
  isSuperType(other: Type): boolean {
    return this.equals(other);
  }

  /**
   * A Variable of this Type computing the same as `v`, when one can be made
   * without changing values (a TensorType adds a SpecifyShape, say), else undefined.
   */
  convertVariable(v: Variable): Variable | undefined {
    return undefined;
  }

  /**
   * `other` if its Type is this one; a converted Variable when `allowConvert`
   * and convertVariable can make one; otherwise a TypeMismatchError.
   */
  filterVariable(other: Variable, allowConvert = true): Variable {
    if (!(other instanceof Variable)) {
      throw new TypeMismatchError({ op: `${this}.filterVariable`, argument: 0, expected: `a Variable of type ${this}`, given: describeThing(other) });
    }
    // A Variable of a more specific Type (a known static shape, say) can stand for this one.
    if (this.equals(other.type) || this.isSuperType(other.type)) return other;
    if (allowConvert) {
      const converted = this.convertVariable(other);
      if (converted !== undefined && this.isSuperType(converted.type)) return converted;
    }
    throw new TypeMismatchError({
      op: `${this}.filterVariable`,
      argument: 0,
      expected: `a Variable of type ${this}`,
      given: `${other} of type ${other.type}`,
    });
  }

  /** A new Variable of this Type (a graph input). */
  makeVariable(name?: string): Variable {
    return new Variable(this, null, null, name);
  }

  /** A Constant of this Type holding `filter(value)`. */
  makeConstant(value: unknown, name?: string): Constant {
    return new Constant(this, this.filter(value), name);
  }

  /** Whether two values of this Type are equal (constant merging, tests). */
  valuesEq(a: V, b: V): boolean {
    return this.valueSignature(a) === this.valueSignature(b);
  }

  /** A canonical text of a value: equal values, equal texts (Constant.signature). */
  valueSignature(value: V): string {
    return stableKey(value);
  }

  /** A copy of a value that shares no mutable state with it (shared variables, borrow=false). */
  copyValue(value: V): V {
    return value;
  }

  /** How a constant value is printed. */
  valueToString(value: V): string {
    return typeof value === 'string' ? JSON.stringify(value) : String(value);
  }

  /** A short description of a runtime value for error messages (shape and dtype for tensors). */
  describeValue(value: unknown): string {
    return describeThing(value);
  }
}

/**
 * A Type whose values are any JS values, compared by identity of structure
 * (PyTensor's `Generic`). Useful for Ops that pass opaque objects around.
 *
 * @example
 * const g = generic.makeVariable('anything');
 */
export class GenericType extends Type<unknown> {
  filter(value: unknown): unknown {
    return value;
  }

  hash(): string {
    return 'GenericType';
  }

  toString(): string {
    return 'GenericType';
  }

  override valueSignature(value: unknown): string {
    try {
      return stableKey(value);
    } catch {
      // Values without structural identity (functions, class instances) only equal themselves.
      return `identity:${identityOf(value)}`;
    }
  }
}

const identities = new WeakMap<object, number>();
let nextIdentity = 0;
function identityOf(value: unknown): string {
  if (typeof value !== 'object' && typeof value !== 'function') return String(value);
  if (value === null) return 'null';
  let id = identities.get(value);
  if (id === undefined) {
    id = nextIdentity++;
    identities.set(value, id);
  }
  return String(id);
}

/** The one GenericType instance. */
export const generic = new GenericType();
