import type { Op } from './op';
import type { Variable } from './basic';
import { Type } from './type';
import { TypeMismatchError } from './errors';

/**
 * The Type of a gradient that does not exist (not implemented, or mathematically
 * undefined). It has no values; `whyNull` says why. grad raises
 * NullTypeGradError when one reaches a requested gradient.
 *
 * @example
 * const g = new NullType('the gradient of argmax is undefined').makeVariable();
 */
export class NullType extends Type<never> {
  constructor(readonly whyNull: string = '(no explanation given)') {
    super();
  }

  filter(value: unknown): never {
    throw new TypeMismatchError({ op: 'NullType.filter', argument: 0, expected: 'no value (a NullType variable has none)', given: String(value) });
  }

  hash(): string {
    return `NullType(${JSON.stringify(this.whyNull)})`;
  }

  toString(): string {
    return 'NullType';
  }
}

/**
 * The Type of a gradient that is zero because the output does not depend on the
 * input at all (PyTensor's DisconnectedType): a symbolic 0 that also says "disconnected".
 *
 * @example
 * const g = disconnectedType(); // g.type instanceof DisconnectedType
 */
export class DisconnectedType extends Type<never> {
  filter(value: unknown): never {
    throw new TypeMismatchError({ op: 'DisconnectedType.filter', argument: 0, expected: 'no value (a DisconnectedType variable is a placeholder)', given: String(value) });
  }

  hash(): string {
    return 'DisconnectedType';
  }

  toString(): string {
    return 'DisconnectedType';
  }
}

/** A new DisconnectedType variable. */
export function disconnectedType(): Variable {
  return new DisconnectedType().makeVariable();
}

/**
 * The gradient of input `xPos` of `op` is mathematically undefined: returns a
 * NullType variable saying so (for Op.grad to return).
 *
 * @example
 * grad([x], [gz]) { return [gradUndefined(this, 0, x, 'argmax is piecewise constant')]; }
 */
export function gradUndefined(op: Op, xPos: number, x: Variable, comment = ''): Variable {
  return new NullType(
    `This variable is Null because the grad method for input ${xPos} (${x}) of the ${op} op is mathematically undefined. ${comment}`.trim(),
  ).makeVariable();
}

/**
 * The gradient of input `xPos` of `op` is not implemented: returns a NullType
 * variable saying so (for Op.grad to return).
 *
 * @example
 * grad([x], [gz]) { return [gradNotImplemented(this, 0, x)]; }
 */
export function gradNotImplemented(op: Op, xPos: number, x: Variable, comment = ''): Variable {
  return new NullType(
    `This variable is Null because the grad method for input ${xPos} (${x}) of the ${op} op is not implemented. ${comment}`.trim(),
  ).makeVariable();
}
