/**
 * Structural identity for immutable values (Op props, Type parameters): a
 * canonical text key, equal exactly when the values are equal.
 */

/** A value that brings its own identity: Ops, Types and scalar ops used as props. */
export interface Hashable {
  hash(): string;
}

function isHashable(v: unknown): v is Hashable {
  return typeof v === 'object' && v !== null && typeof (v as Hashable).hash === 'function';
}

function isTypedArray(v: unknown): v is ArrayLike<number | bigint> & { constructor: { name: string } } {
  return ArrayBuffer.isView(v) && !(v instanceof DataView);
}

// Stack entries that emit fixed text (closing brackets, object keys).
class Marker {
  constructor(readonly text: string) {}
}
const CLOSE_ARRAY = new Marker(']');
const CLOSE_OBJECT = new Marker('}');

/**
 * A canonical key for plain data: numbers (NaN, -0 and Infinity kept apart),
 * bigints, strings, booleans, null, undefined, arrays, typed arrays, plain
 * objects (keys sorted) and Hashable objects (their hash()).
 *
 * @example
 * stableKey({ b: [1, 2], a: 'x' }) === stableKey({ a: 'x', b: [1, 2] }); // true
 */
export function stableKey(value: unknown): string {
  const parts: string[] = [];
  // Iterative so that deep props cannot overflow the stack; Markers emit fixed text.
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (v instanceof Marker) {
      parts.push(v.text);
      continue;
    }
    switch (typeof v) {
      case 'number':
        parts.push(Object.is(v, -0) ? 'n-0' : `n${v}`);
        break;
      case 'bigint':
        parts.push(`b${v}`);
        break;
      case 'string':
        parts.push(JSON.stringify(v));
        break;
      case 'boolean':
        parts.push(v ? 'T' : 'F');
        break;
      case 'undefined':
        parts.push('u');
        break;
      case 'symbol':
        parts.push(`s${String(v)}`);
        break;
      case 'function':
        throw new TypeError(`stableKey: functions have no structural identity (${(v as { name?: string }).name || 'anonymous'})`);
      case 'object':
        pushObject(v, parts, stack);
        break;
    }
  }
  return parts.join(' ');
}

function pushObject(v: object | null, parts: string[], stack: unknown[]): void {
  if (v === null) {
    parts.push('null');
  } else if (isHashable(v)) {
    parts.push(`h${JSON.stringify(v.hash())}`);
  } else if (isTypedArray(v)) {
    parts.push(`${v.constructor.name}[${Array.from(v as ArrayLike<number>, (x) => (Object.is(x, -0) ? '-0' : String(x))).join(',')}]`);
  } else if (Array.isArray(v)) {
    parts.push('[');
    stack.push(CLOSE_ARRAY);
    for (let i = v.length - 1; i >= 0; i--) stack.push(v[i]);
  } else {
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) {
      throw new TypeError(`stableKey: ${proto?.constructor?.name ?? 'object'} is not plain data and has no hash()`);
    }
    parts.push('{');
    stack.push(CLOSE_OBJECT);
    const keys = Object.keys(v).sort();
    for (let i = keys.length - 1; i >= 0; i--) {
      stack.push((v as Record<string, unknown>)[keys[i]!]);
      stack.push(new Marker(`${JSON.stringify(keys[i])}:`));
    }
  }
}

/**
 * Freezes plain data deeply (arrays and plain objects); Hashable values and typed
 * arrays are left as they are (they are immutable by contract or copied by their owner).
 *
 * @example
 * const p = deepFreeze({ axis: [0, 1] });
 * Object.isFrozen(p.axis); // true
 */
export function deepFreeze<T>(value: T): T {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v !== 'object' || v === null || Object.isFrozen(v) || isHashable(v) || ArrayBuffer.isView(v)) continue;
    const proto = Object.getPrototypeOf(v);
    if (!Array.isArray(v) && proto !== Object.prototype && proto !== null) continue;
    Object.freeze(v);
    for (const child of Object.values(v as object)) stack.push(child);
  }
  return value;
}
