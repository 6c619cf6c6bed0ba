// random(rows, cols, density): nnz as scipy.sparse.random (fixtures), shape,
// format, dtype, distinct positions and seed reproducibility.
import { ArgumentError } from '@proj/graph';
import { random, sparseEqual, SeededRandom } from '../src';
import * as fs from 'node:fs';
import * as path from 'node:path';

const fixtures = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'sparse-values.json'), 'utf8')) as {
  random: { rows: number; cols: number; density: number; nnz: number }[];
};

describe('random', () => {
  it.each(fixtures.random.map((c) => [`${c.rows}x${c.cols} density ${c.density}`, c] as const))('%s has SciPy nnz', (_n, c) => {
    for (const format of ['csr', 'csc'] as const) {
      const a = random(c.rows, c.cols, c.density, { format, seed: 1 });
      expect(a.format).toBe(format);
      expect(a.shape).toEqual([c.rows, c.cols]);
      expect(a.nnz).toBe(c.nnz);
      expect(a.hasCanonicalFormat).toBe(true); // distinct positions, sorted
      a.check();
    }
  });

  it('is reproducible for a seed and differs between seeds', () => {
    const a = random(30, 40, 0.1, { seed: 7 });
    expect(sparseEqual(a, random(30, 40, 0.1, { seed: 7 }))).toBe(true);
    expect(sparseEqual(a, random(30, 40, 0.1, { seed: 8 }))).toBe(false);
    expect(sparseEqual(a, random(30, 40, 0.1, { seed: 7, format: 'csc' }).tocsr())).toBe(true);
  });

  it('floats are in [0, 1); integers in the dtype range; bool is true', () => {
    const f = random(50, 50, 0.2, { seed: 3 });
    expect(f.dtype).toBe('float64');
    for (const v of f.data as Float64Array) expect(v >= 0 && v < 1).toBe(true);
    expect(random(5, 5, 0.5, { dtype: 'float32', seed: 1 }).data).toBeInstanceOf(Float32Array);
    const i8 = random(40, 40, 0.5, { dtype: 'int8', seed: 2 });
    const vals = Array.from(i8.data as Int8Array);
    expect(Math.min(...vals)).toBeLessThan(-64);
    expect(Math.max(...vals)).toBeGreaterThan(64);
    expect(random(3, 3, 0.5, { dtype: 'int64', seed: 2 }).data).toBeInstanceOf(BigInt64Array);
    expect(random(3, 3, 0.5, { dtype: 'bool', seed: 2 }).data).toEqual(new Uint8Array([1, 1, 1, 1]));
    expect(random(3, 3, 0.5, { dtype: 'complex128', seed: 2 }).data.length).toBe(8);
  });

  it('covers all positions evenly enough', () => {
    const counts = new Array<number>(16).fill(0);
    for (let s = 0; s < 400; s++) {
      const a = random(4, 4, 0.25, { seed: s });
      for (let i = 0; i < 4; i++) for (let k = a.indptr[i]!; k < a.indptr[i + 1]!; k++) counts[i * 4 + a.indices[k]!]!++;
    }
    // 400 draws of 4 of 16 positions: 100 per position on average.
    for (const c of counts) expect(c).toBeGreaterThan(60);
    for (const c of counts) expect(c).toBeLessThan(140);
  });

  it('refuses bad arguments', () => {
    expect(() => random(3, 3, 1.5)).toThrow(ArgumentError);
    expect(() => random(3, 3, -0.1)).toThrow(/density/);
    expect(() => random(-1, 3, 0.1)).toThrow(/rows/);
    expect(() => random(3, 2.5, 0.1)).toThrow(/cols/);
  });

  it('SeededRandom gives uniform doubles in [0, 1)', () => {
    const r = new SeededRandom(123);
    let sum = 0;
    for (let i = 0; i < 10000; i++) {
      const u = r.uniform();
      expect(u >= 0 && u < 1).toBe(true);
      sum += u;
    }
    expect(sum / 10000).toBeCloseTo(0.5, 1);
  });
});
