import { deepFreeze, stableKey, type Hashable } from '../src';

describe('stableKey', () => {
  test('object key order does not matter', () => {
    expect(stableKey({ b: [1, 2], a: 'x' })).toBe(stableKey({ a: 'x', b: [1, 2] }));
    expect(stableKey({ a: { d: 1, c: 2 } })).toBe(stableKey({ a: { c: 2, d: 1 } }));
  });

  test('array order matters', () => {
    expect(stableKey([1, 2])).not.toBe(stableKey([2, 1]));
  });

  test('-0 and 0 are kept apart, NaN equals NaN, Infinity is distinct', () => {
    expect(stableKey(-0)).not.toBe(stableKey(0));
    expect(stableKey(NaN)).toBe(stableKey(NaN));
    expect(stableKey(NaN)).not.toBe(stableKey(0));
    expect(stableKey(Infinity)).not.toBe(stableKey(-Infinity));
    expect(stableKey(Infinity)).not.toBe(stableKey(1e308));
  });

  test('values of different JS types have different keys', () => {
    const keys = [1, '1', 1n, true, 'true', null, undefined, 'null', [1], { 0: 1 }].map(stableKey);
    expect(new Set(keys).size).toBe(keys.length);
  });

  test('strings that look like the encoding do not collide', () => {
    expect(stableKey(['a', 'b'])).not.toBe(stableKey(['a b']));
    expect(stableKey({ a: 1 })).not.toBe(stableKey(['"a":', 1]));
    expect(stableKey([[1], 2])).not.toBe(stableKey([1, [2]]));
  });

  test('nested structures are compared structurally', () => {
    const a = { axis: [0, 2], opts: { keep: true, names: ['x', 'y'] } };
    const b = { opts: { names: ['x', 'y'], keep: true }, axis: [0, 2] };
    expect(stableKey(a)).toBe(stableKey(b));
    expect(stableKey(a)).not.toBe(stableKey({ ...b, axis: [0, 3] }));
  });

  test('deeply nested data does not overflow the stack', () => {
    let deep: unknown = 0;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(() => stableKey(deep)).not.toThrow();
    expect(stableKey(deep).startsWith('[ [ [')).toBe(true);
  });

  test('typed arrays: contents and element type both count', () => {
    expect(stableKey(new Float64Array([1, 2]))).toBe(stableKey(new Float64Array([1, 2])));
    expect(stableKey(new Float64Array([1, 2]))).not.toBe(stableKey(new Float64Array([1, 3])));
    expect(stableKey(new Float64Array([1, 2]))).not.toBe(stableKey(new Float32Array([1, 2])));
    expect(stableKey(new Float64Array([1, 2]))).not.toBe(stableKey([1, 2]));
    expect(stableKey(new BigInt64Array([1n]))).toBe(stableKey(new BigInt64Array([1n])));
  });

  test('typed arrays keep -0 and 0 apart, as plain numbers do', () => {
    // Consistency with stableKey(-0) !== stableKey(0).
    expect(stableKey(new Float64Array([-0]))).not.toBe(stableKey(new Float64Array([0])));
  });

  test('Hashable objects are keyed by their hash()', () => {
    const h1: Hashable = { hash: () => 'H1' };
    const h1b: Hashable = { hash: () => 'H1' };
    const h2: Hashable = { hash: () => 'H2' };
    expect(stableKey({ op: h1 })).toBe(stableKey({ op: h1b }));
    expect(stableKey({ op: h1 })).not.toBe(stableKey({ op: h2 }));
  });

  test('functions are rejected with a TypeError naming them', () => {
    function myKernel() {
      return 1;
    }
    expect(() => stableKey({ f: myKernel })).toThrow(TypeError);
    expect(() => stableKey({ f: myKernel })).toThrow(/functions have no structural identity \(myKernel\)/);
  });

  test('class instances without hash() are rejected', () => {
    class Opaque {
      x = 1;
    }
    expect(() => stableKey([new Opaque()])).toThrow(/Opaque is not plain data/);
    expect(() => stableKey(new Map())).toThrow(TypeError);
  });

  test('objects with a null prototype are plain data', () => {
    const o = Object.create(null) as Record<string, number>;
    o.a = 1;
    expect(stableKey(o)).toBe(stableKey({ a: 1 }));
  });
});

describe('deepFreeze', () => {
  test('freezes nested arrays and plain objects, and returns its argument', () => {
    const p = { axis: [0, 1], opts: { names: ['a'] } };
    const frozen = deepFreeze(p);
    expect(frozen).toBe(p);
    expect(Object.isFrozen(p)).toBe(true);
    expect(Object.isFrozen(p.axis)).toBe(true);
    expect(Object.isFrozen(p.opts)).toBe(true);
    expect(Object.isFrozen(p.opts.names)).toBe(true);
  });

  test('mutating a frozen value throws in strict mode', () => {
    const p = deepFreeze({ axis: [0, 1] });
    expect(() => {
      (p.axis as number[]).push(2);
    }).toThrow(TypeError);
    expect(() => {
      (p as { axis: unknown }).axis = [];
    }).toThrow(TypeError);
    expect(p.axis).toEqual([0, 1]);
  });

  test('leaves Hashable values, typed arrays and class instances unfrozen', () => {
    class Thing {
      n = 1;
    }
    const hashable = { hash: () => 'h', inner: [1] };
    const ta = new Float64Array([1]);
    const thing = new Thing();
    const p = deepFreeze({ hashable, ta, thing });
    expect(Object.isFrozen(p)).toBe(true);
    expect(Object.isFrozen(hashable)).toBe(false);
    expect(Object.isFrozen(hashable.inner)).toBe(false);
    expect(Object.isFrozen(thing)).toBe(false);
    ta[0] = 5; // typed arrays cannot be frozen; they are left as they are
    expect(ta[0]).toBe(5);
  });

  test('primitives pass through', () => {
    expect(deepFreeze(3)).toBe(3);
    expect(deepFreeze(null)).toBeNull();
    expect(deepFreeze('s')).toBe('s');
  });

  test('a 100,000-deep structure freezes without overflowing the stack', () => {
    let deep: unknown[] = [];
    const root = deep;
    for (let i = 0; i < 100_000; i++) {
      const next: unknown[] = [];
      deep.push(next);
      deep = next;
    }
    deepFreeze(root);
    expect(Object.isFrozen(deep)).toBe(true);
  });
});
