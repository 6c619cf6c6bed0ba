import { Variable } from './basic';
import type { FilterOptions, Type } from './type';
import { checkOptions, optionKeys } from './options';

/** Options of a shared variable's getValue / setValue. */
export interface BorrowOptions {
  /** Use the value itself rather than a copy (default false). */
  borrow?: boolean;
}

/** The cell holding a shared value; clones of a shared variable share it. */
export interface SharedContainer {
  value: unknown;
}

/** Options of SharedVariable's constructor. */
export interface SharedOptions extends FilterOptions, BorrowOptions {
  name?: string;
  /** Share this cell (clones do) instead of holding `value`. */
  container?: SharedContainer;
}

const SHARED_KEYS = optionKeys<SharedOptions>({ name: true, container: true, strict: true, allowDowncast: true, borrow: true });

/**
 * A graph input that holds its own value between calls (PyTensor's
 * SharedVariable): compiled functions read it and may update it. Clones share
 * the value's cell, as in PyTensor.
 *
 * @example
 * const w = new SharedVariable(someType, 0, { name: 'w' });
 * w.setValue(2); w.getValue(); // 2
 */
export class SharedVariable<T extends Type = Type> extends Variable<T> {
  readonly container: SharedContainer;

  constructor(type: T, value: unknown, options: SharedOptions = {}) {
    checkOptions('SharedVariable', options, SHARED_KEYS);
    super(type, null, null, options.name);
    this.container = options.container ?? { value: ownSharedValue(type, value, options) };
  }

  /** The current value: a copy, unless `borrow`. */
  getValue(options: BorrowOptions = {}): unknown {
    checkOptions('SharedVariable.getValue', options, ['borrow']);
    return options.borrow ? this.container.value : this.type.copyValue(this.container.value);
  }

  /** Sets the value (converted with the Type; copied unless `borrow`). */
  setValue(value: unknown, options: BorrowOptions & FilterOptions = {}): void {
    checkOptions('SharedVariable.setValue', options, ['borrow', 'strict', 'allowDowncast']);
    this.container.value = ownSharedValue(this.type, value, options);
  }

  override storedValue(): { readonly value: unknown } {
    return this.container;
  }

  /** A new Variable sharing this one's value cell. */
  override clone(): SharedVariable<T> {
    const Ctor = this.constructor as new (type: T, value: unknown, options: SharedOptions) => SharedVariable<T>;
    const cp = new Ctor(this.type, undefined, { name: this.name, container: this.container });
    cp.tag = { ...this.tag };
    return cp;
  }
}

/**
 * The value a shared variable keeps: `value` converted by its Type, copied
 * unless `borrow` (filter already made a new value when it converted).
 *
 * @example
 * container.value = ownSharedValue(type, [1, 2], { borrow: false });
 */
export function ownSharedValue(type: Type, value: unknown, options: BorrowOptions & FilterOptions): unknown {
  const filtered = type.filter(value, options);
  return options.borrow || filtered !== value ? filtered : type.copyValue(filtered);
}
