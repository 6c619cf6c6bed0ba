import { Rng, defaultRng } from '../src/rng';

describe('Rng (xoshiro128**)', () => {
  it('matches the reference C implementation from a given state', () => {
    // State and outputs from the reference xoshiro128starstar.c (test data of edorfaus/xoshiro-6502).
    const rng = new Rng([0x964d4a0c, 0xd40ab895, 0xad7fdecb, 0x3006f0f0]);
    expect([rng.nextUint32(), rng.nextUint32(), rng.nextUint32(), rng.nextUint32()]).toEqual([0xf1391922, 0x6fe53806, 0xa5be2840, 0xf510ee70]);
    expect(rng.state).toEqual([0xfc65379c, 0x52006d70, 0x87487639, 0xf1908343]);
  });

  it('follows the xoshiro128** recurrence on a small state', () => {
    // result = rotl(s1 * 5, 7) * 9 with s1 = 2: 10 << 7 = 1280, times 9.
    expect(new Rng([1, 2, 3, 4]).nextUint32()).toBe(11520);
  });

  it('is reproducible from a seed and differs across seeds', () => {
    const a = new Rng(23098);
    const b = new Rng(23098);
    const c = new Rng(23099);
    const xa = Array.from({ length: 5 }, () => a.random());
    expect(Array.from({ length: 5 }, () => b.random())).toEqual(xa);
    expect(Array.from({ length: 5 }, () => c.random())).not.toEqual(xa);
  });

  it('clones and restores its state', () => {
    const a = new Rng(7);
    a.normal();
    const b = a.clone();
    const c = new Rng(a.state);
    expect(b.normal()).toBe(a.clone().normal());
    const next = a.nextUint32();
    expect(c.nextUint32()).toBe(next);
  });

  it('draws uniforms in range with the right moments', () => {
    const rng = new Rng(1);
    const u = rng.uniformArray(20000, 0.5, 1.5);
    expect(Math.min(...u)).toBeGreaterThanOrEqual(0.5);
    expect(Math.max(...u)).toBeLessThan(1.5);
    const mean = u.reduce((s, v) => s + v, 0) / u.length;
    expect(mean).toBeCloseTo(1, 1);
  });

  it('draws normals with mean loc and standard deviation scale', () => {
    const rng = new Rng(2);
    const z = rng.normalArray(20000, 3, 2);
    const mean = z.reduce((s, v) => s + v, 0) / z.length;
    const sd = Math.sqrt(z.reduce((s, v) => s + (v - mean) ** 2, 0) / z.length);
    expect(mean).toBeCloseTo(3, 1);
    expect(Math.abs(sd - 2)).toBeLessThan(0.05);
  });

  it('draws integers in [low, high)', () => {
    const rng = new Rng(3);
    const seen = new Set<number>();
    for (let i = 0; i < 500; i++) {
      const k = rng.integers(-2, 3);
      expect(k).toBeGreaterThanOrEqual(-2);
      expect(k).toBeLessThan(3);
      seen.add(k);
    }
    expect([...seen].sort((p, q) => p - q)).toEqual([-2, -1, 0, 1, 2]);
  });

  it('rejects bad seeds and arguments', () => {
    expect(() => new Rng(0.5)).toThrow(/safe integer/);
    expect(() => new Rng([0, 0, 0, 0])).toThrow(/not all zeros/);
    expect(() => new Rng([1, 2, 3] as never)).toThrow(/four 32-bit words/);
    expect(() => new Rng(1).uniform(1, 0)).toThrow(/>= low/);
    expect(() => new Rng(1).integers(2, 2)).toThrow(/low < high/);
  });

  it('defaultRng passes generators through and seeds numbers', () => {
    const r = new Rng(5);
    expect(defaultRng(r)).toBe(r);
    expect(defaultRng(5).nextUint32()).toBe(new Rng(5).nextUint32());
    expect(new Rng(-1).nextUint32()).not.toBe(new Rng(1).nextUint32());
  });
});
